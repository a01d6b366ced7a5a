import type { Executor } from '../../db/database';
import type { FeedbackTable } from './feedback.table';
import { ext } from '../visits/external.tables';

export async function insertFeedback(db: Executor, row: FeedbackTable): Promise<void> {
  await db.insertInto('feedback').values(row).execute();
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
  f: { municipalityId: string; companyId?: string; visitId?: string },
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
