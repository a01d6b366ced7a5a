/**
 * The planning board reloaded under an open page: a visit card's team (and time) start again from
 * the board as it is now. A colleague changes the team of a visit while the admin has the board
 * open; the admin's next change is refused as stale and the board reloads; the card's team
 * choices are then the colleague's team, and 'Spara laget' saves a change to that team, not the
 * team the page first showed over it (commit 9e9b33a).
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

const SLUG = 'omladdad-tavla';
const ALL_SLOTS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];

void describe('a visit card after the board reloads', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: TestContext;
  let server: TestServer;
  let browser: Browser;
  let api: Client;
  let sprintId = '';
  const people = new Map<string, StaffMember>();

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await serverAndBrowser(
      startServer({ smtpUrl: smtp.url, env: { REGISTRATION_RATE_LIMIT: '1000' } }),
    );
    ctx = server.ctx;
    const db = ctx.testDb.db.kysely;
    const now = ctx.clock.now();
    // Two politicians and two of the business unit: a team is one of each (or more).
    for (const [i, name, group] of [
      [1, 'Pia Politiker', 'politician'],
      [2, 'Olle Opposition', 'politician'],
      [3, 'Nina Näringsliv', 'business'],
      [4, 'Bo Utvecklare', 'business'],
    ] as const) {
      people.set(
        name,
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
      name: 'Omladdningens sprint',
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
    const anon = await ctx.as('anonymous');
    for (const [n, slots] of [
      [1, ['s1']],
      [2, ['s2']],
    ] as const) {
      const res = await anon.post(
        `/api/public/sprints/${SLUG}/registrations`,
        registrationForm(n, { slots }),
      );
      assert.equal(res.statusCode, 200, res.body);
    }
    const roster = await api.put(`/api/sprints/${sprintId}/participants`, {
      version: (opened.json() as { version: number }).version,
      participants: [...people.values()].map((p) => ({
        userId: p.id,
        available: ALL_SLOTS,
        maxVisits: null,
      })),
    });
    assert.equal(roster.statusCode, 200, roster.body);
    await ctx.app.mailer.flush();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const version = async () =>
    ((await api.get(`/api/sprints/${sprintId}`)).json() as { version: number }).version;
  const getBoard = async () => (await api.get(`/api/sprints/${sprintId}/board`)).json() as Board;
  const idOf = (name: string) => people.get(name)!.id;
  /** Sets a visit's team as a colleague would, through the API. */
  const setTeam = async (registration: string, names: string[]) => {
    const res = await api.patch(`/api/sprints/${sprintId}/plan/visits/${registration}`, {
      version: await version(),
      team: names.map(idOf),
    });
    assert.equal(res.statusCode, 200, res.body);
  };
  const teamNames = (b: Board, registration: string) =>
    b.visits
      .find((v) => v.registration === registration)!
      .team.map((m) => m.name)
      .sort();

  void test("'Spara laget' after a colleague's change saves a change to their team, not the one first shown", async () => {
    const run = await api.post(`/api/sprints/${sprintId}/schedule`, { version: await version() });
    assert.equal(run.statusCode, 200, run.body);
    const planned = run.json() as Board;
    const visit = planned.visits.find((v) => v.companyName === 'Företag 1 AB')!;
    const other = planned.visits.find((v) => v.companyName === 'Företag 2 AB')!;
    assert.ok(visit && other, JSON.stringify(planned.unscheduled));
    await setTeam(visit.registration, ['Pia Politiker', 'Nina Näringsliv']);

    const page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
    await page.goto(`/sprintar/${sprintId}/dagen`);
    const card = page.getByRole('article', { name: 'Företag 1 AB' });
    const team = card.getByRole('list', { name: 'Lag' });
    await team.getByText('Pia Politiker').waitFor();
    await card.getByText('Ändra laget').click();
    const box = (name: string) => card.getByRole('checkbox', { name: new RegExp(`^${name} \\(`) });
    assert.equal(await box('Pia Politiker').isChecked(), true, 'the card starts from the team shown');

    // A colleague gives the visit another team while the page is open.
    await setTeam(visit.registration, ['Olle Opposition', 'Bo Utvecklare']);
    // The admin's next change is refused as stale, and the board reloads with the colleague's team.
    await page
      .getByRole('article', { name: 'Företag 2 AB' })
      .getByRole('button', { name: 'Lås besöket hos Företag 2 AB' })
      .click();
    await page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat' }).waitFor();
    await team.getByText('Olle Opposition').waitFor();
    assert.equal(await team.getByText('Pia Politiker').count(), 0, 'the card shows the reloaded team');

    // The card's choices are the reloaded team's.
    const checked = async () => {
      const out: string[] = [];
      for (const name of people.keys()) if (await box(name).isChecked()) out.push(name);
      return out.sort();
    };
    assert.deepEqual(
      await checked(),
      ['Bo Utvecklare', 'Olle Opposition'],
      'the team choices start again from the board as reloaded',
    );
    await expectAccessible(page, 'the board reloaded after a colleague changed a team');

    // Adding Nina to that team saves the colleague's team and Nina, not the team first shown.
    await box('Nina Näringsliv').check();
    await card.getByRole('button', { name: 'Spara laget' }).click();
    await page.getByRole('status').filter({ hasText: 'Laget hos Företag 1 AB är sparat.' }).waitFor();
    assert.deepEqual(teamNames(await getBoard(), visit.registration), [
      'Bo Utvecklare',
      'Nina Näringsliv',
      'Olle Opposition',
    ]);
    await page.context().close();
  });
});
