import type { Executor, Transaction } from '../../db/database';
import { newId } from '../../lib/ids';
import type {
  RelayBatonTable,
  RelayEventTable,
  RelayLegTable,
  RelayNominationTable,
  RelayProgrammeTable,
} from './relay.table';

/** Every SQL statement of the relay, except the register reads in relay.companies.ts. */

export { isUniqueViolation } from '../../db/errors';

// ---------------------------------------------------------------------------------------------
// Programmes

export async function insertProgramme(db: Executor, row: RelayProgrammeTable): Promise<void> {
  await db.insertInto('relay_programme').values(row).execute();
}

export async function updateProgrammeRow(
  db: Executor,
  id: string,
  patch: Partial<RelayProgrammeTable>,
): Promise<void> {
  await db.updateTable('relay_programme').set(patch).where('id', '=', id).execute();
}

export async function findProgramme(db: Executor, id: string): Promise<RelayProgrammeTable | undefined> {
  return db.selectFrom('relay_programme').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listProgrammeRows(
  db: Executor,
  municipalityId: string,
): Promise<RelayProgrammeTable[]> {
  return db
    .selectFrom('relay_programme')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Writes the programme's row without changing it: a row lock held to the end of the transaction,
 * so on PostgreSQL a second writer waits here for the first to commit and then reads what it left
 * (SQLite runs one write transaction at a time anyway). Taken first, before any other write, by the
 * changes that count or number within a programme or must not outlive its closing.
 */
export async function lockProgramme(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('relay_programme')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .execute();
}

export async function listActiveProgrammes(db: Executor): Promise<RelayProgrammeTable[]> {
  return db.selectFrom('relay_programme').selectAll().where('status', '=', 'active').execute();
}

// ---------------------------------------------------------------------------------------------
// Batons

export async function insertBaton(db: Executor, row: RelayBatonTable): Promise<void> {
  await db.insertInto('relay_baton').values(row).execute();
}

export async function nextBatonNumber(db: Executor, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('relay_baton')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function findBaton(db: Executor, id: string): Promise<RelayBatonTable | undefined> {
  return db.selectFrom('relay_baton').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listBatons(db: Executor, programmeId: string): Promise<RelayBatonTable[]> {
  return db
    .selectFrom('relay_baton')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('number')
    .execute();
}

export async function countActiveBatons(db: Executor, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('relay_baton')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function updateBaton(db: Executor, id: string, patch: Partial<RelayBatonTable>): Promise<void> {
  await db.updateTable('relay_baton').set(patch).where('id', '=', id).execute();
}

/** Marks a baton as flagged for standing still, once: false if someone flagged it already. */
export async function flagStall(db: Executor, id: string, movedAt: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('relay_baton')
    .set({ stall_notified_at: now })
    .where('id', '=', id)
    .where('moved_at', '=', movedAt)
    .where('stall_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Legs

export async function insertLeg(db: Executor, row: RelayLegTable): Promise<void> {
  await db.insertInto('relay_leg').values(row).execute();
}

export async function nextLegSeq(db: Executor, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('relay_leg')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function findLeg(db: Executor, id: string): Promise<RelayLegTable | undefined> {
  return db.selectFrom('relay_leg').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The booked leg whose visit this is, if any. */
export async function findBookedLegByVisit(
  db: Executor,
  visitId: string,
): Promise<RelayLegTable | undefined> {
  return db
    .selectFrom('relay_leg')
    .selectAll()
    .where('visit_id', '=', visitId)
    .where('status', '=', 'booked')
    .executeTakeFirst();
}

export async function findLegByToken(db: Executor, tokenHash: string): Promise<RelayLegTable | undefined> {
  return db
    .selectFrom('relay_leg')
    .selectAll()
    .where('nominate_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

// seq is max + 1, which two writers at once can both take: created_at and id make the order fixed.
export async function listLegs(db: Executor, programmeId: string): Promise<RelayLegTable[]> {
  return db
    .selectFrom('relay_leg')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('seq')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Claims a leg for a step that must happen once (booking its visit, marking it visited): true only
 * for the one transaction that still finds the leg as it read it. On PostgreSQL a second request
 * that passed the same checks waits here for the first to commit and then matches nothing.
 */
export async function claimLeg(
  db: Executor,
  leg: Pick<RelayLegTable, 'id' | 'status' | 'visit_id'>,
  now: string,
): Promise<boolean> {
  let q = db
    .updateTable('relay_leg')
    .set({ updated_at: now })
    .where('id', '=', leg.id)
    .where('status', '=', leg.status);
  q = leg.visit_id === null ? q.where('visit_id', 'is', null) : q.where('visit_id', '=', leg.visit_id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Spends every private link of a programme's companies to name the next (the relay is closed). */
export async function clearNominateLinks(db: Executor, programmeId: string, now: string): Promise<void> {
  await db
    .updateTable('relay_leg')
    .set({ nominate_token_hash: null, updated_at: now })
    .where('programme_id', '=', programmeId)
    .where('nominate_token_hash', 'is not', null)
    .execute();
}

export async function updateLeg(db: Executor, id: string, patch: Partial<RelayLegTable>): Promise<void> {
  await db.updateTable('relay_leg').set(patch).where('id', '=', id).execute();
}

/** The accepted invitation of a company whose baton ended before its visit (see NOMINATION_STATUSES). */
export async function markNominationDropped(db: Executor, id: string, now: string): Promise<void> {
  await db
    .updateTable('relay_nomination')
    .set({ status: 'not_visited', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'accepted')
    .execute();
}

/** A leg that never got its visit (its baton ended first): the company leaves the relay. */
export async function deleteLeg(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('relay_leg').where('id', '=', id).execute();
}

export async function companiesInRelay(db: Executor, programmeId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('relay_leg')
    .select('company_id')
    .where('programme_id', '=', programmeId)
    .execute();
  return new Set(rows.map((r) => r.company_id));
}

/** When each relay visit was made, and for which company (legs visited or passed on). */
export async function visitedLegs(
  db: Executor,
  programmeId: string,
): Promise<Array<{ company_id: string; visited_at: string; show_publicly: number }>> {
  const rows = await db
    .selectFrom('relay_leg')
    .select(['company_id', 'visited_at', 'show_publicly'])
    .where('programme_id', '=', programmeId)
    .where('status', 'in', ['visited', 'passed'])
    .where('visited_at', 'is not', null)
    .orderBy('visited_at')
    .execute();
  return rows.map((r) => ({ ...r, visited_at: r.visited_at ?? '' }));
}

// ---------------------------------------------------------------------------------------------
// Nominations

export async function insertNomination(
  db: Transaction,
  row: Omit<RelayNominationTable, 'seq' | 'reminder_token_hash'>,
): Promise<void> {
  const r = await db
    .selectFrom('relay_nomination')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('programme_id', '=', row.programme_id)
    .executeTakeFirst();
  await db
    .insertInto('relay_nomination')
    .values({ ...row, reminder_token_hash: null, seq: Number(r?.n ?? 0) + 1 })
    .execute();
}

export async function findNomination(db: Executor, id: string): Promise<RelayNominationTable | undefined> {
  return db.selectFrom('relay_nomination').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findNominationByToken(
  db: Executor,
  tokenHash: string,
): Promise<RelayNominationTable | undefined> {
  return db
    .selectFrom('relay_nomination')
    .selectAll()
    .where((eb) => eb.or([eb('token_hash', '=', tokenHash), eb('reminder_token_hash', '=', tokenHash)]))
    .executeTakeFirst();
}

// seq is max + 1, which two writers at once can both take: created_at and id make the order fixed.
export async function listNominations(db: Executor, programmeId: string): Promise<RelayNominationTable[]> {
  return db
    .selectFrom('relay_nomination')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('seq')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function batonNominations(db: Executor, batonId: string): Promise<RelayNominationTable[]> {
  return db
    .selectFrom('relay_nomination')
    .selectAll()
    .where('baton_id', '=', batonId)
    .orderBy('seq')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The programme's invitations still awaiting an answer. */
export async function openNominations(db: Executor, programmeId: string): Promise<RelayNominationTable[]> {
  return db
    .selectFrom('relay_nomination')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'invited')
    .orderBy('seq')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Closes an invitation that still awaits an answer: returns false when it was answered (or closed)
 * in the meantime, so a decline and a time-out racing each other close it once.
 */
export async function closeNomination(
  db: Executor,
  id: string,
  status: 'accepted' | 'declined' | 'expired' | 'withdrawn',
  now: string,
  note = '',
): Promise<boolean> {
  const r = await db
    .updateTable('relay_nomination')
    .set({
      status,
      open_company_key: null,
      open_baton_key: null,
      answered_at: now,
      answer_note: note,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markReminded(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('relay_nomination')
    .set({ reminded_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'invited')
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setReminderToken(db: Executor, id: string, tokenHash: string): Promise<void> {
  await db
    .updateTable('relay_nomination')
    .set({ reminder_token_hash: tokenHash })
    .where('id', '=', id)
    .execute();
}

/** Companies with an invitation awaiting an answer, in any relay. */
export async function companiesInvitedNow(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('relay_nomination')
    .select('company_id')
    .where('status', '=', 'invited')
    .execute();
  return new Set(rows.map((r) => r.company_id));
}

export async function companiesDeclinedIn(db: Executor, programmeId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('relay_nomination')
    .select('company_id')
    .where('programme_id', '=', programmeId)
    .where('status', 'in', ['declined', 'expired'])
    .execute();
  return new Set(rows.map((r) => r.company_id));
}

// ---------------------------------------------------------------------------------------------
// Events: every step kept

export async function appendEvent(
  db: Executor,
  e: Omit<RelayEventTable, 'id' | 'seq' | 'detail'> & { detail?: Record<string, unknown> },
): Promise<void> {
  const r = await db
    .selectFrom('relay_event')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('programme_id', '=', e.programme_id)
    .executeTakeFirst();
  await db
    .insertInto('relay_event')
    .values({ ...e, id: newId(), seq: Number(r?.n ?? 0) + 1, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export async function listEvents(db: Executor, programmeId: string): Promise<RelayEventTable[]> {
  return (
    db
      .selectFrom('relay_event')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('at')
      .orderBy('seq')
      // seq is max + 1, which two writers at once can both take: the id makes the order fixed.
      .orderBy('id')
      .execute()
  );
}

// ---------------------------------------------------------------------------------------------
// People and places

/** The business unit's active staff, who are told when a baton comes back or stands still. */
export async function businessUnitEmails(db: Executor, municipalityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('email')
    .where('municipality_id', '=', municipalityId)
    .where('staff_group', '=', 'business')
    .where('active', '=', 1)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/** The people named for a relay visit's team: their group for the team rule, and whether they may go. */
export async function staffGroups(
  db: Executor,
  municipalityId: string,
  ids: string[],
): Promise<Array<{ id: string; name: string; staff_group: string; role: string; active: number }>> {
  if (!ids.length) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'staff_group', 'role', 'active'])
    .where('municipality_id', '=', municipalityId)
    .where('id', 'in', ids)
    .execute();
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function municipalityName(db: Executor, id: string): Promise<string> {
  const r = await db.selectFrom('municipality').select('name').where('id', '=', id).executeTakeFirst();
  return r?.name ?? '';
}

/** Who is on each visit's team. */
export async function visitTeams(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>();
  if (!ids.length) return teams;
  const rows = await db
    .selectFrom('visit_participant')
    .select(['visit_id', 'user_id'])
    .where('visit_id', 'in', ids)
    .execute();
  for (const r of rows) teams.set(r.visit_id, [...(teams.get(r.visit_id) ?? []), r.user_id]);
  return teams;
}

export async function visitTimes(
  db: Executor,
  ids: string[],
): Promise<Map<string, { starts_at: string; ends_at: string; status: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('visit')
    .select(['id', 'starts_at', 'ends_at', 'status'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { starts_at: r.starts_at, ends_at: r.ends_at, status: r.status }]));
}
