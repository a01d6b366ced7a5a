import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Env } from '../config/env';
import type { Db } from '../db/connect';
import { systemClock, type Clock } from '../lib/clock';
import { useSwedishValidationMessages } from '../lib/zod-sv';
import { AppError, ERROR_STATUS, validation, type ErrorBody, type ErrorDetail } from './errors';
import { isWriteCollision } from '../db/errors';
import { authPlugin } from './plugins/auth';
import { registerModules } from './modules';
import { Mailer } from '../modules/mail/mailer';
import type { DemoMailbox } from '../modules/mail/demo-mailbox';
import { IMPORT_FILE_MAX_BYTES } from '../contracts/companies';

// Validation messages in Swedish: the UI shows them beside the field as they come.
useSwedishValidationMessages();

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    env: Env;
    clock: Clock;
    mailer: Mailer;
    /** The demo's local SMTP catcher, when `serve --demo` runs without SMTP_URL. */
    demoMailbox: DemoMailbox | null;
    /** Every route registered, for the access walk test and the OpenAPI check. */
    routeTable: RouteOptions[];
  }
}

export interface BuildOptions {
  env: Env;
  db: Db;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; served with an index.html fallback when present. */
  webRoot?: string;
  demoMailbox?: DemoMailbox;
}

export type App = FastifyInstance;

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../web/dist');

/**
 * The whole app as one Fastify instance, wired in one visible order: external plugins, then the
 * app's own services, then the modules' routes. server.ts alone listens; tests call
 * `buildApp()` and `app.inject()`.
 */
/** The largest request body taken, but for uploaded files (multipart, below). */
const BODY_LIMIT = 1024 * 1024;

/** A GET of one of the web app's own routes: not the API, not a file of the build. */
function isPageRequest(method: string, url: string): boolean {
  return method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/assets/');
}

/** The folder of the built web app, if it is there. */
function webIndex(opts: BuildOptions): string | null {
  const webRoot = opts.webRoot ?? WEB_ROOT;
  return existsSync(path.join(webRoot, 'index.html')) ? webRoot : null;
}

export async function buildApp(opts: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Trust the nearest N hops' X-Forwarded-For (proxy-addr semantics), nothing beyond them.
    trustProxy:
      opts.env.TRUST_PROXY_HOPS > 0 ? (_addr: string, hop: number) => hop < opts.env.TRUST_PROXY_HOPS : false,
    bodyLimit: BODY_LIMIT,
    // The router's own refusals (a URL that is not valid percent-encoding, a path segment longer
    // than maxParamLength) in the one error shape too, without the URL echoed back.
    // A page's address that is not valid percent-encoding (a private link mangled by a mail
    // program) is routed as the web app's start, so it gets index.html through the usual hooks and
    // headers, and the app, reading the address the browser still shows, says the link does not
    // work, instead of the router's refusal as raw JSON. The API's and the build's own addresses
    // are left for the router to refuse.
    rewriteUrl: (req) => {
      const url = req.url ?? '/';
      if (!isPageRequest(req.method ?? 'GET', url)) return url;
      try {
        decodeURIComponent(url.split('?')[0]!);
        return url;
      } catch {
        return '/';
      }
    },
    frameworkErrors: (err, req, reply) => {
      const body = toErrorBody(err);
      req.log.info({ code: body.error.code, status: statusOf(err, body) }, 'request refused');
      void (reply as FastifyReply).status(statusOf(err, body)).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();

  const routeTable: RouteOptions[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // The OpenAPI document and its viewer describe the API; they hold no data.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    routeTable.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  app.decorate('env', opts.env);
  app.decorate('clock', opts.clock ?? systemClock);
  app.decorate('mailer', new Mailer(opts.db, opts.env, opts.clock ?? systemClock));
  app.decorate('demoMailbox', opts.demoMailbox ?? null);

  app.setErrorHandler((err, req, reply) => {
    const body = toErrorBody(err);
    const status = statusOf(err, body);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else if (isWriteCollision(err)) req.log.warn({ err }, 'request met a concurrent write');
    else req.log.info({ code: body.error.code, status }, 'request refused');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    // The web app's own routes get index.html; an API path or a missing file of the build (a
    // chunk an open tab asks for after a new version replaced it) is a 404, not a page of HTML.
    const webRoot = webIndex(opts);
    if (isPageRequest(req.method, req.url) && webRoot) {
      return reply.type('text/html').sendFile('index.html', webRoot);
    }
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: 'Sidan eller resursen finns inte.' } };
    return reply.status(404).send(body);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(csrf, {
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: opts.env.COOKIE_SECURE },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(rateLimit, { global: false });
  // The largest file any route takes (the register's import, which states its limit itself).
  await app.register(multipart, { limits: { fileSize: IMPORT_FILE_MAX_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Besök API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'besok_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(authPlugin);

  // CSRF: every state-changing API call carries the token from GET /api/auth/csrf in a header.
  app.addHook('preHandler', (req, reply, done) => {
    const unsafe = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (unsafe && req.routeOptions.url?.startsWith('/api/')) {
      app.csrfProtection(req, reply, done);
      return;
    }
    done();
  });

  // PostgreSQL stores no NUL character in text (it would fail the query with a 500): refused here,
  // for every route, naming the field, before any schema or service sees the value.
  app.addHook('preValidation', async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const where = nulPath(part, '', 0);
      if (where !== null)
        throw validation([{ path: where, message: 'innehåller ett otillåtet tecken (NUL)' }]);
    }
  });

  await registerModules(app);

  const webRoot = opts.webRoot ?? WEB_ROOT;
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: false });
  }
  return app;
}

/** The path ("contact.name", "slots.0") of the first string under `value` holding a NUL, or null. */
function nulPath(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, v] of Object.entries(value)) {
    const found = nulPath(v, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function statusOf(err: unknown, body: ErrorBody): number {
  if (err instanceof AppError) return err.status;
  const code = (err as { statusCode?: number }).statusCode;
  if (typeof code === 'number' && code >= 400 && code < 600) return code;
  return ERROR_STATUS[body.error.code];
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) {
    return {
      error: {
        code: err.code,
        message: err.message,
        ...(err.details.length ? { details: err.details } : {}),
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const details: ErrorDetail[] = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || (where ?? ''),
      message: v.message ?? 'ogiltigt värde',
    }));
    return {
      error: {
        code: 'VALIDATION',
        message: details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; '),
        details,
      },
    };
  }
  if (isWriteCollision(err)) {
    // Two writers at once (a double-click, two admins): the database kept one; the other is told
    // to look again rather than shown a 500. Services that can say more catch these themselves.
    return {
      error: {
        code: 'CONFLICT',
        message: 'Någon annan sparade samma sak samtidigt. Ladda om sidan och försök igen.',
      },
    };
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  switch (e.statusCode) {
    case 400:
      return { error: { code: 'BAD_REQUEST', message: 'Felaktig begäran.' } };
    case 403:
      // @fastify/csrf-protection refuses a missing or wrong token with 403.
      return {
        error: {
          code: 'FORBIDDEN',
          message: 'Sidan har varit öppen för länge. Ladda om den och försök igen.',
        },
      };
    case 404:
      return { error: { code: 'NOT_FOUND', message: 'Sidan eller resursen finns inte.' } };
    case 413:
      // A body over BODY_LIMIT says the limit; an upload's file has its own.
      return {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message:
            e.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
              ? `Det du skickade är större än ${BODY_LIMIT / 1024 ** 2} MB, det största som tas emot.`
              : 'Det du skickade är för stort.',
        },
      };
    case 415:
      return { error: { code: 'UNSUPPORTED', message: 'Formatet stöds inte.' } };
    case 429:
      return {
        error: { code: 'RATE_LIMITED', message: 'För många försök. Vänta en stund och försök igen.' },
      };
    default:
      if (e.statusCode && e.statusCode < 500) {
        return { error: { code: 'BAD_REQUEST', message: 'Felaktig begäran.' } };
      }
      return { error: { code: 'INTERNAL', message: 'Något gick fel hos oss. Försök igen om en stund.' } };
  }
}
