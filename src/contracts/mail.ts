import { z } from 'zod';

/**
 * The admin's view of what did not go through: outgoing e-mail that failed for good or waits to be
 * tried again (the outbox, `outbound_email`), and background jobs that failed (`job`).
 */

export const OUTBOX_PAGE_SIZE = 25;
export const OUTBOX_PAGE_SIZE_MAX = 100;

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const OutboxPageQuery = z.object({
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(OUTBOX_PAGE_SIZE_MAX).default(OUTBOX_PAGE_SIZE),
  ),
});
export type OutboxPageQuery = z.output<typeof OutboxPageQuery>;

/** Kinds of record a message may be about that have a page in the app. */
export const RELATED_LINK_TYPES = ['company', 'visit', 'followup', 'sprint', 'relay_programme'] as const;

export const OutboxRelated = z.object({
  /** As stored (`company`, `followup`, `sprint`, …); not every kind has a page. */
  type: z.string(),
  id: z.string(),
  /**
   * What to call it (a company's or a sprint's name); null when it is of a kind without a page, or
   * no longer exists (then there is nothing to link to).
   */
  label: z.string().nullable(),
});
export type OutboxRelated = z.infer<typeof OutboxRelated>;

/** A message that failed for good (`failed`) or is waiting to be tried again (`retry`). */
export const OutboxProblem = z.object({
  id: z.string(),
  status: z.enum(['failed', 'retry']),
  to: z.string(),
  subject: z.string(),
  related: OutboxRelated.nullable(),
  attempts: z.number().int(),
  /** The SMTP server's (or the connection's) last error. */
  error: z.string().nullable(),
  createdAt: z.string(),
  /** When a `retry` message is tried next; null for a failed one. */
  nextAttemptAt: z.string().nullable(),
});
export type OutboxProblem = z.infer<typeof OutboxProblem>;

/** GET /api/outbox/problems: one page, newest first, with how many there are of each. */
export const OutboxProblemPage = z.object({
  items: z.array(OutboxProblem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ failed: z.number().int(), retry: z.number().int() }),
});
export type OutboxProblemPage = z.infer<typeof OutboxProblemPage>;

/** A background job that used its tries and was given up. */
export const FailedJob = z.object({
  id: z.string(),
  kind: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  /** When it was given up (its last run). */
  failedAt: z.string(),
});
export type FailedJob = z.infer<typeof FailedJob>;

/** GET /api/outbox/failed-jobs: one page, newest first. */
export const FailedJobPage = z.object({
  items: z.array(FailedJob),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type FailedJobPage = z.infer<typeof FailedJobPage>;

/** POST /api/outbox/:id/requeue: the message is queued again, its tries counted from nothing. */
export const RequeueResult = z.object({
  id: z.string(),
  status: z.literal('queued'),
  attempts: z.literal(0),
  nextAttemptAt: z.string(),
});
export type RequeueResult = z.infer<typeof RequeueResult>;
