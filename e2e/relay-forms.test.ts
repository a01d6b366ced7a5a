/**
 * The relay's forms for companies, on their private links: what a form says when it is sent
 * empty or wrong, in Swedish and English, and that errors about an answer no longer chosen go.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, type Client, type TestContext } from '../test/helpers/app';
import { createStaff } from '../src/modules/staff/staff.service';
import {
  expectAccessible,
  logIn,
  launchBrowser,
  newPage,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { addRegisterCompany, linkToken } from '../src/modules/relay/relay.fixtures';

const DAY = 86_400_000;

void describe('relay forms on the companies’ links', () => {
  let ctx: TestContext;
  let server: TestServer;
  let browser: Browser;
  let admin: Client;
  let leaderId: string;
  let n = 0;

  before(async () => {
    server = await startServer({ dialect: 'sqlite' });
    ctx = server.ctx;
    const db = ctx.testDb.db.kysely;
    leaderId = (
      await createStaff(
        db,
        ctx.municipality.id,
        {
          email: 'ledning@test.se',
          name: 'Lars Ledning',
          title: '',
          phone: '',
          role: 'staff',
          group: 'leadership',
          party: null,
          expertise: [],
          password: TEST_PASSWORD,
        },
        ctx.clock.now(),
      )
    ).id;
    admin = await ctx.as(ctx.users.admin);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const lastMail = async (to: string) => {
    const m = await ctx.testDb.db.kysely
      .selectFrom('outbound_email')
      .selectAll()
      .where('to_address', '=', to)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return m.text_body;
  };

  /** A relay whose first company was visited: its link to name the next, and (once it named one) the nominee's link to answer. */
  async function visitedCompany(opts: { nominate?: boolean } = {}) {
    n++;
    const p = await admin.post('/api/relay/programmes', {
      name: `Stafett ${n}`,
      goal: { type: 'count', count: 10 },
      targetPace: 2,
      maxBatons: 3,
    });
    assert.equal(p.statusCode, 201, p.body);
    const db = ctx.testDb.db.kysely;
    const first = await addRegisterCompany(db, `Besökta ${n} AB`);
    const email = `besokt${n}@example.se`;
    const started = await admin.post(`/api/relay/programmes/${p.json().id}/batons`, {
      company: { id: first },
      contactName: 'Kim Kontakt',
      contactEmail: email,
    });
    assert.equal(started.statusCode, 201, started.body);
    const leg = started.json().legId as string;
    const day = new Date(Date.now() - (n + 1) * DAY).toISOString().slice(0, 10);
    const booked = await admin.post(`/api/relay/legs/${leg}/book`, {
      startsAt: `${day}T09:00:00Z`,
      endsAt: `${day}T10:00:00Z`,
      mode: 'physical',
      location: 'På företaget',
      participantIds: [ctx.users.admin.id, leaderId],
    });
    assert.equal(booked.statusCode, 201, booked.body);
    const visited = await admin.post(`/api/relay/legs/${leg}/visited`);
    assert.equal(visited.statusCode, 200, visited.body);
    const nominateToken = linkToken(await lastMail(email), 'nominera');
    const programmeId = p.json().id as string;
    if (!opts.nominate) return { programmeId, nominateToken, answerToken: '' };
    const next = await addRegisterCompany(db, `Nästa ${n} AB`);
    const inviteEmail = `nasta${n}@example.se`;
    const nominated = await admin.post(`/api/relay/legs/${leg}/nominations`, {
      company: { id: next },
      reason: 'Grannen',
      inviteEmail,
    });
    assert.equal(nominated.statusCode, 201, nominated.body);
    return { programmeId, nominateToken, answerToken: linkToken(await lastMail(inviteEmail), 'svar') };
  }

  async function open(path: string, lang: 'sv' | 'en' = 'sv'): Promise<Page> {
    const page = await newPage(browser, server);
    if (lang === 'en') await page.context().addInitScript(`localStorage.setItem('besok.lang', 'en')`);
    await page.goto(path);
    return page;
  }

  const summaryLinks = (page: Page) =>
    page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading') })
      .getByRole('link')
      .allInnerTexts();

  void test('naming the next company, sent empty: every missing field is said at once, in the summary and beside the field', async () => {
    const { nominateToken } = await visitedCompany();
    const page = await open(`/stafett/nominera/${nominateToken}`);
    await page.getByRole('heading', { level: 1, name: /vem ska vi besöka härnäst/ }).waitFor();
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await page.getByRole('heading', { name: 'Det finns fel i formuläret' }).waitFor();
    const reason = 'Varför just det företaget? måste fyllas i.';
    const email = /E-post dit inbjudan ska skickas/;
    const links = await summaryLinks(page);
    assert.equal(links.length, 3, links.join(' | '));
    assert.equal(links[0], 'Välj ett företag i listan eller fyll i ett nytt.');
    assert.equal(links[1], reason);
    assert.match(links[2]!, email);
    // Beside each field, which is marked invalid and described by its error.
    await page
      .locator('.field__error', { hasText: 'Välj ett företag i listan eller fyll i ett nytt.' })
      .waitFor();
    for (const label of [/^Varför just det företaget\?/, /^E-post dit inbjudan ska skickas/]) {
      const input = page.getByLabel(label);
      assert.equal(await input.getAttribute('aria-invalid'), 'true', String(label));
      assert.match((await input.getAttribute('aria-describedby')) ?? '', /\S/, String(label));
    }
    const describedBy =
      (await page.getByLabel(/^Varför just det företaget\?/).getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(
      describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
    assert.match(descriptions.join(' '), /måste fyllas i/);
    await expectAccessible(page, 'the nomination page, sent empty');
    await page.context().close();
  });

  void test("a new company's organisation number: empty is missing, a wrong one says what is wrong, in Swedish and English", async () => {
    const { nominateToken } = await visitedCompany();
    for (const lang of ['sv', 'en'] as const) {
      const sv = lang === 'sv';
      const page = await open(`/stafett/nominera/${nominateToken}`, lang);
      await page
        .getByLabel(sv ? 'Företaget finns inte i registret' : 'The company is not in the register')
        .check();
      const orgNr = page.getByLabel(sv ? /^Organisationsnummer/ : /^Organisation number/);
      await page.getByRole('button', { name: sv ? 'Skicka inbjudan' : 'Send the invitation' }).click();
      const empty = sv ? 'Organisationsnummer måste fyllas i.' : 'Organisation number must be filled in.';
      await page.locator('.field__error', { hasText: empty }).waitFor();
      assert.ok((await summaryLinks(page)).includes(empty), `${lang}: the summary says it is missing`);
      assert.equal(await orgNr.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByText(/minst 10 tecken|at least 10 characters/).count(), 0, lang);
      await orgNr.fill('123');
      await page.getByRole('button', { name: sv ? 'Skicka inbjudan' : 'Send the invitation' }).click();
      const wrong = sv
        ? 'Organisationsnummer: "123" har 3 siffror; ett organisationsnummer har 10 (eller 12)'
        : 'Organisation number: "123" has 3 digits; an organisation number has 10 (or 12)';
      await page.locator('.field__error', { hasText: wrong }).waitFor();
      assert.equal(await page.getByText(/minst 10 tecken|at least 10 characters/).count(), 0, lang);
      await expectAccessible(page, `a wrong organisation number (${lang})`);
      await page.context().close();
    }
  });

  void test('starting a baton: the choice of a visited company to continue from says what it does, in Swedish and English', async () => {
    const { programmeId } = await visitedCompany();
    for (const lang of ['sv', 'en'] as const) {
      const sv = lang === 'sv';
      const page = await newPage(browser, server);
      await logIn(page, 'admin@test.se');
      await page.evaluate(`localStorage.setItem('besok.lang', '${lang}')`);
      await page.goto(`/stafett/${programmeId}`);
      await page.getByText(sv ? 'Starta en stafettpinne' : 'Start a baton').click();
      const from = page.getByLabel(
        sv
          ? 'Fortsätter från ett företag ni redan har besökt'
          : 'Continues from a company you have already visited',
      );
      await from.waitFor();
      assert.equal(
        await page.getByLabel(/\bgren\b|\bbranch\b/i).count(),
        0,
        `${lang}: no label of a "branch"`,
      );
      // Its hint says what choosing one does, and what leaving it does.
      const hintIds = ((await from.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      const hint = (await Promise.all(hintIds.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(
        ' ',
      );
      assert.match(
        hint,
        sv
          ? /fortsättning därifrån.*Annars börjar en ny, fristående kedja/
          : /continuing from it.*Otherwise a new chain of its own starts/,
      );
      assert.deepEqual(await from.locator('option').allInnerTexts(), [
        sv ? 'Inget – en ny, fristående kedja' : 'None – a new chain of its own',
        `1. Besökta ${n} AB`,
      ]);
      await expectAccessible(page, `starting a baton (${lang})`);
      await page.context().close();
    }
  });

  void test('answering an invitation: the errors of a "Ja" refused go when "Nej tack" is chosen', async () => {
    const { answerToken } = await visitedCompany({ nominate: true });
    const page = await open(`/stafett/svar/${answerToken}`);
    await page.getByRole('heading', { level: 1, name: /ni har fått stafettpinnen/ }).waitFor();
    await page.getByLabel('Ja, vi vill ha besök').check();
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await page.getByRole('heading', { name: 'Det finns fel i formuläret' }).waitFor();
    assert.ok((await summaryLinks(page)).length >= 3, 'the fields "Ja" needs are listed');
    await page.getByLabel('Nej tack').check();
    await page.getByLabel(/Vill ni berätta varför/).waitFor();
    assert.equal(
      await page.getByRole('heading', { name: 'Det finns fel i formuläret' }).count(),
      0,
      'no summary left',
    );
    assert.equal(await page.locator('.field__error').count(), 0, 'no error left beside a field');
    await expectAccessible(page, 'the invitation page, "Nej tack" chosen after a refused "Ja"');
    await page.getByRole('button', { name: 'Tacka nej' }).click();
    await page.getByText('Tack för ert svar.', { exact: false }).waitFor();
    await page.context().close();
  });
});
