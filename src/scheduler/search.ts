// The search: a constructive pass, then simulated annealing over a lexicographic objective (visits,
// then topic coverage, then load spread and travel) with ejection-chain insertions, slot moves,
// member swaps and visit exchanges. Bounded by iterations, so a seed fixes the result; the clock is
// only a safety cap.
import { popcount, type Model } from './model';
import { Rng } from './rng';
import {
  State,
  W_COVER as W_COVER_,
  W_LOAD as W_LOAD_,
  W_TRAVEL as W_TRAVEL_,
  W_VISIT as W_VISIT_,
} from './state';

// Local copies of the weights (hot paths; see state.ts).
const W_COVER = W_COVER_;
const W_LOAD = W_LOAD_;
const W_TRAVEL = W_TRAVEL_;
const W_VISIT = W_VISIT_;

const NEED_WEIGHT = 1e9;
/**
 * Draws the generator makes before the search starts. They once filled a noise table the team
 * builder no longer reads; they are still made so that a seed gives the schedules the benchmark
 * tables record (dropping them reshuffles every day's draw; measured over 33 days × 8 seeds, the
 * mean coverage changed by 0.006 topics a run, which is noise).
 */
const WARM_UP_DRAWS = 4096;
/** Slots tried when re-placing a visit a move displaced (all of them is slow on long days). */
const REPAIR_SLOTS = 5;

export interface SearchParams {
  iterations: number;
  /** Stop early when the objective reaches this visit count and coverage (nothing left to gain). */
  visitTarget: number;
  coverageTarget: number;
  timeLimitMs: number;
  now: () => number;
  t0: number;
  t1: number;
  /** The worth of one visit when deciding to accept a move (the true objective uses W_VISIT); lower lets visits go and come back. */
  visitWeight?: number;
  /** Share of moves that try to insert a registration left out. */
  insertShare: number;
  /** Stop after this many iterations without more visits or coverage (deterministic, unlike the clock). */
  patience?: number;
  /** When the clock started for the time cap. */
  start: number;
}

export class Search {
  readonly st: State;
  readonly m: Model;
  readonly rng: Rng;
  T = 1000;
  private cand: Int32Array;
  private base: Float64Array;
  private pick: Int32Array;
  private fixedRegs: number[];

  constructor(st: State, seed: number) {
    this.st = st;
    this.m = st.m;
    this.rng = new Rng(seed);
    this.cand = new Int32Array(this.m.P);
    for (let i = 0; i < WARM_UP_DRAWS; i++) this.rng.next();
    this.base = new Float64Array(this.m.P);
    this.pick = new Int32Array(Math.max(this.m.P, this.m.R));
    this.fixedRegs = [];
    for (let r = 0; r < this.m.R; r++) if (this.m.fixedSlot[r]! >= 0) this.fixedRegs.push(r);
  }

  /** Score of adding p to r (open at s) for the greedy team builder, in objective units. */
  private memberScore(p: number, r: number, s: number, need: number, noise: number): number {
    const st = this.st;
    const m = this.m;
    let sc = st.gain(p, r) * W_COVER - (2 * st.load[p]! + 1) * W_LOAD;
    if (m.physical[r]) sc -= st.travelDeltaAdd(p, r, s) * W_TRAVEL;
    if (need !== 0) sc += popcount(m.listMask[p]! & need) * NEED_WEIGHT;
    if (noise > 0) sc += this.rng.next() * noise;
    return sc;
  }

  /**
   * Completes r's team (r open at s): first a member for every required list not yet in it, then up to
   * minTeam, then (extras) more members while they add topics. False when no valid team can be formed.
   */
  buildTeam(r: number, s: number, noise: number, extras: boolean): boolean {
    const st = this.st;
    const m = this.m;
    const rules = m.inst.rules;
    const S = m.S;
    const R = m.R;
    // Candidates and the part of their score that does not change as the team grows.
    let n = 0;
    const base = this.base;
    for (let p = 0; p < m.P; p++) {
      if (
        m.staffAvail[p * S + s] !== 1 ||
        m.conflict[p * R + r] !== 0 ||
        st.load[p]! >= m.maxVisits[p]! ||
        !st.freeAt(p, s) ||
        !st.travelCheck(p, r, s)
      )
        continue;
      this.cand[n] = p;
      base[n] =
        -(2 * st.load[p]! + 1) * W_LOAD -
        st.lastTravelDelta * W_TRAVEL +
        (noise > 0 ? this.rng.next() * noise : 0);
      n++;
    }
    const full = m.allListsMask;
    const oneWord = m.regWords[r] === 1;
    const off = m.regWordOff[r]!;
    for (;;) {
      const size = st.size[r]!;
      const need = full & ~st.listsOf(r);
      const mustAdd = need !== 0 || size < rules.minTeam;
      if (size >= rules.maxTeam) return !mustAdd;
      if (!mustAdd && !extras) return true;
      let best = -1;
      let bestSc = -Infinity;
      // The team's topics, once per member added rather than once per candidate (one-word
      // registrations — nearly all — take this path; longer topic lists ask the state).
      const word = oneWord ? st.teamWord(r) : 0;
      for (let i = 0; i < n; i++) {
        const p = this.cand[i]!;
        // Missing lists first: only people who bring one of them.
        const bring = m.listMask[p]! & need;
        if (need !== 0 && bring === 0) continue;
        const g = oneWord ? popcount(m.cov[p * m.totalWords + off]! & ~word) : st.gain(p, r);
        if (need === 0 && g === 0 && !mustAdd) continue;
        const sc = popcount(bring) * NEED_WEIGHT + g * W_COVER + base[i]!;
        if (sc > bestSc) {
          bestSc = sc;
          best = i;
        }
      }
      if (best < 0) return !mustAdd;
      if (!mustAdd && bestSc <= 0) return true;
      const p = this.cand[best]!;
      this.cand[best] = this.cand[--n]!;
      base[best] = base[n]!;
      st.add(r, p);
    }
  }

  /** Places unscheduled r in its best slot with free people only. */
  insertBest(r: number, noise: number, extras: boolean, maxSlots = Infinity): boolean {
    const st = this.st;
    const slots = this.m.regSlots[r]!;
    let bestObj = -Infinity;
    let bestS = -1;
    let bestTeam: number[] = [];
    const mk = st.mark();
    const tries = Math.min(slots.length, maxSlots);
    const from = tries < slots.length ? this.rng.int(slots.length) : 0;
    for (let k = 0; k < tries; k++) {
      const s = slots[(from + k) % slots.length]!;
      st.open(r, s);
      if (this.buildTeam(r, s, noise, extras)) {
        const o = st.objective();
        if (o > bestObj) {
          bestObj = o;
          bestS = s;
          bestTeam = this.teamOf(r);
        }
      }
      st.undo(mk);
    }
    if (bestS < 0) return false;
    st.open(r, bestS);
    for (const p of bestTeam) st.add(r, p);
    return true;
  }

  teamOf(r: number): number[] {
    const st = this.st;
    const out: number[] = [];
    for (let i = 0; i < st.size[r]!; i++) out.push(st.team[r * st.MT + i]!);
    return out;
  }

  /** Makes p free to join r at s: takes p out of the visit at that time, a visit over maxVisits, or an on-site visit too far away. */
  private freeUp(p: number, r: number, s: number, damaged: number[]): boolean {
    const st = this.st;
    const m = this.m;
    const v = st.busyWith(p, s);
    if (v !== -1) {
      if (st.isFixedMember(v, p)) return false;
      st.remove(v, p);
      damaged.push(v);
    }
    if (st.load[p]! >= m.maxVisits[p]!) {
      let k = 0;
      for (let t = 0; t < m.S; t++) {
        const x = st.occ[p * m.S + t]!;
        if (x !== -1 && !st.isFixedMember(x, p)) this.pick[k++] = x;
      }
      if (k === 0) return false;
      const x = this.pick[this.rng.int(k)]!;
      st.remove(x, p);
      damaged.push(x);
    }
    if (m.physical[r]) {
      for (let guard = 0; guard < 4 && !st.travelOk(p, r, s); guard++) {
        const prev = st.prevPhysical(p, s);
        const next = st.nextPhysical(p, s);
        const prevBad =
          prev !== -1 && st.travelMin(prev, r) > m.slotStart[s]! - m.slotEnd[st.slotOf[prev]!]! + 1e-9;
        const x = prevBad ? prev : next;
        if (x === -1 || st.isFixedMember(x, p)) return false;
        st.remove(x, p);
        damaged.push(x);
      }
    }
    return st.canJoin(p, r, s);
  }

  /** Among pick[0..k), a person who needs the fewest visits taken away to join r at s (random among ties). */
  private cheapestToFree(k: number, r: number, s: number): number {
    const st = this.st;
    const m = this.m;
    let best = -1;
    let bestCost = Infinity;
    let ties = 0;
    for (let i = 0; i < k; i++) {
      const p = this.pick[i]!;
      let cost = 0;
      const v = st.busyWith(p, s);
      if (v !== -1) cost += st.isFixedMember(v, p) ? 100 : st.size[v]! > m.inst.rules.minTeam ? 0.5 : 1;
      if (st.load[p]! >= m.maxVisits[p]!) cost += 1;
      if (m.physical[r] && !st.travelOk(p, r, s)) cost += 1.5;
      if (cost < bestCost) {
        bestCost = cost;
        best = p;
        ties = 1;
      } else if (cost === bestCost && this.rng.int(++ties) === 0) best = p;
    }
    return best;
  }

  /**
   * Two people trade the rest of their day from a slot on (a 2-opt* move of vehicle routing): it
   * reshapes who travels where without changing the visits, and opens room for insertions.
   */
  tailSwap(): boolean {
    const st = this.st;
    const m = this.m;
    const p = this.rng.int(m.P);
    let q = this.rng.int(m.P);
    if (this.rng.next() < 0.7) {
      // Prefer someone of the same required lists, so teams stay valid.
      let k = 0;
      for (let x = 0; x < m.P; x++) if (x !== p && m.listMask[x] === m.listMask[p]) this.pick[k++] = x;
      if (k > 0) q = this.pick[this.rng.int(k)]!;
    }
    if (q === p) return false;
    const from = this.rng.int(m.S);
    const touched: number[] = [];
    const pVisits: number[] = [];
    const qVisits: number[] = [];
    for (let k = from; k < m.S; k++) {
      const t = m.timeOrder[k]!;
      const vp = st.occ[p * m.S + t]!;
      const vq = st.occ[q * m.S + t]!;
      if (vp === vq) continue;
      if (vp !== -1) {
        if (st.isFixedMember(vp, p) || m.conflict[q * m.R + vp] || !m.staffAvail[q * m.S + t]) return false;
        pVisits.push(vp);
      }
      if (vq !== -1) {
        if (st.isFixedMember(vq, q) || m.conflict[p * m.R + vq] || !m.staffAvail[p * m.S + t]) return false;
        qVisits.push(vq);
      }
    }
    if (pVisits.length === 0 && qVisits.length === 0) return false;
    for (const v of pVisits) {
      st.remove(v, p);
      touched.push(v);
    }
    for (const v of qVisits) {
      st.remove(v, q);
      touched.push(v);
    }
    // Add back in time order so each travel check sees the day as built so far.
    const all = [...pVisits.map((v) => [v, q] as const), ...qVisits.map((v) => [v, p] as const)].sort(
      (a, b) => st.rank[st.slotOf[a[0]]!]! - st.rank[st.slotOf[b[0]]!]!,
    );
    for (const [v, who] of all) {
      if (!st.canJoin(who, v, st.slotOf[v]!)) return false;
      st.add(v, who);
    }
    for (const v of touched) if (!st.teamValid(v)) return false;
    return true;
  }

  /** After people were taken out of visits: complete their teams again, or drop them and try to place them elsewhere. */
  private repair(damaged: number[], noise: number): boolean {
    const st = this.st;
    const closed: number[] = [];
    for (const v of damaged) {
      if (st.slotOf[v]! < 0 || st.teamValid(v)) continue;
      if (this.buildTeam(v, st.slotOf[v]!, noise, false)) continue;
      if (this.m.fixedSlot[v]! >= 0) return false;
      st.clear(v);
      closed.push(v);
    }
    for (const v of closed) this.insertBest(v, noise, false, REPAIR_SLOTS);
    return true;
  }

  /** Ejection chain: put unscheduled r in one of its slots, taking the people it needs from other visits. */
  ejectInsert(r: number, noise: number): boolean {
    const st = this.st;
    const m = this.m;
    const slots = m.regSlots[r]!;
    const s = slots[this.rng.int(slots.length)]!;
    st.open(r, s);
    const damaged: number[] = [];
    const lists = m.inst.rules.requireGroups.length;
    for (let l = 0; l < lists; l++) {
      const bit = 1 << l;
      if (st.listsOf(r) & bit) continue;
      let freeOne = false;
      let k = 0;
      for (let p = 0; p < m.P; p++) {
        if ((m.listMask[p]! & bit) === 0 || !m.staffAvail[p * m.S + s] || m.conflict[p * m.R + r]) continue;
        if (st.canJoin(p, r, s)) {
          freeOne = true;
          break;
        }
        if (st.occ[p * m.S + s] !== r) this.pick[k++] = p;
      }
      if (freeOne) continue;
      // A full team cannot take one more (lists that share a group may still be met by a rebuild).
      if (k === 0 || st.size[r]! >= st.MT) return false;
      const p = this.rng.next() < 0.7 ? this.cheapestToFree(k, r, s) : this.pick[this.rng.int(k)]!;
      if (!this.freeUp(p, r, s, damaged)) return false;
      st.add(r, p);
    }
    if (!this.buildTeam(r, s, noise, true)) {
      // Not minTeam people free: free one more of anyone available (if the team has room).
      if (st.size[r]! >= st.MT) return false;
      let k = 0;
      for (let p = 0; p < m.P; p++)
        if (m.staffAvail[p * m.S + s] && !m.conflict[p * m.R + r] && st.occ[p * m.S + s] !== r)
          this.pick[k++] = p;
      if (k === 0) return false;
      const p = this.pick[this.rng.int(k)]!;
      if (!this.freeUp(p, r, s, damaged)) return false;
      st.add(r, p);
      if (!this.buildTeam(r, s, noise, true)) return false;
    }
    return this.repair(damaged, noise);
  }

  /** A scheduled visit picked at random (fixed ones included when `withFixed`). */
  private randomVisit(withFixed: boolean): number {
    const st = this.st;
    const nf = withFixed ? this.fixedRegs.length : 0;
    const n = st.nPlaced + nf;
    if (n === 0) return -1;
    const i = this.rng.int(n);
    return i < st.nPlaced ? st.placed[i]! : this.fixedRegs[i - st.nPlaced]!;
  }

  private randomMember(v: number): number {
    const st = this.st;
    const n = st.size[v]!;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const p = st.team[v * st.MT + i]!;
      if (!st.isFixedMember(v, p)) this.pick[k++] = p;
    }
    return k === 0 ? -1 : this.pick[this.rng.int(k)]!;
  }

  /** Moves v to another of its slots with a new team. */
  moveVisit(noise: number): boolean {
    const st = this.st;
    const v = this.randomVisit(false);
    if (v < 0) return false;
    const slots = this.m.regSlots[v]!;
    if (slots.length < 2) return false;
    let s = slots[this.rng.int(slots.length)]!;
    if (s === st.slotOf[v]) s = slots[(slots.indexOf(s) + 1) % slots.length]!;
    st.clear(v);
    st.open(v, s);
    return this.buildTeam(v, s, noise, true);
  }

  /** Replaces one member of a visit by someone free who keeps the team valid. */
  replaceMember(noise: number): boolean {
    const st = this.st;
    const m = this.m;
    const v = this.randomVisit(true);
    if (v < 0) return false;
    const p = this.randomMember(v);
    if (p < 0) return false;
    const s = st.slotOf[v]!;
    st.remove(v, p);
    const need = m.allListsMask & ~st.listsOf(v);
    let best = -1;
    let bestSc = -Infinity;
    const randomPick = this.rng.next() < 0.3;
    let k = 0;
    for (let q = 0; q < m.P; q++) {
      if (q === p || (need !== 0 && (m.listMask[q]! & need) !== need) || !st.canJoin(q, v, s)) continue;
      if (randomPick) {
        this.pick[k++] = q;
        continue;
      }
      const sc = this.memberScore(q, v, s, 0, noise);
      if (sc > bestSc) {
        bestSc = sc;
        best = q;
      }
    }
    if (randomPick) best = k > 0 ? this.pick[this.rng.int(k)]! : -1;
    if (best < 0) return false;
    st.add(v, best);
    return st.teamValid(v);
  }

  addMember(noise: number): boolean {
    const st = this.st;
    const m = this.m;
    const v = this.randomVisit(true);
    if (v < 0 || st.size[v]! >= st.MT) return false;
    const s = st.slotOf[v]!;
    let best = -1;
    let bestSc = -Infinity;
    for (let q = 0; q < m.P; q++) {
      if (!st.canJoin(q, v, s)) continue;
      const sc = this.memberScore(q, v, s, 0, noise);
      if (sc > bestSc) {
        bestSc = sc;
        best = q;
      }
    }
    if (best < 0) return false;
    st.add(v, best);
    return true;
  }

  dropMember(): boolean {
    const st = this.st;
    const v = this.randomVisit(true);
    if (v < 0 || st.size[v]! <= this.m.inst.rules.minTeam) return false;
    const p = this.randomMember(v);
    if (p < 0) return false;
    st.remove(v, p);
    return st.teamValid(v);
  }

  /** Two visits in the same slot trade one member each. */
  swapMembers(): boolean {
    const st = this.st;
    const m = this.m;
    const v1 = this.randomVisit(true);
    if (v1 < 0) return false;
    const s = st.slotOf[v1]!;
    const p = this.randomMember(v1);
    if (p < 0) return false;
    let k = 0;
    for (let q = 0; q < m.P; q++) {
      const v2 = st.occ[q * m.S + s]!;
      if (v2 !== -1 && v2 !== v1 && !st.isFixedMember(v2, q)) this.pick[k++] = q;
    }
    if (k === 0) return false;
    const q = this.pick[this.rng.int(k)]!;
    const v2 = st.occ[q * m.S + s]!;
    st.remove(v1, p);
    st.remove(v2, q);
    if (!st.canJoin(q, v1, s)) return false;
    st.add(v1, q);
    if (!st.canJoin(p, v2, s)) return false;
    st.add(v2, p);
    return st.teamValid(v1) && st.teamValid(v2);
  }

  /**
   * Brings a person with a topic the visit lacks into it, taking them out of whatever blocks it (the
   * visit they are in then, one of their visits when at maxVisits, an on-site visit too far away) and
   * mending those visits; the weakest member makes room when the team is full.
   */
  stealMember(noise: number): boolean {
    const st = this.st;
    const m = this.m;
    const v = this.randomVisit(true);
    if (v < 0) return false;
    const s = st.slotOf[v]!;
    let k = 0;
    for (let p = 0; p < m.P; p++) {
      if (!m.staffAvail[p * m.S + s] || m.conflict[p * m.R + v] || st.occ[p * m.S + s] === v) continue;
      if (st.gain(p, v) > 0) this.pick[k++] = p;
    }
    if (k === 0) return false;
    const p = this.pick[this.rng.int(k)]!;
    const damaged: number[] = [];
    if (!this.freeUp(p, v, s, damaged)) return false;
    if (st.size[v]! >= st.MT) {
      // Drop the member whose leaving costs the least coverage (keeping the required lists).
      let worst = -1;
      let worstLoss = Infinity;
      const before = st.covOf[v]!;
      for (let i = 0; i < st.size[v]!; i++) {
        const q = st.team[v * st.MT + i]!;
        if (st.isFixedMember(v, q)) continue;
        const mask = st.listsOf(v);
        st.remove(v, q, false);
        const ok = ((st.listsOf(v) | m.listMask[p]!) & mask) === mask;
        const loss = before - st.covOf[v]!;
        st.add(v, q, false);
        if (ok && loss < worstLoss) {
          worstLoss = loss;
          worst = q;
        }
      }
      if (worst < 0) return false;
      st.remove(v, worst);
    }
    if (!st.canJoin(p, v, s)) return false;
    st.add(v, p);
    if (!st.teamValid(v) && !this.buildTeam(v, s, noise, false)) return false;
    return this.repair(damaged, noise);
  }

  /** Rebuilds a visit's team from scratch (keeping fixed members). */
  rebuild(noise: number): boolean {
    const st = this.st;
    const v = this.randomVisit(true);
    if (v < 0) return false;
    const s = st.slotOf[v]!;
    for (let i = st.size[v]! - 1; i >= 0; i--) {
      const p = st.team[v * st.MT + i]!;
      if (!st.isFixedMember(v, p)) st.remove(v, p);
    }
    return this.buildTeam(v, s, noise, true);
  }

  /** An unscheduled registration takes the place (slot) of a scheduled one, which then looks for another place. */
  exchange(noise: number): boolean {
    const st = this.st;
    const m = this.m;
    if (st.nUnsched === 0) return false;
    const r = st.unsched[this.rng.int(st.nUnsched)]!;
    const slots = m.regSlots[r]!;
    const s = slots[this.rng.int(slots.length)]!;
    let k = 0;
    for (let p = 0; p < m.P; p++) {
      const v = st.occ[p * m.S + s]!;
      if (v !== -1 && m.fixedSlot[v]! < 0) this.pick[k++] = v;
    }
    if (k === 0) return false;
    const v = this.pick[this.rng.int(k)]!;
    st.clear(v);
    st.open(r, s);
    if (!this.buildTeam(r, s, noise, true)) return false;
    this.insertBest(v, noise, false, REPAIR_SLOTS);
    return true;
  }

  /** Simulated annealing; returns the number of iterations run and whether the time cap stopped it. */
  anneal(
    p: SearchParams,
    onBest: () => void,
  ): { iterations: number; timedOut: boolean; reachedTarget: boolean } {
    const st = this.st;
    const start = p.start;
    let best = st.objective();
    const relax = W_VISIT - (p.visitWeight ?? W_VISIT);
    const cool = Math.pow(p.t1 / p.t0, 1 / Math.max(1, p.iterations));
    this.T = p.t0;
    let it = 0;
    let lastBest = 0;
    let bestVC = st.visits * W_VISIT + st.coverage * W_COVER;
    const patience = p.patience ?? Infinity;
    for (; it < p.iterations; it++) {
      if ((it & 127) === 0) {
        if (it - lastBest > patience) return { iterations: it, timedOut: false, reachedTarget: false };
        if (p.now() - start > p.timeLimitMs) return { iterations: it, timedOut: true, reachedTarget: false };
        if (st.visits >= p.visitTarget && (p.visitWeight !== undefined || st.coverage >= p.coverageTarget))
          return { iterations: it, timedOut: false, reachedTarget: true };
      }
      this.T *= cool;
      const before = st.objective();
      const visitsBefore = st.visits;
      const mk = st.mark();
      const noise = this.T;
      const x = this.rng.next();
      let ok: boolean;
      if (st.nUnsched > 0 && x < (st.visits < p.visitTarget ? p.insertShare : 0.1)) {
        ok = this.ejectInsert(st.unsched[this.rng.int(st.nUnsched)]!, noise);
      } else {
        const y = this.rng.next();
        if (y < 0.1) ok = this.tailSwap();
        else if (y < 0.2) ok = this.stealMember(noise);
        else if (y < 0.3) ok = this.replaceMember(noise);
        else if (y < 0.5) ok = this.swapMembers();
        else if (y < 0.62) ok = this.moveVisit(noise);
        else if (y < 0.7) ok = this.addMember(noise);
        else if (y < 0.78) ok = this.dropMember();
        else if (y < 0.88) ok = this.rebuild(noise);
        else ok = this.exchange(noise);
      }
      if (!ok) {
        st.undo(mk);
        continue;
      }
      const delta = st.objective() - before - (st.visits - visitsBefore) * relax;
      if (delta >= 0 || this.rng.next() < Math.exp(delta / this.T)) {
        st.journal.length = 0;
        const o = st.objective();
        if (o > best + 1e-6) {
          best = o;
          if (st.visits * W_VISIT + st.coverage * W_COVER > bestVC) {
            bestVC = st.visits * W_VISIT + st.coverage * W_COVER;
            lastBest = it;
          }
          onBest();
        }
      } else st.undo(mk);
    }
    return { iterations: it, timedOut: false, reachedTarget: false };
  }
}
