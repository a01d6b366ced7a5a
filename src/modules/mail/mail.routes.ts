import type { Selectable } from 'kysely';
import { IdParams } from '../../contracts/common';
import {
  FailedJobPage,
  OutboxPageQuery,
  OutboxProblemPage,
  RequeueResult,
  type OutboxProblem,
  type OutboxRelated,
} from '../../contracts/mail';
import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { AppError, notFound } from '../../server/errors';
import { currentUser } from '../../server/plugins/auth';
import { errorResponses, zod, type RouteApp } from '../../server/route-types';
import type { OutboundEmailTable } from './email.table';

/**
 * What did not go through, for an admin (/utskicksfel): outgoing e-mail that failed for good or
 * waits to be tried again, background jobs that were given up, and "try again" for a message.
 * Nothing here is logged: the rows carry addresses and SMTP errors that may name people.
 */
export async function mailRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  const tags = ['outbox'];

  r.get(
    '/api/outbox/problems',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        querystring: OutboxPageQuery,
        response: { 200: OutboxProblemPage, ...errorResponses },
      },
    },
    async (req) => listOutboxProblems(app.db.kysely, req.query),
  );

  r.get(
    '/api/outbox/failed-jobs',
    {
      config: { access: 'admin' },
      schema: { tags, querystring: OutboxPageQuery, response: { 200: FailedJobPage, ...errorResponses } },
    },
    async (req) => listFailedJobs(app.db.kysely, req.query),
  );

  r.post(
    '/api/outbox/:id/requeue',
    {
      config: { access: 'admin' },
      schema: { tags, params: IdParams, response: { 200: RequeueResult, ...errorResponses } },
    },
    async (req) => {
      const user = currentUser(req);
      const now = app.clock.now().toISOString();
      const result = await app.db.kysely
        .transaction()
        .execute((trx) => requeueMessage(trx, req.params.id, user.id, now));
      // Sent at once when an SMTP server is configured; errors stay on the row, never thrown.
      app.mailer.kick();
      return result;
    },
  );
}

const PROBLEM_STATUSES = ['failed', 'retry'] as const;

async function listOutboxProblems(db: Executor, q: OutboxPageQuery): Promise<OutboxProblemPage> {
  const counted = await db
    .selectFrom('outbound_email')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'in', PROBLEM_STATUSES)
    .groupBy('status')
    .execute();
  const counts = { failed: 0, retry: 0 };
  for (const c of counted) counts[c.status as 'failed' | 'retry'] = Number(c.n);
  const rows = await db
    .selectFrom('outbound_email')
    .select([
      'id',
      'status',
      'to_address',
      'subject',
      'related_type',
      'related_id',
      'attempts',
      'error',
      'created_at',
      'next_attempt_at',
    ])
    .where('status', 'in', PROBLEM_STATUSES)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const labels = await relatedLabels(db, rows);
  const items: OutboxProblem[] = rows.map((m) => ({
    id: m.id,
    status: m.status as 'failed' | 'retry',
    to: m.to_address,
    subject: m.subject,
    related:
      m.related_type && m.related_id
        ? {
            type: m.related_type,
            id: m.related_id,
            label: labels.get(`${m.related_type}:${m.related_id}`) ?? null,
          }
        : null,
    attempts: m.attempts,
    error: m.error,
    createdAt: m.created_at,
    nextAttemptAt: m.status === 'retry' ? m.next_attempt_at : null,
  }));
  return { items, total: counts.failed + counts.retry, page: q.page, pageSize: q.pageSize, counts };
}

type Named = Array<{ id: string; name: string }>;

/** Per kind the app has a page for: the names of those records, by id (a visit or follow-up is named by its company). */
const relatedNames: Record<string, (db: Executor, ids: string[]) => Promise<Named>> = {
  company: (db, ids) => db.selectFrom('company').select(['id', 'name']).where('id', 'in', ids).execute(),
  visit: (db, ids) =>
    db
      .selectFrom('visit')
      .innerJoin('company', 'company.id', 'visit.company_id')
      .select(['visit.id as id', 'company.name as name'])
      .where('visit.id', 'in', ids)
      .execute(),
  followup: (db, ids) =>
    db
      .selectFrom('followup')
      .innerJoin('company', 'company.id', 'followup.company_id')
      .select(['followup.id as id', 'company.name as name'])
      .where('followup.id', 'in', ids)
      .execute(),
  sprint: (db, ids) => db.selectFrom('sprint').select(['id', 'name']).where('id', 'in', ids).execute(),
  relay_programme: (db, ids) =>
    db.selectFrom('relay_programme').select(['id', 'name']).where('id', 'in', ids).execute(),
};

/**
 * The names of the records the messages are about, keyed `type:id`, for the kinds the app has a
 * page for. A record no longer there has none (the list shows no link to it).
 */
async function relatedLabels(
  db: Executor,
  rows: Array<Pick<Selectable<OutboundEmailTable>, 'related_type' | 'related_id'>>,
): Promise<Map<string, OutboxRelated['label']>> {
  const labels = new Map<string, string>();
  for (const [type, names] of Object.entries(relatedNames)) {
    const ids = [
      ...new Set(rows.filter((r) => r.related_type === type && r.related_id).map((r) => r.related_id!)),
    ];
    if (!ids.length) continue;
    for (const f of await names(db, ids)) labels.set(`${type}:${f.id}`, f.name);
  }
  return labels;
}

async function listFailedJobs(db: Executor, q: OutboxPageQuery): Promise<FailedJobPage> {
  const total = await db
    .selectFrom('job')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('job')
    .select(['id', 'kind', 'attempts', 'last_error', 'created_at', 'updated_at'])
    .where('status', '=', 'failed')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((j) => ({
      id: j.id,
      kind: j.kind,
      attempts: j.attempts,
      error: j.last_error,
      createdAt: j.created_at,
      failedAt: j.updated_at,
    })),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Queues a failed (or waiting) message again: its tries counted from nothing and due now. Only
 * what is still failed or waiting is changed (a send that claimed it meanwhile keeps it); a
 * message whose address was cleared by the retention sweep has nobody to go to.
 */
async function requeueMessage(
  trx: Executor,
  id: string,
  userId: string,
  nowIso: string,
): Promise<RequeueResult> {
  const m = await trx
    .selectFrom('outbound_email')
    .select(['id', 'status', 'to_address', 'attempts'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound('Meddelandet');
  if (!m.to_address.trim())
    throw new AppError(
      'CONFLICT',
      'Meddelandet är gallrat och har ingen mottagare; det kan inte skickas igen.',
    );
  const updated = await trx
    .updateTable('outbound_email')
    .set({ status: 'queued', attempts: 0, next_attempt_at: nowIso, claimed_at: null })
    .where('id', '=', id)
    .where('status', 'in', PROBLEM_STATUSES)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError('CONFLICT', 'Meddelandet är redan skickat eller står på tur att skickas.');
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso,
      user_id: userId,
      action: 'outbound_email.requeue',
      entity_type: 'outbound_email',
      entity_id: id,
      // No address or error text: they may name people.
      details: JSON.stringify({ previousStatus: m.status, previousAttempts: m.attempts }),
    })
    .execute();
  return { id, status: 'queued', attempts: 0, nextAttemptAt: nowIso };
}
