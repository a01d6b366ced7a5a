import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestDb } from '../../../test/helpers/db';
import { insertMunicipality } from '../municipality/municipality.repository';
import { createStaff } from '../staff/staff.service';
import { DEMO_STAFF } from '../../demo/demo-data';
import { demoSprintDay, seedDemoSprint } from './sprint.demo';
import { getBoard } from './plan.service';
import { getPublicSprint } from './registration.service';

for (const dialect of DIALECTS) {
  void test(`the demo sprint is open for registration with a filled board (${dialect})`, async () => {
    const t = await createTestDb(dialect);
    try {
      const now = new Date('2026-05-04T08:00:00Z');
      const m = await insertMunicipality(t.db.kysely, { name: 'Demo', kommunkod: '1488' }, now);
      for (const s of DEMO_STAFF) await createStaff(t.db.kysely, m.id, s, now);
      await seedDemoSprint(t.db, m.id, now);
      await seedDemoSprint(t.db, m.id, now); // idempotent
      const sprint = await t.db.kysely.selectFrom('sprint').selectAll().execute();
      assert.equal(sprint.length, 1);
      const board = await getBoard(t.db.kysely, m.id, sprint[0]!.id);
      assert.ok(
        board.visits.length >= 15,
        `${board.visits.length} visits, unscheduled: ${JSON.stringify(board.unscheduled.slice(0, 3))}`,
      );
      assert.equal((await getPublicSprint(t.db.kysely, 'demo', now)).state, 'open');
    } finally {
      await t.cleanup();
    }
  });
}

void test('the demo sprint is three weeks on, moved to a Tuesday to Thursday, by the Swedish date', () => {
  const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();
  // 2026-05-02 is a Saturday: three weeks on is a Saturday too, so the Tuesday after.
  assert.equal(demoSprintDay(new Date('2026-05-02T08:00:00Z')), '2026-05-26');
  // A Wednesday stays a Wednesday.
  assert.equal(demoSprintDay(new Date('2026-05-06T08:00:00Z')), '2026-05-27');
  // 23:30 UTC on Tuesday 5 May is Wednesday in Sweden: the Swedish date counts.
  assert.equal(demoSprintDay(new Date('2026-05-05T23:30:00Z')), '2026-05-27');
  // A Friday and a Sunday: on to the Tuesday.
  assert.equal(demoSprintDay(new Date('2026-05-08T08:00:00Z')), '2026-06-02');
  assert.equal(demoSprintDay(new Date('2026-05-10T08:00:00Z')), '2026-06-02');
  // Every day of a year (summer time changes too): a Tuesday to Thursday, 21–25 days on.
  for (let i = 0; i < 366; i++) {
    const now = new Date(Date.UTC(2026, 0, 1, 10) + i * 86_400_000);
    const day = demoSprintDay(now);
    assert.ok([2, 3, 4].includes(weekday(day)), `${now.toISOString()} → ${day}`);
    const days = (Date.parse(`${day}T10:00:00Z`) - now.getTime()) / 86_400_000;
    assert.ok(days >= 21 && days <= 25, `${now.toISOString()} → ${day}`);
  }
});

for (const dialect of DIALECTS) {
  void test(`the demo sprint seeded on a Saturday is held on a weekday, registration closing before (${dialect})`, async () => {
    const t = await createTestDb(dialect);
    try {
      const now = new Date('2026-05-02T08:00:00Z');
      const m = await insertMunicipality(t.db.kysely, { name: 'Demo', kommunkod: '1488' }, now);
      for (const s of DEMO_STAFF) await createStaff(t.db.kysely, m.id, s, now);
      await seedDemoSprint(t.db, m.id, now);
      const sprint = await t.db.kysely.selectFrom('sprint').selectAll().executeTakeFirstOrThrow();
      assert.equal(sprint.day, '2026-05-26');
      assert.ok(
        Date.parse(String(sprint.registration_closes_at)) < Date.parse(`${sprint.day}T00:00:00+02:00`),
        `closes ${String(sprint.registration_closes_at)}, before the day ${sprint.day}`,
      );
    } finally {
      await t.cleanup();
    }
  });
}
