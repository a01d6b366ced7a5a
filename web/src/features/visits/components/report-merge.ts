import { CompanyParticipant, ReportFields, type PersonRef } from '@contracts/visits';
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

export type DraftField = (typeof DRAFT_FIELDS)[number];

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

function copyField<K extends DraftField>(to: ReportDraft, from: ReportDraft, k: K): void {
  to[k] = from[k];
}

/**
 * Three-way merge of a stale save: `mine` was written on top of `base`, the server now has
 * `theirs`. A field only one side changed takes that side; topics merge per topic (one person
 * adds premises, the other skills: both stay). Where both changed the same field differently,
 * mine is kept in the result and the field is named: the caller shows theirs beside it and holds
 * the field back from saving until the writer has chosen (see `rebase`).
 */
export function mergeDrafts(
  base: ReportDraft,
  mine: ReportDraft,
  theirs: ReportDraft,
): { merged: ReportDraft; conflicts: DraftField[] } {
  const conflicts: DraftField[] = [];
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

/**
 * A field two people changed differently: the writer's own value stays in the form, the saved
 * one (`theirs`, by `by`; the writer's own id when it came from another window of theirs) is
 * shown beside it, and the field is not saved until the writer has chosen.
 */
export type Conflicts = { [K in DraftField]?: { theirs: ReportDraft[K]; by: PersonRef | null } };

function setConflict<K extends DraftField>(
  out: Conflicts,
  k: K,
  theirs: ReportDraft,
  by: PersonRef | null,
): void {
  (out as Record<K, { theirs: ReportDraft[K]; by: PersonRef | null }>)[k] = { theirs: theirs[k], by };
}

export function conflictFields(c: Conflicts): DraftField[] {
  return DRAFT_FIELDS.filter((k) => c[k]);
}

/**
 * Takes in a newer server copy (`fresh`, saved by `by`) under what is being written (`draft`, on
 * top of `base`). Fields already in conflict keep the writer's value and show the newest saved
 * one; the rest merge three ways, and a new clash becomes a conflict. `changed` names what the
 * other side changed since `base`, `added` the conflicts that are new.
 */
export function rebase(
  base: ReportDraft,
  draft: ReportDraft,
  open: Conflicts,
  fresh: ReportDraft,
  by: PersonRef | null,
): { draft: ReportDraft; conflicts: Conflicts; changed: DraftField[]; added: DraftField[] } {
  // A field in conflict takes no part in the merge: as far as it goes, the writer has not changed it.
  const mine = { ...draft };
  for (const k of conflictFields(open)) copyField(mine, base, k);
  const { merged, conflicts: clash } = mergeDrafts(base, mine, fresh);
  const conflicts: Conflicts = {};
  for (const k of DRAFT_FIELDS) {
    const held = open[k];
    if (held) {
      copyField(merged, draft, k);
      if (!same(draft[k], fresh[k])) setConflict(conflicts, k, fresh, same(fresh[k], base[k]) ? held.by : by);
    } else if (clash.includes(k)) setConflict(conflicts, k, fresh, by);
  }
  return {
    draft: merged,
    conflicts,
    changed: DRAFT_FIELDS.filter((k) => !same(base[k], fresh[k])),
    added: clash.filter((k) => !open[k]),
  };
}

/**
 * What an autosave sends: the draft, less what is not ready. A field in conflict is sent as the
 * server has it (the writer has not chosen yet); a company person the contract refuses (no name
 * yet, half an e-mail address) is left out, and so is any other field it refuses, until it is
 * right. The form marks what was held back; only the final submit insists on it.
 */
export function outgoing(
  draft: ReportDraft,
  server: ReportDraft,
  open: Conflicts,
): { body: ReportDraft; heldRows: number[]; held: boolean } {
  const body: ReportDraft = { ...draft };
  for (const k of conflictFields(open)) copyField(body, server, k);
  const heldRows = open.companyParticipants
    ? []
    : draft.companyParticipants.flatMap((p, i) => (CompanyParticipant.safeParse(p).success ? [] : [i]));
  if (heldRows.length)
    body.companyParticipants = draft.companyParticipants.filter((_, i) => !heldRows.includes(i));
  const checked = ReportFields.safeParse(body);
  if (!checked.success) {
    const bad = new Set(checked.error.issues.map((i) => String(i.path[0])));
    for (const k of DRAFT_FIELDS) if (bad.has(k)) copyField(body, server, k);
  }
  return { body, heldRows, held: !same(body, draft) };
}

/** Whether a conflict's field can hold both versions at once (texts and lists; not a grade). */
export function combinable(k: DraftField): boolean {
  return k !== 'climateGrade' && k !== 'serviceGrade';
}

const joinTexts = (mine: string, theirs: string) =>
  !mine.trim() ? theirs : !theirs.trim() || mine.includes(theirs) ? mine : `${mine.trimEnd()}\n\n${theirs}`;

/** Both versions of a field in one: texts one after the other, lists with the other's entries added. */
export function combine(k: DraftField, mine: ReportDraft, theirs: ReportDraft): ReportDraft {
  const out = { ...mine };
  if (k === 'notes' || k === 'serviceText') out[k] = joinTexts(mine[k], theirs[k]);
  else if (k === 'companyParticipants') {
    out.companyParticipants = [
      ...mine.companyParticipants,
      ...theirs.companyParticipants.filter((p) => !mine.companyParticipants.some((q) => same(p, q))),
    ];
  } else if (k === 'topics') {
    const notes = new Map(theirs.topics.map((t) => [t.topicId, t.note]));
    out.topics = [
      ...mine.topics.map((t) => ({
        topicId: t.topicId,
        note: joinTexts(t.note, notes.get(t.topicId) ?? ''),
      })),
      ...theirs.topics.filter((t) => !mine.topics.some((m) => m.topicId === t.topicId)),
    ];
  }
  return out;
}

/** What the phone keeps until the server has accepted it (localStorage). */
export interface LocalCopy {
  draft: ReportDraft;
  base: ReportDraft;
  baseVersion: number;
  conflicts?: Conflicts;
  at: string;
}

/**
 * `besok.report.<visitId>` holds each writer's copy under their user id, so on a shared device
 * one person's draft is never picked up, and sent, under another's name; a copy from before
 * drafts had a writer is not used. Every copy is removed at log-out (`clearAllLocal`).
 */
const PREFIX = 'besok.report.';
const key = (visitId: string) => `${PREFIX}${visitId}`;

function readAll(visitId: string): Record<string, LocalCopy> {
  try {
    const raw = localStorage.getItem(key(visitId));
    const all = raw ? (JSON.parse(raw) as unknown) : null;
    return all && typeof all === 'object' && !('draft' in all) ? (all as Record<string, LocalCopy>) : {};
  } catch {
    return {};
  }
}

export function readLocal(visitId: string, userId: string): LocalCopy | null {
  return readAll(visitId)[userId] ?? null;
}

export function writeLocal(visitId: string, userId: string, copy: LocalCopy): boolean {
  try {
    localStorage.setItem(key(visitId), JSON.stringify({ ...readAll(visitId), [userId]: copy }));
    return true;
  } catch {
    return false;
  }
}

export function clearLocal(visitId: string, userId: string): void {
  try {
    const rest = readAll(visitId);
    delete rest[userId];
    if (Object.keys(rest).length) localStorage.setItem(key(visitId), JSON.stringify(rest));
    else localStorage.removeItem(key(visitId));
  } catch {
    // Nothing kept.
  }
}

function reportKeys(): string[] {
  try {
    return Object.keys(localStorage).filter((k) => k.startsWith(PREFIX));
  } catch {
    return [];
  }
}

/** Whether this device keeps report text of this person's that the server does not have yet. */
export function hasLocal(userId: string): boolean {
  return reportKeys().some((k) => readLocal(k.slice(PREFIX.length), userId) !== null);
}

/** Removes every report draft on this device, whoever wrote it (at log-out). */
export function clearAllLocal(): void {
  for (const k of reportKeys()) {
    try {
      localStorage.removeItem(k);
    } catch {
      // Nothing kept.
    }
  }
}

export function sameDraft(a: ReportDraft, b: ReportDraft): boolean {
  return same(a, b);
}
