import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../test/helpers/app';
import { loggerOptions } from './server';

/** Input that used to reach the database or the router raw: refused in the one error shape. */
for (const dialect of DIALECTS) {
  void describe(`bad input at the edge (${dialect})`, () => {
    let t: TestContext;
    let anon: Client;
    before(async () => {
      t = await createTestApp(dialect);
      anon = await t.as('anonymous');
    });
    after(() => t.close());

    test('a NUL character anywhere in a request is a 400 naming the field (PostgreSQL cannot store it)', async () => {
      const reg = await anon.post('/api/public/sprints/nagon/registrations', {
        orgNr: '556677-8899',
        contact: { name: 'A\u0000B' },
        slots: ['s1', 'x\u0000'],
      });
      assert.equal(reg.statusCode, 400, reg.body);
      assert.equal(reg.json().error.code, 'VALIDATION');
      assert.deepEqual(reg.json().error.details, [
        { path: 'contact.name', message: 'innehåller ett otillåtet tecken (NUL)' },
      ]);
      const login = await anon.post('/api/auth/login', { email: 'a\u0000@b.se', password: 'x' });
      assert.equal(login.statusCode, 400, login.body);
      assert.equal(login.json().error.details[0].path, 'email');
      const param = await anon.get('/api/public/sprints/a%00b');
      assert.equal(param.statusCode, 400, param.body);
      assert.equal(param.json().error.details[0].path, 'slug');
      const query = await (await t.as(t.users.admin)).get('/api/companies?q=ab%00c');
      assert.equal(query.statusCode, 400, query.body);
      assert.equal(query.json().error.details[0].path, 'q');
    });

    test("the router's own refusals come in the app's error shape, without the URL echoed", async () => {
      const long = 'a'.repeat(150);
      const tooLong = await anon.get(`/api/public/registrations/${long}`);
      assert.equal(tooLong.statusCode, 414);
      assert.deepEqual(tooLong.json(), { error: { code: 'BAD_REQUEST', message: 'Felaktig begäran.' } });
      const badUrl = await anon.get('/api/public/registrations/%C3%28');
      assert.equal(badUrl.statusCode, 400);
      assert.deepEqual(badUrl.json(), { error: { code: 'BAD_REQUEST', message: 'Felaktig begäran.' } });
    });
  });
}

test("a logged error keeps its kind, code, message and stack, not PostgreSQL's copy of the row", () => {
  const opts = loggerOptions({ LOG_LEVEL: 'info' } as Parameters<typeof loggerOptions>[0]) as unknown as {
    serializers: { err: (e: Error) => Record<string, unknown> };
  };
  const err = Object.assign(new Error('duplicate key value violates unique constraint "company_org_nr_uq"'), {
    code: '23505',
    detail: 'Key (org_nr)=(8001015555) already exists.',
    where: 'SQL statement',
    parameters: ['8001015555'],
  });
  const logged = opts.serializers.err(err);
  assert.equal(logged.code, '23505');
  assert.match(String(logged.message), /duplicate key/);
  assert.match(String(logged.stack), /duplicate key/);
  assert.doesNotMatch(JSON.stringify(logged), /8001015555/);
});
