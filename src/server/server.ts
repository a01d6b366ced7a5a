import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { logUrl } from './log-url';
import { buildApp, type App } from './app';
import type { Env } from '../config/env';
import type { Db } from '../db/connect';
import type { DemoMailbox } from '../modules/mail/demo-mailbox';
import { runDueJobs, runSweeps } from '../modules/jobs/jobs';

/**
 * The only place that listens: logging (with personal data redacted), timeouts, the mail worker
 * and graceful shutdown on SIGINT/SIGTERM.
 */
export function loggerOptions(env: Env): FastifyServerOptions['logger'] {
  return {
    level: env.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.email',
        '*.phone',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // An error as its kind, code, message and stack, no more: a PostgreSQL error's `detail`,
      // `where` and `parameters` carry the values of the row (a duplicate org nr, which for a sole
      // trader is a personal identity number).
      err: (err: Error & { code?: unknown }) => ({
        type: err.constructor?.name ?? 'Error',
        message: err.message,
        ...(err.code !== undefined ? { code: err.code } : {}),
        stack: err.stack ?? '',
      }),
      // Fastify's own fields, with the URL's secrets and search text left out (see log-url.ts).
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: logUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

/** The server could not take its address (the port in use, not allowed): the user's to change. */
export class ListenError extends Error {}

export async function startServer(
  env: Env,
  db: Db,
  onReady?: (url: string) => void,
  opts: { demoMailbox?: DemoMailbox } = {},
): Promise<App> {
  const app = await buildApp({
    env,
    db,
    logger: loggerOptions(env),
    ...(opts.demoMailbox ? { demoMailbox: opts.demoMailbox } : {}),
  });
  app.server.requestTimeout = 10 * 60_000; // large register uploads
  app.server.headersTimeout = 60_000;
  let address: string;
  try {
    address = await app.listen({ host: env.HOST, port: env.PORT });
  } catch (err) {
    // Nothing of this server may keep the process alive; the caller closes what it gave (the
    // database, the demo's mailbox).
    await app.close().catch(() => undefined);
    app.mailer.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new ListenError(
        `Kan inte lyssna på ${env.HOST}:${env.PORT} (${code === 'EADDRINUSE' ? 'porten används redan' : code}); ` +
          `välj en annan med --port eller PORT. / Cannot listen on ${env.HOST}:${env.PORT}.`,
      );
    // HOST names no address of this machine (a typo, or a name no resolver knows).
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EINVAL')
      throw new ListenError(
        `Kan inte lyssna på ${env.HOST} (${code}): HOST ska vara en av maskinens adresser, t.ex. 127.0.0.1 ` +
          `eller 0.0.0.0. / Cannot listen on ${env.HOST}: HOST must be one of this machine's addresses.`,
      );
    throw err;
  }
  // The outbox is flushed on a timer; requests that queue mail also kick it at once.
  const timer = setInterval(() => app.mailer.kick(), 15_000);
  timer.unref();
  // Due jobs (reminders) and sweeps (overdue follow-ups, stalled batons) once a minute.
  const worker = setInterval(() => {
    void runDueJobs(app)
      .then(() => runSweeps(app))
      .catch((err: unknown) => app.log.error({ err }, 'background work failed'));
  }, 60_000);
  worker.unref();
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    clearInterval(timer);
    clearInterval(worker);
    await app.close();
    await app.mailer.idle();
    app.mailer.close();
    await opts.demoMailbox?.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  onReady?.(address);
  return app;
}
