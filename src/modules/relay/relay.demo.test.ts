import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestDb } from '../../../test/helpers/db';
import { seedDemo } from '../../demo/seed';
import { getChain, listStalled, publicView } from './relay.service';

for (const dialect of DIALECTS) {
  void describe(`demo relay (${dialect})`, () => {
    void test('the demo has a relay with legs, a hand-back, a stalled baton and an open invitation', async () => {
      const tdb = await createTestDb(dialect);
      try {
        const now = new Date('2026-11-20T10:00:00Z');
        await seedDemo(tdb.db, now);
        const db = tdb.db.kysely;
        const m = await db.selectFrom('municipality').select('id').executeTakeFirstOrThrow();
        const p = await db.selectFrom('relay_programme').select('id').executeTakeFirstOrThrow();
        const admin = await db
          .selectFrom('app_user')
          .select('id')
          .where('role', '=', 'admin')
          .executeTakeFirstOrThrow();
        const c = await getChain(db, { id: admin.id, role: 'admin', municipalityId: m.id }, p.id, now, {
          personalData: true,
        });
        // Seven visited, and the stalled branch's company, whose visit was never booked.
        assert.equal(c.legs.length, 8);
        assert.equal(c.legs.filter((l) => l.status === 'to_book').length, 1);
        assert.equal(c.programme.visitsDone, 7);
        assert.ok(c.nominations.some((n) => n.status === 'declined'));
        assert.equal(c.nominations.filter((n) => n.status === 'invited').length, 1);
        assert.equal(c.batons[0]!.phase, 'invited');
        assert.ok(c.legs.every((l) => l.visitedAt === null || l.visitedAt <= now.toISOString()));
        // The branch that stood still, not the baton whose invitation awaits an answer.
        const stalled = await listStalled(db, m.id, now);
        assert.deepEqual(
          stalled.map((s) => [s.batonNumber, s.phase]),
          [[2, 'to_book']],
        );
        assert.ok((await publicView(db, p.id)).companies.length >= 5);
        // Every team is of staff and admins, who can open the visit and write its report.
        const team = await db
          .selectFrom('visit_participant')
          .innerJoin('visit', 'visit.id', 'visit_participant.visit_id')
          .innerJoin('app_user', 'app_user.id', 'visit_participant.user_id')
          .select('app_user.role')
          .where('visit.programme_type', '=', 'relay')
          .execute();
        assert.ok(team.length >= 14);
        assert.deepEqual(
          team.filter((x) => x.role === 'viewer'),
          [],
        );
      } finally {
        await tdb.cleanup();
      }
    });
  });
}
