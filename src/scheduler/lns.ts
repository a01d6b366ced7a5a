// A large-neighbourhood search after phase 2, run only while coverage is short of its ceiling on small
// days: free two or three people's whole day (politicians first), removing every visit any of them is
// in, then search exactly (depth-first branch and bound, up to a node cap) over the registrations so
// freed and those left out: which of them are visited, in which slot and by which team, keeping every
// hard rule and at least as many visits as before. A repair with more coverage is kept.
import { popcount } from './model';
import type { Model } from './model';
import type { Rng } from './rng';
import type { State } from './state';

export interface LnsParams {
  /** Nodes (team choices and skips tried) over all repairs. */
  nodeBudget: number;
  /** Nodes one repair may take. */
  repairNodes: number;
  /** Teams tried per registration, slot and set of politicians in the team. */
  teamsPerSet: number;
  coverageTarget: number;
  timeLimitMs: number;
  now: () => number;
  start: number;
}

export interface LnsStats {
  tries: number;
  nodes: number;
  improved: number;
  timedOut: boolean;
}

/** Teams tried while listing a repair's options that cost as much as one node of its search. */
const ROOT_WORK = 8;

/** A team: person indices and the topics it covers of r. */
interface Option {
  s: number;
  team: number[];
  cov: number;
  /** The politicians in the team, as a bit set. */
  key: number;
}

/** Upper bound on the topics of r any team could cover in slot s with people free there now. */
function slotUb(st: State, r: number, s: number, cands: number[]): number {
  const m = st.m;
  const off = m.regWordOff[r]!;
  const words = m.regWords[r]!;
  let union = 0;
  const single: number[] = [];
  for (const p of cands) {
    let c = 0;
    for (let w = 0; w < words; w++) {
      const bits = m.cov[p * m.totalWords + off + w]!;
      c += popcount(bits);
      if (w === 0) union |= bits;
    }
    single.push(c);
  }
  single.sort((a, b) => b - a);
  let top = 0;
  for (let i = 0; i < Math.min(st.MT, single.length); i++) top += single[i]!;
  return Math.min(words > 1 ? m.topicCount[r]! : popcount(union), top);
}

function candidates(st: State, r: number, s: number): number[] {
  const m = st.m;
  const out: number[] = [];
  for (let p = 0; p < m.P; p++) if (st.canJoin(p, r, s)) out.push(p);
  return out;
}

/**
 * Every valid team for r in s from the people who can join it now, without a member that adds
 * neither a required list, nor a place up to minTeam, nor a topic; most topics first, then fewest people.
 */
function teams(st: State, r: number, s: number, isPol: Uint8Array, work: { n: number }): Option[] {
  const m = st.m;
  const rules = m.inst.rules;
  const cands = candidates(st, r, s);
  const out: Option[] = [];
  const full = m.allListsMask;
  const n = cands.length;
  const covOf = (t: number[]) => {
    let total = 0;
    for (let w = 0; w < m.regWords[r]!; w++) {
      let bits = 0;
      for (const p of t) bits |= m.cov[p * m.totalWords + m.regWordOff[r]! + w]!;
      total += popcount(bits);
    }
    return total;
  };
  const lists = (t: number[]) => t.reduce((a, p) => a | m.listMask[p]!, 0);
  const valid = (t: number[]) => t.length >= rules.minTeam && (lists(t) & full) === full;
  const consider = (t: number[]) => {
    work.n++;
    if (!valid(t)) return;
    const c = covOf(t);
    // Minimal: no member whose removal leaves a valid team with the same topics.
    for (let i = 0; i < t.length; i++) {
      const u = t.filter((_, j) => j !== i);
      if (valid(u) && covOf(u) >= c) return;
    }
    out.push({ s, team: [...t], cov: c, key: 0 });
  };
  const t: number[] = [];
  const rec = (from: number) => {
    if (t.length > 0) consider(t);
    if (t.length >= rules.maxTeam) return;
    for (let i = from; i < n; i++) {
      t.push(cands[i]!);
      rec(i + 1);
      t.pop();
    }
  };
  rec(0);
  out.sort((a, b) => b.cov - a.cov || a.team.length - b.team.length);
  for (const o of out) for (const q of o.team) if (isPol[q]) o.key |= 1 << (q % 31);
  return out;
}

/**
 * Runs the large-neighbourhood search on st (visits at their most, coverage short of the target).
 * Changes st only by improvements; the journal is left empty.
 */
export function lnsRepair(st: State, rng: Rng, p: LnsParams): LnsStats {
  const m: Model = st.m;
  const stats: LnsStats = { tries: 0, nodes: 0, improved: 0, timedOut: false };
  st.journal.length = 0;
  const isPol = new Uint8Array(m.P);
  for (let q = 0; q < m.P; q++) isPol[q] = m.inst.staff[q]!.group === 'politician' ? 1 : 0;
  const pols: number[] = [];
  const others: number[] = [];
  for (let q = 0; q < m.P; q++) {
    if (m.inst.staff[q]!.group === 'politician') pols.push(q);
    else others.push(q);
  }
  // Destroy sets: every pair of politicians, then every triple, then a politician with another person;
  // each group in a random order.
  const shuffle = <T>(a: T[]): T[] => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const sets: number[][] = [];
  const pairs: number[][] = [];
  for (let i = 0; i < pols.length; i++)
    for (let j = i + 1; j < pols.length; j++) pairs.push([pols[i]!, pols[j]!]);
  sets.push(...shuffle(pairs));
  const triples: number[][] = [];
  for (let i = 0; i < pols.length; i++)
    for (let j = i + 1; j < pols.length; j++)
      for (let k = j + 1; k < pols.length; k++) triples.push([pols[i]!, pols[j]!, pols[k]!]);
  sets.push(...shuffle(triples));
  const mixed: number[][] = [];
  for (const a of pols) for (const b of others) mixed.push([a, b]);
  sets.push(...shuffle(mixed));

  let k = 0;
  let sinceImprove = 0;
  while (
    stats.nodes < p.nodeBudget &&
    st.coverage < p.coverageTarget &&
    sinceImprove < sets.length &&
    sets.length > 0
  ) {
    const people = sets[k % sets.length]!;
    k++;
    sinceImprove++;
    stats.tries++;
    const covBefore = st.coverage;
    const visitsBefore = st.visits;
    // Destroy.
    const freed: number[] = [];
    for (const q of people)
      for (let s = 0; s < m.S; s++) {
        const r = st.occ[q * m.S + s]!;
        if (r === -1 || m.fixedSlot[r]! >= 0 || st.slotOf[r]! < 0) continue;
        st.clear(r);
        freed.push(r);
      }
    const need = visitsBefore - st.visits; // visits the repair must place
    const pool: number[] = [...freed];
    for (let i = 0; i < st.nUnsched; i++) {
      const r = st.unsched[i]!;
      if (!freed.includes(r)) pool.push(r);
    }
    // Per registration and slot its best reachable coverage now (the state only fills up below: an
    // upper bound), -1 where no valid team can be formed.
    const S = m.S;
    const ubAll = new Map<number, Int32Array>();
    for (const r of pool) {
      const row = new Int32Array(S).fill(-1);
      let any = false;
      for (const s of m.regSlots[r]!) {
        const c = candidates(st, r, s);
        if (c.length < m.inst.rules.minTeam) continue;
        let lists = 0;
        for (const q of c) lists |= m.listMask[q]!;
        if ((lists & m.allListsMask) !== m.allListsMask) continue;
        row[s] = slotUb(st, r, s, c);
        any = true;
      }
      if (any) ubAll.set(r, row);
    }
    const ubMax = (r: number) => Math.max(...ubAll.get(r)!);
    const order = pool.filter((r) => ubAll.has(r)).sort((a, b) => ubMax(b) - ubMax(a) || a - b);
    const ubRS = new Int32Array(order.length * S);
    order.forEach((r, j) => ubRS.set(ubAll.get(r)!, j * S));
    // Every team each registration could have in each slot now; a node keeps those still free.
    // Enumerating them is charged to the budget (ROOT_WORK teams tried count as one node).
    const work = { n: 0 };
    const rootTeams: Option[][] = [];
    order.forEach((r, j) => {
      for (let s = 0; s < S; s++)
        rootTeams[j * S + s] = ubRS[j * S + s]! >= 0 ? teams(st, r, s, isPol, work) : [];
    });
    stats.nodes += Math.ceil(work.n / ROOT_WORK);
    const prefix = [0];
    for (const r of order) prefix.push(prefix[prefix.length - 1]! + ubMax(r));
    const nLists = m.inst.rules.requireGroups.length;
    const listCount = new Int32Array(Math.max(1, nLists));
    const vals: number[] = [];
    /**
     * Per slot, the visits that can still be staffed there (people free then, of each list and in
     * all); the topics of the best that many remaining registrations there, summed over slots. -1
     * when the slots cannot take `left` more visits.
     */
    const slotBound = (i: number, left: number): number => {
      let total = 0;
      let room = 0;
      for (let s = 0; s < S; s++) {
        listCount.fill(0);
        let free = 0;
        for (let q = 0; q < m.P; q++) {
          if (m.staffAvail[q * S + s] !== 1 || st.load[q]! >= m.maxVisits[q]! || !st.freeAt(q, s)) continue;
          free++;
          for (let l = 0; l < nLists; l++) if (m.listMask[q]! & (1 << l)) listCount[l]!++;
        }
        let cap = Math.floor(free / Math.max(1, m.inst.rules.minTeam));
        for (let l = 0; l < nLists; l++) cap = Math.min(cap, listCount[l]!);
        if (cap <= 0) continue;
        vals.length = 0;
        for (let j = i; j < order.length; j++) {
          const u = ubRS[j * S + s]!;
          if (u >= 0) vals.push(u);
        }
        if (vals.length === 0) continue;
        vals.sort((a, b) => b - a);
        const k = Math.min(cap, vals.length, left);
        room += k;
        for (let x = 0; x < k; x++) total += vals[x]!;
      }
      return room < left ? -1 : total;
    };
    let bestCov = covBefore;
    let bestPlan: { r: number; s: number; team: number[] }[] | null = null;
    const plan: { r: number; s: number; team: number[] }[] = [];
    let nodes = 0;
    let stop = false;
    let stamp = 0;
    const seenAt = new Int32Array(m.P);
    const joinable = new Uint8Array(m.P);
    const perSet = new Map<number, number>();
    const dfs = (i: number, placed: number) => {
      if (stop) return;
      const left = need - placed;
      if (left === 0) {
        if (st.coverage > bestCov) {
          bestCov = st.coverage;
          bestPlan = plan.map((x) => ({ r: x.r, s: x.s, team: [...x.team] }));
        }
        return;
      }
      if (order.length - i < left) return;
      // Optimistic: the best `left` of the remaining registrations (sorted by their bound); only a
      // repair with more topics than before is sought.
      if (st.coverage + prefix[i + left]! - prefix[i]! <= bestCov) return;
      const sb = slotBound(i, left);
      if (sb < 0 || st.coverage + sb <= bestCov) return;
      const r = order[i]!;
      for (const s of m.regSlots[r]!) {
        if (stop) return;
        const all = rootTeams[i * S + s]!;
        if (all.length === 0) continue;
        stamp++;
        perSet.clear();
        const opts: Option[] = [];
        // Topics the option must bring for the repair to beat the best (options come most topics first).
        const floor = bestCov - st.coverage - (prefix[i + left]! - prefix[i + 1]!);
        for (const o of all) {
          if (o.cov <= floor) break;
          let fits = true;
          for (const q of o.team) {
            if (seenAt[q] !== stamp) {
              seenAt[q] = stamp;
              joinable[q] = st.canJoin(q, r, s) ? 1 : 0;
            }
            if (!joinable[q]) {
              fits = false;
              break;
            }
          }
          if (!fits) continue;
          // The politicians are the scarce resource routes are made of: per set of them, the best few teams.
          const k = perSet.get(o.key) ?? 0;
          if (k >= p.teamsPerSet) continue;
          perSet.set(o.key, k + 1);
          opts.push(o);
        }
        for (const o of opts) {
          if (++nodes > p.repairNodes || stats.nodes + nodes > p.nodeBudget) {
            stop = true;
            return;
          }
          if ((nodes & 255) === 0 && p.now() - p.start > p.timeLimitMs) {
            stop = true;
            stats.timedOut = true;
            return;
          }
          if (st.coverage + o.cov + prefix[i + left]! - prefix[i + 1]! <= bestCov) break;
          const mk = st.mark();
          st.open(r, s);
          for (const q of o.team) st.add(r, q);
          plan.push({ r, s, team: o.team });
          dfs(i + 1, placed + 1);
          plan.pop();
          st.undo(mk);
          if (stop) return;
        }
      }
      ++nodes;
      dfs(i + 1, placed);
    };
    dfs(0, 0);
    stats.nodes += nodes;
    // Back to the destroyed state: apply the best repair found, or undo the destruction.
    const plan2 = bestPlan as { r: number; s: number; team: number[] }[] | null;
    if (plan2 && bestCov > covBefore) {
      for (const x of plan2) {
        st.open(x.r, x.s);
        for (const q of x.team) st.add(x.r, q);
      }
      st.journal.length = 0;
      stats.improved++;
      sinceImprove = 0;
    } else st.undo(0);
    if (stats.timedOut) break;
  }
  return stats;
}
