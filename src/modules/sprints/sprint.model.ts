import { DateTime } from 'luxon';
import type { Slot, SprintRules, PlanVisit, Sprint } from '../../contracts/sprints';
import type { SprintTable } from './sprint.table';

/** The sprint's wall clock: slots are local times of the day in this zone. */
export const ZONE = 'Europe/Stockholm';

export interface StoredUnscheduled {
  registration: string;
  reason: string;
  reasonSv: string;
}

/** The plan kept on the sprint row: the visits (pins included) and the scheduler's last word. */
export interface StoredPlan {
  visits: PlanVisit[];
  unscheduled: StoredUnscheduled[];
  bound: number | null;
  /** The scheduler's upper bound on topic coverage (absent in plans made before it was kept). */
  coverageBound?: number | null;
  solvedAt: string | null;
  /** Registrations already told they were left out (so they are told once). */
  notifiedUnscheduled?: string[];
  /**
   * Participants already sent their whole day ("Din dag"), so that someone who first gets a visit
   * in a later publication is sent theirs then. Absent in plans published before it was kept:
   * everyone on the roster then counts as sent.
   */
  daySummaryTo?: string[];
}

export const emptyPlan = (): StoredPlan => ({ visits: [], unscheduled: [], bound: null, solvedAt: null });

export interface SprintData {
  row: SprintTable;
  slots: Slot[];
  rules: SprintRules;
  topics: string[];
  plan: StoredPlan;
}

export function parseSprint(row: SprintTable): SprintData {
  return {
    row,
    slots: JSON.parse(row.slots) as Slot[],
    rules: JSON.parse(row.rules) as SprintRules,
    topics: JSON.parse(row.topics) as string[],
    plan: row.plan ? (JSON.parse(row.plan) as StoredPlan) : emptyPlan(),
  };
}

export function toSprint(row: SprintTable, counts: { registrations: number; participants: number }): Sprint {
  const d = parseSprint(row);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    day: row.day,
    slots: d.slots,
    rules: d.rules,
    topics: d.topics,
    publicText: row.public_text,
    meetingLinkTemplate: row.meeting_link_template,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    status: row.status as Sprint['status'],
    publishedAt: row.published_at,
    version: row.version,
    ...counts,
  };
}

/** The instant (ISO UTC) of a local time of the sprint's day in Europe/Stockholm. */
export function slotInstant(day: string, hhmm: string): string {
  const dt = DateTime.fromISO(`${day}T${hhmm}`, { zone: ZONE });
  return dt.toUTC().toISO({ suppressMilliseconds: true })!;
}

export function slotZoned(day: string, hhmm: string): DateTime {
  return DateTime.fromISO(`${day}T${hhmm}`, { zone: ZONE });
}

export type RegistrationState = 'before' | 'open' | 'closed';

export function registrationState(row: SprintTable, now: Date): RegistrationState {
  const t = now.getTime();
  if (t < Date.parse(row.registration_opens_at)) return 'before';
  if (t >= Date.parse(row.registration_closes_at) || row.status === 'published') return 'closed';
  return 'open';
}

/** "18 maj 2026 kl. 12:00" in Swedish time. */
export function formatInstantSv(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setZone(ZONE)
    .setLocale('sv')
    .toFormat("d MMMM yyyy 'kl.' HH:mm");
}

export function formatDaySv(day: string): string {
  return DateTime.fromISO(day, { zone: ZONE }).setLocale('sv').toFormat('cccc d MMMM yyyy');
}

/** Great-circle distance in kilometres (the same formula the scheduler's travel rule uses). */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6371;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}
