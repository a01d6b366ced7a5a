// Validation of a raw instance (parsed JSON): every problem found, each saying where, e.g.
// `registrations[3].available[1]: unknown slot "s99"`. Returns a normalised copy when it is sound.
import { GROUPS } from './types';
import type { FixedVisit, Group, Instance, Registration, Slot, StaffMember } from './types';

export type ValidationResult = { ok: true; instance: Instance } | { ok: false; problems: string[] };

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const show = (x: unknown): string => {
  if (typeof x === 'number' && !Number.isFinite(x)) return `${x} (too large)`;
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** The required groups when an instance leaves them out (shared/SPRINT-SCHEDULING.md, rule 3). */
export const DEFAULT_REQUIRE_GROUPS: readonly (readonly Group[])[] = [
  ['politician'],
  ['business', 'leadership'],
];

/** The largest team size accepted (a visit's team is a handful of people; this keeps memory bounded). */
export const MAX_TEAM = 50;

function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/**
 * The fewest people a team needs to have someone of every list: a person counts for every list
 * their group is in, so lists that share a group can be met by one person.
 */
export function fewestToCover(lists: readonly (readonly Group[])[]): number {
  const nonEmpty = lists.filter((l) => l.length > 0);
  let best = nonEmpty.length;
  // Every set of groups, smallest first: there are only a handful of groups.
  for (let mask = 0; mask < 1 << GROUPS.length; mask++) {
    let size = 0;
    for (let g = 0; g < GROUPS.length; g++) if (mask & (1 << g)) size++;
    if (size >= best) continue;
    const chosen = GROUPS.filter((_, g) => mask & (1 << g));
    if (nonEmpty.every((l) => l.some((g) => chosen.includes(g)))) best = size;
  }
  return best;
}

export function validateInstance(raw: unknown): ValidationResult {
  const problems: string[] = [];
  const bad = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObject(raw)) return { ok: false, problems: ['instance: must be a JSON object'] };

  const at = (where: string, key: string) => (where ? `${where}.${key}` : key);
  const str = (
    o: Record<string, unknown>,
    key: string,
    where: string,
    optional = false,
  ): string | undefined => {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      bad(
        at(where, key),
        v === undefined ? 'missing (a non-empty string)' : `must be a non-empty string, got ${show(v)}`,
      );
      return undefined;
    }
    return v;
  };
  const num = (
    o: Record<string, unknown>,
    key: string,
    where: string,
    opts: { int?: boolean; min?: number; max?: number; optional?: boolean },
  ) => {
    const v = o[key];
    if (v === undefined && opts.optional) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      bad(at(where, key), v === undefined ? 'missing (a number)' : `must be a number, got ${show(v)}`);
      return undefined;
    }
    if (opts.int && !Number.isInteger(v)) bad(at(where, key), `must be a whole number, got ${v}`);
    else if (opts.min !== undefined && v < opts.min)
      bad(at(where, key), `must be at least ${opts.min}, got ${v}`);
    else if (opts.max !== undefined && v > opts.max)
      bad(at(where, key), `must be at most ${opts.max}, got ${v}`);
    else return v;
    return undefined;
  };
  const arr = (
    o: Record<string, unknown>,
    key: string,
    where: string,
    optional = false,
  ): unknown[] | undefined => {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (!Array.isArray(v)) {
      bad(at(where, key), v === undefined ? 'missing (a list)' : `must be a list, got ${show(v)}`);
      return undefined;
    }
    return v;
  };
  const strList = (o: Record<string, unknown>, key: string, where: string, optional = false): string[] => {
    const list = arr(o, key, where, optional) ?? [];
    const out: string[] = [];
    list.forEach((x, i) => {
      if (typeof x !== 'string' || x === '')
        bad(`${at(where, key)}[${i}]`, `must be a non-empty string, got ${show(x)}`);
      else out.push(x);
    });
    return out;
  };

  if (raw.day !== undefined && (typeof raw.day !== 'string' || !isDate(raw.day)))
    bad('day', `must be a date YYYY-MM-DD, got ${show(raw.day)}`);

  // Slots
  const slots: Slot[] = [];
  const slotIds = new Set<string>();
  const rawSlots = arr(raw, 'slots', '') ?? [];
  if (Array.isArray(raw.slots) && rawSlots.length === 0) bad('slots', 'the day has no slots');
  rawSlots.forEach((x, i) => {
    const w = `slots[${i}]`;
    if (!isObject(x)) return bad(w, 'must be an object');
    const id = str(x, 'id', w);
    let ok = id !== undefined;
    if (id !== undefined && slotIds.has(id)) {
      bad(`${w}.id`, `duplicate slot id "${id}"`);
      ok = false;
    }
    if (id !== undefined) slotIds.add(id);
    const times: number[] = [];
    for (const k of ['start', 'end'] as const) {
      const v = x[k];
      if (typeof v !== 'string' || !HHMM.test(v)) {
        bad(`${w}.${k}`, `must be a time HH:MM, got ${show(v)}`);
        ok = false;
      } else times.push(minutesOf(v));
    }
    if (times.length === 2 && times[0]! >= times[1]!) {
      bad(w, `ends (${String(x.end)}) before or when it starts (${String(x.start)})`);
      ok = false;
    }
    if (ok) slots.push({ id: id!, start: x.start as string, end: x.end as string });
  });

  // Rules
  let rules: Instance['rules'] | undefined;
  if (!isObject(raw.rules))
    bad('rules', raw.rules === undefined ? 'missing (an object)' : 'must be an object');
  else {
    const r = raw.rules;
    const minTeam = num(r, 'minTeam', 'rules', { int: true, min: 1, max: MAX_TEAM });
    const maxTeam = num(r, 'maxTeam', 'rules', { int: true, min: 1, max: MAX_TEAM });
    if (minTeam !== undefined && maxTeam !== undefined && minTeam > maxTeam)
      bad('rules', `minTeam (${minTeam}) is greater than maxTeam (${maxTeam})`);
    const travelKmh = num(r, 'travelKmh', 'rules', { min: 0.001 });
    const travelBufferMin = num(r, 'travelBufferMin', 'rules', { min: 0 });
    const requireGroups: Group[][] = [];
    // Left out, the spec's default: a politician, and an official of the business unit or the
    // leadership. An empty list requires no group.
    const rg = arr(r, 'requireGroups', 'rules', true) ?? DEFAULT_REQUIRE_GROUPS.map((l) => [...l]);
    if (rg.length > 30) bad('rules.requireGroups', `at most 30 lists, got ${rg.length}`);
    rg.forEach((list, i) => {
      const w = `rules.requireGroups[${i}]`;
      if (!Array.isArray(list) || list.length === 0) return bad(w, 'must be a non-empty list of groups');
      const gs: Group[] = [];
      list.forEach((g, j) => {
        if (!(GROUPS as readonly unknown[]).includes(g))
          bad(`${w}[${j}]`, `unknown group ${show(g)} (one of ${GROUPS.join(', ')})`);
        else gs.push(g as Group);
      });
      requireGroups.push(gs);
    });
    const fewest = fewestToCover(requireGroups);
    if (maxTeam !== undefined && fewest > maxTeam)
      bad(
        'rules.requireGroups',
        `a team needs someone of each of the ${requireGroups.length} lists, so at least ${fewest} people, ` +
          `but rules.maxTeam is ${maxTeam}: no visit could be staffed`,
      );
    if (
      minTeam !== undefined &&
      maxTeam !== undefined &&
      travelKmh !== undefined &&
      travelBufferMin !== undefined
    )
      rules = { minTeam, maxTeam, requireGroups, travelKmh, travelBufferMin };
  }

  // Staff
  const staff: StaffMember[] = [];
  const staffIds = new Set<string>();
  (arr(raw, 'staff', '') ?? []).forEach((x, i) => {
    const w = `staff[${i}]`;
    if (!isObject(x)) return bad(w, 'must be an object');
    const id = str(x, 'id', w);
    if (id !== undefined && staffIds.has(id)) bad(`${w}.id`, `duplicate staff id "${id}"`);
    const name = str(x, 'name', w, true);
    const group = x.group;
    if (group === undefined) bad(`${w}.group`, `missing (one of ${GROUPS.join(', ')})`);
    else if (!(GROUPS as readonly unknown[]).includes(group))
      bad(`${w}.group`, `unknown group ${show(group)} (one of ${GROUPS.join(', ')})`);
    const party = str(x, 'party', w, true);
    const expertise = strList(x, 'expertise', w, true);
    const available = strList(x, 'available', w);
    const seen = new Set<string>();
    available.forEach((s, j) => {
      if (!slotIds.has(s)) bad(`${w}.available[${j}]`, `unknown slot "${s}"`);
      if (seen.has(s)) bad(`${w}.available[${j}]`, `slot "${s}" listed twice`);
      seen.add(s);
    });
    const maxVisits = num(x, 'maxVisits', w, { int: true, min: 0, optional: true });
    if (id !== undefined && !staffIds.has(id)) {
      staffIds.add(id);
      const m: StaffMember = { id, group: group as Group, expertise: [...new Set(expertise)], available };
      if (name !== undefined) m.name = name;
      if (party !== undefined) m.party = party;
      if (maxVisits !== undefined) m.maxVisits = maxVisits;
      staff.push(m);
    }
  });

  // Registrations
  const regs: Registration[] = [];
  const regById = new Map<string, Registration>();
  (arr(raw, 'registrations', '') ?? []).forEach((x, i) => {
    const w = `registrations[${i}]`;
    if (!isObject(x)) return bad(w, 'must be an object');
    const id = str(x, 'id', w);
    if (id !== undefined && regById.has(id)) bad(`${w}.id`, `duplicate registration id "${id}"`);
    const company = str(x, 'company', w);
    const mode = x.mode;
    if (mode !== 'digital' && mode !== 'physical')
      bad(`${w}.mode`, `must be "digital" or "physical", got ${show(mode)}`);
    let location: Registration['location'];
    if (mode === 'physical') {
      if (!isObject(x.location))
        bad(`${w}.location`, 'an on-site (physical) visit needs a location {lat, lon}');
      else {
        const lat = num(x.location, 'lat', `${w}.location`, { min: -90, max: 90 });
        const lon = num(x.location, 'lon', `${w}.location`, { min: -180, max: 180 });
        if (lat !== undefined && lon !== undefined) location = { lat, lon };
      }
    }
    const available = strList(x, 'available', w);
    const seen = new Set<string>();
    available.forEach((s, j) => {
      if (!slotIds.has(s)) bad(`${w}.available[${j}]`, `unknown slot "${s}"`);
      if (seen.has(s)) bad(`${w}.available[${j}]`, `slot "${s}" listed twice`);
      seen.add(s);
    });
    const topics = strList(x, 'topics', w, true);
    if (id !== undefined && !regById.has(id)) {
      const r: Registration = {
        id,
        company: company ?? id,
        mode: mode === 'physical' ? 'physical' : 'digital',
        available,
        topics: [...new Set(topics)],
      };
      if (location) r.location = location;
      regById.set(id, r);
      regs.push(r);
    }
  });

  // Fixed visits
  const fixed: FixedVisit[] = [];
  const fixedRegs = new Map<string, number>();
  (arr(raw, 'fixed', '', true) ?? []).forEach((x, i) => {
    const w = `fixed[${i}]`;
    if (!isObject(x)) return bad(w, 'must be an object');
    const reg = str(x, 'registration', w);
    const slot = str(x, 'slot', w);
    const r = reg !== undefined ? regById.get(reg) : undefined;
    if (reg !== undefined && !r) bad(`${w}.registration`, `unknown registration "${reg}"`);
    if (reg !== undefined && fixedRegs.has(reg))
      bad(`${w}.registration`, `"${reg}" is already fixed in fixed[${fixedRegs.get(reg)}]`);
    if (slot !== undefined && !slotIds.has(slot)) bad(`${w}.slot`, `unknown slot "${slot}"`);
    else if (slot !== undefined && r && !r.available.includes(slot))
      bad(
        `${w}.slot`,
        `${r.id} did not mark "${slot}" available (it marked ${r.available.join(', ') || 'none'})`,
      );
    const team = strList(x, 'team', w, true);
    const seen = new Set<string>();
    team.forEach((m, j) => {
      if (!staffIds.has(m)) bad(`${w}.team[${j}]`, `unknown staff "${m}"`);
      if (seen.has(m)) bad(`${w}.team[${j}]`, `"${m}" listed twice`);
      seen.add(m);
    });
    if (reg !== undefined && !fixedRegs.has(reg)) fixedRegs.set(reg, i);
    if (reg !== undefined && slot !== undefined) fixed.push({ registration: reg, slot, team });
  });

  // Conflicts
  const conflicts: NonNullable<Instance['conflicts']> = [];
  (arr(raw, 'conflicts', '', true) ?? []).forEach((x, i) => {
    const w = `conflicts[${i}]`;
    if (!isObject(x)) return bad(w, 'must be an object');
    const s = str(x, 'staff', w);
    const r = str(x, 'registration', w);
    if (s !== undefined && !staffIds.has(s)) bad(`${w}.staff`, `unknown staff "${s}"`);
    if (r !== undefined && !regById.has(r)) bad(`${w}.registration`, `unknown registration "${r}"`);
    if (s !== undefined && r !== undefined) conflicts.push({ staff: s, registration: r });
  });

  if (problems.length > 0 || !rules) return { ok: false, problems };
  const instance: Instance = { slots, rules, staff, registrations: regs, fixed, conflicts };
  if (typeof raw.day === 'string') instance.day = raw.day;
  return { ok: true, instance };
}
