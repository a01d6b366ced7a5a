import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestContext } from './helpers/app';
import { ROLES, type Access, type Role } from '../src/server/access';

/**
 * Walks every route the app registers and proves the access rule: each /api route declares who
 * may call it, a route that is not public refuses a request without a session (401), and refuses
 * a signed-in user whose role is below the route's (403). Runs on SQLite: access control does not
 * depend on the dialect, and the HTTP tests of each module run on both.
 */
describe('every route requires a session and the right role unless public', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(() => t.close());

  const fill = (url: string) =>
    url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace('*', 'x');

  test('every /api route declares its access', () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    assert.ok(api.length > 10, `expected the app's routes, saw ${api.length}`);
    const undeclared = api.filter((r) => !r.config?.access).map((r) => `${String(r.method)} ${r.url}`);
    assert.deepEqual(undeclared, [], 'routes without config.access');
  });

  test('non-public routes refuse anonymous callers and lower roles', async () => {
    const clients = {
      anonymous: await t.as('anonymous'),
      viewer: await t.as(t.users.viewer),
      staff: await t.as(t.users.staff),
    };
    const failures: string[] = [];
    let checked = 0;
    for (const route of t.app.routeTable) {
      if (!route.url.startsWith('/api/')) continue;
      const access = route.config?.access as Access;
      if (access === 'public') continue;
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
        (m) => m !== 'HEAD',
      );
      for (const method of methods) {
        const url = fill(route.url);
        const m = method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        const anon = await clients.anonymous.request(m, url, m === 'GET' ? undefined : {});
        checked++;
        if (anon.statusCode !== 401)
          failures.push(`${m} ${route.url} anonymous → ${anon.statusCode}, expected 401`);
        const lower: Role[] = ROLES.slice(0, ROLES.indexOf(access as Role)).filter((r) => r !== 'admin');
        for (const role of lower) {
          const res = await clients[role as 'viewer' | 'staff'].request(m, url, m === 'GET' ? undefined : {});
          if (res.statusCode !== 403)
            failures.push(`${m} ${route.url} as ${role} → ${res.statusCode}, expected 403`);
        }
      }
    }
    assert.ok(checked > 5, `checked ${checked} routes`);
    assert.deepEqual(failures, []);
  });

  test('an unknown API path is a JSON 404, not the web app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
  });

  test('the OpenAPI document is served and lists the API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/auth/login']);
    assert.ok(doc.paths['/api/staff']);
  });
});
