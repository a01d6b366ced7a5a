import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { logUrl } from './log-url';
import { loggerOptions } from './server';
import { buildApp } from './app';
import { loadEnv } from '../config/env';
import { createTestDb } from '../../test/helpers/db';

test('private-link tokens, org and personal numbers and query values are kept out of the log', () => {
  const cases: Array<[string, string]> = [
    [
      '/api/public/registrations/ZaLLCNy6860NRpXhyddHSHo6zBLpRzq0Xrhe05e3CQY',
      '/api/public/registrations/[redacted]',
    ],
    ['/anmalan/ZaLLCNy6860NRpXhyddHSHo6zBLpRzq0Xrhe05e3CQY', '/anmalan/[redacted]'],
    ['/api/relay/invitations/k3J_9sd-PqLm2XyZ01abCDef/accept', '/api/relay/invitations/[redacted]/accept'],
    [
      '/api/public/sprints/hosten-2026/companies/7202084666',
      '/api/public/sprints/hosten-2026/companies/[redacted]',
    ],
    ['/api/public/sprints/varen/companies/19850101-0154', '/api/public/sprints/varen/companies/[redacted]'],
    ['/api/companies?q=kim2@example.se&page=2', '/api/companies?q=[redacted]&page=[redacted]'],
    ['/api/companies?kim2@example.se', '/api/companies?[redacted]'],
    // However a number is written: a space, an en dash, a minus sign, spaces inside.
    ...['556677 8899', '19850101 0154', '556677–8899', '556677−8899', '85 01 01-0154'].map(
      (n): [string, string] => [
        `/api/public/sprints/varen/companies/${encodeURIComponent(n)}`,
        '/api/public/sprints/varen/companies/[redacted]',
      ],
    ),
  ];
  for (const [url, logged] of cases) assert.equal(logUrl(url), logged, url);
});

test('ids, slugs and plain paths stay as they are', () => {
  for (const url of [
    '/api/companies/0190b5d2-6a3c-7f00-8000-1a2b3c4d5e6f',
    '/api/public/sprints/besokssprint-hosten-2026-trollhattan',
    '/foretag',
    '/assets/index-Ddz0qd0L.js',
    '/api/auth/session',
  ])
    assert.equal(logUrl(url), url);
});

test("the server's request log keeps a private link's token and a search's text out", async () => {
  const testDb = await createTestDb('sqlite');
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: testDb.url, LOG_LEVEL: 'info' } as NodeJS.ProcessEnv);
  const options = loggerOptions(env) as Record<string, unknown>;
  const app = await buildApp({ env, db: testDb.db, logger: { ...options, stream } });
  try {
    const token = 'ZaLLCNy6860NRpXhyddHSHo6zBLpRzq0Xrhe05e3CQY';
    await app.inject({ method: 'GET', url: `/api/public/registrations/${token}` });
    await app.inject({ method: 'GET', url: '/api/companies?q=kim2@example.se' });
    const log = lines.join('');
    assert.match(log, /"url":"\/api\/public\/registrations\/\[redacted\]"/);
    assert.match(log, /"url":"\/api\/companies\?q=\[redacted\]"/);
    assert.doesNotMatch(log, new RegExp(token));
    assert.doesNotMatch(log, /kim2@example/);
  } finally {
    await app.close();
    await testDb.cleanup();
  }
});
