import type { Executor } from '../../db/database';
import type { AppUserTable } from './user.table';
import type { StaffMember } from '../../contracts/staff';

export function toStaffMember(r: AppUserTable): StaffMember {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    title: r.title,
    phone: r.phone,
    role: r.role as StaffMember['role'],
    group: r.staff_group as StaffMember['group'],
    party: (r.party as StaffMember['party']) ?? null,
    expertise: JSON.parse(r.expertise) as string[],
    active: r.active === 1,
  };
}

export async function listStaff(db: Executor, municipalityId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('app_user')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .execute();
  const collator = new Intl.Collator('sv');
  return rows.map(toStaffMember).sort((a, b) => collator.compare(a.name, b.name));
}

export async function findStaff(db: Executor, id: string): Promise<AppUserTable | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffByEmail(db: Executor, email: string): Promise<AppUserTable | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function insertStaff(db: Executor, row: AppUserTable): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

export async function updateStaff(db: Executor, id: string, patch: Partial<AppUserTable>): Promise<void> {
  await db.updateTable('app_user').set(patch).where('id', '=', id).execute();
}
