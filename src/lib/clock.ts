import { DateTime } from 'luxon';

/** The clock is injected so tests can move time (deadlines, expiry, overdue follow-ups). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const iso = (d: Date): string => d.toISOString();

/** Today's date in Sweden (YYYY-MM-DD): due dates and sprint days are Swedish calendar dates. */
export function swedishToday(now: Date): string {
  return DateTime.fromJSDate(now).setZone('Europe/Stockholm').toISODate()!;
}
