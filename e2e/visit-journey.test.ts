/**
 * Journey (issue 6), on a phone (390×844): a participant writes the visit report — with the
 * connection dropping halfway — adds two follow-ups, the owners complete them, feedback is sent
 * to the company, the e-mail arrives at a real SMTP server, and the company's history shows it
 * all. The day's report downloads as PDF, Excel (.xlsx), CSV for Excel and plain CSV through the
 * page's links, and the whole programme's report dates its visits; a visit outside a programme is changed (and a stale change refused); the start page counts follow-ups;
 * the visit list comes in pages. Every page visited is checked with axe (WCAG 2.1 A/AA).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import {
  expectAccessible,
  logIn,
  newPage,
  serverAndBrowser,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { pdfPageCount, pdfText } from '../test/helpers/pdf';
import { startSmtp } from '../test/helpers/smtp';
import { insertTestCompany } from '../src/modules/visits/visit.fixtures';
import { createVisit } from '../src/modules/visits/visit.service';
import { createStaff } from '../src/modules/staff/staff.service';
import { TEST_PASSWORD } from '../test/helpers/app';

const PHONE = { width: 390, height: 844 };

/** What has focus: its tag, id and text, for messages. */
function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent ?? '').trim().slice(0, 80) + '"';
  })()`);
}

/** Waits until `locator` has focus; on time-out, fails saying what had it. */
async function expectFocus(page: Page, locator: Locator, what: string): Promise<void> {
  try {
    await locator.and(page.locator(':focus')).waitFor({ timeout: 3000 });
  } catch {
    assert.fail(`${what}: focus is on ${await focused(page)}`);
  }
}

void describe('visit report, follow-ups and feedback on a phone', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: TestServer;
  let browser: Browser;
  let companyId: string;
  let visitId: string;
  let sprintDay: string;
  let visitStart: string;

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await serverAndBrowser(startServer({ smtpUrl: smtp.url }));
    const { ctx } = server;
    const db = ctx.testDb.db.kysely;
    companyId = await insertTestCompany(db, {
      name: 'Hamnens Rökeri AB',
      orgNr: '5569990001',
      email: 'info@rokeri.test',
      sniSection: 'C',
    });
    // A sprint visit held two hours ago, with Sven Staff.
    const start = new Date(Date.now() - 2 * 3600_000);
    start.setUTCMinutes(0, 0, 0);
    const visit = await createVisit(
      db,
      {
        municipalityId: ctx.municipality.id,
        companyId,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        mode: 'physical',
        location: 'Hamnvägen 3',
        participantIds: [ctx.users.staff.id],
        programme: { type: 'sprint', id: 'sprint-e2e' },
        status: 'done',
        checkCalendars: false,
      },
      ctx.clock.now(),
    );
    visitId = visit.id;
    visitStart = start.toISOString();
    sprintDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(start);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function saved(page: Page) {
    await page
      .getByRole('status')
      .filter({ hasText: /^Sparat \d\d:\d\d$/ })
      .waitFor({ timeout: 10_000 });
  }

  void test('writes the report, adds and completes two follow-ups, sends feedback, sees the history', async () => {
    const page = await newPage(browser, server, { viewport: PHONE });
    await logIn(page, 'staff@test.se');

    // My visits → the visit → the report.
    await page.goto('/besok');
    await page.getByRole('heading', { level: 1, name: 'Besök' }).waitFor();
    await expectAccessible(page, 'the visit list');
    await page.getByRole('link', { name: 'Hamnens Rökeri AB' }).click();
    await page.getByRole('heading', { level: 1, name: 'Besök hos Hamnens Rökeri AB' }).waitFor();
    await page.getByRole('link', { name: 'Skriv rapporten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapport: Hamnens Rökeri AB' }).waitFor();

    // A person removed takes their button with them: focus goes to the next person, or, when none
    // follows, to the button that adds one (not to the top of the page).
    const addPerson = page.getByRole('button', { name: 'Lägg till en person' });
    await addPerson.click();
    await addPerson.click();
    await page.getByRole('group', { name: 'Person 2' }).getByLabel('Namn').fill('Nästa Person');
    await page.getByRole('button', { name: 'Ta bort person 1' }).click();
    await expectFocus(
      page,
      page.getByRole('group', { name: 'Person 1' }).getByLabel('Namn'),
      'after removing a person with one after',
    );
    assert.equal(await page.getByLabel('Namn').inputValue(), 'Nästa Person', 'the next person, now first');
    await page.getByRole('button', { name: 'Ta bort person 1' }).click();
    await expectFocus(page, addPerson, 'after removing the last person');
    assert.equal(await page.getByLabel('Namn').count(), 0);

    await addPerson.click();
    await page.getByLabel('Namn').fill('Maja Ek');
    await page.getByLabel('Roll').fill('VD');
    await page.getByLabel('E-post').fill('maja@rokeri.test');
    await page.getByRole('checkbox', { name: 'Lokaler och mark' }).check();
    await page.getByLabel('Anteckning om lokaler och mark').fill('Vill bygga ut rökeriet');
    await page.getByRole('checkbox', { name: 'Kompetensförsörjning och rekrytering' }).check();
    await page
      .getByLabel('Anteckning om kompetensförsörjning och rekrytering')
      .fill('Söker två fiskberedare');
    await page
      .getByRole('group', { name: /näringslivsklimatet/ })
      .getByRole('radio', { name: '5', exact: true })
      .check();
    await page
      .getByRole('group', { name: /kommunens service/ })
      .getByRole('radio', { name: '3', exact: true })
      .check();
    await page.getByLabel('Vad sa de om kommunens service?').fill('Snabbt svar från bygglov');
    await saved(page);
    await expectAccessible(page, 'the report form');

    // The connection drops while writing: the draft stays on the phone, and is sent when it is back.
    await page.context().setOffline(true);
    await page.getByLabel('Övriga anteckningar').fill('Skrivet utan täckning vid kajen');
    await page.getByRole('status').filter({ hasText: 'Sparat på telefonen' }).waitFor({ timeout: 10_000 });
    const kept = await page.evaluate(
      (id) =>
        (
          globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
        ).localStorage.getItem(`besok.report.${id}`),
      visitId,
    );
    assert.match(kept ?? '', /Skrivet utan täckning vid kajen/);
    await page.context().setOffline(false);
    await saved(page);
    assert.equal(
      await page.evaluate(
        (id) =>
          (
            globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
          ).localStorage.getItem(`besok.report.${id}`),
        visitId,
      ),
      null,
    );
    const stored = await server.ctx.testDb.db.kysely
      .selectFrom('visit_report')
      .select(['notes', 'climate_grade', 'service_grade'])
      .where('visit_id', '=', visitId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, {
      notes: 'Skrivet utan täckning vid kajen',
      climate_grade: 5,
      service_grade: 3,
    });

    await page.getByRole('button', { name: 'Skicka in rapporten' }).click();
    await page.getByText(/^Inskickad /).waitFor();

    // Two follow-ups from the visit page: one to a person, one to a department.
    await page.getByRole('link', { name: /Till besöket/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Besök hos Hamnens Rökeri AB' }).waitFor();
    // Sven was on the visit: he may change the report.
    await page.getByRole('link', { name: 'Läs och ändra rapporten' }).waitFor();
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const addFollowup = async (
      need: string,
      owner: { person?: string; department?: string },
      said: string,
    ) => {
      await page.getByLabel('Vad behöver företaget?').fill(need);
      if (owner.person) {
        await page.getByRole('radio', { name: 'En person' }).check();
        await page.getByLabel('Ansvarig person').selectOption({ label: owner.person });
      } else {
        await page.getByRole('radio', { name: 'En förvaltning eller avdelning' }).check();
        await page.getByRole('textbox', { name: /^Förvaltning eller avdelning/ }).fill(owner.department!);
      }
      await page.getByLabel('Klart senast').fill(due);
      await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
      await page.getByRole('link', { name: need }).waitFor();
      // The confirmation's text is filled in a moment after its live region appears (so that it is
      // read out), moving the form below it: wait for it before the next click lands there. It
      // says who is e-mailed: a person given it, never a department.
      await page.getByRole('status').filter({ hasText: said }).waitFor();
    };
    await addFollowup(
      'Visa mark för utbyggnad',
      { person: 'Anna Admin' },
      'Uppföljningen är tillagd. Anna Admin får ett e-postmeddelande om den.',
    );
    await addFollowup(
      'Kontakt med Arbetsförmedlingen',
      { department: 'Arbetsmarknadsenheten' },
      'Uppföljningen är tillagd. Arbetsmarknadsenheten får inget e-postmeddelande från Besök – kontakta dem själv.',
    );
    await expectAccessible(page, 'the visit page with follow-ups');
    // The person who owns the first one is told by e-mail.
    const [assigned] = await smtp.waitFor(1);
    assert.deepEqual(assigned!.to, ['admin@test.se']);
    assert.match(assigned!.parsed.subject ?? '', /Ny uppföljning: Hamnens Rökeri AB/);

    // Complete both: one done, the other done with a note of what was done.
    for (const [need, note] of [
      ['Visa mark för utbyggnad', 'Visat två tomter vid hamnen'],
      ['Kontakt med Arbetsförmedlingen', 'Förmedlat kontakt med rekryteringsträffen'],
    ] as const) {
      await page.getByRole('link', { name: need }).click();
      await page.getByRole('heading', { level: 1, name: need }).waitFor();
      await page.getByRole('radio', { name: 'Klar' }).check();
      if (need === 'Kontakt med Arbetsförmedlingen') {
        // Handed from the department to a person, who is told by e-mail.
        await page.getByRole('radio', { name: 'En person' }).check();
        await page.getByLabel('Ansvarig person').selectOption({ label: 'Anna Admin' });
      }
      await page.getByLabel('Vad har gjorts?').fill(note);
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.getByText('Uppföljningen är uppdaterad.').waitFor();
      await page.getByText(note).first().waitFor();
      await expectAccessible(page, `the follow-up page (${need})`);
      await page.getByRole('link', { name: /Öppna besöket/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Besök hos Hamnens Rökeri AB' }).waitFor();
    }

    // My follow-ups list (Sven owns none) and the all-open list (none left).
    await page.goto('/uppfoljningar?visa=oppna');
    await page.getByText('Inga öppna uppföljningar.').waitFor();
    await expectAccessible(page, 'the follow-up list');

    // Feedback: the template lists what was raised and what was done; sent to the company's contact.
    await page.goto(`/besok/${visitId}/aterkoppling`);
    await page.getByRole('heading', { level: 1, name: 'Återkoppling till Hamnens Rökeri AB' }).waitFor();
    assert.equal(await page.getByLabel('Till').inputValue(), 'maja@rokeri.test');
    const text = await page.getByLabel('Meddelande').inputValue();
    assert.match(text, /– Lokaler och mark: Vill bygga ut rökeriet/);
    assert.match(text, /– Visa mark för utbyggnad: klart\. Visat två tomter vid hamnen\./);
    await expectAccessible(page, 'the feedback composer');
    await page.getByRole('button', { name: 'Skicka återkopplingen' }).click();
    await page.getByText('Återkopplingen är skickad till maja@rokeri.test').waitFor();

    const mails = await smtp.waitFor(3);
    assert.equal(mails.filter((m) => m.to.includes('admin@test.se')).length, 2, 'assigned, then re-assigned');
    const feedback = mails.find((m) => m.to.includes('maja@rokeri.test'));
    assert.ok(feedback, 'the feedback e-mail arrived');
    assert.equal(feedback.parsed.subject, 'Återkoppling efter vårt besök hos Hamnens Rökeri AB');
    assert.match(feedback.parsed.text ?? '', /Hej Maja!/);
    assert.match(feedback.parsed.text ?? '', /Kontakt med Arbetsförmedlingen: klart\. Förmedlat kontakt/);

    // The company's history, newest first: the feedback on top, then the follow-ups, report and visit.
    await page.getByRole('link', { name: 'Företagets historik' }).click();
    await page.getByRole('heading', { level: 1, name: 'Historik: Hamnens Rökeri AB' }).waitFor();
    const titles = await page.locator('.history > li h2').allTextContents();
    assert.equal(titles[0], 'Återkoppling skickad till maja@rokeri.test');
    for (const t of [
      'Besöksrapport',
      'Uppföljning: Visa mark för utbyggnad',
      'Uppföljning klar: Visa mark för utbyggnad',
    ]) {
      assert.ok(titles.includes(t), `${t} in ${titles.join(' | ')}`);
    }
    assert.ok(titles.at(-1)?.startsWith('Besök på plats'), 'the visit is the oldest');
    await expectAccessible(page, 'the company history');

    // The company page mounts the same history, with a link to its own page.
    await page.goto(`/foretag/${companyId}`);
    await page.getByRole('heading', { level: 2, name: 'Historik i Besök' }).waitFor();
    await page
      .getByRole('heading', { level: 3, name: 'Återkoppling skickad till maja@rokeri.test' })
      .waitFor();
    await page.getByRole('link', { name: 'Historiken på en egen sida' }).waitFor();
    await expectAccessible(page, 'the company page with its history');

    // The sprint day's report: the day told in numbers, printable, with PDF, Excel and CSV downloads.
    await page.goto(`/rapporter/sprint/sprint-e2e?datum=${sprintDay}`);
    await page.getByText(/träffade 1 besökare från kommunen 1 företag/).waitFor();
    await page.getByRole('button', { name: 'Skriv ut' }).waitFor();
    await expectAccessible(page, 'the sprint day report');
    const download = async (name: string) => {
      const [d] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name, exact: true }).click(),
      ]);
      const path = await d.path();
      return { file: d.suggestedFilename(), bytes: await readFile(path) };
    };
    const xlsx = await download('Excel (.xlsx)');
    assert.equal(xlsx.file, `besoksrapport-sprint-${sprintDay}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Besök')!;
    assert.equal(ws.getRow(1).getCell(2).value, 'Företag');
    assert.equal(ws.getRow(2).getCell(2).value, 'Hamnens Rökeri AB');
    assert.equal(ws.getRow(2).getCell(1).type, ExcelJS.ValueType.Date);
    assert.equal(ws.getRow(2).getCell(9).value, 5, 'the climate grade as a number');
    assert.equal(ws.getRow(2).getCell(12).value, 2, 'two follow-ups');
    assert.ok(wb.getWorksheet('Sammanfattning'));
    const pdf = await download('Ladda ned PDF');
    assert.equal(pdf.file, `besoksrapport-sprint-${sprintDay}.pdf`);
    assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdfPageCount(pdf.bytes) >= 1);
    const shown = pdfText(pdf.bytes).join('\n').replace(/ ?\n/g, ' ');
    assert.match(shown, /träffade 1 besökare från kommunen 1 företag/);
    assert.match(shown, /Hamnens Rökeri AB/);
    // The CSV Swedish Excel opens by double-click (semicolons, a byte-order mark, CRLF), and the
    // plain one (comma, UTF-8) for other programs.
    const excelCsv = await download('CSV för Excel');
    assert.equal(excelCsv.file, `besoksrapport-sprint-${sprintDay}-excel.csv`);
    assert.deepEqual([...excelCsv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    assert.match(excelCsv.bytes.subarray(3).toString('utf8'), /^Tid;Företag;[^\n]*\r\n/);
    const csv = await download('CSV (kommatecken, UTF-8)');
    assert.equal(csv.file, `besoksrapport-sprint-${sprintDay}.csv`);
    assert.match(csv.bytes.toString('utf8'), /^Tid,Företag/);

    // The whole programme: its figures, and each visit's date beside its time.
    await page.goto('/rapporter/sprint/sprint-e2e');
    await page.getByRole('heading', { level: 2, name: 'Programmet i siffror' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Dagen i siffror' }).count(), 0);
    const when = new Intl.DateTimeFormat('sv-SE', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Stockholm',
    }).format(new Date(visitStart));
    assert.match(when, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    await page
      .getByRole('table', { name: 'Besöken' })
      .getByRole('row', { name: /Hamnens Rökeri AB/ })
      .getByRole('cell', { name: when, exact: true })
      .waitFor();
    await expectAccessible(page, 'the whole programme report');
  });
  void test('records a call-in visit; two participants writing at once are merged, not overwritten', async () => {
    const staff = await newPage(browser, server, { viewport: PHONE });
    await logIn(staff, 'staff@test.se');
    await staff.goto('/besok/nytt');
    await staff.getByRole('heading', { level: 1, name: 'Registrera ett besök' }).waitFor();
    await expectAccessible(staff, 'the record-a-visit form');
    await staff.getByRole('searchbox', { name: /Sök företag/ }).fill('5569990001');
    await staff.getByRole('button', { name: 'Sök', exact: true }).click();
    await staff.getByRole('button', { name: 'Välj Hamnens Rökeri AB' }).click();
    await staff.getByText('Valt företag').waitFor();
    await staff.getByLabel('Starttid').fill('07:00');
    await staff.getByLabel('Sluttid').fill('07:30');
    await staff.getByRole('checkbox', { name: 'Anna Admin' }).check();
    // A viewer could not open the visit: not offered (the server refuses one too).
    assert.equal(await staff.getByRole('checkbox', { name: 'Vera Viewer' }).count(), 0);
    await staff.getByLabel('Anteckning om besöket').fill('Ringde in om hamnen.\nVill ha svar före jul.');
    await staff.getByRole('button', { name: 'Spara besöket' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Besök hos Hamnens Rökeri AB' }).waitFor();
    // The note is on the visit's page, its line break kept.
    assert.equal(
      await staff.locator('.facts dt:has-text("Anteckning") + dd').innerText(),
      'Ringde in om hamnen.\nVill ha svar före jul.',
    );
    const callInId = new URL(staff.url()).pathname.split('/').pop()!;
    assert.equal(
      (await staff.getByText('Utanför program').count()) > 0,
      true,
      'a visit outside any programme',
    );

    // Change it: later, digital with a meeting link, and Anna off the team.
    await staff.getByRole('link', { name: 'Ändra tid, plats och lag' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Ändra besöket hos Hamnens Rökeri AB' }).waitFor();
    await expectAccessible(staff, 'the change-a-visit form');
    await staff.getByLabel('Starttid').fill('07:15');
    await staff.getByLabel('Sluttid').fill('07:45');
    await staff.getByRole('radio', { name: 'Digitalt' }).check();
    await staff.getByLabel('Möteslänk').fill('https://teams.example/m/123');
    await staff.getByRole('checkbox', { name: 'Anna Admin' }).uncheck();
    // The note written when it was recorded can be changed here.
    const note = staff.getByLabel('Anteckning om besöket');
    assert.equal(await note.inputValue(), 'Ringde in om hamnen.\nVill ha svar före jul.');
    await note.fill('Vill ha svar före jul.');
    await staff.getByRole('button', { name: 'Spara ändringarna' }).click();
    await staff.getByText('Besöket är ändrat.').waitFor();
    await staff.getByRole('link', { name: 'https://teams.example/m/123' }).waitFor();
    assert.equal(
      await staff.locator('.facts dt:has-text("Anteckning") + dd').innerText(),
      'Vill ha svar före jul.',
    );
    const changed = await server.ctx.testDb.db.kysely
      .selectFrom('visit')
      .select(['mode', 'meeting_link', 'starts_at', 'ends_at', 'version', 'notes'])
      .where('id', '=', callInId)
      .executeTakeFirstOrThrow();
    assert.equal(changed.mode, 'digital');
    assert.equal(changed.meeting_link, 'https://teams.example/m/123');
    assert.equal(changed.notes, 'Vill ha svar före jul.');
    assert.equal(Date.parse(changed.ends_at) - Date.parse(changed.starts_at), 30 * 60_000);

    // Someone else saves while the form is open: the save is refused and the person asked to reload.
    await staff.getByRole('link', { name: 'Ändra tid, plats och lag' }).click();
    await staff.getByRole('textbox', { name: 'Plats' }).waitFor();
    await server.ctx.testDb.db.kysely
      .updateTable('visit')
      .set({ location: 'Kajen 1', version: changed.version + 1 })
      .where('id', '=', callInId)
      .execute();
    await staff.getByRole('textbox', { name: 'Plats' }).fill('Hamnkontoret');
    await staff.getByRole('button', { name: 'Spara ändringarna' }).click();
    await staff
      .getByText(/Någon annan har ändrat besöket medan du hade det öppet\. Ladda om besöket/)
      .waitFor();
    await expectAccessible(staff, 'the change-a-visit form after a stale save');
    await staff.getByRole('button', { name: 'Ladda om besöket' }).click();
    for (let i = 0; (await staff.getByRole('textbox', { name: 'Plats' }).inputValue()) !== 'Kajen 1'; i++) {
      assert.ok(i < 50, 'the form shows the reloaded visit');
      await new Promise((r) => setTimeout(r, 100));
    }
    await staff.getByRole('textbox', { name: 'Plats' }).fill('Hamnkontoret');
    await staff.getByRole('button', { name: 'Spara ändringarna' }).click();
    await staff.getByText('Besöket är ändrat.').waitFor();
    await staff.getByText('Hamnkontoret').waitFor();
    // Anna is back on the team for the report below.
    await staff.getByRole('link', { name: 'Ändra tid, plats och lag' }).click();
    await staff.getByRole('checkbox', { name: 'Anna Admin' }).check();
    await staff.getByRole('button', { name: 'Spara ändringarna' }).click();
    await staff.getByText('Besöket är ändrat.').waitFor();

    // Both open the empty report; Sven saves first, Anna's phone still has the empty version.
    const admin = await newPage(browser, server, { viewport: PHONE });
    await logIn(admin, 'admin@test.se');
    await admin.goto(`/besok/${callInId}/rapport`);
    await staff.goto(`/besok/${callInId}/rapport`);
    await admin.getByRole('heading', { level: 1, name: 'Rapport: Hamnens Rökeri AB' }).waitFor();
    await staff.getByRole('heading', { level: 1, name: 'Rapport: Hamnens Rökeri AB' }).waitFor();
    await staff.getByLabel('Övriga anteckningar').fill('Sven antecknar');
    await saved(staff);
    await admin.getByRole('checkbox', { name: 'Nätverk' }).check();
    await admin.getByText('Sven Staff sparade rapporten samtidigt. Era ändringar är sammanfogade.').waitFor();
    await saved(admin);
    assert.equal(await admin.getByLabel('Övriga anteckningar').inputValue(), 'Sven antecknar');
    const db = server.ctx.testDb.db.kysely;
    const report = await db
      .selectFrom('visit_report')
      .select(['id', 'notes', 'version'])
      .where('visit_id', '=', callInId)
      .executeTakeFirstOrThrow();
    assert.equal(report.notes, 'Sven antecknar');
    const topics = await db
      .selectFrom('visit_report_topic')
      .innerJoin('topic', 'topic.id', 'visit_report_topic.topic_id')
      .select('topic.slug')
      .where('report_id', '=', report.id)
      .execute();
    assert.deepEqual(
      topics.map((t) => t.slug),
      ['natverk'],
    );

    // A visit outside a programme can be cancelled from its page, after a confirmation. Each step
    // replaces the button pressed: focus goes to the question, back to the button on "Nej", and to
    // the page's heading once cancelled, with the notice read out.
    await staff.goto(`/besok/${callInId}`);
    const cancel = staff.getByRole('button', { name: 'Ställ in besöket' });
    const question = staff.getByText('Vill du ställa in besöket? Det går inte att ångra.');
    await cancel.click();
    await expectFocus(staff, question, 'after "Ställ in besöket"');
    await expectAccessible(staff, 'the visit page asking to cancel');
    await staff.getByRole('button', { name: 'Nej, behåll det' }).click();
    await expectFocus(staff, cancel, 'after "Nej, behåll det"');
    await cancel.click();
    await expectFocus(staff, question, 'after "Ställ in besöket" again');
    await staff.getByRole('button', { name: 'Ja, ställ in besöket' }).click();
    await staff.getByRole('alert').filter({ hasText: 'Besöket är inställt.' }).waitFor();
    await expectFocus(
      staff,
      staff.getByRole('heading', { level: 1, name: 'Besök hos Hamnens Rökeri AB' }),
      'after cancelling',
    );
    // Opened afresh, the notice is part of the page, not an alert.
    await staff.reload();
    await staff.getByText('Besöket är inställt.').waitFor();
    assert.equal(await staff.getByRole('alert').count(), 0);
  });

  void test('the start page counts follow-ups and feedback and shows my next visit; my visits come upcoming first, in pages', async () => {
    const db = server.ctx.testDb.db.kysely;
    const other = await insertTestCompany(db, { name: 'Sidföretaget AB', orgNr: '5569990002' });
    // Anna's one visit to come, tomorrow: on top of her list, above the 27 of last year.
    const tomorrow = await insertTestCompany(db, { name: 'Morgondagens Bageri AB', orgNr: '5569990003' });
    const start = new Date(Date.now() + 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const next = await createVisit(
      db,
      {
        municipalityId: server.ctx.municipality.id,
        companyId: tomorrow,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        mode: 'physical',
        location: 'Bagargatan 1',
        participantIds: [server.ctx.users.admin.id],
        checkCalendars: false,
      },
      server.ctx.clock.now(),
    );
    for (let i = 0; i < 27; i++) {
      const start = Date.parse('2025-02-03T09:00:00Z') + i * 86_400_000;
      await createVisit(
        db,
        {
          municipalityId: server.ctx.municipality.id,
          companyId: other,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 3600_000).toISOString(),
          mode: 'digital',
          participantIds: [server.ctx.users.admin.id],
          status: 'done',
          checkCalendars: false,
        },
        server.ctx.clock.now(),
      );
    }
    const page = await newPage(browser, server, { viewport: PHONE });
    await logIn(page, 'admin@test.se');
    await page.goto('/');
    const card = page.getByRole('region', { name: 'Besök och uppföljningar' });
    await card.waitFor();
    // Anna owns the two follow-ups of the first journey, both done; the old visits await feedback.
    await card.getByRole('link', { name: '0 öppna uppföljningar som du äger' }).waitFor();
    await card.getByRole('link', { name: '0 försenade uppföljningar totalt' }).waitFor();
    await card.getByRole('link', { name: /^\d+ besök som väntar på återkoppling$/ }).waitFor();
    // First on the page, her visits from today on, each a link to the visit and its report.
    const upcoming = page.getByRole('region', { name: 'Dina besök i dag och framåt' });
    await upcoming.getByRole('link', { name: 'Morgondagens Bageri AB', exact: true }).waitFor();
    assert.equal(
      await upcoming.getByRole('link', { name: 'Rapporten: Morgondagens Bageri AB' }).getAttribute('href'),
      `/besok/${next.id}/rapport`,
    );
    assert.equal(
      await upcoming.getByRole('link', { name: /Sidföretaget AB/ }).count(),
      0,
      'not the past ones',
    );
    assert.ok(
      (await page.locator('main h2').first().innerText()) === 'Dina besök i dag och framåt',
      'the first card',
    );
    await expectAccessible(page, 'the start page with the visits card');

    await page.goto('/besok');
    await page.getByText(/^Visar 1–25 av 2\d$/).waitFor();
    assert.equal(await page.locator('.visit-list > li').count(), 25);
    // Upcoming first, under its heading; then the earlier ones, newest first.
    const headings = await page.locator('main h2, main h3').allTextContents();
    assert.deepEqual(headings.slice(0, 4), [
      'Kommande besök, närmast först',
      'Morgondagens Bageri AB',
      'Tidigare besök, senaste först',
      'Hamnens Rökeri AB',
    ]);
    await expectAccessible(page, 'the visit list in pages');
    await page.getByRole('button', { name: /Nästa sida/ }).click();
    await page.getByText(/^Visar 26–2\d av 2\d$/).waitFor();
    assert.match(page.url(), /sida=2/);
    assert.ok((await page.locator('.visit-list > li').count()) >= 2);
  });

  void test('a colleague who was not on the visit reads the report and the follow-up, and is not offered to change them', async () => {
    const { ctx } = server;
    const olof = await createStaff(
      ctx.testDb.db.kysely,
      ctx.municipality.id,
      {
        email: 'olof@test.se',
        name: 'Olof Utanför',
        title: '',
        phone: '',
        role: 'staff',
        group: 'business',
        party: null,
        expertise: [],
        password: TEST_PASSWORD,
      },
      ctx.clock.now(),
    );
    // Sven's visit yesterday, its report written, and a follow-up to a department: nothing of Olof's.
    const start = new Date(Date.now() - 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const held = await createVisit(
      ctx.testDb.db.kysely,
      {
        municipalityId: ctx.municipality.id,
        companyId,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        mode: 'physical',
        participantIds: [ctx.users.staff.id],
        status: 'done',
        checkCalendars: false,
      },
      ctx.clock.now(),
    );
    const sven = await ctx.as(ctx.users.staff);
    const topics = (await sven.get('/api/topics')).json().items as Array<{ id: string; labelSv: string }>;
    const report = await sven.put(`/api/visits/${held.id}/report`, {
      version: 0,
      topics: [{ topicId: topics.find((tp) => tp.labelSv === 'Lokaler och mark')!.id, note: 'Hamnen' }],
      climateGrade: 5,
      serviceGrade: 3,
    });
    assert.equal(report.statusCode, 200, report.body);
    const made = await sven.post(`/api/visits/${held.id}/followups`, {
      need: 'Kontakt med hamnförvaltningen',
      ownerDepartment: 'Hamnförvaltningen',
      dueDate: '2099-01-01',
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal((await (await ctx.as(olof)).get(`/api/followups/${made.json().id}`)).json().canEdit, false);

    const page = await newPage(browser, server, { viewport: PHONE });
    await logIn(page, 'olof@test.se');
    await page.goto(`/besok/${held.id}`);
    await page.getByRole('heading', { level: 1, name: 'Besök hos Hamnens Rökeri AB' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Läs och ändra rapporten' }).count(), 0);
    await page.getByRole('link', { name: 'Läs rapporten', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapport: Hamnens Rökeri AB' }).waitFor();
    await page.getByText('Bara de som deltog i besöket (och administratörer) kan ändra rapporten.').waitFor();
    // What was chosen is read as chosen, and as not to be changed (not as a box that ignores a tick).
    const topic = page.getByRole('checkbox', { name: 'Lokaler och mark' });
    assert.equal(await topic.isChecked(), true);
    assert.equal(await topic.isDisabled(), true, 'the topic');
    assert.equal(await page.getByRole('checkbox', { name: 'Nätverk' }).isDisabled(), true);
    const climate = page.getByRole('group', { name: /näringslivsklimatet/ });
    assert.equal(await climate.getByRole('radio', { name: '5', exact: true }).isChecked(), true);
    for (const name of ['1', '5', 'Inget betyg']) {
      assert.equal(
        await climate.getByRole('radio', { name, exact: true }).isDisabled(),
        true,
        `the grade ${name}`,
      );
    }
    assert.equal(
      await page
        .getByRole('group', { name: /kommunens service/ })
        .getByRole('radio', { name: '3', exact: true })
        .isDisabled(),
      true,
    );
    await expectAccessible(page, 'the report read by a colleague not on the visit');

    // The follow-up: its facts and log, with no form that the server would refuse.
    await page.goto(`/uppfoljningar/${made.json().id}`);
    await page.getByRole('heading', { level: 1, name: 'Kontakt med hamnförvaltningen' }).waitFor();
    await page
      .getByText(
        'Bara den ansvariga, den som lade till uppföljningen, besökarna och administratörer kan ändra den.',
      )
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Spara' }).count(), 0);
    assert.equal(await page.getByRole('radio').count(), 0);
    assert.equal(await page.getByLabel('Vad har gjorts?').count(), 0);
    await expectAccessible(page, 'the follow-up read by a colleague who may not change it');
  });
});
