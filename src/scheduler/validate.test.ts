import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateInstance } from './validate';
import { tinyInstance } from './test-helpers';

void describe('validateInstance', () => {
  void test('accepts a sound instance', () => {
    const v = validateInstance(JSON.parse(JSON.stringify(tinyInstance())));
    assert.equal(v.ok, true);
  });
  void test('lists every problem, each saying where', () => {
    const raw = JSON.parse(JSON.stringify(tinyInstance()));
    raw.slots[1].start = '9.60';
    raw.slots.push({ id: 's1', start: '13:00', end: '13:45' });
    raw.rules.minTeam = 4;
    raw.rules.requireGroups.push(['mayor']);
    raw.staff[1].available.push('s99');
    raw.staff.push({ ...raw.staff[0] });
    raw.registrations[1].available[1] = 's77';
    delete raw.registrations[2].location;
    raw.fixed.push({ registration: 'r2', slot: 's1', team: ['m2', 'x'] });
    raw.conflicts.push({ staff: 'm9', registration: 'r1' });
    const v = validateInstance(raw);
    assert.equal(v.ok, false);
    if (v.ok) return;
    assert.deepEqual(v.problems, [
      'slots[1].start: must be a time HH:MM, got "9.60"',
      'slots[4].id: duplicate slot id "s1"',
      'rules: minTeam (4) is greater than maxTeam (3)',
      'rules.requireGroups[2][0]: unknown group "mayor" (one of politician, leadership, business, department)',
      'staff[1].available[4]: unknown slot "s99"',
      'staff[4].id: duplicate staff id "m1"',
      'registrations[1].available[1]: unknown slot "s77"',
      'registrations[2].location: an on-site (physical) visit needs a location {lat, lon}',
      'fixed[1].slot: r2 did not mark "s1" available (it marked s2, s77, s4)',
      'fixed[1].team[1]: unknown staff "x"',
      'conflicts[1].staff: unknown staff "m9"',
    ]);
  });
  void test('not an object, missing lists', () => {
    assert.deepEqual(validateInstance([]), { ok: false, problems: ['instance: must be a JSON object'] });
    const v = validateInstance({});
    assert.equal(v.ok, false);
    if (!v.ok)
      assert.deepEqual(v.problems.slice(0, 2), ['slots: missing (a list)', 'rules: missing (an object)']);
  });
});
