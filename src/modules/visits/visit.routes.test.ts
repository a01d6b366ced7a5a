import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { insertTestCompany } from './visit.fixtures';
import { createVisit } from './visit.service';

const START = '2026-03-02T08:00:00Z';

for (const dialect of DIALECTS) {
  void describe(`visits and visit reports (${dialect})`, () => {
    let t: TestContext;
    let staff: Client;
    let admin: Client;
    let viewer: Client;
    let companyId: string;
    let topics: Array<{ id: string; slug: string }>;

    const signIn = async () => {
      staff = await t.as(t.users.staff);
      admin = await t.as(t.users.admin);
      viewer = await t.as(t.users.viewer);
    };
    /**
     * Runs `fn` with the clock at `iso`, then back at START. Sessions run out when the clock jumps
     * (and the server ends a session it sees expired), so everyone signs in again at each jump.
     */
    const at = async (iso: string, fn: () => Promise<void>) => {
      t.clock.set(iso);
      await signIn();
      try {
        await fn();
      } finally {
        t.clock.set(START);
        await signIn();
      }
    };

    before(async () => {
      t = await createTestApp(dialect, { now: START });
      await signIn();
      companyId = await insertTestCompany(t.testDb.db.kysely, {
        name: 'Ängelholms Bageri AB',
        orgNr: '5560000001',
        email: 'info@bageri.test',
        sniSection: 'C',
      });
      topics = (await staff.get('/api/topics')).json().items;
    });
    after(() => t.close());

    const newVisit = (over: Record<string, unknown> = {}) => ({
      companyId,
      startsAt: '2026-03-10T09:00:00Z',
      endsAt: '2026-03-10T10:00:00Z',
      mode: 'physical',
      location: 'Storgatan 1',
      participantIds: [t.users.staff.id],
      ...over,
    });

    void test('staff record a visit outside any programme; it is listed as mine, by company and unplanned', async () => {
      const res = await staff.post('/api/visits', newVisit({ notes: 'Mässan' }));
      assert.equal(res.statusCode, 201, res.body);
      const v = res.json();
      assert.equal(v.company.name, 'Ängelholms Bageri AB');
      assert.equal(v.programme, null);
      assert.equal(v.status, 'planned');
      assert.deepEqual(
        v.participants.map((p: { name: string }) => p.name),
        ['Sven Staff'],
      );
      assert.equal(v.reportStatus, 'none');

      const mine = (await staff.get('/api/visits')).json().items;
      assert.ok(mine.some((x: { id: string }) => x.id === v.id));
      const adminsMine = (await admin.get('/api/visits?scope=mine')).json().items;
      assert.ok(!adminsMine.some((x: { id: string }) => x.id === v.id), 'admin did not take part');
      const byCompany = (await admin.get(`/api/visits?scope=all&companyId=${companyId}`)).json().items;
      assert.ok(byCompany.some((x: { id: string }) => x.id === v.id));
      const unplanned = (await admin.get('/api/visits?scope=all&unplanned=1')).json().items;
      assert.ok(unplanned.some((x: { id: string }) => x.id === v.id));
      const byDay = (await admin.get('/api/visits?scope=all&from=2026-03-10&to=2026-03-10')).json().items;
      assert.ok(byDay.some((x: { id: string }) => x.id === v.id));
      const otherDay = (await admin.get('/api/visits?scope=all&from=2026-03-11&to=2026-03-12')).json().items;
      assert.ok(!otherDay.some((x: { id: string }) => x.id === v.id));
    });

    void test('the list comes in pages, newest first, with the total', async () => {
      const db = t.testDb.db.kysely;
      const other = await insertTestCompany(db, { name: 'Sidbrytarna AB', orgNr: '5560000077' });
      for (let i = 0; i < 7; i++) {
        await createVisit(
          db,
          {
            municipalityId: t.municipality.id,
            companyId: other,
            startsAt: `2025-01-${String(10 + i).padStart(2, '0')}T09:00:00Z`,
            endsAt: `2025-01-${String(10 + i).padStart(2, '0')}T10:00:00Z`,
            mode: 'digital',
            participantIds: [t.users.admin.id],
            status: 'done',
            checkCalendars: false,
          },
          t.clock.now(),
        );
      }
      const q = `/api/visits?scope=all&companyId=${other}`;
      const p1 = (await admin.get(`${q}&pageSize=3`)).json();
      assert.equal(p1.total, 7);
      assert.equal(p1.page, 1);
      assert.equal(p1.pageSize, 3);
      assert.deepEqual(
        p1.items.map((v: { startsAt: string }) => v.startsAt.slice(0, 10)),
        ['2025-01-16', '2025-01-15', '2025-01-14'],
      );
      const p3 = (await admin.get(`${q}&pageSize=3&page=3`)).json();
      assert.deepEqual(
        p3.items.map((v: { startsAt: string }) => v.startsAt.slice(0, 10)),
        ['2025-01-10'],
      );
      assert.equal(p3.total, 7);
      const beyond = (await admin.get(`${q}&pageSize=3&page=9`)).json();
      assert.deepEqual([beyond.items.length, beyond.total], [0, 7]);
      const mine = (await admin.get(`/api/visits?scope=mine&companyId=${other}&pageSize=2`)).json();
      assert.equal(mine.total, 7);
      assert.equal((await admin.get(`${q}&pageSize=0`)).statusCode, 400);
      assert.equal((await admin.get(`${q}&pageSize=500`)).statusCode, 400);
      const dflt = (await admin.get(q)).json();
      assert.deepEqual([dflt.page, dflt.pageSize, dflt.items.length], [1, 25, 7]);
      // A day that is not in the calendar is refused, not a filter dropped without a word.
      const between = (await admin.get(`${q}&from=2025-01-12&to=2025-01-13`)).json();
      assert.equal(between.total, 2);
      const noDay = await admin.get(`${q}&from=2025-02-30`);
      assert.equal(noDay.statusCode, 400);
      assert.deepEqual(noDay.json().error.details, [
        { path: 'from', message: 'datumet finns inte i kalendern' },
      ]);
    });

    void test('a visit recorded afterwards (a call-in) is done and does not check calendars', async () => {
      const res = await staff.post(
        '/api/visits',
        newVisit({ startsAt: '2026-02-20T09:00:00Z', endsAt: '2026-02-20T09:30:00Z', mode: 'digital' }),
      );
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().status, 'done');
    });

    void test('participants must be staff; a clash in a participant calendar is refused', async () => {
      const bad = await staff.post('/api/visits', newVisit({ participantIds: [t.users.viewer.id] }));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION');
      const clash = await staff.post(
        '/api/visits',
        newVisit({ startsAt: '2026-03-10T09:30:00Z', endsAt: '2026-03-10T10:30:00Z' }),
      );
      assert.equal(clash.statusCode, 409);
      assert.equal(clash.json().error.code, 'CONFLICT');
      // The same times written with an offset are the same times (the text compared is UTC's).
      for (const [startsAt, endsAt] of [
        ['2026-03-10T10:30:00+01:00', '2026-03-10T11:30:00+01:00'],
        ['2026-03-10T07:30:00-01:00', '2026-03-10T08:30:00-01:00'],
        ['2026-03-10T12:00:00+03:00', '2026-03-10T12:30:00+03:00'],
      ]) {
        const r = await staff.post('/api/visits', newVisit({ startsAt, endsAt }));
        assert.equal(r.statusCode, 409, `${startsAt}: ${r.body}`);
      }
      // Said in Swedish time, as the visit was typed (09:00 UTC in March is 10:00 in Sweden).
      assert.deepEqual(clash.json().error.details, [
        { path: 'participantIds', message: `${t.users.staff.name} är upptagen 10 mars 2026 kl. 10:00` },
      ]);
      const viewerTry = await viewer.post(
        '/api/visits',
        newVisit({ startsAt: '2026-04-01T09:00:00Z', endsAt: '2026-04-01T10:00:00Z' }),
      );
      assert.equal(viewerTry.statusCode, 403);
    });

    void test('the same form sent twice (a double tap, a retry) makes one visit, answered to both', async () => {
      const body = newVisit({
        startsAt: '2026-05-04T09:00:00Z',
        endsAt: '2026-05-04T10:00:00Z',
        requestKey: 'form-key-0001',
      });
      const [a, b] = await Promise.all([staff.post('/api/visits', body), staff.post('/api/visits', body)]);
      assert.deepEqual([a.statusCode, b.statusCode], [201, 201], a.body + b.body);
      assert.equal(a.json().id, b.json().id);
      // Sent again later (a retry after a lost answer): the same visit, not "busy" with itself.
      const again = await staff.post('/api/visits', body);
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.json().id, a.json().id);
      // A visit recorded afterwards is not checked against calendars, so only the key stops a copy.
      const past = newVisit({
        startsAt: '2026-02-10T09:00:00Z',
        endsAt: '2026-02-10T10:00:00Z',
        requestKey: 'form-key-0002',
      });
      const p1 = await staff.post('/api/visits', past);
      const p2 = await staff.post('/api/visits', past);
      assert.equal(p1.json().id, p2.json().id);
      const day = (
        await staff.get(`/api/visits?scope=all&companyId=${companyId}&from=2026-02-10&to=2026-02-10`)
      ).json();
      assert.equal(day.total, 1);
      // The key is the sender's own: another person's form with the same key makes its own visit.
      const other = await admin.post('/api/visits', { ...past, participantIds: [t.users.admin.id] });
      assert.equal(other.statusCode, 201, other.body);
      assert.notEqual(other.json().id, p1.json().id);
      const badKey = await staff.post('/api/visits', { ...past, requestKey: 'x y' });
      assert.equal(badKey.statusCode, 400);
      assert.equal(badKey.json().error.details[0].path, 'requestKey');
    });

    void test('update with the version read; a stale update is refused; cancel', async () => {
      const v = (
        await staff.post(
          '/api/visits',
          newVisit({ startsAt: '2026-03-11T09:00:00Z', endsAt: '2026-03-11T10:00:00Z' }),
        )
      ).json();
      const up = await staff.patch(`/api/visits/${v.id}`, {
        version: v.version,
        location: 'Kontoret',
        participantIds: [t.users.staff.id, t.users.admin.id],
      });
      assert.equal(up.statusCode, 200, up.body);
      assert.equal(up.json().location, 'Kontoret');
      assert.equal(up.json().participants.length, 2);
      const stale = await admin.patch(`/api/visits/${v.id}`, { version: v.version, location: 'Annat' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'STALE');
      const cancelled = await admin.post(`/api/visits/${v.id}/cancel`, { version: up.json().version });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().status, 'cancelled');
      // The cancelled time is free again.
      const again = await staff.post(
        '/api/visits',
        newVisit({ startsAt: '2026-03-11T09:00:00Z', endsAt: '2026-03-11T10:00:00Z' }),
      );
      assert.equal(again.statusCode, 201, again.body);
    });

    void test('a programme visit keeps its time and team here; its notes and status may change', async () => {
      const v = await createVisit(
        t.testDb.db.kysely,
        {
          municipalityId: t.municipality.id,
          companyId,
          startsAt: '2026-03-12T09:00:00Z',
          endsAt: '2026-03-12T10:00:00Z',
          mode: 'physical',
          participantIds: [t.users.staff.id],
          programme: { type: 'sprint', id: 'sprint-1' },
        },
        t.clock.now(),
      );
      const moved = await staff.patch(`/api/visits/${v.id}`, {
        version: v.version,
        startsAt: '2026-03-12T11:00:00Z',
        endsAt: '2026-03-12T12:00:00Z',
      });
      assert.equal(moved.statusCode, 409);
      assert.match(moved.json().error.message, /besökssprinten/);
      assert.equal((await staff.post(`/api/visits/${v.id}/cancel`, { version: v.version })).statusCode, 409);
      const noted = await staff.patch(`/api/visits/${v.id}`, {
        version: v.version,
        notes: 'Parkering på baksidan',
      });
      assert.equal(noted.statusCode, 200, noted.body);
      const listed = (await staff.get('/api/visits?programmeType=sprint&programmeId=sprint-1')).json().items;
      assert.equal(listed.length, 1);
    });

    void test('the report: autosaved drafts with versions, a stale save gets the server copy, then submitted', async () => {
      const v = (
        await staff.post(
          '/api/visits',
          newVisit({
            startsAt: '2026-03-13T09:00:00Z',
            endsAt: '2026-03-13T10:00:00Z',
            participantIds: [t.users.staff.id, t.users.admin.id],
          }),
        )
      ).json();
      const empty = await staff.get(`/api/visits/${v.id}/report`);
      assert.equal(empty.statusCode, 200);
      assert.equal(empty.json().version, 0);
      assert.equal(empty.json().canEdit, true);

      const premises = topics.find((x) => x.slug === 'lokaler-mark')!;
      const skills = topics.find((x) => x.slug === 'kompetensforsorjning')!;
      const first = await staff.put(`/api/visits/${v.id}/report`, {
        version: 0,
        companyParticipants: [{ name: 'Åsa Öberg', role: 'VD', email: 'asa@bageri.test' }],
        topics: [{ topicId: premises.id, note: 'Behöver 400 m² lager' }],
        climateGrade: 4,
      });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().version, 1);
      assert.equal(first.json().status, 'draft');
      assert.equal(first.json().topics[0].label, 'Lokaler och mark');
      assert.equal(first.json().updatedBy.name, 'Sven Staff');

      // Admin (also a participant) saves on top of version 1.
      const second = await admin.put(`/api/visits/${v.id}/report`, {
        ...(first.json() as object),
        version: 1,
        topics: [...first.json().topics, { topicId: skills.id, note: 'Svårt att hitta bagare' }],
        serviceGrade: 3,
        serviceText: 'Bygglov tog lång tid',
      });
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(second.json().version, 2);

      // Staff's phone still has version 1: refused, with the server's copy to merge from.
      const stale = await staff.put(`/api/visits/${v.id}/report`, {
        ...(first.json() as object),
        version: 1,
        notes: 'min anteckning',
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'STALE');
      assert.equal(stale.json().current.version, 2);
      assert.equal(stale.json().current.topics.length, 2);
      assert.equal(stale.json().current.serviceText, 'Bygglov tog lång tid');

      const merged = await staff.put(`/api/visits/${v.id}/report`, {
        ...(stale.json().current as object),
        version: 2,
        notes: 'min anteckning',
      });
      assert.equal(merged.statusCode, 200, merged.body);
      // Submitted once the visit has been held.
      await at('2026-03-13T10:30:00Z', async () => {
        const submitted = await staff.post(`/api/visits/${v.id}/report/submit`, { version: 3 });
        assert.equal(submitted.statusCode, 200, submitted.body);
        assert.equal(submitted.json().status, 'submitted');
        assert.ok(submitted.json().submittedAt);
        const visit = (await staff.get(`/api/visits/${v.id}`)).json();
        assert.equal(visit.status, 'done');
        assert.equal(visit.reportStatus, 'submitted');
      });
    });

    void test('a report may be drafted before the visit, but is submitted (the visit held) only from its start', async () => {
      const sprint = 'sprint-early';
      const v = await createVisit(
        t.testDb.db.kysely,
        {
          municipalityId: t.municipality.id,
          companyId,
          startsAt: '2026-03-20T08:30:00Z',
          endsAt: '2026-03-20T09:15:00Z',
          mode: 'physical',
          participantIds: [t.users.staff.id],
          programme: { type: 'sprint', id: sprint },
        },
        t.clock.now(),
      );
      const dayReport = async () =>
        (
          await viewer.get(
            `/api/reports/programme?programmeType=sprint&programmeId=${sprint}&date=2026-03-20`,
          )
        ).json();
      // Notes before the visit are fine.
      const draft = await staff.put(`/api/visits/${v.id}/report`, {
        version: 0,
        notes: 'Fråga om bygglovet',
        climateGrade: 4,
      });
      assert.equal(draft.statusCode, 200, draft.body);
      // Weeks before (the clock is at 2 March): refused, saying from when, in Swedish time.
      const early = await staff.post(`/api/visits/${v.id}/report/submit`, { version: 1 });
      assert.equal(early.statusCode, 409, early.body);
      assert.equal(early.json().error.code, 'CONFLICT');
      assert.equal(
        early.json().error.message,
        'Besöket har inte ägt rum än. Det kan markeras som gjort, och rapporten skickas in, från fredag 20 mars 2026 kl. 09:30.',
      );
      // Nor marked held on its page.
      const held = await staff.patch(`/api/visits/${v.id}`, { version: v.version, status: 'done' });
      assert.equal(held.statusCode, 409, held.body);
      assert.equal(held.json().error.message, early.json().error.message);
      const before = (await staff.get(`/api/visits/${v.id}`)).json();
      assert.deepEqual([before.status, before.reportStatus], ['planned', 'draft']);
      assert.equal((await dayReport()).companiesMet, 0);

      // A minute before it starts, still not; from its start time, submitted and the visit held.
      await at('2026-03-20T08:29:00Z', async () => {
        assert.equal((await staff.post(`/api/visits/${v.id}/report/submit`, { version: 1 })).statusCode, 409);
      });
      await at('2026-03-20T08:30:00Z', async () => {
        const submitted = await staff.post(`/api/visits/${v.id}/report/submit`, { version: 1 });
        assert.equal(submitted.statusCode, 200, submitted.body);
        assert.equal(submitted.json().status, 'submitted');
        assert.equal((await staff.get(`/api/visits/${v.id}`)).json().status, 'done');
        assert.equal((await dayReport()).companiesMet, 1);
      });
    });

    void test('my visits: upcoming first, soonest first, then the past ones newest first; all visits newest first', async () => {
      const db = t.testDb.db.kysely;
      const mineCo = await insertTestCompany(db, { name: 'Ordningen AB', orgNr: '5560000085' });
      const now = Date.parse(START);
      const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      const made = new Map<string, string>();
      for (const [name, start, length, status] of [
        ['two days ago', -2 * 1440, 60, 'done'],
        ['yesterday', -1440, 60, 'planned'],
        ['going on now', -30, 60, 'planned'],
        ['tomorrow', 1440, 60, 'planned'],
        ['cancelled, the day after tomorrow', 2 * 1440, 60, 'cancelled'],
        ['in three days', 3 * 1440, 60, 'planned'],
        ['ended a minute ago', -61, 60, 'planned'],
      ] as const) {
        const v = await createVisit(
          db,
          {
            municipalityId: t.municipality.id,
            companyId: mineCo,
            startsAt: at(start),
            endsAt: at(start + length),
            mode: 'digital',
            participantIds: [t.users.admin.id],
            status,
            checkCalendars: false,
          },
          t.clock.now(),
        );
        made.set(v.id, name);
      }
      const names = (items: Array<{ id: string }>) => items.map((v) => made.get(v.id));
      const mine = (await admin.get(`/api/visits?scope=mine&companyId=${mineCo}`)).json();
      assert.deepEqual(names(mine.items), [
        'going on now',
        'tomorrow',
        'in three days',
        'cancelled, the day after tomorrow',
        'ended a minute ago',
        'yesterday',
        'two days ago',
      ]);
      // The pages follow the same order.
      const page2 = (await admin.get(`/api/visits?scope=mine&companyId=${mineCo}&pageSize=3&page=2`)).json();
      assert.deepEqual(names(page2.items), [
        'cancelled, the day after tomorrow',
        'ended a minute ago',
        'yesterday',
      ]);
      assert.equal(page2.total, 7);
      const all = (await admin.get(`/api/visits?scope=all&companyId=${mineCo}`)).json();
      assert.deepEqual(names(all.items), [
        'in three days',
        'cancelled, the day after tomorrow',
        'tomorrow',
        'going on now',
        'ended a minute ago',
        'yesterday',
        'two days ago',
      ]);
    });

    void test('report limits come from the shared contract; only participants and admins write', async () => {
      const v = (
        await staff.post(
          '/api/visits',
          newVisit({ startsAt: '2026-03-14T09:00:00Z', endsAt: '2026-03-14T10:00:00Z' }),
        )
      ).json();
      const badGrade = await staff.put(`/api/visits/${v.id}/report`, { version: 0, climateGrade: 7 });
      assert.equal(badGrade.statusCode, 400);
      assert.match(badGrade.json().error.message, /climateGrade/);
      const badTopic = await staff.put(`/api/visits/${v.id}/report`, {
        version: 0,
        topics: [{ topicId: 'nope', note: '' }],
      });
      assert.equal(badTopic.statusCode, 400);
      assert.equal(badTopic.json().error.details[0].path, 'topics.0.topicId');
      const dup = await staff.put(`/api/visits/${v.id}/report`, {
        version: 0,
        topics: [{ topicId: topics[0]!.id }, { topicId: topics[0]!.id }],
      });
      assert.equal(dup.statusCode, 400);
      const longNote = await staff.put(`/api/visits/${v.id}/report`, {
        version: 0,
        topics: [{ topicId: topics[0]!.id, note: 'x'.repeat(1001) }],
      });
      assert.equal(longNote.statusCode, 400);

      // Another staff member who was not there may read but not write.
      const other = await createTestUser(t, 'other@test.se');
      const otherRead = await other.get(`/api/visits/${v.id}/report`);
      assert.equal(otherRead.json().canEdit, false);
      const otherWrite = await other.put(`/api/visits/${v.id}/report`, { version: 0, notes: 'x' });
      assert.equal(otherWrite.statusCode, 403);
      const adminWrite = await admin.put(`/api/visits/${v.id}/report`, {
        version: 0,
        notes: 'admin skriver',
      });
      assert.equal(adminWrite.statusCode, 200, adminWrite.body);
      assert.equal((await viewer.get(`/api/visits/${v.id}/report`)).statusCode, 403);
    });

    void test('someone on the team who has left since stays on it, and the visit can still be changed; adding them is refused by name', async () => {
      const c = await t.as(t.users.admin);
      const made = await c.post('/api/staff', {
        email: 'lamnat@test.se',
        name: 'Lena Lämnat',
        role: 'staff',
        group: 'business',
        password: 'korrekt-häst-batteri',
      });
      assert.equal(made.statusCode, 201, made.body);
      const leaver = made.json().id as string;
      const v = (
        await admin.post(
          '/api/visits',
          newVisit({
            startsAt: '2026-06-02T09:00:00Z',
            endsAt: '2026-06-02T10:00:00Z',
            participantIds: [t.users.admin.id, leaver],
          }),
        )
      ).json();
      assert.equal((await admin.patch(`/api/staff/${leaver}`, { active: false })).statusCode, 200);
      // The edit form sends the whole team as it is: a new address only.
      const moved = await admin.patch(`/api/visits/${v.id}`, {
        version: v.version,
        location: 'Nygatan 2',
        participantIds: [t.users.admin.id, leaver],
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().location, 'Nygatan 2');
      assert.equal(moved.json().participants.length, 2);
      // Someone who has left, or only reads reports, cannot be added: each is named.
      const other = (
        await admin.post(
          '/api/visits',
          newVisit({ startsAt: '2026-06-03T09:00:00Z', endsAt: '2026-06-03T10:00:00Z' }),
        )
      ).json();
      const refused = await admin.patch(`/api/visits/${other.id}`, {
        version: other.version,
        participantIds: [t.users.staff.id, leaver, t.users.viewer.id],
      });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.deepEqual(refused.json().error.details, [
        { path: 'participantIds', message: 'Lena Lämnat är inte längre aktiv' },
        {
          path: 'participantIds',
          message: `${t.users.viewer.name} läser bara rapporter och kan inte vara med på besök`,
        },
      ]);
    });

    void test('a held visit goes back to planned only while nothing counts it as held', async () => {
      const held = async (over: Record<string, unknown>) =>
        (await staff.post('/api/visits', newVisit(over))).json() as {
          id: string;
          version: number;
          status: string;
        };
      // Marked held by mistake: set back.
      const mistake = await held({ startsAt: '2026-02-24T09:00:00Z', endsAt: '2026-02-24T10:00:00Z' });
      assert.equal(mistake.status, 'done');
      const back = await staff.patch(`/api/visits/${mistake.id}`, {
        version: mistake.version,
        status: 'planned',
      });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().status, 'planned');
      // Its report submitted: the report counts it.
      const reported = await held({ startsAt: '2026-02-25T09:00:00Z', endsAt: '2026-02-25T10:00:00Z' });
      const draft = await staff.put(`/api/visits/${reported.id}/report`, { version: 0, notes: 'Bra möte' });
      assert.equal(draft.statusCode, 200, draft.body);
      const sent = await staff.post(`/api/visits/${reported.id}/report/submit`, {
        version: draft.json().version,
      });
      assert.equal(sent.statusCode, 200, sent.body);
      const current = (await staff.get(`/api/visits/${reported.id}`)).json();
      const refused = await staff.patch(`/api/visits/${reported.id}`, {
        version: current.version,
        status: 'planned',
      });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /rapporten är inskickad/);
      // A programme's visit: the programme counts it.
      const v = await createVisit(
        t.testDb.db.kysely,
        {
          municipalityId: t.municipality.id,
          companyId,
          startsAt: '2026-02-26T09:00:00Z',
          endsAt: '2026-02-26T10:00:00Z',
          mode: 'physical',
          participantIds: [t.users.staff.id],
          programme: { type: 'relay', id: 'relay-1' },
          checkCalendars: false,
        },
        t.clock.now(),
      );
      const done = await staff.patch(`/api/visits/${v.id}`, { version: v.version, status: 'done' });
      assert.equal(done.statusCode, 200, done.body);
      const undo = await staff.patch(`/api/visits/${v.id}`, {
        version: done.json().version,
        status: 'planned',
      });
      assert.equal(undo.statusCode, 409);
      assert.match(undo.json().error.message, /stafetten/);
      assert.equal((await staff.get(`/api/visits/${v.id}`)).json().status, 'done');
    });
  });
}

async function createTestUser(t: TestContext, email: string): Promise<Client> {
  const c = await t.as(t.users.admin);
  const res = await c.post('/api/staff', {
    email,
    name: 'Olle Annan',
    role: 'staff',
    group: 'department',
    password: 'korrekt-häst-batteri',
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  const created = new (c.constructor as new (app: TestContext['app']) => Client)(t.app);
  await created.login(email);
  return created;
}
