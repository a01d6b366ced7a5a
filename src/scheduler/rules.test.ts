import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkSchedule,
  fixedVisitsKept,
  noConflicts,
  noDoubleBookingOrOverload,
  requiredGroups,
  teamSizeAndAvailability,
  travelTime,
  visitOnceInAvailableSlot,
} from './rules';
import { tinyInstance } from './test-helpers';
import type { Visit } from './types';

const inst = tinyInstance();
/** A valid schedule of the tiny instance. */
const good: Visit[] = [
  { registration: 'r1', slot: 's1', team: ['m1', 'm2'] },
  { registration: 'r2', slot: 's2', team: ['m3', 'm2'] },
];

void describe('rule 1: visitOnceInAvailableSlot', () => {
  void test('keeps it: each registration once, in a slot it marked', () => {
    assert.deepEqual(visitOnceInAvailableSlot(inst, good), []);
  });
  void test('breaks it: a registration twice, and a slot it did not mark', () => {
    const v = visitOnceInAvailableSlot(inst, [
      ...good,
      { registration: 'r1', slot: 's4', team: ['m1', 'm2'] },
    ]);
    assert.equal(v.length, 2);
    assert.ok(
      v.every((x) => x.rule === 'visitOnceInAvailableSlot' && x.ruleNumber === 1 && x.registration === 'r1'),
    );
    assert.match(v[0]!.message, /more than once/);
    assert.match(v[1]!.message, /did not mark s4/);
    assert.match(v[1]!.messageSv, /har inte angett s4/);
  });
});

void describe('rule 2: teamSizeAndAvailability', () => {
  void test('keeps it', () => {
    assert.deepEqual(teamSizeAndAvailability(inst, good), []);
  });
  void test('breaks it: a team of one, and a member not available in the slot', () => {
    const v = teamSizeAndAvailability(inst, [
      { registration: 'r1', slot: 's1', team: ['m1'] },
      { registration: 'r2', slot: 's3', team: ['m3', 'm2'] },
    ]);
    assert.equal(v.length, 2);
    assert.match(v[0]!.message, /has 1 member; it must have 2–3/);
    assert.equal(v[1]!.staff, 'm3');
    assert.match(v[1]!.message, /m3 is not available in s3/);
  });
});

void describe('rule 3: requiredGroups', () => {
  void test('keeps it', () => {
    assert.deepEqual(requiredGroups(inst, good), []);
  });
  void test('breaks it: a team without a politician', () => {
    const v = requiredGroups(inst, [{ registration: 'r2', slot: 's2', team: ['m2', 'm4'] }]);
    assert.equal(v.length, 1);
    assert.equal(v[0]!.rule, 'requiredGroups');
    assert.match(v[0]!.message, /has no politician/);
    assert.match(v[0]!.messageSv, /saknar någon av politikerna/);
  });
});

void describe('rule 4: noDoubleBookingOrOverload', () => {
  void test('keeps it', () => {
    assert.deepEqual(noDoubleBookingOrOverload(inst, good), []);
  });
  void test('breaks it: the same person in overlapping slots', () => {
    const v = noDoubleBookingOrOverload(inst, [
      { registration: 'r1', slot: 's2', team: ['m1', 'm2'] },
      { registration: 'r2', slot: 's3', team: ['m1', 'm4'] },
    ]);
    assert.equal(v.length, 1);
    assert.equal(v[0]!.staff, 'm1');
    assert.match(v[0]!.message, /which overlap/);
  });
  void test('breaks it: more visits than maxVisits', () => {
    const v = noDoubleBookingOrOverload(inst, [
      { registration: 'r1', slot: 's1', team: ['m1', 'm4'] },
      { registration: 'r2', slot: 's4', team: ['m3', 'm4'] },
    ]);
    assert.equal(v.length, 1);
    assert.match(v[0]!.message, /m4 has 2 visits .* at most 1/);
  });
});

void describe('rule 5: travelTime', () => {
  void test('keeps it: far apart in time', () => {
    assert.deepEqual(
      travelTime(inst, [
        { registration: 'r3', slot: 's1', team: ['m3', 'm2'] },
        { registration: 'r2', slot: 's4', team: ['m3', 'm2'] },
      ]),
      [],
    );
  });
  void test('breaks it: 60 km in 15 minutes; a digital visit between does not help', () => {
    const v = travelTime(inst, [
      { registration: 'r3', slot: 's1', team: ['m3', 'm2'] },
      { registration: 'r1', slot: 's2', team: ['m1', 'm2'] },
      { registration: 'r2', slot: 's3', team: ['m1', 'm2'] },
    ]);
    assert.equal(v.length, 1);
    assert.equal(v[0]!.staff, 'm2');
    assert.match(v[0]!.message, /cannot get from Gamma AB .* to Beta AB/);
  });
});

void describe('rule 6: noConflicts', () => {
  void test('keeps it', () => {
    assert.deepEqual(noConflicts(inst, good), []);
  });
  void test('breaks it: m3 visits r1 despite a conflict of interest', () => {
    const v = noConflicts(inst, [{ registration: 'r1', slot: 's1', team: ['m1', 'm3', 'm2'] }]);
    assert.equal(v.length, 1);
    assert.match(v[0]!.messageSv, /jäv/);
  });
});

void describe('rule 7: fixedVisitsKept', () => {
  void test('keeps it: r1 in s1 with m1 (others may be added)', () => {
    assert.deepEqual(fixedVisitsKept(inst, good), []);
  });
  void test('breaks it: moved, without its fixed member, or missing', () => {
    assert.match(
      fixedVisitsKept(inst, [{ registration: 'r1', slot: 's2', team: ['m3', 'm2'] }])
        .map((v) => v.message)
        .join('|'),
      /must be in s1.*\|m1 is fixed/,
    );
    const missing = fixedVisitsKept(inst, []);
    assert.equal(missing.length, 1);
    assert.match(missing[0]!.message, /is missing/);
  });
});

void describe('checkSchedule', () => {
  void test('a valid schedule has no violations', () => {
    assert.deepEqual(checkSchedule(inst, good), []);
  });
  void test('sees an instance edited in place between checks (no stale cache)', () => {
    const edited = tinyInstance();
    assert.deepEqual(checkSchedule(edited, good), []);
    edited.staff[1]!.available = ['s3', 's4'];
    assert.deepEqual(
      checkSchedule(edited, good).map((v) => `${v.rule}:${v.registration}`),
      ['teamSizeAndAvailability:r1', 'teamSizeAndAvailability:r2'],
    );
  });
  void test('a manual move (r2 to s3) says which rules break, in English and Swedish', () => {
    const moved = good.map((v) => (v.registration === 'r2' ? { ...v, slot: 's3' } : v));
    const v = checkSchedule(inst, moved);
    assert.deepEqual(
      v.map((x) => x.rule),
      ['teamSizeAndAvailability'],
    );
    assert.ok(v[0]!.message.length > 0 && v[0]!.messageSv.length > 0);
  });
});
