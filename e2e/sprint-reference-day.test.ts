/**
 * Journey: the reference day. An admin sets up a sprint with 8 times and 13 participants, 30
 * companies register through the public form (some digital, some on site, one correcting errors,
 * one registering twice), the admin sets the missing positions, schedules, publishes; then the
 * e-mails and invitations that arrived over SMTP are read, and a participant reads their day.
 * axe checks the form, its error state and its receipt (and the admin pages on the way).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  expectAccessible,
  hasFocus,
  launchBrowser,
  logIn,
  newPage,
  testWebRoot,
  type TestServer,
} from '../test/helpers/browser';
import { Client, TEST_PASSWORD } from '../test/helpers/app';
import { createTestDb } from '../test/helpers/db';
import { buildApp } from '../src/server/app';
import { loadEnv } from '../src/config/env';
import { fixedClock } from '../src/lib/clock';
import { insertMunicipality } from '../src/modules/municipality/municipality.repository';
import { startSmtp } from '../test/helpers/smtp';
import { createStaff } from '../src/modules/staff/staff.service';
import { DEMO_STAFF } from '../src/demo/demo-data';
import { insertRegisterCompany, orgNrFor } from '../src/modules/sprints/sprint.fixtures';
import type { Board } from '../src/contracts/sprints';

const PASSWORD = TEST_PASSWORD;
const COMPANIES = 30;
const IN_REGISTER = 22;

interface Company {
  n: number;
  orgNr: string;
  name: string;
  email: string;
  mode: 'digital' | 'physical';
  inRegister: boolean;
  slots: string[];
}

const SLOT_LABELS = [
  '08:30–09:15',
  '09:30–10:15',
  '10:30–11:15',
  '11:30–12:15',
  '12:30–13:15',
  '13:30–14:15',
  '14:30–15:15',
  '15:30–16:15',
];

function company(n: number): Company {
  const first = n % 6;
  return {
    n,
    orgNr: orgNrFor(500 + n),
    name: `Referensföretag ${n} AB`,
    email: `kontakt@ref${n}.se`,
    mode: n % 3 === 0 ? 'digital' : 'physical',
    inRegister: n <= IN_REGISTER,
    slots: SLOT_LABELS.slice(first, first + 3),
  };
}

void describe('the reference day', () => {
  let server: TestServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const companies = Array.from({ length: COMPANIES }, (_, i) => company(i + 1));
  let sprintId = '';
  let webCopy = '';
  let app: Awaited<ReturnType<typeof buildApp>>;
  let adminApi: () => Promise<Client>;

  before(async () => {
    const webRoot = testWebRoot();
    smtp = await startSmtp();
    // A copy of the built web app: other journeys may rebuild web/dist while this one runs.
    webCopy = mkdtempSync(path.join(tmpdir(), 'besok-web-'));
    cpSync(webRoot, webCopy, { recursive: true });
    const testDb = await createTestDb(process.env.TEST_E2E_DIALECT === 'postgres' ? 'postgres' : 'sqlite');
    const env = loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: testDb.url,
      PUBLIC_URL: 'http://besok.test',
      LOGIN_RATE_LIMIT: '1000',
      // One browser registers 30 companies from one address within a minute.
      REGISTRATION_RATE_LIMIT: '1000',
      SMTP_URL: smtp.url,
    } as NodeJS.ProcessEnv);
    const clock = fixedClock(new Date());
    app = await buildApp({ env, db: testDb.db, clock, webRoot: webCopy });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const db = testDb.db.kysely;
    const now = clock.now();
    const m = await insertMunicipality(db, { name: 'Testkommun', kommunkod: '1488' }, now);
    const adminUser = await createStaff(
      db,
      m.id,
      {
        email: 'admin@test.se',
        name: 'Anna Admin',
        title: '',
        phone: '',
        role: 'admin',
        group: 'business',
        party: null,
        expertise: [],
        password: PASSWORD,
      },
      now,
    );
    for (const s of DEMO_STAFF.filter((x) => x.role !== 'viewer')) {
      await createStaff(db, m.id, { ...s, password: PASSWORD }, now);
    }
    adminApi = async () => {
      const c = new Client(app);
      await c.login(adminUser.email);
      return c;
    };
    server = {
      url: `http://127.0.0.1:${address.port}`,
      ctx: undefined as never,
      close: async () => {
        await app.close();
        app.mailer.close();
        await testDb.cleanup();
      },
    };
    for (const c of companies.filter((x) => x.inRegister)) {
      await insertRegisterCompany(
        db,
        {
          orgNr: c.orgNr,
          name: c.name,
          visitAddress: `Industrigatan ${c.n}`,
          postalCode: '461 38',
          postalTown: 'Trollhättan',
          lat: 58.27 + (c.n % 6) * 0.006,
          lon: 12.26 + (c.n % 5) * 0.008,
        },
        now,
      );
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
    if (webCopy) rmSync(webCopy, { recursive: true, force: true });
  });

  void test('an admin sets up the sprint and its 13 participants', async () => {
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se', PASSWORD);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Besökssprintar' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Besökssprintar' }).waitFor();
    await page.getByRole('button', { name: 'Ny besökssprint' }).click();
    await page.getByLabel('Namn på sprinten').waitFor();
    await expectAccessible(page, 'the new sprint form');
    const local = (d: Date) => {
      const p = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Stockholm',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(d);
      return p.replace(' ', 'T');
    };
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Namn på sprinten').fill('Referensdagen');
    await page.getByLabel('Dag (ÅÅÅÅ-MM-DD)').fill(day);
    await page.getByLabel('Publik adress').fill('referensdagen');
    await page.getByLabel('Anmälan öppnar').fill(local(new Date(Date.now() - 3_600_000)));
    await page.getByLabel('Anmälan stänger').fill(local(new Date(Date.now() + 2 * 86_400_000)));
    await page.getByLabel('Text på den publika sidan').fill('Vi vill träffa er! <b>Inte fetstil</b>');
    await page.getByLabel('Länk till videomöten').fill('https://meet.example.se/ref-{id}');
    // The default day: eight 45-minute visits on the hour from 08:30.
    assert.equal(await page.getByLabel('Tid s1: början').inputValue(), '08:30');
    assert.equal(await page.getByLabel('Tid s8: slut').inputValue(), '16:15');
    await page.getByRole('button', { name: 'Skapa sprinten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referensdagen' }).waitFor();
    sprintId = new URL(page.url()).pathname.split('/')[2]!;
    // Opening with an edit not saved asks first (opening starts the form again); cancelled, nothing opens.
    await page.getByLabel('Text på den publika sidan').fill('Ändrad men inte sparad');
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await page.getByRole('button', { name: 'Öppna för anmälan' }).click();
    assert.match(
      await asked,
      /^Inställningarna har ändringar som inte är sparade\. Öppna för anmälan ändå\?/,
    );
    assert.equal(await page.getByLabel('Text på den publika sidan').inputValue(), 'Ändrad men inte sparad');
    await page.getByLabel('Text på den publika sidan').fill('Vi vill träffa er! <b>Inte fetstil</b>');
    await page.getByRole('button', { name: 'Öppna för anmälan' }).click();
    await page.getByText('Öppen för anmälan.').first().waitFor();
    await expectAccessible(page, 'the sprint settings page');

    await page.getByRole('link', { name: 'Deltagare' }).click();
    await page.getByRole('heading', { level: 1, name: /Deltagare/ }).waitFor();
    for (const s of DEMO_STAFF.filter((x) => x.role !== 'viewer')) {
      await page.getByLabel(`${s.name} är med`).check();
    }
    await page.getByRole('button', { name: 'Spara deltagarna' }).click();
    await page.getByText('Deltagarna är sparade.').waitFor();
    await expectAccessible(page, 'the roster page');
  });

  void test('30 companies register on the public page', async () => {
    const page = await newPage(browser, server);
    await page.goto('/s/referensdagen');
    await page.getByRole('heading', { level: 1, name: 'Referensdagen' }).waitFor();
    // Typed text is shown as text, never as HTML.
    await page.getByText('Vi vill träffa er! <b>Inte fetstil</b>').waitFor();
    await expectAccessible(page, 'the public registration form');
    // In English too, with <html lang="en">.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Registration' }).waitFor();
    await page.getByLabel('Organisation number').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await expectAccessible(page, 'the public registration form in English');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 2, name: 'Anmälan' }).waitFor();

    // The first one sends the form empty, then with a bad e-mail, and corrects it.
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary.waitFor();
    assert.ok(await hasFocus(summary), 'the error summary takes focus');
    await expectAccessible(page, 'the public registration form with errors');
    const c1 = companies[0]!;
    await fill(page, { ...c1, email: 'inte-en-adress' }, { skipSlots: true });
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    await summary.waitFor();
    await summary.getByText(/E-postadress/).waitFor();
    await summary.getByText(/Tider ni kan/).waitFor();
    assert.equal(
      await page.getByLabel('Kontaktperson').inputValue(),
      `Kontakt ${c1.n}`,
      'what was typed is kept',
    );
    await page.getByLabel('E-postadress').fill(c1.email);
    for (const s of c1.slots) await page.getByLabel(s).check();
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tack för er anmälan' }).waitFor();
    await expectAccessible(page, 'the registration receipt');

    for (const c of companies.slice(1)) {
      await page.goto('/s/referensdagen');
      await page.getByRole('heading', { level: 1, name: 'Referensdagen' }).waitFor();
      await fill(page, c);
      await page.getByRole('button', { name: 'Skicka anmälan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tack för er anmälan' }).waitFor();
    }

    // Company 7's form is sent again: it is told the company is registered already; there is still
    // one registration, unchanged (only the private link changes it), and its contact gets a new link.
    await page.goto('/s/referensdagen');
    await fill(page, { ...companies[6]!, slots: SLOT_LABELS.slice(0, 4) });
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referensföretag 7 AB är redan anmäld' }).waitFor();
    await page.getByText(/Anmälan är oförändrad/).waitFor();
    await expectAccessible(page, 'the receipt of a company registered already');

    const admin = await adminApi();
    const regs = (await admin.get(`/api/sprints/${sprintId}/registrations`)).json().items as Array<{
      companyName: string;
      verified: boolean;
    }>;
    assert.equal(regs.length, COMPANIES);
    assert.equal(regs.filter((r) => !r.verified).length, COMPANIES - IN_REGISTER);
    await app.mailer.flush();
    await smtp.waitFor(COMPANIES + 1);
    assert.ok(
      smtp.messages.every((m) => /\/anmalan\//.test(m.parsed.text ?? '')),
      'each confirmation has a private link',
    );

    // The private link from the e-mail: see and change the registration.
    const mail2 = smtp.messages.find((m) => m.to.includes(companies[1]!.email))!;
    const token = /\/anmalan\/([A-Za-z0-9_-]+)/.exec(mail2.parsed.text!)![1]!;
    await page.goto(`/anmalan/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Er anmälan' }).waitFor();
    await page.getByText(companies[1]!.name).first().waitFor();
    await expectAccessible(page, 'the private registration page');
    await page.getByLabel('Telefon').fill('0520-11 22 33');
    await page.getByLabel('Jag har läst informationen').check();
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
  });

  void test('positions, scheduling and publishing; e-mails and invitations arrive', async () => {
    smtp.clear();
    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se', PASSWORD);
    await page.goto(`/sprintar/${sprintId}/anmalningar`);
    await page.getByRole('heading', { level: 2, name: 'Besök på plats som saknar position' }).waitFor();
    const missing = companies.filter((c) => !c.inRegister && c.mode === 'physical');
    assert.ok(missing.length > 0);

    // The first one's position: refused beside its field when empty or not a number, refused by
    // the server beside the field it names, then taken with Swedish decimal commas.
    const first = missing[0]!;
    const form = page.getByRole('form', { name: new RegExp(first.name) });
    const latitude = page.getByLabel(`Latitud för ${first.name}`);
    const longitude = page.getByLabel(`Longitud för ${first.name}`);
    const save = form.getByRole('button', { name: 'Spara positionen' });
    const summary = form.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    /** The error shown beside a field: the text its aria-describedby names, and aria-invalid. */
    const errorOf = async (field: typeof latitude) => {
      const id = await field.getAttribute('id');
      const described = (await field.getAttribute('aria-describedby')) ?? '';
      if (!described.split(' ').includes(`${id}-error`)) return null;
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      return (await page.locator(`[id="${id}-error"]`).innerText()).replace(/^Fel:\s*/, '');
    };
    const positionSaved = async () => {
      const admin = await adminApi();
      const regs = (await admin.get(`/api/sprints/${sprintId}/registrations`)).json().items as Array<{
        companyName: string;
        position: { lat: number; lon: number } | null;
      }>;
      return regs.find((r) => r.companyName === first.name)!.position;
    };

    await save.click();
    await summary.waitFor();
    assert.ok(await hasFocus(summary), 'the error summary takes focus');
    assert.equal(await errorOf(latitude), `Latitud för ${first.name} måste fyllas i.`);
    assert.equal(await errorOf(longitude), `Longitud för ${first.name} måste fyllas i.`);
    await expectAccessible(page, 'the registrations page with an empty position');

    await latitude.fill('norr');
    await longitude.fill('12,28');
    await save.click();
    await summary.getByText(`Latitud för ${first.name} måste vara ett tal`).waitFor();
    assert.equal(await errorOf(latitude), `Latitud för ${first.name} måste vara ett tal, t.ex. 58,28.`);
    assert.equal(await errorOf(longitude), null, 'a longitude with a decimal comma is a number');
    assert.equal(await latitude.inputValue(), 'norr', 'what was typed is kept');
    assert.equal(await positionSaved(), null, 'nothing is saved, no 0,0 in the Gulf of Guinea');

    // What the server refuses lands beside the field it names (the request is altered on its way
    // to the real server, past the form's own check), in words, not as "lat: …" in a general box.
    await latitude.fill('58,28');
    const position = `**/api/sprints/${sprintId}/registrations/*/position`;
    await page.route(position, (route) =>
      route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), lat: 95 }) }),
    );
    await save.click();
    await summary.getByText(`Latitud för ${first.name}: `).waitFor();
    assert.match((await errorOf(latitude)) ?? '', new RegExp(`^Latitud för ${first.name}: .*90`));
    assert.equal(await errorOf(longitude), null);
    assert.equal(await page.getByText(/\blat:/).count(), 0, 'no internal field name is shown');
    await expectAccessible(page, 'the registrations page with a refused position');
    await page.unroute(position);
    assert.equal(await positionSaved(), null);

    await save.click();
    await latitude.waitFor({ state: 'detached' });
    const saved = await positionSaved();
    assert.equal(saved?.lat, 58.28, 'the decimal comma is read as a decimal point');
    assert.equal(saved?.lon, 12.28);

    // The meeting link of a digital visit: the server's refusal beside its field, focus on it.
    const digital = companies.find((c) => c.mode === 'digital')!;
    const link = page.getByLabel(`Möteslänk för ${digital.name}`);
    const meetingLink = `**/api/sprints/${sprintId}/registrations/*/meeting-link`;
    await page.route(meetingLink, (route) =>
      route.continue({
        postData: JSON.stringify({ ...route.request().postDataJSON(), meetingLink: 'x'.repeat(501) }),
      }),
    );
    await link.fill('https://meet.example.se/egen');
    await page
      .getByRole('row', { name: new RegExp(digital.name) })
      .getByRole('button', { name: 'Spara länken' })
      .click();
    await page.locator(`[id="${await link.getAttribute('id')}-error"]`).waitFor();
    assert.match((await errorOf(link)) ?? '', new RegExp(`^Möteslänk för ${digital.name}: .*500`));
    assert.ok(await hasFocus(link), 'the refused field takes focus');
    await expectAccessible(page, 'the registrations page with a refused meeting link');
    await page.unroute(meetingLink);
    await link.fill('');

    for (const [i, c] of missing.entries()) {
      if (i === 0) continue; // saved above, with decimal commas
      await page.getByLabel(`Latitud för ${c.name}`).fill(`58.2${8 + (i % 2)}`);
      await page.getByLabel(`Longitud för ${c.name}`).fill(`12.2${8 + (i % 2)}`);
      await page
        .getByRole('form', { name: new RegExp(c.name) })
        .getByRole('button', { name: 'Spara positionen' })
        .click();
      await page.getByLabel(`Latitud för ${c.name}`).waitFor({ state: 'detached' });
    }
    await expectAccessible(page, 'the registrations page');

    await page.getByRole('link', { name: 'Dagen' }).click();
    await page.getByRole('button', { name: 'Schemalägg' }).click();
    await page.getByRole('table', { name: 'Besöken per tid' }).waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'the board');

    const admin = await adminApi();
    const board = (await admin.get(`/api/sprints/${sprintId}/board`)).json() as Board;
    assert.ok(board.visits.length >= 20, `${board.visits.length} visits`);
    assert.equal(board.visits.length + board.unscheduled.length, COMPANIES);
    for (const u of board.unscheduled)
      assert.ok(u.reason.length > 10 && !/[0-9a-f]{8}-[0-9a-f]{4}/.test(u.reason), u.reason);
    // The board says how many visits and topics the plan has against the scheduler's bounds.
    const covered = board.visits.reduce((n, v) => n + v.topicsCovered.length, 0);
    assert.ok(board.bound !== null && board.coverageBound !== null && covered <= board.coverageBound);
    await page.getByText(`${board.visits.length} besök av högst ${board.bound} möjliga`).waitFor();
    await page
      .getByText(`Ämnen som teamen kan: ${covered} av högst ${board.coverageBound} möjliga`)
      .waitFor();

    // A manual change that breaks a rule is refused on the board, with the rule in words.
    const moved = board.visits[0]!;
    const movedCompany = companies.find((x) => x.name === moved.companyName)!;
    const notOffered = SLOT_LABELS.find((l) => !movedCompany.slots.includes(l))!;
    await page.getByLabel(`Flytta till (${moved.companyName})`).selectOption({ label: notOffered });
    await page
      .getByRole('article', { name: moved.companyName })
      .getByRole('button', { name: 'Flytta' })
      .click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Ändringen sparades inte' });
    await refusal
      .getByText(/Regel 1/)
      .first()
      .waitFor();
    await expectAccessible(page, 'the board with a refused change');

    await page.getByRole('button', { name: 'Skicka ut dagen' }).click();
    await page.getByText(/^Skickat:/).waitFor({ timeout: 20_000 });
    await app.mailer.flush();
    const seats = board.visits.reduce((n, v) => n + v.team.length, 0);
    const people = new Set(board.visits.flatMap((v) => v.team.map((m) => m.id))).size;
    await smtp.waitFor(board.visits.length + seats + people + board.unscheduled.length, 20_000);

    // Each company with a visit: its time in Stockholm's wall clock, the team, link or address.
    for (const v of board.visits) {
      const c = companies.find((x) => x.name === v.companyName)!;
      const mail = smtp.messages.find(
        (m) => m.to.includes(c.email) && /Ert besök/.test(m.parsed.subject ?? ''),
      );
      assert.ok(mail, `${c.name} got its visit`);
      const slot = board.slots.find((s) => s.id === v.slot)!;
      const ics =
        mail.parsed.attachments
          .find((a) => a.contentType.startsWith('text/calendar'))
          ?.content.toString('utf8') ?? '';
      assert.match(ics, /METHOD:REQUEST/);
      assert.match(ics, new RegExp(`DTSTART;TZID=Europe/Stockholm:\\d{8}T${slot.start.replace(':', '')}00`));
      assert.match(ics, /BEGIN:VTIMEZONE/);
      assert.ok(v.team.every((m) => mail.parsed.text!.includes(m.name)));
      if (c.mode === 'digital') assert.match(mail.parsed.text!, /https:\/\/meet\.example\.se\/ref-/);
      else assert.match(mail.parsed.text!, /Plats: /);
    }
    for (const u of board.unscheduled) {
      const c = companies.find((x) => x.name === u.companyName)!;
      assert.ok(
        smtp.messages.some((m) => m.to.includes(c.email) && /hann inte med/.test(m.parsed.subject ?? '')),
        `${c.name} is told`,
      );
    }
    assert.equal(smtp.messages.filter((m) => /^Din dag/.test(m.parsed.subject ?? '')).length, people);
  });

  void test('a participant reads their day, on a phone', async () => {
    const admin = await adminApi();
    const board = (await admin.get(`/api/sprints/${sprintId}/board`)).json() as Board;
    const politician = DEMO_STAFF.find((s) => s.group === 'politician' && s.role === 'staff')!;
    const mine = board.visits.filter((v) => v.team.some((m) => m.name === politician.name));
    const page = await newPage(browser, server, { viewport: { width: 390, height: 844 } });
    await logIn(page, politician.email, PASSWORD);
    await page.goto(`/sprintar/${sprintId}/dag`);
    await page.getByRole('heading', { level: 1, name: 'Min dag' }).waitFor();
    assert.equal(await page.locator('ol.sprint-day > li').count(), mine.length);
    // Each on-site visit's address has its way there, a map link named by the address.
    const onSite = mine.filter((v) => v.mode === 'physical');
    assert.equal(await page.getByRole('link', { name: /^karta: / }).count(), onSite.length);
    const first = mine.sort((a, b) => a.slot.localeCompare(b.slot))[0];
    if (first)
      await page
        .getByRole('heading', { level: 2, name: new RegExp(first.companyName) })
        .first()
        .waitFor();
    await expectAccessible(page, 'the day page');

    // Their own times: taking away a time they already have a visit in is refused, saying which.
    await page.getByRole('link', { name: 'Mina tider' }).click();
    await page.getByRole('heading', { level: 1, name: /Mina tider/ }).waitFor();
    await expectAccessible(page, 'my times');
    if (first) {
      const slot = board.slots.find((x) => x.id === first.slot)!;
      await page.getByLabel(`${slot.start}–${slot.end}`).uncheck();
      await page.getByRole('button', { name: 'Spara mina tider' }).click();
      await page.getByRole('alert').getByText(first.companyName).waitFor();
      await page.getByLabel(`${slot.start}–${slot.end}`).check();
    }
    // The sprint changed since the page was read (here: the admin renamed it): a save is refused,
    // said so, and after "Ladda om" the times still ticked are saved.
    const read = (await admin.get(`/api/sprints/${sprintId}`)).json() as { version: number; name: string };
    const renamed = await admin.patch(`/api/sprints/${sprintId}`, { version: read.version, name: read.name });
    assert.equal(renamed.statusCode, 200, renamed.body);
    await page.getByRole('button', { name: 'Spara mina tider' }).click();
    const stale = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat sprinten' });
    await stale.waitFor();
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'GET' && r.url().endsWith(`/api/sprints/${sprintId}`),
      ),
      stale.getByRole('button', { name: 'Ladda om' }).click(),
    ]);
    await page.getByRole('button', { name: 'Spara mina tider' }).click();
    await page.getByText('Dina tider är sparade.').waitFor();
  });

  void test('distances on a day page, on a phone: a decimal comma in Swedish, a point in English', async () => {
    const admin = await adminApi();
    const roster = (await admin.get(`/api/sprints/${sprintId}/participants`)).json() as {
      items: Array<{ userId: string }>;
    };
    // Someone whose day has a way to the next visit of a distance with a decimal (5.1 km).
    let found: { userId: string; km: number; to: string } | null = null;
    for (const p of roster.items) {
      const day = (await admin.get(`/api/sprints/${sprintId}/day/${p.userId}`)).json() as {
        visits: Array<{ travelToNext: { km: number; to: string } | null }>;
      };
      const leg = day.visits.find((v) => v.travelToNext && !Number.isInteger(v.travelToNext.km));
      if (leg) {
        found = { userId: p.userId, ...leg.travelToNext! };
        break;
      }
    }
    assert.ok(found, 'a participant travels a distance with a decimal');
    const page = await newPage(browser, server, { viewport: { width: 390, height: 844 } });
    await logIn(page, 'admin@test.se', PASSWORD);
    await page.goto(`/sprintar/${sprintId}/dag/${found.userId}`);
    const sv = String(found.km).replace('.', ',');
    await page.getByText(`Restid till ${found.to}: cirka `).first().waitFor();
    const lines = await page.locator('.sprint-travel').allInnerTexts();
    assert.ok(
      lines.some((l) => l.startsWith(`Restid till ${found.to}: `) && l.endsWith(`(${sv} km).`)),
      `"${sv} km" with a decimal comma in: ${lines.join(' | ')}`,
    );
    for (const line of lines) assert.doesNotMatch(line, /\d\.\d km/, `no decimal point in Swedish: ${line}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText(`Travel to ${found.to}: about `).first().waitFor();
    const english = await page.locator('.sprint-travel').allInnerTexts();
    assert.ok(
      english.some((l) => l.startsWith(`Travel to ${found.to}: `) && l.endsWith(`(${found.km} km).`)),
      `"${found.km} km" with a decimal point in: ${english.join(' | ')}`,
    );
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.context().close();
  });

  void test("from one's day to each visit and its report: the day page, the start page and the e-mail", async () => {
    const admin = await adminApi();
    const board = (await admin.get(`/api/sprints/${sprintId}/board`)).json() as Board;
    const politician = DEMO_STAFF.find((s) => s.group === 'politician' && s.role === 'staff')!;
    const mine = board.visits
      .filter((v) => v.team.some((m) => m.name === politician.name))
      .sort((a, b) => a.slot.localeCompare(b.slot));
    assert.ok(mine.length >= 1, 'the politician has visits');
    const first = mine[0]!;
    const firstSlot = board.slots.find((x) => x.id === first.slot)!;
    const page = await newPage(browser, server, { viewport: { width: 390, height: 844 } });
    await logIn(page, politician.email, PASSWORD);

    // The start page: their day in the sprint, and their visits soonest first, each with its report.
    const card = page.getByRole('region', { name: 'Dina besök i dag och framåt' });
    await card.waitFor();
    await card.getByRole('link', { name: /^Din dag i Referensdagen, / }).waitFor();
    const visitLinks = card.getByRole('link', {
      name: new RegExp(`^(${mine.map((v) => v.companyName).join('|')})$`),
    });
    await visitLinks.first().waitFor();
    assert.equal(
      await visitLinks.first().innerText(),
      first.companyName,
      'the first visit of the day on top',
    );
    await card.getByRole('link', { name: `Rapporten: ${first.companyName}` }).waitFor();
    await expectAccessible(page, 'the start page with the upcoming visits');
    await card.getByRole('link', { name: /^Din dag i Referensdagen, / }).click();
    await page.getByRole('heading', { level: 1, name: 'Min dag' }).waitFor();

    // The day page: each visit's company opens its page; its report says from when it can be sent.
    for (const v of mine) {
      await page
        .getByRole('heading', { level: 2 })
        .getByRole('link', { name: v.companyName, exact: true })
        .waitFor();
      await page.getByRole('link', { name: `Rapporten: ${v.companyName}` }).waitFor();
    }
    const note = await page
      .locator('ol.sprint-day > li')
      .filter({ has: page.getByRole('link', { name: first.companyName, exact: true }) })
      .getByText(/Rapporten kan skickas in när besöket har börjat, från /)
      .innerText();
    assert.ok(note.endsWith(` ${firstSlot.start}.`), note);
    await expectAccessible(page, 'the day page with links to the visits');

    // In English, the topics as the municipality's list names them in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    assert.ok((await page.getByText(/^Topics: Premises and land/).count()) >= 1, 'the topic in English');
    assert.equal(await page.getByText(/Lokaler och mark/).count(), 0);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Min dag' }).waitFor();

    // The report can be written now, and is refused with the reason if submitted before the visit.
    await page.getByRole('link', { name: `Rapporten: ${first.companyName}` }).click();
    await page.getByRole('heading', { level: 1, name: `Rapport: ${first.companyName}` }).waitFor();
    await page.getByLabel('Övriga anteckningar').fill('Frågor att ta upp: lagret');
    await page
      .getByRole('status')
      .filter({ hasText: /^Sparat \d\d:\d\d$/ })
      .waitFor({ timeout: 10_000 });
    // Said before the button is tried, and tied to it.
    const hint = page.getByText(
      /^Du kan skriva rapporten redan nu\. Den kan skickas in när besöket har börjat, från /,
    );
    await hint.waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Skicka in rapporten' }).getAttribute('aria-describedby'),
      await hint.getAttribute('id'),
    );
    await page.getByRole('button', { name: 'Skicka in rapporten' }).click();
    await page
      .getByText(/Besöket har inte ägt rum än\. Det kan markeras som gjort, och rapporten skickas in, från /)
      .first()
      .waitFor();
    await expectAccessible(page, 'the report refused before the visit');
    const visitId = /\/besok\/([^/]+)\/rapport/.exec(page.url())![1]!;
    const stored = (await admin.get(`/api/visits/${visitId}`)).json() as {
      status: string;
      reportStatus: string;
    };
    assert.deepEqual([stored.status, stored.reportStatus], ['planned', 'draft']);

    // The Din dag e-mail links each of the day's visits; its link opens the visit.
    const mail = smtp.messages.find(
      (m) => m.to.includes(politician.email) && /^Din dag/.test(m.parsed.subject ?? ''),
    );
    assert.ok(mail, 'the Din dag e-mail');
    const links = [
      ...(mail.parsed.text ?? '').matchAll(/Besöket och rapporten: http:\/\/besok\.test(\/besok\/[^\s]+)/g),
    ].map((m) => m[1]!);
    assert.equal(links.length, mine.length);
    assert.equal(links[0], `/besok/${visitId}`, 'the first line is the first visit');
    await page.goto(links[0]!);
    await page.getByRole('heading', { level: 1, name: `Besök hos ${first.companyName}` }).waitFor();
  });
});

async function fill(page: Page, c: Company, opts: { skipSlots?: boolean } = {}): Promise<void> {
  await page.getByLabel('Organisationsnummer').fill(c.orgNr);
  await page.getByRole('button', { name: 'Hämta uppgifter' }).click();
  if (c.inRegister) {
    await page.getByText(`Hittade ${c.name}`).waitFor();
    assert.equal(await page.getByLabel('Företagets namn').inputValue(), c.name);
  } else {
    await page.getByText('Företaget finns inte i vårt register').waitFor();
    await page.getByLabel('Företagets namn').fill(c.name);
  }
  await page.getByLabel('Kontaktperson').fill(`Kontakt ${c.n}`);
  await page.getByLabel('Roll').fill('VD');
  await page.getByLabel('E-postadress').fill(c.email);
  await page.getByLabel('Telefon').fill('0520-49 00 00');
  if (c.mode === 'digital') await page.getByLabel('Digitalt (videomöte)').check();
  else {
    await page.getByLabel('På plats hos oss').check();
    if (!c.inRegister) await page.getByLabel('Besöksadress').fill(`Okänd gata ${c.n}, 461 30 Trollhättan`);
    else
      assert.equal(
        await page.getByLabel('Besöksadress').inputValue(),
        `Industrigatan ${c.n}, 461 38 Trollhättan`,
      );
  }
  if (!opts.skipSlots) for (const s of c.slots) await page.getByLabel(s).check();
  await page.getByLabel('Lokaler och mark').check();
  await page.getByLabel('Jag har läst informationen').check();
}
