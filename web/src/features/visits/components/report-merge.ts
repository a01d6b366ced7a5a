import type { Report, SaveReportInput } from '../api/report';

/** The fields of a report the form edits (what is saved as a draft). */
export interface ReportDraft {
  companyParticipants: Array<{ name: string; role: string; email: string }>;
  topics: Array<{ topicId: string; note: string }>;
  climateGrade: number | null;
  serviceGrade: number | null;
  serviceText: string;
  notes: string;
}

export const DRAFT_FIELDS = [
  'companyParticipants',
  'topics',
  'climateGrade',
  'serviceGrade',
  'serviceText',
  'notes',
] as const;

export function draftOf(r: Report): ReportDraft {
  return {
    companyParticipants: r.companyParticipants.map((p) => ({ name: p.name, role: p.role, email: p.email })),
    topics: r.topics.map((t) => ({ topicId: t.topicId, note: t.note })),
    climateGrade: r.climateGrade,
    serviceGrade: r.serviceGrade,
    serviceText: r.serviceText,
    notes: r.notes,
  };
}

export function toBody(d: ReportDraft, version: number): SaveReportInput {
  return { ...d, version };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Three-way merge of a stale save: `mine` was written on top of `base`, the server now has
 * `theirs`. A field only one side changed takes that side; topics merge per topic (one person
 * adds premises, the other skills: both stay). Where both changed the same field differently,
 * mine is kept and the field is named so the writer can check it.
 */
export function mergeDrafts(
  base: ReportDraft,
  mine: ReportDraft,
  theirs: ReportDraft,
): { merged: ReportDraft; conflicts: string[] } {
  const conflicts: string[] = [];
  const pick = <K extends keyof ReportDraft>(k: K): ReportDraft[K] => {
    if (same(mine[k], base[k])) return theirs[k];
    if (same(theirs[k], base[k]) || same(mine[k], theirs[k])) return mine[k];
    conflicts.push(k);
    return mine[k];
  };
  const topics = mergeTopics(base.topics, mine.topics, theirs.topics, () => conflicts.push('topics'));
  const merged: ReportDraft = {
    companyParticipants: pick('companyParticipants'),
    topics,
    climateGrade: pick('climateGrade'),
    serviceGrade: pick('serviceGrade'),
    serviceText: pick('serviceText'),
    notes: pick('notes'),
  };
  return { merged, conflicts: [...new Set(conflicts)] };
}

function mergeTopics(
  base: ReportDraft['topics'],
  mine: ReportDraft['topics'],
  theirs: ReportDraft['topics'],
  onConflict: () => void,
): ReportDraft['topics'] {
  const b = new Map(base.map((t) => [t.topicId, t.note]));
  const m = new Map(mine.map((t) => [t.topicId, t.note]));
  const th = new Map(theirs.map((t) => [t.topicId, t.note]));
  const order = [...new Set([...mine, ...theirs].map((t) => t.topicId))];
  const out: ReportDraft['topics'] = [];
  for (const id of order) {
    const inB = b.has(id);
    const inM = m.has(id);
    const inT = th.has(id);
    let keep: string | undefined;
    if (inM && inT) {
      const nb = b.get(id);
      const nm = m.get(id)!;
      const nt = th.get(id)!;
      if (nm === nt || nt === nb) keep = nm;
      else if (nm === nb) keep = nt;
      else {
        onConflict();
        keep = nm;
      }
    } else if (inM) {
      // They removed it (it was in base) — unless I changed its note since, their removal stands.
      if (!inB) keep = m.get(id);
      else if (m.get(id) !== b.get(id)) {
        onConflict();
        keep = m.get(id);
      }
    } else if (inT) {
      if (!inB) keep = th.get(id);
      else if (th.get(id) !== b.get(id)) {
        onConflict();
        keep = th.get(id);
      }
    }
    if (keep !== undefined) out.push({ topicId: id, note: keep });
  }
  return out;
}

/** What the phone keeps until the server has accepted it (localStorage). */
export interface LocalCopy {
  draft: ReportDraft;
  base: ReportDraft;
  baseVersion: number;
  at: string;
}

const key = (visitId: string) => `besok.report.${visitId}`;

export function readLocal(visitId: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(key(visitId));
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

export function writeLocal(visitId: string, copy: LocalCopy): boolean {
  try {
    localStorage.setItem(key(visitId), JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

export function clearLocal(visitId: string): void {
  try {
    localStorage.removeItem(key(visitId));
  } catch {
    // Nothing kept.
  }
}

export function sameDraft(a: ReportDraft, b: ReportDraft): boolean {
  return same(a, b);
}
