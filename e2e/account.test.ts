/**
 * Journey: Mitt konto. A colleague opens their account from the header, corrects their title,
 * types a wrong current password (the Swedish error beside the field and in the summary), then
 * changes the password, logs out and logs in with the new one. axe on the page and its error state.
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

const NEW_PASSWORD = 'sju-gröna-äpplen-i-korgen';

void describe('account journey', () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await serverAndBrowser(startServer());
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  void test('edit the profile, refuse a wrong current password, change it, log in with the new one', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'staff@test.se');
    await page.getByRole('banner').getByRole('link', { name: 'Mitt konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/konto');
    await page.getByText('staff@test.se').waitFor();
    assert.equal(await page.getByLabel('Namn').inputValue(), 'Sven Staff');
    await expectAccessible(page, 'the account page');

    // Own details: saved, and the header shows the new name at once.
    await page.getByLabel('Namn').fill('Sven Svensson');
    await page.getByLabel('Titel').fill('Näringslivsutvecklare');
    // Record the text each polite live region has when it enters the page: a screen reader reads a
    // region's changes, not a region inserted with its text already in it.
    // (A script in the page's own terms: the tests are type-checked without the DOM's types.)
    await page.evaluate(`
      window.statusInserted = [];
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes)
            if (n instanceof HTMLElement)
              for (const el of [n, ...n.querySelectorAll('[role="status"]')])
                if (el.getAttribute('role') === 'status') window.statusInserted.push(el.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    `);
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    await page.getByRole('status').filter({ hasText: 'Dina uppgifter är sparade.' }).waitFor();
    assert.deepEqual(
      await page.evaluate('window.statusInserted'),
      [''],
      "the confirmation's live region was in the page, empty, before its text",
    );
    await page.getByRole('banner').getByText('Sven Svensson').waitFor();

    // A wrong current password: the server's refusal beside the field and in the focused summary.
    await page.getByLabel('Nuvarande lösenord').fill('inte-mitt-lösenord');
    await page.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
    await page.getByLabel('Upprepa det nya lösenordet').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary.waitFor();
    const message = 'Nuvarande lösenord: stämmer inte, skriv lösenordet du loggar in med i dag';
    await summary.getByRole('link', { name: message }).waitFor();
    assert.ok(await hasFocus(summary), 'the error summary has focus');
    const current = page.getByLabel('Nuvarande lösenord');
    assert.equal(await current.getAttribute('aria-invalid'), 'true');
    const describedBy = (await current.getAttribute('aria-describedby')) ?? '';
    assert.match(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText(), /stämmer inte/);
    assert.equal(await page.getByLabel('Nytt lösenord').inputValue(), NEW_PASSWORD, 'input is kept');
    await expectAccessible(page, 'the account page with a wrong current password');

    // In English the server's reason is still Swedish: marked as such (WCAG 3.1.2), label English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Change password' }).click();
    const inEnglish = page.getByRole('alert').getByRole('link', { name: /^Current password: stämmer inte/ });
    await inEnglish.waitFor();
    assert.equal(
      await inEnglish.locator('[lang="sv"]').innerText(),
      'stämmer inte, skriv lösenordet du loggar in med i dag',
    );
    await expectAccessible(page, 'the account page in English with a Swedish reason');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('button', { name: 'Byt lösenord' }).waitFor();

    // The repeat must match (checked in the browser).
    await current.fill(TEST_PASSWORD);
    await page.getByLabel('Upprepa det nya lösenordet').fill('något-annat-helt');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await summary.getByText('Upprepa det nya lösenordet: skriv samma lösenord två gånger.').waitFor();

    // One of the most common passwords: the server says why, beside the field.
    await page.getByLabel('Nytt lösenord').fill('qwertyuiop');
    await page.getByLabel('Upprepa det nya lösenordet').fill('qwertyuiop');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await summary
      .getByRole('link', {
        name: 'Nytt lösenord: är ett av de vanligaste lösenorden; välj en längre fras, till exempel tre ord med bindestreck emellan',
      })
      .waitFor();

    await page.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
    await page.getByLabel('Upprepa det nya lösenordet').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByRole('status').filter({ hasText: 'Lösenordet är bytt.' }).waitFor();
    assert.equal(await summary.count(), 0, 'the summary is gone');
    assert.equal(await current.inputValue(), '', 'the password fields are emptied');
    // Still signed in here: the session that changed the password stays.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await expectAccessible(page, 'the account page after the change');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();
    await page.getByLabel('E-postadress').fill('staff@test.se');
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('Fel e-postadress eller lösenord.').first().waitFor();
    await logIn(page, 'staff@test.se', NEW_PASSWORD);
    await page.getByRole('banner').getByText('Sven Svensson').waitFor();
    await page.context().close();
  });
});
