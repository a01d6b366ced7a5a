import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, TEST_PASSWORD, type Client, type TestContext } from '../../../test/helpers/app';
import { createStaff } from '../staff/staff.service';
import type { StaffMember } from '../../contracts/staff';
import { startSmtp } from '../../../test/helpers/smtp';
import { runSweeps } from '../jobs/jobs';
import { insertTestCompany } from '../visits/visit.fixtures';

/**
 * An app with a real SMTP server, on 2 March 2026 at 08:00, and a visit that day at 09:00 to the
 * company `name` by the staff member (signed in as `staff`; `admin` too).
 */
async function visitWithSmtp(dialect: (typeof DIALECTS)[number], name: string, orgNr: string) {
  const smtp = await startSmtp();
  const t = await createTestApp(dialect, { env: { SMTP_URL: smtp.url }, now: '2026-03-02T08:00:00Z' });
  const staff = await t.as(t.users.staff);
  const admin = await t.as(t.users.admin);
  const companyId = await insertTestCompany(t.testDb.db.kysely, { name, orgNr });
  const v = await staff.post('/api/visits', {
    companyId,
    startsAt: '2026-03-02T09:00:00Z',
    endsAt: '2026-03-02T10:00:00Z',
    mode: 'physical',
    participantIds: [t.users.staff.id],
  });
  assert.equal(v.statusCode, 201, v.body);
  return { smtp, t, staff, admin, visitId: v.json().id as string };
}

/** A staff member or admin of the business unit, named after their address, who can log in. */
function addPerson(t: TestContext, email: string, role: 'staff' | 'admin') {
  return createStaff(
    t.testDb.db.kysely,
    t.municipality.id,
    {
      email,
      name: email.split('@')[0]!,
      title: '',
      phone: '',
      role,
      group: 'business',
      party: null,
      expertise: [],
      password: TEST_PASSWORD,
    },
    t.clock.now(),
  );
}

for (const dialect of DIALECTS) {
  void describe(`follow-ups (${dialect})`, () => {
    let t: TestContext;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let staff: Client;
    let admin: Client;
    let visitId: string;
    let topicId: string;

    before(async () => {
      ({ smtp, t, staff, admin, visitId } = await visitWithSmtp(
        dialect,
        'Öresunds Verkstad AB',
        '5560000002',
      ));
      topicId = (await staff.get('/api/topics')).json().items[1].id;
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    void test('a follow-up to a staff member e-mails the owner; one to a department does not', async () => {
      const res = await staff.post(`/api/visits/${visitId}/followups`, {
        need: 'Lokal på 400 m² i hamnen',
        topicId,
        ownerUserId: t.users.admin.id,
        dueDate: '2026-03-20',
      });
      assert.equal(res.statusCode, 201, res.body);
      const f = res.json();
      assert.equal(f.status, 'open');
      assert.equal(f.owner.label, 'Anna Admin');
      assert.equal(f.topic.label, 'Lokaler och mark');
      assert.equal(f.log[0].kind, 'created');
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['admin@test.se']);
      assert.match(mail!.parsed.subject ?? '', /Ny uppföljning: Öresunds Verkstad AB/);
      assert.match(mail!.parsed.text ?? '', /Lokal på 400 m² i hamnen/);
      assert.match(mail!.parsed.text ?? '', new RegExp(`http://besok.test/uppfoljningar/${f.id}`));

      const dept = await staff.post(`/api/visits/${visitId}/followups`, {
        need: 'Kontakt med miljöförvaltningen om tillstånd',
        ownerDepartment: 'Miljöförvaltningen',
        dueDate: '2026-03-10',
      });
      assert.equal(dept.statusCode, 201, dept.body);
      assert.equal(dept.json().owner.label, 'Miljöförvaltningen');
      await t.app.mailer.flush(); // whatever the request queued is sent by now
      assert.equal(smtp.messages.length, 1);
    });

    void test('an owner is a person or a department, not both and not neither', async () => {
      const both = await staff.post(`/api/visits/${visitId}/followups`, {
        need: 'x',
        ownerUserId: t.users.admin.id,
        ownerDepartment: 'Tekniska',
        dueDate: '2026-03-20',
      });
      assert.equal(both.statusCode, 400);
      const neither = await staff.post(`/api/visits/${visitId}/followups`, {
        need: 'x',
        dueDate: '2026-03-20',
      });
      assert.equal(neither.statusCode, 400);
      assert.equal(neither.json().error.details[0].path, 'ownerUserId');
    });

    void test('status changes are logged; not possible needs a why; stale edits are refused', async () => {
      const f = (
        await staff.post(`/api/visits/${visitId}/followups`, {
          need: 'Nätverk för unga företagare',
          ownerUserId: t.users.staff.id,
          dueDate: '2026-04-01',
        })
      ).json();
      const progress = await staff.patch(`/api/followups/${f.id}`, {
        version: f.version,
        status: 'in_progress',
        note: 'Ringt Nyföretagarcentrum',
      });
      assert.equal(progress.statusCode, 200, progress.body);
      const noWhy = await staff.patch(`/api/followups/${f.id}`, {
        version: progress.json().version,
        status: 'not_possible',
      });
      assert.equal(noWhy.statusCode, 400);
      assert.equal(noWhy.json().error.details[0].path, 'reason');
      const stale = await staff.patch(`/api/followups/${f.id}`, { version: f.version, status: 'done' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'STALE');
      const no = await staff.patch(`/api/followups/${f.id}`, {
        version: progress.json().version,
        status: 'not_possible',
        reason: 'Nätverket finns inte i kommunen',
      });
      assert.equal(no.statusCode, 200, no.body);
      assert.equal(no.json().status, 'not_possible');
      assert.ok(no.json().closedAt);
      const logged = await staff.post(`/api/followups/${f.id}/log`, {
        text: 'Tipsade om grannkommunens nätverk',
      });
      assert.equal(logged.statusCode, 200);
      const kinds = logged.json().log.map((l: { kind: string; text: string }) => `${l.kind}:${l.text}`);
      assert.deepEqual(kinds, [
        'created:Ansvarig: Sven Staff. Klart senast 2026-04-01.',
        'status:Status: Pågår',
        'note:Ringt Nyföretagarcentrum',
        'status:Status: Inte möjlig – Nätverket finns inte i kommunen',
        'note:Tipsade om grannkommunens nätverk',
      ]);
    });

    void test('lists: mine, all open by owner and age, overdue', async () => {
      const mineRes = await admin.get('/api/followups?scope=mine');
      assert.equal(mineRes.statusCode, 200, mineRes.body);
      const mine = mineRes.json().items;
      assert.deepEqual(
        mine.map((f: { need: string }) => f.need),
        ['Lokal på 400 m² i hamnen'],
      );
      t.clock.set('2026-03-12T08:00:00Z');
      admin = await t.as(t.users.admin); // sessions last 12 hours
      const open = (await admin.get('/api/followups?scope=open')).json().items;
      assert.deepEqual(
        open.map((f: { owner: { label: string }; ageDays: number }) => [f.owner.label, f.ageDays]),
        [
          ['Anna Admin', 10],
          ['Miljöförvaltningen', 10],
        ],
      );
      const overdue = (await admin.get('/api/followups?scope=overdue')).json().items;
      assert.deepEqual(
        overdue.map((f: { owner: { label: string }; overdue: boolean }) => [f.owner.label, f.overdue]),
        [['Miljöförvaltningen', true]],
      );
      const byVisit = (await admin.get(`/api/followups?scope=all&visitId=${visitId}`)).json().items;
      assert.equal(byVisit.length, 3);
    });

    void test('the overdue sweep tells the owner once (the creator for a department)', async () => {
      smtp.clear();
      t.clock.set('2026-03-21T06:00:00Z'); // 07:00 in Sweden on the 21st: the 20th has passed
      admin = await t.as(t.users.admin);
      await runSweeps(t.app);
      const mails = await smtp.waitFor(2);
      const byTo = new Map(mails.map((m) => [m.to[0], m.parsed.subject]));
      assert.match(byTo.get('admin@test.se') ?? '', /Försenad uppföljning: Öresunds Verkstad AB/);
      assert.match(
        byTo.get('staff@test.se') ?? '',
        /Försenad uppföljning/,
        'the creator of the department follow-up',
      );
      await runSweeps(t.app);
      await t.app.mailer.flush();
      assert.equal(smtp.messages.length, 2, 'no second notice');
      const notified = await t.testDb.db.kysely
        .selectFrom('followup')
        .select('overdue_notified_at')
        .where('overdue_notified_at', 'is not', null)
        .execute();
      assert.equal(notified.length, 2);
    });

    void test('a new due date arms the overdue notice again; closing stops it', async () => {
      smtp.clear();
      const [f] = (await admin.get('/api/followups?scope=mine')).json().items;
      const moved = await admin.patch(`/api/followups/${f.id}`, {
        version: f.version,
        dueDate: '2026-03-25',
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().overdue, false);
      t.clock.set('2026-03-26T08:00:00Z');
      admin = await t.as(t.users.admin);
      await runSweeps(t.app);
      await smtp.waitFor(1);
      const done = await admin.patch(`/api/followups/${f.id}`, {
        version: moved.json().version,
        status: 'done',
      });
      assert.equal(done.statusCode, 200);
      assert.equal(done.json().overdue, false);
    });

    void test('an owner no longer active: the creator is told; neither active: the admins are', async () => {
      const owner = await addPerson(t, 'agare@test.se', 'staff');
      // An admin, who may add follow-ups to any visit.
      const creator = await addPerson(t, 'skapare@test.se', 'admin');
      const due = '2026-03-28';
      const followupBy = async (who: StaffMember, need: string) => {
        const c = await t.as(who);
        const r = await c.post(`/api/visits/${visitId}/followups`, {
          need,
          ownerUserId: owner.id,
          dueDate: due,
        });
        assert.equal(r.statusCode, 201, r.body);
      };
      await followupBy(t.users.staff, 'Bygglov för tillbyggnad');
      await followupBy(creator, 'Kontakt med Almi');
      const off = async (u: StaffMember) => {
        const r = await admin.patch(`/api/staff/${u.id}`, { active: false });
        assert.equal(r.statusCode, 200, r.body);
      };
      await off(owner);
      await off(creator);
      await t.app.mailer.flush(); // the owner's "new follow-up" mails, sent before this is about
      smtp.clear();
      t.clock.set('2026-03-29T08:00:00Z');
      admin = await t.as(t.users.admin);
      await runSweeps(t.app);
      await t.app.mailer.flush();
      const about = (need: string) =>
        smtp.messages.filter((m) => (m.parsed.text ?? '').includes(need)).flatMap((m) => m.to);
      assert.deepEqual(about('Bygglov för tillbyggnad'), ['staff@test.se'], 'its creator');
      assert.match(
        smtp.messages.find((m) => m.to[0] === 'staff@test.se')!.parsed.text!,
        /den ansvariga är inte längre aktiv/,
      );
      assert.deepEqual(about('Kontakt med Almi'), ['admin@test.se'], 'the active admins');
      assert.equal(smtp.messages.filter((m) => m.to.includes('agare@test.se')).length, 0);
    });

    void test('who may change a follow-up', async () => {
      const viewer = await t.as(t.users.viewer);
      assert.equal((await viewer.get('/api/followups')).statusCode, 403);
      const [f] = (await admin.get('/api/followups?scope=all')).json().items;
      assert.equal(
        (await viewer.patch(`/api/followups/${f.id}`, { version: f.version, status: 'done' })).statusCode,
        403,
      );
    });

    void test('a due date that has passed is refused when set, not when kept; today is fine', async () => {
      staff = await t.as(t.users.staff); // sessions last 12 hours, and the clock has moved on
      // Today by the app's clock (moved on by the tests before this one), in Sweden.
      const day = (offset: number) =>
        new Date(t.clock.now().getTime() + offset * 86_400_000).toLocaleDateString('sv-SE', {
          timeZone: 'Europe/Stockholm',
        });
      const past = await staff.post(`/api/visits/${visitId}/followups`, {
        need: 'Fel år',
        ownerDepartment: 'Tekniska',
        dueDate: '2020-01-01',
      });
      assert.equal(past.statusCode, 400, past.body);
      assert.deepEqual(past.json().error.details, [
        { path: 'dueDate', message: `datumet har redan varit; välj i dag (${day(0)}) eller senare` },
      ]);
      assert.equal(
        (await t.testDb.db.kysely.selectFrom('followup').select('id').where('need', '=', 'Fel år').execute())
          .length,
        0,
      );
      const today = await staff.post(`/api/visits/${visitId}/followups`, {
        need: 'Ring i dag',
        ownerDepartment: 'Tekniska',
        dueDate: day(0),
      });
      assert.equal(today.statusCode, 201, today.body);
      const moved = await staff.patch(`/api/followups/${today.json().id}`, {
        version: today.json().version,
        dueDate: day(-1),
      });
      assert.equal(moved.statusCode, 400, moved.body);
      assert.equal(moved.json().error.details[0].path, 'dueDate');
      // One already overdue can still be worked on: its date is kept as it is.
      await t.testDb.db.kysely
        .updateTable('followup')
        .set({ due_date: day(-10) })
        .where('id', '=', today.json().id)
        .execute();
      const done = await staff.patch(`/api/followups/${today.json().id}`, {
        version: today.json().version,
        dueDate: day(-10),
        status: 'done',
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().status, 'done');
    });
  });
}

for (const dialect of DIALECTS) {
  void describe(`follow-up owners, keys, reminders and the log (${dialect})`, () => {
    let t: TestContext;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let staff: Client;
    let admin: Client;
    let visitId: string;

    const followup = async (c: Client, body: Record<string, unknown>) => {
      const r = await c.post(`/api/visits/${visitId}/followups`, { dueDate: '2026-03-10', ...body });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { id: string; version: number; need: string };
    };

    before(async () => {
      ({ smtp, t, staff, admin, visitId } = await visitWithSmtp(dialect, 'Vänerns Plåt AB', '5560000029'));
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    void test('a viewer cannot own a follow-up: refused on the field, and not e-mailed', async () => {
      const made = await staff.post(`/api/visits/${visitId}/followups`, {
        need: 'Exportrådgivning',
        ownerUserId: t.users.viewer.id,
        dueDate: '2026-03-20',
      });
      assert.equal(made.statusCode, 400, made.body);
      assert.equal(made.json().error.details[0].path, 'ownerUserId');
      assert.match(made.json().error.details[0].message, /Vera Viewer har bara läsbehörighet/);
      const f = await followup(staff, { need: 'Mässa i Göteborg', ownerUserId: t.users.staff.id });
      const moved = await staff.patch(`/api/followups/${f.id}`, {
        version: f.version,
        ownerUserId: t.users.viewer.id,
        ownerDepartment: null,
      });
      assert.equal(moved.statusCode, 400, moved.body);
      assert.equal(moved.json().error.details[0].path, 'ownerUserId');
      await t.app.mailer.flush();
      assert.deepEqual(
        smtp.messages.filter((m) => m.to.includes('viewer@test.se')),
        [],
      );
    });

    void test('the same form sent twice makes one follow-up and one e-mail to its owner', async () => {
      smtp.clear();
      const body = {
        need: 'Kontakt med Almi om lån',
        ownerUserId: t.users.admin.id,
        dueDate: '2026-03-20',
        requestKey: 'followup-key-0001',
      };
      const [a, b] = await Promise.all([
        staff.post(`/api/visits/${visitId}/followups`, body),
        staff.post(`/api/visits/${visitId}/followups`, body),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode], [201, 201], a.body + b.body);
      assert.equal(a.json().id, b.json().id);
      // Sent again later (a retry after an answer lost to a dropped connection): the same one.
      const again = await staff.post(`/api/visits/${visitId}/followups`, body);
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.json().id, a.json().id);
      const all = (await staff.get(`/api/followups?scope=all&visitId=${visitId}`)).json().items as Array<{
        need: string;
      }>;
      assert.equal(all.filter((f) => f.need === body.need).length, 1);
      await t.app.mailer.flush();
      assert.equal(smtp.messages.filter((m) => m.parsed.subject?.startsWith('Ny uppföljning')).length, 1);
      // Another person's form with the same key makes its own.
      const other = await admin.post(`/api/visits/${visitId}/followups`, body);
      assert.equal(other.statusCode, 201, other.body);
      assert.notEqual(other.json().id, a.json().id);
    });

    void test('the log keeps what each entry says, for the page to show in the reader’s language', async () => {
      const f = await followup(staff, { need: 'Visa ledig lokal', ownerUserId: t.users.staff.id });
      const done = await staff.patch(`/api/followups/${f.id}`, {
        version: f.version,
        status: 'not_possible',
        reason: 'Lokalen är uthyrd',
        dueDate: '2026-03-12',
        ownerUserId: null,
        ownerDepartment: 'Fastighetsenheten',
        note: 'Pratat med fastighetschefen',
      });
      assert.equal(done.statusCode, 200, done.body);
      const log = (done.json().log as Array<{ kind: string; text: string; data: unknown }>).map((l) => [
        l.kind,
        l.text,
        l.data,
      ]);
      assert.deepEqual(log, [
        [
          'created',
          'Ansvarig: Sven Staff. Klart senast 2026-03-10.',
          { type: 'created', owner: 'Sven Staff', due: '2026-03-10' },
        ],
        ['owner', 'Ny ansvarig: Fastighetsenheten', { type: 'owner', owner: 'Fastighetsenheten' }],
        [
          'due',
          'Nytt datum: 2026-03-12 (var 2026-03-10)',
          { type: 'due', due: '2026-03-12', was: '2026-03-10' },
        ],
        [
          'status',
          'Status: Inte möjlig – Lokalen är uthyrd',
          { type: 'status', status: 'not_possible', reason: 'Lokalen är uthyrd' },
        ],
        ['note', 'Pratat med fastighetschefen', null],
      ]);
    });

    void test('"mine" lists what I am reminded of: my own, and those I made for a department or an owner who left', async () => {
      const leaver = await addPerson(t, 'slutat@test.se', 'staff');
      const demoted = await addPerson(t, 'lasare@test.se', 'staff');
      const gone = await addPerson(t, 'borta@test.se', 'admin');
      const own = await followup(staff, { need: 'Egen uppföljning', ownerUserId: t.users.staff.id });
      const dept = await followup(staff, {
        need: 'Till miljöförvaltningen',
        ownerDepartment: 'Miljöförvaltningen',
      });
      const left = await followup(staff, { need: 'Ägaren slutade', ownerUserId: leaver.id });
      const viewerNow = await followup(staff, { need: 'Ägaren blev läsare', ownerUserId: demoted.id });
      const orphan = await followup(await t.as(gone), { need: 'Ingen kvar', ownerUserId: leaver.id });
      for (const [u, change] of [
        [leaver, { active: false }],
        [demoted, { role: 'viewer' }],
        [gone, { active: false }],
      ] as const) {
        const r = await admin.patch(`/api/staff/${u.id}`, change);
        assert.equal(r.statusCode, 200, r.body);
      }
      const shown = await staff.get(`/api/followups/${left.id}`);
      assert.equal(shown.json().owner.inactive, true, 'the page marks the owner who left');
      assert.equal((await staff.get(`/api/followups/${own.id}`)).json().owner.inactive, false);

      const needs = async (c: Client) =>
        ((await c.get('/api/followups?scope=mine')).json().items as Array<{ need: string; status: string }>)
          .filter((f) => f.status === 'open' || f.status === 'in_progress')
          .map((f) => f.need)
          .sort();
      const minesStaff = await needs(staff);
      for (const f of [own, dept, left, viewerNow]) assert.ok(minesStaff.includes(f.need), f.need);
      assert.ok(!minesStaff.includes(orphan.need));
      admin = await t.as(t.users.admin);
      assert.ok((await needs(admin)).includes(orphan.need), 'nobody else is left: the admins');

      // The overdue sweep reminds each of exactly what their list shows.
      await t.app.mailer.flush();
      smtp.clear();
      t.clock.set('2026-03-21T08:00:00Z');
      staff = await t.as(t.users.staff);
      admin = await t.as(t.users.admin);
      await runSweeps(t.app);
      await t.app.mailer.flush();
      const remindedOf = (to: string) =>
        smtp.messages
          .filter((m) => m.to.includes(to) && m.parsed.subject?.startsWith('Försenad uppföljning'))
          .map((m) => /Vad företaget behöver: (.*)/.exec(m.parsed.text ?? '')![1]!)
          .sort();
      assert.deepEqual(remindedOf('staff@test.se'), await needs(staff));
      assert.deepEqual(remindedOf('admin@test.se'), await needs(admin));
    });

    void test('a follow-up says whether the reader may change it, by the rule its changes are checked by', async () => {
      const outsider = await addPerson(t, 'utanfor@test.se', 'staff');
      const other = await t.as(outsider);
      // Made after the clock moved to the 21st: due after it.
      const f = await followup(staff, {
        need: 'Ansöka om bidrag',
        ownerDepartment: 'Tillväxtenheten',
        dueDate: '2026-04-10',
      });
      const canEdit = async (c: Client) => {
        const r = await c.get(`/api/followups/${f.id}`);
        assert.equal(r.statusCode, 200, r.body);
        return r.json().canEdit as unknown;
      };
      assert.equal(await canEdit(staff), true, 'on the visit, and made it');
      assert.equal(await canEdit(admin), true, 'an admin');
      assert.equal(await canEdit(other), false, 'neither on the visit, nor its owner or maker');
      const refused = await other.patch(`/api/followups/${f.id}`, { version: f.version, status: 'done' });
      assert.equal(refused.statusCode, 403, 'and the server refuses their change');
      const logRefused = await other.post(`/api/followups/${f.id}/log`, { text: 'Ringt' });
      assert.equal(logRefused.statusCode, 403);

      // Given to them, they may; the answer to the change says so for the one who made it.
      const given = await admin.patch(`/api/followups/${f.id}`, {
        version: f.version,
        ownerUserId: outsider.id,
        ownerDepartment: null,
      });
      assert.equal(given.statusCode, 200, given.body);
      assert.equal(given.json().canEdit, true);
      assert.equal(await canEdit(other), true, 'its owner now');
      const done = await other.patch(`/api/followups/${f.id}`, {
        version: given.json().version,
        status: 'done',
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().canEdit, true);

      // The lists leave it out (it is for the page of one follow-up).
      const listed = (await staff.get(`/api/followups?scope=all&visitId=${visitId}`)).json().items as Array<
        Record<string, unknown>
      >;
      assert.ok(listed.every((x) => !('canEdit' in x)));
    });
  });
}
