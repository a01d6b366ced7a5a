/**
 * The demo as a new user starts it: `besok serve --demo` on a fresh SQLite file. A company
 * registers through the demo sprint's public form; the confirmation goes through the demo's own
 * SMTP server and the admin reads it in the demo mailbox, with its private link working.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { luhnCheckDigit } from '../src/core/orgnr';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  testWebRoot,
  type TestServer,
} from '../test/helpers/browser';
import { freePort } from '../test/helpers/ports';

const ROOT = path.resolve(import.meta.dirname, '..');

void describe('the demo (besok serve --demo)', () => {
  let dir: string;
  let child: ChildProcess;
  let out = '';
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    testWebRoot(); // refuses a build older than web/src (the demo serves web/dist)
    dir = mkdtempSync(path.join(tmpdir(), 'besok-demo-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn' };
    delete env.SMTP_URL;
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/besok.mjs'),
        'serve',
        '--demo',
        '--db',
        path.join(dir, 'besok.sqlite'),
        '--port',
        String(port),
      ],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const until = Date.now() + 90_000;
    while (!/E-mail: the demo's own SMTP server/.test(out)) {
      if (child.exitCode !== null) throw new Error(`besok serve --demo ended (${child.exitCode}):\n${out}`);
      if (Date.now() > until) throw new Error(`besok serve --demo did not start within 90 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The server as the browser helpers know it; its test context is not used here.
    server = { url, ctx: undefined as never, close: () => Promise.resolve() };
    browser = await launchBrowser();
    page = await newPage(browser, server);
  });
  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  void test('prints the log-ins and the way to the mail; a registration confirmation arrives in the demo mailbox', async () => {
    const password = out.match(/password for all: (\S+)\)/)?.[1];
    const admin = out.match(/^\s+admin\s+(\S+@\S+)/m)?.[1];
    assert.ok(password && admin, `log-ins printed:\n${out}`);
    assert.match(out, /demobrevlada/);

    const nine = '559876543';
    await page.goto('/s/demo');
    await page
      .getByLabel('Organisationsnummer')
      .fill(`${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`);
    await page.getByRole('button', { name: 'Hämta uppgifter' }).click();
    await page.getByText('Företaget finns inte i vårt register').waitFor();
    await page.getByLabel('Företagets namn').fill('Demobolaget i Stallbacka AB');
    await page.getByLabel('Kontaktperson').fill('Dora Demo');
    await page.getByLabel('Roll').fill('VD');
    await page.getByLabel('E-postadress').fill('dora@demobolaget.test');
    await page.getByLabel('Telefon').fill('0520-10 20 30');
    await page.getByLabel('Digitalt (videomöte)').check();
    await page
      .getByRole('group', { name: /Tider ni kan/ })
      .getByRole('checkbox')
      .first()
      .check();
    await page.getByLabel('Jag har läst informationen').check();
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tack för er anmälan' }).waitFor();

    await page.goto('/logga-in');
    await page.getByLabel('E-postadress').fill(admin);
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Välkommen till Besök' }).waitFor();
    await page.getByRole('link', { name: /Demobrevlådan/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Demobrevlåda' }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: 'dora@demobolaget.test' });
    await card.waitFor({ timeout: 30_000 });
    await card.getByText('Visa texten').click();
    await expectAccessible(page, 'the demo mailbox');
    const link = card.getByRole('link', { name: /\/anmalan\// });
    const href = await link.getAttribute('href');
    assert.ok(href?.startsWith(server.url), `the private link points at the demo: ${href}`);
    assert.equal(
      readdirSync(path.join(dir, 'demo-mail')).filter((f) => f.endsWith('.eml')).length >= 1,
      true,
    );

    await link.click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Företagets namn').inputValue(), 'Demobolaget i Stallbacka AB');
  });
});
