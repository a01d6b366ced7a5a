import type { RouteApp } from '../../server/route-types';
import { zod } from '../../server/route-types';
import { LoginBody, Me } from '../../contracts/staff';
import { Ok } from '../../contracts/common';
import { z } from 'zod';
import { AppError } from '../../server/errors';
import { findMunicipality } from '../municipality/municipality.repository';
import { logIn, logOut, SESSION_COOKIE } from './auth.service';
import { currentUser } from '../../server/plugins/auth';

export async function authRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);

  r.get(
    '/api/auth/csrf',
    { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: z.object({ token: z.string() }) } } },
    async (_req, reply) => ({ token: reply.generateCsrf() }),
  );

  r.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: Ok } },
    },
    async (req, reply) => {
      const session = await logIn(
        app.db.kysely,
        req.body.email,
        req.body.password,
        app.clock.now(),
        app.env.SESSION_TTL_HOURS,
      );
      req.log.info({ userId: session.userId }, 'logged in');
      void reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.env.COOKIE_SECURE,
        expires: session.expiresAt,
      });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'viewer' }, schema: { tags: ['auth'], response: { 200: Ok } } },
    async (req, reply) => {
      if (req.sessionId) await logOut(app.db.kysely, req.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    { config: { access: 'viewer' }, schema: { tags: ['auth'], response: { 200: Me } } },
    async (req) => {
      const user = currentUser(req);
      const m = await findMunicipality(app.db.kysely);
      if (!m) throw new AppError('INTERNAL', 'Ingen kommun är upplagd.');
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        group: user.group,
        party: user.party,
        municipality: { id: m.id, name: m.name, kommunkod: m.kommunkod },
      };
    },
  );
}
