import type { Executor } from '../../db/database';
import { AppError, conflict, notFound, validation } from '../../server/errors';
import { newId } from '../../lib/ids';
import { hashPassword } from '../auth/password';
import { listTopics } from '../municipality/municipality.repository';
import type { StaffMember } from '../../contracts/staff';
import type { z } from 'zod';
import type { CreateStaffBody, UpdateStaffBody } from '../../contracts/staff';
import { findStaff, findStaffByEmail, insertStaff, toStaffMember, updateStaff } from './staff.repository';
import type { AppUserTable } from './user.table';

type CreateInput = z.output<typeof CreateStaffBody>;
type UpdateInput = z.output<typeof UpdateStaffBody>;

async function checkExpertise(
  db: Executor,
  municipalityId: string,
  expertise: string[] | undefined,
): Promise<void> {
  if (!expertise?.length) return;
  const known = new Set((await listTopics(db, municipalityId, true)).map((t) => t.slug));
  const unknown = expertise.filter((e) => !known.has(e));
  if (unknown.length) {
    throw validation([{ path: 'expertise', message: `okänt ämne: ${unknown.join(', ')}` }]);
  }
}

function checkParty(group: string, party: string | null | undefined): void {
  if (party && group !== 'politician') {
    throw validation([{ path: 'party', message: 'majoritet/opposition gäller bara politiker' }]);
  }
}

export async function createStaff(
  db: Executor,
  municipalityId: string,
  input: CreateInput,
  now: Date,
): Promise<StaffMember> {
  if (await findStaffByEmail(db, input.email)) {
    throw conflict(`Det finns redan en användare med e-postadressen ${input.email}.`, [
      { path: 'email', message: 'används redan' },
    ]);
  }
  checkParty(input.group, input.party);
  await checkExpertise(db, municipalityId, input.expertise);
  const row: AppUserTable = {
    id: newId(),
    municipality_id: municipalityId,
    email: input.email,
    name: input.name,
    title: input.title,
    phone: input.phone,
    role: input.role,
    staff_group: input.group,
    party: input.group === 'politician' ? input.party : null,
    expertise: JSON.stringify(input.expertise),
    password_hash: input.password ? await hashPassword(input.password) : null,
    active: 1,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await insertStaff(db, row);
  return toStaffMember(row);
}

export async function updateStaffMember(
  db: Executor,
  municipalityId: string,
  id: string,
  input: UpdateInput,
  now: Date,
): Promise<StaffMember> {
  const existing = await findStaff(db, id);
  if (!existing || existing.municipality_id !== municipalityId) throw notFound('Användaren');
  const group = input.group ?? existing.staff_group;
  const party = input.party !== undefined ? input.party : existing.party;
  checkParty(group, party);
  await checkExpertise(db, municipalityId, input.expertise);
  const patch: Partial<AppUserTable> = { updated_at: now.toISOString() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.title !== undefined) patch.title = input.title;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.role !== undefined) patch.role = input.role;
  if (input.group !== undefined) patch.staff_group = input.group;
  patch.party = group === 'politician' ? (party ?? null) : null;
  if (input.expertise !== undefined) patch.expertise = JSON.stringify(input.expertise);
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (input.password !== undefined) patch.password_hash = await hashPassword(input.password);
  await updateStaff(db, id, patch);
  if (input.active === false) await db.deleteFrom('session').where('user_id', '=', id).execute();
  const updated = await findStaff(db, id);
  if (!updated) throw new AppError('INTERNAL', 'Användaren försvann under uppdateringen.');
  return toStaffMember(updated);
}
