import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from './common';

test('isoDate takes the days of the calendar, and names what is wrong with the rest', () => {
  for (const ok of ['2026-02-28', '2028-02-29', '2026-12-31', '2026-01-01'])
    assert.equal(isoDate.safeParse(ok).success, true, ok);
  const message = (v: string) => isoDate.safeParse(v).error?.issues.map((i) => i.message);
  for (const no of ['2026-02-29', '2026-02-31', '2026-13-01', '2026-00-10', '2026-04-31', '0000-99-99'])
    assert.deepEqual(message(no), ['datumet finns inte i kalendern'], no);
  assert.deepEqual(message('2026-2-1'), ['ange datum som ÅÅÅÅ-MM-DD']);
});
