import type { z } from 'zod';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { conflict, notFound } from '../../server/errors';
import type { FeedbackDraftDto, FeedbackDto, SendFeedbackBody } from '../../contracts/visits';
import { findMunicipality } from '../municipality/municipality.repository';
import { formatInstantSv } from '../sprints/sprint.model';
import { findReportByVisit } from '../visits/report.repository';
import { findCompany, followupCountsOf, listVisitRows, participantsOf } from '../visits/visit.repository';
import { assertCanWriteVisit, getVisitFor, type Actor, type Visit } from '../visits/visit.service';
import { listFollowupRows, listLog } from '../followups/followup.repository';
import type { Notify } from '../followups/followup.service';
import {
  deliveryStatus,
  findFeedbackIdByRequestKey,
  insertFeedback,
  lastFeedbackByCompany,
  listFeedbackRows,
  lockVisitForFeedback,
  registrationContactsOfVisit,
  setFeedbackEmail,
  type FeedbackListRow,
} from './feedback.repository';

export function swedishDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setZone('Europe/Stockholm')
    .setLocale('sv')
    .toFormat('d LLLL yyyy');
}

/** Feedback thanks the company for a visit it has had: it can be sent from the visit's end, not before. */
function sendableFrom(visit: Visit, now: Date): string | null {
  return Date.parse(visit.endsAt) > now.getTime() ? visit.endsAt : null;
}

/** One line per follow-up saying, in plain Swedish, where it stands and what was done. */
function followupLine(
  f: { need: string; status: string; reason: string },
  lastNote: string | undefined,
): string {
  const done = lastNote ? ` ${lastNote.replace(/\.?$/, '.')}` : '';
  switch (f.status) {
    case 'done':
      return `– ${f.need}: klart.${done}`;
    case 'not_possible':
      return `– ${f.need}: tyvärr inte möjligt. ${f.reason.replace(/\.?$/, '.')}`;
    case 'in_progress':
      return `– ${f.need}: pågår.${done} Vi återkommer när det är klart.`;
    default:
      return `– ${f.need}: vi har tagit med oss frågan och arbetar med den.`;
  }
}

/**
 * The feedback message as a template fills it in: what the company raised (the report's topics
 * and notes) and what was done (each follow-up's status and the latest note in its log). The
 * writer edits it before sending. The recipients offered: the company's people from the report,
 * the contact of its sprint registration, and the company's own address.
 */
export async function composeFeedback(
  db: Executor,
  actor: Actor & { name: string },
  visitId: string,
  now: Date,
): Promise<z.infer<typeof FeedbackDraftDto>> {
  const visit = await getVisitFor(db, actor, visitId);
  assertCanWriteVisit(actor, visit);
  const [company, report, municipality, registrations, followups] = await Promise.all([
    findCompany(db, visit.companyId),
    findReportByVisit(db, visitId),
    findMunicipality(db),
    registrationContactsOfVisit(db, visitId),
    listFollowupRows(db, { municipalityId: actor.municipalityId, visitId }),
  ]);
  if (!company) throw notFound('Företaget');

  const recipients: Array<{ address: string; label: string; name: string }> = [];
  const add = (address: string | null | undefined, label: string, name = '') => {
    const a = address?.trim().toLowerCase();
    if (a && !recipients.some((r) => r.address === a)) recipients.push({ address: a, label, name });
  };
  const people = report
    ? (JSON.parse(report.company_participants) as Array<{ name: string; role: string; email: string }>)
    : [];
  for (const p of people) add(p.email, `${p.name}${p.role ? ` (${p.role})` : ''}`, p.name);
  for (const r of registrations) add(r.email, `${r.name}${r.role ? ` (${r.role})` : ''} – anmälan`, r.name);
  add(company.email, `${company.name} – företagets adress`);

  const raised = (report?.topics ?? []).map(
    (t) => `– ${t.label_sv}${t.note.trim() ? `: ${t.note.trim()}` : ''}`,
  );
  const done: string[] = [];
  for (const f of followups) {
    const notes = (await listLog(db, f.id)).filter((l) => l.kind === 'note');
    done.push(followupLine(f, notes.at(-1)?.text));
  }
  const unit = municipality?.settings.unitName ?? 'Näringslivsenheten';
  const firstName = recipients[0]?.name.split(' ')[0] ?? '';
  const text = [
    `Hej${firstName ? ` ${firstName}` : ''}!`,
    '',
    `Tack för att vi fick besöka ${company.name} den ${swedishDate(visit.startsAt)}. Här är en sammanfattning av vad ni tog upp och vad vi har gjort sedan dess.`,
    '',
    'Det här tog ni upp:',
    ...(raised.length ? raised : ['– (inga ämnen antecknade)']),
    '',
    'Det här har vi gjort:',
    ...(done.length ? done : ['– Inga frågor krävde någon uppföljning från vår sida.']),
    '',
    // The outbox sends from the app's address; replies should reach the unit's shared mailbox.
    municipality?.settings.replyTo
      ? `Hör gärna av er till ${municipality.settings.replyTo} om något är oklart eller om ni har fler frågor.`
      : 'Hör gärna av er om något är oklart eller om ni har fler frågor.',
    '',
    'Med vänliga hälsningar',
    actor.name,
    `${unit}${municipality ? `, ${municipality.name}` : ''}`,
  ].join('\n');
  return {
    to: recipients[0]?.address ?? '',
    recipients: recipients.map(({ address, label }) => ({ address, label })),
    subject: `Återkoppling efter vårt besök hos ${company.name}`,
    text,
    sendableFrom: sendableFrom(visit, now),
  };
}

function toDto(r: FeedbackListRow): FeedbackDto {
  return {
    id: r.id,
    visitId: r.visit_id,
    companyId: r.company_id,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    sentAt: r.sent_at,
    sentBy: r.sent_by && r.sent_by_name ? { id: r.sent_by, name: r.sent_by_name } : null,
    // queued (also while being sent or waiting to be tried again), sent or failed.
    emailStatus: deliveryStatus(r.email_status),
  };
}

async function feedbackDto(db: Executor, actor: Actor, visitId: string, id: string): Promise<FeedbackDto> {
  const [row] = await listFeedbackRows(db, { municipalityId: actor.municipalityId, visitId, id });
  if (!row) throw notFound('Återkopplingen');
  return toDto(row);
}

/**
 * Sends the feedback by e-mail (through the outbox, in this transaction) and keeps it in the
 * company's history. Once per send: the same send again (its request key) gets the first. Only
 * after the visit, and a second feedback for a visit only when the sender says so (`again`),
 * having seen the first: two people finishing the same visit would otherwise both write.
 */
export async function sendFeedback(
  db: Executor,
  actor: Actor,
  visitId: string,
  input: z.output<typeof SendFeedbackBody>,
  now: Date,
  notify: Notify,
): Promise<FeedbackDto> {
  const visit = await getVisitFor(db, actor, visitId);
  assertCanWriteVisit(actor, visit);
  await lockVisitForFeedback(db, visitId);
  if (input.requestKey) {
    const sent = await findFeedbackIdByRequestKey(db, actor.id, input.requestKey);
    if (sent) return feedbackDto(db, actor, visitId, sent);
  }
  if (visit.status === 'cancelled') {
    throw conflict('Besöket är inställt: det finns inget besök att återkoppla om.');
  }
  const from = sendableFrom(visit, now);
  if (from) {
    throw conflict(
      `Besöket har inte ägt rum än. Återkopplingen kan skickas när besöket är över, från den ${formatInstantSv(from)}.`,
    );
  }
  if (!input.again) {
    const given = (await listFeedbackRows(db, { municipalityId: actor.municipalityId, visitId })).filter(
      (r) => deliveryStatus(r.email_status) !== 'failed',
    );
    if (given.length) {
      throw conflict(
        'Återkoppling har redan skickats för besöket. Se vad som skickats och bekräfta om du vill skicka en till.',
        given.map((r) => ({
          path: 'again',
          message: `skickad ${formatInstantSv(r.sent_at)}${r.sent_by_name ? ` av ${r.sent_by_name}` : ''} till ${r.to_address}`,
        })),
      );
    }
  }
  const id = newId();
  const added = await insertFeedback(db, {
    id,
    municipality_id: actor.municipalityId,
    company_id: visit.companyId,
    visit_id: visitId,
    to_address: input.to,
    subject: input.subject,
    body: input.text,
    email_id: null,
    sent_by: actor.id,
    sent_at: now.toISOString(),
    request_key: input.requestKey ?? null,
  });
  if (!added) {
    // The same send's other request got there first (this one waited for it to commit).
    return feedbackDto(
      db,
      actor,
      visitId,
      (await findFeedbackIdByRequestKey(db, actor.id, input.requestKey!))!,
    );
  }
  // Company-facing: the outbox sets Reply-To to the unit's shared mailbox when one is set.
  const emailId = await notify.mailer.enqueue(db, {
    to: input.to,
    subject: input.subject,
    text: input.text,
    related: { type: 'company', id: visit.companyId },
  });
  await setFeedbackEmail(db, id, emailId);
  return feedbackDto(db, actor, visitId, id);
}

export async function listFeedback(
  db: Executor,
  actor: Actor,
  f: { companyId?: string; visitId?: string },
): Promise<FeedbackDto[]> {
  return (await listFeedbackRows(db, { municipalityId: actor.municipalityId, ...f })).map(toDto);
}

/**
 * Visits whose company has had no feedback since the visit, more than `feedbackDays` (a
 * municipality setting, default 30) after it. Cancelled visits do not count, and neither does
 * feedback whose e-mail failed for good: the visit is listed again, to be written anew.
 */
export async function visitsMissingFeedback(db: Executor, actor: Actor, now: Date) {
  const municipality = await findMunicipality(db);
  const days = municipality?.settings.feedbackDays ?? 30;
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = (await listVisitRows(db, { municipalityId: actor.municipalityId, toIso: cutoff })).filter(
    (v) => v.status !== 'cancelled',
  );
  const last = await lastFeedbackByCompany(db, [...new Set(rows.map((r) => r.company_id))]);
  const missing = rows.filter((v) => {
    const l = last.get(v.company_id);
    return !l || l < v.starts_at;
  });
  const ids = missing.map((v) => v.id);
  const [parts, counts] = await Promise.all([participantsOf(db, ids), followupCountsOf(db, ids)]);
  return {
    feedbackDays: days,
    items: missing
      .map((v) => ({
        visitId: v.id,
        company: { id: v.company_id, name: v.company_name },
        startsAt: v.starts_at,
        daysSince: Math.floor((now.getTime() - Date.parse(v.starts_at)) / 86_400_000),
        lastFeedbackAt: last.get(v.company_id) ?? null,
        participants: parts.get(v.id) ?? [],
        followups: counts.get(v.id) ?? { total: 0, open: 0 },
      }))
      .sort((a, b) => b.daysSince - a.daysSince),
  };
}
