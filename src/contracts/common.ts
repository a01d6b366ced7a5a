import { z } from 'zod';

/** The one JSON error shape of every API response that is not a success. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const Ok = z.object({ ok: z.literal(true) });

/** Limits shared by the server and the web forms. */
export const LIMITS = {
  name: 200,
  email: 254,
  phone: 40,
  shortText: 200,
  note: 4000,
  longText: 20000,
  password: 200,
} as const;

export const Email = z.string().trim().toLowerCase().max(LIMITS.email).email();
/** "2026-02-28" is a day; "2026-02-31" and "2026-13-01" have the shape but are none. */
function isCalendarDay(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1900;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ange datum som ÅÅÅÅ-MM-DD')
  .refine(isCalendarDay, 'datumet finns inte i kalendern');
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'ange tid som TT:MM');
