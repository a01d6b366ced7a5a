// The mutable schedule the search works on: flat arrays, incremental totals and an undo journal,
// so that a move is applied, scored from the totals and, if rejected, rolled back exactly.
import type { Model } from './model';

// Weights of the lexicographic objective folded into one number. One visit outweighs any change in
// coverage a move can make, one topic outweighs any change of load spread and travel a move can make.
export const W_VISIT = 1e7;
export const W_COVER = 1e4;
export const W_LOAD = 4; // per unit of Σ load² (spreads the load evenly)
export const W_TRAVEL = 1; // per minute on the road

// Local copy: an imported function may be reached through a getter after transpiling (hot path).
function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const OP_OPEN = 0;
const OP_CLOSE = 1;
const OP_ADD = 2;
const OP_REMOVE = 3;

export class State {
  readonly m: Model;
  readonly MT: number;
  readonly slotOf: Int32Array;
  readonly team: Int32Array;
  readonly size: Int32Array;
  readonly occ: Int32Array;
  readonly load: Int32Array;
  readonly covOf: Int32Array;
  /** Position of each slot in the day's order. */
  readonly rank: Int32Array;
  /** Bit k: person p has an on-site visit in the k-th slot of the day (used when the day has ≤ 30 slots). */
  readonly physMask: Int32Array;
  readonly useMask: boolean;
  visits = 0;
  coverage = 0;
  loadSq = 0;
  travel = 0;
  journal: number[] = [];
  /** Registrations not visited (kept as a set with O(1) removal). */
  readonly unsched: Int32Array;
  readonly unschedPos: Int32Array;
  nUnsched = 0;
  /** Scheduled, not fixed: the visits moves may reshape freely. */
  readonly placed: Int32Array;
  readonly placedPos: Int32Array;
  nPlaced = 0;

  constructor(m: Model) {
    this.m = m;
    this.MT = m.inst.rules.maxTeam;
    this.slotOf = new Int32Array(m.R).fill(-1);
    this.team = new Int32Array(m.R * this.MT).fill(-1);
    this.size = new Int32Array(m.R);
    this.occ = new Int32Array(m.P * m.S).fill(-1);
    this.load = new Int32Array(m.P);
    this.covOf = new Int32Array(m.R);
    this.rank = new Int32Array(m.S);
    this.physMask = new Int32Array(m.P);
    this.useMask = m.S <= 30;
    m.timeOrder.forEach((s, i) => (this.rank[s] = i));
    this.unsched = new Int32Array(m.R);
    this.unschedPos = new Int32Array(m.R).fill(-1);
    this.placed = new Int32Array(m.R);
    this.placedPos = new Int32Array(m.R).fill(-1);
    for (let r = 0; r < m.R; r++) if (m.regSlots[r]!.length > 0) this.pushUnsched(r);
  }

  objective(): number {
    return this.visits * W_VISIT + this.coverage * W_COVER - this.loadSq * W_LOAD - this.travel * W_TRAVEL;
  }

  private pushUnsched(r: number) {
    this.unschedPos[r] = this.nUnsched;
    this.unsched[this.nUnsched++] = r;
  }
  private dropUnsched(r: number) {
    const i = this.unschedPos[r]!;
    if (i < 0) return;
    const last = this.unsched[--this.nUnsched]!;
    this.unsched[i] = last;
    this.unschedPos[last] = i;
    this.unschedPos[r] = -1;
  }
  private pushPlaced(r: number) {
    if (this.m.fixedSlot[r]! >= 0) return;
    this.placedPos[r] = this.nPlaced;
    this.placed[this.nPlaced++] = r;
  }
  private dropPlaced(r: number) {
    const i = this.placedPos[r]!;
    if (i < 0) return;
    const last = this.placed[--this.nPlaced]!;
    this.placed[i] = last;
    this.placedPos[last] = i;
    this.placedPos[r] = -1;
  }

  // ---- primitive operations (journaled) ----

  open(r: number, s: number, log = true): void {
    this.slotOf[r] = s;
    this.visits++;
    this.dropUnsched(r);
    this.pushPlaced(r);
    if (log) this.journal.push(OP_OPEN, r, s);
  }

  close(r: number, log = true): void {
    const s = this.slotOf[r]!;
    this.slotOf[r] = -1;
    this.visits--;
    this.dropPlaced(r);
    this.pushUnsched(r);
    if (log) this.journal.push(OP_CLOSE, r, s);
  }

  add(r: number, p: number, log = true): void {
    const m = this.m;
    const s = this.slotOf[r]!;
    if (m.physical[r]) this.travel += this.travelDeltaAdd(p, r, s);
    this.team[r * this.MT + this.size[r]!] = p;
    this.size[r]!++;
    this.occ[p * m.S + s] = r;
    if (m.physical[r]) this.physMask[p]! |= 1 << this.rank[s]!;
    this.load[p]!++;
    this.loadSq += 2 * this.load[p]! - 1;
    const c = this.computeCoverage(r);
    this.coverage += c - this.covOf[r]!;
    this.covOf[r] = c;
    if (log) this.journal.push(OP_ADD, r, p);
  }

  remove(r: number, p: number, log = true): void {
    const m = this.m;
    const s = this.slotOf[r]!;
    const base = r * this.MT;
    const n = this.size[r]!;
    let i = 0;
    while (i < n && this.team[base + i] !== p) i++;
    this.team[base + i] = this.team[base + n - 1]!;
    this.team[base + n - 1] = -1;
    this.size[r] = n - 1;
    this.occ[p * m.S + s] = -1;
    if (m.physical[r]) this.physMask[p]! &= ~(1 << this.rank[s]!);
    this.loadSq -= 2 * this.load[p]! - 1;
    this.load[p]!--;
    if (m.physical[r]) this.travel -= this.travelDeltaAdd(p, r, s);
    const c = this.computeCoverage(r);
    this.coverage += c - this.covOf[r]!;
    this.covOf[r] = c;
    if (log) this.journal.push(OP_REMOVE, r, p);
  }

  /** Removes every member that is not fixed, then closes the visit (for non-fixed visits). */
  clear(r: number): void {
    const base = r * this.MT;
    while (this.size[r]! > 0) this.remove(r, this.team[base + this.size[r]! - 1]!);
    this.close(r);
  }

  mark(): number {
    return this.journal.length;
  }

  undo(to: number): void {
    const j = this.journal;
    while (j.length > to) {
      const b = j.pop()!;
      const a = j.pop()!;
      const op = j.pop()!;
      switch (op) {
        case OP_OPEN:
          this.close(a, false);
          break;
        case OP_CLOSE:
          this.open(a, b, false);
          break;
        case OP_ADD:
          this.remove(a, b, false);
          break;
        case OP_REMOVE:
          this.add(a, b, false);
          break;
      }
    }
  }

  // ---- queries ----

  computeCoverage(r: number): number {
    const m = this.m;
    const off = m.regWordOff[r]!;
    const words = m.regWords[r]!;
    const base = r * this.MT;
    const n = this.size[r]!;
    let total = 0;
    for (let w = 0; w < words; w++) {
      let bits = 0;
      for (let i = 0; i < n; i++) bits |= m.cov[this.team[base + i]! * m.totalWords + off + w]!;
      total += popcount(bits);
    }
    return total;
  }

  /** The topics of r's first word that its team covers (for one-word registrations: all of them). */
  teamWord(r: number): number {
    const m = this.m;
    const off = m.regWordOff[r]!;
    const base = r * this.MT;
    const n = this.size[r]!;
    let bits = 0;
    for (let i = 0; i < n; i++) bits |= m.cov[this.team[base + i]! * m.totalWords + off]!;
    return bits;
  }

  /** Topics of r that p would add to r's current team. */
  gain(p: number, r: number): number {
    const m = this.m;
    const off = m.regWordOff[r]!;
    const words = m.regWords[r]!;
    const base = r * this.MT;
    const n = this.size[r]!;
    let total = 0;
    for (let w = 0; w < words; w++) {
      let bits = 0;
      for (let i = 0; i < n; i++) bits |= m.cov[this.team[base + i]! * m.totalWords + off + w]!;
      total += popcount(m.cov[p * m.totalWords + off + w]! & ~bits);
    }
    return total;
  }

  listsOf(r: number): number {
    const base = r * this.MT;
    let mask = 0;
    for (let i = 0; i < this.size[r]!; i++) mask |= this.m.listMask[this.team[base + i]!]!;
    return mask;
  }

  teamValid(r: number): boolean {
    const n = this.size[r]!;
    const rules = this.m.inst.rules;
    return (
      n >= rules.minTeam &&
      n <= rules.maxTeam &&
      (this.listsOf(r) & this.m.allListsMask) === this.m.allListsMask
    );
  }

  isFixedMember(r: number, p: number): boolean {
    return this.m.fixedSlot[r]! >= 0 && this.m.fixedTeam[r]!.includes(p);
  }

  /** p is free at s and at every slot overlapping it. */
  freeAt(p: number, s: number): boolean {
    const m = this.m;
    if (this.occ[p * m.S + s] !== -1) return false;
    const o = m.overlaps[s]!;
    for (let i = 0; i < o.length; i++) if (this.occ[p * m.S + o[i]!] !== -1) return false;
    return true;
  }

  /** The visit p is in at s or at a slot overlapping s, or -1. */
  busyWith(p: number, s: number): number {
    const m = this.m;
    const r = this.occ[p * m.S + s]!;
    if (r !== -1) return r;
    const o = m.overlaps[s]!;
    for (let i = 0; i < o.length; i++) {
      const x = this.occ[p * m.S + o[i]!]!;
      if (x !== -1) return x;
    }
    return -1;
  }

  /** p's on-site visit before slot s (by start time), or -1. */
  prevPhysical(p: number, s: number): number {
    const m = this.m;
    const k = this.rank[s]!;
    if (this.useMask) {
      const below = this.physMask[p]! & ((1 << k) - 1);
      return below === 0 ? -1 : this.occ[p * m.S + m.timeOrder[31 - Math.clz32(below)]!]!;
    }
    for (let j = k - 1; j >= 0; j--) {
      const r = this.occ[p * m.S + m.timeOrder[j]!]!;
      if (r !== -1 && m.physical[r]) return r;
    }
    return -1;
  }

  nextPhysical(p: number, s: number): number {
    const m = this.m;
    const k = this.rank[s]!;
    if (this.useMask) {
      const above = this.physMask[p]! & ~((2 << k) - 1);
      return above === 0 ? -1 : this.occ[p * m.S + m.timeOrder[31 - Math.clz32(above & -above)]!]!;
    }
    for (let j = k + 1; j < m.S; j++) {
      const r = this.occ[p * m.S + m.timeOrder[j]!]!;
      if (r !== -1 && m.physical[r]) return r;
    }
    return -1;
  }

  travelMin(a: number, b: number): number {
    const m = this.m;
    return m.travel[m.physIdx[a]! * m.nPhys + m.physIdx[b]!]!;
  }

  /** Change in p's travel minutes if p took on-site visit r at s (p not in r yet, or just removed). */
  travelDeltaAdd(p: number, r: number, s: number): number {
    const prev = this.prevPhysical(p, s);
    const next = this.nextPhysical(p, s);
    let d = 0;
    if (prev !== -1) d += this.travelMin(prev, r);
    if (next !== -1) d += this.travelMin(r, next);
    if (prev !== -1 && next !== -1) d -= this.travelMin(prev, next);
    return d;
  }

  /** Whether p can get to on-site visit r at s from their previous one and on to their next. */
  travelOk(p: number, r: number, s: number): boolean {
    const m = this.m;
    if (!m.physical[r]) return true;
    const prev = this.prevPhysical(p, s);
    if (prev !== -1 && this.travelMin(prev, r) > m.slotStart[s]! - m.slotEnd[this.slotOf[prev]!]! + 1e-9)
      return false;
    const next = this.nextPhysical(p, s);
    if (next !== -1 && this.travelMin(r, next) > m.slotStart[this.slotOf[next]!]! - m.slotEnd[s]! + 1e-9)
      return false;
    return true;
  }

  /** Set by travelCheck: the change in travel minutes when the check passed. */
  lastTravelDelta = 0;

  /** travelOk and travelDeltaAdd in one pass over p's day. */
  travelCheck(p: number, r: number, s: number): boolean {
    const m = this.m;
    if (!m.physical[r]) {
      this.lastTravelDelta = 0;
      return true;
    }
    const prev = this.prevPhysical(p, s);
    const next = this.nextPhysical(p, s);
    let d = 0;
    if (prev !== -1) {
      const t = this.travelMin(prev, r);
      if (t > m.slotStart[s]! - m.slotEnd[this.slotOf[prev]!]! + 1e-9) return false;
      d += t;
    }
    if (next !== -1) {
      const t = this.travelMin(r, next);
      if (t > m.slotStart[this.slotOf[next]!]! - m.slotEnd[s]! + 1e-9) return false;
      d += t;
      if (prev !== -1) d -= this.travelMin(prev, next);
    }
    this.lastTravelDelta = d;
    return true;
  }

  /** Every hard rule for p joining r (already open at s). */
  canJoin(p: number, r: number, s: number): boolean {
    const m = this.m;
    return (
      m.staffAvail[p * m.S + s] === 1 &&
      m.conflict[p * m.R + r] === 0 &&
      this.load[p]! < m.maxVisits[p]! &&
      this.freeAt(p, s) &&
      this.travelOk(p, r, s)
    );
  }

  snapshot(): { slotOf: Int32Array; team: Int32Array; size: Int32Array } {
    return { slotOf: this.slotOf.slice(), team: this.team.slice(), size: this.size.slice() };
  }
}
