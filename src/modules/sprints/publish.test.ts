import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { startSmtp, type ReceivedMail } from '../../../test/helpers/smtp';
import { createStaff } from '../staff/staff.service';
import type { StaffMember } from '../../contracts/staff';
import type { Board, DayPage } from '../../contracts/sprints';
import { insertRegisterCompany, orgNrFor, registrationForm, sprintStaff } from './sprint.fixtures';

/**
 * Publishing a sprint again after the board, the roster or the staff changed: who is sent what,
 * and what the day page shows. Each test plans a sprint of its own (on a day of its own, so that
 * the sprints' visits never clash in the participants' calendars).
 */

type Smtp = Awaited<ReturnType<typeof startSmtp>>;
type BoardVisit = Board['visits'][number];

const ALL_SLOTS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];

const form = registrationForm;

function icsOf(mail: ReceivedMail): string {
  const att = mail.parsed.attachments.find(
    (a) => a.contentType.startsWith('text/calendar') || a.contentType === 'application/ics',
  );
  if (att) return att.content.toString('utf8');
  const m = /BEGIN:VCALENDAR[\s\S]*END:VCALENDAR/.exec(mail.raw);
  assert.ok(m, 'an iCalendar part');
  return m[0];
}

const uidOf = (registration: string) => `UID:besok-sprint-${registration}@besok`;

for (const dialect of DIALECTS) {
  void describe(`publishing a sprint again (${dialect})`, () => {
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
      staff.push(await mk(5, 'Kim Kommunråd', 'Kommunalråd', 'politician', 'majority'));
      staff.push(await mk(6, 'Lea Ledning', 'Kommundirektör', 'leadership', null));
      await insertRegisterCompany(
        db,
        {
          orgNr: orgNrFor(1),
          name: 'Företag 1 AB',
          visitAddress: 'Storgatan 1',
          postalCode: '461 30',
          postalTown: 'Trollhättan',
          lat: 58.283,
          lon: 12.288,
        },
        now,
      );
    });

    after(async () => {
      await ctx.close();
      await smtp.close();
    });

    const emailOf = (id: string) => staff.find((s) => s.id === id)!.email;
    const staffEmails = () => new Set(staff.map((s) => s.email));

    /** A sprint with these registrations, the six people on its roster, planned. */
    async function planned(registrations: Array<Record<string, unknown>>, maxVisits = 4) {
      sprints++;
      const day = `2026-10-${String(19 + sprints).padStart(2, '0')}`;
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
        slug: `pub-${dialect}-${sprints}`,
      });
      assert.equal(created.statusCode, 201, created.body);
      let sprint = created.json();
      sprint = (
        await admin.patch(`/api/sprints/${sprint.id}`, { version: sprint.version, status: 'open' })
      ).json();
      ctx.clock.set('2026-09-10T08:00:00Z');
      const anon = await ctx.as('anonymous');
      for (const r of registrations) {
        const res = await anon.post(`/api/public/sprints/pub-${dialect}-${sprints}/registrations`, r);
        assert.equal(res.statusCode, 200, res.body);
      }
      admin = await ctx.as(ctx.users.admin);
      const roster = await admin.put(`/api/sprints/${sprint.id}/participants`, {
        version: sprint.version,
        participants: staff.map((s) => ({ userId: s.id, available: ALL_SLOTS, maxVisits })),
      });
      assert.equal(roster.statusCode, 200, roster.body);
      ctx.clock.set('2026-10-16T08:00:00Z');
      admin = await ctx.as(ctx.users.admin);
      sprint = (await admin.get(`/api/sprints/${sprint.id}`)).json();
      const run = await admin.post(`/api/sprints/${sprint.id}/schedule`, { version: sprint.version });
      assert.equal(run.statusCode, 200, run.body);
      await ctx.app.mailer.flush(); // the registrations' receipts
      return { sprintId: sprint.id as string, admin, board: run.json() as Board };
    }

    async function version(admin: Client, sprintId: string): Promise<number> {
      return (await admin.get(`/api/sprints/${sprintId}`)).json().version as number;
    }

    async function publish(admin: Client, sprintId: string) {
      smtp.clear();
      const res = await admin.post(`/api/sprints/${sprintId}/publish`, {
        version: await version(admin, sprintId),
      });
      assert.equal(res.statusCode, 200, res.body);
      await ctx.app.mailer.flush();
      return {
        sent: res.json().sent as {
          companies: number;
          participants: number;
          cancellations: number;
          unscheduled: number;
        },
        msgs: [...smtp.messages],
      };
    }

    async function getBoard(admin: Client, sprintId: string): Promise<Board> {
      return (await admin.get(`/api/sprints/${sprintId}/board`)).json();
    }

    /** Sets the first of these teams of the visit the rules allow; the new board, or null. */
    async function setTeam(admin: Client, sprintId: string, v: BoardVisit, teams: string[][]) {
      for (const team of teams) {
        const r = await admin.patch(`/api/sprints/${sprintId}/plan/visits/${v.registration}`, {
          version: await version(admin, sprintId),
          team,
        });
        if (r.statusCode === 200) return { board: r.json() as Board, team };
      }
      return null;
    }

    /** Teams for the visit with one member replaced by someone free in its slot (or one added). */
    function otherTeams(b: Board, v: BoardVisit, out: (id: string) => boolean, canAdd: boolean): string[][] {
      const busy = new Set(b.visits.filter((o) => o.slot === v.slot).flatMap((o) => o.team.map((m) => m.id)));
      const free = staff.filter((s) => !busy.has(s.id)).map((s) => s.id);
      const ids = v.team.map((m) => m.id);
      return [
        ...(canAdd && ids.length < 3 ? free.map((f) => [...ids, f]) : []),
        ...ids.filter(out).flatMap((x) => free.map((f) => [...ids.filter((m) => m !== x), f])),
      ];
    }

    const countOn = (b: Board, id: string) => b.visits.filter((v) => v.team.some((m) => m.id === id)).length;

    void test('a member swapped out and then taken off the roster still gets the cancellation; only those mailed are counted', async () => {
      // One visit a person, at different times: everyone on a visit is on it alone.
      const { sprintId, admin } = await planned([form(2, { slots: ['s1'] }), form(3, { slots: ['s2'] })], 1);
      await publish(admin, sprintId);
      let b = await getBoard(admin, sprintId);
      assert.equal(b.visits.length, 2);

      // Swap out someone who is on that visit alone, for someone free then.
      let found: { v: BoardVisit; out: string } | null = null;
      for (const v of b.visits) {
        const done = await setTeam(
          admin,
          sprintId,
          v,
          otherTeams(b, v, (m) => countOn(b, m) === 1, false),
        );
        if (!done) continue;
        found = { v, out: v.team.map((m) => m.id).find((m) => !done.team.includes(m))! };
        b = done.board;
        break;
      }
      assert.ok(found, 'some member can be swapped');
      const swap = found;
      // Drop another visit, and take those on it alone off the roster too.
      const others = b.visits.filter((v) => v.registration !== swap.v.registration);
      const dropped = others.find((v) => v.team.some((m) => countOn(b, m.id) === 1)) ?? others[0]!;
      const d = await admin.post(`/api/sprints/${sprintId}/plan/visits/${dropped.registration}/drop`, {
        version: await version(admin, sprintId),
      });
      assert.equal(d.statusCode, 200, d.body);
      b = d.json();
      const droppedAlone = dropped.team.map((m) => m.id).filter((m) => countOn(b, m) === 0 && m !== swap.out);
      assert.ok(droppedAlone.length >= 1, 'someone was on the dropped visit only');
      const gone = new Set([swap.out, ...droppedAlone]);
      const roster = await admin.put(`/api/sprints/${sprintId}/participants`, {
        version: await version(admin, sprintId),
        participants: staff
          .filter((s) => !gone.has(s.id))
          .map((s) => ({ userId: s.id, available: ALL_SLOTS, maxVisits: 1 })),
      });
      assert.equal(roster.statusCode, 200, roster.body);

      const { sent, msgs } = await publish(admin, sprintId);
      const to = (id: string) => msgs.filter((m) => m.to.includes(emailOf(id)));
      const outMail = to(swap.out);
      assert.equal(outMail.length, 1, 'the swapped-out member is told');
      assert.match(outMail[0]!.parsed.subject!, /^Inställt för dig: /);
      assert.match(icsOf(outMail[0]!), /METHOD:CANCEL/);
      assert.ok(icsOf(outMail[0]!).includes(uidOf(swap.v.registration)));
      for (const id of droppedAlone) {
        const mine = to(id);
        assert.equal(mine.length, 1, `${emailOf(id)} is told the dropped visit is off`);
        assert.match(icsOf(mine[0]!), /METHOD:CANCEL/);
        assert.ok(icsOf(mine[0]!).includes(uidOf(dropped.registration)));
      }
      assert.equal(sent.cancellations, 1);
      const people = new Set(msgs.flatMap((m) => m.to).filter((a) => staffEmails().has(a)));
      assert.equal(sent.participants, people.size, 'counted are those sent something');
    });

    void test('a visit already held is neither changed nor cancelled by publishing again', async () => {
      const { sprintId } = await planned([form(8, { slots: ['s1'] }), form(9, { slots: ['s2'] })], 1);
      let admin = await ctx.as(ctx.users.admin);
      await publish(admin, sprintId);
      const b = await getBoard(admin, sprintId);
      const held = b.visits.find((v) => v.companyName === 'Företag 8 AB')!;
      const { visit_id: visitId } = await ctx.testDb.db.kysely
        .selectFrom('sprint_published_visit')
        .select('visit_id')
        .where('registration_id', '=', held.registration)
        .executeTakeFirstOrThrow();
      // The day comes and the visit is marked as held.
      const day = ((await admin.get(`/api/sprints/${sprintId}`)).json() as { day: string }).day;
      ctx.clock.set(`${day}T18:00:00Z`);
      admin = await ctx.as(ctx.users.admin);
      const v = (await admin.get(`/api/visits/${visitId}`)).json();
      const done = await admin.patch(`/api/visits/${visitId}`, { version: v.version, status: 'done' });
      assert.equal(done.statusCode, 200, done.body);

      // The board gives it another team afterwards: publishing refuses, naming it, and sends nothing.
      const changed = await setTeam(
        admin,
        sprintId,
        held,
        otherTeams(b, held, () => true, true),
      );
      assert.ok(changed, 'the team can be changed on the board');
      smtp.clear();
      const res = await admin.post(`/api/sprints/${sprintId}/publish`, {
        version: await version(admin, sprintId),
      });
      assert.equal(res.statusCode, 409, res.body);
      assert.deepEqual(res.json().error.details, [
        { path: 'Företag 8 AB', message: 'besöket är redan genomfört; planen ändrar dess tid eller lag' },
      ]);
      await ctx.app.mailer.flush();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.messages.length, 0, 'nothing sent');
      const after = (await admin.get(`/api/visits/${visitId}`)).json();
      assert.equal(after.status, 'done');
      assert.deepEqual(
        after.participants.map((p: { id: string }) => p.id).sort(),
        held.team.map((m) => m.id).sort(),
        'its team as it was',
      );

      // Taken off the plan instead: refused too.
      const dropped = await admin.post(`/api/sprints/${sprintId}/plan/visits/${held.registration}/drop`, {
        version: await version(admin, sprintId),
      });
      assert.equal(dropped.statusCode, 200, dropped.body);
      const again = await admin.post(`/api/sprints/${sprintId}/publish`, {
        version: await version(admin, sprintId),
      });
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().error.details[0].message, 'besöket är redan genomfört; planen tar bort det');
      assert.equal((await admin.get(`/api/visits/${visitId}`)).json().status, 'done');
    });

    void test('someone who joins after the first publication gets their whole day with their first visit, once', async () => {
      const { sprintId, admin } = await planned([form(2, { slots: ['s1'] }), form(3, { slots: ['s2'] })]);
      const first = await publish(admin, sprintId);
      const days = (msgs: typeof first.msgs) => msgs.filter((m) => /^Din dag/.test(m.parsed.subject ?? ''));
      assert.ok(days(first.msgs).length >= 1);
      const late = await createStaff(
        ctx.testDb.db.kysely,
        ctx.municipality.id,
        {
          email: `sen-${dialect}@kommun.se`,
          name: 'Sara Sen',
          title: 'Näringslivsutvecklare',
          phone: '',
          role: 'staff',
          group: 'business',
          party: null,
          expertise: [],
          password: 'korrekt-häst-batteri',
        },
        ctx.clock.now(),
      );
      const roster = await admin.put(`/api/sprints/${sprintId}/participants`, {
        version: await version(admin, sprintId),
        participants: [...staff, late].map((p) => ({ userId: p.id, available: ALL_SLOTS, maxVisits: 4 })),
      });
      assert.equal(roster.statusCode, 200, roster.body);
      // She joins a team (added, or in place of a business member).
      const b = await getBoard(admin, sprintId);
      let joined = false;
      for (const v of b.visits) {
        const ids = v.team.map((m) => m.id);
        const biz = ids.filter((id) => staff.find((x) => x.id === id)?.group === 'business');
        const teams = [[...ids, late.id], ...biz.map((x) => [...ids.filter((m) => m !== x), late.id])];
        if (await setTeam(admin, sprintId, v, teams)) {
          joined = true;
          break;
        }
      }
      assert.ok(joined, 'she could join a team');
      const second = await publish(admin, sprintId);
      const secondDays = days(second.msgs);
      assert.deepEqual(
        secondDays.flatMap((m) => m.to),
        [late.email],
        'only she gets her day; the others had theirs',
      );
      const third = await publish(admin, sprintId);
      assert.equal(days(third.msgs).length, 0, 'once');
    });

    void test('someone new to a team on a re-publication is sent the visit as new, the others the change', async () => {
      const { sprintId, admin } = await planned([form(2, { slots: ['s1'] }), form(3, { slots: ['s2'] })], 1);
      await publish(admin, sprintId);
      let b = await getBoard(admin, sprintId);
      let change: { v: BoardVisit; team: string[] } | null = null;
      for (const v of b.visits) {
        const done = await setTeam(
          admin,
          sprintId,
          v,
          otherTeams(b, v, () => true, true),
        );
        if (!done) continue;
        change = { v, team: done.team };
        b = done.board;
        break;
      }
      assert.ok(change, 'some team can change');
      const before = change.v.team.map((m) => m.id);
      const newcomer = change.team.find((m) => !before.includes(m))!;
      const stayed = change.team.filter((m) => before.includes(m));
      assert.ok(stayed.length >= 1);

      const { msgs } = await publish(admin, sprintId);
      // The visit's own message (a newcomer with no visit before also gets their whole day, "Din dag").
      const of = (id: string) =>
        msgs.find((m) => m.to.includes(emailOf(id)) && !/^Din dag/.test(m.parsed.subject ?? ''))!;
      assert.match(of(newcomer).parsed.subject!, /^Besök: Företag \d AB/);
      assert.match(of(newcomer).parsed.text!, /^Besök i Sprint/);
      assert.match(icsOf(of(newcomer)), /METHOD:REQUEST/);
      for (const id of stayed) {
        assert.match(of(id).parsed.subject!, /^Ändrat besök: /);
        assert.match(of(id).parsed.text!, /^Ändrat besök i /);
      }
      const company = msgs.find((m) => /^kontakt\d@/.test(m.to[0]!))!;
      assert.match(company.parsed.subject!, /^Ändrat besök: /);
    });

    void test('a participant deactivated after planning is not planned nor sent anything, and the board says so', async () => {
      const { sprintId, admin, board } = await planned(
        [form(2, { slots: ['s1'] }), form(3, { slots: ['s2'] }), form(4, { slots: ['s3'] })],
        2,
      );
      const db = ctx.testDb.db.kysely;
      const onVisit = (b: Board, id: string) => b.visits.filter((v) => v.team.some((m) => m.id === id));
      const gone = staff.find((s) => onVisit(board, s.id).length > 0)!;
      const off = await admin.patch(`/api/staff/${gone.id}`, { active: false });
      assert.equal(off.statusCode, 200, off.body);
      try {
        // The board names them, in Swedish, by the company of each visit they are on.
        let b = await getBoard(admin, sprintId);
        const theirs = onVisit(b, gone.id).map((v) => v.companyName);
        assert.deepEqual(
          b.problems.filter((p) => p.message.includes(gone.name)).map((p) => p.path),
          theirs,
          JSON.stringify(b.problems),
        );
        assert.match(b.problems[0]!.message, /inte längre aktiv/);
        const counted = (await admin.get(`/api/sprints/${sprintId}`)).json().participants;
        assert.equal(counted, staff.length - 1, 'the sprint counts those who can take part');
        const refused = await admin.post(`/api/sprints/${sprintId}/publish`, {
          version: await version(admin, sprintId),
        });
        assert.equal(refused.statusCode, 409, refused.body);
        assert.ok(
          refused.json().error.details.some((d: { message: string }) => d.message.includes(gone.name)),
        );
        // The roster can be saved as it is, with them on it.
        const same = await admin.put(`/api/sprints/${sprintId}/participants`, {
          version: await version(admin, sprintId),
          participants: staff.map((s) => ({ userId: s.id, available: ALL_SLOTS, maxVisits: 2 })),
        });
        assert.equal(same.statusCode, 200, same.body);
        // The scheduler leaves them out.
        const rerun = await admin.post(`/api/sprints/${sprintId}/schedule`, {
          version: await version(admin, sprintId),
          seed: 3,
        });
        assert.equal(rerun.statusCode, 200, rerun.body);
        b = rerun.json();
        assert.equal(onVisit(b, gone.id).length, 0);
        assert.deepEqual(b.problems, []);
        const first = await publish(admin, sprintId);
        assert.ok(!first.msgs.some((m) => m.to.includes(gone.email)), 'nothing to the inactive');

        // Someone on visits already sent is deactivated: the roster can be saved without them,
        // the board asks for another member, and publishing waits for one.
        // Someone of the business unit or the leadership: the other two can stand in.
        const next = staff.find((s) => s.group !== 'politician' && onVisit(b, s.id).length > 0)!;
        const theirVisits = onVisit(b, next.id);
        assert.equal((await admin.patch(`/api/staff/${next.id}`, { active: false })).statusCode, 200);
        const without = await admin.put(`/api/sprints/${sprintId}/participants`, {
          version: await version(admin, sprintId),
          participants: staff
            .filter((s) => s.id !== next.id)
            .map((s) => ({ userId: s.id, available: ALL_SLOTS, maxVisits: 2 })),
        });
        assert.equal(without.statusCode, 200, without.body);
        b = await getBoard(admin, sprintId);
        assert.deepEqual(
          b.problems.map((p) => p.path),
          theirVisits.map((v) => v.companyName),
        );
        for (const p of b.problems) assert.match(p.message, new RegExp(`^${next.name} är inte längre aktiv`));
        for (const v of theirVisits)
          assert.ok(
            b.visits.find((x) => x.registration === v.registration)!.team.some((m) => m.name === next.name),
          );
        const waits = await admin.post(`/api/sprints/${sprintId}/publish`, {
          version: await version(admin, sprintId),
        });
        assert.equal(waits.statusCode, 409, waits.body);
        for (const v of theirVisits) {
          const now = b.visits.find((x) => x.registration === v.registration)!;
          const teams = otherTeams(b, now, (m) => m === next.id, false).filter((t) => !t.includes(gone.id));
          const fixed = await setTeam(admin, sprintId, now, teams);
          assert.ok(fixed, 'another member can take their place');
          b = fixed.board;
        }
        assert.deepEqual(b.problems, []);
        const second = await publish(admin, sprintId);
        assert.ok(!second.msgs.some((m) => m.to.includes(next.email) || m.to.includes(gone.email)));
        assert.equal(second.sent.companies, theirVisits.length);
        const teams = await db
          .selectFrom('visit_participant')
          .innerJoin(
            'sprint_published_visit',
            'sprint_published_visit.visit_id',
            'visit_participant.visit_id',
          )
          .select('visit_participant.user_id')
          .where('sprint_published_visit.sprint_id', '=', sprintId)
          .execute();
        assert.ok(!teams.some((r) => r.user_id === next.id || r.user_id === gone.id));
      } finally {
        for (const s of staff) await admin.patch(`/api/staff/${s.id}`, { active: true });
      }
    });

    void test('the day page shows what was sent, not a board edit not sent yet', async () => {
      const { sprintId, admin, board } = await planned([form(2), form(3), form(4)]);
      // Before the first publication an admin sees the draft (marked unpublished); the participant nothing.
      const person = board.visits[0]!.team[0]!;
      const member = await ctx.as(staff.find((s) => s.id === person.id)!);
      const draft: DayPage = (await admin.get(`/api/sprints/${sprintId}/day/${person.id}`)).json();
      assert.equal(draft.sprint.published, false);
      assert.ok(draft.visits.length >= 1);
      assert.deepEqual((await member.get(`/api/sprints/${sprintId}/day`)).json().visits, []);

      await publish(admin, sprintId);
      let b = await getBoard(admin, sprintId);
      const v = b.visits.find((x) => x.team.some((m) => m.id === person.id))!;
      const sentSlot = b.slots.find((s) => s.id === v.slot)!;
      let movedTo: string | null = null;
      for (const slot of ['s1', 's2', 's3', 's4']) {
        if (slot === v.slot) continue;
        const r = await admin.patch(`/api/sprints/${sprintId}/plan/visits/${v.registration}`, {
          version: await version(admin, sprintId),
          slot,
        });
        if (r.statusCode === 200) {
          movedTo = slot;
          b = r.json();
          break;
        }
      }
      assert.ok(movedTo, 'the visit can move');
      const other = b.visits.find((x) => x.registration !== v.registration)!;
      const drop = await admin.post(`/api/sprints/${sprintId}/plan/visits/${other.registration}/drop`, {
        version: await version(admin, sprintId),
      });
      assert.equal(drop.statusCode, 200, drop.body);
      assert.equal(drop.json().pendingChanges, 2);

      const day: DayPage = (await member.get(`/api/sprints/${sprintId}/day`)).json();
      const shown = day.visits.find((x) => x.companyName === v.companyName)!;
      assert.equal(shown.start, sentSlot.start, 'the time the calendars have');
      const otherMember = await ctx.as(staff.find((s) => s.id === other.team[0]!.id)!);
      const otherDay: DayPage = (await otherMember.get(`/api/sprints/${sprintId}/day`)).json();
      assert.ok(
        otherDay.visits.some((x) => x.companyName === other.companyName),
        'a dropped visit shows until its cancellation is sent',
      );
      assert.deepEqual((await admin.get(`/api/sprints/${sprintId}/day/${person.id}`)).json(), day);

      await publish(admin, sprintId);
      const after: DayPage = (await member.get(`/api/sprints/${sprintId}/day`)).json();
      const newSlot = b.slots.find((s) => s.id === movedTo)!;
      assert.equal(after.visits.find((x) => x.companyName === v.companyName)!.start, newSlot.start);
      const otherAfter: DayPage = (await otherMember.get(`/api/sprints/${sprintId}/day`)).json();
      assert.ok(!otherAfter.visits.some((x) => x.companyName === other.companyName));
    });

    void test("each visit of one's day links to its page (day page and the Din dag e-mail); topics in both languages", async () => {
      const { sprintId, admin, board } = await planned([
        form(2, { topics: ['lokaler-mark', 'kompetensforsorjning'] }),
        form(3),
      ]);
      const person = board.visits.find((v) => v.companyName === 'Företag 2 AB')!.team[0]!;
      const member = staff.find((s) => s.id === person.id)!;
      // The draft has no visits to open yet.
      const draft: DayPage = (await admin.get(`/api/sprints/${sprintId}/day/${person.id}`)).json();
      assert.ok(draft.visits.length >= 1);
      assert.ok(draft.visits.every((v) => v.visitId === null));

      const { msgs } = await publish(admin, sprintId);
      const client = await ctx.as(member);
      const day: DayPage = (await client.get(`/api/sprints/${sprintId}/day`)).json();
      assert.ok(day.visits.length >= 1);
      const mail = msgs.find((m) => m.to.includes(member.email) && /^Din dag/.test(m.parsed.subject ?? ''));
      assert.ok(mail, 'the Din dag e-mail');
      for (const v of day.visits) {
        assert.ok(v.visitId, `${v.companyName} has its visit`);
        // The visit the link opens: this sprint's, at the time shown, with the person on it.
        const visit = await client.get(`/api/visits/${v.visitId}`);
        assert.equal(visit.statusCode, 200, visit.body);
        assert.equal(visit.json().company.name, v.companyName);
        assert.deepEqual(visit.json().programme, { type: 'sprint', id: sprintId });
        assert.equal(Date.parse(visit.json().startsAt), Date.parse(v.startsAt));
        assert.ok(visit.json().participants.some((p: { id: string }) => p.id === member.id));
        // The e-mail links each visit under its line, by the address the app is reached at.
        assert.match(
          mail.parsed.text ?? '',
          new RegExp(
            `${v.start}–${v.end}  ${v.companyName} .*\\n  Besöket och rapporten: http://besok\\.test/besok/${v.visitId}\\n`,
          ),
        );
      }
      // Topics carry both labels of the municipality's list, for the reader's language.
      assert.deepEqual(day.visits.find((v) => v.companyName === 'Företag 2 AB')!.topics, [
        { slug: 'lokaler-mark', labelSv: 'Lokaler och mark', labelEn: 'Premises and land' },
        {
          slug: 'kompetensforsorjning',
          labelSv: 'Kompetensförsörjning och rekrytering',
          labelEn: 'Skills and recruitment',
        },
      ]);

      // The start page's "your sprint day": one's own sprints, for an admin too.
      const mine = (await client.get('/api/sprints?scope=mine')).json().items as Array<{ id: string }>;
      assert.ok(mine.some((x) => x.id === sprintId));
      const adminsMine = (await admin.get('/api/sprints?scope=mine')).json().items as Array<{ id: string }>;
      assert.ok(!adminsMine.some((x) => x.id === sprintId), 'the admin is not on the roster');
      const adminsAll = (await admin.get('/api/sprints')).json().items as Array<{ id: string }>;
      assert.ok(adminsAll.some((x) => x.id === sprintId));
    });

    void test('a registration the scheduler never saw (it came after the run) is not told it was left out', async () => {
      const { sprintId } = await planned([form(2), form(3)]);
      // Företag 5 AB registers after the scheduling run (the clock goes back into the open period).
      ctx.clock.set('2026-10-14T08:00:00Z');
      const late = await (
        await ctx.as('anonymous')
      ).post(`/api/public/sprints/pub-${dialect}-${sprints}/registrations`, form(5));
      assert.equal(late.statusCode, 200, late.body);
      ctx.clock.set('2026-10-16T09:00:00Z');
      const admin2 = await ctx.as(ctx.users.admin);
      await ctx.app.mailer.flush(); // its receipt
      const board = await getBoard(admin2, sprintId);
      assert.ok(!board.visits.some((v) => v.companyName === 'Företag 5 AB'));
      const first = await publish(admin2, sprintId);
      assert.equal(first.sent.unscheduled, 0, JSON.stringify(first.sent));
      assert.ok(!first.msgs.some((m) => m.to.includes('kontakt5@foretag5.se')), 'not told it was left out');
      // The next run sees it and plans it; the next publication sends it its visit.
      const rerun = await admin2.post(`/api/sprints/${sprintId}/schedule`, {
        version: await version(admin2, sprintId),
      });
      assert.equal(rerun.statusCode, 200, rerun.body);
      assert.ok((rerun.json() as Board).visits.some((v) => v.companyName === 'Företag 5 AB'));
      const second = await publish(admin2, sprintId);
      const mail = second.msgs.find((m) => m.to.includes('kontakt5@foretag5.se'));
      assert.match(mail?.parsed.subject ?? '', /^Ert besök: /);
    });

    void test('a registration waiting for a position is not told it was left out', async () => {
      // Företag 7 AB is not in the register: its on-site address has no position.
      const { sprintId, admin, board } = await planned([
        form(2),
        form(3),
        form(7, { mode: 'physical', visitAddress: 'Okändvägen 7, 461 30 Trollhättan' }),
      ]);
      assert.deepEqual(
        board.missingPositions.map((m) => m.companyName),
        ['Företag 7 AB'],
      );
      const first = await publish(admin, sprintId);
      assert.equal(first.sent.unscheduled, 0);
      assert.ok(!first.msgs.some((m) => m.to.includes('kontakt7@foretag7.se')), JSON.stringify(first.sent));

      // Once it has a position it is planned and sent its visit.
      const reg = (await admin.get(`/api/sprints/${sprintId}/registrations`))
        .json()
        .items.find((r: { companyName: string }) => r.companyName === 'Företag 7 AB');
      const pos = await admin.put(`/api/sprints/${sprintId}/registrations/${reg.id}/position`, {
        lat: 58.28,
        lon: 12.29,
        updatedAt: reg.updatedAt,
      });
      assert.equal(pos.statusCode, 200, pos.body);
      const rerun = await admin.post(`/api/sprints/${sprintId}/schedule`, {
        version: await version(admin, sprintId),
      });
      assert.equal(rerun.statusCode, 200, rerun.body);
      assert.ok((rerun.json() as Board).visits.some((v) => v.companyName === 'Företag 7 AB'));
      const second = await publish(admin, sprintId);
      const mail = second.msgs.find((m) => m.to.includes('kontakt7@foretag7.se'));
      assert.match(mail?.parsed.subject ?? '', /^Ert besök: /);
    });
  });
}
