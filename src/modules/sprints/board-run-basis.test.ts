import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { startSmtp } from '../../../test/helpers/smtp';
import type { StaffMember } from '../../contracts/staff';
import type { Board, Sprint } from '../../contracts/sprints';
import { registrationForm, sprintStaff } from './sprint.fixtures';

/**
 * The planning board's bounds and reasons are the last scheduling run's: once what it planned
 * from has changed (a registration came, got its position, changed its times; the participants
 * changed), the board says so instead of showing them as current, and a registration the run did
 * not see as it is now carries no reason of that run. The reasons and the broken rules come in
 * Swedish and in English.
 */

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

const form = registrationForm;
const BUT_S8 = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
const MISSING_SV = 'Besöksadressen saknar position. Ange den innan schemaläggningen.';

for (const dialect of DIALECTS) {
  void describe(`the board against what its last run planned from (${dialect})`, () => {
    let ctx: TestContext;
    let smtp: Smtp;
    let admin: Client;
    let sprint: Sprint;
    const staff: StaffMember[] = [];
    const SLUG = `basis-${dialect}`;

    before(async () => {
      smtp = await startSmtp();
      ctx = await createTestApp(dialect, {
        env: { SMTP_URL: smtp.url, REGISTRATION_RATE_LIMIT: '1000' },
        now: '2026-09-01T08:00:00Z',
      });
      const db = ctx.testDb.db.kysely;
      const now = ctx.clock.now();
      const mk = (i: number, name: string, group: StaffMember['group']) =>
        sprintStaff(db, ctx.municipality.id, now, { i, name, title: '', group, party: null });
      staff.push(await mk(1, 'Pia Politiker', 'politician'));
      staff.push(await mk(2, 'Olle Opposition', 'politician'));
      staff.push(await mk(3, 'Nina Näringsliv', 'business'));
      staff.push(await mk(4, 'Bo Utvecklare', 'business'));
      admin = await ctx.as(ctx.users.admin);
      const created = await admin.post('/api/sprints', {
        name: 'Höstens sprint',
        day: '2026-10-20',
        topics: [],
        registrationOpensAt: '2026-09-05T07:00:00Z',
        registrationClosesAt: '2026-10-15T16:00:00Z',
        publicText: 'Välkomna',
        meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
        slug: SLUG,
      });
      assert.equal(created.statusCode, 201, created.body);
      sprint = created.json();
      sprint = (
        await admin.patch(`/api/sprints/${sprint.id}`, { version: sprint.version, status: 'open' })
      ).json();
      ctx.clock.set('2026-09-10T08:00:00Z');
      admin = await ctx.as(ctx.users.admin);
    });

    after(async () => {
      await ctx.app.mailer.flush();
      await ctx.close();
      await smtp.close();
    });

    const anon = () => ctx.as('anonymous');
    const register = async (n: number, over: Record<string, unknown>) => {
      const res = await (await anon()).post(`/api/public/sprints/${SLUG}/registrations`, form(n, over));
      assert.equal(res.statusCode, 200, res.body);
    };
    const getBoard = async () => (await admin.get(`/api/sprints/${sprint.id}/board`)).json() as Board;
    const version = async () => ((await admin.get(`/api/sprints/${sprint.id}`)).json() as Sprint).version;
    const rowOf = (b: Board, company: string) => b.unscheduled.find((u) => u.companyName === company);
    const schedule = async () => {
      const run = await admin.post(`/api/sprints/${sprint.id}/schedule`, { version: await version() });
      assert.equal(run.statusCode, 200, run.body);
      return run.json() as Board;
    };

    void test('a registration or a position since the run: the bounds are not current, and no stale reason', async () => {
      await register(1, { slots: ['s2'] });
      await register(2, { slots: ['s3'] });
      // On site, not in the register: no position until the admin sets one.
      await register(3, { mode: 'physical', visitAddress: 'Okänd väg 3, Trollhättan', slots: ['s4'] });
      // Only at 15:30, when no participant is free: the scheduler leaves it out, saying why.
      await register(4, { slots: ['s8'] });
      const roster = await admin.put(`/api/sprints/${sprint.id}/participants`, {
        version: await version(),
        participants: staff.map((s) => ({ userId: s.id, available: BUT_S8, maxVisits: 4 })),
      });
      assert.equal(roster.statusCode, 200, roster.body);
      assert.deepEqual((await getBoard()).changedSinceRun, [], 'nothing to be stale against before a run');

      let board = await schedule();
      assert.deepEqual(board.changedSinceRun, []);
      assert.equal(board.visits.length, 2, JSON.stringify(board.unscheduled));
      assert.equal(typeof board.bound, 'number');
      assert.equal(typeof board.coverageBound, 'number');
      // The reasons in both languages: the scheduler's own English, not the Swedish again.
      const c3 = rowOf(board, 'Företag 3 AB')!;
      assert.deepEqual(
        [c3.reason, c3.reasonEn],
        [MISSING_SV, 'The visiting address has no position. Set it before scheduling.'],
      );
      const c4 = rowOf(board, 'Företag 4 AB')!;
      assert.match(c4.reason, /^Företag 4 AB kan träffas kl\. 15:30–16:15/);
      assert.match(c4.reasonEn ?? '', /^Företag 4 AB can meet in 15:30–16:15/);
      assert.doesNotMatch(c4.reasonEn ?? '', /[0-9a-f]{8}-[0-9a-f]{4}-/, 'names, not ids');

      // A company registers after the run: the bounds no longer bound what the board shows.
      ctx.clock.advance(60_000);
      await register(5, { slots: ['s5'] });
      board = await getBoard();
      assert.deepEqual(board.changedSinceRun, ['registrations']);
      assert.deepEqual(
        [rowOf(board, 'Företag 5 AB')!.reason, rowOf(board, 'Företag 5 AB')!.reasonEn],
        ['Anmäld efter den senaste schemaläggningen.', 'Registered after the last scheduling run.'],
      );
      // What did not change keeps the run's reason.
      assert.equal(rowOf(board, 'Företag 4 AB')!.reason, c4.reason);

      // The missing position is set: the run's "no position" is no longer the reason.
      const regs = (await admin.get(`/api/sprints/${sprint.id}/registrations`)).json().items as Array<{
        id: string;
        updatedAt: string;
      }>;
      const r3 = regs.find((r) => r.id === c3.registration)!;
      const pos = await admin.put(`/api/sprints/${sprint.id}/registrations/${r3.id}/position`, {
        lat: 58.28,
        lon: 12.29,
        updatedAt: r3.updatedAt,
      });
      assert.equal(pos.statusCode, 200, pos.body);
      board = await getBoard();
      assert.deepEqual(board.missingPositions, []);
      const c3now = rowOf(board, 'Företag 3 AB')!;
      assert.notEqual(c3now.reason, MISSING_SV);
      assert.match(c3now.reason, /har ändrats sedan den senaste schemaläggningen/);
      assert.match(c3now.reasonEn ?? '', /has changed since the last scheduling run/);

      // A run again: what it saw is what there is.
      board = await schedule();
      assert.deepEqual(board.changedSinceRun, []);
      assert.ok(
        board.visits.some((v) => v.companyName === 'Företag 3 AB'),
        JSON.stringify(board.unscheduled),
      );
      assert.ok(
        board.visits.some((v) => v.companyName === 'Företag 5 AB'),
        JSON.stringify(board.unscheduled),
      );
    });

    void test("a registration's times, the participants, a hand's change; an older plan by the times", async () => {
      const db = ctx.testDb.db.kysely;
      let board = await getBoard();
      assert.deepEqual(board.changedSinceRun, []);
      const c4 = rowOf(board, 'Företag 4 AB')!;

      // A hand's change is not a change of what the run planned from; its reason is the hand's.
      const c1 = board.visits.find((v) => v.companyName === 'Företag 1 AB')!;
      const dropped = await admin.post(`/api/sprints/${sprint.id}/plan/visits/${c1.registration}/drop`, {
        version: await version(),
      });
      assert.equal(dropped.statusCode, 200, dropped.body);
      board = dropped.json();
      assert.deepEqual(board.changedSinceRun, []);
      assert.deepEqual(
        [rowOf(board, 'Företag 1 AB')!.reason, rowOf(board, 'Företag 1 AB')!.reasonEn],
        ['Togs bort ur planen för hand.', 'Taken out of the plan by hand.'],
      );

      // Company 4 and company 1 change their times (as through their private links).
      for (const id of [c4.registration, c1.registration]) {
        await db
          .updateTable('sprint_registration')
          .set({ slots: JSON.stringify(['s7', 's8']) })
          .where('id', '=', id)
          .execute();
      }
      board = await getBoard();
      assert.deepEqual(board.changedSinceRun, ['registrations']);
      assert.match(rowOf(board, 'Företag 4 AB')!.reason, /har ändrats sedan den senaste schemaläggningen/);
      // Taken out by hand it was, whatever changed since.
      assert.equal(rowOf(board, 'Företag 1 AB')!.reason, 'Togs bort ur planen för hand.');

      // A participant's own times change too.
      const me = await (
        await ctx.as(staff[3]!)
      ).put(`/api/sprints/${sprint.id}/participants/me`, {
        version: await version(),
        available: ['s1', 's2', 's3'],
      });
      assert.equal(me.statusCode, 200, me.body);
      assert.deepEqual((await getBoard()).changedSinceRun, ['registrations', 'participants']);

      // A plan made before runs kept what they saw: registrations written since the run tell.
      const row = await db
        .selectFrom('sprint')
        .select('plan')
        .where('id', '=', sprint.id)
        .executeTakeFirstOrThrow();
      const plan = JSON.parse(row.plan!) as Record<string, unknown> & { solvedAt: string };
      delete plan.basis;
      await db
        .updateTable('sprint')
        .set({ plan: JSON.stringify(plan) })
        .where('id', '=', sprint.id)
        .execute();
      assert.deepEqual((await getBoard()).changedSinceRun, []);
      await db
        .updateTable('sprint_registration')
        .set({ updated_at: new Date(Date.parse(plan.solvedAt) + 1000).toISOString() })
        .where('id', '=', c4.registration)
        .execute();
      board = await getBoard();
      assert.deepEqual(board.changedSinceRun, ['registrations']);
      assert.match(rowOf(board, 'Företag 4 AB')!.reason, /har ändrats sedan den senaste schemaläggningen/);
    });

    void test('a rule the plan breaks is said in Swedish and in English', async () => {
      const db = ctx.testDb.db.kysely;
      const board = await schedule();
      const target = board.visits[0]!;
      await db
        .updateTable('sprint_registration')
        .set({ slots: JSON.stringify(target.slot === 's1' ? ['s2'] : ['s1']) })
        .where('id', '=', target.registration)
        .execute();
      const broken = await getBoard();
      const problem = broken.problems.find((p) => p.path === target.companyName);
      assert.ok(problem, JSON.stringify(broken.problems));
      assert.match(problem.message, /^Regel 1: /);
      assert.match(problem.messageEn ?? '', /^Rule 1: /);
      assert.notEqual(problem.messageEn!.slice('Rule 1: '.length), problem.message.slice('Regel 1: '.length));
    });
  });
}
