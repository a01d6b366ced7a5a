// solve(): the scheduler's entry point. Pure: the seed, the time budget and a clock are inputs.
import { visitBound } from './bound';
import { explainUnscheduled } from './explain';
import { compile, popcount, travelMinutesBetween } from './model';
import type { Model } from './model';
import {
  checkSchedule,
  noConflicts,
  noDoubleBookingOrOverload,
  teamSizeAndAvailability,
  travelTime,
} from './rules';
import { aGroupEn, aGroupSv, groupsEn, groupsSv, slotLabel } from './labels';
import { fewestToCover } from './validate';
import { lnsRepair, type LnsStats } from './lns';
import { Search } from './search';
import { State, W_COVER } from './state';
import type { Instance, Score, SolveOptions, SolveResult, Violation, Visit } from './types';

/** Thrown by solve() for an instance whose fixed visits cannot all be staffed. */
export class FixedVisitsInfeasibleError extends Error {
  readonly violations: Violation[];
  constructor(violations: Violation[]) {
    super(
      `the fixed visits cannot all be staffed:\n${violations.map((v) => `  rule ${v.ruleNumber} (${v.rule}): ${v.message}`).join('\n')}`,
    );
    this.name = 'FixedVisitsInfeasibleError';
    this.violations = violations;
  }
}

/** The fixed visits as given, checked against the rules their listed people can already break. */
function fixedAsGiven(inst: Instance): Violation[] {
  const visits: Visit[] = (inst.fixed ?? []).map((f) => ({
    registration: f.registration,
    slot: f.slot,
    team: f.team ?? [],
  }));
  return [
    ...teamSizeAndAvailability(inst, visits, { allowSmall: true }),
    ...noDoubleBookingOrOverload(inst, visits),
    ...travelTime(inst, visits),
    ...noConflicts(inst, visits),
  ];
}

/**
 * Places the fixed visits and completes their teams; returns the violations when that is impossible.
 * `clock`: the exact search stops at `until` (a safety cap, like the search's).
 */
function placeFixed(st: State, search: Search, clock?: { now: () => number; until: number }): Violation[] {
  const m = st.m;
  const fixed: number[] = [];
  for (let r = 0; r < m.R; r++) if (m.fixedSlot[r]! >= 0) fixed.push(r);
  if (fixed.length === 0) return [];
  for (const r of fixed) {
    st.open(r, m.fixedSlot[r]!);
    for (const p of m.fixedTeam[r]!) st.add(r, p);
  }
  st.journal.length = 0;
  // The most constrained first; then a few shuffled orders.
  const joinable = (r: number) => {
    let n = 0;
    for (let p = 0; p < m.P; p++) if (st.canJoin(p, r, m.fixedSlot[r]!)) n++;
    return n;
  };
  // Fewer people of a list than the fixed visits of a slot that need one: refused by counting.
  const shortage = fixedShortage(st, fixed);
  if (shortage.length > 0) return shortage;
  const order = [...fixed].sort((a, b) => joinable(a) - joinable(b) || a - b);
  for (let attempt = 0; attempt < 40; attempt++) {
    if (attempt > 0)
      for (let i = order.length - 1; i > 0; i--) {
        const j = search.rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    let failed = -1;
    for (const r of order) {
      if (st.teamValid(r)) continue;
      if (!search.buildTeam(r, m.fixedSlot[r]!, attempt === 0 ? 0 : W_COVER, false)) {
        failed = r;
        break;
      }
    }
    if (failed < 0) {
      st.journal.length = 0;
      return [];
    }
    st.undo(0);
  }
  // The greedy orders found none: search every completion before refusing the instance.
  const exact = completeFixedExactly(st, fixed, clock);
  if (exact === true) {
    st.journal.length = 0;
    return [];
  }
  if (exact !== false) return [exact];
  // The search stopped (time limit or step budget) before it could tell: say so, not a false reason.
  const names = fixed.map((r) => m.inst.registrations[r]!.id).join(', ');
  return [
    {
      rule: 'fixedVisitsKept',
      ruleNumber: 7,
      registration: m.inst.registrations[fixed[0]!]!.id,
      message: `no way to staff all the fixed visits (${names}) was found within the search's limit (the time limit or ${FIXED_SEARCH_NODES} steps); there may be one: listing more of their people, or a longer time limit, would settle it`,
      messageSv: `det gick inte att hitta något sätt att bemanna alla låsta besök (${names}) inom sökningens gräns (tidsgränsen eller ${FIXED_SEARCH_NODES.toLocaleString('sv-SE')} steg), men det kan finnas ett; ange fler personer i deras lag eller förläng tidsgränsen för att få besked`,
    },
  ];
}

/**
 * For each slot and required list: the fixed visits there whose listed people have nobody of the
 * list, against the people of the list who could join one of them (available then, allowed a visit,
 * not listed for another fixed visit then, without a conflict with all of them). Fewer people than
 * visits is a proof that the fixed visits cannot all be staffed, and names the shortage.
 */
function fixedShortage(st: State, fixed: number[]): Violation[] {
  const m = st.m;
  const inst = m.inst;
  const lists = inst.rules.requireGroups;
  const out: Violation[] = [];
  const listedAt = new Set<string>();
  for (const r of fixed) for (const p of m.fixedTeam[r]!) listedAt.add(`${p}@${m.fixedSlot[r]}`);
  for (const s of new Set(fixed.map((r) => m.fixedSlot[r]!))) {
    const here = fixed.filter((r) => m.fixedSlot[r] === s);
    lists.forEach((list, l) => {
      const bit = 1 << l;
      const needing = here.filter((r) => !m.fixedTeam[r]!.some((p) => m.listMask[p]! & bit));
      if (needing.length === 0) return;
      const people: string[] = [];
      for (let p = 0; p < m.P; p++)
        if (
          m.listMask[p]! & bit &&
          m.staffAvail[p * m.S + s] &&
          m.maxVisits[p]! > 0 &&
          !listedAt.has(`${p}@${s}`) &&
          needing.some((r) => !m.conflict[p * m.R + r])
        )
          people.push(inst.staff[p]!.id);
      if (people.length >= needing.length) return;
      if (needing.length === 1) {
        out.push(fixedFailure(st, needing[0]!, false, l)); // nobody of the list at all: said of the visit
        return;
      }
      const slot = m.slotIds[s]!;
      const regs = needing.map((r) => inst.registrations[r]!.id).join(', ');
      const who = people.length ? ` (${people.join(', ')})` : '';
      out.push({
        rule: 'requiredGroups',
        ruleNumber: 3,
        registration: inst.registrations[needing[0]!]!.id,
        slot,
        message: `the ${needing.length} fixed visits in ${slotLabel(inst, slot)} (${regs}) each need a ${groupsEn(list)}, but only ${people.length} ${people.length === 1 ? 'is' : 'are'} free for them then${who}`,
        messageSv: `de ${needing.length} låsta besöken i ${slotLabel(inst, slot)} (${regs}) behöver var sin ${groupsSv(list)}, men bara ${people.length} ${people.length === 1 ? 'är ledig' : 'är lediga'} för dem då${who}`,
      });
    });
  }
  return out;
}

/** Completions of the fixed visits' teams tried by the exact search before it gives up. */
const FIXED_SEARCH_NODES = 200_000;

/**
 * Depth-first search over the fixed visits' team completions (the visit with the fewest candidates
 * first; its lowest missing list first, then members up to minTeam in increasing order, so each
 * team is tried once). True when every fixed visit is staffed (the state holds the teams); the
 * violation of the deepest dead end when none can be; false when the search ran out of nodes.
 */
function completeFixedExactly(
  st: State,
  fixed: number[],
  clock?: { now: () => number; until: number },
): true | false | Violation {
  const m = st.m;
  const together = fixed.length > 1;
  const fillerAbove = new Int32Array(m.R).fill(-1);
  let nodes = 0;
  let deepest = -1;
  let deadEnd: Violation | null = null;
  const dfs = (depth: number): boolean | null => {
    if (++nodes > FIXED_SEARCH_NODES) return null;
    if ((nodes & 255) === 0 && clock && clock.now() > clock.until) return null;
    let bestR = -1;
    let best: number[] = [];
    for (const r of fixed) {
      if (st.teamValid(r)) continue;
      const s = m.fixedSlot[r]!;
      const need = m.allListsMask & ~st.listsOf(r);
      const bit = need & -need;
      const cands: number[] = [];
      if (st.size[r]! < st.MT)
        for (let p = 0; p < m.P; p++) {
          if (bit !== 0 ? (m.listMask[p]! & bit) === 0 : p <= fillerAbove[r]!) continue;
          if (st.canJoin(p, r, s)) cands.push(p);
        }
      if (cands.length === 0) {
        if (depth > deepest) {
          deepest = depth;
          deadEnd = fixedFailure(st, r, together);
        }
        return false;
      }
      if (bestR < 0 || cands.length < best.length) {
        bestR = r;
        best = cands;
      }
    }
    if (bestR < 0) return true;
    const filling = (m.allListsMask & ~st.listsOf(bestR)) === 0;
    for (const p of best) {
      const mk = st.mark();
      const before = fillerAbove[bestR]!;
      st.add(bestR, p);
      if (filling) fillerAbove[bestR] = p;
      const found = dfs(depth + 1);
      if (found !== false) return found;
      fillerAbove[bestR] = before;
      st.undo(mk);
    }
    return false;
  };
  const found = dfs(0);
  if (found === true) return true;
  st.undo(0);
  return found === null ? false : (deadEnd ?? false);
}

/**
 * Why fixed visit r cannot be staffed as the state stands. `together`: the state holds the other
 * fixed visits' people (the exact search's dead end), so the message says that it is the fixed
 * visits together that use them up.
 */
function fixedFailure(st: State, r: number, together = false, onlyList?: number): Violation {
  const m = st.m;
  const inst = m.inst;
  const s = m.fixedSlot[r]!;
  const reg = inst.registrations[r]!.id;
  const slot = m.slotIds[s]!;
  const lists = inst.rules.requireGroups;
  const have = st.listsOf(r);
  const listed = m.fixedTeam[r]!;
  const listedLists = listed.reduce((mask, p) => mask | m.listMask[p]!, 0);
  const team = listed.map((p) => inst.staff[p]!.id).join(', ');
  if (listed.length >= st.MT) {
    // Full as listed, and still without someone of a required list: nobody can be added.
    const l = onlyList ?? lists.findIndex((_, i) => !(listedLists & (1 << i)));
    if (l >= 0) {
      return {
        rule: 'requiredGroups',
        ruleNumber: 3,
        registration: reg,
        slot,
        message: `the fixed visit to ${reg} in ${slotLabel(inst, slot)} cannot be staffed: its listed team (${team}) already has ${inst.rules.maxTeam} people, the most a team may have, and no ${groupsEn(lists[l]!)} among them`,
        messageSv: `det låsta besöket hos ${reg} i ${slotLabel(inst, slot)} kan inte bemannas: det angivna laget (${team}) har redan ${inst.rules.maxTeam} personer, det största antal ett lag får ha, men ingen ${groupsSv(lists[l]!)} finns bland dem`,
      };
    }
  }
  // Room for the required groups beside the listed people?
  const missing = lists.filter((_, i) => !(listedLists & (1 << i)));
  if (
    onlyList === undefined &&
    listed.length > 0 &&
    listed.length + fewestToCover(missing) > inst.rules.maxTeam
  ) {
    return {
      rule: 'requiredGroups',
      ruleNumber: 3,
      registration: reg,
      slot,
      message: `the fixed visit to ${reg} in ${slotLabel(inst, slot)} cannot be staffed: beside its listed team (${team}) a team of at most ${inst.rules.maxTeam} has no room for ${missing.map((l) => aGroupEn(l)).join(' and ')}`,
      messageSv: `det låsta besöket hos ${reg} i ${slotLabel(inst, slot)} kan inte bemannas: ett lag får ha högst ${inst.rules.maxTeam} personer, så utöver det angivna laget (${team}) finns det inte plats för ${missing.length > 1 ? 'både ' : ''}${missing.map((l) => aGroupSv(l)).join(' och ')}`,
    };
  }
  const [whenEn, whenSv] = together
    ? [' once the other fixed visits have their people', ' när de andra låsta besöken har fått sina personer']
    : ['', ''];
  for (let l = 0; l < lists.length; l++) {
    if (have & (1 << l) || (onlyList !== undefined && l !== onlyList)) continue;
    let any = false;
    for (let p = 0; p < m.P && !any; p++) if (m.listMask[p]! & (1 << l) && st.canJoin(p, r, s)) any = true;
    if (!any)
      return {
        rule: 'requiredGroups',
        ruleNumber: 3,
        registration: reg,
        slot,
        message: `the fixed visit to ${reg} in ${slotLabel(inst, slot)} cannot be staffed: no ${groupsEn(lists[l]!)} is free for it then${whenEn} (each visit needs one)`,
        messageSv: `det låsta besöket hos ${reg} i ${slotLabel(inst, slot)} kan inte bemannas: ingen ${groupsSv(lists[l]!)} är ledig för det då${whenSv} (varje besök behöver en)`,
      };
  }
  return {
    rule: 'teamSizeAndAvailability',
    ruleNumber: 2,
    registration: reg,
    slot,
    message: `the fixed visit to ${reg} in ${slotLabel(inst, slot)} cannot be staffed: fewer than ${inst.rules.minTeam} people are free for it then${whenEn}`,
    messageSv: `det låsta besöket hos ${reg} i ${slotLabel(inst, slot)} kan inte bemannas: färre än ${inst.rules.minTeam} personer är lediga för det då${whenSv}`,
  };
}

/** Violations that make the instance unsolvable: fixed visits that cannot all be staffed (empty: fine). */
export function checkFixedVisits(inst: Instance, seed = 1): Violation[] {
  const given = fixedAsGiven(inst);
  if (given.length > 0) return given;
  const m = compile(inst);
  const st = new State(m);
  return placeFixed(st, new Search(st, seed));
}

/** An upper bound on the coverage of the best `visits` registrations (to stop early when reached). */
function coverageCeiling(m: Model, visits: number): number {
  const ub: number[] = [];
  let fixedSum = 0;
  for (let r = 0; r < m.R; r++) {
    const slots = m.fixedSlot[r]! >= 0 ? [m.fixedSlot[r]!] : m.regSlots[r]!;
    let any = 0;
    const single: number[] = [];
    for (let p = 0; p < m.P; p++) {
      if (m.conflict[p * m.R + r]) continue;
      if (!slots.some((s) => m.staffAvail[p * m.S + s])) continue;
      let c = 0;
      let mask = 0;
      for (let w = 0; w < m.regWords[r]!; w++) {
        const bits = m.cov[p * m.totalWords + m.regWordOff[r]! + w]!;
        c += popcount(bits);
        if (w === 0) mask |= bits;
      }
      if (c > 0) single.push(c);
      any |= mask;
    }
    single.sort((a, b) => b - a);
    const topTeam = single.slice(0, m.inst.rules.maxTeam).reduce((a, b) => a + b, 0);
    const u = Math.min(m.regWords[r]! > 1 ? m.topicCount[r]! : popcount(any), topTeam, m.topicCount[r]!);
    if (m.fixedSlot[r]! >= 0) fixedSum += u;
    else ub.push(u);
  }
  ub.sort((a, b) => b - a);
  const nFixed = m.fixedSlot.filter((s) => s >= 0).length;
  return fixedSum + ub.slice(0, Math.max(0, visits - nFixed)).reduce((a, b) => a + b, 0);
}

const PHASE2_ROUNDS = 1;
const PHASE2_T0 = 1.5;
/** Share of phase 2's budget it may run without finding a better schedule before it stops. */
const PHASE2_PATIENCE = 0.3;

/** Resets a state to a snapshot. */
function restore(st: State, snap: { slotOf: Int32Array; team: Int32Array; size: Int32Array }): void {
  const m = st.m;
  for (let r = 0; r < m.R; r++)
    if (st.slotOf[r]! >= 0) {
      while (st.size[r]! > 0) st.remove(r, st.team[r * st.MT + st.size[r]! - 1]!, false);
      st.close(r, false);
    }
  for (let r = 0; r < m.R; r++) {
    const s = snap.slotOf[r]!;
    if (s < 0) continue;
    st.open(r, s, false);
    for (let i = 0; i < snap.size[r]!; i++) st.add(r, snap.team[r * st.MT + i]!, false);
  }
  st.journal.length = 0;
}

/**
 * The large-neighbourhood search runs on days up to this many registrations (on 120/30/10 listing a
 * repair's teams alone costs more than its budget, and those days have no CPU time to spare).
 */
const LNS_MAX_REGS = 60;
/** Nodes one exact repair may take. */
const LNS_REPAIR_NODES = 5000;
/** Teams a repair tries per registration, slot and set of politicians in the team. */
const LNS_TEAMS_PER_SET = 2;
/**
 * Nodes the large-neighbourhood search may take in all: 20 000 on 30/13/8 a topic short of the
 * ceiling, fewer with more people (a node costs more) and the further the ceiling (the further it
 * is, the likelier it is out of reach and the budget spent for nothing).
 */
function lnsBudget(m: Model, gap: number): number {
  return gap > 0 ? Math.round(260000 / (m.P * gap)) : 0;
}

/** Rounds of phase 1 at most; it stops the moment visits reach the bound. */
const PHASE1_ROUNDS = 8;

/** One round of phase 1 (spent only while visits are short of the bound; it stops on reaching it). */
function phase1RoundIterations(m: Model): number {
  return 37500 + 150 * m.R;
}

/** The default iteration budget: enough to settle on the sizes of the benchmark. */
export function defaultIterations(m: Model): number {
  return 30000 + 400 * Math.min(m.R, 250) + 250 * Math.max(0, m.R - 250);
}

/** The score of a schedule as check-sprint.mjs counts it (coverage, travel) plus the load range. */
export function scoreOf(inst: Instance, visits: readonly Visit[]): Score {
  const m = compile(inst, true);
  const loads = new Map<string, number>(inst.staff.map((s) => [s.id, 0]));
  const expertise = new Map(inst.staff.map((x) => [x.id, new Set(x.expertise)]));
  let coverage = 0;
  const onSite = new Map<string, { start: number; r: number }[]>();
  for (const v of visits) {
    const r = m.regIndex.get(v.registration)!;
    const s = m.slotIndex.get(v.slot)!;
    const reg = inst.registrations[r]!;
    for (const t of new Set(reg.topics)) if (v.team.some((id) => expertise.get(id)?.has(t))) coverage++;
    for (const id of v.team) {
      loads.set(id, (loads.get(id) ?? 0) + 1);
      if (m.physical[r]) {
        if (!onSite.has(id)) onSite.set(id, []);
        onSite.get(id)!.push({ start: m.slotStart[s]!, r });
      }
    }
  }
  const { travelKmh, travelBufferMin } = inst.rules;
  let travel = 0;
  for (const list of onSite.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++)
      travel += travelMinutesBetween(
        inst.registrations[list[i - 1]!.r]!.location!,
        inst.registrations[list[i]!.r]!.location!,
        travelKmh,
        travelBufferMin,
      );
  }
  const ls = [...loads.values()];
  return {
    visits: visits.length,
    topicCoverage: coverage,
    travelMinutes: Math.round(travel),
    maxLoad: ls.length ? Math.max(...ls) : 0,
    minLoad: ls.length ? Math.min(...ls) : 0,
  };
}

function visitsOf(st: State): Visit[] {
  const m = st.m;
  const out: { v: Visit; key: number; r: number }[] = [];
  for (let r = 0; r < m.R; r++) {
    const s = st.slotOf[r]!;
    if (s < 0) continue;
    const team: number[] = [];
    for (let i = 0; i < st.size[r]!; i++) team.push(st.team[r * st.MT + i]!);
    team.sort((a, b) => a - b);
    out.push({
      v: {
        registration: m.inst.registrations[r]!.id,
        slot: m.slotIds[s]!,
        team: team.map((p) => m.inst.staff[p]!.id),
      },
      key: st.rank[s]!,
      r,
    });
  }
  out.sort((a, b) => a.key - b.key || a.r - b.r);
  return out.map((x) => x.v);
}

/**
 * Plans the day: the most visits, then the most topic coverage, then an even load and little travel.
 * Throws FixedVisitsInfeasibleError when the fixed visits cannot all be staffed.
 */
export function solve(inst: Instance, opts: SolveOptions): SolveResult {
  const t0 = opts.now();
  const given = fixedAsGiven(inst);
  if (given.length > 0) throw new FixedVisitsInfeasibleError(given);
  const m = compile(inst);
  const { bound } = visitBound(m);
  const st = new State(m);
  const search = new Search(st, opts.seed);
  const fixedProblems = placeFixed(st, search, { now: opts.now, until: t0 + opts.timeLimitMs });
  if (fixedProblems.length > 0) throw new FixedVisitsInfeasibleError(fixedProblems);

  // Construction: the registrations with the fewest slots first, each in its best slot.
  const order = [...Array(m.R).keys()]
    .filter((r) => st.slotOf[r]! < 0 && m.regSlots[r]!.length > 0)
    .sort(
      (a, b) => m.regSlots[a]!.length - m.regSlots[b]!.length || m.physical[b]! - m.physical[a]! || a - b,
    );
  for (const r of order) search.insertBest(r, 0, false);
  st.journal.length = 0;

  let best = st.snapshot();
  let bestObj = st.objective();
  const onBest = () => {
    const o = st.objective();
    if (o > bestObj) {
      bestObj = o;
      best = st.snapshot();
    }
  };
  const iterations = Math.round(defaultIterations(m) * (opts.effort ?? 1));
  const common = {
    visitTarget: bound,
    coverageTarget: coverageCeiling(m, bound),
    timeLimitMs: opts.timeLimitMs,
    now: opts.now,
    start: t0,
  };
  let ran = 0;
  let timedOut = false;
  let reachedTarget = false;
  // Phase 1, only while visits are short of the bound: a visit is worth a few topics when accepting
  // moves, so the search can give one up to rearrange people and travel, and win two back.
  if (st.visits < bound) {
    // In rounds, each reheating from the best found so far.
    // Most days reach the bound in the first round; a travel-bound small day can need five or more.
    const per = Math.round(phase1RoundIterations(m) * (opts.effort ?? 1));
    for (let round = 0; round < PHASE1_ROUNDS && !timedOut && st.visits < bound; round++) {
      const p1 = search.anneal(
        {
          ...common,
          iterations: per,
          t0: 2 * W_COVER,
          t1: 0.5 * W_COVER,
          visitWeight: 6 * W_COVER,
          insertShare: 0.5,
        },
        onBest,
      );
      ran += p1.iterations;
      timedOut = p1.timedOut;
      restore(st, best);
    }
  }
  const rounds2 = PHASE2_ROUNDS;
  const per2 = iterations / rounds2;
  for (let round = 0; round < rounds2 && !timedOut && !reachedTarget; round++) {
    if (round > 0) restore(st, best);
    const p2 = search.anneal(
      {
        ...common,
        iterations: Math.round(per2),
        t0: PHASE2_T0 * W_COVER,
        patience: Math.max(20000, per2 * PHASE2_PATIENCE),
        t1: 20,
        insertShare: 0.35,
      },
      onBest,
    );
    ran += p2.iterations;
    timedOut = p2.timedOut;
    reachedTarget = p2.reachedTarget;
  }
  // Large-neighbourhood search with an exact repair, on small days whose coverage is short of its ceiling.
  let lns: LnsStats | undefined;
  if (!timedOut && m.R <= LNS_MAX_REGS) {
    restore(st, best);
    if (st.visits >= bound && st.coverage < common.coverageTarget) {
      const budget = lnsBudget(m, common.coverageTarget - st.coverage);
      if (budget > 0) {
        lns = lnsRepair(st, search.rng, {
          nodeBudget: budget,
          repairNodes: LNS_REPAIR_NODES,
          teamsPerSet: LNS_TEAMS_PER_SET,
          coverageTarget: common.coverageTarget,
          timeLimitMs: opts.timeLimitMs,
          now: opts.now,
          start: t0,
        });
        timedOut = lns.timedOut;
        if (st.coverage >= common.coverageTarget) reachedTarget = true;
        onBest();
      }
    }
  }
  const run = { iterations: ran, timedOut, reachedTarget };

  // Rebuild the best state found, then place anything that still fits with free people.
  const fin = new State(m);
  for (let r = 0; r < m.R; r++) {
    const s = best.slotOf[r]!;
    if (s < 0) continue;
    fin.open(r, s, false);
    for (let i = 0; i < best.size[r]!; i++) fin.add(r, best.team[r * fin.MT + i]!, false);
  }
  const finSearch = new Search(fin, opts.seed + 1);
  for (let r = 0; r < m.R; r++)
    if (fin.slotOf[r]! < 0 && m.regSlots[r]!.length > 0) finSearch.insertBest(r, 0, true);
  fin.journal.length = 0;

  let visits = visitsOf(fin);
  // A safety net: the search keeps every rule by construction; should a bug ever break one, the visit
  // is dropped rather than returned.
  let violations = checkSchedule(inst, visits);
  while (violations.length > 0) {
    const drop = new Set(
      violations
        .filter((v) => m.fixedSlot[m.regIndex.get(v.registration) ?? 0]! < 0)
        .map((v) => v.registration),
    );
    if (drop.size === 0) break;
    for (const id of drop) {
      const r = m.regIndex.get(id)!;
      if (fin.slotOf[r]! >= 0) fin.clear(r);
    }
    fin.journal.length = 0;
    visits = visitsOf(fin);
    violations = checkSchedule(inst, visits);
  }
  const unscheduled = [];
  for (let r = 0; r < m.R; r++) if (fin.slotOf[r]! < 0) unscheduled.push(explainUnscheduled(fin, r));
  const score = scoreOf(inst, visits);
  return {
    visits,
    unscheduled,
    bound,
    coverageBound: common.coverageTarget,
    score,
    elapsedMs: Math.round((opts.now() - t0) * 10) / 10,
    stoppedBy: run.timedOut ? 'timeLimit' : run.reachedTarget ? 'optimal' : 'iterations',
    iterations: run.iterations,
    ...(lns ? { lns } : {}),
  };
}
