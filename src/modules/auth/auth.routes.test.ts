import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, TEST_PASSWORD, type TestContext } from '../../../test/helpers/app';

for (const dialect of DIALECTS) {
  describe(`auth (${dialect})`, () => {
    let t: TestContext;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('logs in with the right password, reads /me, logs out', async () => {
      const c = await t.as('anonymous');
      assert.equal((await c.get('/api/auth/me')).statusCode, 401);
      const res = await c.login('ADMIN@test.se ', TEST_PASSWORD);
      assert.equal(res.statusCode, 200, res.body);
      const cookie = res.cookies.find((k) => k.name === 'besok_sid');
      assert.ok(cookie?.httpOnly, 'session cookie is httpOnly');
      const me = await c.get('/api/auth/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().email, 'admin@test.se');
      assert.equal(me.json().municipality.name, 'Testkommun');
      assert.equal((await c.post('/api/auth/logout')).statusCode, 200);
      assert.equal((await c.get('/api/auth/me')).statusCode, 401);
    });

    test('the session is stored in the database, as a hash of the cookie', async () => {
      const c = await t.as(t.users.staff);
      const token = c.cookieHeader.match(/besok_sid=([^;]+)/)?.[1];
      assert.ok(token);
      const rows = await t.testDb.db.kysely.selectFrom('session').selectAll().where('user_id', '=', t.users.staff.id).execute();
      assert.ok(rows.length >= 1);
      assert.ok(rows.every((r) => r.id !== token && /^[0-9a-f]{64}$/.test(r.id)));
    });

    test('a wrong password or unknown user is refused with one message', async () => {
      const c = await t.as('anonymous');
      const wrong = await c.login('admin@test.se', 'fel-lösenord-123');
      const unknown = await c.login('nobody@test.se', 'fel-lösenord-123');
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.json().error.message, unknown.json().error.message);
      assert.equal(wrong.json().error.code, 'UNAUTHENTICATED');
    });

    test('a post without the CSRF token is refused', async () => {
      const c = await t.as(t.users.admin);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: c.cookieHeader },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'FORBIDDEN');
      assert.equal((await c.get('/api/auth/me')).statusCode, 200, 'still signed in');
    });

    test('an expired session no longer works', async () => {
      const c = await t.as(t.users.viewer);
      assert.equal((await c.get('/api/auth/me')).statusCode, 200);
      t.clock.advance(13 * 3600_000);
      assert.equal((await c.get('/api/auth/me')).statusCode, 401);
    });
  });
}

describe('log-in rate limit', () => {
  test('the eleventh attempt in a minute from one address is refused', async () => {
    const t = await createTestApp('sqlite', { env: { LOGIN_RATE_LIMIT: '10' } });
    try {
      const c = await t.as('anonymous');
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await c.login('admin@test.se', 'fel-lösenord-123')).statusCode);
      assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
      assert.equal(codes[10], 429);
      const res = await c.login('admin@test.se', TEST_PASSWORD);
      assert.equal(res.json().error.code, 'RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
