import type { Executor } from '../../db/database';
import { ext } from '../visits/external.tables';
import type { FollowupLogTable, FollowupTable } from './followup.table';

export interface FollowupListRow extends FollowupTable {
  company_name: string;
  owner_name: string | null;
  owner_active: number | null;
  owner_role: string | null;
  topic_label: string | null;
  visit_starts_at: string;
}

export interface FollowupFilter {
  municipalityId: string;
  ids?: string[];
  ownerUserId?: string;
  /**
   * The follow-ups this person is reminded of when they are overdue (as the overdue sweep picks
   * them): those they own; those they created whose owner is a department or a person who can no
   * longer own it; and, for an admin, those whose owner and creator both cannot.
   */
  remindedUser?: { id: string; admin: boolean };
  visitId?: string;
  companyId?: string;
  statuses?: string[];
  /** Due before this calendar date (YYYY-MM-DD). */
  dueBefore?: string;
}

export async function listFollowupRows(db: Executor, f: FollowupFilter): Promise<FollowupListRow[]> {
  let q = ext(db)
    .selectFrom('followup')
    .innerJoin('company', 'company.id', 'followup.company_id')
    .innerJoin('visit', 'visit.id', 'followup.visit_id')
    .leftJoin('app_user', 'app_user.id', 'followup.owner_user_id')
    .leftJoin('app_user as creator', 'creator.id', 'followup.created_by')
    .leftJoin('topic', 'topic.id', 'followup.topic_id')
    .selectAll('followup')
    .select([
      'company.name as company_name',
      'app_user.name as owner_name',
      'app_user.active as owner_active',
      'app_user.role as owner_role',
      'topic.label_sv as topic_label',
      'visit.starts_at as visit_starts_at',
    ])
    .where('followup.municipality_id', '=', f.municipalityId);
  if (f.ids) {
    if (!f.ids.length) return [];
    q = q.where('followup.id', 'in', f.ids);
  }
  if (f.ownerUserId) q = q.where('followup.owner_user_id', '=', f.ownerUserId);
  if (f.remindedUser) {
    const { id, admin } = f.remindedUser;
    q = q.where((eb) => {
      // Who can own one: an active member of staff or admin (see overdueRecipients).
      const ownerCannot = eb.or([
        eb('app_user.id', 'is', null),
        eb('app_user.active', '!=', 1),
        eb('app_user.role', '=', 'viewer'),
      ]);
      const creatorCannot = eb.or([
        eb('creator.id', 'is', null),
        eb('creator.active', '!=', 1),
        eb('creator.role', '=', 'viewer'),
      ]);
      return eb.or([
        eb('followup.owner_user_id', '=', id),
        eb.and([ownerCannot, eb('followup.created_by', '=', id)]),
        ...(admin ? [eb.and([ownerCannot, creatorCannot])] : []),
      ]);
    });
  }
  if (f.visitId) q = q.where('followup.visit_id', '=', f.visitId);
  if (f.companyId) q = q.where('followup.company_id', '=', f.companyId);
  if (f.statuses) q = q.where('followup.status', 'in', f.statuses);
  if (f.dueBefore) q = q.where('followup.due_date', '<', f.dueBefore);
  return q.orderBy('followup.created_at').orderBy('followup.id').limit(5000).execute();
}

export async function findFollowup(db: Executor, id: string): Promise<FollowupTable | undefined> {
  return db.selectFrom('followup').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Adds a follow-up. False, and nothing added, when its creator already made one with the same
 * request key (the same form sent twice, the other send first).
 */
export async function insertFollowup(db: Executor, row: FollowupTable): Promise<boolean> {
  const res = await db
    .insertInto('followup')
    .values(row)
    .onConflict((oc) => oc.columns(['created_by', 'request_key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The follow-up a person's form already made with this request key, if any. */
export async function findFollowupIdByRequestKey(
  db: Executor,
  createdBy: string,
  requestKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('followup')
    .select('id')
    .where('created_by', '=', createdBy)
    .where('request_key', '=', requestKey)
    .executeTakeFirst();
  return row?.id;
}

/** Optimistic update: false when the follow-up no longer has the version the caller read. */
export async function updateFollowupRow(
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<FollowupTable, 'id' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('followup')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Appends to the log; `seq` keeps the order of entries written in the same instant. */
export async function insertLog(db: Executor, row: Omit<FollowupLogTable, 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('followup_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('followup_id', '=', row.followup_id)
    .executeTakeFirst();
  await db
    .insertInto('followup_log')
    .values({ ...row, seq: Number(last?.seq ?? 0) + 1 })
    .execute();
}

export async function listLog(
  db: Executor,
  followupId: string,
): Promise<Array<FollowupLogTable & { user_name: string | null }>> {
  // seq is max + 1, which two writers at once can both take: at and id make the order fixed.
  return db
    .selectFrom('followup_log')
    .leftJoin('app_user', 'app_user.id', 'followup_log.user_id')
    .selectAll('followup_log')
    .select('app_user.name as user_name')
    .where('followup_id', '=', followupId)
    .orderBy('seq')
    .orderBy('followup_log.at')
    .orderBy('followup_log.id')
    .execute();
}

/** Open follow-ups past their due date whose overdue notice has not been sent. */
export async function overdueUnnotified(db: Executor, today: string): Promise<FollowupTable[]> {
  return db
    .selectFrom('followup')
    .selectAll()
    .where('status', 'in', ['open', 'in_progress'])
    .where('due_date', '<', today)
    .where('overdue_notified_at', 'is', null)
    .orderBy('due_date')
    .limit(1000)
    .execute();
}

/** Claims the overdue notice: only one sweep run marks it (and so sends it). */
export async function markOverdueNotified(db: Executor, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('followup')
    .set({ overdue_notified_at: at })
    .where('id', '=', id)
    .where('overdue_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
