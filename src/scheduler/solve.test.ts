import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { greedySchedule } from './greedy';
import { checkSchedule } from './rules';
import { FixedVisitsInfeasibleError, scoreOf, solve } from './solve';
import { sprintRules, tinyInstance } from './test-helpers';
import type { Instance, SolveResult, Visit } from './types';
import { validateInstance } from './validate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOLS = join(ROOT, '../shared/tools');
const tmp = mkdtempSync(join(tmpdir(), 'besok-scheduler-'));

function generate(args: string[]): Instance {
  const res = spawnSync(process.execPath, [join(TOOLS, 'gen-sprint.mjs'), ...args], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const v = validateInstance(JSON.parse(res.stdout));
  assert.ok(v.ok, v.ok ? '' : v.problems.join('\n'));
  return v.instance;
}

/** Runs ../shared/tools/check-sprint.mjs on the schedule; returns its verdict. */
function checkSprint(inst: Instance, res: SolveResult, name: string) {
  const i = join(tmp, `${name}.instance.json`);
  const s = join(tmp, `${name}.schedule.json`);
  writeFileSync(i, JSON.stringify(inst));
  writeFileSync(s, JSON.stringify(res));
  const out = spawnSync(process.execPath, [join(TOOLS, 'check-sprint.mjs'), i, s], { encoding: 'utf8' });
  return {
    status: out.status,
    ...(JSON.parse(out.stdout) as {
      valid: boolean;
      violations: string[];
      visits: number;
      topicCoverage: number;
    }),
  };
}

const opts = (seed = 1) => ({ seed, timeLimitMs: 20_000, now: () => performance.now() });

void describe('solve: the reference day (30 registrations, 13 staff, 8 slots)', () => {
  const inst = generate(['--registrations', '30', '--staff', '13', '--slots', '8', '--seed', '1']);
  const res = solve(inst, opts());

  void test('check-sprint.mjs accepts it and agrees on the score', () => {
    const c = checkSprint(inst, res, 'reference');
    assert.equal(c.status, 0, c.violations.join('\n'));
    assert.equal(c.valid, true);
    assert.equal(c.visits, res.score.visits);
    assert.equal(c.topicCoverage, res.score.topicCoverage);
  });

  void test('the most visits, proven: bound == visits', () => {
    assert.equal(res.bound, res.visits.length);
  });

  void test('the most topic coverage, proven: coverageBound == coverage, and the search says so', () => {
    assert.equal(res.coverageBound, res.score.topicCoverage);
    assert.equal(res.stoppedBy, 'optimal');
  });

  void test('coverage far above a greedy pass (3× at least)', () => {
    const greedy = scoreOf(inst, greedySchedule(inst));
    assert.equal(greedy.visits, res.score.visits);
    assert.ok(
      res.score.topicCoverage >= 3 * greedy.topicCoverage,
      `${res.score.topicCoverage} vs greedy ${greedy.topicCoverage}`,
    );
  });

  void test('each registration left out has its own reason, naming its slots, in English and Swedish', () => {
    assert.equal(res.unscheduled.length, inst.registrations.length - res.visits.length);
    for (const u of res.unscheduled) {
      assert.ok(u.reason.startsWith(`${u.registration} (`), u.reason);
      assert.ok(u.reason.includes(u.slots[0]!), u.reason);
      assert.ok(u.reasonSv.includes('kan träffas'), u.reasonSv);
      assert.doesNotMatch(u.reason, /could not be scheduled/);
      assert.ok(u.code.length > 0);
    }
  });

  void test('same instance and seed, same schedule', () => {
    const again = solve(inst, opts());
    assert.deepEqual(again.visits, res.visits);
    assert.deepEqual(again.unscheduled, res.unscheduled);
  });
});

void describe('solve: other days', () => {
  void test('fixed visits and conflicts are kept (60/20/8, 4 fixed, 8 conflicts)', () => {
    const inst = generate([
      '--registrations',
      '60',
      '--staff',
      '20',
      '--slots',
      '8',
      '--seed',
      '2',
      '--fixed',
      '4',
      '--conflicts',
      '8',
    ]);
    const res = solve(inst, opts(3));
    assert.equal(checkSprint(inst, res, 'fixed').valid, true);
    assert.deepEqual(checkSchedule(inst, res.visits), []);
    assert.ok(res.visits.length <= res.bound);
  });

  void test('a travel-bound day: valid, more visits than a greedy pass', () => {
    const inst = generate([
      '--registrations',
      '60',
      '--staff',
      '28',
      '--slots',
      '8',
      '--seed',
      '1',
      '--physical',
      '0.8',
      '--radius-km',
      '25',
    ]);
    const res = solve(inst, opts());
    assert.equal(checkSprint(inst, res, 'travel').valid, true);
    assert.ok(res.visits.length > greedySchedule(inst).length);
    assert.ok(res.visits.length >= 0.98 * res.bound, `${res.visits.length} of bound ${res.bound}`);
  });

  void test('coverageBound is an upper bound: every valid schedule of the tiny instance, enumerated', () => {
    const inst = tinyInstance();
    const res = solve(inst, opts());
    const staff = inst.staff.map((x) => x.id);
    const teams: string[][] = [];
    for (let mask = 1; mask < 1 << staff.length; mask++) {
      const team = staff.filter((_, i) => mask & (1 << i));
      if (team.length >= inst.rules.minTeam && team.length <= inst.rules.maxTeam) teams.push(team);
    }
    const fixed = new Map((inst.fixed ?? []).map((f) => [f.registration, f]));
    const optionsOf = (r: Instance['registrations'][number]): Array<Visit | null> => {
      const f = fixed.get(r.id);
      const out: Array<Visit | null> = f ? [] : [null];
      for (const slot of f ? [f.slot] : r.available)
        for (const team of teams)
          if (!f || (f.team ?? []).every((id) => team.includes(id)))
            out.push({ registration: r.id, slot, team });
      return out;
    };
    const options = inst.registrations.map(optionsOf);
    let best = -1;
    let valid = 0;
    const pick: Visit[] = [];
    const walk = (i: number) => {
      if (i === options.length) {
        if (checkSchedule(inst, pick).length > 0) return;
        valid++;
        best = Math.max(best, scoreOf(inst, pick).topicCoverage);
        return;
      }
      for (const o of options[i]!) {
        if (o) pick.push(o);
        walk(i + 1);
        if (o) pick.pop();
      }
    };
    walk(0);
    assert.ok(valid > 10, `${valid} valid schedules`);
    assert.ok(res.coverageBound >= best, `bound ${res.coverageBound} < best ${best}`);
    assert.equal(res.score.topicCoverage, best);
  });

  void test('overlapping slots and a person with maxVisits 1 (the tiny instance)', () => {
    const inst = tinyInstance();
    const res = solve(inst, opts());
    assert.deepEqual(checkSchedule(inst, res.visits), []);
    assert.equal(checkSprint(inst, res, 'tiny').valid, true);
    // m2, the only business official, is fixed in s1 (r1); r2 and r3 then both need m2 and are
    // 60 km apart: two visits is the most (the bound, a relaxation, says 3).
    assert.equal(res.visits.length, 2);
    assert.ok(res.bound >= 2);
  });

  void test('the time limit is a safety cap: with none left the schedule is still valid', () => {
    const inst = generate(['--registrations', '120', '--staff', '30', '--slots', '10', '--seed', '4']);
    const res = solve(inst, { seed: 1, timeLimitMs: 0, now: () => performance.now() });
    assert.equal(res.stoppedBy, 'timeLimit');
    assert.deepEqual(checkSchedule(inst, res.visits), []);
  });
});

/**
 * Two on-site visits 56 km apart: Norr AB at 09:00, Söder AB at 10:00, with 15 minutes between,
 * so nobody can make both; a team is a politician and a business-unit official.
 */
function northAndSouth(staff: Instance['staff']): Instance {
  const site = (id: string, company: string, lat: number, slot: string) => ({
    id,
    company,
    mode: 'physical' as const,
    location: { lat, lon: 12.3 },
    available: [slot],
    topics: [],
  });
  return {
    slots: [
      { id: 's1', start: '09:00', end: '09:45' },
      { id: 's2', start: '10:00', end: '10:45' },
    ],
    rules: sprintRules({ maxTeam: 2, requireGroups: [['politician'], ['business']] }),
    staff,
    registrations: [site('r1', 'Norr AB', 58.5, 's1'), site('r2', 'Söder AB', 58.0, 's2')],
  };
}

void describe('solve: refusals and reasons', () => {
  void test('fixed visits that cannot be staffed are refused, naming the rule and the visit', () => {
    const inst = tinyInstance();
    inst.staff[1]!.available = ['s2', 's3', 's4']; // the only business official is away in s1
    assert.throws(
      () => solve(inst, opts()),
      (e: unknown) => {
        assert.ok(e instanceof FixedVisitsInfeasibleError);
        assert.equal(e.violations[0]!.rule, 'requiredGroups');
        assert.equal(e.violations[0]!.registration, 'r1');
        assert.match(
          e.violations[0]!.message,
          /fixed visit to r1 in s1 .* cannot be staffed: no business-unit official or leadership official/,
        );
        return true;
      },
    );
  });

  void test('a fixed team that breaks a rule as given is refused (conflict of interest)', () => {
    const inst = tinyInstance();
    inst.fixed = [{ registration: 'r1', slot: 's1', team: ['m1', 'm3'] }];
    assert.throws(
      () => solve(inst, opts()),
      (e: unknown) => e instanceof FixedVisitsInfeasibleError && e.violations[0]!.rule === 'noConflicts',
    );
  });

  void test('a registration left out is told what is missing and what would fit it', () => {
    const inst: Instance = {
      slots: [{ id: 's1', start: '09:00', end: '09:45' }],
      rules: sprintRules(),
      staff: [
        { id: 'm1', group: 'politician', expertise: [], available: ['s1'] },
        { id: 'm2', group: 'business', expertise: [], available: ['s1'] },
        { id: 'm3', group: 'business', expertise: [], available: ['s1'] },
      ],
      registrations: [
        { id: 'r1', company: 'Alfa AB', mode: 'digital', available: ['s1'], topics: [] },
        { id: 'r2', company: 'Beta AB', mode: 'digital', available: ['s1'], topics: [] },
      ],
    };
    const res = solve(inst, opts());
    assert.equal(res.visits.length, 1);
    assert.equal(res.bound, 1);
    const u = res.unscheduled[0]!;
    assert.equal(u.code, 'GROUP_BUSY');
    assert.match(
      u.reason,
      /can meet in s1; in s1 every available politician is already in another visit — one more politician free in s1 would fit it/,
    );
    assert.match(u.reasonSv, /besöket skulle gå att lägga in om en politiker till var ledig i s1$/);
  });

  void test('on site too far away: the reason names the visit that blocks it', () => {
    const inst = northAndSouth([
      { id: 'm1', group: 'politician', expertise: [], available: ['s1', 's2'] },
      { id: 'm2', group: 'business', expertise: [], available: ['s1', 's2'] },
    ]);
    const res = solve(inst, opts());
    assert.equal(res.visits.length, 1);
    const u = res.unscheduled[0]!;
    assert.equal(u.code, 'TRAVEL');
    assert.match(u.reason, /on site at .*: in s\d no free politician can get there in time \(e\.g\. m1 /);
    assert.match(u.reason, /as a digital meeting it would fit in s\d/);
  });

  void test('fixed visits staffable in one way only are staffed (the exact search), or refused as a whole', () => {
    // Six fixed visits at 08:30; conflicts leave f_i the politicians p_i…p6 and the officials b1…b_i,
    // so the one way is f_i with p_i and b_i. The greedy orders miss it; the search over every
    // completion finds it.
    const n = 6;
    const ids = (x: string) => Array.from({ length: n }, (_, i) => `${x}${i + 1}`);
    const inst: Instance = {
      slots: [
        { id: 's1', start: '08:30', end: '09:15' },
        { id: 's2', start: '09:30', end: '10:15' },
      ],
      rules: sprintRules(),
      staff: [
        // p_i knows topics t1…t_i: the team builder, weighing coverage, reaches for p6 first.
        ...ids('p').map((id, i) => ({
          id,
          group: 'politician' as const,
          expertise: ids('t').slice(0, i + 1),
          available: ['s1', 's2'],
          maxVisits: 2,
        })),
        ...ids('b').map((id) => ({
          id,
          group: 'business' as const,
          expertise: [],
          available: ['s1', 's2'],
          maxVisits: 2,
        })),
      ],
      registrations: ids('f').map((id) => ({
        id,
        company: `${id} AB`,
        mode: 'digital' as const,
        available: ['s1'],
        topics: ids('t'),
      })),
      fixed: ids('f').map((registration) => ({ registration, slot: 's1', team: [] })),
      conflicts: ids('f').flatMap((registration, i) => [
        ...ids('p')
          .slice(0, i)
          .map((staff) => ({ staff, registration })),
        ...ids('b')
          .slice(i + 1)
          .map((staff) => ({ staff, registration })),
      ]),
    };
    for (const seed of [1, 2, 3]) {
      const res = solve(inst, { ...opts(), seed });
      assert.deepEqual(checkSchedule(inst, res.visits), []);
      assert.deepEqual(
        res.visits.map((v) => `${v.registration}:${v.team.join('+')}`).sort(),
        ids('f').map((f, i) => `${f}:p${i + 1}+b${i + 1}`),
      );
    }
    // Without p6, six visits need a politician and five are left: refused by counting, naming them.
    const fewer = { ...inst, staff: inst.staff.filter((x) => x.id !== 'p6') };
    assert.throws(
      () => solve(fewer, opts()),
      (err: FixedVisitsInfeasibleError) => {
        assert.deepEqual(
          err.violations.map((v) => v.message),
          [
            'the 6 fixed visits in s1 (08:30–09:15) (f1, f2, f3, f4, f5, f6) each need a politician, but only 5 are free for them then (p1, p2, p3, p4, p5)',
          ],
        );
        return true;
      },
    );
    // With p5 in conflict with f5 too, f5 and f6 both have only p6: enough politicians to count,
    // but the search finds no way, and says what is missing once the others have their people.
    const clash = { ...inst, conflicts: [...inst.conflicts!, { staff: 'p5', registration: 'f5' }] };
    assert.throws(
      () => solve(clash, opts()),
      (err: FixedVisitsInfeasibleError) => {
        assert.ok(err instanceof FixedVisitsInfeasibleError);
        assert.match(
          err.violations.map((v) => v.message).join('\n'),
          /the fixed visit to f[56] in s1 \(08:30–09:15\) cannot be staffed: no politician is free for it then once the other fixed visits have their people/,
        );
        return true;
      },
    );
  });

  void test('a fixed visit with nobody of two lists is refused naming both; no room beside its listed people', () => {
    const inst: Instance = {
      slots: [{ id: 's1', start: '09:00', end: '09:45' }],
      rules: sprintRules({ maxTeam: 2, requireGroups: [['politician'], ['business']] }),
      staff: [
        { id: 'd1', group: 'department', expertise: [], available: ['s1'] },
        { id: 'd2', group: 'department', expertise: [], available: ['s1'] },
      ],
      registrations: [{ id: 'f1', company: 'Ett AB', mode: 'digital', available: ['s1'], topics: [] }],
      fixed: [{ registration: 'f1', slot: 's1', team: [] }],
    };
    const messages = (i: Instance) => {
      try {
        solve(i, opts());
      } catch (e) {
        if (e instanceof FixedVisitsInfeasibleError) return e.violations.map((v) => v.message);
        throw e;
      }
      return [];
    };
    assert.deepEqual(messages(inst), [
      'the fixed visit to f1 in s1 (09:00–09:45) cannot be staffed: no politician is free for it then (each visit needs one)',
      'the fixed visit to f1 in s1 (09:00–09:45) cannot be staffed: no business-unit official is free for it then (each visit needs one)',
    ]);
    // Listed with d1 alone, and a politician and an official there: not "already full".
    const listedOne: Instance = {
      ...inst,
      staff: [
        ...inst.staff,
        { id: 'p1', group: 'politician', expertise: [], available: ['s1'] },
        { id: 'b1', group: 'business', expertise: [], available: ['s1'] },
      ],
      fixed: [{ registration: 'f1', slot: 's1', team: ['d1'] }],
    };
    assert.deepEqual(messages(listedOne), [
      'the fixed visit to f1 in s1 (09:00–09:45) cannot be staffed: beside its listed team (d1) a team of at most 2 has no room for a politician and a business-unit official',
    ]);
  });

  void test('at their maximum and too far away as well: the reason says both', () => {
    const inst = northAndSouth([
      { id: 'm1', group: 'politician', expertise: [], available: ['s1', 's2'], maxVisits: 1 },
      { id: 'b1', group: 'business', expertise: [], available: ['s1', 's2'] },
      { id: 'b2', group: 'business', expertise: [], available: ['s1', 's2'] },
    ]);
    const u = solve(inst, opts()).unscheduled[0]!;
    assert.equal(u.registration, 'r2');
    assert.match(
      u.reason,
      /in s2 the politicians still free have reached their maximum number of visits, and none of them could get there in time either/,
    );
    assert.match(u.reasonSv, /och ingen av dem skulle hinna dit i tid heller/);
  });

  void test('a team too small: the head count of each slot, and slot ranges in time order', () => {
    // The slots are listed s2, s1, s3; by time they run s1, s2, s3. In s1 three people could
    // join (no politician among them), in s2 two, in s3 none of the lists at all.
    const inst: Instance = {
      slots: [
        { id: 's2', start: '10:00', end: '10:45' },
        { id: 's1', start: '09:00', end: '09:45' },
        { id: 's3', start: '11:00', end: '11:45' },
      ],
      rules: sprintRules({ minTeam: 3, requireGroups: [['politician']] }),
      staff: [
        { id: 'p1', group: 'politician', expertise: [], available: ['s2'] },
        { id: 'b1', group: 'business', expertise: [], available: ['s1', 's2'] },
        { id: 'd1', group: 'department', expertise: [], available: ['s1'] },
        { id: 'd2', group: 'department', expertise: [], available: ['s1'] },
      ],
      registrations: [
        { id: 'r1', company: 'Ett AB', mode: 'digital', available: ['s1', 's2', 's3'], topics: [] },
      ],
    };
    const u = solve(inst, opts()).unscheduled[0]!;
    assert.equal(
      u.reason,
      'r1 (Ett AB) can meet in s1–s3; no politician is available in s1, s3; in s2 only 2 people are free for it, but a team needs at least 3 — one more politician free in s1 would fit it',
    );
    assert.match(u.reasonSv, /i s2 är bara 2 personer lediga för det, men ett lag behöver minst 3/);
  });
});

void describe('solve: the exact repair after phase 2', () => {
  void test('30/13/8 seed 2: freeing two politicians’ day and repairing exactly reaches the ceiling (38)', () => {
    const inst = generate(['--registrations', '30', '--staff', '13', '--slots', '8', '--seed', '2']);
    const res = solve(inst, opts(1));
    assert.ok(res.lns && res.lns.improved >= 1, JSON.stringify(res.lns));
    assert.equal(res.score.topicCoverage, 38);
    assert.equal(res.coverageBound, 38);
    assert.equal(res.stoppedBy, 'optimal');
    assert.equal(res.visits.length, res.bound);
    assert.equal(checkSprint(inst, res, 'lns').valid, true);
  });

  void test('keeps fixed visits, conflicts and travel on a small on-site day', () => {
    for (const seed of [1, 2, 3]) {
      const inst = generate([
        ...['--registrations', '30', '--staff', '13', '--slots', '8', '--seed', `${seed}`],
        ...['--physical', '0.8', '--radius-km', '25', '--fixed', '3', '--conflicts', '6'],
      ]);
      const res = solve(inst, opts(1));
      assert.equal(checkSprint(inst, res, `lns-fixed-${seed}`).valid, true);
      assert.deepEqual(checkSchedule(inst, res.visits), []);
      assert.ok(res.visits.length <= res.bound);
    }
  });
});
