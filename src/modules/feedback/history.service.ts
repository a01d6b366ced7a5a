import type { Executor } from '../../db/database';
import { notFound } from '../../server/errors';
import type { CompanyHistoryDto, HistoryEntry } from '../../contracts/visits';
import { ext } from '../visits/external.tables';
import { findCompany, listVisitRows, participantsOf } from '../visits/visit.repository';
import { listFollowupRows } from '../followups/followup.repository';
import { STATUS_SV } from '../followups/followup.service';
import type { Actor } from '../visits/visit.service';
import { deliveryStatus, listFeedbackRows, type DeliveryStatus } from './feedback.repository';

const MODE_SV: Record<string, string> = { digital: 'digitalt', physical: 'på plats' };
const VISIT_STATUS_SV: Record<string, string> = {
  planned: 'planerat',
  done: 'genomfört',
  cancelled: 'inställt',
};
const PROGRAMME_SV: Record<string, string> = { sprint: 'besökssprint', relay: 'stafett' };

/** Where a message stands (see deliveryStatus), as the history's titles say it. */
const FEEDBACK_STATUS_SV: Record<DeliveryStatus, string> = {
  queued: 'väntar på att skickas till',
  sent: 'skickad till',
  failed: 'kunde inte skickas till',
};
const EMAIL_STATUS_SV: Record<DeliveryStatus, string> = {
  queued: '(väntar på att skickas)',
  sent: '',
  failed: '(kunde inte skickas)',
};

const excerpt = (s: string, n = 240) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Everything that happened with a company, newest first: its visits, their reports and topics,
 * follow-ups (created, and closed), feedback sent, sprint registrations, and other e-mail the
 * app sent about it — feedback and e-mail saying whether it went, waits in the outbox or failed
 * (the SMTP server refused it, or the outbox gave up), so a failed one is seen and sent anew.
 */
export async function companyHistory(
  db: Executor,
  actor: Actor,
  companyId: string,
): Promise<CompanyHistoryDto> {
  const company = await findCompany(db, companyId);
  if (!company) throw notFound('Företaget');
  const items: HistoryEntry[] = [];
  const m = actor.municipalityId;

  const visits = await listVisitRows(db, { municipalityId: m, companyId });
  const parts = await participantsOf(
    db,
    visits.map((v) => v.id),
  );
  const x = ext(db);
  for (const v of visits) {
    const who = (parts.get(v.id) ?? []).map((p) => p.name).join(', ');
    const programme = v.programme_type ? ` (${PROGRAMME_SV[v.programme_type] ?? v.programme_type})` : '';
    items.push({
      id: `visit:${v.id}`,
      kind: 'visit',
      at: v.starts_at,
      title: `Besök ${MODE_SV[v.mode] ?? v.mode}${programme}`,
      detail: [VISIT_STATUS_SV[v.status] ?? v.status, who].filter(Boolean).join(' · '),
      visitId: v.id,
      topics: [],
    });
  }

  if (visits.length) {
    const reports = await x
      .selectFrom('visit_report')
      .selectAll()
      .where(
        'visit_id',
        'in',
        visits.map((v) => v.id),
      )
      .execute();
    const topicRows = reports.length
      ? await x
          .selectFrom('visit_report_topic')
          .innerJoin('topic', 'topic.id', 'visit_report_topic.topic_id')
          .select(['visit_report_topic.report_id', 'topic.label_sv', 'visit_report_topic.note'])
          .where(
            'visit_report_topic.report_id',
            'in',
            reports.map((r) => r.id),
          )
          .orderBy('visit_report_topic.sort_order')
          .execute()
      : [];
    for (const r of reports) {
      const topics = topicRows.filter((t) => t.report_id === r.id);
      const grades = [
        r.climate_grade !== null ? `näringslivsklimat ${r.climate_grade}/6` : '',
        r.service_grade !== null ? `kommunens service ${r.service_grade}/6` : '',
      ].filter(Boolean);
      items.push({
        id: `report:${r.id}`,
        kind: 'report',
        at: r.submitted_at ?? r.updated_at,
        title: r.status === 'submitted' ? 'Besöksrapport' : 'Besöksrapport (utkast)',
        detail: excerpt(
          [
            grades.join(', '),
            ...topics.map((t) => (t.note ? `${t.label_sv}: ${t.note}` : t.label_sv)),
            r.notes,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        visitId: r.visit_id,
        topics: topics.map((t) => t.label_sv),
      });
    }
  }

  for (const f of await listFollowupRows(db, { municipalityId: m, companyId })) {
    const owner = f.owner_name ?? f.owner_department ?? '';
    items.push({
      id: `followup:${f.id}`,
      kind: 'followup',
      at: f.created_at,
      title: `Uppföljning: ${excerpt(f.need, 120)}`,
      detail: `${STATUS_SV[f.status as keyof typeof STATUS_SV] ?? f.status} · ansvarig ${owner} · klart senast ${f.due_date}`,
      visitId: f.visit_id,
      topics: f.topic_label ? [f.topic_label] : [],
    });
    if (f.closed_at) {
      items.push({
        id: `followup-closed:${f.id}`,
        kind: 'followup',
        at: f.closed_at,
        title: `Uppföljning ${f.status === 'done' ? 'klar' : 'inte möjlig'}: ${excerpt(f.need, 120)}`,
        detail: f.status === 'not_possible' ? f.reason : `ansvarig ${owner}`,
        visitId: f.visit_id,
        topics: f.topic_label ? [f.topic_label] : [],
      });
    }
  }

  const feedback = await listFeedbackRows(db, { municipalityId: m, companyId });
  for (const fb of feedback) {
    items.push({
      id: `feedback:${fb.id}`,
      kind: 'feedback',
      at: fb.sent_at,
      title: ['Återkoppling', FEEDBACK_STATUS_SV[deliveryStatus(fb.email_status)], fb.to_address]
        .filter(Boolean)
        .join(' '),
      detail: `${fb.subject} — ${excerpt(fb.body)}`,
      visitId: fb.visit_id,
      topics: [],
    });
  }

  const registrations = await x
    .selectFrom('sprint_registration')
    .innerJoin('sprint', 'sprint.id', 'sprint_registration.sprint_id')
    .select([
      'sprint_registration.id',
      'sprint_registration.created_at',
      'sprint_registration.withdrawn_at',
      'sprint_registration.contact_name',
      'sprint.name as sprint_name',
      'sprint.day',
    ])
    .where('sprint_registration.company_id', '=', companyId)
    .where('sprint.municipality_id', '=', m)
    .execute();
  for (const r of registrations) {
    items.push({
      id: `registration:${r.id}`,
      kind: 'registration',
      at: r.created_at,
      title: `Anmälan till ${r.sprint_name} (${r.day})`,
      detail: `Kontakt: ${r.contact_name}`,
      visitId: null,
      topics: [],
    });
    if (r.withdrawn_at) {
      items.push({
        id: `registration-withdrawn:${r.id}`,
        kind: 'registration',
        at: r.withdrawn_at,
        title: `Anmälan till ${r.sprint_name} återtagen`,
        detail: '',
        visitId: null,
        topics: [],
      });
    }
  }

  const feedbackEmails = new Set(feedback.map((f) => f.email_id).filter(Boolean));
  const emails = await db
    .selectFrom('outbound_email')
    .select(['id', 'to_address', 'subject', 'created_at', 'status'])
    .where('related_type', '=', 'company')
    .where('related_id', '=', companyId)
    .execute();
  for (const e of emails) {
    if (feedbackEmails.has(e.id)) continue;
    items.push({
      id: `email:${e.id}`,
      kind: 'email',
      at: e.created_at,
      title: ['E-post till', e.to_address, EMAIL_STATUS_SV[deliveryStatus(e.status)]]
        .filter(Boolean)
        .join(' '),
      detail: e.subject,
      visitId: null,
      topics: [],
    });
  }

  items.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  return { company: { id: company.id, name: company.name, orgNr: company.org_nr }, items };
}
