import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { startSmtp } from '../../../test/helpers/smtp';
import type { StaffMember } from '../../contracts/staff';
import type { Board, Sprint } from '../../contracts/sprints';
import { registrationForm, sprintStaff } from './sprint.fixtures';

/**
 * Changing the day under a plan — its times, its rules, the roster, someone's own times: only
 * what the change itself breaks leaves the plan (or refuses the change when it was sent), and a
 * time companies chose is theirs only as long as it stays at that time.
 */

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

const ALL_SLOTS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
const form = registrationForm;

for (const dialect of DIALECTS) {
  void describe(`changing the day under a plan (${dialect})`, () => {
    let ctx: TestContext;
    let smtp: Smtp;
    const staff: StaffMember[] = [];
    let sprints = 0;

    before(async () => {
      smtp = await startSmtp();
      ctx = await createTestApp(dialect, {
        env: { SMTP_URL: smtp.url, REGISTRATION_RATE_LIMIT: '1000' },
        now: '2026-09-01T08:00:00Z',
      });
      const db = ctx.testDb.db.kysely;
      const now = ctx.clock.now();
      const mk = (
        i: number,
        name: string,
        title: string,
        group: StaffMember['group'],
        party: StaffMember['party'],
      ) => sprintStaff(db, ctx.municipality.id, now, { i, name, title, group, party });
      staff.push(await mk(1, 'Pia Politiker', 'KSO', 'politician', 'majority'));
      staff.push(await mk(2, 'Olle Opposition', 'Oppositionsråd', 'politician', 'opposition'));
      staff.push(await mk(3, 'Nina Näringsliv', 'Näringslivschef', 'business', null));
      staff.push(await mk(4, 'Bo Utvecklare', 'Företagsutvecklare', 'business', null));
    });

    after(async () => {
      await ctx.close();
      await smtp.close();
    });

    /** Three digital registrations, each free at one time only (s2, s3, s5), planned. */
    async function planned() {
      sprints++;
      const day = `2026-10-${String(19 + sprints).padStart(2, '0')}`;
      const slug = `day-${dialect}-${sprints}`;
      ctx.clock.set('2026-09-01T08:00:00Z');
      let admin = await ctx.as(ctx.users.admin);
      const created = await admin.post('/api/sprints', {
        name: `Sprint ${sprints}`,
        day,
        topics: [],
        registrationOpensAt: '2026-09-05T07:00:00Z',
        registrationClosesAt: '2026-10-15T16:00:00Z',
        publicText: 'Välkomna',
        meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
        slug,
      });
      assert.equal(created.statusCode, 201, created.body);
      let sprint = created.json() as Sprint;
      sprint = (
        await admin.patch(`/api/sprints/${sprint.id}`, { version: sprint.version, status: 'open' })
      ).json();
      ctx.clock.set('2026-09-10T08:00:00Z');
      const anon = await ctx.as('anonymous');
      for (const [n, slots] of [
        [1, ['s2']],
        [2, ['s3']],
        [3, ['s5']],
      ] as const) {
        const res = await anon.post(`/api/public/sprints/${slug}/registrations`, form(n, { slots }));
        assert.equal(res.statusCode, 200, res.body);
      }
      admin = await ctx.as(ctx.users.admin);
      const roster = await admin.put(`/api/sprints/${sprint.id}/participants`, {
        version: sprint.version,
        participants: staff.map((s) => ({ userId: s.id, available: ALL_SLOTS, maxVisits: 4 })),
      });
      assert.equal(roster.statusCode, 200, roster.body);
      ctx.clock.set('2026-10-16T08:00:00Z');
      admin = await ctx.as(ctx.users.admin);
      sprint = (await admin.get(`/api/sprints/${sprint.id}`)).json();
      const run = await admin.post(`/api/sprints/${sprint.id}/schedule`, { version: sprint.version });
      assert.equal(run.statusCode, 200, run.body);
      const board = run.json() as Board;
      assert.equal(board.visits.length, 3, JSON.stringify(board.unscheduled));
      await ctx.app.mailer.flush();
      return { sprintId: sprint.id, admin, board };
    }

    const getSprint = async (admin: Client, id: string) =>
      (await admin.get(`/api/sprints/${id}`)).json() as Sprint;
    const getBoard = async (admin: Client, id: string) =>
      (await admin.get(`/api/sprints/${id}/board`)).json() as Board;
    const visitOf = (b: Board, company: string) => b.visits.find((v) => v.companyName === company);

    void test('a visit that already broke a rule stays when the settings, the roster or own times are saved as they were', async () => {
      const { sprintId, admin } = await planned();
      // Företag 1 now says it can only at s8 (its visit is at s2): rule 1 is broken, on the board.
      const db = ctx.testDb.db.kysely;
      const reg1 = visitOf(await getBoard(admin, sprintId), 'Företag 1 AB')!;
      await db
        .updateTable('sprint_registration')
        .set({ slots: JSON.stringify(['s8']) })
        .where('id', '=', reg1.registration)
        .execute();
      assert.ok((await getBoard(admin, sprintId)).problems.some((p) => p.path === 'Företag 1 AB'));

      // The settings form sends the day's times and rules as they are.
      let s = await getSprint(admin, sprintId);
      const saved = await admin.patch(`/api/sprints/${sprintId}`, {
        version: s.version,
        name: 'Sprint omdöpt',
        slots: s.slots,
        rules: s.rules,
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(
        (saved.json() as Sprint).slots.map((x) => x.id),
        s.slots.map((x) => x.id),
      );
      let board = await getBoard(admin, sprintId);
      assert.ok(
        visitOf(board, 'Företag 1 AB'),
        'the settings saved as they were leave the visit in the plan',
      );

      // The roster saved as it is.
      s = await getSprint(admin, sprintId);
      const roster = await admin.put(`/api/sprints/${sprintId}/participants`, {
        version: s.version,
        participants: staff.map((p) => ({ userId: p.id, available: ALL_SLOTS, maxVisits: 4 })),
      });
      assert.equal(roster.statusCode, 200, roster.body);
      board = await getBoard(admin, sprintId);
      assert.ok(visitOf(board, 'Företag 1 AB'), 'the roster saved as it was leaves the visit in the plan');

      // A member of that visit saves their own times unchanged.
      const member = staff.find((p) => p.id === visitOf(board, 'Företag 1 AB')!.team[0]!.id)!;
      const own = await ctx.as(member);
      s = await getSprint(admin, sprintId);
      const mine = await own.put(`/api/sprints/${sprintId}/participants/me`, {
        version: s.version,
        available: ALL_SLOTS,
      });
      assert.equal(mine.statusCode, 200, mine.body);
      board = await getBoard(admin, sprintId);
      assert.ok(visitOf(board, 'Företag 1 AB'), 'own times saved as they were leave the visit in the plan');

      // What a change does break still leaves: a member of Företag 2's visit is no longer free then.
      const v2 = visitOf(board, 'Företag 2 AB')!;
      const other = staff.find((p) => p.id === v2.team[0]!.id)!;
      s = await getSprint(admin, sprintId);
      const busy = await (
        await ctx.as(other)
      ).put(`/api/sprints/${sprintId}/participants/me`, {
        version: s.version,
        available: ALL_SLOTS.filter((x) => x !== v2.slot),
      });
      assert.equal(busy.statusCode, 200, busy.body);
      board = await getBoard(admin, sprintId);
      assert.equal(visitOf(board, 'Företag 2 AB'), undefined);
      assert.match(
        board.unscheduled.find((u) => u.companyName === 'Företag 2 AB')!.reason,
        /ändrade sina tider/,
      );
      assert.ok(visitOf(board, 'Företag 1 AB'));
      assert.ok(visitOf(board, 'Företag 3 AB'));
    });

    void test('a chosen time that moves is a new time: the choices and the visit in it are let go; an unchosen time keeps its id', async () => {
      const { sprintId, admin } = await planned();
      const s = await getSprint(admin, sprintId);
      const before = await admin.get(`/api/sprints/${sprintId}/participants`);
      assert.ok(
        (before.json().items as Array<{ available: string[] }>).every((p) => p.available.includes('s2')),
      );
      // s2 (chosen by Företag 1, whose visit is there) moves a quarter; s8 (chosen by nobody) too.
      const slots = s.slots.map((x) =>
        x.id === 's2' || x.id === 's8' ? { ...x, start: x.start.replace(':30', ':45') } : x,
      );
      const moved2 = slots.find((x) => x.id === 's2')!;
      const res = await admin.patch(`/api/sprints/${sprintId}`, {
        version: s.version,
        slots,
        rules: s.rules,
      });
      assert.equal(res.statusCode, 200, res.body);
      const after = res.json() as Sprint;
      assert.ok(!after.slots.some((x) => x.id === 's2'), 'the moved chosen time has a new id');
      const renamed = after.slots.find((x) => x.start === moved2.start && x.end === moved2.end)!;
      assert.ok(renamed && !ALL_SLOTS.includes(renamed.id), JSON.stringify(after.slots));
      assert.equal(after.slots.find((x) => x.id === 's8')!.start, slots.find((x) => x.id === 's8')!.start);
      const board = await getBoard(admin, sprintId);
      assert.equal(visitOf(board, 'Företag 1 AB'), undefined, 'its visit was at the old time');
      assert.ok(board.unscheduled.some((u) => u.companyName === 'Företag 1 AB'));
      assert.ok(visitOf(board, 'Företag 2 AB') && visitOf(board, 'Företag 3 AB'));
      // The participants' own times go with the time.
      const people = (await admin.get(`/api/sprints/${sprintId}/participants`)).json().items as Array<{
        available: string[];
      }>;
      for (const p of people) {
        assert.ok(p.available.includes(renamed.id) && !p.available.includes('s2'), JSON.stringify(p));
      }
      // The company's choice of the old time is let go: it is no longer one of its times.
      const regs = (await admin.get(`/api/sprints/${sprintId}/registrations`)).json().items as Array<{
        companyName: string;
        slots: string[];
      }>;
      assert.ok(!regs.find((r) => r.companyName === 'Företag 1 AB')!.slots.includes(renamed.id));

      // A time added with the id of one removed that a company chose does not take that choice.
      let cur = await getSprint(admin, sprintId);
      const without3 = cur.slots.filter((x) => x.id !== 's3');
      const removed = await admin.patch(`/api/sprints/${sprintId}`, {
        version: cur.version,
        slots: without3,
      });
      assert.equal(removed.statusCode, 200, removed.body);
      cur = removed.json() as Sprint;
      const readded = await admin.patch(`/api/sprints/${sprintId}`, {
        version: cur.version,
        slots: [...cur.slots, { id: 's3', start: '17:00', end: '17:45' }],
      });
      assert.equal(readded.statusCode, 200, readded.body);
      const added = (readded.json() as Sprint).slots.find((x) => x.start === '17:00')!;
      assert.notEqual(added.id, 's3');
      assert.notEqual(added.id, renamed.id);
    });

    void test('moving a time whose visit is already sent is refused and changes nothing', async () => {
      const { sprintId, admin } = await planned();
      let s = await getSprint(admin, sprintId);
      const pub = await admin.post(`/api/sprints/${sprintId}/publish`, { version: s.version });
      assert.equal(pub.statusCode, 200, pub.body);
      await ctx.app.mailer.flush();
      s = await getSprint(admin, sprintId);
      const slots = s.slots.map((x) => (x.id === 's3' ? { ...x, end: '23:00' } : x));
      const res = await admin.patch(`/api/sprints/${sprintId}`, { version: s.version, slots });
      assert.equal(res.statusCode, 409, res.body);
      assert.ok(
        (res.json().error.details as Array<{ path: string; message: string }>).some(
          (d) => d.path === 'Företag 2 AB' && /borttagen eller flyttad/.test(d.message),
        ),
        res.body,
      );
      const now = await getSprint(admin, sprintId);
      assert.deepEqual(now.slots, s.slots);
      assert.equal(now.version, s.version);
      assert.ok(visitOf(await getBoard(admin, sprintId), 'Företag 2 AB'));
    });
  });
}
