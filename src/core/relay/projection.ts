/**
 * The relay's arithmetic: how fast the baton has moved, when the goal is reached at that pace,
 * and what pace would reach it by a chosen date. Pure: dates and counts in, numbers out.
 *
 * A month is the mean Gregorian month (365.2425 / 12 days), so "two a month" means the same
 * thing in February and in July and the projections do not jump at month ends.
 */

export const DAY_MS = 86_400_000;
export const MONTH_DAYS = 365.2425 / 12;
export const MONTH_MS = MONTH_DAYS * DAY_MS;

/** The windows the progress view shows, in months. */
export const PACE_WINDOWS = [3, 6, 12] as const;

export interface PaceInput {
  /** When each relay visit was made (done visits only). */
  visitDates: Date[];
  now: Date;
  /** When the programme started; a window is clipped to it so a young relay is not under-rated. */
  startedAt: Date;
}

/**
 * Visits a month over the last `months` months. The window is clipped to the programme's start
 * (a relay two months old is judged over its two months), but never shorter than one month, so a
 * first visit in the first week does not read as "four a month".
 */
export function paceOver(input: PaceInput, months: number): number {
  const windowStart = input.now.getTime() - months * MONTH_MS;
  const from = Math.max(windowStart, input.startedAt.getTime());
  const spanMonths = Math.max((input.now.getTime() - from) / MONTH_MS, 1);
  const count = input.visitDates.filter(
    (d) => d.getTime() > from && d.getTime() <= input.now.getTime(),
  ).length;
  return count / spanMonths;
}

export interface Projection {
  done: number;
  goal: number;
  remaining: number;
  /** Pace over the last 3, 6 and 12 months (visits a month). */
  pace: { months: number; perMonth: number }[];
  /** The pace the projection uses: the 3-month pace, the most recent picture of the relay. */
  currentPace: number;
  /** The day the goal is reached at the current pace; null when the pace is zero; `now` when done. */
  projectedDate: Date | null;
  /** Years from now to the projected date (for "42 years away"); null with the date. */
  projectedYears: number | null;
  targetPace: number;
  /** At the target pace, when the goal would be reached. */
  targetPaceDate: Date | null;
  /** Pace needed to reach the goal by `byDate`; null without a date; Infinity when the date has passed with visits left. */
  neededPace: number | null;
  byDate: Date | null;
}

export function dateAtPace(remaining: number, perMonth: number, now: Date): Date | null {
  if (remaining <= 0) return new Date(now);
  if (!(perMonth > 0)) return null;
  return new Date(now.getTime() + (remaining / perMonth) * MONTH_MS);
}

/** Visits a month needed from now to reach the goal by `byDate`. */
export function paceNeeded(remaining: number, now: Date, byDate: Date): number {
  if (remaining <= 0) return 0;
  const months = (byDate.getTime() - now.getTime()) / MONTH_MS;
  if (months <= 0) return Number.POSITIVE_INFINITY;
  return remaining / months;
}

export function project(
  input: PaceInput & { goal: number; targetPace: number; byDate?: Date | null },
): Projection {
  const done = input.visitDates.filter((d) => d.getTime() <= input.now.getTime()).length;
  const remaining = Math.max(input.goal - done, 0);
  const pace = PACE_WINDOWS.map((months) => ({ months, perMonth: paceOver(input, months) }));
  const currentPace = pace[0]?.perMonth ?? 0;
  const projectedDate = dateAtPace(remaining, currentPace, input.now);
  return {
    done,
    goal: input.goal,
    remaining,
    pace,
    currentPace,
    projectedDate,
    projectedYears: projectedDate ? (projectedDate.getTime() - input.now.getTime()) / (MONTH_MS * 12) : null,
    targetPace: input.targetPace,
    targetPaceDate: dateAtPace(remaining, input.targetPace, input.now),
    neededPace: input.byDate ? paceNeeded(remaining, input.now, input.byDate) : null,
    byDate: input.byDate ?? null,
  };
}

/**
 * How long a baton may stand still before it is flagged: at the target pace the programme needs a
 * visit every 1/pace months; with several batons in play each one carries its share, so each may
 * take `batons` times as long.
 */
export function stallIntervalMs(targetPacePerMonth: number, batonsInPlay: number): number {
  if (!(targetPacePerMonth > 0)) return Number.POSITIVE_INFINITY;
  return (Math.max(batonsInPlay, 1) / targetPacePerMonth) * MONTH_MS;
}
