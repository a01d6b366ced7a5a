import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestDb } from '../../../test/helpers/db';
import { insertMunicipality } from '../municipality/municipality.repository';
import { createStaff } from '../staff/staff.service';
import { DEMO_STAFF } from '../../demo/demo-data';
import { seedDemoSprint } from './sprint.demo';
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
