import type { Executor } from '../../db/database';
import { AppError, conflict, notFound, validation } from '../../server/errors';
import { newId } from '../../lib/ids';
import {
  findVisitRow,
  insertVisit,
  overlappingVisits,
  replaceParticipants,
  updateVisitRow,
  type VisitRow,
} from './visit.repository';

export type VisitMode = 'digital' | 'physical';
export type VisitStatus = 'planned' | 'done' | 'cancelled';
export type ProgrammeType = 'sprint' | 'relay';

export interface Visit {
  id: string;
  companyId: string;
  programme: { type: ProgrammeType; id: string } | null;
  startsAt: string;
  endsAt: string;
  mode: VisitMode;
  location: string;
  meetingLink: string;
  status: VisitStatus;
  notes: string;
  participantIds: string[];
  version: number;
}

export interface NewVisit {
  municipalityId: string;
  companyId: string;
  startsAt: string;
  endsAt: string;
  mode: VisitMode;
  location?: string;
  meetingLink?: string;
  participantIds: string[];
  programme?: { type: ProgrammeType; id: string } | null;
  status?: VisitStatus;
  notes?: string;
  createdBy?: string | null;
  /** Refuse when a participant already has another visit at that time (default true). */
  checkCalendars?: boolean;
}

export function toVisit(r: VisitRow): Visit {
  return {
    id: r.id,
    companyId: r.company_id,
    programme: r.programme_type && r.programme_id ? { type: r.programme_type as ProgrammeType, id: r.programme_id } : null,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    mode: r.mode as VisitMode,
    location: r.location,
    meetingLink: r.meeting_link,
    status: r.status as VisitStatus,
    notes: r.notes,
    participantIds: r.participant_ids,
    version: r.version,
  };
}

function checkTimes(startsAt: string, endsAt: string): void {
  const s = Date.parse(startsAt);
  const e = Date.parse(endsAt);
  if (Number.isNaN(s)) throw validation([{ path: 'startsAt', message: 'ogiltig tidpunkt' }]);
  if (Number.isNaN(e)) throw validation([{ path: 'endsAt', message: 'ogiltig tidpunkt' }]);
  if (e <= s) throw validation([{ path: 'endsAt', message: 'slutet måste komma efter början' }]);
}

/** Refuses a visit whose participants are already booked in another visit at the same time. */
export async function assertParticipantsFree(
  db: Executor,
  participantIds: string[],
  startsAt: string,
  endsAt: string,
  excludeVisitId?: string,
): Promise<void> {
  const clashes = await overlappingVisits(db, participantIds, startsAt, endsAt, excludeVisitId);
  if (!clashes.length) return;
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(clashes.map((c) => c.user_id))])
    .execute();
  const names = new Map(users.map((u) => [u.id, u.name]));
  throw conflict(
    'Någon i laget har redan ett besök vid den tiden.',
    clashes.map((c) => ({
      path: 'participantIds',
      message: `${names.get(c.user_id) ?? c.user_id} är upptagen ${c.starts_at.slice(0, 16).replace('T', ' ')} (UTC)`,
    })),
  );
}

export async function createVisit(db: Executor, input: NewVisit, now: Date): Promise<Visit> {
  checkTimes(input.startsAt, input.endsAt);
  const participantIds = [...new Set(input.participantIds)];
  if (input.checkCalendars !== false) await assertParticipantsFree(db, participantIds, input.startsAt, input.endsAt);
  const id = newId();
  await insertVisit(
    db,
    {
      id,
      municipality_id: input.municipalityId,
      company_id: input.companyId,
      programme_type: input.programme?.type ?? null,
      programme_id: input.programme?.id ?? null,
      starts_at: new Date(input.startsAt).toISOString(),
      ends_at: new Date(input.endsAt).toISOString(),
      mode: input.mode,
      location: input.location ?? '',
      meeting_link: input.meetingLink ?? '',
      status: input.status ?? 'planned',
      notes: input.notes ?? '',
      created_by: input.createdBy ?? null,
      version: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    },
    participantIds,
  );
  return getVisit(db, id);
}

export async function getVisit(db: Executor, id: string): Promise<Visit> {
  const row = await findVisitRow(db, id);
  if (!row) throw notFound('Besöket');
  return toVisit(row);
}

export interface VisitChange {
  startsAt?: string;
  endsAt?: string;
  mode?: VisitMode;
  location?: string;
  meetingLink?: string;
  status?: VisitStatus;
  notes?: string;
  participantIds?: string[];
  checkCalendars?: boolean;
}

/**
 * Changes a visit that the caller read at `expectedVersion`; a stale edit (someone saved in
 * between) is refused with STALE so the person can reload instead of overwriting silently.
 */
export async function updateVisit(
  db: Executor,
  id: string,
  expectedVersion: number,
  change: VisitChange,
  now: Date,
): Promise<Visit> {
  const current = await getVisit(db, id);
  const startsAt = change.startsAt ?? current.startsAt;
  const endsAt = change.endsAt ?? current.endsAt;
  checkTimes(startsAt, endsAt);
  const participantIds = change.participantIds ? [...new Set(change.participantIds)] : current.participantIds;
  if (change.checkCalendars !== false && (change.startsAt || change.endsAt || change.participantIds)) {
    await assertParticipantsFree(db, participantIds, startsAt, endsAt, id);
  }
  const ok = await updateVisitRow(db, id, expectedVersion, {
    starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(endsAt).toISOString(),
    ...(change.mode ? { mode: change.mode } : {}),
    ...(change.location !== undefined ? { location: change.location } : {}),
    ...(change.meetingLink !== undefined ? { meeting_link: change.meetingLink } : {}),
    ...(change.status ? { status: change.status } : {}),
    ...(change.notes !== undefined ? { notes: change.notes } : {}),
    updated_at: now.toISOString(),
  });
  if (!ok) {
    throw new AppError('STALE', 'Någon annan har ändrat besöket under tiden. Ladda om sidan och gör ändringen igen.');
  }
  if (change.participantIds) await replaceParticipants(db, id, participantIds);
  return getVisit(db, id);
}
