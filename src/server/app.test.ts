import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestContext } from '../../test/helpers/app';

/** What the server answers for the web app's pages, its files, and paths that are neither. */
describe('serving the web app (sqlite)', () => {
  let t: TestContext;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'besok-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Besök</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'export {};');
    t = await createTestApp('sqlite', { webRoot: root });
  });
  after(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("the app's own routes get index.html", async () => {
    for (const url of ['/', '/foretag/3f1c2b7e-0000-4000-8000-000000000000', '/logga-in?next=%2Fforetag']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.match(res.body, /<title>Besök<\/title>/, url);
    }
  });

  test("a page's address the router refuses (bad percent-encoding, a part too long) opens the web app; the API's is an error", async () => {
    for (const url of ['/anmalan/%00%ff', '/anmalan/%C3%28', `/s/${'a'.repeat(300)}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.match(res.body, /<title>Besök<\/title>/, url);
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/public/registrations/%C3%28' });
    assert.equal(api.statusCode, 400);
    assert.deepEqual(api.json(), { error: { code: 'BAD_REQUEST', message: 'Felaktig begäran.' } });
    const asset = await t.app.inject({ method: 'GET', url: '/assets/%C3%28.js' });
    assert.equal(asset.statusCode, 400);
  });

  test('a file of the build is served as itself', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /javascript/);
  });

  test('a missing file of the build is a 404, not index.html served as a script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-old999.js' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
  });
});
