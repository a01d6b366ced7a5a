import type { z } from 'zod';
import type { DB, Executor } from '../../db/database';
import { AppError, forbidden, notFound, validation } from '../../server/errors';
import { newId } from '../../lib/ids';
import { swedishToday } from '../../lib/clock';
import type { OutgoingMail } from '../mail/mailer';
import type {
  CreateFollowupBody,
  FollowupDto,
  FollowupListQuery,
  FollowupLogData,
  FollowupStatus,
  UpdateFollowupBody,
} from '../../contracts/visits';
import { listTopics } from '../municipality/municipality.repository';
import { findCompany } from '../visits/visit.repository';
import { assertCanWriteVisit, getVisitFor, type Actor } from '../visits/visit.service';
import {
  findFollowup,
  findFollowupIdByRequestKey,
  insertFollowup,
  insertLog,
  listFollowupRows,
  listLog,
  markOverdueNotified,
  overdueUnnotified,
  updateFollowupRow,
  type FollowupFilter,
  type FollowupListRow,
} from './followup.repository';
import type { FollowupTable } from './followup.table';

/** What a service needs to tell people: the outbox (in the caller's transaction) and the app's address. */
export interface Notify {
  mailer: { enqueue(db: Executor, mail: OutgoingMail): Promise<string> };
  publicUrl: string;
}

export const STATUS_SV: Record<FollowupStatus, string> = {
  open: 'Öppen',
  in_progress: 'Pågår',
  done: 'Klar',
  not_possible: 'Inte möjlig',
};

const OPEN = ['open', 'in_progress'];
const isOpen = (s: string) => OPEN.includes(s);

/**
 * A due date set now must not have passed already (a mistyped year would make the follow-up
 * overdue, and its owner reminded, from the moment it is saved). A date kept as it was is left be.
 */
function assertDueNotPassed(dueDate: string, now: Date): void {
  const today = swedishToday(now);
  if (dueDate < today)
    throw validation([
      { path: 'dueDate', message: `datumet har redan varit; välj i dag (${today}) eller senare` },
    ]);
}

/** Who may own a follow-up (and be reminded of it): an active member of staff or admin. */
const canOwn = (u: { active: number | null; role: string | null }) => u.active === 1 && u.role !== 'viewer';

function toDto(r: FollowupListRow, now: Date): FollowupDto {
  const today = swedishToday(now);
  const owner = r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name ?? '' } : null;
  return {
    id: r.id,
    visitId: r.visit_id,
    visitStartsAt: r.visit_starts_at,
    company: { id: r.company_id, name: r.company_name },
    need: r.need,
    topic: r.topic_id && r.topic_label ? { id: r.topic_id, label: r.topic_label } : null,
    owner: {
      user: owner,
      department: r.owner_department,
      label: owner?.name ?? r.owner_department ?? '',
      inactive: owner !== null && !canOwn({ active: r.owner_active, role: r.owner_role }),
    },
    dueDate: r.due_date,
    status: r.status as FollowupStatus,
    reason: r.reason,
    version: r.version,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    overdue: isOpen(r.status) && r.due_date < today,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(r.created_at)) / 86_400_000)),
  };
}

/**
 * The person a follow-up is given to: an active member of staff or admin. A viewer reads reports
 * only and could neither open the follow-up nor act on its reminders.
 */
async function ownerUser(db: Executor, municipalityId: string, userId: string) {
  const u = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'email', 'active', 'role'])
    .where('id', '=', userId)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!u || u.active !== 1) {
    throw validation([{ path: 'ownerUserId', message: 'okänd eller inaktiv medarbetare' }]);
  }
  if (u.role === 'viewer') {
    throw validation([
      {
        path: 'ownerUserId',
        message: `${u.name} har bara läsbehörighet och kan inte vara ansvarig; välj en medarbetare eller administratör`,
      },
    ]);
  }
  return u;
}

/** The log entry's Swedish text, as stored (the page shows `data` in the reader's language). */
function logText(d: FollowupLogData): string {
  switch (d.type) {
    case 'created':
      return `Ansvarig: ${d.owner}. Klart senast ${d.due}.`;
    case 'owner':
      return `Ny ansvarig: ${d.owner}`;
    case 'due':
      return `Nytt datum: ${d.due} (var ${d.was})`;
    case 'status':
      return `Status: ${STATUS_SV[d.status]}${d.status === 'not_possible' ? ` – ${d.reason}` : ''}`;
    case 'notified':
      return `Påminnelse om försening skickas till ${d.to.join(', ')}.`;
  }
}

/** A log entry: a note as written, or what changed (kept as data, and as Swedish text). */
async function log(
  db: Executor,
  followupId: string,
  userId: string | null,
  entry: FollowupLogData | { type: 'note'; text: string },
  now: Date,
) {
  await insertLog(db, {
    id: newId(),
    followup_id: followupId,
    at: now.toISOString(),
    user_id: userId,
    kind: entry.type,
    text: entry.type === 'note' ? entry.text : logText(entry),
    data: entry.type === 'note' ? null : JSON.stringify(entry),
  });
}

async function mailAssigned(db: Executor, notify: Notify, f: FollowupTable, to: string, by: string) {
  const company = await findCompany(db, f.company_id);
  const link = `${notify.publicUrl}/uppfoljningar/${f.id}`;
  await notify.mailer.enqueue(db, {
    to,
    subject: `Ny uppföljning: ${company?.name ?? 'företag'}`,
    text: [
      `Hej!`,
      ``,
      `${by} har gett dig en uppföljning efter ett företagsbesök.`,
      ``,
      `Företag: ${company?.name ?? ''}`,
      `Vad företaget behöver: ${f.need}`,
      `Klart senast: ${f.due_date}`,
      ``,
      `Se och uppdatera uppföljningen: ${link}`,
      ``,
      `/Besök`,
    ].join('\n'),
    related: { type: 'followup', id: f.id },
  });
}

export async function getFollowupDto(
  db: Executor,
  actor: Actor,
  id: string,
  now: Date,
): Promise<FollowupDto> {
  const [row] = await listFollowupRows(db, { municipalityId: actor.municipalityId, ids: [id] });
  if (!row) throw notFound('Uppföljningen');
  const entries = await listLog(db, id);
  return {
    ...toDto(row, now),
    canEdit: await canWork(db, actor, row),
    log: entries.map((e) => ({
      id: e.id,
      at: e.at,
      by: e.user_id && e.user_name ? { id: e.user_id, name: e.user_name } : null,
      kind: e.kind,
      text: e.text,
      data: e.data ? (JSON.parse(e.data) as FollowupLogData) : null,
    })),
  };
}

/** A follow-up from a visit's report: what the company needs, who owns it, by when. */
export async function createFollowup(
  db: Executor,
  actor: Actor & { name: string },
  visitId: string,
  input: z.output<typeof CreateFollowupBody>,
  now: Date,
  notify: Notify,
): Promise<FollowupDto> {
  // The same form sent again (a double tap, a retry after a lost answer): what its first send made.
  if (input.requestKey) {
    const made = await findFollowupIdByRequestKey(db, actor.id, input.requestKey);
    if (made) return getFollowupDto(db, actor, made, now);
  }
  const visit = await getVisitFor(db, actor, visitId);
  assertCanWriteVisit(actor, visit);
  if (visit.status === 'cancelled') throw validation([{ path: 'visitId', message: 'besöket är inställt' }]);
  assertDueNotPassed(input.dueDate, now);
  if (input.topicId) {
    const topics = await listTopics(db, actor.municipalityId, true);
    if (!topics.some((t) => t.id === input.topicId))
      throw validation([{ path: 'topicId', message: 'okänt ämne' }]);
  }
  const owner = input.ownerUserId ? await ownerUser(db, actor.municipalityId, input.ownerUserId) : null;
  const row: FollowupTable = {
    id: newId(),
    municipality_id: actor.municipalityId,
    visit_id: visitId,
    company_id: visit.companyId,
    topic_id: input.topicId,
    need: input.need,
    owner_user_id: owner?.id ?? null,
    owner_department: owner ? null : input.ownerDepartment,
    due_date: input.dueDate,
    status: 'open',
    reason: '',
    version: 1,
    overdue_notified_at: null,
    closed_at: null,
    created_by: actor.id,
    request_key: input.requestKey ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  if (!(await insertFollowup(db, row))) {
    // The same form's other send made it a moment before (this one waited for it to commit).
    return getFollowupDto(
      db,
      actor,
      (await findFollowupIdByRequestKey(db, actor.id, input.requestKey!))!,
      now,
    );
  }
  await log(
    db,
    row.id,
    actor.id,
    { type: 'created', owner: owner?.name ?? row.owner_department ?? '', due: row.due_date },
    now,
  );
  // Assigning to yourself needs no e-mail; anyone else is told.
  if (owner && owner.id !== actor.id) await mailAssigned(db, notify, row, owner.email, actor.name);
  return getFollowupDto(db, actor, row.id, now);
}

/** The owner, the one who created it, the visit's participants and admins may work on a follow-up. */
async function canWork(db: Executor, actor: Actor, f: FollowupTable): Promise<boolean> {
  if (actor.role === 'admin' || f.owner_user_id === actor.id || f.created_by === actor.id) return true;
  const visit = await getVisitFor(db, actor, f.visit_id);
  return visit.participantIds.includes(actor.id);
}

async function assertCanWork(db: Executor, actor: Actor, f: FollowupTable): Promise<void> {
  if (!(await canWork(db, actor, f))) {
    throw forbidden('Bara den ansvariga, besökarna eller en administratör kan ändra uppföljningen.');
  }
}

async function loadFor(db: Executor, actor: Actor, id: string): Promise<FollowupTable> {
  const f = await findFollowup(db, id);
  if (!f || f.municipality_id !== actor.municipalityId) throw notFound('Uppföljningen');
  return f;
}

export async function updateFollowup(
  db: Executor,
  actor: Actor & { name: string },
  id: string,
  body: z.output<typeof UpdateFollowupBody>,
  now: Date,
  notify: Notify,
): Promise<FollowupDto> {
  const f = await loadFor(db, actor, id);
  await assertCanWork(db, actor, f);
  const patch: Partial<FollowupTable> = { updated_at: now.toISOString() };
  const entries: Array<FollowupLogData | { type: 'note'; text: string }> = [];

  if (body.need !== undefined && body.need !== f.need) patch.need = body.need;

  let newOwner: { id: string; name: string; email: string } | null = null;
  if (body.ownerUserId !== undefined || body.ownerDepartment !== undefined) {
    const userId = body.ownerUserId ?? null;
    const dept = body.ownerDepartment?.trim() || null;
    if (Boolean(userId) === Boolean(dept)) {
      throw validation([
        { path: 'ownerUserId', message: 'välj en ansvarig person eller skriv en förvaltning' },
      ]);
    }
    if (userId !== f.owner_user_id || dept !== f.owner_department) {
      newOwner = userId ? await ownerUser(db, actor.municipalityId, userId) : null;
      patch.owner_user_id = newOwner?.id ?? null;
      patch.owner_department = newOwner ? null : dept;
      // A new owner gets their own overdue notice.
      patch.overdue_notified_at = null;
      entries.push({ type: 'owner', owner: newOwner?.name ?? dept ?? '' });
    }
  }

  if (body.dueDate !== undefined && body.dueDate !== f.due_date) {
    assertDueNotPassed(body.dueDate, now);
    patch.due_date = body.dueDate;
    patch.overdue_notified_at = null;
    entries.push({ type: 'due', due: body.dueDate, was: f.due_date });
  }

  const status = body.status ?? (f.status as FollowupStatus);
  const reason = body.reason ?? f.reason;
  if (status === 'not_possible' && !reason.trim()) {
    throw validation([{ path: 'reason', message: 'skriv varför det inte är möjligt' }]);
  }
  if (body.reason !== undefined) patch.reason = reason;
  if (status !== f.status) {
    patch.status = status;
    patch.closed_at = isOpen(status) ? null : now.toISOString();
    entries.push({ type: 'status', status, reason: status === 'not_possible' ? reason : '' });
  }
  if (body.note) entries.push({ type: 'note', text: body.note });

  const ok = await updateFollowupRow(db, id, body.version, patch);
  if (!ok) {
    throw new AppError(
      'STALE',
      'Någon annan har ändrat uppföljningen under tiden. Ladda om och gör ändringen igen.',
    );
  }
  for (const e of entries) await log(db, id, actor.id, e, now);
  if (newOwner && newOwner.id !== actor.id) {
    await mailAssigned(db, notify, { ...f, ...patch } as FollowupTable, newOwner.email, actor.name);
  }
  return getFollowupDto(db, actor, id, now);
}

/** A line in the follow-up's log: what was done. */
export async function addFollowupLog(
  db: Executor,
  actor: Actor,
  id: string,
  text: string,
  now: Date,
): Promise<FollowupDto> {
  const f = await loadFor(db, actor, id);
  await assertCanWork(db, actor, f);
  await log(db, id, actor.id, { type: 'note', text }, now);
  await db.updateTable('followup').set({ updated_at: now.toISOString() }).where('id', '=', id).execute();
  return getFollowupDto(db, actor, id, now);
}

export async function listFollowups(
  db: Executor,
  actor: Actor,
  query: z.output<typeof FollowupListQuery>,
  now: Date,
): Promise<FollowupDto[]> {
  const filter: FollowupFilter = { municipalityId: actor.municipalityId };
  if (query.visitId) filter.visitId = query.visitId;
  if (query.companyId) filter.companyId = query.companyId;
  if (query.ownerUserId) filter.ownerUserId = query.ownerUserId;
  switch (query.scope) {
    case 'mine':
      // Those whose overdue reminders come to me, so the list (and the start page's count) shows them.
      filter.remindedUser = { id: actor.id, admin: actor.role === 'admin' };
      break;
    case 'open':
      filter.statuses = OPEN;
      break;
    case 'overdue':
      filter.statuses = OPEN;
      filter.dueBefore = swedishToday(now);
      break;
    case 'all':
      break;
  }
  const items = (await listFollowupRows(db, filter)).map((r) => toDto(r, now));
  const collator = new Intl.Collator('sv');
  switch (query.scope) {
    case 'mine':
      // Open ones first, soonest due first; then the closed ones, last closed first.
      return items.sort(
        (a, b) =>
          Number(!isOpen(a.status)) - Number(!isOpen(b.status)) ||
          (isOpen(a.status)
            ? a.dueDate.localeCompare(b.dueDate)
            : (b.closedAt ?? '').localeCompare(a.closedAt ?? '')),
      );
    case 'open':
      // By owner, then oldest first.
      return items.sort((a, b) => collator.compare(a.owner.label, b.owner.label) || b.ageDays - a.ageDays);
    case 'overdue':
      return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    case 'all':
      return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

/**
 * Who is told that a follow-up is overdue: its owner; for a department (no address), or an owner
 * no longer active (or no longer staff), whoever created it; failing both, the municipality's
 * active admins, so that a notice is never claimed and sent to no one. The "mine" list follows
 * the same rule (FollowupFilter.remindedUser).
 */
async function overdueRecipients(
  trx: Executor,
  f: FollowupTable,
): Promise<{ users: Array<{ email: string; name: string }>; why: string }> {
  const person = async (id: string | null) =>
    id
      ? trx
          .selectFrom('app_user')
          .select(['email', 'name'])
          .where('id', '=', id)
          .where('active', '=', 1)
          .where('role', '!=', 'viewer')
          .executeTakeFirst()
      : undefined;
  const owner = await person(f.owner_user_id);
  if (owner) return { users: [owner], why: '' };
  const ownerGone = f.owner_user_id !== null;
  const creator = await person(f.created_by);
  const why = ownerGone
    ? ' (den ansvariga är inte längre aktiv i Besök)'
    : ` (ansvarig: ${f.owner_department})`;
  if (creator) return { users: [creator], why };
  const admins = await trx
    .selectFrom('app_user')
    .select(['email', 'name'])
    .where('municipality_id', '=', f.municipality_id)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
  return { users: admins, why: `${why}; den som lade upp den är inte heller aktiv` };
}

/**
 * The overdue sweep: once per follow-up (and due date), the owner is told it is overdue (or, where
 * there is no active owner, see overdueRecipients). Idempotent: the notice is claimed by setting
 * `overdue_notified_at` before the mail is queued, in one transaction.
 */
export async function notifyOverdue(db: DB, now: Date, notify: Notify): Promise<number> {
  const today = swedishToday(now);
  let sent = 0;
  for (const f of await overdueUnnotified(db, today)) {
    const did = await db.transaction().execute(async (trx) => {
      if (!(await markOverdueNotified(trx, f.id, now.toISOString()))) return false;
      const { users, why } = await overdueRecipients(trx, f);
      const company = await findCompany(trx, f.company_id);
      for (const user of users) {
        await notify.mailer.enqueue(trx, {
          to: user.email,
          subject: `Försenad uppföljning: ${company?.name ?? 'företag'}`,
          text: [
            `Hej ${user.name}!`,
            ``,
            `En uppföljning${why} skulle ha varit klar ${f.due_date} och är fortfarande ${STATUS_SV[f.status as FollowupStatus].toLowerCase()}.`,
            ``,
            `Företag: ${company?.name ?? ''}`,
            `Vad företaget behöver: ${f.need}`,
            ``,
            `Uppdatera status eller nytt datum: ${notify.publicUrl}/uppfoljningar/${f.id}`,
            ``,
            `/Besök`,
          ].join('\n'),
          related: { type: 'followup', id: f.id },
        });
      }
      if (users.length) {
        await log(trx, f.id, null, { type: 'notified', to: users.map((u) => u.name) }, now);
      }
      return true;
    });
    if (did) sent++;
  }
  return sent;
}
