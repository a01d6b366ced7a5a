/**
 * The sprint pages in a real browser, beyond what axe sees: where focus goes when a registration
 * is sent or withdrawn and when the board is rescheduled or changed, what the board's status line
 * says (and that it was on the page before it spoke), the board's heading outline, the
 * municipality's own Swedish text marked lang="sv" in the English interface, and every sprint
 * page's error state as a page of its own (an h1 and a title that say what went wrong). Every
 * page is also checked with axe.
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
import { startSmtp } from '../test/helpers/smtp';
import { createStaff } from '../src/modules/staff/staff.service';
import { orgNrFor, registrationForm } from '../src/modules/sprints/sprint.fixtures';
import type { StaffMember } from '../src/contracts/staff';
import type { Board } from '../src/contracts/sprints';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const SPRINT_NAME = 'Vårens besökssprint';
const PUBLIC_TEXT = 'Kommunens politiker vill träffa er och höra hur det går för företaget.';
const SLUG = 'varens-sprint';
const ALL_SLOTS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
/** Companies registered through the API; each offers every time of the day. */
const COMPANIES = 5;

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
    says: async (text: RegExp): Promise<string> => {
      const until = Date.now() + 5000;
      let said = '';
      while (Date.now() < until) {
        said = await inPage<string>(
          page,
          `() => window.statusBefore.isConnected ? window.statusBefore.textContent : '(the line was replaced)'`,
        );
        if (text.test(said)) return said;
        await new Promise((r) => setTimeout(r, 50));
      }
      return assert.fail(`the status line said "${said}", expected ${text}`);
    },
  };
}

/** The headings in <main>, as level and text, in document order. */
function headings(page: Page) {
  return inPage<Array<{ level: number; text: string }>>(
    page,
    `() => [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map((h) => ({
      level: Number(h.tagName[1]),
      text: (h.textContent ?? '').trim(),
    }))`,
  );
}

void describe('the sprint pages, accessibly', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: TestContext;
  let server: TestServer;
  let browser: Browser;
  let api: Client;
  let sprintId = '';
  const people: StaffMember[] = [];

  before(async () => {
    smtp = await startSmtp();
    server = await startServer({
      smtpUrl: smtp.url,
      linksHere: true,
      env: { REGISTRATION_RATE_LIMIT: '1000' },
    });
    ctx = server.ctx;
    const db = ctx.testDb.db.kysely;
    const now = ctx.clock.now();
    // Two teams at a time: a politician each, with the business unit beside them.
    for (const [i, name, group] of [
      [1, 'Pia Politiker', 'politician'],
      [2, 'Olle Opposition', 'politician'],
      [3, 'Nina Näringsliv', 'business'],
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
    people.push(ctx.users.admin);

    api = await ctx.as(ctx.users.admin);
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const created = await api.post('/api/sprints', {
      name: SPRINT_NAME,
      day,
      registrationOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
      registrationClosesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      publicText: PUBLIC_TEXT,
      meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
      slug: SLUG,
    });
    assert.equal(created.statusCode, 201, created.body);
    const sprint = created.json() as { id: string; version: number };
    sprintId = sprint.id;
    const opened = await api.patch(`/api/sprints/${sprintId}`, { version: sprint.version, status: 'open' });
    assert.equal(opened.statusCode, 200, opened.body);
    const anon = await ctx.as('anonymous');
    for (let n = 1; n <= COMPANIES; n++) {
      const res = await anon.post(
        `/api/public/sprints/${SLUG}/registrations`,
        registrationForm(n, { slots: ALL_SLOTS }),
      );
      assert.equal(res.statusCode, 200, res.body);
    }
    const roster = await api.put(`/api/sprints/${sprintId}/participants`, {
      version: (opened.json() as { version: number }).version,
      participants: people.map((p) => ({ userId: p.id, available: ALL_SLOTS, maxVisits: null })),
    });
    assert.equal(roster.statusCode, 200, roster.body);
    await ctx.app.mailer.flush();
    await smtp.waitFor(COMPANIES);

    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const version = async () =>
    ((await api.get(`/api/sprints/${sprintId}`)).json() as { version: number }).version;
  const getBoard = async () => (await api.get(`/api/sprints/${sprintId}/board`)).json() as Board;

  void test("the public form in English: the municipality's text is marked Swedish; the receipt takes focus", async () => {
    const page = await newPage(browser, server);
    await page.goto(`/s/${SLUG}`);
    await page.getByRole('heading', { level: 1, name: SPRINT_NAME }).waitFor();
    assert.equal(await page.title(), `${SPRINT_NAME} – Besök`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Registration' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(
      await page.getByText(PUBLIC_TEXT).getAttribute('lang'),
      'sv',
      "the municipality's public text is marked Swedish",
    );
    assert.equal(
      await page.getByRole('heading', { level: 1 }).locator('[lang="sv"]').innerText(),
      SPRINT_NAME,
      "the sprint's name in the h1 is marked Swedish",
    );
    assert.equal(await page.title(), `${SPRINT_NAME} – Besök`, 'the title is the name, without markup');
    await expectAccessible(page, 'the public registration form in English');

    // A number that is not one: said in English beside the field, and gone once it is right.
    const orgNr = page.getByLabel('Organisation number');
    const orgNrError = page.locator('#reg-orgNr-error');
    await orgNr.fill('abcdefghij');
    await page.getByRole('button', { name: 'Look up' }).click();
    assert.equal(
      await page
        .getByRole('alert')
        .getByRole('link', { name: /^Organisation number:/ })
        .innerText(),
      'Organisation number: "abcdefghij" is not an organisation number',
    );
    // A wrong check digit is found in the browser, in English, with the other fields' errors.
    const good = orgNrFor(40);
    const wrongDigit = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
    await orgNr.fill(wrongDigit);
    await page.getByRole('button', { name: 'Send the registration' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: /^Company name/ }).waitFor();
    assert.equal(
      await summary.getByRole('link', { name: /^Organisation number:/ }).innerText(),
      `Organisation number: "${wrongDigit}" has the wrong check digit (its last digit); check the number`,
    );
    assert.equal(await summary.locator('[lang="sv"]').count(), 0, 'nothing in Swedish');
    await orgNr.fill(good);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('The company is not in our register.').waitFor();
    assert.equal(await orgNrError.count(), 0, 'the error the number had is gone after a good lookup');
    // The lookup's answer is about that number: changing it takes the answer away.
    await orgNr.fill(good.slice(0, 9));
    assert.equal(await page.getByText('The company is not in our register.').count(), 0);
    await orgNr.fill(good);
    await page.getByLabel('Company name').fill('Engelska Bolaget AB');
    await page.getByLabel('Contact person').fill('Erika English');
    await page.getByLabel('E-mail address').fill('erika@engelska.se');
    await page.getByLabel('Digitally (video meeting)').check();
    await page.getByLabel('08:30–09:15').check();
    await page.getByLabel('I have read the information').check();
    await page.getByRole('button', { name: 'Send the registration' }).click();
    const receipt = page.getByRole('heading', { level: 1, name: 'Thank you for registering' });
    await receipt.waitFor();
    await expectFocus(page, receipt, 'the receipt after sending the form');
    assert.equal(await page.title(), 'Thank you for registering – Besök');
    assert.equal(
      await page.getByText(SPRINT_NAME, { exact: true }).getAttribute('lang'),
      'sv',
      "the sprint's name on the receipt is marked Swedish",
    );
    await expectAccessible(page, 'the registration receipt in English');
    await page.context().close();
  });

  void test('the private page: withdrawing moves focus to the heading and says so', async () => {
    const mail = smtp.messages.find((m) => m.to.includes(registrationForm(1).contactEmail));
    assert.ok(mail, 'company 1 got its confirmation');
    const token = /\/anmalan\/([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')?.[1];
    assert.ok(token, 'the confirmation has the private link');
    const page = await newPage(browser, server);
    await page.goto(`/anmalan/${token}`);
    const heading = page.getByRole('heading', { level: 1, name: 'Er anmälan' });
    await heading.waitFor();
    assert.equal(await page.getByText(SPRINT_NAME, { exact: true }).getAttribute('lang'), 'sv');
    await expectAccessible(page, 'the private registration page');

    // A change needs no new consent: the one given with the registration stands (ticked).
    const consent = page.getByRole('checkbox', { name: /Jag har läst informationen/ });
    assert.equal(await consent.isChecked(), true);
    await page.getByLabel('Roll').fill('Inköpschef');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();

    await page.getByRole('button', { name: 'Återkalla anmälan', exact: true }).click();
    const confirm = page.getByRole('button', { name: 'Ja, återkalla anmälan' });
    await expectFocus(page, confirm, 'the button that asks again');
    // Refused (registration closed while the page was open): said at once, and nothing changes.
    const withdrawUrl = `**/api/public/registrations/${token}/withdraw`;
    await page.route(withdrawUrl, (route) =>
      route.fulfill({
        status: 410,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'CLOSED', message: 'Anmälan stängde 20 mars 2026 kl. 17:00.' },
        }),
      }),
    );
    await confirm.click();
    const refused = page.getByRole('alert').filter({ hasText: 'Anmälan kunde inte återkallas.' });
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /Anmälan stängde 20 mars 2026 kl\. 17:00\./);
    await expectAccessible(page, 'the private page, withdrawing refused');
    await page.unroute(withdrawUrl);
    await confirm.click();
    await page.getByText('Anmälan är återkallad. Ni kan anmäla er igen').waitFor();
    await expectFocus(page, heading, 'the page after withdrawing');
    await page
      .getByRole('status')
      .filter({ hasText: /^Anmälan är återkallad\.$/ })
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Ja, återkalla anmälan' }).count(), 0);
    await expectAccessible(page, 'the private registration page, withdrawn');
    await page.context().close();
  });

  void test('the board: headings in order; rescheduling and changes are said, focus is kept or follows the visit', async () => {
    // A plan with one visit pinned, made before the page opens.
    const run = await api.post(`/api/sprints/${sprintId}/schedule`, { version: await version() });
    assert.equal(run.statusCode, 200, run.body);
    const first = (run.json() as Board).visits[0]!;
    const pin = await api.patch(`/api/sprints/${sprintId}/plan/visits/${first.registration}`, {
      version: await version(),
      pinned: true,
    });
    assert.equal(pin.statusCode, 200, pin.body);
    // A company registers after the plan was made: rescheduling has something to change.
    const late = await (
      await ctx.as('anonymous')
    ).post(
      `/api/public/sprints/${SLUG}/registrations`,
      registrationForm(COMPANIES + 1, { slots: ALL_SLOTS }),
    );
    assert.equal(late.statusCode, 200, late.body);

    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${sprintId}/dagen`);
    await page.getByRole('heading', { level: 1, name: `Dagen: ${SPRINT_NAME}` }).waitFor();
    await page.getByRole('table', { name: 'Besöken per tid' }).waitFor();

    // The outline: h1, then h2s, each card an h3 under "Besöken per tid"; no level skipped.
    const outline = await headings(page);
    assert.equal(outline[0]?.level, 1);
    for (const [i, h] of outline.entries()) {
      if (i > 0)
        assert.ok(h.level <= outline[i - 1]!.level + 1, `no level skipped: ${JSON.stringify(outline)}`);
    }
    const plan = outline.findIndex((h) => h.level === 2 && h.text === 'Besöken per tid');
    assert.ok(plan > 0, `an h2 over the plan: ${JSON.stringify(outline)}`);
    const cards = await page.locator('article.sprint-visit h3').count();
    assert.equal(cards, (await getBoard()).visits.length, 'each visit card is an h3');
    assert.deepEqual(
      outline.slice(plan + 1, plan + 1 + cards).map((h) => h.level),
      Array.from({ length: cards }, () => 3),
      'the cards follow the plan heading',
    );
    await expectAccessible(page, 'the board');

    // Rescheduling: focus stays on the button, and the status line (there before) says the result.
    const before = await getBoard();
    const status = await statusLine(page, '.live-status');
    const rerun = page.getByRole('button', { name: 'Schemalägg om runt de låsta besöken' });
    await rerun.click();
    const said = await status.says(/^Schemalagt: /);
    const afterRun = await getBoard();
    assert.ok(afterRun.sprint.version > before.sprint.version, 'the scheduler ran again');
    const lateVisit = afterRun.visits.find((v) => v.companyName === `Företag ${COMPANIES + 1} AB`);
    assert.ok(lateVisit, 'the late registration got a visit');
    // What changed, counted from the boards before and after, in the words the line uses.
    const was = new Map(before.visits.map((v) => [v.registration, v]));
    const teamOf = (v: Board['visits'][number]) =>
      v.team
        .map((m) => m.id)
        .sort()
        .join(' ');
    const count = (f: (v: Board['visits'][number]) => boolean) => afterRun.visits.filter(f).length;
    const changes = [
      [count((v) => was.has(v.registration) && was.get(v.registration)!.slot !== v.slot), 'fått ny tid'],
      [
        count((v) => was.has(v.registration) && teamOf(was.get(v.registration)!) !== teamOf(v)),
        'fått nytt lag',
      ],
      [count((v) => !was.has(v.registration)), 'tillkommit'],
      [
        before.visits.filter((v) => !afterRun.visits.some((a) => a.registration === v.registration)).length,
        'tagits bort',
      ],
    ] as const;
    const parts = changes.filter(([n]) => n > 0).map(([n, what]) => `${n} besök har ${what}`);
    const unscheduled = afterRun.unscheduled.length;
    assert.equal(
      said,
      `Schemalagt: ${afterRun.visits.length} besök, ${unscheduled === 1 ? '1 anmälan' : `${unscheduled} anmälningar`} utan besök. ` +
        `Jämfört med förra planen: ${new Intl.ListFormat('sv', { type: 'conjunction' }).format(parts)}. ` +
        'Det låsta besöket ligger kvar.',
    );
    assert.match(said, /1 besök har tillkommit/);
    await expectFocus(page, rerun, 'the board after rescheduling');
    await expectAccessible(page, 'the board after rescheduling');

    // Moving a visit to a time with no visits: its card is drawn in that row, and takes focus.
    const free = afterRun.slots.find((sl) => !afterRun.visits.some((v) => v.slot === sl.id))!;
    assert.ok(free, 'a time with no visits');
    const moved = afterRun.visits.find((v) => !v.pinned)!;
    const freeLabel = `${free.start}–${free.end}`;
    await page.getByLabel(`Flytta till (${moved.companyName})`).selectOption({ label: freeLabel });
    await page
      .getByRole('article', { name: moved.companyName })
      .getByRole('button', { name: 'Flytta', exact: true })
      .click();
    await status.says(new RegExp(`^Besöket hos ${moved.companyName} är flyttat till ${freeLabel}\\.$`));
    const movedHeading = page
      .getByRole('row', { name: new RegExp(`^${freeLabel}`) })
      .getByRole('heading', { level: 3, name: moved.companyName });
    await expectFocus(page, movedHeading, 'the board after moving a visit');

    // Taking it out of the plan: focus goes to its row among those not in the plan.
    await page
      .getByRole('article', { name: moved.companyName })
      .getByRole('button', { name: `Ta bort besöket hos ${moved.companyName}` })
      .click();
    await status.says(new RegExp(`^Besöket hos ${moved.companyName} är borttaget ur planen\\.$`));
    const row = page
      .getByRole('region', { name: 'Anmälningar som inte fick ett besök, och varför' })
      .getByRole('rowheader', { name: moved.companyName });
    await expectFocus(page, row, 'the board after taking a visit out');
    await expectAccessible(page, 'the board after taking a visit out');

    // Sending the day out takes its button away: the page's heading takes focus, the line says what was sent.
    await page.getByRole('button', { name: 'Skicka ut dagen' }).click();
    await status.says(/^Skickat: \d+ besök till företag, /);
    await expectFocus(
      page,
      page.getByRole('heading', { level: 1, name: `Dagen: ${SPRINT_NAME}` }),
      'the board after sending the day out',
    );
    await page.getByText('Dagen är utskickad och inget har ändrats sedan dess.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Skicka ut dagen' }).count(), 0);
    await expectAccessible(page, 'the board after sending the day out');
    await page.context().close();
  });

  void test('every sprint page that cannot be shown says so in its h1 and its title', async () => {
    const admin = await newPage(browser, server);
    await logIn(admin, 'admin@test.se');
    for (const path of [
      `/sprintar/${NO_SUCH_ID}`,
      `/sprintar/${NO_SUCH_ID}/deltagare`,
      `/sprintar/${NO_SUCH_ID}/anmalningar`,
      `/sprintar/${NO_SUCH_ID}/dagen`,
      `/sprintar/${NO_SUCH_ID}/mina-tider`,
      `/sprintar/${NO_SUCH_ID}/dag`,
    ]) {
      await admin.goto(path);
      await admin.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
      assert.equal(await admin.title(), 'Sidan finns inte – Besök', path);
      assert.equal(await admin.locator('main h1').count(), 1, `${path}: one h1`);
    }
    await expectAccessible(admin, 'an unknown sprint');
    await admin.context().close();

    // Staff open someone else's day: not theirs to see.
    const staff = await newPage(browser, server);
    await logIn(staff, 'staff@test.se');
    await staff.goto(`/sprintar/${sprintId}/dag/${people[0]!.id}`);
    await staff.getByRole('heading', { level: 1, name: 'Du har inte behörighet' }).waitFor();
    assert.equal(await staff.title(), 'Du har inte behörighet – Besök');
    await expectAccessible(staff, "someone else's day");
    await staff.context().close();

    // The public pages: an address that leads nowhere.
    const anyone = await newPage(browser, server);
    for (const [path, title] of [
      ['/s/finns-inte', 'Sidan finns inte'],
      // A private link replaced by a newer one, or gone with the details: what to do instead.
      ['/anmalan/ingen-sadan-lank', 'Länken fungerar inte längre'],
    ] as const) {
      await anyone.goto(path);
      await anyone.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.equal(await anyone.title(), `${title} – Besök`, path);
      assert.equal(await anyone.locator('main h1').count(), 1, `${path}: one h1`);
      await expectAccessible(anyone, path);
    }
    await anyone.getByText('Skicka anmälan igen på anmälningssidan').waitFor();
    await anyone.context().close();
  });

  void test("the next sprint starts from this one: its day's shape filled in, its participants brought", async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto('/sprintar');
    await page.getByRole('button', { name: 'Ny besökssprint' }).click();
    const from = page.getByLabel('Utgå från en tidigare sprint');
    const chosen = await from.selectOption(sprintId);
    assert.deepEqual(chosen, [sprintId]);
    assert.match(
      (await from.locator('option:checked').textContent()) ?? '',
      new RegExp(`^${SPRINT_NAME} \\(`),
    );
    assert.equal(await page.getByLabel('Text på den publika sidan').inputValue(), PUBLIC_TEXT);
    assert.equal(
      await page.getByLabel('Länk till videomöten').inputValue(),
      'https://meet.example.se/besok-{id}',
    );
    assert.equal(await page.getByLabel('Namn på sprinten').inputValue(), '', 'a name of its own');
    const bring = page.getByLabel('Ta med deltagarna från den');
    assert.equal(await bring.isChecked(), true);
    await expectAccessible(page, 'a new sprint started from an earlier one');

    await page.getByLabel('Namn på sprinten').fill('Höstens besökssprint');
    await page.getByLabel('Dag (ÅÅÅÅ-MM-DD)').fill('2027-10-06');
    await page.getByLabel('Anmälan öppnar').fill('2027-09-01T08:00');
    await page.getByLabel('Anmälan stänger').fill('2027-09-24T16:00');
    await page.getByRole('button', { name: 'Skapa sprinten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Höstens besökssprint' }).waitFor();
    const id = /\/sprintar\/([^/]+)$/.exec(new URL(page.url()).pathname)![1]!;
    const made = (await api.get(`/api/sprints/${id}`)).json() as { publicText: string; participants: number };
    assert.equal(made.publicText, PUBLIC_TEXT);
    assert.equal(made.participants, people.length);
    await page.getByRole('link', { name: 'Deltagare' }).click();
    // Each one on the new roster, free in every time of the day.
    for (const p of people) {
      const on = page.getByRole('checkbox', { name: `${p.name} är med:`, exact: false });
      await on.waitFor();
      assert.equal(await on.isChecked(), true, `${p.name} is on the roster`);
      assert.equal(
        await page
          .getByRole('checkbox', { name: `${p.name} kan` })
          .and(page.locator(':checked'))
          .count(),
        ALL_SLOTS.length,
      );
    }
    await page.context().close();
  });
});
