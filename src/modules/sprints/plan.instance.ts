import type { Group, Instance, Violation } from '../../scheduler';
import type { ParticipantRow, RegistrationRow } from './sprint.repository';
import type { SprintData } from './sprint.model';

/** Staff groups the scheduler knows; 'other' staff count as department heads' peers. */
function schedulerGroup(g: string): Group {
  return g === 'politician' || g === 'leadership' || g === 'business' || g === 'department'
    ? g
    : 'department';
}

export interface BuiltInstance {
  instance: Instance;
  /** On-site registrations without a position: left out until the admin sets one. */
  missingPositions: RegistrationRow[];
}

/**
 * The scheduler's instance (../../../shared/SPRINT-SCHEDULING.md) from the sprint, the active
 * people of its roster and its active registrations. Pins are not included here; the caller adds them as `fixed`.
 */
export function buildInstance(
  s: Pick<SprintData, 'row' | 'slots' | 'rules'>,
  participants: ParticipantRow[],
  regs: RegistrationRow[],
): BuiltInstance {
  const slotIds = new Set(s.slots.map((x) => x.id));
  const missingPositions: RegistrationRow[] = [];
  const registrations: Instance['registrations'] = [];
  for (const r of regs) {
    if (r.withdrawn_at) continue;
    const physical = r.mode === 'physical';
    if (physical && (r.lat === null || r.lon === null)) {
      missingPositions.push(r);
      continue;
    }
    registrations.push({
      id: r.id,
      company: r.company_name,
      mode: physical ? 'physical' : 'digital',
      ...(physical ? { location: { lat: Number(r.lat), lon: Number(r.lon) } } : {}),
      available: (JSON.parse(r.slots) as string[]).filter((x) => slotIds.has(x)),
      topics: JSON.parse(r.topics) as string[],
    });
  }
  return {
    instance: {
      day: s.row.day,
      slots: s.slots,
      rules: s.rules,
      // A participant deactivated since they joined is left out: not planned, not sent anything.
      staff: participants
        .filter((p) => p.active === 1)
        .map((p) => ({
          id: p.user_id,
          name: p.name,
          group: schedulerGroup(p.staff_group),
          ...(p.party ? { party: p.party } : {}),
          expertise: JSON.parse(p.expertise) as string[],
          available: (JSON.parse(p.available) as string[]).filter((x) => slotIds.has(x)),
          ...(p.max_visits !== null ? { maxVisits: p.max_visits } : {}),
        })),
      registrations,
    },
    missingPositions,
  };
}

/** One broken rule of one visit, the same whichever day it is checked against. */
export const violationKey = (v: Violation) => `${v.rule}|${v.registration}|${v.slot ?? ''}|${v.staff ?? ''}`;

/**
 * The scheduler's messages name registrations and staff by id; people read names. Replaces
 * "id (Company)" and bare ids with the company's or the person's name.
 */
export function humanizer(
  regs: Array<{ id: string; company_name: string }>,
  participants: Array<{ user_id: string; name: string }>,
  slots: Array<{ id: string; start: string; end: string }> = [],
): (text: string) => string {
  const byId = new Map(slots.map((s) => [s.id, s]));
  const ids = slots
    .map((s) => s.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .sort((a, b) => b.length - a.length)
    .join('|');
  // Slot ids alone ("i s6–s8", "i s2") become times; "s1 (08:30–09:15)" already has them.
  const range = ids ? new RegExp(`\\b(${ids})–(${ids})\\b(?! \\()`, 'g') : null;
  const single = ids ? new RegExp(`\\b(${ids})\\b(?! \\()`, 'g') : null;
  return (text) => {
    let t = text;
    if (range && single) {
      // "i s6–s8" in a Swedish reason reads "kl. 12:30–15:15".
      const time = (a: string, b: string) => `${byId.get(a)!.start}–${byId.get(b)!.end}`;
      t = t.replace(
        new RegExp(`\\bi ${range.source}`, 'g'),
        (_, a: string, b: string) => `kl. ${time(a, b)}`,
      );
      t = t.replace(new RegExp(`\\bi ${single.source}`, 'g'), (_, a: string) => `kl. ${time(a, a)}`);
      t = t.replace(range, (_, a: string, b: string) => time(a, b));
      t = t.replace(single, (_, a: string) => time(a, a));
    }
    // Longest ids first, so that no id is replaced inside a longer one ("r1" in "r15").
    for (const r of byLength(regs, (x) => x.id)) {
      if (!t.includes(r.id)) continue;
      t = t.replaceAll(`${r.id} (${r.company_name})`, r.company_name).replaceAll(r.id, r.company_name);
    }
    for (const p of byLength(participants, (x) => x.user_id))
      if (t.includes(p.user_id)) t = t.replaceAll(p.user_id, p.name);
    return t;
  };
}

function byLength<T>(xs: T[], id: (x: T) => string): T[] {
  return [...xs].sort((a, b) => id(b).length - id(a).length);
}
