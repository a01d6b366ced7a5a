import type { z } from 'zod';
import type { Executor, Transaction } from '../../db/database';
import { AppError, conflict, validation } from '../../server/errors';
import { newId } from '../../lib/ids';
import type { ReportDto, SaveReportBody } from '../../contracts/visits';
import { listTopics } from '../municipality/municipality.repository';
import {
  findReportByVisit,
  insertReport,
  replaceReportTopics,
  updateReportRow,
  type ReportRowWithTopics,
} from './report.repository';
import {
  assertCanWriteVisit,
  assertVisitHasBegun,
  canWriteVisit,
  getVisitFor,
  updateVisit,
  type Actor,
  type Visit,
} from './visit.service';
import { programmeVisitHeld, type VisitHeldContext } from './visit.events';

type SaveInput = z.output<typeof SaveReportBody>;

/**
 * A save made from an older version than the server's. It carries the server's copy so the form
 * can tell the writer what someone else saved and merge, instead of overwriting it silently.
 */
export class StaleReportError extends AppError {
  constructor(readonly current: ReportDto) {
    super('STALE', 'Någon annan har sparat rapporten under tiden. Se deras ändringar innan du sparar igen.');
  }
}

function toDto(visit: Visit, actor: Actor, row: ReportRowWithTopics | undefined): ReportDto {
  const canEdit = canWriteVisit(actor, visit);
  if (!row) {
    return {
      id: null,
      visitId: visit.id,
      status: 'draft',
      version: 0,
      companyParticipants: [],
      topics: [],
      climateGrade: null,
      serviceGrade: null,
      serviceText: '',
      notes: '',
      updatedAt: null,
      updatedBy: null,
      submittedAt: null,
      canEdit,
    };
  }
  return {
    id: row.id,
    visitId: visit.id,
    status: row.status as 'draft' | 'submitted',
    version: row.version,
    companyParticipants: JSON.parse(row.company_participants) as ReportDto['companyParticipants'],
    topics: row.topics.map((t) => ({ topicId: t.topic_id, label: t.label_sv, note: t.note })),
    climateGrade: row.climate_grade,
    serviceGrade: row.service_grade,
    serviceText: row.service_text,
    notes: row.notes,
    updatedAt: row.updated_at,
    updatedBy:
      row.updated_by && row.updated_by_name ? { id: row.updated_by, name: row.updated_by_name } : null,
    submittedAt: row.submitted_at,
    canEdit,
  };
}

export async function getReport(db: Executor, actor: Actor, visitId: string): Promise<ReportDto> {
  const visit = await getVisitFor(db, actor, visitId);
  return toDto(visit, actor, await findReportByVisit(db, visitId));
}

async function checkTopics(
  db: Executor,
  municipalityId: string,
  topics: SaveInput['topics'],
  kept: Set<string>,
) {
  if (!topics.length) return;
  const all = await listTopics(db, municipalityId, true);
  const active = new Set(all.filter((t) => t.active).map((t) => t.id));
  // A topic the admin has since retired may stay on a report that already had it.
  const bad = topics.findIndex((t) => !active.has(t.topicId) && !kept.has(t.topicId));
  if (bad >= 0)
    throw validation([{ path: `topics.${bad}.topicId`, message: 'ämnet finns inte i kommunens lista' }]);
}

/**
 * Saves the report as it is being written (autosave). The first save creates it (version 0 →
 * 1); every later save must name the version it was based on, or it is refused as stale with the
 * server's copy. Saving a submitted report keeps it submitted (a correction).
 */
export async function saveReport(
  db: Executor,
  actor: Actor,
  visitId: string,
  input: SaveInput,
  now: Date,
): Promise<ReportDto> {
  const visit = await getVisitFor(db, actor, visitId);
  assertCanWriteVisit(actor, visit);
  assertNotCancelled(visit);
  const existing = await findReportByVisit(db, visitId);
  await checkTopics(db, actor.municipalityId, input.topics, new Set(existing?.topics.map((t) => t.topic_id)));
  const fields = {
    company_participants: JSON.stringify(input.companyParticipants),
    climate_grade: input.climateGrade,
    service_grade: input.serviceGrade,
    service_text: input.serviceText,
    notes: input.notes,
    updated_by: actor.id,
    updated_at: now.toISOString(),
  };
  if (!existing) {
    if (input.version !== 0) throw new StaleReportError(toDto(visit, actor, undefined));
    const id = newId();
    const inserted = await insertReport(db, {
      id,
      visit_id: visitId,
      municipality_id: actor.municipalityId,
      ...fields,
      status: 'draft',
      version: 1,
      created_by: actor.id,
      submitted_by: null,
      submitted_at: null,
      created_at: now.toISOString(),
    });
    // Two first saves at once: the unique visit_id lets one win; the other is stale.
    if (!inserted) throw new StaleReportError(toDto(visit, actor, await findReportByVisit(db, visitId)));
    await replaceReportTopics(db, id, input.topics);
  } else {
    const ok = await updateReportRow(db, existing.id, input.version, fields);
    if (!ok) throw new StaleReportError(toDto(visit, actor, existing));
    await replaceReportTopics(db, existing.id, input.topics);
  }
  return toDto(visit, actor, await findReportByVisit(db, visitId));
}

/** A cancelled visit has no report to write or submit (a draft written before stays as it was). */
function assertNotCancelled(visit: Pick<Visit, 'status'>): void {
  if (visit.status === 'cancelled')
    throw conflict('Besöket är inställt; det går inte att skriva en rapport.');
}

/**
 * Marks the report submitted, and the visit done if it was still planned: then the visit's
 * programme hears of it as when the visit is marked held on its page (the relay moves its baton
 * on and asks the company to name the next one). Submitting says the visit was held, so it waits
 * for the visit's start time (`assertVisitHasBegun`); the draft can be written before.
 */
export async function submitReport(
  db: Transaction,
  actor: Actor,
  visitId: string,
  version: number,
  now: Date,
  held: Pick<VisitHeldContext, 'mailer' | 'publicUrl'>,
): Promise<ReportDto> {
  const visit = await getVisitFor(db, actor, visitId);
  assertCanWriteVisit(actor, visit);
  assertNotCancelled(visit);
  assertVisitHasBegun(visit, now);
  const existing = await findReportByVisit(db, visitId);
  if (!existing) throw validation([{ path: 'report', message: 'rapporten är tom; skriv den först' }]);
  if (existing.status !== 'submitted') {
    const ok = await updateReportRow(db, existing.id, version, {
      status: 'submitted',
      submitted_by: actor.id,
      submitted_at: now.toISOString(),
      updated_by: actor.id,
      updated_at: now.toISOString(),
    });
    if (!ok) throw new StaleReportError(toDto(visit, actor, existing));
  }
  if (visit.status === 'planned') {
    const done = await updateVisit(
      db,
      visitId,
      visit.version,
      { status: 'done', checkCalendars: false },
      now,
    );
    await programmeVisitHeld(
      { ...held, trx: db, now, userId: actor.id, municipalityId: actor.municipalityId },
      done,
    );
  }
  return toDto(visit, actor, await findReportByVisit(db, visitId));
}
