import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, TEST_PASSWORD, type TestContext } from '../../../test/helpers/app';
import { createStaff } from '../staff/staff.service';

/** A person of their own for a test that changes the password, so the shared users keep theirs. */
async function newPerson(t: TestContext, email: string, role: 'admin' | 'staff' | 'viewer' = 'viewer') {
  return createStaff(
    t.testDb.db.kysely,
    t.municipality.id,
    {
      email,
      name: 'Olle Ny',
      title: '',
      phone: '',
      role,
      group: 'department',
      party: null,
      expertise: [],
      password: TEST_PASSWORD,
    },
    t.clock.now(),
  );
}

for (const dialect of DIALECTS) {
  void describe(`auth (${dialect})`, () => {
    let t: TestContext;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    void test('logs in with the right password, reads /me, logs out', async () => {
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

    void test('/api/auth/session says who is signed in, and null (not a 401) when nobody is', async () => {
      const c = await t.as('anonymous');
      const before = await c.get('/api/auth/session');
      assert.equal(before.statusCode, 200);
      assert.deepEqual(before.json(), { user: null });
      assert.equal((await c.login('admin@test.se', TEST_PASSWORD)).statusCode, 200);
      const during = await c.get('/api/auth/session');
      assert.equal(during.statusCode, 200);
      assert.deepEqual(during.json(), { user: (await c.get('/api/auth/me')).json() });
      assert.equal((await c.post('/api/auth/logout')).statusCode, 200);
      assert.deepEqual((await c.get('/api/auth/session')).json(), { user: null });
      // A forged or stale cookie is nobody, too.
      const forged = await t.app.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: { cookie: 'besok_sid=not-a-session' },
      });
      assert.equal(forged.statusCode, 200);
      assert.deepEqual(forged.json(), { user: null });
    });

    void test('the session is stored in the database, as a hash of the cookie', async () => {
      const c = await t.as(t.users.staff);
      const token = c.cookieHeader.match(/besok_sid=([^;]+)/)?.[1];
      assert.ok(token);
      const rows = await t.testDb.db.kysely
        .selectFrom('session')
        .selectAll()
        .where('user_id', '=', t.users.staff.id)
        .execute();
      assert.ok(rows.length >= 1);
      assert.ok(rows.every((r) => r.id !== token && /^[0-9a-f]{64}$/.test(r.id)));
    });

    void test('a wrong password or unknown user is refused with one message', async () => {
      const c = await t.as('anonymous');
      const wrong = await c.login('admin@test.se', 'fel-lösenord-123');
      const unknown = await c.login('nobody@test.se', 'fel-lösenord-123');
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.json().error.message, unknown.json().error.message);
      assert.equal(wrong.json().error.code, 'UNAUTHENTICATED');
    });

    void test('a post without the CSRF token is refused', async () => {
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

    void test('an expired session no longer works', async () => {
      const c = await t.as(t.users.viewer);
      assert.equal((await c.get('/api/auth/me')).statusCode, 200);
      t.clock.advance(13 * 3600_000);
      assert.equal((await c.get('/api/auth/me')).statusCode, 401);
    });

    void test('a session in use is extended, and its cookie with it (the browser keeps it to the new end)', async () => {
      const c = await t.as('anonymous');
      const login = await c.login('viewer@test.se', TEST_PASSWORD);
      const start = t.clock.now().getTime();
      const first = login.cookies.find((k) => k.name === 'besok_sid')!;
      assert.equal(first.expires?.getTime(), start + 12 * 3600_000);
      t.clock.advance(2 * 3600_000);
      const early = await c.get('/api/auth/me');
      assert.equal(early.cookies.length, 0, 'not extended in the first quarter of its lifetime');
      t.clock.advance(2 * 3600_000);
      const later = await c.get('/api/auth/me');
      assert.equal(later.statusCode, 200);
      const again = later.cookies.find((k) => k.name === 'besok_sid')!;
      assert.equal(again.value, first.value, 'the same session');
      assert.equal(again.expires?.getTime(), start + 16 * 3600_000);
      assert.deepEqual([again.httpOnly, again.sameSite, again.path], [true, 'Lax', '/']);
      t.clock.advance(11 * 3600_000); // 15 h after log-in, 11 h after its last use
      assert.equal((await c.get('/api/auth/me')).statusCode, 200);
    });

    void test('a reader changes their own name, title, phone and expertise; /me shows the profile', async () => {
      const c = await t.as(t.users.viewer);
      const res = await c.patch('/api/auth/me', {
        name: ' Vera Läsare ',
        title: 'Näringslivschef',
        phone: '0247-800 00',
        expertise: ['etablering'],
      });
      assert.equal(res.statusCode, 200, res.body);
      const me = res.json();
      assert.equal(me.name, 'Vera Läsare');
      assert.equal(me.title, 'Näringslivschef');
      assert.equal(me.phone, '0247-800 00');
      assert.deepEqual(me.expertise, ['etablering']);
      assert.equal(me.role, 'viewer');
      assert.equal(me.municipality.name, 'Testkommun');
      assert.deepEqual((await c.get('/api/auth/me')).json(), me);
      // Leaving a field out leaves it as it was.
      const partial = await c.patch('/api/auth/me', { phone: '' });
      assert.equal(partial.statusCode, 200, partial.body);
      assert.equal(partial.json().title, 'Näringslivschef');
      assert.equal(partial.json().phone, '');
      const admin = await t.as(t.users.admin);
      const seen = (await admin.get(`/api/staff/${t.users.viewer.id}`)).json();
      assert.equal(seen.name, 'Vera Läsare');
      assert.deepEqual(seen.expertise, ['etablering']);
    });

    void test('nobody raises their own role or changes group, party or status through /me', async () => {
      const c = await t.as(t.users.staff);
      for (const body of [
        { role: 'admin' },
        { group: 'politician' },
        { party: 'majority' },
        { active: false },
      ]) {
        const res = await c.patch('/api/auth/me', { name: 'Sven Staff', ...body });
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
        assert.equal(res.json().error.code, 'VALIDATION');
      }
      const me = (await c.get('/api/auth/me')).json();
      assert.equal(me.role, 'staff');
      assert.equal(me.group, 'department');
      const bad = await c.patch('/api/auth/me', { name: '  ', expertise: ['rymdfart'] });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad.json().error.details.map((d: { path: string }) => d.path),
        ['name'],
      );
      const unknown = await c.patch('/api/auth/me', { expertise: ['rymdfart'] });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().error.details[0].path, 'expertise');
      assert.equal((await (await t.as('anonymous')).patch('/api/auth/me', { name: 'X' })).statusCode, 401);
    });

    void test('changing the password ends the other sessions and keeps this one', async () => {
      const person = await newPerson(t, 'olle@test.se');
      const here = await t.as(person);
      const phone = await t.as(person);
      const res = await here.post('/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'ett-helt-nytt-lösenord',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await here.get('/api/auth/me')).statusCode, 200, 'the session that changed it stays');
      assert.equal((await phone.get('/api/auth/me')).statusCode, 401, 'the other session has ended');
      const sessions = await t.testDb.db.kysely
        .selectFrom('session')
        .select('id')
        .where('user_id', '=', person.id)
        .execute();
      assert.equal(sessions.length, 1);
      const again = await t.as('anonymous');
      assert.equal(
        (await again.login('olle@test.se', TEST_PASSWORD)).statusCode,
        401,
        'the old password is gone',
      );
      assert.equal((await again.login('olle@test.se', 'ett-helt-nytt-lösenord')).statusCode, 200);
    });

    void test('a wrong current password is refused in Swedish on its field, and nothing changes', async () => {
      const person = await newPerson(t, 'greta@test.se');
      const here = await t.as(person);
      const other = await t.as(person);
      const res = await here.post('/api/auth/password', {
        currentPassword: 'inte-mitt-lösenord',
        newPassword: 'ett-helt-nytt-lösenord',
      });
      assert.equal(res.statusCode, 400);
      const { error } = res.json();
      assert.equal(error.code, 'VALIDATION');
      assert.equal(error.message, 'Det nuvarande lösenordet är fel.');
      assert.deepEqual(error.details, [
        { path: 'currentPassword', message: 'stämmer inte, skriv lösenordet du loggar in med i dag' },
      ]);
      assert.equal((await other.get('/api/auth/me')).statusCode, 200, 'no session ended');
      assert.equal(
        (await (await t.as('anonymous')).login('greta@test.se')).statusCode,
        200,
        'the password is unchanged',
      );

      const short = await here.post('/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'kort',
      });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().error.details[0].path, 'newPassword');
      const same = await here.post('/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: TEST_PASSWORD,
      });
      assert.equal(same.statusCode, 400);
      assert.equal(same.json().error.details[0].path, 'newPassword');
      const long = await here.post('/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'x'.repeat(201),
      });
      assert.equal(long.statusCode, 400);
      // Long enough but easy to guess: the most common passwords, or one's own address.
      for (const [weak, why] of [
        ['qwertyuiop', 'är ett av de vanligaste lösenorden'],
        ['greta@test.se2026', 'innehåller din e-postadress eller ditt namn'],
      ]) {
        const res = await here.post('/api/auth/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: weak,
        });
        assert.equal(res.statusCode, 400, weak);
        assert.equal(res.json().error.message, 'Lösenordet är för lätt att gissa.');
        assert.deepEqual(res.json().error.details, [
          {
            path: 'newPassword',
            message: `${why}; välj en längre fras, till exempel tre ord med bindestreck emellan`,
          },
        ]);
      }
      assert.equal(
        (
          await (
            await t.as('anonymous')
          ).post('/api/auth/password', { currentPassword: 'a', newPassword: 'b'.repeat(10) })
        ).statusCode,
        401,
      );
    });
  });
}

void describe('password change rate limit', () => {
  void test('guessing the current password is throttled like log-in', async () => {
    const t = await createTestApp('sqlite', { env: { LOGIN_RATE_LIMIT: '3' } });
    try {
      const c = await t.as(t.users.viewer);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await c.post('/api/auth/password', {
          currentPassword: `gissning-${i}`,
          newPassword: 'ett-helt-nytt-lösenord',
        });
        codes.push(res.statusCode);
      }
      assert.deepEqual(codes, [400, 400, 400, 429]);
    } finally {
      await t.close();
    }
  });
});

void describe('log-in rate limit', () => {
  void test('the eleventh attempt in a minute from one address is refused', async () => {
    const t = await createTestApp('sqlite', { env: { LOGIN_RATE_LIMIT: '10' } });
    try {
      const c = await t.as('anonymous');
      const codes: number[] = [];
      for (let i = 0; i < 11; i++)
        codes.push((await c.login('admin@test.se', 'fel-lösenord-123')).statusCode);
      assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
      assert.equal(codes[10], 429);
      const res = await c.login('admin@test.se', TEST_PASSWORD);
      assert.equal(res.json().error.code, 'RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
