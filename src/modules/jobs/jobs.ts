import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';

/**
 * Background work, portable to both dialects, in two forms:
 * - jobs: one-off work due at a time (a reminder in 14 days), stored in the `job` table and
 *   written in the caller's transaction, so a job exists exactly when its cause was committed;
 * - sweeps: checks that look at the whole database each run (overdue follow-ups, batons that have
 *   not moved). They must be idempotent: each records what it has already notified.
 * The server runs both every minute (server.ts); tests call `runDueJobs` / `runSweeps` after moving
 * the injected clock.
 */
export interface JobContext {
  app: FastifyInstance;
  now: Date;
}
export type JobHandler = (ctx: JobContext, payload: unknown) => Promise<void>;
export type Sweep = (ctx: JobContext) => Promise<void>;

const handlers = new Map<string, JobHandler>();
const sweeps = new Map<string, Sweep>();

export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export function registerSweep(name: string, sweep: Sweep): void {
  sweeps.set(name, sweep);
}

export async function enqueueJob(
  db: Executor,
  job: { kind: string; payload: unknown; runAt: Date },
  now: Date,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('job')
    .values({
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      status: 'pending',
      attempts: 0,
      run_at: job.runAt.toISOString(),
      last_error: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** Cancels pending jobs of a kind whose payload has this key/value (e.g. a reminder no longer needed). */
export async function cancelJobs(
  db: Executor,
  kind: string,
  match: (payload: unknown) => boolean,
): Promise<number> {
  const pending = await db
    .selectFrom('job')
    .select(['id', 'payload'])
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .execute();
  const ids = pending.filter((j) => match(JSON.parse(j.payload))).map((j) => j.id);
  if (ids.length) await db.updateTable('job').set({ status: 'cancelled' }).where('id', 'in', ids).execute();
  return ids.length;
}

const MAX_ATTEMPTS = 5;

/** Runs every pending job that is due; each in its own transaction-free call (handlers open their own). */
export async function runDueJobs(app: FastifyInstance): Promise<number> {
  const now = app.clock.now();
  const db = app.db.kysely;
  const due = await db
    .selectFrom('job')
    .selectAll()
    .where('status', '=', 'pending')
    .where('run_at', '<=', now.toISOString())
    .orderBy('run_at')
    .limit(200)
    .execute();
  let done = 0;
  for (const job of due) {
    // Claim it: only one runner moves a job from pending to running.
    const claimed = await db
      .updateTable('job')
      .set({ status: 'running', attempts: job.attempts + 1, updated_at: now.toISOString() })
      .where('id', '=', job.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler({ app, now }, JSON.parse(job.payload));
      await db
        .updateTable('job')
        .set({ status: 'done', updated_at: now.toISOString() })
        .where('id', '=', job.id)
        .execute();
      done++;
    } catch (err) {
      const failed = job.attempts + 1 >= MAX_ATTEMPTS;
      await db
        .updateTable('job')
        .set({
          status: failed ? 'failed' : 'pending',
          last_error: err instanceof Error ? err.message : String(err),
          run_at: new Date(now.getTime() + 60_000 * 2 ** job.attempts).toISOString(),
          updated_at: now.toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
      app.log.error({ err, job: job.kind }, 'job failed');
    }
  }
  if (done) app.mailer.kick();
  return done;
}

export async function runSweeps(app: FastifyInstance): Promise<void> {
  const now = app.clock.now();
  for (const [name, sweep] of sweeps) {
    try {
      await sweep({ app, now });
    } catch (err) {
      app.log.error({ err, sweep: name }, 'sweep failed');
    }
  }
  app.mailer.kick();
}
