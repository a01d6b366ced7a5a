import type { Executor } from '../../db/database';
import type { FeedbackTable } from './feedback.table';
import { ext } from '../visits/external.tables';

/**
 * Adds a feedback. False, and nothing added, when its sender already sent one with the same
 * request key (the same send twice, the other first).
 */
export async function insertFeedback(db: Executor, row: FeedbackTable): Promise<boolean> {
  const res = await db
    .insertInto('feedback')
    .values(row)
    .onConflict((oc) => oc.columns(['sent_by', 'request_key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The feedback a person's composer already sent with this request key, if any. */
export async function findFeedbackIdByRequestKey(
  db: Executor,
  sentBy: string,
  requestKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('feedback')
    .select('id')
    .where('sent_by', '=', sentBy)
    .where('request_key', '=', requestKey)
    .executeTakeFirst();
  return row?.id;
}

/** Links a feedback to the e-mail that carries it. */
export async function setFeedbackEmail(db: Executor, id: string, emailId: string): Promise<void> {
  await db.updateTable('feedback').set({ email_id: emailId }).where('id', '=', id).execute();
}

/**
 * Holds the visit's row until the transaction ends, so that two sends of feedback for one visit
 * run one after the other: the second sees the first (PostgreSQL's row lock; SQLite has one writer).
 */
export async function lockVisitForFeedback(db: Executor, visitId: string): Promise<void> {
  await db
    .updateTable('visit')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', visitId)
    .execute();
}

export interface FeedbackListRow extends FeedbackTable {
  sent_by_name: string | null;
  email_status: string | null;
}

/** What the company history and the feedback page say of a message: queued (or being retried), sent, failed. */
export type DeliveryStatus = 'queued' | 'sent' | 'failed';

/** The outbox's status (queued, sending, retry, sent, failed) as the three the user is shown. */
export function deliveryStatus(outboxStatus: string | null): DeliveryStatus {
  return outboxStatus === 'sent' || outboxStatus === 'failed' ? outboxStatus : 'queued';
}

export async function listFeedbackRows(
  db: Executor,
  f: { municipalityId: string; companyId?: string; visitId?: string; id?: string },
): Promise<FeedbackListRow[]> {
  let q = db
    .selectFrom('feedback')
    .leftJoin('app_user', 'app_user.id', 'feedback.sent_by')
    .leftJoin('outbound_email', 'outbound_email.id', 'feedback.email_id')
    .selectAll('feedback')
    .select(['app_user.name as sent_by_name', 'outbound_email.status as email_status'])
    .where('feedback.municipality_id', '=', f.municipalityId);
  if (f.companyId) q = q.where('feedback.company_id', '=', f.companyId);
  if (f.visitId) q = q.where('feedback.visit_id', '=', f.visitId);
  if (f.id) q = q.where('feedback.id', '=', f.id);
  return q.orderBy('feedback.sent_at', 'desc').limit(1000).execute();
}

/**
 * The latest feedback given to each of these companies: feedback whose e-mail failed for good
 * (the outbox gave up on it) was never given and does not count; one queued or being retried does.
 */
export async function lastFeedbackByCompany(
  db: Executor,
  companyIds: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < companyIds.length; i += 500) {
    const rows = await db
      .selectFrom('feedback')
      .leftJoin('outbound_email', 'outbound_email.id', 'feedback.email_id')
      .select(['feedback.company_id'])
      .select((eb) => eb.fn.max('feedback.sent_at').as('last'))
      .where('feedback.company_id', 'in', companyIds.slice(i, i + 500))
      .where((eb) =>
        eb.or([eb('outbound_email.status', 'is', null), eb('outbound_email.status', '!=', 'failed')]),
      )
      .groupBy('feedback.company_id')
      .execute();
    for (const r of rows) if (r.last) out.set(r.company_id, String(r.last));
  }
  return out;
}

/** The contact a company gave when it registered for the sprint this visit belongs to. */
export async function registrationContactsOfVisit(
  db: Executor,
  visitId: string,
): Promise<Array<{ name: string; role: string; email: string }>> {
  return ext(db)
    .selectFrom('sprint_published_visit')
    .innerJoin('sprint_registration', 'sprint_registration.id', 'sprint_published_visit.registration_id')
    .select([
      'sprint_registration.contact_name as name',
      'sprint_registration.contact_role as role',
      'sprint_registration.contact_email as email',
    ])
    .where('sprint_published_visit.visit_id', '=', visitId)
    .execute();
}
