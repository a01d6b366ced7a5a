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

/** Runs a job may make before it is left `failed` (its last error kept in `last_error`). */
export const MAX_JOB_ATTEMPTS = 5;

/**
 * A job `running` whose claim (`updated_at`) is older than this was left by a process that stopped
 * mid-run, and is taken over; a handler takes seconds (it writes a row, queues a message).
 * Handlers must therefore bear running twice, as they bear a retry after an error.
 */
export const JOB_LEASE_MS = 15 * 60 * 1000;

/**
 * Runs every pending job that is due, and takes over running ones whose lease has run out; each in
 * its own transaction-free call (handlers open their own).
 */
export async function runDueJobs(app: FastifyInstance): Promise<number> {
  const now = app.clock.now();
  const nowIso = now.toISOString();
  const leaseEnd = new Date(now.getTime() - JOB_LEASE_MS).toISOString();
  const db = app.db.kysely;
  const due = await db
    .selectFrom('job')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'running'), eb('updated_at', '<', leaseEnd)]),
      ]),
    )
    .orderBy('run_at')
    .limit(200)
    .execute();
  let done = 0;
  for (const job of due) {
    // A run that stopped counted as a try: one that used the last is failed, not run again.
    const spent = job.status === 'running' && job.attempts >= MAX_JOB_ATTEMPTS;
    // Claim it: only one runner moves a job from what it read (pending, or running with the
    // lease it read) to running with its own lease.
    const claimed = await db
      .updateTable('job')
      .set(
        spent
          ? {
              status: 'failed',
              last_error: 'the run stopped (its process ended) and no tries are left',
              updated_at: nowIso,
            }
          : { status: 'running', attempts: job.attempts + 1, updated_at: nowIso },
      )
      .where('id', '=', job.id)
      .where('status', '=', job.status)
      .where('updated_at', '=', job.updated_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    if (spent) {
      app.log.error({ job: job.kind, id: job.id }, 'job failed: its run stopped and no tries are left');
      continue;
    }
    const ours = () =>
      db
        .updateTable('job')
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('updated_at', '=', nowIso);
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler({ app, now }, JSON.parse(job.payload));
      await ours().set({ status: 'done', updated_at: nowIso }).execute();
      done++;
    } catch (err) {
      const failed = job.attempts + 1 >= MAX_JOB_ATTEMPTS;
      await ours()
        .set({
          status: failed ? 'failed' : 'pending',
          last_error: err instanceof Error ? err.message : String(err),
          run_at: new Date(now.getTime() + 60_000 * 2 ** job.attempts).toISOString(),
          updated_at: nowIso,
        })
        .execute()
        .catch(() => undefined); // left running: taken over when its lease runs out
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
