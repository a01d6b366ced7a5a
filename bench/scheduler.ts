// npm run bench:scheduler [-- --quick] [--highs-seconds N] [--seeds N] [--no-highs] [--only 120/]
//                         [--highs-cache DIR]
//
// Generates days with ../shared/tools/gen-sprint.mjs and prints, per day, the scheduler's figures
// (visits, its bound, topic coverage, travel minutes, load spread, time) beside a greedy pass's and
// HiGHS's on the exact MIP model (bench/scheduler-highs.ts, in a child process: first the most
// visits, then the most coverage with that count as a floor, each stage under --highs-seconds).
// --quick: two seeds, HiGHS only up to 120 registrations, 20 s a stage unless --highs-seconds is given.
// --highs-cache DIR: keep HiGHS's figures per day, seed and --highs-seconds in DIR and reuse them on the
// next run (HiGHS takes minutes a day; the scheduler's figures are always measured afresh).
// --solver-seeds N: also solve each day with the scheduler's seeds 2..N and print the spread of its
// coverage ("min–max, k/N at the best") — one seed's figure is one draw of a randomised search.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { greedySchedule, scoreOf, solve, validateInstance } from '../src/scheduler';
import type { Instance, Score } from '../src/scheduler';
import { defaultTimeLimitSeconds } from '../src/cli/commands/schedule';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GEN = join(ROOT, '../shared/tools/gen-sprint.mjs');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
};
const quick = flag('quick');
const highsSeconds = Number(value('highs-seconds', quick ? '20' : '60'));
const highsMaxRegs = Number(value('highs-max', quick ? '120' : '100000'));
const seeds = Number(value('seeds', quick ? '2' : '3'));
const noHighs = flag('no-highs');
const only = value('only', '');
const highsCache = value('highs-cache', '');
const solverSeeds = Math.max(1, Number(value('solver-seeds', '1')));
if (highsCache) mkdirSync(highsCache, { recursive: true });

const PHYS = ['--physical', '0.8', '--radius-km', '25'];
const sizes: [number, number, number][] = [
  [30, 13, 8],
  [60, 20, 8],
  [120, 30, 10],
  [250, 45, 12],
  [500, 70, 14],
  [1000, 120, 16],
];
const days: { name: string; size: [number, number, number]; extra: string[] }[] = [];
for (const size of sizes) {
  days.push({ name: 'base', size, extra: [] });
  days.push({ name: 'physical', size, extra: PHYS });
  days.push({ name: 'scarce-pol', size, extra: ['--scarce-politicians'] });
}
for (const size of [
  [60, 28, 8],
  [120, 55, 10],
  [250, 95, 12],
] as [number, number, number][])
  days.push({ name: 'travel', size, extra: PHYS });

const cache = join(tmpdir(), 'besok-bench-scheduler');
mkdirSync(cache, { recursive: true });

function generate(
  size: [number, number, number],
  extra: string[],
  seed: number,
): { file: string; inst: Instance } {
  const [r, p, s] = size;
  const file = join(cache, `${r}-${p}-${s}-${extra.join('')}-${seed}.json`);
  const gen = spawnSync(
    process.execPath,
    [GEN, '--registrations', `${r}`, '--staff', `${p}`, '--slots', `${s}`, '--seed', `${seed}`, ...extra],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (gen.status !== 0) throw new Error(gen.stderr);
  if (!existsSync(file)) writeFileSync(file, gen.stdout);
  const v = validateInstance(JSON.parse(gen.stdout));
  if (!v.ok) throw new Error(v.problems.join('\n'));
  return { file, inst: v.instance };
}

interface HighsOut {
  visits?: number;
  proven?: boolean;
  coverageProven?: boolean;
  score?: Score;
  stage1?: { status: string; seconds: number };
  stage2?: { status: string; seconds: number };
  error?: string;
}

function runHighs(file: string): HighsOut {
  const cached = highsCache ? join(highsCache, `${basename(file, '.json')}.highs-${highsSeconds}s.json`) : '';
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as HighsOut;
  const out = runHighsChild(file);
  if (cached && !out.error) writeFileSync(cached, JSON.stringify(out));
  return out;
}

function runHighsChild(file: string): HighsOut {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/scheduler-highs.ts'), file, `${highsSeconds}`],
    {
      encoding: 'utf8',
      timeout: (2 * highsSeconds + 120) * 1000,
      maxBuffer: 1 << 26,
    },
  );
  if (res.error) return { error: `${res.error.message}`.slice(0, 60) };
  if (res.status !== 0) {
    const last =
      (res.stderr || `exit ${res.status}`)
        .trim()
        .split('\n')
        .filter((l) => l.trim())
        .slice(-1)[0] ?? '';
    return { error: `exit ${res.status ?? res.signal}: ${last}`.slice(0, 80) };
  }
  try {
    return JSON.parse(res.stdout.trim().split('\n').pop()!) as HighsOut;
  } catch {
    return { error: 'no result' };
  }
}

/** A solve as `besok schedule` runs it: the seed given, the CLI's default time cap. */
const solveAsCli = (inst: Instance, seed: number) =>
  solve(inst, {
    seed,
    timeLimitMs: defaultTimeLimitSeconds(inst.registrations.length) * 1000,
    now: () => performance.now(),
  });

const fmtScore = (s: Score) => `${s.visits}/${s.topicCoverage}/${s.travelMinutes}/${s.maxLoad - s.minLoad}`;
const pad = (s: string | number, n: number) => String(s).padEnd(n);

// Warm the JIT once so the first timed day is not charged for compilation.
for (const [size, extra] of [
  [[30, 13, 8], []],
  [[30, 13, 8], PHYS],
  [[60, 28, 8], PHYS],
] as [[number, number, number], string[]][]) {
  const { inst } = generate(size, extra, 99);
  solve(inst, { seed: 1, timeLimitMs: 2000, now: () => performance.now() });
}

console.log(
  `Scheduler benchmark — ${quick ? 'quick' : 'full'} run, ${seeds} seed(s) a day; HiGHS ${noHighs ? 'off' : `${highsSeconds} s a stage, up to ${highsMaxRegs} registrations`}`,
);
console.log(
  'score columns: visits/coverage/travel minutes/load spread (max − min); ms: wall and process CPU time of the solve (the machine may be shared)\n',
);
const header = [
  pad('day', 24),
  pad('seed', 5),
  pad('ours', 18),
  pad('bound', 6),
  pad('ms wall/cpu', 11),
  pad('greedy', 18),
  pad('HiGHS', 22),
  pad('HiGHS s', 9),
  'ours vs HiGHS',
  ...(solverSeeds > 1 ? [`  coverage, solver seeds 1–${solverSeeds}`] : []),
].join(' ');
console.log(header);
console.log('-'.repeat(header.length + 10));

let peakHeap = 0;
for (const day of days) {
  const label = `${day.size.join('/')} ${day.name}`;
  if (only && !label.includes(only)) continue;
  for (let seed = 1; seed <= seeds; seed++) {
    const { file, inst } = generate(day.size, day.extra, seed);
    const greedy = scoreOf(inst, greedySchedule(inst));
    const c0 = process.cpuUsage();
    const t = performance.now();
    const res = solveAsCli(inst, 1);
    const ms = performance.now() - t;
    const cu = process.cpuUsage(c0);
    const cpuMs = (cu.user + cu.system) / 1000;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    let hs = '';
    let hsT = '';
    let cmp = '';
    if (!noHighs && inst.registrations.length <= highsMaxRegs) {
      const h = runHighs(file);
      if (h.error) hs = `failed: ${h.error}`;
      else if (!h.score) hs = `no solution (${h.stage1?.status})`;
      else {
        hs = `${fmtScore(h.score)}${h.proven ? ' P' : ' ?'}${h.coverageProven ? 'P' : h.stage2 ? '?' : '-'}`;
        const hT = (h.stage1?.seconds ?? 0) + (h.stage2?.seconds ?? 0);
        hsT = hT.toFixed(1);
        cmp = `${res.score.visits - h.score.visits >= 0 ? '+' : ''}${res.score.visits - h.score.visits}v ${res.score.topicCoverage - h.score.topicCoverage >= 0 ? '+' : ''}${res.score.topicCoverage - h.score.topicCoverage}c ${((hT * 1000) / ms).toFixed(0)}×`;
      }
    }
    let spread = '';
    if (solverSeeds > 1) {
      const covs = [res.score.topicCoverage];
      let short = 0;
      let capped = 0;
      for (let k = 2; k <= solverSeeds; k++) {
        const r = solveAsCli(inst, k);
        if (r.stoppedBy === 'timeLimit') capped++;
        if (r.score.visits < res.bound) short++;
        else covs.push(r.score.topicCoverage);
      }
      const best = Math.max(...covs);
      spread = `  ${Math.min(...covs)}–${best}, ${covs.filter((c) => c === best).length}/${solverSeeds} at ${best}${short ? `, ${short} a visit short` : ''}${capped ? `, ${capped} stopped by the time cap` : ''}`;
    }
    const line = [
      pad(label, 24),
      pad(seed, 5),
      pad(`${fmtScore(res.score)}`, 18),
      pad(`${res.bound}${res.bound === res.visits.length ? '=' : ''}`, 6),
      pad(`${ms.toFixed(0)}/${cpuMs.toFixed(0)}${res.stoppedBy === 'timeLimit' ? '!' : ''}`, 11),
      pad(fmtScore(greedy), 18),
      pad(hs || '—', 22),
      pad(hsT || '—', 9),
      pad(cmp, 14),
      spread,
    ]
      .join(' ')
      .trimEnd();
    console.log(line);
  }
}
const ru = process.resourceUsage();
console.log(
  `\npeak RSS ${(ru.maxRSS / 1024).toFixed(0)} MB (this process: generator output, greedy and scheduler; HiGHS runs in a child), peak heap seen ${(peakHeap / 2 ** 20).toFixed(0)} MB`,
);
console.log(
  'ms ending in "!": the solve hit its time cap (the CLI default) before its iteration budget ran out',
);
console.log(
  'HiGHS: P = proven optimal, ? = stopped at the time limit (best found so far); bound "=" means bound == visits (proven most visits)',
);
