/**
 * Accessibility in a real browser, beyond what axe sees: where focus goes when an action replaces
 * what was focused, what live regions say (and that they were on the page before they spoke),
 * errors on the inputs a person can fix, reflow at 320 px (with the text-spacing overrides of
 * WCAG 1.4.12 too), the contrast of input borders computed from the styles, touch targets, the
 * language of the municipality's own text in the English interface, error pages with an h1, and
 * the accessibility statement as anyone reads it. Every page is also checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TestContext } from '../test/helpers/app';
import {
  expectAccessible,
  launchBrowser,
  logIn,
  newPage,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { startSmtp } from '../test/helpers/smtp';
import { addRegisterCompany } from '../src/modules/relay/relay.fixtures';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const DESCRIPTION = 'Kommunens ledning besöker ett företag i taget, och företaget väljer nästa.';

/** WCAG 1.4.12's overrides (line height 1.5, paragraph spacing 2, letter 0.12, word 0.16). */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

/**
 * Runs `fn`, a function's source in the page's own terms (the tests are type-checked without the
 * DOM's types), with `args` (JSON) and returns what it returns.
 */
function inPage<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`(${fn})(...${JSON.stringify(args)})`) as Promise<T>;
}

/** What has focus: its tag, id and name, for messages. */
function focused(page: Page): Promise<string> {
  return inPage(
    page,
    `() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 80);
      return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + name + '"';
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
 * The app's one polite live region (Announcer), taken before the action it is to speak about:
 * `says` waits for that same element (not one put in its place) to say `text`.
 */
async function announcer(page: Page) {
  const region = page.locator('.visually-hidden[role="status"][aria-live="polite"]');
  assert.equal(await region.count(), 1, 'the announcer is on the page');
  await inPage(
    page,
    `() => { window.announcerBefore = document.querySelector('.visually-hidden[role="status"][aria-live="polite"]'); }`,
  );
  return {
    says: async (text: RegExp) => {
      const until = Date.now() + 3000;
      let said = '';
      while (Date.now() < until) {
        said = await inPage<string>(
          page,
          `() => window.announcerBefore.isConnected ? window.announcerBefore.textContent : '(the region was replaced)'`,
        );
        if (text.test(said)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`the announcer said "${said}", expected ${text}`);
    },
  };
}

/**
 * A status line (LiveStatus) taken before a search: `says` waits for that same element to say
 * `text`, so it was on the page, empty, before it spoke.
 */
async function statusLine(page: Page, selector: string) {
  const before = await inPage<string | null>(
    page,
    `(sel) => { window.statusBefore = document.querySelector(sel); return window.statusBefore && window.statusBefore.textContent; }`,
    selector,
  );
  assert.equal(before, '', `the status line ${selector} is on the page, empty, before a search`);
  return {
    says: async (text: string) => {
      const until = Date.now() + 3000;
      let said = '';
      while (Date.now() < until) {
        said = await inPage<string>(
          page,
          `() => window.statusBefore.isConnected ? window.statusBefore.textContent : '(the line was replaced)'`,
        );
        if (said.startsWith(text)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`the status line said "${said}", expected "${text}"`);
    },
  };
}

/**
 * A field's error as the input carries it: aria-invalid, and the error text its aria-describedby
 * names (without the hidden "Fel:"); null when the input has no error.
 */
async function errorOf(input: Locator): Promise<string | null> {
  const id = await input.getAttribute('id');
  return inPage(
    input.page(),
    `(id) => {
      const el = document.getElementById(id);
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
      const error = ids.map((i) => document.getElementById(i)).find((e) => e && e.classList.contains('field__error'));
      const invalid = el.getAttribute('aria-invalid') === 'true';
      if (!error) return invalid ? '(aria-invalid without a message)' : null;
      if (!invalid) return '(a message without aria-invalid)';
      return (error.textContent ?? '').replace(/^(Fel|Error):\\s*/, '').trim();
    }`,
    id,
  );
}

/** The page's and its h1's widths: the page must not scroll sideways, nor the h1 overflow its box. */
function widths(page: Page) {
  return inPage<{ page: number; window: number; h1: number; h1Box: number }>(
    page,
    `() => {
      const h1 = document.querySelector('h1');
      return {
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
        h1: h1 ? h1.scrollWidth : 0,
        h1Box: h1 ? h1.clientWidth : 0,
      };
    }`,
  );
}

/**
 * Each visible text-like input and select in `within`: its border colour against the first
 * opaque background behind it, as WCAG's contrast ratio.
 */
function borderContrasts(page: Page, within: string) {
  return inPage<Array<{ control: string; ratio: number }>>(
    page,
    `(sel) => {
      const rgb = (c) => (c.match(/[\\d.]+/g) ?? []).map(Number);
      const lum = (c) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const behind = (el) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
          const c = rgb(getComputedStyle(p).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c;
        }
        return [255, 255, 255];
      };
      const controls = [...document.querySelectorAll(sel + ' input, ' + sel + ' select, ' + sel + ' textarea')].filter(
        (el) => !['radio', 'checkbox', 'hidden', 'file'].includes(el.type) && el.offsetParent !== null,
      );
      return controls.map((el) => {
        const border = lum(rgb(getComputedStyle(el).borderTopColor));
        const bg = lum(behind(el));
        return {
          control: el.tagName.toLowerCase() + '#' + el.id,
          ratio: (Math.max(border, bg) + 0.05) / (Math.min(border, bg) + 0.05),
        };
      });
    }`,
    within,
  );
}

void describe('accessibility beyond axe', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: TestContext;
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let programmeId = '';
  let visitId = '';

  before(async () => {
    smtp = await startSmtp();
    server = await startServer({ smtpUrl: smtp.url, linksHere: true, dialect: 'sqlite' });
    ctx = server.ctx;
    const db = ctx.testDb.db.kysely;
    const alfa = await addRegisterCompany(db, 'Alfa Snickeri AB', { postalTown: 'Leksand' });
    await addRegisterCompany(db, 'Beta Bageri AB', { postalTown: 'Insjön' });

    const api = await ctx.as(ctx.users.admin);
    const settings = await api.patch('/api/municipality', {
      settings: {
        feedbackDays: 30,
        replyTo: 'naringsliv@testkommun.se',
        unitName: 'Näringslivsenheten',
        retentionMonths: 36,
      },
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const programme = await api.post('/api/relay/programmes', {
      name: 'Stafetten i Testkommun',
      description: DESCRIPTION,
      goal: { type: 'count', count: 10 },
      targetPace: 2,
      teamRule: { business: 1 },
      publicPage: true,
    });
    assert.equal(programme.statusCode, 201, programme.body);
    programmeId = (programme.json() as { id: string }).id;
    const staff = await ctx.as(ctx.users.staff);
    const visit = await staff.post('/api/visits', {
      companyId: alfa,
      startsAt: '2026-12-10T09:00:00Z',
      endsAt: '2026-12-10T10:00:00Z',
      mode: 'physical',
      participantIds: [ctx.users.staff.id],
    });
    assert.equal(visit.statusCode, 201, visit.body);
    visitId = (visit.json() as { id: string }).id;

    browser = await launchBrowser();
    admin = await newPage(browser, server);
    await logIn(admin, 'admin@test.se');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  /** The newest private link of `kind` in the e-mails to `to` (waiting for one). */
  async function linkTo(to: string, kind: 'svar' | 'nominera'): Promise<string> {
    const until = Date.now() + 15_000;
    for (;;) {
      const links = smtp.messages
        .filter((m) => m.to.includes(to))
        .map(
          (m) => (m.parsed.text ?? '').match(new RegExp(`https?://\\S+/stafett/${kind}/[A-Za-z0-9_-]+`))?.[0],
        )
        .filter((l): l is string => Boolean(l));
      if (links.length) return links[links.length - 1]!;
      if (Date.now() > until) throw new Error(`no ${kind} link to ${to}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A company's own visit to a private link: a fresh context, no session, in `lang`. */
  async function asCompany(link: string, lang: 'sv' | 'en' = 'sv'): Promise<Page> {
    const page = await newPage(browser, server);
    await page.context().addInitScript(`localStorage.setItem('besok.lang', '${lang}')`);
    await page.goto(link);
    return page;
  }

  void test('the accessibility statement names the municipality and its contact, signed out, at 320 px', async () => {
    const page = await newPage(browser, server, { viewport: { width: 320, height: 700 } });
    await page.goto('/tillganglighet');
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
    await page.getByText(/^Testkommun står bakom Besök, tjänsten som näringslivsenheten använder/).waitFor();
    const mail = page.getByRole('link', { name: 'naringsliv@testkommun.se' });
    assert.match((await mail.getAttribute('href')) ?? '', /^mailto:naringsliv@testkommun\.se\?subject=/);
    const known = page.locator('h2:text-is("Kända brister") ~ ul').first().getByRole('listitem');
    assert.equal(await known.count(), 3, 'the known shortcomings are listed');
    await known.filter({ hasText: 'Samma kedja finns som lista' }).waitFor();
    await known.filter({ hasText: 'branschernas namn (SNI)' }).waitFor();
    await page.getByText('Den senaste granskningen gjordes den 28 november 2026.').waitFor();
    assert.equal(await page.getByText(/inte till några brister/).count(), 0, 'no claim of no shortcomings');

    const w = await widths(page);
    assert.ok(w.h1 <= w.h1Box, `the h1 fits its box at 320 px (${w.h1} > ${w.h1Box})`);
    assert.ok(w.page <= w.window, `no sideways scrolling at 320 px (${w.page} > ${w.window})`);
    await expectAccessible(page, 'the accessibility statement at 320 px');
    await page.context().close();
  });

  void test("an admin's whole menu is one row at 1280 px, in Swedish and in English", async () => {
    for (const lang of ['sv', 'en'] as const) {
      const page = await newPage(browser, server, { viewport: { width: 1280, height: 800 } });
      await logIn(page, 'admin@test.se');
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      const nav = page.getByRole('navigation', { name: lang === 'sv' ? 'Huvudmeny' : 'Main menu' });
      await nav.waitFor();
      const tops = await nav
        .getByRole('listitem')
        .evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
      assert.equal(tops.length, 11, 'every line of the menu is there');
      assert.equal(new Set(tops).size, 1, `${lang}: one row (${tops.join(', ')})`);
      await page.context().close();
    }
  });

  void test('relay pages reflow at 320 px with the text-spacing overrides', async () => {
    const page = await newPage(browser, server, { viewport: { width: 320, height: 700 } });
    await logIn(page, 'admin@test.se');
    for (const [path, heading] of [
      ['/stafett', 'Företagsstafetten'],
      [`/stafett/publik/${programmeId}`, 'Stafetten i Testkommun'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.addStyleTag({ content: TEXT_SPACING });
      const w = await widths(page);
      assert.ok(w.h1 <= w.h1Box, `${path}: the h1 fits its box (${w.h1} > ${w.h1Box})`);
      assert.ok(w.page <= w.window, `${path}: no sideways scrolling (${w.page} > ${w.window})`);
    }
    await page.context().close();
  });

  void test('an unknown relay is a page of its own: an h1 and a title that say so', async () => {
    for (const path of [`/stafett/${NO_SUCH_ID}`, `/stafett/${NO_SUCH_ID}/installningar`]) {
      await admin.goto(path);
      await admin.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
      assert.equal(await admin.title(), 'Sidan finns inte – Besök', path);
      await expectAccessible(admin, `the unknown relay (${path})`);
    }
  });

  void test('the relay page: each step taken moves focus to its baton and says what happened', async () => {
    await admin.goto(`/stafett/${programmeId}`);
    await admin.getByRole('heading', { level: 1, name: 'Stafetten i Testkommun' }).waitFor();
    assert.equal(
      await admin.getByText(DESCRIPTION).getAttribute('lang'),
      'sv',
      "the municipality's description is marked Swedish",
    );

    // The search says what it found, in a line that was there before it spoke.
    await admin.getByText('Starta en stafettpinne').click();
    const search = admin.getByLabel('Sök företaget i registret');
    const status = await statusLine(admin, 'form .live-status');
    await search.fill('ingetsådant');
    await admin.getByRole('button', { name: 'Sök', exact: true }).click();
    await status.says('Inga träffar i registret. Pröva');
    await search.fill('alfa');
    await search.press('Enter');
    await status.says('1 träff');
    // Borders of the fields on the grey search panel, and on white, are 3:1 at least.
    for (const c of await borderContrasts(admin, 'main'))
      assert.ok(c.ratio >= 3, `${c.control}: border contrast ${c.ratio.toFixed(2)}:1`);

    await admin.getByLabel(/Alfa Snickeri AB/).check();
    await admin.getByLabel('Kontaktpersonens e-post').fill('alfa@example.se');
    let said = await announcer(admin);
    await admin.getByRole('button', { name: 'Starta', exact: true }).click();
    // The form went with the last free baton; the new baton's heading has focus.
    const baton = admin.getByRole('region', { name: /Stafettpinne 1/ });
    await expectFocus(admin, baton.getByRole('heading', { level: 3 }), 'after "Starta"');
    await said.says(/^Stafettpinnen är startad hos Alfa Snickeri AB\.$/);
    assert.equal(await admin.getByText('Starta en stafettpinne').count(), 0);

    // Booking: the date and the times are checked on their own inputs, in words.
    await baton.getByText('Boka besöket').click();
    const date = baton.getByLabel(/^Datum/);
    const start = baton.getByLabel(/^Början/);
    const end = baton.getByLabel(/^Slut/);
    await start.fill('');
    await baton.getByLabel(/Anna Admin/).check();
    await baton.getByRole('button', { name: 'Boka', exact: true }).click();
    await baton.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' }).waitFor();
    assert.deepEqual(
      [await errorOf(date), await errorOf(start), await errorOf(end)],
      ['Ange datum.', 'Ange starttid.', null],
    );
    // Yesterday: a visit is marked done once it has been.
    await date.fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await start.fill('11:00');
    await end.fill('10:00');
    await baton.getByRole('button', { name: 'Boka', exact: true }).click();
    await baton.getByText('Sluttiden måste vara efter starttiden.').first().waitFor();
    assert.deepEqual(
      [await errorOf(date), await errorOf(start), await errorOf(end)],
      [null, null, 'Sluttiden måste vara efter starttiden.'],
    );
    await expectAccessible(admin, 'the relay page with a refused booking');
    await start.fill('08:00');
    said = await announcer(admin);
    await baton.getByRole('button', { name: 'Boka', exact: true }).click();
    await expectFocus(admin, baton.getByRole('heading', { name: /Besöket är bokat/ }), 'after "Boka"');
    await said.says(/^Besöket är bokat .*08:00\.$/);

    said = await announcer(admin);
    await baton.getByRole('button', { name: 'Besöket är gjort' }).click();
    await expectFocus(
      admin,
      baton.getByRole('heading', { name: /Företaget ska nominera nästa/ }),
      'after "Besöket är gjort"',
    );
    await said.says(/^Besöket är markerat som gjort\. Företaget har fått en länk/);
    await expectAccessible(admin, 'the relay page after the visit');
  });

  void test('the chain at 320 px: readable, scrolled in its own region, and the list open', async () => {
    const page = await newPage(browser, server, { viewport: { width: 320, height: 700 } });
    await logIn(page, 'admin@test.se');
    await page.goto(`/stafett/${programmeId}`);
    const picture = page.getByRole('img', { name: /Kedjan som bild/ });
    await picture.waitFor();
    const box = await picture.boundingBox();
    assert.ok(box && box.width >= 719, `the picture is drawn at its own size (${box?.width} px wide)`);
    assert.deepEqual(
      await inPage(
        page,
        `() => ['marginLeft', 'marginRight'].map((m) => getComputedStyle(document.querySelector('figure.relay-chain'))[m])`,
      ),
      ['0px', '0px'],
      "the figure has no browser's margins",
    );
    await page.getByRole('listitem').filter({ hasText: 'Alfa Snickeri AB – besökt' }).waitFor();
    assert.equal(
      await page.locator('figure.relay-chain details').getAttribute('open'),
      '',
      'the list is open',
    );
    const w = await widths(page);
    assert.ok(w.page <= w.window, `the page does not scroll sideways (${w.page} > ${w.window})`);
    await expectAccessible(page, 'the relay page at 320 px');
    await page.context().close();
  });

  void test("the companies' private pages: results said, focus to the heading after sending", async () => {
    const page = await asCompany(await linkTo('alfa@example.se', 'nominera'));
    await page.getByRole('heading', { level: 1, name: /vem ska vi besöka härnäst/ }).waitFor();
    const status = await statusLine(page, 'form .live-status');
    await page.getByLabel('Sök företaget i registret').fill('beta');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await status.says('1 träff');
    for (const c of await borderContrasts(page, 'main'))
      assert.ok(c.ratio >= 3, `${c.control}: border contrast ${c.ratio.toFixed(2)}:1`);
    await page.getByLabel(/Beta Bageri AB/).check();
    await page.getByLabel('Varför just det företaget?').fill('De bakar bäst');
    await page.getByLabel('E-post dit inbjudan ska skickas').fill('beta@example.se');
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await expectFocus(page, page.getByRole('heading', { level: 1 }), 'after "Skicka inbjudan"');
    await page
      .getByRole('status')
      .filter({ hasText: 'Tack! Vi har skickat en inbjudan till Beta Bageri AB.' })
      .waitFor();
    await expectAccessible(page, 'the nomination page, sent');
    await page.context().close();

    // Beta, in English: the relay's description is the municipality's Swedish, marked so.
    const beta = await asCompany(await linkTo('beta@example.se', 'svar'), 'en');
    await beta.getByRole('heading', { level: 1, name: /you have the baton/ }).waitFor();
    assert.equal(await beta.getByText(DESCRIPTION).getAttribute('lang'), 'sv');
    // A choice group with an error marks each of its inputs invalid.
    await beta.getByRole('button', { name: 'Send the answer' }).click();
    await beta.getByRole('alert').filter({ hasText: 'There is a problem with the form' }).waitFor();
    assert.equal(await beta.getByLabel('Yes, we would like a visit').getAttribute('aria-invalid'), 'true');
    assert.equal(await beta.getByLabel('No, thank you').getAttribute('aria-invalid'), 'true');
    await beta.getByLabel('Yes, we would like a visit').check();
    await beta.getByLabel('Your name').fill('Bo Bagare');
    await beta.getByLabel('Your e-mail').fill('bo@example.se');
    await beta.getByLabel('Suggest a few times that suit you').fill('Tuesday mornings');
    await beta.getByRole('button', { name: 'Send the answer' }).click();
    await expectFocus(beta, beta.getByRole('heading', { level: 1 }), 'after "Send the answer"');
    await beta
      .getByRole('status')
      .filter({ hasText: 'Thank you! We will be in touch to book a time.' })
      .waitFor();
    await expectAccessible(beta, 'the invitation page, answered, in English');

    await beta.goto(`/stafett/publik/${programmeId}`);
    await beta.getByRole('heading', { level: 1, name: 'Stafetten i Testkommun' }).waitFor();
    assert.equal(await beta.getByText(DESCRIPTION).getAttribute('lang'), 'sv');
    await expectAccessible(beta, 'the public relay page in English');
    await beta.context().close();
  });

  void test('a new visit: the choice takes focus, results are said, times are checked in words', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'staff@test.se');
    await page.goto('/besok/nytt');
    await page.getByRole('heading', { level: 1, name: 'Registrera ett besök' }).waitFor();
    const status = await statusLine(page, 'form .live-status');
    await page.getByLabel(/^Sök företag/).fill('alfa');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await status.says('1 träff');
    // Chosen with the keyboard, the list goes: focus to "Byt företag", which names the company.
    await page.getByRole('button', { name: 'Välj Alfa Snickeri AB' }).press('Enter');
    const change = page.getByRole('button', { name: 'Byt företag' });
    await expectFocus(page, change, 'after "Välj"');
    const describedBy = (await change.getAttribute('aria-describedby')) ?? '';
    assert.match(await page.locator(`[id="${describedBy}"]`).innerText(), /Valt företag\s*Alfa Snickeri AB/);

    const date = page.locator('#visit-startsAt');
    const start = page.locator('#visit-startsAt-time');
    const end = page.locator('#visit-endsAt');
    await date.fill('');
    await end.fill('11:00');
    await page.getByLabel('Sven Staff').uncheck();
    await page.getByRole('button', { name: 'Spara besöket' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary.waitFor();
    assert.deepEqual(
      [await errorOf(date), await errorOf(start), await errorOf(end)],
      ['Ange datum.', 'Ange starttid.', null],
    );
    assert.doesNotMatch(await summary.innerText(), /ISO|Ogiltig/);
    // The team's checkboxes say they are in error, each of them.
    assert.equal(await page.getByLabel('Sven Staff').getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'the new visit form with errors');

    // The same in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save the visit' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem with the form' }).waitFor();
    assert.deepEqual(
      [await errorOf(date), await errorOf(start)],
      ['Enter the date.', 'Enter the start time.'],
    );
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrera ett besök' }).waitFor();
    await page.context().close();
  });

  void test('changing a visit: the time is checked on its own inputs', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'staff@test.se');
    await page.goto(`/besok/${visitId}/andra`);
    await page.getByRole('heading', { level: 1, name: 'Ändra besöket hos Alfa Snickeri AB' }).waitFor();
    const date = page.locator('#visit-edit-startsAt');
    const start = page.locator('#visit-edit-startsAt-time');
    const end = page.locator('#visit-edit-endsAt');
    const save = page.getByRole('button', { name: 'Spara ändringarna' });
    await start.fill('');
    await save.click();
    await page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' }).waitFor();
    assert.deepEqual(
      [await errorOf(date), await errorOf(start), await errorOf(end)],
      [null, 'Ange starttid.', null],
    );
    await start.fill('12:00');
    await save.click();
    await page.getByText('Sluttiden måste vara efter starttiden.').first().waitFor();
    assert.deepEqual(
      [await errorOf(date), await errorOf(start), await errorOf(end)],
      [null, null, 'Sluttiden måste vara efter starttiden.'],
    );
    await expectAccessible(page, 'the visit edit form with errors');
    await page.context().close();
  });

  void test('touch targets at 375 px: fields, date and time inputs and buttons are 44 px high', async () => {
    const page = await newPage(browser, server, { viewport: { width: 375, height: 800 } });
    await logIn(page, 'staff@test.se');
    await page.goto('/besok/nytt');
    await page.getByRole('heading', { level: 1, name: 'Registrera ett besök' }).waitFor();
    const small = await inPage<Array<{ el: string; h: number }>>(
      page,
      `() => [...document.querySelectorAll('input, select, textarea, button, a.btn')]
        .filter((el) => !el.classList.contains('btn--link') && !['radio', 'checkbox', 'hidden'].includes(el.type) && el.offsetParent)
        .map((el) => ({ el: el.tagName.toLowerCase() + '#' + el.id + ' ' + el.textContent.trim(), h: el.getBoundingClientRect().height }))
        .filter((x) => x.h < 44)`,
    );
    assert.deepEqual(small, [], 'controls under 44 px high');
    assert.deepEqual(
      await inPage(
        page,
        `() => ['borderTopWidth', 'borderTopColor'].map((p) => getComputedStyle(document.getElementById('visit-startsAt'))[p])`,
      ),
      ['2px', 'rgb(115, 126, 137)'],
      'the date input is styled as the text inputs are',
    );
    await page.context().close();
  });
});
