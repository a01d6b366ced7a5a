import type { Executor } from '../../db/database';
import type { VisitTable } from './visit.table';

export interface VisitRow extends VisitTable {
  participant_ids: string[];
}

export async function insertVisit(db: Executor, row: VisitTable, participantIds: string[]): Promise<void> {
  await db.insertInto('visit').values(row).execute();
  if (participantIds.length) {
    await db
      .insertInto('visit_participant')
      .values(participantIds.map((user_id) => ({ visit_id: row.id, user_id })))
      .execute();
  }
}

export async function findVisitRow(db: Executor, id: string): Promise<VisitRow | undefined> {
  const row = await db.selectFrom('visit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const parts = await db.selectFrom('visit_participant').select('user_id').where('visit_id', '=', id).execute();
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
    .where('visit.starts_at', '<', endsAt)
    .where('visit.ends_at', '>', startsAt);
  if (excludeVisitId) q = q.where('visit.id', '!=', excludeVisitId);
  return q.execute();
}
