import type { DB, Executor } from '../../db/database';
import { AppError, validation } from '../../server/errors';
import { hashToken, newToken } from '../../lib/ids';
import type { Role } from '../../server/access';
import { burnVerify, hashPassword, verifyPassword } from './password';
import { checkPasswordStrength } from './password-strength';
import type { Party, SessionUser, StaffGroup } from './auth.types';

export const SESSION_COOKIE = 'besok_sid';

interface FoundSession {
  sessionId: string;
  expiresAt: string;
  user: SessionUser;
}

export async function findSessionUser(db: Executor, token: string, now: Date): Promise<FoundSession | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id as session_id',
      'session.expires_at',
      'app_user.id',
      'app_user.municipality_id',
      'app_user.email',
      'app_user.name',
      'app_user.role',
      'app_user.staff_group',
      'app_user.party',
    ])
    .where('session.id', '=', hashToken(token))
    .where('session.expires_at', '>', now.toISOString())
    .where('app_user.active', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    sessionId: row.session_id,
    expiresAt: row.expires_at,
    user: {
      id: row.id,
      municipalityId: row.municipality_id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      group: row.staff_group as StaffGroup,
      party: (row.party as Party | null) ?? null,
    },
  };
}

/**
 * Sliding expiry: a session in use is extended, at most once per quarter of its lifetime. The new
 * expiry when it was (the cookie must be set again with it, or the browser drops it at the old one),
 * else null.
 */
export async function touchSession(
  db: Executor,
  s: FoundSession,
  now: Date,
  ttlHours: number,
): Promise<Date | null> {
  const ttlMs = ttlHours * 3600_000;
  const remaining = new Date(s.expiresAt).getTime() - now.getTime();
  if (remaining > ttlMs * 0.75) return null;
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db
    .updateTable('session')
    .set({ expires_at: expiresAt.toISOString() })
    .where('id', '=', s.sessionId)
    .execute();
  return expiresAt;
}

/** The session cookie's attributes, the same at log-in and when a session in use is extended. */
export function sessionCookieOptions(secure: boolean, expires: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, expires };
}

export async function logIn(
  db: Executor,
  email: string,
  password: string,
  now: Date,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'active'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  // An account without a password yet takes as long as one that does not exist: timing tells
  // nobody which addresses are accounts waiting for their password.
  if (!user || user.active !== 1 || !user.password_hash) {
    await burnVerify(password);
    throw new AppError('UNAUTHENTICATED', 'Fel e-postadress eller lösenord.');
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new AppError('UNAUTHENTICATED', 'Fel e-postadress eller lösenord.');
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await db
    .insertInto('session')
    .values({
      id: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  // Expired sessions of this user are cleared as they log in again; nothing else needs a sweeper.
  await db
    .deleteFrom('session')
    .where('user_id', '=', user.id)
    .where('expires_at', '<=', now.toISOString())
    .execute();
  return { token, expiresAt, userId: user.id };
}

export async function logOut(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/**
 * A signed-in person changes their own password: the current one must be right. Every other
 * session of theirs ends (a stolen session stops working); the one they are using stays.
 * Both writes come after the (slow) hashing; the caller runs this in one transaction.
 */
export async function changePassword(
  db: DB,
  userId: string,
  keepSessionId: string | null,
  currentPassword: string,
  newPassword: string,
  now: Date,
): Promise<void> {
  // Argon2 takes tens of milliseconds each way: the check and the new hash are made before the
  // transaction, which an embedded database serves one at a time, so that nobody else waits on them.
  const user = await db
    .selectFrom('app_user')
    .select(['password_hash', 'email', 'name'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw validation(
      [{ path: 'currentPassword', message: 'stämmer inte, skriv lösenordet du loggar in med i dag' }],
      'Det nuvarande lösenordet är fel.',
    );
  }
  if (currentPassword === newPassword) {
    throw validation(
      [{ path: 'newPassword', message: 'måste vara ett annat än det nuvarande' }],
      'Det nya lösenordet är samma som det nuvarande.',
    );
  }
  checkPasswordStrength('newPassword', newPassword, [user.email, user.name]);
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    // Only over the password that was checked: changed meanwhile (another tab, an admin), it stands.
    const res = await trx
      .updateTable('app_user')
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where('id', '=', userId)
      .where('password_hash', '=', user.password_hash!)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw new AppError(
        'STALE',
        'Lösenordet ändrades under tiden, i en annan flik eller av en administratör. Ladda om sidan och försök igen.',
      );
    }
    let others = trx.deleteFrom('session').where('user_id', '=', userId);
    if (keepSessionId) others = others.where('id', '!=', keepSessionId);
    await others.execute();
  });
}
