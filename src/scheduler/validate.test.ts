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
  void test('rules no team could meet, sizes out of range, numbers too large, a missing group, a bad day', () => {
    const raw = JSON.parse(JSON.stringify(tinyInstance()));
    raw.day = 'yesterday';
    raw.rules.minTeam = 1;
    raw.rules.maxTeam = 2;
    raw.rules.requireGroups = [['politician'], ['business', 'leadership'], ['department']];
    raw.staff[0].maxVisits = Infinity; // what JSON.parse makes of 1e400
    delete raw.staff[1].group;
    const v = validateInstance(raw);
    assert.deepEqual(v.ok ? [] : v.problems, [
      'day: must be a date YYYY-MM-DD, got "yesterday"',
      'rules.requireGroups: a team needs someone of each of the 3 lists, so at least 3 people, but rules.maxTeam is 2: no visit could be staffed',
      'staff[0].maxVisits: must be a number, got Infinity (too large)',
      'staff[1].group: missing (one of politician, leadership, business, department)',
    ]);
    // Lists that share a group are met by one person of it.
    raw.day = '2026-04-30';
    raw.rules.requireGroups = [['politician', 'department'], ['department'], ['business']];
    raw.staff[0].maxVisits = 3;
    raw.staff[1].group = 'business';
    assert.equal(validateInstance(raw).ok, true);
    raw.rules.maxTeam = 1e9;
    raw.day = '2026-02-30';
    assert.deepEqual(validateInstance(raw), {
      ok: false,
      problems: [
        'day: must be a date YYYY-MM-DD, got "2026-02-30"',
        'rules.maxTeam: must be at most 50, got 1000000000',
      ],
    });
  });
  void test("left out, the required groups are the spec's default; an empty list requires none", () => {
    const raw = JSON.parse(JSON.stringify(tinyInstance()));
    delete raw.rules.requireGroups;
    const v = validateInstance(raw);
    assert.deepEqual(v.ok && v.instance.rules.requireGroups, [['politician'], ['business', 'leadership']]);
    raw.rules.requireGroups = [];
    const none = validateInstance(raw);
    assert.deepEqual(none.ok && none.instance.rules.requireGroups, []);
  });
  void test('not an object, missing lists', () => {
    assert.deepEqual(validateInstance([]), { ok: false, problems: ['instance: must be a JSON object'] });
    const v = validateInstance({});
    assert.equal(v.ok, false);
    if (!v.ok)
      assert.deepEqual(v.problems.slice(0, 2), ['slots: missing (a list)', 'rules: missing (an object)']);
  });
});
