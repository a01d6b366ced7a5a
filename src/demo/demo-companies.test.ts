import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../../test/helpers/db';
import { insertMunicipality } from '../modules/municipality/municipality.repository';
import { demoRegisterCsv, seedDemoCompanies } from './demo-companies';

describe('the demo register', () => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb('sqlite');
  });
  after(() => t.cleanup());

  test('about 2 000 valid companies in Trollhättan, mostly small, some sole traders', async () => {
    const now = new Date('2026-03-02T08:00:00Z');
    const m = await insertMunicipality(
      t.db.kysely,
      { name: 'Trollhättans stad (demo)', kommunkod: '1488' },
      now,
    );
    assert.equal(demoRegisterCsv(m), demoRegisterCsv(m), 'the same every time');
    assert.equal(await seedDemoCompanies(t.db, m, now), 2000);
    const rows = await t.db.kysely.selectFrom('company').selectAll().execute();
    assert.equal(rows.length, 2000);
    assert.ok(rows.every((r) => r.kommunkod === '1488' && r.postal_code?.startsWith('461')));
    const small = rows.filter((r) => r.size_class === 2).length;
    assert.ok(small > rows.length * 0.35, `1–4 employees is the largest class (${small})`);
    const personal = rows.filter((r) => r.personal_data === 1).length;
    assert.ok(personal > 400 && personal < 900, `sole traders: ${personal}`);
    assert.ok(rows.every((r) => r.sni_section !== null && r.lat !== null));
  });
});
