/**
 * A cancelled visit offers no report to write and no feedback to send: its page says it is
 * cancelled instead, its report page reached by its address says so in Swedish or English, and a
 * report page open while the visit is cancelled says so once a save is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Client } from '../test/helpers/app';
import {
  expectAccessible,
  logIn,
  newPage,
  serverAndBrowser,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { insertTestCompany } from '../src/modules/visits/visit.fixtures';
import { insertVisitEarlierToday } from '../test/helpers/visits';

const COMPANY = 'Inställda Ugnar AB';

void describe('a cancelled visit', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Client;
  let companyId: string;
  let visits = 0;

  before(async () => {
    [server, browser] = await serverAndBrowser(startServer());
    companyId = await insertTestCompany(server.ctx.testDb.db.kysely, { name: COMPANY, orgNr: '5569990029' });
    admin = await server.ctx.as(server.ctx.users.admin);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A visit held earlier today, Sven Staff and Anna Admin on it. */
  async function newVisit(): Promise<string> {
    return insertVisitEarlierToday(server.ctx, {
      companyId,
      hoursAgo: 3 + visits++,
      location: 'Ugnsvägen 1',
      status: 'planned',
    });
  }

  async function cancel(visitId: string): Promise<void> {
    const v = await admin.get(`/api/visits/${visitId}`);
    const res = await admin.post(`/api/visits/${visitId}/cancel`, { version: v.json().version });
    assert.equal(res.statusCode, 200, res.body);
  }

  async function staffPage(lang: 'sv' | 'en' = 'sv'): Promise<Page> {
    const page = await newPage(browser, server);
    await logIn(page, 'staff@test.se');
    if (lang === 'en') await page.evaluate(`localStorage.setItem('besok.lang', 'en')`);
    return page;
  }

  void test('its page offers no report and no feedback, and says why', async () => {
    const id = await newVisit();
    await cancel(id);
    const page = await staffPage();
    await page.goto(`/besok/${id}`);
    await page.getByRole('heading', { level: 1, name: `Besök hos ${COMPANY}` }).waitFor();
    await page.getByText('Besöket är inställt: det finns ingen rapport att skriva.').waitFor();
    await page.getByText('Ingen återkoppling skickas för ett inställt besök.').waitFor();
    for (const name of [/rapport/i, /återkoppling/i])
      assert.equal(await page.locator('main .sections').getByRole('link', { name }).count(), 0, String(name));
    await expectAccessible(page, 'a cancelled visit');
    await page.context().close();
  });

  void test('its report page, reached by its address, says the visit is cancelled, in Swedish and English', async () => {
    const id = await newVisit();
    await cancel(id);
    for (const [lang, title, message] of [
      [
        'sv',
        `Rapport: ${COMPANY}`,
        'Besöket är inställt. Det går inte att skriva eller skicka in en rapport för ett inställt besök.',
      ],
      [
        'en',
        `Report: ${COMPANY}`,
        'The visit is cancelled. A report cannot be written or submitted for a cancelled visit.',
      ],
    ] as const) {
      const page = await staffPage(lang);
      const saves: string[] = [];
      page.on('request', (r) => {
        if (r.method() !== 'GET' && r.url().includes('/report')) saves.push(r.url());
      });
      await page.goto(`/besok/${id}/rapport`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText(message).waitFor();
      assert.equal(await page.locator('main textarea, main input').count(), 0, `${lang}: no form`);
      await page.getByRole('link', { name: lang === 'sv' ? /Till besöket/ : /To the visit/ }).waitFor();
      await expectAccessible(page, `the report page of a cancelled visit (${lang})`);
      assert.deepEqual(saves, [], 'nothing is saved');
      await page.context().close();
    }
  });

  void test('a report open while the visit is cancelled says so once its save is refused', async () => {
    const id = await newVisit();
    const page = await staffPage();
    await page.goto(`/besok/${id}/rapport`);
    await page.getByRole('heading', { level: 1, name: `Rapport: ${COMPANY}` }).waitFor();
    await cancel(id);
    await page.getByLabel('Övriga anteckningar').fill('Skrivet efter att besöket ställdes in.');
    await page
      .getByText(
        'Besöket är inställt. Det går inte att skriva eller skicka in en rapport för ett inställt besök.',
      )
      .waitFor({ timeout: 15_000 });
    assert.equal(await page.getByLabel('Övriga anteckningar').count(), 0, 'the form is gone');
    await page.context().close();
  });
});
