import type { Kysely } from 'kysely';
import type { Executor } from '../../db/database';
import { storedInstant } from '../visits/visit.repository';
import type {
  CompanyRefTable,
  SprintParticipantTable,
  SprintPublishedVisitTable,
  SprintRegistrationTable,
  SprintTable,
} from './sprint.table';

// ---- sprint ----------------------------------------------------------------------------------

export async function insertSprint(db: Executor, row: SprintTable): Promise<void> {
  await db.insertInto('sprint').values(row).execute();
}

export async function findSprintRow(db: Executor, id: string): Promise<SprintTable | undefined> {
  return db.selectFrom('sprint').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSprintBySlug(db: Executor, slug: string): Promise<SprintTable | undefined> {
  return db.selectFrom('sprint').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function listSprintRows(db: Executor, municipalityId: string): Promise<SprintTable[]> {
  return db
    .selectFrom('sprint')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('day', 'desc')
    .execute();
}

/**
 * Writes the patch only if the sprint still has the version the caller read, and raises the
 * version; false when someone else saved first (optimistic concurrency).
 */
export async function updateSprintVersioned(
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<SprintTable, 'id' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('sprint')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Writes without a version check: for a caller that already claimed the version in this transaction. */
export async function updateSprintRow(
  db: Executor,
  id: string,
  patch: Partial<Omit<SprintTable, 'id' | 'version'>>,
): Promise<void> {
  await db.updateTable('sprint').set(patch).where('id', '=', id).execute();
}

export async function slugTaken(db: Executor, slug: string): Promise<boolean> {
  return Boolean(await db.selectFrom('sprint').select('id').where('slug', '=', slug).executeTakeFirst());
}

/** The sprints a person is on the roster of. */
export async function sprintIdsOfParticipant(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sprint_participant')
    .select('sprint_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.sprint_id);
}

export async function countRegistrations(db: Executor, sprintId: string): Promise<number> {
  const r = await db
    .selectFrom('sprint_registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sprint_id', '=', sprintId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---- roster ----------------------------------------------------------------------------------

export interface ParticipantRow extends SprintParticipantTable {
  name: string;
  title: string;
  email: string;
  phone: string;
  staff_group: string;
  party: string | null;
  expertise: string;
  /** app_user.active: a person deactivated after joining stays on the roster but takes no part. */
  active: number;
}

export async function listParticipantRows(db: Executor, sprintId: string): Promise<ParticipantRow[]> {
  const rows = await db
    .selectFrom('sprint_participant')
    .innerJoin('app_user', 'app_user.id', 'sprint_participant.user_id')
    .select([
      'sprint_participant.sprint_id',
      'sprint_participant.user_id',
      'sprint_participant.available',
      'sprint_participant.max_visits',
      'app_user.name',
      'app_user.title',
      'app_user.email',
      'app_user.phone',
      'app_user.staff_group',
      'app_user.party',
      'app_user.expertise',
      'app_user.active',
    ])
    .where('sprint_participant.sprint_id', '=', sprintId)
    .execute();
  const collator = new Intl.Collator('sv');
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** A sprint's participants who could take part today: active staff or admins (not readers). */
export async function listParticipantsWhoCanTakePart(
  db: Executor,
  sprintId: string,
): Promise<Array<{ user_id: string; max_visits: number | null }>> {
  return db
    .selectFrom('sprint_participant')
    .innerJoin('app_user', 'app_user.id', 'sprint_participant.user_id')
    .select(['sprint_participant.user_id', 'sprint_participant.max_visits'])
    .where('sprint_participant.sprint_id', '=', sprintId)
    .where('app_user.active', '=', 1)
    .where('app_user.role', '!=', 'viewer')
    .execute();
}

/** Staff by id, on the roster or not (someone sent a visit may have left it since). */
export async function listPeopleByIds(
  db: Executor,
  ids: Iterable<string>,
): Promise<Array<{ id: string; name: string; title: string; email: string; active: number }>> {
  const list = [...new Set(ids)];
  if (!list.length) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'title', 'email', 'active'])
    .where('id', 'in', list)
    .execute();
}

export async function replaceParticipantRows(
  db: Executor,
  sprintId: string,
  rows: SprintParticipantTable[],
): Promise<void> {
  await db.deleteFrom('sprint_participant').where('sprint_id', '=', sprintId).execute();
  if (rows.length) await db.insertInto('sprint_participant').values(rows).execute();
}

export async function updateParticipantRow(
  db: Executor,
  sprintId: string,
  userId: string,
  patch: Partial<Pick<SprintParticipantTable, 'available' | 'max_visits'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('sprint_participant')
    .set(patch)
    .where('sprint_id', '=', sprintId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---- registrations ---------------------------------------------------------------------------

export interface RegistrationRow extends SprintRegistrationTable {
  verified: number;
}

function registrationQuery(db: Executor) {
  return (db as unknown as Kysely<{ sprint_registration: SprintRegistrationTable; company: CompanyRefTable }>)
    .selectFrom('sprint_registration')
    .innerJoin('company', 'company.id', 'sprint_registration.company_id')
    .selectAll('sprint_registration')
    .select('company.verified');
}

export async function listRegistrationRows(db: Executor, sprintId: string): Promise<RegistrationRow[]> {
  const rows = await registrationQuery(db).where('sprint_registration.sprint_id', '=', sprintId).execute();
  const collator = new Intl.Collator('sv');
  return rows.sort((a, b) => collator.compare(a.company_name, b.company_name));
}

export async function findRegistrationRow(db: Executor, id: string): Promise<RegistrationRow | undefined> {
  return registrationQuery(db).where('sprint_registration.id', '=', id).executeTakeFirst();
}

export async function findRegistrationByOrgNr(
  db: Executor,
  sprintId: string,
  orgNr: string,
): Promise<SprintRegistrationTable | undefined> {
  return db
    .selectFrom('sprint_registration')
    .selectAll()
    .where('sprint_id', '=', sprintId)
    .where('org_nr', '=', orgNr)
    .executeTakeFirst();
}

export async function findRegistrationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<SprintRegistrationTable | undefined> {
  return db
    .selectFrom('sprint_registration')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** False when the sprint already has a registration of the organisation number (sent twice at once). */
export async function insertRegistration(db: Executor, row: SprintRegistrationTable): Promise<boolean> {
  const res = await db
    .insertInto('sprint_registration')
    .values(row)
    .onConflict((oc) => oc.columns(['sprint_id', 'org_nr']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateRegistrationRow(
  db: Executor,
  id: string,
  patch: Partial<Omit<SprintRegistrationTable, 'id' | 'sprint_id'>>,
): Promise<void> {
  await db.updateTable('sprint_registration').set(patch).where('id', '=', id).execute();
}

/** Updates a registration only if it is as the caller saw it; false when it has changed since. */
export async function updateRegistrationIfUnchanged(
  db: Executor,
  id: string,
  seenUpdatedAt: string,
  patch: Partial<Omit<SprintRegistrationTable, 'id' | 'sprint_id'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('sprint_registration')
    .set(patch)
    .where('id', '=', id)
    .where('updated_at', '=', seenUpdatedAt)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---- the company register (owned by the companies module; this module reads and adds) -------

function companies(db: Executor) {
  return db as unknown as Kysely<{ company: CompanyRefTable & Record<string, unknown> }>;
}

export async function findCompanyByOrgNr(db: Executor, orgNr: string): Promise<CompanyRefTable | undefined> {
  return companies(db)
    .selectFrom('company')
    .select(['id', 'org_nr', 'name', 'visit_address', 'postal_code', 'postal_town', 'lat', 'lon', 'verified'])
    .where('org_nr', '=', orgNr)
    .executeTakeFirst() as Promise<CompanyRefTable | undefined>;
}

// ---- published visits ------------------------------------------------------------------------

export async function listPublishedRows(
  db: Executor,
  sprintId: string,
): Promise<SprintPublishedVisitTable[]> {
  return db.selectFrom('sprint_published_visit').selectAll().where('sprint_id', '=', sprintId).execute();
}

export async function insertPublishedRow(db: Executor, row: SprintPublishedVisitTable): Promise<void> {
  await db.insertInto('sprint_published_visit').values(row).execute();
}

export async function updatePublishedRow(
  db: Executor,
  registrationId: string,
  patch: Partial<Omit<SprintPublishedVisitTable, 'registration_id'>>,
): Promise<void> {
  await db
    .updateTable('sprint_published_visit')
    .set(patch)
    .where('registration_id', '=', registrationId)
    .execute();
}

/** Visits outside this sprint (not cancelled) that these people have in [startsAt, endsAt). */
export async function otherVisitsOverlapping(
  db: Executor,
  sprintId: string,
  userIds: string[],
  startsAt: string,
  endsAt: string,
): Promise<Array<{ user_id: string; starts_at: string; ends_at: string }>> {
  if (!userIds.length) return [];
  return db
    .selectFrom('visit_participant')
    .innerJoin('visit', 'visit.id', 'visit_participant.visit_id')
    .select(['visit_participant.user_id', 'visit.starts_at', 'visit.ends_at'])
    .where('visit_participant.user_id', 'in', userIds)
    .where('visit.status', '!=', 'cancelled')
    .where('visit.starts_at', '<', storedInstant(endsAt))
    .where('visit.ends_at', '>', storedInstant(startsAt))
    .where((eb) => eb.or([eb('visit.programme_id', 'is', null), eb('visit.programme_id', '!=', sprintId)]))
    .execute();
}
