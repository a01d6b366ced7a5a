/**
 * Journey of the relay in a real browser: the business unit creates a relay and starts a baton;
 * three legs are run, one nominee declines and the baton goes back to its nominator. Only the
 * visit's team (or an admin) is offered to mark it done and name the next. Every e-mail
 * is received by a real SMTP server, parsed, and its link followed as the company would. The
 * companies' private pages and the public page are checked with axe (WCAG 2.1 A/AA).
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestContext } from '../test/helpers/app';
import { createStaff } from '../src/modules/staff/staff.service';
import {
  expectAccessible,
  hasFocus,
  launchBrowser,
  logIn,
  newPage,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { startSmtp } from '../test/helpers/smtp';
import { addRegisterCompany } from '../src/modules/relay/relay.fixtures';

const DAY = 86_400_000;

void describe('relay journey', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: TestContext;
  let server: TestServer;
  let browser: Browser;
  let admin: Page;

  before(async () => {
    smtp = await startSmtp();
    server = await startServer({ smtpUrl: smtp.url, linksHere: true, dialect: 'sqlite' });
    ctx = server.ctx;
    const db = ctx.testDb.db.kysely;
    // The leadership's member of the teams: staff (the test app's leadership member is a viewer).
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
    );
    await addRegisterCompany(db, 'Alfa Snickeri AB', {
      postalTown: 'Leksand',
      sizeClass: 2,
      sniSection: 'C',
    });
    await addRegisterCompany(db, 'Beta Bageri AB', { postalTown: 'Insjön', sizeClass: 2, sniSection: 'C' });
    await addRegisterCompany(db, 'Gamma Glas AB', { postalTown: 'Tällberg', sizeClass: 3, sniSection: 'C' });
    await addRegisterCompany(db, 'Delta Däck AB', {
      postalTown: 'Siljansnäs',
      sizeClass: 2,
      sniSection: 'G',
    });
    browser = await launchBrowser();
    admin = await newPage(browser, server);
    await logIn(admin, 'admin@test.se');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  /** The newest e-mail to `to` (waiting for it), and the private link in it. */
  async function mailTo(to: string, count = 1) {
    const until = Date.now() + 15_000;
    for (;;) {
      const mine = smtp.messages.filter((m) => m.to.includes(to));
      if (mine.length >= count) {
        const m = mine[count - 1]!;
        const text = m.parsed.text ?? '';
        const link = text.match(/https?:\/\/\S+\/stafett\/(?:svar|nominera)\/[A-Za-z0-9_-]+/)?.[0];
        return { subject: m.parsed.subject ?? '', text, link };
      }
      if (Date.now() > until)
        throw new Error(`no e-mail ${count} to ${to}; got ${smtp.messages.map((m) => m.to).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A company's visit to its private link, in its own browser context (no session). */
  async function asCompany(link: string): Promise<Page> {
    const page = await newPage(browser, server);
    assert.ok(link.startsWith(server.url), `the link ${link} points at the app`);
    await page.goto(link);
    return page;
  }

  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

  async function bookAndVisit(company: string, daysAgo: number) {
    await admin.reload();
    const baton = admin.getByRole('region', { name: /Stafettpinne 1/ });
    await baton.getByText(`Hos ${company}`).waitFor();
    await baton.getByText('Boka besöket').click();
    await baton.getByLabel('Datum').fill(day(daysAgo));
    await baton.getByLabel(/^Början/).fill('09:00');
    await baton.getByLabel(/^Slut/).fill('10:00');
    await baton.getByLabel('Anna Admin (näringslivsenheten)').check();
    await baton.getByLabel('Lars Ledning (kommunledningen)').check();
    await baton.getByRole('button', { name: 'Boka', exact: true }).click();
    await baton.getByRole('button', { name: 'Besöket är gjort' }).waitFor();
    // The time typed is Swedish time, whatever the browser's own zone (here UTC).
    const booked = await ctx.testDb.db.kysely
      .selectFrom('visit')
      .innerJoin('company', 'company.id', 'visit.company_id')
      .select('visit.starts_at')
      .where('company.name', '=', company)
      .executeTakeFirstOrThrow();
    assert.equal(
      Date.parse(booked.starts_at),
      DateTime.fromISO(`${day(daysAgo)}T09:00`, { zone: 'Europe/Stockholm' }).toMillis(),
    );
    await baton.getByRole('button', { name: 'Besöket är gjort' }).click();
    await admin.getByRole('heading', { name: /Stafettpinne 1: Företaget ska nominera nästa/ }).waitFor();
  }

  /**
   * `searchedAway`: a company first found and chosen, then searched away: it is not sent (nor named
   * in the thanks), the form asks for a company shown instead.
   */
  async function nominateByLink(
    link: string,
    company: string,
    email: string,
    reason: string,
    searchedAway?: string,
  ) {
    const page = await asCompany(link);
    await page.getByRole('heading', { level: 1, name: /vem ska vi besöka härnäst/ }).waitFor();
    await expectAccessible(page, `the nomination page (${company})`);
    if (searchedAway) {
      await page.getByLabel('Sök företaget i registret').fill(searchedAway.split(' ')[0]!);
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await page.getByLabel(new RegExp(searchedAway)).check();
    }
    await page.getByLabel('Sök företaget i registret').fill(company.split(' ')[0]!);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const choice = page.getByLabel(new RegExp(company));
    await choice.waitFor();
    const shown = await choice.boundingBox();
    // The status line says the count a moment after the list is shown; saying it moves nothing
    // (a tap aimed at a result landed on the one below, or on nothing).
    await page
      .getByRole('status')
      .filter({ hasText: /\d+ träff/ })
      .waitFor();
    assert.deepEqual(await choice.boundingBox(), shown, 'the results stay where they were shown');
    if (searchedAway) {
      await page.getByLabel('Varför just det företaget?').fill(reason);
      await page.getByLabel('E-post dit inbjudan ska skickas').fill(email);
      assert.equal(
        await page.getByLabel(new RegExp(searchedAway)).count(),
        0,
        'the earlier results are gone',
      );
      assert.equal(await choice.isChecked(), false);
      await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
      // Not the company no longer shown: the form asks for one, beside the results.
      await page
        .getByRole('group', { name: /^Träffar/ })
        .getByText('Välj ett företag i listan eller fyll i ett nytt.')
        .waitFor();
      assert.equal(await page.getByText(/Tack! Vi har skickat/).count(), 0, 'nothing is sent');
    }
    await choice.check();
    await page.getByLabel('Varför just det företaget?').fill(reason);
    await page.getByLabel('E-post dit inbjudan ska skickas').fill(email);
    // What the company typed is asked about before the tab is closed, until it is sent.
    const asks = () => asksBeforeLeaving(page);
    assert.equal(await asks(), true, 'a nomination typed and not sent is asked about');
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await page
      .getByText(`Tack! Vi har skickat en inbjudan till ${company}.`)
      .waitFor()
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\n${await page.locator('main').innerText()}`);
      });
    assert.equal(await asks(), false, 'once sent, nothing is asked');
    await page.context().close();
  }

  async function answer(link: string, yes: boolean, contact: { name: string; email: string }) {
    const page = await asCompany(link);
    await page
      .getByRole('heading', { level: 1, name: /ni har fått stafettpinnen/ })
      .waitFor()
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\n${link}\n${await page.locator('main').innerText()}`);
      });
    await expectAccessible(page, `the invitation page (${contact.email})`);
    if (yes) {
      await page.getByLabel('Ja, vi vill ha besök').check();
      await page.getByLabel('Ert namn').fill(contact.name);
      await page.getByLabel('Er e-post').fill(contact.email);
      await page.getByLabel('Föreslå några tider som passar er').fill('Tisdagar förmiddag');
      await page.getByLabel(/Ni får visa vårt företags namn/).check();
      await page.getByRole('button', { name: 'Skicka svaret' }).click();
      await page.getByText('Tack! Vi hör av oss och bokar en tid.').waitFor();
    } else {
      await page.getByLabel('Nej tack').check();
      await page.getByLabel(/Vill ni berätta varför/).fill('Inte i år.');
      await page.getByRole('button', { name: 'Tacka nej' }).click();
      await page.getByText('Tack för ert svar.', { exact: false }).waitFor();
    }
    await page.context().close();
  }

  void test('three legs with one decline, through the e-mails', async () => {
    // The business unit creates the relay with a public page.
    await admin
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Stafetten' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Företagsstafetten' }).waitFor();
    await admin.getByRole('link', { name: 'Ny stafett' }).click();
    await admin.getByLabel('Namn').fill('Stafetten i Testkommun');
    await admin.getByRole('textbox', { name: /Antal besök/ }).fill('10');
    await admin.getByLabel(/Visa en publik sida/).check();
    await expectAccessible(admin, 'the new relay form');
    await admin.getByRole('button', { name: 'Skapa stafetten' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Stafetten i Testkommun' }).waitFor();
    const programmeId = new URL(admin.url()).pathname.split('/').pop()!;

    // Start the baton at Alfa. Beta, chosen among the results of an earlier search, is not where
    // it starts once searched away: the form asks for a company shown.
    await admin.getByText('Starta en stafettpinne').click();
    await admin.getByLabel('Sök företaget i registret').fill('beta');
    await admin.getByRole('button', { name: 'Sök', exact: true }).click();
    await admin.getByLabel(/Beta Bageri AB/).check();
    await admin.getByLabel('Sök företaget i registret').fill('alfa');
    await admin.getByRole('button', { name: 'Sök', exact: true }).click();
    await admin.getByLabel(/Alfa Snickeri AB/).waitFor();
    assert.equal(await admin.getByLabel(/Beta Bageri AB/).count(), 0, 'the earlier results are gone');
    await admin.getByRole('button', { name: 'Starta' }).click();
    await admin
      .getByRole('group', { name: /^Träffar/ })
      .getByText('Välj ett företag i listan eller fyll i ett nytt.')
      .waitFor();
    assert.equal(await admin.getByRole('region', { name: /Stafettpinne 1/ }).count(), 0, 'no baton started');
    await admin.getByLabel(/Alfa Snickeri AB/).check();
    await admin.getByLabel('Kontaktpersonens e-post').fill('alfa@example.se');
    await admin.getByLabel(/Vi får visa vårt företags namn/).check();
    assert.equal(await asksBeforeLeaving(admin), true, 'a baton chosen and not started is asked about');
    await admin.getByRole('button', { name: 'Starta' }).click();

    // Leg 1: the team rule refuses the business unit alone; with the leadership it books.
    const baton = admin.getByRole('region', { name: /Stafettpinne 1/ });
    await baton.getByText('Boka besöket').click();
    await baton.getByLabel('Datum').fill(day(3));
    await baton.getByLabel('Anna Admin (näringslivsenheten)').check();
    await baton.getByRole('button', { name: 'Boka', exact: true }).click();
    await admin
      .getByText(/laget behöver minst en från kommunledningen/)
      .first()
      .waitFor();
    // A viewer (Vera, of the leadership) could not open the visit: she is not offered.
    assert.equal(await baton.getByLabel(/Vera Viewer/).count(), 0, 'no viewer on a team');
    await baton.getByLabel('Lars Ledning (kommunledningen)').check();
    assert.equal(await asksBeforeLeaving(admin), true, 'a booking typed and not made is asked about');
    await baton.getByRole('button', { name: 'Boka', exact: true }).click();
    await baton.getByRole('button', { name: 'Besöket är gjort' }).waitFor();
    // Booked, and the baton started before: nothing left unsaved on the page.
    assert.equal(await asksBeforeLeaving(admin), false, 'nothing is asked once booked and started');

    // The company asks for another time: the visit is cancelled here, and booked anew.
    await baton.locator('summary', { hasText: 'Ställ in besöket' }).click();
    await baton.getByRole('button', { name: 'Ställ in besöket' }).click();
    await admin.getByRole('link', { name: 'Varför ställs det in? måste fyllas i.' }).waitFor();
    await baton.getByLabel('Varför ställs det in?').fill('Företaget bad om en annan tid');
    await expectAccessible(admin, 'cancelling a relay visit');
    await baton.getByRole('button', { name: 'Ställ in besöket' }).click();
    const toBook = admin.getByRole('heading', { name: 'Stafettpinne 1: Besöket ska bokas' });
    await toBook.waitFor();
    assert.ok(await hasFocus(toBook), "the baton's heading takes focus, saying its new phase");
    await admin.getByText('Besöket är inställt. Boka ett nytt när ni har en tid.').first().waitFor();
    const firstVisit = await ctx.testDb.db.kysely
      .selectFrom('visit')
      .select('status')
      .where('programme_type', '=', 'relay')
      .where('programme_id', '=', programmeId)
      .execute();
    assert.deepEqual(
      firstVisit.map((v) => v.status),
      ['cancelled'],
    );
    await baton.getByText('Boka besöket').click();
    await baton.getByLabel('Datum').fill(day(4));
    await baton.getByLabel('Anna Admin (näringslivsenheten)').check();
    await baton.getByLabel('Lars Ledning (kommunledningen)').check();
    await baton.getByRole('button', { name: 'Boka', exact: true }).click();
    await baton.getByRole('button', { name: 'Besöket är gjort' }).waitFor();

    // Staff not on the team are told who marks the visit done, and not offered to; the team is.
    const sven = await newPage(browser, server);
    await logIn(sven, 'staff@test.se');
    await sven.goto(`/stafett/${programmeId}`);
    const svensBaton = sven.getByRole('region', { name: /Stafettpinne 1: Besöket är bokat/ });
    await svensBaton.getByText('Besökets lag (eller en administratör) markerar det som gjort.').waitFor();
    assert.equal(await svensBaton.getByRole('button', { name: 'Besöket är gjort' }).count(), 0);
    const lars = await newPage(browser, server);
    await logIn(lars, 'ledning@test.se');
    await lars.goto(`/stafett/${programmeId}`);
    await lars
      .getByRole('region', { name: /Stafettpinne 1/ })
      .getByRole('button', { name: 'Besöket är gjort' })
      .waitFor();
    await lars.context().close();

    await baton.getByRole('button', { name: 'Besöket är gjort' }).click();
    await admin.getByRole('heading', { name: /Stafettpinne 1: Företaget ska nominera nästa/ }).waitFor();
    await expectAccessible(admin, 'the relay page');
    // Nor is the company's choice entered at the visit offered to staff who were not there.
    await sven.reload();
    await sven.getByRole('heading', { name: /Stafettpinne 1: Företaget ska nominera nästa/ }).waitFor();
    assert.equal(await sven.getByText('Nominera nästa företag (vid besöket)').count(), 0);
    await sven.context().close();

    // Alfa nominates Beta through the link in its e-mail; Beta declines.
    const alfa1 = await mailTo('alfa@example.se');
    assert.match(alfa1.subject, /vem ska vi besöka härnäst/);
    await nominateByLink(alfa1.link!, 'Beta Bageri AB', 'beta@example.se', 'De bakar bäst');
    // The link, once used, says so and what to do: not the staff's "page not found".
    const spent = await asCompany(alfa1.link!);
    await spent.getByRole('heading', { level: 1, name: 'Länken gäller inte' }).waitFor();
    await spent
      .getByText('Länken gäller inte längre. Kontakta kommunens näringslivsenhet om ni vill nominera.')
      .waitFor();
    assert.equal(await spent.title(), 'Länken gäller inte – Besök');
    assert.equal(await spent.getByRole('link', { name: 'Gå till startsidan' }).count(), 0);
    await expectAccessible(spent, 'a spent nomination link');
    await spent.context().close();
    const beta = await mailTo('beta@example.se');
    assert.match(beta.text, /Alfa Snickeri AB har skickat stafettpinnen vidare/);
    assert.match(beta.text, /De bakar bäst/);
    await answer(beta.link!, false, { name: '', email: 'beta@example.se' });

    // The baton comes back to Alfa with a new link; Alfa names Gamma, who accepts.
    const alfa2 = await mailTo('alfa@example.se', 2);
    assert.match(alfa2.text, /Beta Bageri AB har tackat nej/);
    const business = await mailTo('admin@test.se');
    assert.match(business.subject, /stafettpinnen har kommit tillbaka/);
    await nominateByLink(alfa2.link!, 'Gamma Glas AB', 'gamma@example.se', 'Nytt glasbruk', 'Delta Däck AB');
    const gamma = await mailTo('gamma@example.se');
    await answer(gamma.link!, true, { name: 'Greta Glas', email: 'greta@example.se' });

    // Leg 2 at Gamma; Gamma names Delta, who accepts; leg 3 at Delta.
    await bookAndVisit('Gamma Glas AB', 2);
    const gretaLink = await mailTo('greta@example.se');
    await nominateByLink(gretaLink.link!, 'Delta Däck AB', 'delta@example.se', 'Däck till hela bygden');
    const delta = await mailTo('delta@example.se');
    await answer(delta.link!, true, { name: 'Dan Däck', email: 'dan@example.se' });
    await bookAndVisit('Delta Däck AB', 1);

    // The relay page: three visits of ten, the chain with three legs and the declined invitation.
    await admin.reload();
    await admin.getByText('3 av 10 besök').first().waitFor();
    await admin.getByRole('img', { name: 'Kedjan som bild: 3 sträckor' }).waitFor();
    await admin.getByText('Kedjan som lista').click();
    await admin.getByRole('listitem').filter({ hasText: 'Beta Bageri AB – tackade nej' }).waitFor();
    await expectAccessible(admin, 'the relay page after three legs');

    // The public page: no log-in, the companies that agreed, the count against the goal.
    const visitor = await newPage(browser, server);
    await visitor.goto(`/stafett/publik/${programmeId}`);
    await visitor.getByRole('heading', { level: 1, name: 'Stafetten i Testkommun' }).waitFor();
    await visitor.getByText('3 av 10 företag besökta').waitFor();
    for (const name of ['Alfa Snickeri AB', 'Gamma Glas AB', 'Delta Däck AB']) {
      await visitor.getByText(name, { exact: false }).first().waitFor();
    }
    assert.equal(await visitor.getByText('Beta Bageri AB').count(), 0);
    assert.equal(await visitor.getByText('Greta').count(), 0, 'no personal data');
    await expectAccessible(visitor, 'the public relay page');
    await visitor.context().close();

    // The relay's report, from its page: the visits held, and the one cancelled (as the exports say).
    await admin.goto(`/stafett/${programmeId}`);
    await admin.getByRole('link', { name: 'Rapport över stafettens besök' }).click();
    await admin.getByRole('heading', { level: 2, name: 'Programmet i siffror' }).waitFor();
    const figure = (page: Page, term: string) =>
      page
        .locator('dl.report-numbers > div')
        .filter({ has: page.getByRole('term').getByText(term, { exact: true }) });
    assert.equal(await figure(admin, 'Genomförda besök').getByRole('definition').textContent(), '3');
    assert.equal(await figure(admin, 'Inställda besök').getByRole('definition').textContent(), '1');
    assert.equal(
      await figure(admin, 'Bokade besök, inte genomförda').getByRole('definition').textContent(),
      '0',
    );
    await expectAccessible(admin, 'the relay report');
    // In English, the same figure.
    const english = await newPage(browser, server);
    await logIn(english, 'admin@test.se');
    await english.evaluate(`localStorage.setItem('besok.lang', 'en')`);
    await english.goto(admin.url());
    await english.getByRole('heading', { level: 2, name: 'The programme in numbers' }).waitFor();
    assert.equal(await figure(english, 'Visits held').getByRole('definition').textContent(), '3');
    assert.equal(await figure(english, 'Visits cancelled').getByRole('definition').textContent(), '1');
    await english.context().close();
    // Back on the relay's page, where the next test goes on.
    await admin.goto(`/stafett/${programmeId}`);
    await admin.getByRole('heading', { level: 1, name: 'Stafetten i Testkommun' }).waitFor();
  });

  void test('ending a baton: its reason is refused beside the field, by the form and by the server', async () => {
    await admin.reload();
    const baton = admin.getByRole('region', { name: /Stafettpinne 1/ });
    await baton.getByText('Avsluta stafettpinnen').click();
    const reason = baton.getByLabel('Varför avslutas den?');
    const end = baton.getByRole('button', { name: 'Avsluta', exact: true });
    const summary = baton.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    /** The error beside the field: the text its aria-describedby names, with aria-invalid. */
    const errorOfReason = async () => {
      const id = await reason.getAttribute('id');
      const described = (await reason.getAttribute('aria-describedby')) ?? '';
      if (!described.split(' ').includes(`${id}-error`)) return null;
      assert.equal(await reason.getAttribute('aria-invalid'), 'true');
      return (await admin.locator(`[id="${id}-error"]`).innerText()).replace(/^Fel:\s*/, '');
    };

    await end.click();
    await summary.waitFor();
    assert.equal(await errorOfReason(), 'Varför avslutas den? måste fyllas i.');

    // The server's refusal names the field: it is shown beside it (the request is altered on its
    // way to the real server, past the form's own check), not only as the server's message.
    const endUrl = '**/api/relay/batons/*/end';
    await admin.route(endUrl, (route) =>
      route.continue({ postData: JSON.stringify({ reason: 'x'.repeat(1001) }) }),
    );
    await reason.fill('Företaget har lagt ner');
    await end.click();
    await summary.getByText('Varför avslutas den?: ').waitFor();
    assert.match((await errorOfReason()) ?? '', /^Varför avslutas den\?: får ha högst 1\s?000 tecken$/);
    assert.equal(await reason.inputValue(), 'Företaget har lagt ner', 'what was typed is kept');
    assert.ok(await hasFocus(summary), 'the error summary takes focus');
    await expectAccessible(admin, 'the relay page with a refused end of a baton');
    await admin.unroute(endUrl);

    await end.click();
    // Ended, the baton is no longer in play.
    await admin.getByText('Ingen stafettpinne är i spel.').waitFor();
    assert.equal(await baton.count(), 0);
  });

  void test("a company's link that leads nowhere (forged, cut short by a mail program) says so, in either language", async () => {
    const forged = 'A'.repeat(43);
    for (const [path, message] of [
      [`/stafett/svar/${forged}`, /^Länken gäller inte\. Kontrollera att hela adressen/],
      // Cut short: the server looks it up as any other, rather than refusing its length.
      ['/stafett/svar/AbCdEfGh', /^Länken gäller inte\. Kontrollera att hela adressen/],
      [`/stafett/nominera/${forged}`, /^Länken gäller inte längre\. Kontakta kommunens näringslivsenhet/],
      ['/stafett/nominera/AbCdEfGh', /^Länken gäller inte längre\. Kontakta kommunens näringslivsenhet/],
    ] as const) {
      const page = await newPage(browser, server);
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Länken gäller inte' }).waitFor();
      await page.getByText(message).waitFor();
      assert.equal(await page.locator('main h1').count(), 1, `${path}: one h1`);
      assert.equal(await page.getByRole('link', { name: 'Gå till startsidan' }).count(), 0, path);
      await expectAccessible(page, `the dead link ${path}`);
      await page.context().close();
    }
    // In English: the heading English, the server's Swedish words marked as Swedish (WCAG 3.1.2).
    const page = await newPage(browser, server);
    await page.context().addInitScript(`localStorage.setItem('besok.lang', 'en')`);
    await page.goto('/stafett/nominera/AbCdEfGh');
    await page.getByRole('heading', { level: 1, name: 'The link is no longer valid' }).waitFor();
    assert.match(
      await page.locator('main [lang="sv"]').innerText(),
      /^Länken gäller inte längre\. Kontakta kommunens näringslivsenhet/,
    );
    assert.equal(await page.getByRole('link', { name: 'Go to the home page' }).count(), 0);
    await expectAccessible(page, 'a dead link in English');
    await page.context().close();
  });

  void test('the progress date: a date that is none is said beside the field, the form stays and keeps focus', async () => {
    const { id } = await ctx.testDb.db.kysely
      .selectFrom('relay_programme')
      .select('id')
      .where('name', '=', 'Stafetten i Testkommun')
      .executeTakeFirstOrThrow();
    await admin.goto(`/stafett/${id}`);
    const date = admin.getByLabel('Räkna med ett annat datum');
    const calc = admin.getByRole('button', { name: 'Räkna', exact: true });
    /** The error beside the field: the text its aria-describedby names, with aria-invalid. */
    const errorOfDate = async () => {
      const fieldId = await date.getAttribute('id');
      const described = (await date.getAttribute('aria-describedby')) ?? '';
      if (!described.split(' ').includes(`${fieldId}-error`)) return null;
      assert.equal(await date.getAttribute('aria-invalid'), 'true');
      return (await admin.locator(`[id="${fieldId}-error"]`).innerText()).replace(/^Fel:\s*/, '');
    };
    const until = async (what: () => Promise<boolean>) => {
      const end = Date.now() + 5000;
      while (!(await what())) {
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // No such day: said beside the field (the contract's check, in the browser), the form stays.
    await date.fill('2026-02-30');
    await calc.click();
    await until(async () => (await errorOfDate()) !== null);
    assert.equal(await errorOfDate(), 'Räkna med ett annat datum: datumet finns inte i kalendern');
    assert.ok(await hasFocus(date), 'the field with the error takes focus');
    // Not a date at all: not ignored either.
    await date.fill('1 mars');
    await calc.click();
    await until(
      async () => (await errorOfDate()) !== 'Räkna med ett annat datum: datumet finns inte i kalendern',
    );
    assert.equal(await errorOfDate(), 'Räkna med ett annat datum: ange datum som ÅÅÅÅ-MM-DD');
    await expectAccessible(admin, 'the relay page with a progress date that is none');

    // A date: worked out with the figures and the form in place; the button pressed keeps focus.
    /** A day as the page writes it (the browser's own Intl). */
    const written = (d: string) =>
      admin.evaluate(
        (iso) =>
          new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(
            new Date(`${iso}T12:00:00Z`),
          ),
        d,
      );
    const by = new Date(Date.now() + 400 * DAY).toISOString().slice(0, 10);
    const byText = await written(by);
    await date.fill(by);
    await calc.focus();
    await admin.keyboard.press('Enter');
    await admin.getByText(`Takt som behövs för att nå målet senast ${byText}`).waitFor();
    assert.equal(await errorOfDate(), null, 'the error is gone');
    assert.ok(await hasFocus(calc), 'the button pressed keeps focus');

    // The server's refusal (the request altered past the form's own check) is shown beside the
    // form, which stays, with the figures worked out before.
    const progressUrl = (url: URL) => url.pathname.endsWith('/progress') && url.searchParams.has('by');
    await admin.route(progressUrl, (route) =>
      route.continue({
        url: route
          .request()
          .url()
          .replace(/by=[^&]*/, 'by=2026-02-30'),
      }),
    );
    const later = new Date(Date.now() + 500 * DAY).toISOString().slice(0, 10);
    await date.fill(later);
    await calc.click();
    await until(async () => (await errorOfDate()) !== null);
    assert.equal(await errorOfDate(), 'Räkna med ett annat datum: datumet finns inte i kalendern');
    await admin.getByText(`Takt som behövs för att nå målet senast ${byText}`).waitFor();
    assert.equal(await date.inputValue(), later, 'what was typed is kept');
    await admin.unroute(progressUrl);
    // And the form is there to try again.
    await calc.click();
    await until(async () => (await errorOfDate()) === null);
    await admin.getByText(`Takt som behövs för att nå målet senast ${await written(later)}`).waitFor();
  });
});

/** Whether closing or reloading the tab would ask first (a form on the page has unsaved changes). */
function asksBeforeLeaving(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    (globalThis as unknown as EventTarget).dispatchEvent(e);
    return e.defaultPrevented;
  });
}
