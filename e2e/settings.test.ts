/**
 * Journey of an administrator keeping the municipality's lists: a new topic (saved, ordered,
 * offered in the staff form), the reply-to address (shown in the accessibility statement), and a
 * staff member made inactive. axe on each form.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Dialog, Page } from 'playwright-core';
import {
  expectAccessible,
  hasFocus,
  serverAndBrowser,
  logIn,
  newPage,
  startServer,
  type TestServer,
} from '../test/helpers/browser';

void describe('settings journey', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    [server, browser] = await serverAndBrowser(startServer());
    page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  void test('add a topic, move it up, save; it is offered as an area of expertise', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ämnen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ämnen' }).waitFor();
    await page.getByRole('button', { name: 'Lägg till ämne' }).click();
    const sv = page.getByLabel('Nytt ämne 13: namn på svenska');
    assert.ok(await hasFocus(sv), 'focus moves to the new row');
    await sv.fill('Export och handel');
    await page.getByRole('button', { name: 'Spara' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary
      .getByRole('link', { name: 'Export och handel: namn på engelska måste fyllas i.' })
      .waitFor();
    await expectAccessible(page, 'the topics form with an error');

    await page.getByLabel('Export och handel: namn på engelska').fill('Export and trade');
    const up = page.getByRole('button', { name: 'Flytta upp Export och handel' });
    await up.click();
    assert.ok(await hasFocus(up), 'focus stays on the moved row');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ämnena är sparade.').waitFor();
    const rows = page.getByRole('table', { name: 'Kommunens ämnen' }).getByRole('row');
    assert.equal(await rows.nth(12).getByRole('cell').nth(3).textContent(), 'export-och-handel');

    await page.goto('/personal/ny');
    await page.getByRole('checkbox', { name: 'Export och handel' }).waitFor();
  });

  void test('a new topic with the name of one already there is refused on its own row; nothing is saved', async () => {
    await page.goto('/amnen');
    await page.getByRole('heading', { level: 1, name: 'Ämnen' }).waitFor();
    const rows = page.getByRole('table', { name: 'Kommunens ämnen' }).getByRole('row');
    await page.getByLabel('Lokaler och mark: namn på engelska').waitFor();
    const before = await rows.count();
    await page.getByRole('button', { name: 'Lägg till ämne' }).click();
    await page.getByLabel(/^Nytt ämne \d+: namn på svenska$/).fill('Lokaler och mark');
    await page.getByLabel('Lokaler och mark: namn på engelska').last().fill('Premises again');
    await page.getByLabel('Lokaler och mark: kod').fill('lokaler-mark');
    await page.getByRole('button', { name: 'Spara' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary
      .getByRole('link', {
        name: 'Lokaler och mark: kod: finns redan för ämnet ”Lokaler och mark” (rad 2); välj en annan kod',
      })
      .waitFor();
    await summary
      .getByRole('link', {
        name: 'Lokaler och mark: namn på svenska: är samma som ämnet på rad 2; varje ämne behöver ett eget namn',
      })
      .waitFor();
    await expectAccessible(page, 'the topics form with a duplicate topic');
    // Nothing was saved: on a fresh load the list is as it was, the old topic's English name kept.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ämnen' }).waitFor();
    // The list loads after the heading: count once its rows are there.
    await page.getByLabel('Lokaler och mark: namn på engelska').waitFor();
    assert.equal(await rows.count(), before);
    assert.equal(
      await page.getByLabel('Lokaler och mark: namn på engelska').inputValue(),
      'Premises and land',
    );
  });

  void test('in English the topics are named by their own English labels, not lowercased ones', async () => {
    const english = await newPage(browser, server);
    await logIn(english, 'admin@test.se');
    await english.evaluate(`localStorage.setItem('besok.lang', 'en')`);
    await english.goto('/amnen');
    await english.getByRole('heading', { level: 1, name: 'Topics' }).waitFor();
    const table = english.getByRole('table', { name: 'The municipality’s topics' });
    for (const column of ['Name in Swedish', 'Name in English', 'Code', 'Active'])
      await table.getByRole('columnheader', { name: column, exact: true }).waitFor();
    await english.getByLabel('Lokaler och mark: Name in Swedish', { exact: true }).waitFor();
    assert.equal(
      await english.getByLabel('Lokaler och mark: Name in English', { exact: true }).inputValue(),
      'Premises and land',
    );
    await english.getByLabel('Lokaler och mark: Active', { exact: true }).waitFor();
    assert.equal(
      await english.getByLabel(/name in swedish|name in english/).count(),
      0,
      'no label in lower case',
    );
    await english.getByRole('button', { name: 'Add a topic' }).click();
    await english.getByLabel(/^New topic \d+: Code$/).waitFor();
    await expectAccessible(english, 'the topics page in English');
    await english.context().close();
  });

  void test("the home page in English says 'the business unit' in English, and the municipality's name from its record", async () => {
    const db = server.ctx.testDb.db.kysely;
    const id = server.ctx.municipality.id;
    const name = server.ctx.municipality.name;
    await db.updateTable('municipality').set({ name: 'Provkommun' }).where('id', '=', id).execute();
    try {
      for (const lang of ['sv', 'en'] as const) {
        const home = await newPage(browser, server);
        await logIn(home, 'admin@test.se');
        await home.evaluate(`localStorage.setItem('besok.lang', '${lang}')`);
        await home.reload();
        await home
          .getByRole('heading', {
            level: 1,
            name: lang === 'en' ? 'Welcome to Besök' : 'Välkommen till Besök',
          })
          .waitFor();
        const lead = home.locator('main p.lead').nth(1);
        if (lang === 'en') {
          assert.match(
            await lead.innerText(),
            /^Besök helps the business unit in Provkommun plan and carry out/,
          );
          assert.doesNotMatch(await home.locator('main').innerText(), /näringslivsenhet/i);
          await expectAccessible(home, 'the home page in English');
        } else {
          assert.match(await lead.innerText(), /^Besök hjälper näringslivsenheten i Provkommun att planera/);
        }
        await home.context().close();
      }
    } finally {
      await db.updateTable('municipality').set({ name }).where('id', '=', id).execute();
    }
  });

  void test('the reply-to address is checked, saved and shown in the accessibility statement', async () => {
    await page.goto('/kommun');
    await page.getByRole('heading', { level: 1, name: 'Kommunens inställningar' }).waitFor();
    await page.getByLabel('E-postadress för svar').fill('naringsliv@');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' }).waitFor();
    await expectAccessible(page, 'the municipality form with an error');
    await page.getByLabel('E-postadress för svar').fill('naringsliv@testkommun.se');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();

    await page.getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await page.getByRole('link', { name: 'naringsliv@testkommun.se' }).waitFor();

    // In English a contract's own reason is still Swedish, and marked as such beside the label.
    await page.goto('/kommun');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Municipality code').fill('12');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const reason = page
      .getByRole('alert')
      .getByRole('link', { name: /^Municipality code: ska vara fyra siffror/ })
      .locator('[lang="sv"]');
    assert.equal(await reason.innerText(), 'ska vara fyra siffror, till exempel 1488');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('button', { name: 'Spara' }).waitFor();
  });

  void test('a staff member is made inactive', async () => {
    await page.goto('/personal');
    await page.getByRole('link', { name: /Sven Staff/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Ändra Sven Staff' }).waitFor();
    await page.getByRole('checkbox', { name: /Kontot är aktivt/ }).uncheck();
    await expectAccessible(page, 'the staff edit form');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringarna för Sven Staff är sparade.').waitFor();
    await page
      .getByRole('row', { name: /Sven Staff/ })
      .getByText('inaktiv')
      .waitFor();
  });

  void test('an edit saves only what it changes: a deactivation made meanwhile stays; a mistyped e-mail address is corrected', async () => {
    const api = await server.ctx.as(server.ctx.users.admin);
    const made = await api.post('/api/staff', {
      email: 'olle.olsson@tset.se',
      name: 'Olle Olsson',
      role: 'staff',
      group: 'business',
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id as string;
    await page.goto(`/personal/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Ändra Olle Olsson' }).waitFor();
    // Another admin deactivates him while this form is open.
    assert.equal((await api.patch(`/api/staff/${id}`, { active: false })).statusCode, 200);
    await page.getByRole('textbox', { name: /^E-postadress/ }).fill('olle.olsson@test.se');
    await page.getByRole('textbox', { name: /^Telefon/ }).fill('070-111 22 33');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringarna för Olle Olsson är sparade.').waitFor();
    const now = (await api.get(`/api/staff/${id}`)).json();
    assert.deepEqual([now.active, now.email, now.phone], [false, 'olle.olsson@test.se', '070-111 22 33']);
  });

  void test('a shorter retention period asks to be confirmed before it is saved', async () => {
    await page.goto('/kommun');
    await page.getByRole('heading', { level: 1, name: 'Kommunens inställningar' }).waitFor();
    const months = page.getByRole('textbox', { name: /^Gallring efter \(månader\)/ });
    const confirm = page.getByRole('checkbox', { name: /Gallra direkt det som blir äldre än den nya tiden/ });
    assert.equal(await confirm.count(), 0, 'not asked while the period is not shortened');
    const was = await months.inputValue();
    await months.fill(String(Number(was) - 12));
    await confirm.waitFor();
    await expectAccessible(page, 'the settings form asking to confirm a shorter period');
    await confirm.check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
    assert.equal(await confirm.count(), 0, 'the saved period is the one compared with');
    await months.fill(was);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
  });

  void test('leaving a form with changes not saved asks first; staying keeps them, saving lets go', async () => {
    await page.goto('/kommun');
    const unit = page.getByLabel('Enhetens namn');
    await unit.fill('Näringslivskontoret');
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    /** The next dialog's text, answered with `accept` (leave) or not (stay); fails if none comes. */
    const nextDialog = (accept: boolean) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no question was asked')), 5000);
        page.once('dialog', (d) => {
          clearTimeout(timer);
          resolve(d.message());
          void (accept ? d.accept() : d.dismiss());
        });
      });
    // Stay: the question is the form's own, in Swedish, and the change is still there.
    const stay = nextDialog(false);
    await menu.getByRole('link', { name: 'Ämnen' }).click();
    assert.equal(
      await stay,
      'Du har ändringar som inte är sparade. Vill du lämna sidan ändå? Ändringarna går då förlorade.',
    );
    assert.equal(new URL(page.url()).pathname, '/kommun');
    assert.equal(await unit.inputValue(), 'Näringslivskontoret');
    // Closing or reloading the tab asks as well (the browser's own question).
    const beforeUnload = await page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      (globalThis as unknown as EventTarget).dispatchEvent(e);
      return e.defaultPrevented;
    });
    assert.equal(beforeUnload, true, 'the page asks before it is closed');
    // Leave: the next page opens and the change is gone.
    const leave = nextDialog(true);
    await menu.getByRole('link', { name: 'Ämnen' }).click();
    await leave;
    await page.getByRole('heading', { level: 1, name: 'Ämnen' }).waitFor();
    await page.goto('/kommun');
    await page.getByRole('heading', { level: 1, name: 'Kommunens inställningar' }).waitFor();
    assert.notEqual(await unit.inputValue(), 'Näringslivskontoret');
    // Once saved, nothing is asked.
    await unit.fill('Näringslivskontoret');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
    const asked: string[] = [];
    const record = (d: Dialog) => {
      asked.push(d.message());
      void d.dismiss();
    };
    page.on('dialog', record);
    await menu.getByRole('link', { name: 'Ämnen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ämnen' }).waitFor();
    page.off('dialog', record);
    assert.deepEqual(asked, [], 'no question once the changes are saved');

    // Logging out asks before the session ends: staying keeps the session and the change.
    await page.goto('/kommun');
    await unit.fill('Näringslivsenheten');
    const stayIn = nextDialog(false);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await stayIn;
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
  });
});
