import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type TestContext } from '../../../test/helpers/app';

for (const dialect of DIALECTS) {
  void describe(`the municipality (${dialect})`, () => {
    let t: TestContext;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    void test('anyone reads whose service it is and how to reach the unit, and nothing more', async () => {
      const admin = await t.as(t.users.admin);
      const saved = await admin.patch('/api/municipality', {
        settings: {
          feedbackDays: 30,
          replyTo: 'Naringsliv@Testkommun.se',
          unitName: 'Näringslivskontoret',
          retentionMonths: 24,
        },
      });
      assert.equal(saved.statusCode, 200, saved.body);

      const anonymous = await t.as('anonymous');
      const res = await anonymous.get('/api/municipality/public');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        name: 'Testkommun',
        unitName: 'Näringslivskontoret',
        replyTo: 'naringsliv@testkommun.se',
      });
      // The full record (kommunkod, retention, feedback days) stays for those signed in.
      assert.equal((await anonymous.get('/api/municipality')).statusCode, 401);
    });
  });
}
