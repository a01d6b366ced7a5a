/**
 * An administrator finds the e-mail that did not go through from the menu, sees why (the SMTP
 * server's error) and what it was about (a link to the company), tries it again, and it leaves the
 * list; the page then says plainly that nothing has failed. axe on the page before and after.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  expectAccessible,
  hasFocus,
  logIn,
  newPage,
  serverAndBrowser,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { insertTestCompany } from '../src/modules/visits/visit.fixtures';

void describe('e-mail that did not go through', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let messageId: string;
  before(async () => {
    [server, browser] = await serverAndBrowser(startServer());
    const db = server.ctx.testDb.db.kysely;
    const companyId = await insertTestCompany(db, { name: 'Stängda Dörrar AB', orgNr: '5560000001' });
    messageId = await server.ctx.app.mailer.enqueue(db, {
      to: 'kontakt@stangda.test',
      subject: 'Välkommen på besök',
      text: 'Hej! Vi ses på tisdag.',
      related: { type: 'company', id: companyId },
    });
    // As the outbox leaves a message the server refused for good.
    await db
      .updateTable('outbound_email')
      .set({ status: 'failed', attempts: 1, error: '550 Mailbox unavailable' })
      .where('id', '=', messageId)
      .execute();
    page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  void test('a failed message is listed, tried again and leaves the list', async () => {
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Utskicksfel' })
      .click();
    await page
      .getByRole('heading', { level: 1, name: 'E-post och bakgrundsjobb som inte gått igenom' })
      .waitFor();
    const table = page.getByRole('table', { name: 'E-post som inte har gått fram, senaste först' });
    const row = table.getByRole('row').filter({ hasText: 'kontakt@stangda.test' });
    await row.waitFor();
    await page.getByText('1 meddelande har misslyckats, 0 väntar på ett nytt försök.').waitFor();
    assert.match(await row.innerText(), /550 Mailbox unavailable/);
    assert.match(await row.innerText(), /Misslyckat/);
    await row.getByRole('link', { name: 'Stängda Dörrar AB' }).waitFor();
    await page.getByText('Inga bakgrundsjobb har misslyckats.').waitFor();
    await expectAccessible(page, 'the page of e-mail that did not go through, with a failed message');

    await row.getByRole('button', { name: /^Försök igen/ }).click();
    await page.getByText('Meddelandet ”Välkommen på besök” står på tur att skickas igen.').first().waitFor();
    await page.getByText('Ingen e-post har misslyckats, och ingen väntar på ett nytt försök.').waitFor();
    assert.equal(await table.count(), 0, 'the failed list is gone');
    assert.ok(
      await hasFocus(page.getByRole('heading', { level: 2, name: 'E-post' })),
      'focus on the list heading',
    );
    await expectAccessible(page, 'the page of e-mail that did not go through, after trying again');

    const stored = await server.ctx.testDb.db.kysely
      .selectFrom('outbound_email')
      .select(['status', 'attempts'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    // No SMTP server in this journey: it waits in the queue, its tries counted from nothing.
    assert.deepEqual(stored, { status: 'queued', attempts: 0 });
  });
});
