/**
 * Journey (issue 6), on a phone (390×844): a participant writes the visit report — with the
 * connection dropping halfway — adds two follow-ups, the owners complete them, feedback is sent
 * to the company, the e-mail arrives at a real SMTP server, and the company's history shows it
 * all. Every page visited is checked with axe (WCAG 2.1 A/AA).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, logIn, newPage, type TestServer } from '../test/helpers/browser';
import { createTestApp } from '../test/helpers/app';
import { startSmtp } from '../test/helpers/smtp';
import { insertTestCompany } from '../src/modules/visits/visit.fixtures';
import { createVisit } from '../src/modules/visits/visit.service';

const PHONE = { width: 390, height: 844 };

/** Like startServer() in the browser helper, with e-mail going to a real SMTP server of the test's own. */
async function startServerWithSmtp(smtpUrl: string): Promise<TestServer> {
  const ctx = await createTestApp(process.env.TEST_E2E_DIALECT === 'postgres' ? 'postgres' : 'sqlite', {
    env: { SMTP_URL: smtpUrl },
    now: new Date().toISOString(),
  });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return { url: `http://127.0.0.1:${address.port}`, ctx, close: () => ctx.close() };
}

void describe('visit report, follow-ups and feedback on a phone', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: TestServer;
  let browser: Browser;
  let companyId: string;
  let visitId: string;
  let sprintDay: string;

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await Promise.all([startServerWithSmtp(smtp.url), launchBrowser()]);
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

    await page.getByRole('button', { name: 'Lägg till en person' }).click();
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
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const addFollowup = async (need: string, owner: { person?: string; department?: string }) => {
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
    };
    await addFollowup('Visa mark för utbyggnad', { person: 'Anna Admin' });
    await addFollowup('Kontakt med Arbetsförmedlingen', { department: 'Arbetsmarknadsenheten' });
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

    // The sprint day's report: the day told in numbers, printable, with downloads.
    await page.goto(`/rapporter/sprint/sprint-e2e?datum=${sprintDay}`);
    await page.getByText(/träffade 1 besökare från kommunen 1 företag/).waitFor();
    await page.getByRole('link', { name: 'Ladda ner raderna för Excel (CSV med semikolon)' }).waitFor();
    await expectAccessible(page, 'the sprint day report');
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
    await staff.getByRole('button', { name: 'Spara besöket' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Besök hos Hamnens Rökeri AB' }).waitFor();
    const callInId = new URL(staff.url()).pathname.split('/').pop()!;
    assert.equal(
      (await staff.getByText('Utanför program').count()) > 0,
      true,
      'a visit outside any programme',
    );

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

    // A visit outside a programme can be cancelled from its page, after a confirmation.
    await staff.goto(`/besok/${callInId}`);
    await staff.getByRole('button', { name: 'Ställ in besöket' }).click();
    await staff.getByText('Vill du ställa in besöket? Det går inte att ångra.').waitFor();
    await expectAccessible(staff, 'the visit page asking to cancel');
    await staff.getByRole('button', { name: 'Ja, ställ in besöket' }).click();
    await staff.getByText('Besöket är inställt.').waitFor();
  });
});
