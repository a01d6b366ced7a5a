/**
 * The sprint's admin pages in a real browser, where an action takes away what had focus: saving
 * the settings (the form starts again) and opening for registration (the button goes) move focus
 * to the page's heading and say what was done; a position saved (its form goes) moves focus to the
 * next thing to do and the status line says it; a position that is wrong can be changed. The
 * roster shows a participant deactivated since they joined, marked, and keeps them until the
 * admin takes them off; one who may only read now is named before the save that takes them off.
 * Every page is also checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Client, TestContext } from '../test/helpers/app';
import {
  expectAccessible,
  launchBrowser,
  logIn,
  newPage,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { createStaff } from '../src/modules/staff/staff.service';
import { orgNrFor, registrationForm } from '../src/modules/sprints/sprint.fixtures';
import type { StaffMember } from '../src/contracts/staff';

const DRAFT_NAME = 'Höstens besökssprint';
const OPEN_NAME = 'Vårens besökssprint';
const SLUG = 'varens-sprint';
const ALL_SLOTS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];

/**
 * Runs `fn`, a function's source in the page's own terms (the tests are type-checked without the
 * DOM's types), with `args` (JSON) and returns what it returns.
 */
function inPage<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`(${fn})(...${JSON.stringify(args)})`) as Promise<T>;
}

/** What has focus: its tag, id and text, for messages. */
function focused(page: Page): Promise<string> {
  return inPage(
    page,
    `() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent ?? '').trim().slice(0, 80) + '"';
    }`,
  );
}

/** Waits until `locator` has focus; on time-out, fails saying what had it. */
async function expectFocus(page: Page, locator: Locator, what: string): Promise<void> {
  try {
    await locator.and(page.locator(':focus')).waitFor({ timeout: 3000 });
  } catch {
    assert.fail(`${what}: focus is on ${await focused(page)}`);
  }
}

/**
 * The status line (LiveStatus) found by `selector` before an action: it must be on the page and
 * empty then; `says` waits for that same element (not one put in its place) to say `text`.
 */
async function statusLine(page: Page, selector: string) {
  const before = await inPage<string | null>(
    page,
    `(sel) => { window.statusBefore = document.querySelector(sel); return window.statusBefore && window.statusBefore.textContent; }`,
    selector,
  );
  assert.equal(before, '', `the status line ${selector} is on the page, empty, before the action`);
  assert.equal(await inPage<string | null>(page, `() => window.statusBefore.getAttribute('role')`), 'status');
  return {
    says: async (text: string): Promise<void> => {
      const until = Date.now() + 5000;
      let said = '';
      while (Date.now() < until) {
        said = await inPage<string>(
          page,
          `() => window.statusBefore.isConnected ? window.statusBefore.textContent : '(the line was replaced)'`,
        );
        if (said === text) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`the status line said "${said}", expected "${text}"`);
    },
  };
}

void describe('the sprint admin pages: focus, what is said, and nothing dropped unasked', () => {
  let ctx: TestContext;
  let server: TestServer;
  let browser: Browser;
  let api: Client;
  let draftId = '';
  let openId = '';
  const people: StaffMember[] = [];

  before(async () => {
    server = await startServer({ env: { REGISTRATION_RATE_LIMIT: '1000' } });
    ctx = server.ctx;
    const db = ctx.testDb.db.kysely;
    const now = ctx.clock.now();
    for (const [i, name, group] of [
      [1, 'Pia Politiker', 'politician'],
      [2, 'Ivar Inaktiv', 'business'],
      [3, 'Lisa Läsare', 'leadership'],
    ] as const) {
      people.push(
        await createStaff(
          db,
          ctx.municipality.id,
          {
            email: `p${i}@testkommun.se`,
            name,
            title: '',
            phone: '',
            role: 'staff',
            group,
            party: null,
            expertise: [],
            password: 'korrekt-häst-batteri',
          },
          now,
        ),
      );
    }
    api = await ctx.as(ctx.users.admin);
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const sprint = async (name: string, slug: string) => {
      const res = await api.post('/api/sprints', {
        name,
        day,
        registrationOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
        registrationClosesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        publicText: 'Välkomna!',
        meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
        slug,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; version: number };
    };
    draftId = (await sprint(DRAFT_NAME, 'hostens-sprint')).id;
    const open = await sprint(OPEN_NAME, SLUG);
    openId = open.id;
    const opened = await api.patch(`/api/sprints/${openId}`, { version: open.version, status: 'open' });
    assert.equal(opened.statusCode, 200, opened.body);
    // Two companies on site that are not in the register (no position), one digital.
    const anon = await ctx.as('anonymous');
    for (const [n, over] of [
      [1, { mode: 'physical', visitAddress: 'Storgatan 1, 461 30 Trollhättan' }],
      [2, { mode: 'physical', visitAddress: 'Kungsgatan 2, 461 31 Trollhättan' }],
      [3, {}],
    ] as const) {
      const res = await anon.post(
        `/api/public/sprints/${SLUG}/registrations`,
        registrationForm(n, { slots: ALL_SLOTS, ...over }),
      );
      assert.equal(res.statusCode, 200, res.body);
    }
    // All three on the roster; then one is deactivated and one may only read.
    const roster = await api.put(`/api/sprints/${openId}/participants`, {
      version: (opened.json() as { version: number }).version,
      participants: people.map((p) => ({ userId: p.id, available: ALL_SLOTS, maxVisits: null })),
    });
    assert.equal(roster.statusCode, 200, roster.body);
    const off = await api.patch(`/api/staff/${people[1]!.id}`, { active: false });
    assert.equal(off.statusCode, 200, off.body);
    const reader = await api.patch(`/api/staff/${people[2]!.id}`, { role: 'viewer' });
    assert.equal(reader.statusCode, 200, reader.body);

    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const onRoster = async () =>
    (
      (await api.get(`/api/sprints/${openId}/participants`)).json() as { items: Array<{ name: string }> }
    ).items
      .map((p) => p.name)
      .sort();

  void test('saving the settings and opening for registration: focus on the heading, the outcome said', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${draftId}`);
    const heading = page.getByRole('heading', { level: 1, name: DRAFT_NAME });
    await heading.waitFor();
    await expectAccessible(page, 'the settings of a draft sprint');

    await page.getByLabel('Text på den publika sidan').fill('Välkomna till hösten!');
    const save = page.getByRole('button', { name: 'Spara inställningarna' });
    await save.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' }).waitFor();
    await expectFocus(page, heading, 'the settings page after saving');
    const saved = (await api.get(`/api/sprints/${draftId}`)).json() as { publicText: string; status: string };
    assert.equal(saved.publicText, 'Välkomna till hösten!');
    await expectAccessible(page, 'the settings page after saving');

    // Saved again: focus goes back to the heading, and the same words are said again.
    await save.focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, heading, 'the settings page after saving again');
    await page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' }).waitFor();

    const open = page.getByRole('button', { name: 'Öppna för anmälan' });
    await open.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Sprinten är öppen för anmälan.' }).waitFor();
    await expectFocus(page, heading, 'the settings page after opening for registration');
    assert.equal(await open.count(), 0, 'the button is gone');
    assert.equal(await page.getByText('Inställningarna är sparade.').count(), 0, 'the last outcome is gone');
    assert.equal(((await api.get(`/api/sprints/${draftId}`)).json() as { status: string }).status, 'open');
    await expectAccessible(page, 'the settings page after opening for registration');
    await page.context().close();
  });

  void test('positions: saving one moves focus on and says it; one that is wrong can be changed', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${openId}/anmalningar`);
    const missingTitle = page.getByRole('heading', { level: 2, name: 'Besök på plats som saknar position' });
    await missingTitle.waitFor();
    await expectAccessible(page, 'the registrations page, positions missing');
    const status = await statusLine(page, '.live-status');
    const positionOf = async (name: string) => {
      const regs = (await api.get(`/api/sprints/${openId}/registrations`)).json() as {
        items: Array<{ companyName: string; position: { lat: number; lon: number } | null }>;
      };
      const p = regs.items.find((r) => r.companyName === name)!.position;
      return p && { lat: p.lat, lon: p.lon };
    };
    const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    const change = (name: string) => page.getByRole('button', { name: `Ändra position för ${name}` });

    // The first of two missing: its form goes, focus to the heading of those left (the next form
    // follows it), and the line says what was saved.
    await page.getByLabel('Latitud för Företag 1 AB').fill('58,28');
    await page.getByLabel('Longitud för Företag 1 AB').fill('12,28');
    await page.getByLabel('Longitud för Företag 1 AB').press('Enter');
    await status.says('Positionen för Företag 1 AB är sparad: 58.2800, 12.2800.');
    await expectFocus(page, missingTitle, 'the registrations page after the first position');
    assert.equal(await page.getByLabel('Latitud för Företag 1 AB').count(), 0, 'its form is gone');
    assert.deepEqual(await positionOf('Företag 1 AB'), { lat: 58.28, lon: 12.28 });
    await row('Företag 1 AB').getByText('58.2800, 12.2800').waitFor();

    // The last one: no form is left, focus goes to the visit's position in the table.
    await page.getByLabel('Latitud för Företag 2 AB').fill('58,29');
    await page.getByLabel('Longitud för Företag 2 AB').fill('12,29');
    await page
      .getByRole('form', { name: /Företag 2 AB/ })
      .getByRole('button', { name: 'Spara positionen' })
      .click();
    await status.says('Positionen för Företag 2 AB är sparad: 58.2900, 12.2900.');
    await expectFocus(page, change('Företag 2 AB'), 'the registrations page after the last position');
    assert.equal(await missingTitle.count(), 0);
    await row('Företag 2 AB').getByText('58.2900, 12.2900').waitFor();
    assert.equal(await change('Företag 3 AB').count(), 0, 'a digital visit has no position to change');

    // A position that is wrong: the button opens the form with it filled in; cancelling closes it.
    const button = change('Företag 1 AB');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const latitude = page.getByLabel('Latitud för Företag 1 AB');
    const longitude = page.getByLabel('Longitud för Företag 1 AB');
    assert.equal(await latitude.inputValue(), '58,28', 'the position it has, with a decimal comma');
    assert.equal(await longitude.inputValue(), '12,28');
    const form = page.getByRole('form', { name: /Företag 1 AB/ });
    assert.equal(await button.getAttribute('aria-controls'), await form.getAttribute('id'));
    await expectAccessible(page, 'the registrations page, changing a position');
    await form.getByRole('button', { name: 'Avbryt' }).click();
    await expectFocus(page, button, 'the registrations page after cancelling');
    assert.equal(await latitude.count(), 0);
    assert.equal(await button.getAttribute('aria-expanded'), 'false');

    // Changed: the form closes, focus is back on its button beside the new value, which is said.
    await button.click();
    await latitude.fill('58,3');
    await longitude.fill('12,31');
    await form.getByRole('button', { name: 'Spara positionen' }).click();
    await status.says('Positionen för Företag 1 AB är sparad: 58.3000, 12.3100.');
    await expectFocus(page, button, 'the registrations page after changing a position');
    assert.equal(await latitude.count(), 0, 'the form is closed');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await row('Företag 1 AB').getByText('58.3000, 12.3100').waitFor();
    assert.deepEqual(await positionOf('Företag 1 AB'), { lat: 58.3, lon: 12.31 });
    await expectAccessible(page, 'the registrations page after changing a position');
    await page.context().close();
  });

  void test('the roster: someone deactivated is shown and stays until taken off; a reader is named first', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${openId}/deltagare`);
    await page.getByRole('heading', { level: 1, name: `Deltagare: ${OPEN_NAME}` }).waitFor();
    const ivar = page.getByRole('checkbox', {
      name: 'Ivar Inaktiv är med: Ivar Inaktiv (inte längre aktiv)',
    });
    await ivar.waitFor();
    assert.equal(await ivar.isChecked(), true, 'the deactivated participant is on the roster');
    // Told before saving: who can no longer be scheduled, and what saving does with them.
    const warning = page
      .locator('.alert--warning')
      .filter({ hasText: 'Deltagare som inte längre kan schemaläggas' });
    assert.deepEqual(await warning.getByRole('listitem').allInnerTexts(), [
      'Ivar Inaktiv (inte längre aktiv)',
      'Lisa Läsare (har bara läsbehörighet)',
    ]);
    await warning.getByText('är kvar i sprinten tills du tar bort hen').waitFor();
    await warning.getByText('tas bort ur sprinten när du sparar').waitFor();
    assert.equal(
      await page.getByRole('checkbox', { name: /^Lisa Läsare är med/ }).count(),
      0,
      'a reader cannot be chosen',
    );
    await expectAccessible(page, 'the roster with someone deactivated');

    // Saving as it is keeps the deactivated participant; the reader goes, as said.
    const save = page.getByRole('button', { name: 'Spara deltagarna' });
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Deltagarna är sparade.' }).waitFor();
    assert.deepEqual(await onRoster(), ['Ivar Inaktiv', 'Pia Politiker']);
    await page.getByText('Lisa Läsare (har bara läsbehörighet)').waitFor({ state: 'detached' });
    assert.equal(await ivar.isChecked(), true);

    // Taken off when the admin unticks them: then they are gone, and cannot be chosen again.
    await ivar.uncheck();
    await save.click();
    await ivar.waitFor({ state: 'detached' });
    assert.deepEqual(await onRoster(), ['Pia Politiker']);
    assert.equal(await warning.count(), 0);
    await expectAccessible(page, 'the roster after taking someone deactivated off');
    await page.context().close();
  });

  /** The error summary, with the focus on it, holding exactly the links `names`. */
  async function expectSummary(page: Page, names: string[], what: string): Promise<Locator> {
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expectFocus(page, summary, what);
    assert.deepEqual(await summary.getByRole('link').allInnerTexts(), names, what);
    return summary;
  }

  /** `input` marked invalid, described by its own error, which says `message`. */
  async function expectMarked(page: Page, input: Locator, message: string): Promise<void> {
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const described = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    assert.ok(
      described.some((t) => t.includes(message)),
      `described by "${message}": ${JSON.stringify(described)}`,
    );
  }

  void test('the sprint list: the day column says what it shows; a registration shows its number as 556…-…', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto('/sprintar');
    const table = page.getByRole('table', { name: 'Besökssprintar' });
    await table.waitFor();
    assert.deepEqual(await table.getByRole('columnheader').allInnerTexts(), [
      'Namn på sprinten',
      'Dag',
      'Status',
      'Anmälningar',
    ]);

    await page.goto(`/sprintar/${openId}/anmalningar`);
    const row = page.getByRole('row', { name: /Företag 1 AB/ });
    await row.waitFor();
    const nr = orgNrFor(1);
    await row.getByText(`${nr.slice(0, 6)}-${nr.slice(6)}`).waitFor();
    assert.equal(await page.getByText(nr).count(), 0, 'no number without its hyphen');
    await page.context().close();
  });

  void test('a new sprint: a time ending before it starts and a speed of 0 are named, linked and marked', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto('/sprintar');
    await page.getByRole('button', { name: 'Ny besökssprint' }).click();
    await page.getByLabel('Namn på sprinten').fill('Vintersprinten');
    await page.getByLabel('Dag (ÅÅÅÅ-MM-DD)').fill('2027-02-10');
    await page.getByLabel('Anmälan öppnar').fill('2027-01-10T08:00');
    await page.getByLabel('Anmälan stänger').fill('2027-02-01T16:00');
    const end = page.getByLabel('Tid s2: slut');
    await end.fill('09:00');
    const kmh = page.getByLabel('Restid: km/h');
    await kmh.fill('0');
    await page.getByRole('button', { name: 'Skapa sprinten' }).click();
    const summary = await expectSummary(
      page,
      ['Tid s2: slut: slutet måste komma efter början', 'Restid: km/h måste vara större än 0.'],
      'the new sprint with errors',
    );
    await expectMarked(page, end, 'Tid s2: slut: slutet måste komma efter början');
    await expectMarked(page, kmh, 'Restid: km/h måste vara större än 0.');
    await summary.getByRole('link', { name: 'Tid s2: slut: slutet måste komma efter början' }).click();
    await expectFocus(page, end, 'the link to the time');
    await expectAccessible(page, 'the new sprint form with errors');
    await page.context().close();
  });

  void test("a sprint's settings: a time ending before it starts is named, linked and marked", async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${draftId}`);
    const end = page.getByLabel('Tid s3: slut');
    await end.fill('09:00');
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await expectSummary(
      page,
      ['Tid s3: slut: slutet måste komma efter början'],
      'the settings with a time ending before it starts',
    );
    await expectMarked(page, end, 'Tid s3: slut: slutet måste komma efter början');
    await page.context().close();
  });

  void test('the roster: a most-visits below 0 names the person, once, in the summary, which has focus', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${openId}/deltagare`);
    const max = page.getByLabel('Högst antal besök för Pia Politiker');
    await max.fill('-3');
    const before = (await api.get(`/api/sprints/${openId}/participants`)).body;
    await page.getByRole('button', { name: 'Spara deltagarna' }).click();
    const message = 'Högst antal besök för Pia Politiker måste vara minst 0.';
    const summary = await expectSummary(page, [message], 'the roster with an error');
    assert.equal(await page.getByText(message).count(), 2, 'said in the summary and beside the field');
    assert.equal(await summary.getByText(message).count(), 1);
    assert.equal(await page.getByText('participants.0').count(), 0, 'no path of the contract');
    await expectMarked(page, max, message);
    await summary.getByRole('link', { name: message }).click();
    await expectFocus(page, max, 'the link to the field');
    assert.equal((await api.get(`/api/sprints/${openId}/participants`)).body, before, 'nothing saved');
    await expectAccessible(page, 'the roster with an error');

    await max.fill('2');
    await page.getByRole('button', { name: 'Spara deltagarna' }).click();
    await page.getByRole('status').filter({ hasText: 'Deltagarna är sparade.' }).waitFor();
    assert.equal(await summary.count(), 0);
    assert.equal(await max.getAttribute('aria-invalid'), null);
    await page.context().close();
  });
});
