/**
 * Follow-ups and feedback where people and connections get in each other's way: a follow-up saved
 * after a colleague changed it keeps the colleague's change; a form sent again after its answer was
 * lost (the connection dropped after the server took it) makes nothing twice; a second feedback for
 * a visit is asked about; feedback waits for the visit; a deactivated owner is shown by name; the
 * log reads in English; the recipient buttons are big enough to tap. Checked with axe on the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  expectAccessible,
  logIn,
  newPage,
  serverAndBrowser,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { TEST_PASSWORD } from '../test/helpers/app';
import { startSmtp } from '../test/helpers/smtp';
import { insertTestCompany } from '../src/modules/visits/visit.fixtures';
import { createVisit } from '../src/modules/visits/visit.service';
import { createStaff } from '../src/modules/staff/staff.service';

const PHONE = { width: 390, height: 844 };

/**
 * The next request to `pattern` reaches the server, which answers it; the browser is told the
 * connection dropped (as on a phone losing its signal just then). Later requests go through.
 */
async function dropAnswerOnce(page: Page, pattern: string): Promise<void> {
  let dropped = false;
  await page.route(pattern, async (route) => {
    if (dropped || route.request().method() !== 'POST') return route.continue();
    dropped = true;
    const res = await route.fetch();
    assert.equal(res.status(), 201, 'the server took the first send');
    await route.abort('connectionreset');
  });
}

void describe('follow-ups and feedback when others and the connection interfere', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: TestServer;
  let browser: Browser;
  let visitId: string;
  let aheadId: string;
  let aheadEnds: string;

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await serverAndBrowser(startServer({ smtpUrl: smtp.url }));
    const { ctx } = server;
    const db = ctx.testDb.db.kysely;
    const companyId = await insertTestCompany(db, {
      name: 'Älvdalens Snickeri AB',
      orgNr: '5569990002',
      email: 'info@snickeri.test',
      sniSection: 'C',
    });
    const start = new Date(Date.now() - 3 * 3600_000);
    start.setUTCMinutes(0, 0, 0);
    const visit = (from: Date, status: 'done' | 'planned') =>
      createVisit(
        db,
        {
          municipalityId: ctx.municipality.id,
          companyId,
          startsAt: from.toISOString(),
          endsAt: new Date(from.getTime() + 3600_000).toISOString(),
          mode: 'physical',
          participantIds: [ctx.users.staff.id, ctx.users.admin.id],
          status,
          checkCalendars: false,
        },
        ctx.clock.now(),
      );
    visitId = (await visit(start, 'done')).id;
    const ahead = await visit(new Date(start.getTime() + 3 * 86_400_000), 'planned');
    aheadId = ahead.id;
    aheadEnds = ahead.endsAt;
    // The report names a person at the company: two addresses to choose from in the composer.
    const staffApi = await ctx.as(ctx.users.staff);
    const rep = await staffApi.put(`/api/visits/${visitId}/report`, {
      version: 0,
      companyParticipants: [{ name: 'Maja Ek', role: 'VD', email: 'maja@snickeri.test' }],
    });
    assert.equal(rep.statusCode, 200, rep.body);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  void test('a follow-up: added once over a dropped connection; a stale save keeps the colleague’s date', async () => {
    const { ctx } = server;
    const db = ctx.testDb.db.kysely;
    const page = await newPage(browser, server, { viewport: PHONE });
    await logIn(page, 'staff@test.se');
    await page.goto(`/besok/${visitId}`);
    await page.getByRole('heading', { level: 1, name: 'Besök hos Älvdalens Snickeri AB' }).waitFor();

    // Only those who can work on it are offered as owners: not Vera, who only reads reports.
    const owners = await page.getByLabel('Ansvarig person').locator('option').allTextContents();
    assert.deepEqual(owners.sort(), ['Anna Admin', 'Sven Staff', 'Välj person']);

    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Vad behöver företaget?').fill('Hitta en större verkstadslokal');
    await page.getByLabel('Ansvarig person').selectOption({ label: 'Anna Admin' });
    await page.getByLabel('Klart senast').fill(due);
    await dropAnswerOnce(page, '**/api/visits/*/followups');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByText('Det gick inte att nå servern').first().waitFor();
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByText('Uppföljningen är tillagd.').waitFor();
    const made = await db
      .selectFrom('followup')
      .select(['id', 'due_date'])
      .where('need', '=', 'Hitta en större verkstadslokal')
      .execute();
    assert.equal(made.length, 1, 'one follow-up for the two sends');
    await ctx.app.mailer.flush();
    assert.equal(
      smtp.messages.filter(
        (m) => m.to.includes('admin@test.se') && /Ny uppföljning/.test(m.parsed.subject ?? ''),
      ).length,
      1,
      'its owner is told once',
    );
    const id = made[0]!.id;

    // Sven opens it; meanwhile Anna moves the date. Sven marks it as in progress and saves.
    await page.goto(`/uppfoljningar/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Hitta en större verkstadslokal' }).waitFor();
    const anna = await ctx.as(ctx.users.admin);
    const current = (await anna.get(`/api/followups/${id}`)).json();
    // A new date is one that has not passed (a date already past is refused).
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const moved = await anna.patch(`/api/followups/${id}`, {
      version: current.version,
      dueDate: later,
    });
    assert.equal(moved.statusCode, 200, moved.body);
    await page.getByRole('radio', { name: 'Pågår' }).check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page
      .getByText(
        'Någon annan ändrade uppföljningen under tiden (datum). Uppgifterna nedan är de senaste, och det du ändrade finns kvar (status). Se över det och spara igen.',
      )
      .waitFor();
    assert.equal(await page.getByLabel('Nytt datum').inputValue(), later, 'the colleague’s date');
    assert.equal(await page.getByRole('radio', { name: 'Pågår' }).isChecked(), true, 'my change, kept');
    await expectAccessible(page, 'the follow-up page after a stale save');

    // Saved again: the status changes, the colleague's date stays.
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Uppföljningen är uppdaterad.').waitFor();
    const row = await db
      .selectFrom('followup')
      .select(['status', 'due_date'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'in_progress', due_date: later });
    const log = await page.locator('.fu-log li p:not(.fu-meta)').allTextContents();
    assert.ok(log.includes('Status: Pågår'), log.join(' | '));
    assert.deepEqual(
      log.filter((l) => l.startsWith('Nytt datum')),
      [`Nytt datum: ${later} (var ${due})`],
      'only Anna’s change of date',
    );

    // In English the log reads in English.
    const desk = await newPage(browser, server);
    await logIn(desk, 'staff@test.se');
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.goto(`/uppfoljningar/${id}`);
    await desk.getByRole('heading', { level: 1, name: 'Hitta en större verkstadslokal' }).waitFor();
    const english = await desk.locator('.fu-log li p:not(.fu-meta)').allTextContents();
    assert.deepEqual(english, [
      'Status: In progress',
      `New date: ${later} (was ${due})`,
      `Owner: Anna Admin. Due ${due}.`,
    ]);
    await expectAccessible(desk, 'the follow-up page in English');
  });

  void test('a follow-up one gives oneself says no e-mail is sent; a change of owner needs the owner', async () => {
    const { ctx } = server;
    const db = ctx.testDb.db.kysely;
    const page = await newPage(browser, server, { viewport: PHONE });
    await logIn(page, 'staff@test.se');
    await page.goto(`/besok/${visitId}`);
    await page.getByRole('heading', { level: 1, name: 'Besök hos Älvdalens Snickeri AB' }).waitFor();
    await ctx.app.mailer.flush();
    const before = smtp.messages.length;
    await page.getByLabel('Vad behöver företaget?').fill('Ansöka om exportstöd');
    await page.getByLabel('Ansvarig person').selectOption({ label: 'Sven Staff' });
    await page.getByLabel('Klart senast').fill('2030-06-01');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page
      .getByRole('status')
      .filter({
        hasText: 'Uppföljningen är tillagd. Du är själv ansvarig, så inget e-postmeddelande skickas.',
      })
      .waitFor();
    await ctx.app.mailer.flush();
    assert.equal(smtp.messages.length, before, 'no e-mail to oneself');
    const { id } = await db
      .selectFrom('followup')
      .select('id')
      .where('need', '=', 'Ansöka om exportstöd')
      .executeTakeFirstOrThrow();

    // Handed to a department with none typed: said on the field and in the summary, nothing saved.
    await page.goto(`/uppfoljningar/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Ansöka om exportstöd' }).waitFor();
    await page.getByRole('radio', { name: 'En förvaltning eller avdelning' }).check();
    await page.getByRole('radio', { name: 'Pågår' }).check();
    await page.getByRole('button', { name: 'Spara' }).click();
    const deptMissing = 'Skriv vilken förvaltning eller avdelning som ska vara ansvarig.';
    await page.getByRole('link', { name: deptMissing }).waitFor();
    const dept = page.getByRole('textbox', { name: /^Förvaltning eller avdelning/ });
    assert.equal(await dept.getAttribute('aria-invalid'), 'true');
    const described = async (el: typeof dept) =>
      Promise.all(
        ((await el.getAttribute('aria-describedby')) ?? '')
          .split(' ')
          .filter(Boolean)
          .map((d) => page.locator(`[id="${d}"]`).innerText()),
      );
    assert.ok(
      (await described(dept)).some((t) => t.includes(deptMissing)),
      'the error is tied to the field',
    );
    assert.equal(await page.getByText('Uppföljningen är uppdaterad.').count(), 0);
    await expectAccessible(page, 'the follow-up page with a department missing');
    const stored = () =>
      db
        .selectFrom('followup')
        .select(['status', 'owner_user_id', 'owner_department'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    assert.deepEqual(await stored(), {
      status: 'open',
      owner_user_id: ctx.users.staff.id,
      owner_department: null,
    });
    await dept.fill('Exportenheten');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Uppföljningen är uppdaterad.').waitFor();
    assert.deepEqual(await stored(), {
      status: 'in_progress',
      owner_user_id: null,
      owner_department: 'Exportenheten',
    });

    // And back to a person, with none chosen.
    await page.getByRole('radio', { name: 'En person' }).check();
    await page.getByRole('button', { name: 'Spara' }).click();
    const personMissing = 'Välj vem som ska vara ansvarig person.';
    await page.getByRole('link', { name: personMissing }).waitFor();
    const person = page.getByLabel('Ansvarig person');
    assert.equal(await person.getAttribute('aria-invalid'), 'true');
    assert.ok((await described(person)).some((t) => t.includes(personMissing)));
    assert.equal(await page.getByText('Uppföljningen är uppdaterad.').count(), 0);
    assert.equal((await stored()).owner_department, 'Exportenheten');

    // In English too.
    const desk = await newPage(browser, server);
    await logIn(desk, 'staff@test.se');
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.goto(`/uppfoljningar/${id}`);
    await desk.getByRole('heading', { level: 1, name: 'Ansöka om exportstöd' }).waitFor();
    await desk.getByRole('radio', { name: 'A person' }).check();
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.getByRole('link', { name: 'Choose the person who is to own it.' }).waitFor();
    await desk.getByRole('radio', { name: 'A department' }).check();
    await desk.getByRole('textbox', { name: /^Department/ }).fill('');
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.getByRole('link', { name: 'Type the department that is to own it.' }).waitFor();
  });

  void test('a follow-up whose owner was deactivated shows the owner by name, marked', async () => {
    const { ctx } = server;
    const olle = await createStaff(
      ctx.testDb.db.kysely,
      ctx.municipality.id,
      {
        email: 'olle@test.se',
        name: 'Olle Ohlsson',
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
    const anna = await ctx.as(ctx.users.admin);
    const f = await anna.post(`/api/visits/${visitId}/followups`, {
      need: 'Kontakt med Almi om lån',
      ownerUserId: olle.id,
      dueDate: '2030-01-01',
    });
    assert.equal(f.statusCode, 201, f.body);
    assert.equal((await anna.patch(`/api/staff/${olle.id}`, { active: false })).statusCode, 200);

    const page = await newPage(browser, server, { viewport: PHONE });
    await logIn(page, 'admin@test.se');
    await page.goto(`/uppfoljningar/${f.json().id}`);
    await page.getByRole('heading', { level: 1, name: 'Kontakt med Almi om lån' }).waitFor();
    const select = page.getByLabel('Ansvarig person');
    assert.equal(
      await select.evaluate(
        (el: { selectedOptions: ArrayLike<{ textContent: string | null }> }) =>
          el.selectedOptions[0]?.textContent,
      ),
      'Olle Ohlsson (inaktiverad)',
    );
    await page
      .getByText('Olle Ohlsson är inaktiverad i Besök och kan inte längre arbeta med uppföljningen.', {
        exact: false,
      })
      .waitFor();
    await expectAccessible(page, 'the follow-up page with a deactivated owner');
  });

  void test('feedback: waits for the visit, is sent once over a dropped connection, and a second is asked about', async () => {
    const { ctx } = server;
    const db = ctx.testDb.db.kysely;

    // Before the visit: the page says from when it can be sent, and offers no send button.
    const sven = await newPage(browser, server, { viewport: PHONE });
    await logIn(sven, 'staff@test.se');
    await sven.goto(`/besok/${aheadId}/aterkoppling`);
    const when = new Intl.DateTimeFormat('sv-SE', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Stockholm',
    }).format(new Date(aheadEnds));
    await sven
      .getByText(`Besöket har inte ägt rum än. Återkopplingen kan skickas när besöket är över, från ${when}.`)
      .waitFor();
    assert.equal(await sven.getByRole('button', { name: 'Skicka återkopplingen' }).count(), 0);

    // Anna opens the composer for the held visit first, and leaves it open.
    const anna = await newPage(browser, server, { viewport: PHONE });
    await logIn(anna, 'admin@test.se');
    await anna.goto(`/besok/${visitId}/aterkoppling`);
    await anna.getByRole('heading', { level: 1, name: 'Återkoppling till Älvdalens Snickeri AB' }).waitFor();

    // Sven writes it; the recipient buttons are big enough to tap on a phone.
    await sven.goto(`/besok/${visitId}/aterkoppling`);
    await sven.getByRole('heading', { level: 1, name: 'Återkoppling till Älvdalens Snickeri AB' }).waitFor();
    for (const address of ['maja@snickeri.test', 'info@snickeri.test']) {
      const box = await sven.getByRole('button', { name: address }).boundingBox();
      assert.ok(box && box.height >= 44, `${address}: ${box?.height} px high`);
    }
    await sven.getByRole('button', { name: 'maja@snickeri.test' }).click();
    await dropAnswerOnce(sven, '**/api/visits/*/feedback');
    await sven.getByRole('button', { name: 'Skicka återkopplingen' }).click();
    await sven.getByText('Det gick inte att nå servern').first().waitFor();
    await sven.getByRole('button', { name: 'Skicka återkopplingen' }).click();
    await sven
      .getByText(/^Återkopplingen (är skickad|väntar på att skickas) till maja@snickeri\.test/)
      .waitFor();
    await ctx.app.mailer.flush();
    const toMaja = () => smtp.messages.filter((m) => m.to.includes('maja@snickeri.test'));
    assert.equal(toMaja().length, 1, 'one e-mail for the two sends');
    const count = async () =>
      (await db.selectFrom('feedback').select('id').where('visit_id', '=', visitId).execute()).length;
    assert.equal(await count(), 1);

    // Anna sends from the composer she opened before: she is shown Sven's and asked.
    await anna.getByRole('button', { name: 'Skicka återkopplingen' }).click();
    await anna
      .getByRole('link', {
        name: 'Företaget har redan fått återkoppling: kryssa i rutan om du vill skicka en till.',
      })
      .waitFor();
    await anna.getByRole('heading', { level: 2, name: 'Redan skickad för besöket' }).waitFor();
    await anna.getByText(/av Sven Staff till maja@snickeri\.test/).waitFor();
    await expectAccessible(anna, 'the feedback composer asking before a second feedback');
    assert.equal(await count(), 1, 'nothing sent without her say');
    await anna.getByRole('checkbox', { name: 'Ja, skicka en återkoppling till' }).check();
    await anna.getByRole('button', { name: 'Skicka återkopplingen' }).click();
    await anna
      .getByText(/^Återkopplingen (är skickad|väntar på att skickas) till maja@snickeri\.test/)
      .waitFor();
    assert.equal(await count(), 2);

    // Opened afresh, the composer shows both and asks before a third.
    await sven.goto(`/besok/${visitId}/aterkoppling`);
    await sven.getByRole('heading', { level: 2, name: 'Redan skickad för besöket' }).waitFor();
    assert.equal(await sven.getByText(/ till maja@snickeri\.test/).count(), 2);
    await sven.getByRole('checkbox', { name: 'Ja, skicka en återkoppling till' }).waitFor();
    await expectAccessible(sven, 'the feedback composer with feedback already sent');

    // On a wide screen the buttons are still at least 24 px high (WCAG 2.5.8).
    const desk = await newPage(browser, server);
    await logIn(desk, 'staff@test.se');
    await desk.goto(`/besok/${visitId}/aterkoppling`);
    const box = await desk.getByRole('button', { name: 'info@snickeri.test' }).boundingBox();
    assert.ok(box && box.height >= 24, `${box?.height} px high`);
  });
});
