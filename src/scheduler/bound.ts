// An upper bound on the number of visits of any valid schedule: the least of several max-flow
// relaxations, each of which every valid schedule can be mapped into (see README.md, "The bound").
import type { Model } from './model';

/** Dinic's max flow on a small graph with integer capacities. */
export class FlowGraph {
  private head: number[] = [];
  private to: number[] = [];
  private cap: number[] = [];
  private next: number[] = [];
  private level: Int32Array = new Int32Array(0);
  private it: Int32Array = new Int32Array(0);
  n = 0;

  node(): number {
    this.head.push(-1);
    return this.n++;
  }

  edge(a: number, b: number, c: number): void {
    if (c <= 0) return;
    this.to.push(b, a);
    this.cap.push(c, 0);
    this.next.push(this.head[a]!, this.head[b]!);
    this.head[a] = this.to.length - 2;
    this.head[b] = this.to.length - 1;
  }

  maxFlow(s: number, t: number): number {
    let flow = 0;
    this.level = new Int32Array(this.n);
    this.it = new Int32Array(this.n);
    const queue = new Int32Array(this.n);
    for (;;) {
      this.level.fill(-1);
      this.level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++]!;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          const v = this.to[e]!;
          if (this.cap[e]! > 0 && this.level[v]! < 0) {
            this.level[v] = this.level[u]! + 1;
            queue[qt++] = v;
          }
        }
      }
      if (this.level[t]! < 0) return flow;
      for (let i = 0; i < this.n; i++) this.it[i] = this.head[i]!;
      for (;;) {
        const f = this.augment(s, t, Number.MAX_SAFE_INTEGER);
        if (f === 0) break;
        flow += f;
      }
    }
  }

  // Iterative DFS along the level graph (recursion depth is small here: paths have ≤ 6 edges).
  private augment(u: number, t: number, pushed: number): number {
    if (u === t) return pushed;
    for (; this.it[u] !== -1; this.it[u] = this.next[this.it[u]!]!) {
      const e = this.it[u]!;
      const v = this.to[e]!;
      if (this.cap[e]! > 0 && this.level[v] === this.level[u]! + 1) {
        const d = this.augment(v, t, Math.min(pushed, this.cap[e]!));
        if (d > 0) {
          this.cap[e]! -= d;
          this.cap[e ^ 1]! += d;
          return d;
        }
      }
    }
    return 0;
  }
}

export interface BoundDetail {
  bound: number;
  /** Each relaxation's value, by name, for the README and the bench. */
  parts: Record<string, number>;
}

/** Registrations that can be visited at all ignoring staff: marked at least one slot. */
function regsWithSlots(m: Model): number[] {
  const out: number[] = [];
  for (let r = 0; r < m.R; r++) if (m.regSlots[r]!.length > 0) out.push(r);
  return out;
}

/**
 * Relaxation A (one per requireGroups list): each visit needs one person of the list, free in its slot,
 * within their maxVisits. Flow: source → registration (1) → slot → (person, slot) (1) → person
 * (maxVisits) → sink. Conflicts and travel are ignored (that only loosens the bound).
 *
 * Relaxation B (team size): each visit needs minTeam distinct people free in its slot. Flow with
 * minTeam units per registration; visits ≤ ⌊flow / minTeam⌋.
 */
export function visitBound(m: Model): BoundDetail {
  const parts: Record<string, number> = {};
  const regs = regsWithSlots(m);
  const lists = m.inst.rules.requireGroups;
  let bound = regs.length;
  parts.registrations = regs.length;
  const flowFor = (member: (p: number) => boolean, perReg: number): number => {
    const g = new FlowGraph();
    const src = g.node();
    const sink = g.node();
    const slotNode = Array.from({ length: m.S }, () => g.node());
    for (const r of regs) {
      const rn = g.node();
      g.edge(src, rn, perReg);
      const fs = m.fixedSlot[r]!;
      for (const s of m.regSlots[r]!) if (fs < 0 || fs === s) g.edge(rn, slotNode[s]!, perReg);
    }
    for (let p = 0; p < m.P; p++) {
      if (!member(p) || m.maxVisits[p]! <= 0) continue;
      const pn = g.node();
      let any = false;
      for (let s = 0; s < m.S; s++) {
        if (!m.staffAvail[p * m.S + s]) continue;
        g.edge(slotNode[s]!, pn, 1);
        any = true;
      }
      if (any) g.edge(pn, sink, m.maxVisits[p]!);
    }
    return g.maxFlow(src, sink);
  };
  lists.forEach((list, l) => {
    const v = flowFor((p) => (m.listMask[p]! & (1 << l)) !== 0, 1);
    parts[`group:${list.join('/')}`] = v;
    bound = Math.min(bound, v);
  });
  const minTeam = m.inst.rules.minTeam;
  const team = Math.floor(flowFor(() => true, minTeam) / minTeam);
  parts.teamSize = team;
  bound = Math.min(bound, team);
  return { bound, parts };
}
