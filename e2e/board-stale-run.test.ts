/**
 * The planning board after what the last scheduling run planned from has changed: the run's
 * bounds are not shown as current but said to be that run's, with the advice to schedule again;
 * a registration that came since carries no reason of the run. In the English interface the
 * reasons (the scheduler's, the board's own, and those of visits a change took out of the plan)
 * and the broken rules are in English, not marked as Swedish.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Client, TestContext } from '../test/helpers/app';
import {
  expectAccessible,
  logIn,
  newPage,
  serverAndBrowser,
  startServer,
  type TestServer,
} from '../test/helpers/browser';
import { startSmtp } from '../test/helpers/smtp';
import { createStaff } from '../src/modules/staff/staff.service';
import { registrationForm } from '../src/modules/sprints/sprint.fixtures';
import type { StaffMember } from '../src/contracts/staff';
import type { Board } from '../src/contracts/sprints';

const SLUG = 'inaktuell-plan';
/** No participant is free at 15:30 (s8). */
const BUT_S8 = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];

void describe('the board after what its last run planned from changed', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: TestContext;
  let server: TestServer;
  let browser: Browser;
  let api: Client;
  let sprintId = '';
  const people: StaffMember[] = [];

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await serverAndBrowser(
      startServer({ smtpUrl: smtp.url, env: { REGISTRATION_RATE_LIMIT: '1000' } }),
    );
    ctx = server.ctx;
    const db = ctx.testDb.db.kysely;
    const now = ctx.clock.now();
    for (const [i, name, group] of [
      [1, 'Pia Politiker', 'politician'],
      [2, 'Olle Opposition', 'politician'],
      [3, 'Nina Näringsliv', 'business'],
      [4, 'Bo Utvecklare', 'business'],
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
    const created = await api.post('/api/sprints', {
      name: 'Den inaktuella planen',
      day: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      registrationOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
      registrationClosesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      publicText: 'Välkomna',
      meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
      slug: SLUG,
    });
    assert.equal(created.statusCode, 201, created.body);
    sprintId = (created.json() as { id: string }).id;
    const opened = await api.patch(`/api/sprints/${sprintId}`, {
      version: (created.json() as { version: number }).version,
      status: 'open',
    });
    assert.equal(opened.statusCode, 200, opened.body);
    for (const [n, over] of [
      [1, { slots: ['s1'] }],
      // On site and not in the register: no position.
      [2, { mode: 'physical', visitAddress: 'Okänd väg 2, Trollhättan', slots: ['s3'] }],
      // Only when nobody is free.
      [3, { slots: ['s8'] }],
      [5, { slots: ['s2'] }],
    ] as const) {
      const res = await (
        await ctx.as('anonymous')
      ).post(`/api/public/sprints/${SLUG}/registrations`, registrationForm(n, over));
      assert.equal(res.statusCode, 200, res.body);
    }
    const roster = await api.put(`/api/sprints/${sprintId}/participants`, {
      version: (opened.json() as { version: number }).version,
      participants: people.map((p) => ({ userId: p.id, available: BUT_S8, maxVisits: null })),
    });
    assert.equal(roster.statusCode, 200, roster.body);
    await ctx.app.mailer.flush();
  });
  after(async () => {
    await ctx?.app.mailer.flush();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const version = async () =>
    ((await api.get(`/api/sprints/${sprintId}`)).json() as { version: number }).version;

  void test('the bounds are said to be the last run’s; reasons in the language of the page', async () => {
    const run = await api.post(`/api/sprints/${sprintId}/schedule`, { version: await version() });
    assert.equal(run.statusCode, 200, run.body);
    const planned = run.json() as Board;
    assert.deepEqual(planned.visits.map((v) => v.companyName).sort(), ['Företag 1 AB', 'Företag 5 AB']);

    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${sprintId}/dagen`);
    await page.getByRole('table', { name: 'Besöken per tid' }).waitFor();
    // Just after the run its bound is current.
    await page.getByText(/^2 besök av högst \d+ möjliga/).waitFor();
    assert.equal(await page.getByText('Sedan den senaste schemaläggningen').count(), 0);

    // A company registers after the run.
    const late = await (
      await ctx.as('anonymous')
    ).post(`/api/public/sprints/${SLUG}/registrations`, registrationForm(4, { slots: ['s4'] }));
    assert.equal(late.statusCode, 200, late.body);
    await page.reload();
    await page.getByRole('table', { name: 'Besöken per tid' }).waitFor();
    await page.getByText('Sedan den senaste schemaläggningen har anmälningarna ändrats').waitFor();
    await page.getByText(/^Gränserna är från den körningen \(högst \d+ besök, högst \d+ ämnen/).waitFor();
    assert.equal(await page.getByText(/besök av högst/).count(), 0, 'the bound is not shown as current');
    assert.equal(await page.getByText(/Ämnen som teamen kan: \d+ av högst/).count(), 0);
    const reasonOf = (company: string) =>
      page
        .getByRole('region', { name: 'Anmälningar som inte fick ett besök, och varför' })
        .getByRole('row', { name: new RegExp(`^${company}`) })
        .locator('td')
        .first();
    assert.equal(
      (await reasonOf('Företag 4 AB').innerText()).trim(),
      'Anmäld efter den senaste schemaläggningen.',
    );
    await expectAccessible(page, 'the board with a registration since the run');

    // A member of company 1's team is no longer free then (the visit leaves the plan, said only in
    // Swedish), and company 5 changes its time under its visit (a rule the plan breaks).
    const board = (await api.get(`/api/sprints/${sprintId}/board`)).json() as Board;
    const member = people.find(
      (p) => p.id === board.visits.find((v) => v.companyName === 'Företag 1 AB')!.team[0]!.id,
    )!;
    const busy = await (
      await ctx.as(member)
    ).put(`/api/sprints/${sprintId}/participants/me`, {
      version: await version(),
      available: BUT_S8.filter((x) => x !== 's1'),
    });
    assert.equal(busy.statusCode, 200, busy.body);
    const c5 = board.visits.find((v) => v.companyName === 'Företag 5 AB')!;
    await ctx.testDb.db.kysely
      .updateTable('sprint_registration')
      .set({ slots: JSON.stringify(['s6']) })
      .where('id', '=', c5.registration)
      .execute();

    await page.reload();
    await page.getByRole('table', { name: 'Besöken per tid' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('table', { name: 'Visits by time' }).waitFor();
    await page
      .getByText('Since the last scheduling run, the registrations and the participants have changed')
      .waitFor();
    await page
      .getByText(/^The bounds are from that run \(at most \d+ visits?, at most \d+ topics?/)
      .waitFor();
    const reasonEn = (company: string) =>
      page
        .getByRole('region', { name: 'Registrations without a visit, and why' })
        .getByRole('row', { name: new RegExp(`^${company}`) })
        .locator('td')
        .first();
    // The scheduler's reason and the board's own, in English, not marked Swedish.
    assert.match(await reasonEn('Företag 3 AB').innerText(), /^Företag 3 AB can meet in 15:30–16:15/);
    assert.equal(await reasonEn('Företag 3 AB').locator('[lang="sv"]').count(), 0);
    assert.equal(
      (await reasonEn('Företag 2 AB').innerText()).trim(),
      'The visiting address has no position. Set it before scheduling.',
    );
    assert.equal(
      (await reasonEn('Företag 4 AB').innerText()).trim(),
      'Registered after the last scheduling run.',
    );
    // Dropped when a participant changed their times: that reason in English too.
    assert.equal(
      (await reasonEn('Företag 1 AB').innerText()).trim(),
      'The plan changed when a participant changed their times.',
    );
    assert.equal(await reasonEn('Företag 1 AB').locator('[lang="sv"]').count(), 0);
    // The rule the plan breaks, in English.
    const problem = page.getByRole('listitem').filter({ hasText: /^Företag 5 AB: / });
    assert.match(await problem.innerText(), /^Företag 5 AB: Rule 1: /);
    assert.equal(await problem.locator('[lang="sv"]').count(), 0);
    await expectAccessible(page, 'the board in English after the registrations and participants changed');

    // Scheduling again: the bounds are current again.
    await page.getByRole('button', { name: 'Reschedule around the pinned visits' }).click();
    await page.getByText(/^\d+ visits? of at most \d+ possible/).waitFor();
    assert.equal(await page.getByText('Since the last scheduling run').count(), 0);
    await page.context().close();
  });
});
