import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanizer } from './plan.instance';

void test("the scheduler's messages read with names and times, not ids", () => {
  const human = humanizer(
    [{ id: '3f2a9c1e-0000-4000-8000-000000000001', company_name: 'Kanalbagarn AB' }],
    [{ user_id: '7b1c2d3e-0000-4000-8000-000000000002', name: 'Per Andersson' }],
    [
      { id: 's1', start: '08:30', end: '09:15' },
      { id: 's2', start: '09:30', end: '10:15' },
      { id: 's3', start: '10:30', end: '11:15' },
    ],
  );
  assert.equal(
    human('3f2a9c1e-0000-4000-8000-000000000001 (Kanalbagarn AB) kan träffas i s1–s2; i s3 är alla upptagna'),
    'Kanalbagarn AB kan träffas kl. 08:30–10:15; kl. 10:30–11:15 är alla upptagna',
  );
  assert.equal(
    human('7b1c2d3e-0000-4000-8000-000000000002 är med i två besök s1 (08:30–09:15)'),
    'Per Andersson är med i två besök s1 (08:30–09:15)',
  );
});

void test('an id that begins another id is not replaced inside it', () => {
  const human = humanizer(
    [
      { id: 'r1', company_name: 'Ett AB' },
      { id: 'r15', company_name: 'Femton AB' },
    ],
    [],
  );
  assert.equal(human('r1 och r15 (Femton AB)'), 'Ett AB och Femton AB');
});
