import type { z } from 'zod';
import { DateTime } from 'luxon';
import type { Executor, Transaction } from '../../db/database';
import { programmeVisitHeld, type VisitHeldContext } from './visit.events';
import { AppError, conflict, forbidden, notFound, validation } from '../../server/errors';
import { newId } from '../../lib/ids';
import type {
  CreateVisitBody,
  UpdateVisitBody,
  VisitDto,
  VisitListQuery,
  VisitPage,
} from '../../contracts/visits';
import {
  countVisitRows,
  findCompany,
  followupCountsOf,
  listVisitRows,
  participantsOf,
  type VisitFilter,
  type VisitListRow,
  findVisitIdByRequestKey,
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
  /** The key of the form's send (with createdBy): a second send with it gets the first's visit. */
  requestKey?: string | null;
  /** Refuse when a participant already has another visit at that time (default true). */
  checkCalendars?: boolean;
}

export function toVisit(r: VisitRow): Visit {
  return {
    id: r.id,
    companyId: r.company_id,
    programme:
      r.programme_type && r.programme_id
        ? { type: r.programme_type as ProgrammeType, id: r.programme_id }
        : null,
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
      message: `${names.get(c.user_id) ?? c.user_id} är upptagen ${DateTime.fromISO(c.starts_at, {
        zone: 'utc',
      })
        .setZone('Europe/Stockholm')
        .setLocale('sv')
        .toFormat("d MMMM yyyy 'kl.' HH:mm")}`,
    })),
  );
}

export async function createVisit(db: Executor, input: NewVisit, now: Date): Promise<Visit> {
  checkTimes(input.startsAt, input.endsAt);
  const participantIds = [...new Set(input.participantIds)];
  if (input.checkCalendars !== false)
    await assertParticipantsFree(db, participantIds, input.startsAt, input.endsAt);
  const id = newId();
  const added = await insertVisit(
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
      request_key: input.requestKey ?? null,
      version: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    },
    participantIds,
  );
  if (!added) {
    // The same form's other send made it a moment before (it waited for that one to commit).
    return getVisit(db, (await findVisitIdByRequestKey(db, input.createdBy!, input.requestKey!))!);
  }
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
    throw new AppError(
      'STALE',
      'Någon annan har ändrat besöket under tiden. Ladda om sidan och gör ändringen igen.',
    );
  }
  if (change.participantIds) await replaceParticipants(db, id, participantIds);
  return getVisit(db, id);
}

// ---------------------------------------------------------------- the visits API (issue 6)

export interface Actor {
  id: string;
  role: 'viewer' | 'staff' | 'admin';
  municipalityId: string;
}

/** A participant of the visit, or an admin (the business unit), may write its report and follow-ups. */
export function canWriteVisit(actor: Actor, visit: Pick<Visit, 'participantIds'>): boolean {
  return actor.role === 'admin' || visit.participantIds.includes(actor.id);
}

/**
 * A visit counts as held only once its start time has come. Before that it cannot be marked held
 * (its report submitted, its programme told: a sprint day's report counting it, a relay's baton
 * moving on); a draft of the report may be written at any time. The one rule for every such path.
 */
export function assertVisitHasBegun(visit: Pick<Visit, 'startsAt'>, now: Date): void {
  if (Date.parse(visit.startsAt) <= now.getTime()) return;
  const from = DateTime.fromISO(visit.startsAt, { zone: 'utc' })
    .setZone('Europe/Stockholm')
    .setLocale('sv')
    .toFormat("cccc d MMMM yyyy 'kl.' HH:mm");
  throw conflict(
    `Besöket har inte ägt rum än. Det kan markeras som gjort, och rapporten skickas in, från ${from}.`,
  );
}

export function assertCanWriteVisit(actor: Actor, visit: Pick<Visit, 'participantIds'>): void {
  if (!canWriteVisit(actor, visit)) {
    throw forbidden('Bara de som deltog i besöket (eller en administratör) kan ändra det.');
  }
}

/** A visit of this municipality, or NOT_FOUND (another municipality's visit is not shown to exist). */
export async function getVisitFor(db: Executor, actor: Actor, id: string): Promise<Visit> {
  const row = await findVisitRow(db, id);
  if (!row || row.municipality_id !== actor.municipalityId) throw notFound('Besöket');
  return toVisit(row);
}

async function toDtos(db: Executor, rows: VisitListRow[]): Promise<VisitDto[]> {
  const ids = rows.map((r) => r.id);
  const [parts, counts] = await Promise.all([participantsOf(db, ids), followupCountsOf(db, ids)]);
  return rows.map((r) => {
    const v = toVisit(r);
    return {
      id: v.id,
      company: { id: r.company_id, name: r.company_name, orgNr: r.company_org_nr },
      programme: v.programme,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      mode: v.mode,
      location: v.location,
      meetingLink: v.meetingLink,
      status: v.status,
      notes: v.notes,
      participants: parts.get(r.id) ?? [],
      version: v.version,
      reportStatus: (r.report_status as 'draft' | 'submitted' | null) ?? 'none',
      followups: counts.get(r.id) ?? { total: 0, open: 0 },
    };
  });
}

/** Start of a Swedish calendar day as a UTC instant. */
export function stockholmDayStart(date: string): string {
  return DateTime.fromISO(date, { zone: 'Europe/Stockholm' }).startOf('day').toUTC().toISO()!;
}

/**
 * One page of visits and how many match in all. All visits come newest first; one's own ("Mina
 * besök", what a participant opens on the day) upcoming first, soonest first, then the past ones
 * newest first, so the next visit is on top rather than under the later ones of the day.
 */
export async function listVisits(
  db: Executor,
  actor: Actor,
  query: z.output<typeof VisitListQuery>,
  now: Date,
): Promise<VisitPage> {
  const filter: VisitFilter = {
    municipalityId: actor.municipalityId,
    ...(query.scope === 'mine' ? { participantId: actor.id } : {}),
    ...(query.companyId ? { companyId: query.companyId } : {}),
    ...(query.programmeType ? { programmeType: query.programmeType } : {}),
    ...(query.programmeId ? { programmeId: query.programmeId } : {}),
    ...(query.unplanned === '1' ? { unplanned: true } : {}),
    ...(query.from ? { fromIso: stockholmDayStart(query.from) } : {}),
    ...(query.to
      ? { toIso: stockholmDayStart(DateTime.fromISO(query.to).plus({ days: 1 }).toISODate()!) }
      : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const { page, pageSize } = query;
  const [rows, total] = await Promise.all([
    listVisitRows(
      db,
      filter,
      { offset: (page - 1) * pageSize, limit: pageSize },
      query.scope === 'mine' ? now.toISOString() : undefined,
    ),
    countVisitRows(db, filter),
  ]);
  return { items: await toDtos(db, rows), total, page, pageSize };
}

export async function getVisitDto(db: Executor, actor: Actor, id: string): Promise<VisitDto> {
  const rows = await listVisitRows(db, { municipalityId: actor.municipalityId, ids: [id] });
  const [dto] = await toDtos(db, rows);
  if (!dto) throw notFound('Besöket');
  return dto;
}

/**
 * Refuses people who cannot join a visit: not this municipality's staff, no longer active, or
 * readers of reports only — each named. Someone already on a visit who has left since stays on it
 * (the record of who came); only those being added are checked.
 */
async function assertStaffCanJoin(db: Executor, municipalityId: string, ids: string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return;
  const found = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'active', 'role'])
    .where('id', 'in', wanted)
    .where('municipality_id', '=', municipalityId)
    .execute();
  const byId = new Map(found.map((u) => [u.id, u]));
  const problems = wanted.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [{ path: 'participantIds', message: `okänd medarbetare (${id.slice(0, 64)})` }];
    if (u.active !== 1) return [{ path: 'participantIds', message: `${u.name} är inte längre aktiv` }];
    if (u.role === 'viewer')
      return [
        { path: 'participantIds', message: `${u.name} läser bara rapporter och kan inte vara med på besök` },
      ];
    return [];
  });
  if (problems.length) throw validation(problems);
}

/** A visit outside any programme: a call-in, a fair, a visit booked elsewhere. */
export async function createUnplannedVisit(
  db: Executor,
  actor: Actor,
  input: z.output<typeof CreateVisitBody>,
  now: Date,
): Promise<VisitDto> {
  // The same form sent again (a double tap, a retry): the visit its first send made, not a second
  // one (nor a refusal naming the person as busy with it).
  if (input.requestKey) {
    const made = await findVisitIdByRequestKey(db, actor.id, input.requestKey);
    if (made) return getVisitDto(db, actor, made);
  }
  const company = await findCompany(db, input.companyId);
  if (!company) throw validation([{ path: 'companyId', message: 'företaget finns inte' }]);
  await assertStaffCanJoin(db, actor.municipalityId, input.participantIds);
  // A visit already held (recorded afterwards) is done; its time clashing with a calendar is history.
  const past = Date.parse(input.endsAt) <= now.getTime();
  const visit = await createVisit(
    db,
    {
      municipalityId: actor.municipalityId,
      companyId: input.companyId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      mode: input.mode,
      location: input.location,
      meetingLink: input.meetingLink,
      participantIds: input.participantIds,
      notes: input.notes,
      programme: null,
      status: input.status ?? (past ? 'done' : 'planned'),
      createdBy: actor.id,
      requestKey: input.requestKey ?? null,
      checkCalendars: !past,
    },
    now,
  ).catch(async (err: unknown) => {
    // The other send committed after the look-up above, so its visit now makes this team "busy":
    // it is the visit this send asked for, not a clash.
    const made = input.requestKey && (await findVisitIdByRequestKey(db, actor.id, input.requestKey));
    if (made) return { id: made };
    throw err;
  });
  return getVisitDto(db, actor, visit.id);
}

/** Changes made here never touch what a programme planned (its time, team, cancellation). */
function assertNotProgrammeManaged(visit: Visit, change: z.output<typeof UpdateVisitBody> | 'cancel'): void {
  if (!visit.programme) return;
  const planned =
    change === 'cancel' ||
    change.startsAt !== undefined ||
    change.endsAt !== undefined ||
    change.participantIds !== undefined ||
    change.mode !== undefined;
  if (planned) {
    const where = visit.programme.type === 'sprint' ? 'besökssprinten' : 'stafetten';
    throw conflict(`Besöket planeras i ${where}; ändra tid, lag och form där.`);
  }
}

export async function updateVisitFor(
  db: Transaction,
  actor: Actor,
  id: string,
  body: z.output<typeof UpdateVisitBody>,
  now: Date,
  /** Lets the visit's programme react when it is marked as held (see visit.events.ts). */
  held?: Pick<VisitHeldContext, 'mailer' | 'publicUrl'>,
): Promise<VisitDto> {
  const visit = await getVisitFor(db, actor, id);
  assertCanWriteVisit(actor, visit);
  if (visit.status === 'cancelled') throw conflict('Besöket är inställt.');
  assertNotProgrammeManaged(visit, body);
  if (body.participantIds) {
    const added = body.participantIds.filter((p) => !visit.participantIds.includes(p));
    await assertStaffCanJoin(db, actor.municipalityId, added);
  }
  if (body.status === 'planned' && visit.status === 'done') await assertCanBeUnheld(db, visit);
  const { version, ...change } = body;
  if (change.status === 'done' && visit.status !== 'done')
    assertVisitHasBegun({ startsAt: change.startsAt ?? visit.startsAt }, now);
  const past = Date.parse(change.endsAt ?? visit.endsAt) <= now.getTime();
  const updated = await updateVisit(db, id, version, { ...change, checkCalendars: !past }, now);
  if (held && visit.status !== 'done' && updated.status === 'done') {
    await programmeVisitHeld(
      { ...held, trx: db, now, userId: actor.id, municipalityId: actor.municipalityId },
      updated,
    );
  }
  return getVisitDto(db, actor, id);
}

/**
 * A visit marked held by mistake may be set back to planned, unless something already counts it
 * as held: its programme (a sprint day's report, a relay's baton passed on) or its submitted report.
 */
async function assertCanBeUnheld(db: Executor, visit: Visit): Promise<void> {
  if (visit.programme) {
    const where = visit.programme.type === 'sprint' ? 'besökssprinten' : 'stafetten';
    throw conflict(
      `Besöket är genomfört och räknas så i ${where}; det kan inte ändras tillbaka till planerat.`,
    );
  }
  const report = await db
    .selectFrom('visit_report')
    .select('id')
    .where('visit_id', '=', visit.id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  if (report) {
    throw conflict(
      'Besöket är genomfört och rapporten är inskickad; det kan inte ändras tillbaka till planerat.',
    );
  }
}

export async function cancelVisit(
  db: Executor,
  actor: Actor,
  id: string,
  version: number,
  now: Date,
): Promise<VisitDto> {
  const visit = await getVisitFor(db, actor, id);
  assertCanWriteVisit(actor, visit);
  // Already cancelled (also by its programme, as when a relay baton ends): nothing to refuse.
  if (visit.status === 'cancelled') return getVisitDto(db, actor, id);
  assertNotProgrammeManaged(visit, 'cancel');
  await updateVisit(db, id, version, { status: 'cancelled', checkCalendars: false }, now);
  return getVisitDto(db, actor, id);
}
