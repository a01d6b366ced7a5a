import type { RouteApp } from '../../server/route-types';
import { zod } from '../../server/route-types';
import { ChangePasswordBody, LoginBody, Me, SessionInfo, UpdateMeBody } from '../../contracts/staff';
import { Ok } from '../../contracts/common';
import { z } from 'zod';
import { AppError } from '../../server/errors';
import { findMunicipality } from '../municipality/municipality.repository';
import { changePassword, logIn, logOut, sessionCookieOptions, SESSION_COOKIE } from './auth.service';
import { currentUser } from '../../server/plugins/auth';
import { findStaff, toStaffMember } from '../staff/staff.repository';
import { updateStaffMember } from '../staff/staff.service';
import type { Executor } from '../../db/database';
import type { SessionUser } from './auth.types';

/** The signed-in person as GET/PATCH /api/auth/me show them: the session's user, their profile, the municipality. */
async function loadMe(db: Executor, user: SessionUser): Promise<z.infer<typeof Me>> {
  const [row, m] = await Promise.all([findStaff(db, user.id), findMunicipality(db)]);
  if (!m) throw new AppError('INTERNAL', 'Ingen kommun är upplagd.');
  if (!row) throw new AppError('UNAUTHENTICATED', 'Du behöver logga in.');
  const p = toStaffMember(row);
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    role: p.role,
    group: p.group,
    party: p.party,
    title: p.title,
    phone: p.phone,
    expertise: p.expertise,
    municipality: { id: m.id, name: m.name, kommunkod: m.kommunkod },
  };
}

export async function authRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);

  r.get(
    '/api/auth/csrf',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], response: { 200: z.object({ token: z.string() }) } },
    },
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
      void reply.setCookie(
        SESSION_COOKIE,
        session.token,
        sessionCookieOptions(app.env.COOKIE_SECURE, session.expiresAt),
      );
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
    '/api/auth/session',
    { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: SessionInfo } } },
    async (req) => {
      if (!req.user) return { user: null };
      try {
        return { user: await loadMe(app.db.kysely, req.user) };
      } catch (err) {
        // The account was removed while its session lived: nobody is signed in.
        if (err instanceof AppError && err.code === 'UNAUTHENTICATED') return { user: null };
        throw err;
      }
    },
  );

  r.get(
    '/api/auth/me',
    { config: { access: 'viewer' }, schema: { tags: ['auth'], response: { 200: Me } } },
    async (req) => loadMe(app.db.kysely, currentUser(req)),
  );

  r.patch(
    '/api/auth/me',
    { config: { access: 'viewer' }, schema: { tags: ['auth'], body: UpdateMeBody, response: { 200: Me } } },
    async (req) => {
      const user = currentUser(req);
      await app.db.kysely
        .transaction()
        .execute((trx) => updateStaffMember(trx, user.municipalityId, user.id, req.body, app.clock.now()));
      req.log.info({ userId: user.id, fields: Object.keys(req.body) }, 'own profile changed');
      return loadMe(app.db.kysely, user);
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: {
        access: 'viewer',
        // Like log-in: guessing the current password through this form is throttled the same way.
        rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Ok } },
    },
    async (req) => {
      const user = currentUser(req);
      await changePassword(
        app.db.kysely,
        user.id,
        req.sessionId,
        req.body.currentPassword,
        req.body.newPassword,
        app.clock.now(),
      );
      req.log.info({ userId: user.id }, 'password changed; other sessions ended');
      return { ok: true as const };
    },
  );
}
