/**
 * Journey: signing in and out, and what a signed-out visitor and a reader may see.
 * Each page visited is checked with axe (WCAG 2.1 A/AA).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  expectAccessible,
  hasFocus,
  serverAndBrowser,
  logIn,
  newPage,
  startServer,
  TEST_PASSWORD,
  type TestServer,
} from '../test/helpers/browser';

void describe('log-in journey', () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await serverAndBrowser(startServer());
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  void test('a wrong password shows the Swedish error; the right one signs in; log-out signs out', async () => {
    const page = await newPage(browser, server);
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    await page.goto('/foretag');
    // Signed out: sent to the log-in page, told why, in Swedish, with <html lang="sv">.
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    // Asking who is signed in is an ordinary answer, not a failed request the console reports.
    assert.deepEqual(consoleErrors, [], 'a signed-out first load logs no error');
    assert.equal(new URL(page.url()).pathname, '/logga-in');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    await page.getByText('Du behöver logga in för att se sidan.').waitFor();
    await expectAccessible(page, 'the log-in page');

    // Submitting empty: errors beside the fields and a summary that takes focus.
    await page.getByRole('button', { name: 'Logga in' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary.waitFor();
    assert.ok(await hasFocus(summary), 'the error summary has focus');
    await page.getByText('Skriv din e-postadress.').first().waitFor();

    await page.getByLabel('E-postadress').fill('admin@test.se');
    await page.getByLabel('Lösenord').fill('inte-rätt-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await summary.getByText('Fel e-postadress eller lösenord.').waitFor();
    assert.equal(await page.getByLabel('E-postadress').inputValue(), 'admin@test.se', 'the e-mail is kept');
    await expectAccessible(page, 'the log-in page with an error');

    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    // Back where the user was going.
    await page.getByRole('heading', { level: 1, name: 'Företagsregister' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/foretag');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const item of ['Start', 'Företagsregister', 'Import', 'Personal', 'Ämnen', 'Kommun']) {
      await nav.getByRole('link', { name: item }).waitFor();
    }

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.context().close();
  });

  void test('a reader sees no admin pages: the menu leaves them out and the page says 403', async () => {
    const page = await newPage(browser, server);
    await page.goto('/logga-in');
    await page.getByLabel('E-postadress').fill('viewer@test.se');
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Välkommen till Besök' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    assert.equal(await nav.getByRole('link', { name: 'Import' }).count(), 0);
    await expectAccessible(page, 'the start page');

    await page.goto('/import');
    await page.getByRole('heading', { level: 1, name: 'Du har inte behörighet' }).waitFor();
    await page.goto('/finns-inte');
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    await expectAccessible(page, 'the 404 page');
    await page.context().close();
  });

  void test('a session that ends while the app is open leads back to the log-in page, then onwards', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'staff@test.se');
    // The server forgets the session (expiry, log-out elsewhere): the next request gets 401.
    await page.context().clearCookies();
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Företagsregister' })
      .click();
    await page.getByText('Du behöver logga in för att se sidan.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/logga-in');
    // Signing in again (with a fresh CSRF token) returns to the page that was asked for.
    await page.getByLabel('E-postadress').fill('staff@test.se');
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Företagsregister' }).waitFor();
    await page.context().close();
  });

  void test('a session that ends during a save keeps what was typed: log in again over the page, then save', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto('/amnen');
    const english = page.getByLabel('Lokaler och mark: namn på engelska');
    await english.fill('Premises, land and permits');
    // The server forgets the session (expiry, log-out elsewhere) while the form is open.
    const db = server.ctx.testDb.db.kysely;
    await db.deleteFrom('session').where('user_id', '=', server.ctx.users.admin.id).execute();
    await page.getByRole('button', { name: 'Spara' }).click();

    const dialog = page.getByRole('dialog', { name: 'Din inloggning har gått ut' });
    await dialog.waitFor();
    await dialog
      .getByText('Det du har skrivit finns kvar på sidan men är inte sparat.', { exact: false })
      .waitFor();
    assert.equal(new URL(page.url()).pathname, '/amnen', 'the page stays');
    assert.equal(await english.inputValue(), 'Premises, land and permits', 'what was typed stays');
    assert.equal(await dialog.getByLabel(/^E-postadress/).inputValue(), 'admin@test.se');
    assert.ok(await hasFocus(dialog.getByLabel(/^Lösenord/)), 'the password is asked for');
    await expectAccessible(page, 'the log-in asked again over a form');

    // A wrong password is said in the dialog; the page stays behind it.
    await dialog.getByLabel(/^Lösenord/).fill('fel-lösenord');
    await dialog.getByRole('button', { name: 'Logga in igen' }).click();
    await dialog.getByRole('link', { name: 'Fel e-postadress eller lösenord.' }).waitFor();
    await dialog.getByLabel(/^Lösenord/).fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Logga in igen' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(new URL(page.url()).pathname, '/amnen');
    assert.equal(await english.inputValue(), 'Premises, land and permits');

    // Saved the second time, with the new session.
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ämnena är sparade.').waitFor();
    const topic = await db
      .selectFrom('topic')
      .select('label_en')
      .where('label_sv', '=', 'Lokaler och mark')
      .executeTakeFirstOrThrow();
    assert.equal(topic.label_en, 'Premises, land and permits');
    await page.context().close();
  });

  void test('the accessibility statement is public and says how to report problems', async () => {
    const page = await newPage(browser, server);
    await page.goto('/tillganglighet');
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Rapportera brister' }).waitFor();
    await expectAccessible(page, 'the accessibility statement');
    await page.context().close();
  });
});
