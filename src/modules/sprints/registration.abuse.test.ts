import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp } from '../../../test/helpers/app';

// Rate limiting is the web server's, not the database's: one dialect is enough.
void test('the public form is rate-limited per address and refuses oversized bodies', async () => {
  const ctx = await createTestApp(DIALECTS[0]!);
  try {
    const admin = await ctx.as(ctx.users.admin);
    const created = await admin.post('/api/sprints', {
      name: 'Sprint',
      day: '2026-04-20',
      registrationOpensAt: '2026-03-01T00:00:00Z',
      registrationClosesAt: '2026-04-10T00:00:00Z',
      slug: 'rate-test',
    });
    assert.equal(created.statusCode, 201, created.body);
    await admin.patch(`/api/sprints/${created.json().id}`, {
      version: created.json().version,
      status: 'open',
    });
    const anon = await ctx.as('anonymous');
    const huge = await anon.post('/api/public/sprints/rate-test/registrations', {
      orgNr: 'x'.repeat(40 * 1024),
    });
    assert.equal(huge.statusCode, 413);
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      codes.push(
        (await anon.post('/api/public/sprints/rate-test/registrations', { consent: false })).statusCode,
      );
    }
    assert.ok(
      codes.slice(0, 18).every((c) => c === 400),
      codes.join(','),
    );
    assert.equal(codes.at(-1), 429);
  } finally {
    await ctx.close();
  }
});
