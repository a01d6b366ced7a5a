import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { ext } from './external.tables';
import type { VisitTable } from './visit.table';

export interface VisitRow extends VisitTable {
  participant_ids: string[];
}

/**
 * Adds a visit and its participants. False, and nothing added, when its creator already made a
 * visit with the same request key (the same form sent twice, the other send first).
 */
export async function insertVisit(db: Executor, row: VisitTable, participantIds: string[]): Promise<boolean> {
  const res = await db
    .insertInto('visit')
    .values(row)
    .onConflict((oc) => oc.columns(['created_by', 'request_key']).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  if (participantIds.length) {
    await db
      .insertInto('visit_participant')
      .values(participantIds.map((user_id) => ({ visit_id: row.id, user_id })))
      .execute();
  }
  return true;
}

/** The visit a person's form already made with this request key, if any. */
export async function findVisitIdByRequestKey(
  db: Executor,
  createdBy: string,
  requestKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('visit')
    .select('id')
    .where('created_by', '=', createdBy)
    .where('request_key', '=', requestKey)
    .executeTakeFirst();
  return row?.id;
}

export async function findVisitRow(db: Executor, id: string): Promise<VisitRow | undefined> {
  const row = await db.selectFrom('visit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const parts = await db
    .selectFrom('visit_participant')
    .select('user_id')
    .where('visit_id', '=', id)
    .execute();
  return { ...row, participant_ids: parts.map((p) => p.user_id) };
}

/**
 * Updates a visit only if it still has the version the caller read (optimistic concurrency);
 * returns false when someone else changed it first.
 */
export async function updateVisitRow(
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<VisitTable, 'id' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('visit')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function replaceParticipants(db: Executor, visitId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom('visit_participant').where('visit_id', '=', visitId).execute();
  if (userIds.length) {
    await db
      .insertInto('visit_participant')
      .values(userIds.map((user_id) => ({ visit_id: visitId, user_id })))
      .execute();
  }
}

/** Visits (not cancelled) of these people that overlap [startsAt, endsAt). */
/**
 * An instant as visits store it ("2026-05-12T07:15:00.000Z"), so that comparing the text compares
 * the times: a request may say "09:15+02:00", and a sprint's slot "07:15:00Z".
 */
export function storedInstant(iso: string): string {
  return new Date(iso).toISOString();
}

export async function overlappingVisits(
  db: Executor,
  userIds: string[],
  startsAt: string,
  endsAt: string,
  excludeVisitId?: string,
): Promise<Array<{ visit_id: string; user_id: string; starts_at: string; ends_at: string }>> {
  if (!userIds.length) return [];
  let q = db
    .selectFrom('visit_participant')
    .innerJoin('visit', 'visit.id', 'visit_participant.visit_id')
    .select(['visit.id as visit_id', 'visit_participant.user_id', 'visit.starts_at', 'visit.ends_at'])
    .where('visit_participant.user_id', 'in', userIds)
    .where('visit.status', '!=', 'cancelled')
    .where('visit.starts_at', '<', storedInstant(endsAt))
    .where('visit.ends_at', '>', storedInstant(startsAt));
  if (excludeVisitId) q = q.where('visit.id', '!=', excludeVisitId);
  return q.execute();
}

export interface VisitFilter {
  municipalityId: string;
  participantId?: string;
  companyId?: string;
  programmeType?: string;
  programmeId?: string;
  unplanned?: boolean;
  fromIso?: string;
  toIso?: string;
  status?: string;
  ids?: string[];
}

export interface VisitListRow extends VisitRow {
  company_name: string;
  company_org_nr: string;
  report_status: string | null;
}

function filteredVisits(db: Executor, f: VisitFilter) {
  const x = ext(db);
  let q = x
    .selectFrom('visit')
    .innerJoin('company', 'company.id', 'visit.company_id')
    .where('visit.municipality_id', '=', f.municipalityId);
  if (f.participantId) {
    const pid = f.participantId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('visit_participant as vp')
          .select('vp.visit_id')
          .whereRef('vp.visit_id', '=', 'visit.id')
          .where('vp.user_id', '=', pid),
      ),
    );
  }
  if (f.companyId) q = q.where('visit.company_id', '=', f.companyId);
  if (f.programmeType) q = q.where('visit.programme_type', '=', f.programmeType);
  if (f.programmeId) q = q.where('visit.programme_id', '=', f.programmeId);
  if (f.unplanned) q = q.where('visit.programme_type', 'is', null);
  if (f.fromIso) q = q.where('visit.starts_at', '>=', f.fromIso);
  if (f.toIso) q = q.where('visit.starts_at', '<', f.toIso);
  if (f.status) q = q.where('visit.status', '=', f.status);
  if (f.ids) q = q.where('visit.id', 'in', f.ids);
  return q;
}

/**
 * Visits with their company and report status, newest first; participants are fetched in one
 * query. `page` takes one page (offset/limit) of that order; without it, at most 2000. With
 * `upcomingAt` (an instant: a person's own list, read on the day), the visits not over by then and
 * not cancelled come first, soonest first, and the others after them, newest first.
 */
export async function listVisitRows(
  db: Executor,
  f: VisitFilter,
  page?: { offset: number; limit: number },
  upcomingAt?: string,
): Promise<VisitListRow[]> {
  if (f.ids && !f.ids.length) return [];
  let q = filteredVisits(db, f)
    .leftJoin('visit_report', 'visit_report.visit_id', 'visit.id')
    .selectAll('visit')
    .select([
      'company.name as company_name',
      'company.org_nr as company_org_nr',
      'visit_report.status as report_status',
    ]);
  if (upcomingAt) {
    const at = storedInstant(upcomingAt);
    const upcoming = sql<boolean>`(visit.ends_at > ${at} and visit.status <> 'cancelled')`;
    q = q
      .orderBy(sql`case when ${upcoming} then 0 else 1 end`)
      .orderBy(sql`case when ${upcoming} then visit.starts_at end`);
  }
  const rows = await q
    .orderBy('visit.starts_at', 'desc')
    .orderBy('visit.id')
    .limit(page?.limit ?? 2000)
    .offset(page?.offset ?? 0)
    .execute();
  if (!rows.length) return [];
  const parts = await participantsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, participant_ids: parts.get(r.id)?.map((p) => p.id) ?? [] }));
}

/** How many visits the filter matches (for a paged list). */
export async function countVisitRows(db: Executor, f: VisitFilter): Promise<number> {
  if (f.ids && !f.ids.length) return 0;
  const row = await filteredVisits(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Participants (id, name) of each visit, in name order. */
export async function participantsOf(
  db: Executor,
  visitIds: string[],
): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  const collator = new Intl.Collator('sv');
  for (let i = 0; i < visitIds.length; i += 500) {
    const chunk = visitIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('visit_participant')
      .innerJoin('app_user', 'app_user.id', 'visit_participant.user_id')
      .select(['visit_participant.visit_id', 'app_user.id', 'app_user.name'])
      .where('visit_participant.visit_id', 'in', chunk)
      .execute();
    for (const r of rows) {
      const list = out.get(r.visit_id) ?? [];
      list.push({ id: r.id, name: r.name });
      out.set(r.visit_id, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  return out;
}

/** Follow-ups per visit: how many, and how many still open or in progress. */
export async function followupCountsOf(
  db: Executor,
  visitIds: string[],
): Promise<Map<string, { total: number; open: number }>> {
  const out = new Map<string, { total: number; open: number }>();
  for (let i = 0; i < visitIds.length; i += 500) {
    const chunk = visitIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('followup')
      .select(['visit_id', 'status'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('visit_id', 'in', chunk)
      .groupBy(['visit_id', 'status'])
      .execute();
    for (const r of rows) {
      const c = out.get(r.visit_id) ?? { total: 0, open: 0 };
      c.total += Number(r.n);
      if (r.status === 'open' || r.status === 'in_progress') c.open += Number(r.n);
      out.set(r.visit_id, c);
    }
  }
  return out;
}

export async function findCompany(
  db: Executor,
  id: string,
): Promise<
  { id: string; name: string; org_nr: string; email: string | null; sni_section: string | null } | undefined
> {
  return ext(db)
    .selectFrom('company')
    .select(['id', 'name', 'org_nr', 'email', 'sni_section'])
    .where('id', '=', id)
    .executeTakeFirst();
}
