import { z } from 'zod';

const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * The whole configuration, read from the environment once at boot and validated, so a typo in
 * `.env` stops the server with a message instead of failing later. Documented in `.env.example`.
 */
const EnvSchema = z.object({
  /** `postgres://…` chooses PostgreSQL; anything else is the path of a SQLite file. */
  DATABASE_URL: z
    .string()
    .min(1)
    .default('./data/besok.sqlite')
    .refine(
      (v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^(postgres(ql)?|sqlite):\/\//i.test(v),
      'a postgres:// (or postgresql://) URL or the path of a SQLite file; no other kind of database URL is supported',
    ),
  // Left empty (HOST= in .env) is the default, not "every interface" or "any port".
  HOST: z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1')),
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(3000)),
  /** The address people reach the app at; used in links sent by e-mail. Left out: http://localhost:PORT (see loadEnv). */
  PUBLIC_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** smtp://user:pass@host:port — where e-mail is sent. Empty: e-mail is queued but not sent. */
  SMTP_URL: z
    .string()
    .default('')
    .refine(
      (v) => v === '' || /^smtps?:\/\/[^/\s]+/i.test(v),
      'ska vara en smtp://- eller smtps://-adress, till exempel smtp://användare:lösenord@smtp.kommun.se:587',
    ),
  MAIL_FROM: z.string().default('Besök <besok@localhost>'),
  /** Hours a staff session lasts without use. */
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /**
   * Cookies marked Secure (sent over HTTPS only). Unset, it follows PUBLIC_URL: true for an
   * https:// address, the one people use, so an installation behind HTTPS needs no second setting.
   */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /**
   * Set to the number of proxies in front of the app (e.g. 1 behind nginx) so rate limits see the
   * client's address; left at 0, X-Forwarded-For is ignored and cannot be forged to dodge limits.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Log-in attempts allowed per address per minute. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Sends of the public registration form allowed per address per minute. */
  REGISTRATION_RATE_LIMIT: z.coerce.number().int().positive().default(20),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'PUBLIC_URL' | 'COOKIE_SECURE'> & {
  PUBLIC_URL: string;
  COOKIE_SECURE: boolean;
};

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  // Links in e-mail lead to this server on this machine unless the address people use is set.
  const publicUrl = parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`;
  return {
    ...parsed.data,
    PUBLIC_URL: publicUrl,
    COOKIE_SECURE: parsed.data.COOKIE_SECURE ?? /^https:\/\//i.test(publicUrl),
  };
}
