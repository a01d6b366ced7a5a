// HiGHS on the exact MIP model of shared/SPRINT-SCHEDULING.md, run in a child process by
// bench/scheduler.ts (so that a WASM abort or a runaway solve cannot take the benchmark down, and the
// benchmark's own peak memory stays the scheduler's).
//
//   tsx bench/scheduler-highs.ts INSTANCE.json SECONDS [SCHEDULE_OUT.json]  → one JSON line on stdout
// With SCHEDULE_OUT, HiGHS's final schedule is written there ({ visits }), to compare with the scheduler's.
// Stage 1 maximises visits; stage 2, with that count as a floor, maximises topic coverage. Each stage
// gets SECONDS of HiGHS time.
import { readFileSync, writeFileSync } from 'node:fs';
import highsLoader from 'highs';
import { compile } from '../src/scheduler/model';
import { scoreOf, validateInstance } from '../src/scheduler';
import type { Visit } from '../src/scheduler';

const [file, secondsArg, scheduleOut] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 60);
const v = validateInstance(JSON.parse(readFileSync(file!, 'utf8')));
if (!v.ok) throw new Error(v.problems.join('\n'));
const inst = v.instance;
const m = compile(inst);
const { minTeam, maxTeam } = inst.rules;

// Variables: y_r_s (registration r visited in slot s), x_r_s_p (person p in that visit).
const y = (r: number, s: number) => `y_${r}_${s}`;
const x = (r: number, s: number, p: number) => `x_${r}_${s}_${p}`;
const xs: string[] = [];
const ys: string[] = [];
const rows: string[] = [];
const bounds: string[] = [];
const xBy = new Map<string, number[]>(); // "r_s" -> persons
const personSlot = new Map<string, string[]>(); // "p_s" -> x vars
for (let r = 0; r < m.R; r++) {
  const fs = m.fixedSlot[r]!;
  const slots = fs >= 0 ? [fs] : m.regSlots[r]!;
  for (const s of slots) {
    ys.push(y(r, s));
    const ps: number[] = [];
    for (let p = 0; p < m.P; p++) {
      if (!m.staffAvail[p * m.S + s] || m.conflict[p * m.R + r] || m.maxVisits[p]! <= 0) continue;
      ps.push(p);
      xs.push(x(r, s, p));
      const key = `${p}_${s}`;
      if (!personSlot.has(key)) personSlot.set(key, []);
      personSlot.get(key)!.push(x(r, s, p));
    }
    xBy.set(`${r}_${s}`, ps);
  }
}
const sum = (terms: string[]) => {
  if (terms.length === 0) return '0 dummy';
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += 8) out.push(terms.slice(i, i + 8).join(' + '));
  return out.join('\n + ');
};
let rowId = 0;
const row = (lhs: string, op: string, rhs: number) => rows.push(` c${rowId++}: ${lhs} ${op} ${rhs}`);
for (let r = 0; r < m.R; r++) {
  const fs = m.fixedSlot[r]!;
  const slots = fs >= 0 ? [fs] : m.regSlots[r]!;
  if (slots.length === 0) continue;
  row(sum(slots.map((s) => y(r, s))), fs >= 0 ? '=' : '<=', 1);
  for (const s of slots) {
    const ps = xBy.get(`${r}_${s}`)!;
    const team = ps.map((p) => x(r, s, p));
    row(`${sum(team)} - ${minTeam} ${y(r, s)}`, '>=', 0);
    row(`${sum(team)} - ${maxTeam} ${y(r, s)}`, '<=', 0);
    inst.rules.requireGroups.forEach((_, l) => {
      const inList = ps.filter((p) => m.listMask[p]! & (1 << l)).map((p) => x(r, s, p));
      row(inList.length ? `${sum(inList)} - ${y(r, s)}` : y(r, s), inList.length ? '>=' : '<=', 0);
    });
    if (fs >= 0) for (const p of m.fixedTeam[r]!) bounds.push(` ${x(r, s, p)} = 1`);
  }
}
// Nobody in two visits at once: one row per person and point in time (each slot start).
for (let p = 0; p < m.P; p++) {
  for (let t = 0; t < m.S; t++) {
    const at = [t, ...m.overlaps[t]!.filter((o) => m.slotStart[o]! <= m.slotStart[t]!)];
    const terms = at.flatMap((s) => personSlot.get(`${p}_${s}`) ?? []);
    if (terms.length > 1) row(sum(terms), '<=', 1);
  }
  const all: string[] = [];
  for (let s = 0; s < m.S; s++) all.push(...(personSlot.get(`${p}_${s}`) ?? []));
  if (all.length > m.maxVisits[p]!) row(sum(all), '<=', m.maxVisits[p]!);
}
// Travel: p in on-site r at s excludes p in any on-site r' at a later s' it cannot reach in time.
// (Exact: by the triangle inequality an unreachable pair stays unreachable with visits between.)
let maxTravel = 0;
for (let i = 0; i < m.travel.length; i++) maxTravel = Math.max(maxTravel, m.travel[i]!);
for (let p = 0; p < m.P; p++)
  for (let s = 0; s < m.S; s++)
    for (let s2 = 0; s2 < m.S; s2++) {
      const gap = m.slotStart[s2]! - m.slotEnd[s]!;
      if (gap < 0 || gap >= maxTravel) continue;
      for (let r = 0; r < m.R; r++) {
        if (!m.physical[r] || !xBy.get(`${r}_${s}`)?.includes(p)) continue;
        const far: string[] = [];
        for (let r2 = 0; r2 < m.R; r2++) {
          if (r2 === r || !m.physical[r2] || !xBy.get(`${r2}_${s2}`)?.includes(p)) continue;
          if (m.travel[m.physIdx[r]! * m.nPhys + m.physIdx[r2]!]! > gap + 1e-9) far.push(x(r2, s2, p));
        }
        if (far.length) row(`${x(r, s, p)} + ${sum(far)}`, '<=', 1);
      }
    }

// Coverage: z_r_k <= Σ x of people with topic k, z_r_k in [0, 1].
const zs: string[] = [];
const covRows: string[] = [];
for (let r = 0; r < m.R; r++) {
  const fs = m.fixedSlot[r]!;
  const slots = fs >= 0 ? [fs] : m.regSlots[r]!;
  const topics = [...new Set(inst.registrations[r]!.topics)];
  topics.forEach((t, k) => {
    const terms: string[] = [];
    for (const s of slots)
      for (const p of xBy.get(`${r}_${s}`) ?? [])
        if (inst.staff[p]!.expertise.includes(t)) terms.push(x(r, s, p));
    if (terms.length === 0) return;
    const z = `z_${r}_${k}`;
    zs.push(z);
    covRows.push(` k${covRows.length}: ${sum(terms)} - ${z} >= 0`);
  });
}

const highs = await highsLoader();
function lp(objective: string, extra: string[], withZ: boolean): string {
  return [
    'Maximize',
    ` obj: ${objective}`,
    'Subject To',
    ...rows,
    ...extra,
    ...(withZ ? covRows : []),
    'Bounds',
    ...bounds,
    ...(withZ ? zs.map((z) => ` 0 <= ${z} <= 1`) : []),
    'Binaries',
    ...ys,
    ...xs,
    'End',
  ].join('\n');
}
function visitsFrom(cols: Record<string, { Primal?: number }>): Visit[] {
  const out: Visit[] = [];
  for (const name of ys) {
    if ((cols[name]?.Primal ?? 0) < 0.5) continue;
    const [, r, s] = name.split('_').map(Number) as [number, number, number];
    const team = (xBy.get(`${r}_${s}`) ?? []).filter((p) => (cols[x(r, s, p)]?.Primal ?? 0) > 0.5);
    out.push({
      registration: inst.registrations[r]!.id,
      slot: m.slotIds[s]!,
      team: team.map((p) => inst.staff[p]!.id),
    });
  }
  return out;
}

const result: Record<string, unknown> = { vars: xs.length + ys.length, rows: rows.length };
const opts = { output_flag: false, time_limit: seconds, mip_rel_gap: 0 };
let t = performance.now();
const s1 = highs.solve(lp(sum(ys), [], false), opts);
result.stage1 = { status: s1.Status, seconds: (performance.now() - t) / 1000 };
const hasSolution = (st: string) => st === 'Optimal' || st === 'Time limit reached';
if (hasSolution(s1.Status) && Number.isFinite(s1.ObjectiveValue)) {
  const visits1 = Math.round(s1.ObjectiveValue);
  result.visits = visits1;
  result.proven = s1.Status === 'Optimal';
  result.score = scoreOf(inst, visitsFrom(s1.Columns as unknown as Record<string, { Primal?: number }>));
  t = performance.now();
  const s2 = highs.solve(lp(sum(zs), [` floor: ${sum(ys)} >= ${visits1}`], true), opts);
  result.stage2 = { status: s2.Status, seconds: (performance.now() - t) / 1000 };
  if (hasSolution(s2.Status) && Number.isFinite(s2.ObjectiveValue)) {
    const visits = visitsFrom(s2.Columns as unknown as Record<string, { Primal?: number }>);
    result.score = scoreOf(inst, visits);
    result.coverageProven = s2.Status === 'Optimal';
    if (scheduleOut) writeFileSync(scheduleOut, `${JSON.stringify({ visits }, null, 1)}\n`);
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
