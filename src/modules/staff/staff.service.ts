import type { Executor } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { AppError, conflict, notFound, validation } from '../../server/errors';
import { newId } from '../../lib/ids';
import { hashPassword } from '../auth/password';
import { checkPasswordStrength } from '../auth/password-strength';
import { listTopics } from '../municipality/municipality.repository';
import type { StaffMember } from '../../contracts/staff';
import type { z } from 'zod';
import type { CreateStaffBody, UpdateStaffBody } from '../../contracts/staff';
import { findStaff, findStaffByEmail, insertStaff, toStaffMember, updateStaff } from './staff.repository';
import type { AppUserTable } from './user.table';

type CreateInput = z.output<typeof CreateStaffBody>;
type UpdateInput = z.output<typeof UpdateStaffBody>;

/**
 * Areas of expertise must be the municipality's topics; an inactivated topic may stay with those
 * who have it (`had`) but is not given to anyone new.
 */
async function checkExpertise(
  db: Executor,
  municipalityId: string,
  expertise: string[] | undefined,
  had: readonly string[] = [],
): Promise<void> {
  if (!expertise?.length) return;
  const topics = new Map((await listTopics(db, municipalityId, true)).map((t) => [t.slug, t]));
  const unknown = expertise.filter((e) => !topics.has(e));
  if (unknown.length) {
    throw validation([{ path: 'expertise', message: `okänt ämne: ${unknown.join(', ')}` }]);
  }
  const inactive = expertise.filter((e) => !topics.get(e)!.active && !had.includes(e));
  if (inactive.length) {
    throw validation([
      {
        path: 'expertise',
        message: `ämnet ${inactive.map((e) => topics.get(e)!.labelSv).join(', ')} är inaktiverat och kan inte väljas`,
      },
    ]);
  }
}

/** Refuses a change that would leave the municipality without an active admin. */
async function keepAnAdmin(
  db: Executor,
  municipalityId: string,
  existing: { id: string; role: string; active: number },
  input: UpdateInput,
): Promise<void> {
  const stopsBeingAdmin =
    existing.role === 'admin' &&
    existing.active === 1 &&
    ((input.role !== undefined && input.role !== 'admin') || input.active === false);
  if (!stopsBeingAdmin) return;
  // Two admins demoting each other at once: on PostgreSQL each transaction would count the other
  // as still there. Writing the municipality's row first makes the second wait for the first to
  // commit and then count what it left (SQLite runs one write transaction at a time anyway).
  await db
    .updateTable('municipality')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', municipalityId)
    .execute();
  const others = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipality_id', '=', municipalityId)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    // One who has no password yet cannot sign in to take over.
    .where('password_hash', 'is not', null)
    .where('id', '!=', existing.id)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) {
    throw conflict(
      'Det måste finnas minst en aktiv administratör. Gör någon annan till administratör först.',
      [
        {
          path: input.active === false ? 'active' : 'role',
          message: 'minst en aktiv administratör måste finnas kvar',
        },
      ],
    );
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
  const emailTaken = () =>
    conflict(`Det finns redan en användare med e-postadressen ${input.email}.`, [
      { path: 'email', message: 'används redan' },
    ]);
  if (await findStaffByEmail(db, input.email)) throw emailTaken();
  checkParty(input.group, input.party);
  if (input.password) checkPasswordStrength('password', input.password, [input.email, input.name]);
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
  try {
    await insertStaff(db, row);
  } catch (err) {
    // Added by another admin a moment ago (the check above saw no one yet).
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
  return toStaffMember(row);
}

export async function updateStaffMember(
  db: Executor,
  municipalityId: string,
  id: string,
  input: UpdateInput,
  now: Date,
  actorId?: string,
): Promise<StaffMember> {
  const existing = await findStaff(db, id);
  if (!existing || existing.municipality_id !== municipalityId) throw notFound('Användaren');
  if (actorId === id && input.active === false) {
    throw validation(
      [{ path: 'active', message: 'ditt eget konto kan bara en annan administratör inaktivera' }],
      'Du kan inte inaktivera ditt eget konto; be en annan administratör göra det.',
    );
  }
  if (actorId === id && input.password !== undefined) {
    // Here no current password is asked for: a session left open (or stolen) must not be enough
    // to take the account.
    throw validation(
      [{ path: 'password', message: 'ditt eget lösenord byter du under Mitt konto, med det nuvarande' }],
      'Ditt eget lösenord byter du under Mitt konto.',
    );
  }
  await keepAnAdmin(db, municipalityId, existing, input);
  const newEmail = input.email !== undefined && input.email !== existing.email ? input.email : null;
  const emailTaken = () =>
    conflict(`Det finns redan en användare med e-postadressen ${newEmail}.`, [
      { path: 'email', message: 'används redan' },
    ]);
  if (newEmail && (await findStaffByEmail(db, newEmail))) throw emailTaken();
  const group = input.group ?? existing.staff_group;
  const party = input.party !== undefined ? input.party : existing.party;
  checkParty(group, party);
  await checkExpertise(db, municipalityId, input.expertise, toStaffMember(existing).expertise);
  const patch: Partial<AppUserTable> = { updated_at: now.toISOString() };
  if (newEmail) patch.email = newEmail;
  if (input.name !== undefined) patch.name = input.name;
  if (input.title !== undefined) patch.title = input.title;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.role !== undefined) patch.role = input.role;
  if (input.group !== undefined) patch.staff_group = input.group;
  patch.party = group === 'politician' ? (party ?? null) : null;
  if (input.expertise !== undefined) patch.expertise = JSON.stringify(input.expertise);
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (input.password !== undefined) {
    checkPasswordStrength('password', input.password, [
      newEmail ?? existing.email,
      input.name ?? existing.name,
    ]);
    patch.password_hash = await hashPassword(input.password);
  }
  try {
    await updateStaff(db, id, patch);
  } catch (err) {
    // Taken by someone added a moment ago (the check above saw no one yet).
    if (newEmail && isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
  // Deactivated, or a password set for them (an admin's reset, `besok users passwd`): all their
  // sessions end, so a reset of a stolen account logs the intruder out.
  if (input.active === false || input.password !== undefined)
    await db.deleteFrom('session').where('user_id', '=', id).execute();
  const updated = await findStaff(db, id);
  if (!updated) throw new AppError('INTERNAL', 'Användaren försvann under uppdateringen.');
  return toStaffMember(updated);
}
