// The hard rules of shared/SPRINT-SCHEDULING.md, one named function each. Each takes a (validated)
// instance and a list of visits and returns the violations it finds, in English and Swedish, so the
// planning board can say at once which rule a manual change breaks. `checkSchedule` runs all seven.
import { compile, travelMinutesBetween } from './model';
import { aGroupEn, aGroupSv, slotLabel } from './labels';
import type { Instance, RuleName, RuleNumber, Violation, Visit } from './types';

function violation(
  rule: RuleName,
  ruleNumber: RuleNumber,
  registration: string,
  message: string,
  messageSv: string,
  extra: { slot?: string; staff?: string } = {},
): Violation {
  return { rule, ruleNumber, registration, ...extra, message, messageSv };
}

/** Rule 1: a registration is visited at most once, in a slot it marked available. */
export function visitOnceInAvailableSlot(inst: Instance, visits: readonly Visit[]): Violation[] {
  const m = compile(inst, true);
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const v of visits) {
    const r = m.regIndex.get(v.registration);
    const rule = (en: string, sv: string) =>
      out.push(violation('visitOnceInAvailableSlot', 1, v.registration, en, sv, { slot: v.slot }));
    if (r === undefined) {
      rule(`unknown registration "${v.registration}"`, `okänd anmälan "${v.registration}"`);
      continue;
    }
    if (seen.has(v.registration))
      rule(`${v.registration} is visited more than once`, `${v.registration} besöks mer än en gång`);
    seen.add(v.registration);
    const s = m.slotIndex.get(v.slot);
    if (s === undefined) rule(`unknown slot "${v.slot}"`, `okänt pass "${v.slot}"`);
    else if (!m.regAvail[r * m.S + s]) {
      const marked = inst.registrations[r]!.available.join(', ') || '—';
      rule(
        `${v.registration} did not mark ${slotLabel(inst, v.slot)} available (it can meet in ${marked})`,
        `${v.registration} har inte angett ${slotLabel(inst, v.slot)} som möjlig tid (kan träffas ${marked})`,
      );
    }
  }
  return out;
}

/** Rule 2: a team has between minTeam and maxTeam members, all known and available in that slot. */
export function teamSizeAndAvailability(
  inst: Instance,
  visits: readonly Visit[],
  opts: { allowSmall?: boolean } = {},
): Violation[] {
  const m = compile(inst, true);
  const { minTeam, maxTeam } = inst.rules;
  const out: Violation[] = [];
  for (const v of visits) {
    const add = (en: string, sv: string, staff?: string) =>
      out.push(
        violation(
          'teamSizeAndAvailability',
          2,
          v.registration,
          en,
          sv,
          staff ? { slot: v.slot, staff } : { slot: v.slot },
        ),
      );
    const team = v.team ?? [];
    const n = new Set(team).size;
    if (n !== team.length)
      add(
        `the team of ${v.registration} lists a member twice`,
        `laget för ${v.registration} har samma person två gånger`,
      );
    if ((n < minTeam && !opts.allowSmall) || n > maxTeam)
      add(
        `the team of ${v.registration} has ${n} member${n === 1 ? '' : 's'}; it must have ${minTeam}–${maxTeam}`,
        `laget för ${v.registration} har ${n} ${n === 1 ? 'person' : 'personer'}; det ska ha ${minTeam}–${maxTeam}`,
      );
    const s = m.slotIndex.get(v.slot);
    for (const id of new Set(team)) {
      const p = m.staffIndex.get(id);
      if (p === undefined)
        add(
          `unknown staff "${id}" in the team of ${v.registration}`,
          `okänd person "${id}" i laget för ${v.registration}`,
          id,
        );
      else if (s !== undefined && !m.staffAvail[p * m.S + s])
        add(
          `${id} is not available in ${slotLabel(inst, v.slot)} (visit ${v.registration})`,
          `${id} är inte tillgänglig ${slotLabel(inst, v.slot)} (besök ${v.registration})`,
          id,
        );
    }
  }
  return out;
}

/** Rule 3: for each list of requireGroups the team has a member from one of its groups. */
export function requiredGroups(inst: Instance, visits: readonly Visit[]): Violation[] {
  const m = compile(inst, true);
  const out: Violation[] = [];
  for (const v of visits) {
    const groups = new Set((v.team ?? []).map((id) => inst.staff[m.staffIndex.get(id) ?? -1]?.group));
    for (const list of inst.rules.requireGroups) {
      if (list.some((g) => groups.has(g))) continue;
      out.push(
        violation(
          'requiredGroups',
          3,
          v.registration,
          `the team of ${v.registration} has no ${aGroupEn(list).replace(/^an? /, '')}; each visit needs ${aGroupEn(list)}`,
          `laget för ${v.registration} saknar ${aGroupSv(list)}; varje besök behöver ${aGroupSv(list)}`,
          { slot: v.slot },
        ),
      );
    }
  }
  return out;
}

/** Rule 4: nobody is in two visits at once (same or overlapping slots), nor in more than maxVisits. */
export function noDoubleBookingOrOverload(inst: Instance, visits: readonly Visit[]): Violation[] {
  const m = compile(inst, true);
  const out: Violation[] = [];
  const byPerson = new Map<string, Visit[]>();
  for (const v of visits)
    for (const id of new Set(v.team ?? [])) {
      if (!byPerson.has(id)) byPerson.set(id, []);
      byPerson.get(id)!.push(v);
    }
  for (const [id, list] of byPerson) {
    const p = m.staffIndex.get(id);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = m.slotIndex.get(list[i]!.slot);
        const b = m.slotIndex.get(list[j]!.slot);
        if (a === undefined || b === undefined) continue;
        if (a === b || m.overlaps[a]!.includes(b)) {
          const same = a === b;
          const A = list[i]!;
          const B = list[j]!;
          out.push(
            violation(
              'noDoubleBookingOrOverload',
              4,
              B.registration,
              same
                ? `${id} is in two visits in ${slotLabel(inst, B.slot)}: ${A.registration} and ${B.registration}`
                : `${id} is in ${A.registration} in ${slotLabel(inst, A.slot)} and ${B.registration} in ${slotLabel(inst, B.slot)}, which overlap`,
              same
                ? `${id} är med i två besök ${slotLabel(inst, B.slot)}: ${A.registration} och ${B.registration}`
                : `${id} är med i ${A.registration} ${slotLabel(inst, A.slot)} och ${B.registration} ${slotLabel(inst, B.slot)}, som överlappar`,
              { slot: B.slot, staff: id },
            ),
          );
        }
      }
    const max = p === undefined ? undefined : inst.staff[p]!.maxVisits;
    if (max !== undefined && list.length > max) {
      const last = list[list.length - 1]!;
      out.push(
        violation(
          'noDoubleBookingOrOverload',
          4,
          last.registration,
          `${id} has ${list.length} visits (${list.map((v) => v.registration).join(', ')}), at most ${max}`,
          `${id} har ${list.length} besök (${list.map((v) => v.registration).join(', ')}), högst ${max}`,
          { slot: last.slot, staff: id },
        ),
      );
    }
  }
  return out;
}

/** Rule 5: between two on-site visits taken one after the other there is time to travel. */
export function travelTime(inst: Instance, visits: readonly Visit[]): Violation[] {
  const m = compile(inst, true);
  const out: Violation[] = [];
  const byPerson = new Map<string, { s: number; r: number; v: Visit }[]>();
  for (const v of visits) {
    const r = m.regIndex.get(v.registration);
    const s = m.slotIndex.get(v.slot);
    if (r === undefined || s === undefined || !m.physical[r]) continue;
    for (const id of new Set(v.team ?? [])) {
      if (!byPerson.has(id)) byPerson.set(id, []);
      byPerson.get(id)!.push({ s, r, v });
    }
  }
  const { travelKmh, travelBufferMin } = inst.rules;
  for (const [id, list] of byPerson) {
    list.sort((a, b) => m.slotStart[a.s]! - m.slotStart[b.s]!);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      const ra = inst.registrations[a.r]!;
      const rb = inst.registrations[b.r]!;
      const need = travelMinutesBetween(ra.location!, rb.location!, travelKmh, travelBufferMin);
      const gap = m.slotStart[b.s]! - m.slotEnd[a.s]!;
      if (need > gap + 1e-9)
        out.push(
          violation(
            'travelTime',
            5,
            b.v.registration,
            `${id} cannot get from ${ra.company} (${a.v.registration}, ends ${inst.slots[a.s]!.end}) to ${rb.company} (${b.v.registration}, starts ${inst.slots[b.s]!.start}): ${Math.ceil(need)} min needed, ${gap} min free`,
            `${id} hinner inte från ${ra.company} (${a.v.registration}, slutar ${inst.slots[a.s]!.end}) till ${rb.company} (${b.v.registration}, börjar ${inst.slots[b.s]!.start}): ${Math.ceil(need)} min behövs, ${gap} min finns`,
            { slot: b.v.slot, staff: id },
          ),
        );
    }
  }
  return out;
}

/** Rule 6: nobody visits a registration they have a conflict (jäv) with. */
export function noConflicts(inst: Instance, visits: readonly Visit[]): Violation[] {
  const bad = new Set((inst.conflicts ?? []).map((c) => `${c.staff}|${c.registration}`));
  const out: Violation[] = [];
  for (const v of visits)
    for (const id of v.team ?? [])
      if (bad.has(`${id}|${v.registration}`))
        out.push(
          violation(
            'noConflicts',
            6,
            v.registration,
            `${id} must not visit ${v.registration} (conflict of interest)`,
            `${id} får inte besöka ${v.registration} (jäv)`,
            { slot: v.slot, staff: id },
          ),
        );
  return out;
}

/** Rule 7: every fixed visit is in the schedule, in its slot, with its listed people. */
export function fixedVisitsKept(inst: Instance, visits: readonly Visit[]): Violation[] {
  const out: Violation[] = [];
  const byReg = new Map(visits.map((v) => [v.registration, v]));
  for (const f of inst.fixed ?? []) {
    const v = byReg.get(f.registration);
    const add = (en: string, sv: string, staff?: string) =>
      out.push(
        violation(
          'fixedVisitsKept',
          7,
          f.registration,
          en,
          sv,
          staff ? { slot: f.slot, staff } : { slot: f.slot },
        ),
      );
    if (!v) {
      add(
        `the fixed visit to ${f.registration} in ${slotLabel(inst, f.slot)} is missing`,
        `det låsta besöket hos ${f.registration} i ${slotLabel(inst, f.slot)} saknas`,
      );
      continue;
    }
    if (v.slot !== f.slot)
      add(
        `the fixed visit to ${f.registration} must be in ${slotLabel(inst, f.slot)}, not ${slotLabel(inst, v.slot)}`,
        `det låsta besöket hos ${f.registration} ska vara i ${slotLabel(inst, f.slot)}, inte i ${slotLabel(inst, v.slot)}`,
      );
    for (const id of f.team ?? [])
      if (!(v.team ?? []).includes(id))
        add(
          `${id} is fixed in the team of ${f.registration} but missing`,
          `${id} är låst i laget för ${f.registration} men saknas`,
          id,
        );
  }
  return out;
}

/** The seven rules in the spec's order. */
export const HARD_RULES: readonly {
  number: RuleNumber;
  name: RuleName;
  check: (inst: Instance, visits: readonly Visit[]) => Violation[];
}[] = [
  { number: 1, name: 'visitOnceInAvailableSlot', check: visitOnceInAvailableSlot },
  { number: 2, name: 'teamSizeAndAvailability', check: teamSizeAndAvailability },
  { number: 3, name: 'requiredGroups', check: requiredGroups },
  { number: 4, name: 'noDoubleBookingOrOverload', check: noDoubleBookingOrOverload },
  { number: 5, name: 'travelTime', check: travelTime },
  { number: 6, name: 'noConflicts', check: noConflicts },
  { number: 7, name: 'fixedVisitsKept', check: fixedVisitsKept },
];

/** Every violation of the hard rules by these visits (empty: a valid schedule). */
export function checkSchedule(inst: Instance, visits: readonly Visit[]): Violation[] {
  return HARD_RULES.flatMap((r) => r.check(inst, visits));
}
