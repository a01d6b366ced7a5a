import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { roleSatisfies, type Access } from '../access';
import {
  findSessionUser,
  sessionCookieOptions,
  touchSession,
  SESSION_COOKIE,
} from '../../modules/auth/auth.service';
import type { SessionUser } from '../../modules/auth/auth.types';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null on public routes without a session. */
    user: SessionUser | null;
    sessionId: string | null;
  }
}

/** The user of a route that requires a session; throws if (wrongly) called on a public route. */
export function currentUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 'Du behöver logga in.');
  return req.user;
}

/**
 * Resolves the session cookie to a user on every request and enforces each route's declared
 * access. Runs in onRequest, before body parsing, so an unauthenticated upload is refused early.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await findSessionUser(app.db.kysely, token, app.clock.now());
      if (found) {
        req.user = found.user;
        req.sessionId = found.sessionId;
        const extended = await touchSession(app.db.kysely, found, app.clock.now(), app.env.SESSION_TTL_HOURS);
        if (extended)
          void reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(app.env.COOKIE_SECURE, extended));
      }
    }
    const routeAccess: Access | undefined = req.routeOptions.config?.access;
    // Routes without a handler of ours (404s, static files) are governed by their own handlers.
    if (!req.routeOptions.url) return;
    if (!req.routeOptions.url.startsWith('/api/')) return;
    const access: Access = routeAccess ?? 'admin';
    if (access === 'public') return;
    if (!req.user) throw new AppError('UNAUTHENTICATED', 'Du behöver logga in.');
    if (!roleSatisfies(req.user.role, access)) {
      throw new AppError('FORBIDDEN', 'Du har inte behörighet till det här.');
    }
  });
});
