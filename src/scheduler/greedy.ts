// A careful greedy pass, the baseline of the benchmark: registrations with the fewest slots first,
// each in the first slot where a team can be formed, from the people with the most capacity left.
// It ignores topics; it keeps every hard rule.
import { compile } from './model';
import { State } from './state';
import type { Instance, Visit } from './types';

export function greedySchedule(inst: Instance): Visit[] {
  const m = compile(inst);
  const st = new State(m);
  const rules = inst.rules;
  const tryTeam = (r: number, s: number): boolean => {
    for (;;) {
      const need = m.allListsMask & ~st.listsOf(r);
      if (need === 0 && st.size[r]! >= rules.minTeam) return true;
      if (st.size[r]! >= rules.maxTeam) return false;
      let best = -1;
      let bestKey = -Infinity;
      for (let p = 0; p < m.P; p++) {
        if (need !== 0 && (m.listMask[p]! & need) === 0) continue;
        if (st.occ[p * m.S + s] === r || !st.canJoin(p, r, s)) continue;
        const key = m.maxVisits[p]! - st.load[p]!;
        if (key > bestKey) {
          bestKey = key;
          best = p;
        }
      }
      if (best < 0) return false;
      st.add(r, best);
    }
  };
  const placeAt = (r: number, s: number): boolean => {
    const mk = st.mark();
    st.open(r, s);
    for (const p of m.fixedTeam[r]!) if (m.fixedSlot[r] === s) st.add(r, p);
    if (tryTeam(r, s)) return true;
    st.undo(mk);
    return false;
  };
  for (let r = 0; r < m.R; r++) if (m.fixedSlot[r]! >= 0) placeAt(r, m.fixedSlot[r]!);
  const order = [...Array(m.R).keys()]
    .filter((r) => m.fixedSlot[r]! < 0)
    .sort((a, b) => m.regSlots[a]!.length - m.regSlots[b]!.length || a - b);
  for (const r of order) for (const s of m.regSlots[r]!) if (placeAt(r, s)) break;
  const out: Visit[] = [];
  for (let r = 0; r < m.R; r++) {
    const s = st.slotOf[r]!;
    if (s < 0) continue;
    const team: string[] = [];
    for (let i = 0; i < st.size[r]!; i++) team.push(inst.staff[st.team[r * st.MT + i]!]!.id);
    out.push({ registration: inst.registrations[r]!.id, slot: m.slotIds[s]!, team });
  }
  return out;
}
