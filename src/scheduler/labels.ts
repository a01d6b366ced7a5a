// Words for messages in English and Swedish (the app's UI is Swedish first).
import type { Group, Instance } from './types';

const GROUP_EN: Record<Group, [string, string]> = {
  politician: ['politician', 'politicians'],
  leadership: ['leadership official', 'leadership officials'],
  business: ['business-unit official', 'business-unit officials'],
  department: ['department head', 'department heads'],
};
const GROUP_SV: Record<Group, [string, string]> = {
  politician: ['politiker', 'politiker'],
  leadership: ['person från ledningen', 'personer från ledningen'],
  business: ['person från näringslivsenheten', 'personer från näringslivsenheten'],
  department: ['förvaltningschef', 'förvaltningschefer'],
};

/** "politician", "business-unit official or leadership official" (singular) or plural. */
export function groupsEn(groups: readonly Group[], plural = false): string {
  return groups.map((g) => GROUP_EN[g][plural ? 1 : 0]).join(' or ');
}
export function groupsSv(groups: readonly Group[], plural = false): string {
  // "person från näringslivsenheten eller ledningen", not "… eller person från ledningen".
  const parts = groups.map((g) => GROUP_SV[g][plural ? 1 : 0]);
  return parts
    .map((p, i) => {
      const from = /^(personer?) från /.exec(p);
      return i > 0 && from && parts[i - 1]!.startsWith(from[0]) ? p.slice(from[0].length) : p;
    })
    .join(' eller ');
}
/** With an article: "a politician", "an official of …". */
export function aGroupEn(groups: readonly Group[]): string {
  const s = groupsEn(groups);
  return /^[aeiou]/.test(s) ? `an ${s}` : `a ${s}`;
}
const SV_COLLECTIVE: Record<Group, string> = {
  politician: 'av politikerna',
  leadership: 'från ledningen',
  business: 'från näringslivsenheten',
  department: 'av förvaltningscheferna',
};
/** "någon av politikerna", "någon från näringslivsenheten eller ledningen". */
export function aGroupSv(groups: readonly Group[]): string {
  const parts = groups.map((g) => SV_COLLECTIVE[g]);
  const merged = parts.map((p, i) =>
    i > 0 && p.startsWith('från') && parts[i - 1]!.startsWith('från') ? p.slice(5) : p,
  );
  return `någon ${merged.join(' eller ')}`;
}

export function slotLabel(inst: Instance, id: string): string {
  const s = inst.slots.find((x) => x.id === id);
  return s ? `${id} (${s.start}–${s.end})` : id;
}

/**
 * "s5–s7" for a run of consecutive slots in the day's order (by start time, whatever order the
 * instance lists them in), "s2, s5–s7" otherwise.
 */
export function slotRanges(inst: Instance, ids: readonly string[]): string {
  const byTime = inst.slots
    .map((s, i) => ({ id: s.id, start: s.start, end: s.end, i }))
    .sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : a.i - b.i,
    );
  const order = new Map(byTime.map((s, i) => [s.id, i]));
  const sorted = [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && (order.get(sorted[j + 1]!) ?? 0) === (order.get(sorted[j]!) ?? 0) + 1)
      j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : sorted[i]!);
    i = j + 1;
  }
  return parts.join(', ');
}

export function personLabel(inst: Instance, id: string): string {
  const m = inst.staff.find((x) => x.id === id);
  return m?.name && m.name !== id ? `${id} (${m.name})` : id;
}
