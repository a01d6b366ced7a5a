import type { z } from 'zod';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/database';
import { notFound } from '../../server/errors';
import type { ProgrammeReportDto, ProgrammeReportQuery, ReportRow } from '../../contracts/visits';
import { SNI_SECTIONS } from '../../core/register/sni';
import { formatOrgNr, hidePersonalNumber, isPersonalNumber } from '../../core/orgnr';
import { ext } from '../visits/external.tables';
import { listVisitRows, participantsOf } from '../visits/visit.repository';
import { stockholmDayStart, type Actor } from '../visits/visit.service';

const MODE_SV: Record<string, string> = { digital: 'digitalt', physical: 'på plats' };
const STATUS_SV: Record<string, string> = { planned: 'planerat', done: 'genomfört', cancelled: 'inställt' };
const REPORT_SV: Record<string, string> = { none: 'saknas', draft: 'utkast', submitted: 'inskickad' };

export function sectionLabel(code: string | null): string {
  if (!code) return 'Okänd bransch';
  const s = SNI_SECTIONS.find((x) => x.code === code);
  return s ? `${s.code} ${s.name}` : code;
}

function gradeSummary(grades: number[]) {
  const distribution = [0, 0, 0, 0, 0, 0];
  for (const g of grades) distribution[g - 1]! += 1;
  const average = grades.length
    ? Math.round((grades.reduce((a, b) => a + b, 0) / grades.length) * 10) / 10
    : null;
  return { count: grades.length, average, distribution };
}

async function programmeName(db: Executor, type: 'sprint' | 'relay', id: string): Promise<string | null> {
  const x = ext(db);
  const row =
    type === 'sprint'
      ? await x.selectFrom('sprint').select('name').where('id', '=', id).executeTakeFirst()
      : await x.selectFrom('relay_programme').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * A programme's day told as a news item would: how many companies were met and by whom, the
 * topics raised most (overall and per industry, SNI section), the grades, and the follow-ups
 * created and done; with one row per visit for CSV and Excel export. Used for sprint days and,
 * by the relay, for its visits (leave out `date` for the whole programme).
 *
 * What it counts, so that every figure agrees with the others (page, PDF, .xlsx, CSV):
 * - a company was met, and a person visited, when the visit was held (status `done`: marked held
 *   on its page, or its report submitted); a visit booked but not held (`planned`, a future one or
 *   a past one never marked held) is counted apart (`visits.total - done - cancelled`);
 * - grades and topics come from submitted reports only, as "Inskickade rapporter" counts them: a
 *   draft's grades and topics are left out of the figures and of its visit's row (which says
 *   "utkast");
 * - a topic's count is the number of companies that raised it (a company visited twice in a relay,
 *   raising the topic both times, counts once), overall and per industry.
 */
export async function programmeReport(
  db: Executor,
  actor: Actor,
  q: z.output<typeof ProgrammeReportQuery>,
): Promise<ProgrammeReportDto> {
  const name = await programmeName(db, q.programmeType, q.programmeId);
  const range = q.date
    ? {
        fromIso: stockholmDayStart(q.date),
        toIso: stockholmDayStart(DateTime.fromISO(q.date).plus({ days: 1 }).toISODate()!),
      }
    : {};
  const visits = (
    await listVisitRows(db, {
      municipalityId: actor.municipalityId,
      programmeType: q.programmeType,
      programmeId: q.programmeId,
      ...range,
    })
  ).sort(
    (a, b) => a.starts_at.localeCompare(b.starts_at) || a.company_name.localeCompare(b.company_name, 'sv'),
  );
  if (!visits.length && name === null) throw notFound('Programmet');

  const held = visits.filter((v) => v.status !== 'cancelled');
  const met = visits.filter((v) => v.status === 'done');
  const ids = held.map((v) => v.id);
  const x = ext(db);
  const [parts, companies, reports, topicRows, followups] = await Promise.all([
    participantsOf(db, ids),
    held.length
      ? x
          .selectFrom('company')
          .select(['id', 'sni_section'])
          .where('id', 'in', [...new Set(held.map((v) => v.company_id))])
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('visit_report')
          .select(['id', 'visit_id', 'status', 'climate_grade', 'service_grade'])
          .where('visit_id', 'in', ids)
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('visit_report_topic')
          .innerJoin('visit_report', 'visit_report.id', 'visit_report_topic.report_id')
          .innerJoin('topic', 'topic.id', 'visit_report_topic.topic_id')
          .select([
            'visit_report.visit_id',
            'topic.id as topic_id',
            'topic.label_sv',
            'topic.label_en',
            'topic.sort_order',
          ])
          .where('visit_report.visit_id', 'in', ids)
          .where('visit_report.status', '=', 'submitted')
          .execute()
      : [],
    ids.length
      ? db.selectFrom('followup').select(['visit_id', 'status']).where('visit_id', 'in', ids).execute()
      : [],
  ]);
  const sectionOf = new Map(companies.map((c) => [c.id, c.sni_section]));
  const reportOf = new Map(reports.map((r) => [r.visit_id, r]));
  const submitted = reports.filter((r) => r.status === 'submitted');
  const companyOf = new Map(held.map((v) => [v.id, v.company_id]));

  const byWhom = new Map<string, { id: string; name: string; visits: number }>();
  for (const v of met) {
    for (const p of parts.get(v.id) ?? []) {
      const e = byWhom.get(p.id) ?? { ...p, visits: 0 };
      e.visits++;
      byWhom.set(p.id, e);
    }
  }

  // How many companies raised each topic (not how many visits did).
  const count = (rows: typeof topicRows) => {
    const m = new Map<
      string,
      { topicId: string; label: string; labelEn: string; companies: Set<string>; order: number }
    >();
    for (const t of rows) {
      const e = m.get(t.topic_id) ?? {
        topicId: t.topic_id,
        label: t.label_sv,
        labelEn: t.label_en || t.label_sv,
        companies: new Set<string>(),
        order: t.sort_order,
      };
      e.companies.add(companyOf.get(t.visit_id) ?? t.visit_id);
      m.set(t.topic_id, e);
    }
    return [...m.values()]
      .map(({ topicId, label, labelEn, companies: cs, order }) => ({
        topicId,
        label,
        labelEn,
        count: cs.size,
        order,
      }))
      .sort((a, b) => b.count - a.count || a.order - b.order)
      .map(({ topicId, label, labelEn, count: n }) => ({ topicId, label, labelEn, count: n }));
  };
  const visitSection = new Map(held.map((v) => [v.id, sectionOf.get(v.company_id) ?? null]));
  const sections = new Map<string | null, Set<string>>();
  for (const v of met) {
    const s = visitSection.get(v.id) ?? null;
    const set = sections.get(s) ?? new Set<string>();
    set.add(v.company_id);
    sections.set(s, set);
  }
  const topicsBySection = [...sections.entries()]
    .map(([s, cs]) => ({
      section: sectionLabel(s),
      sectionCode: s,
      companies: cs.size,
      topics: count(topicRows.filter((t) => (visitSection.get(t.visit_id) ?? null) === s)),
    }))
    .sort((a, b) => b.companies - a.companies || a.section.localeCompare(b.section, 'sv'));

  const fuByVisit = new Map<string, { created: number; done: number }>();
  for (const f of followups) {
    const e = fuByVisit.get(f.visit_id) ?? { created: 0, done: 0 };
    e.created++;
    if (f.status === 'done') e.done++;
    fuByVisit.set(f.visit_id, e);
  }

  const topicsOf = (visitId: string) =>
    topicRows.filter((t) => t.visit_id === visitId).sort((a, b) => a.sort_order - b.sort_order);
  const rows: ReportRow[] = visits.map((v) => {
    const rep = reportOf.get(v.id);
    return {
      visitId: v.id,
      startsAt: v.starts_at,
      companyName: v.company_name,
      // As people write it (556677-8899); management (viewers) are not shown sole traders'
      // personal identity numbers (800101-XXXX).
      orgNr:
        actor.role === 'viewer' && isPersonalNumber(v.company_org_nr)
          ? hidePersonalNumber(v.company_org_nr)
          : formatOrgNr(v.company_org_nr),
      sniSection: sectionOf.get(v.company_id) ?? '',
      mode: MODE_SV[v.mode] ?? v.mode,
      status: STATUS_SV[v.status] ?? v.status,
      participants: (parts.get(v.id) ?? []).map((p) => p.name).join(', '),
      reportStatus: REPORT_SV[rep?.status ?? 'none'] ?? '',
      // A draft's grades and topics are not the company's answer yet (topicRows are submitted only).
      climateGrade: rep?.status === 'submitted' ? rep.climate_grade : null,
      serviceGrade: rep?.status === 'submitted' ? rep.service_grade : null,
      topics: topicsOf(v.id)
        .map((t) => t.label_sv)
        .join(', '),
      topicsEn: topicsOf(v.id)
        .map((t) => t.label_en || t.label_sv)
        .join(', '),
      statusCode: v.status as 'planned' | 'done' | 'cancelled',
      reportStatusCode: (rep?.status ?? 'none') as 'none' | 'draft' | 'submitted',
      followupsCreated: fuByVisit.get(v.id)?.created ?? 0,
      followupsDone: fuByVisit.get(v.id)?.done ?? 0,
    };
  });

  const collator = new Intl.Collator('sv');
  return {
    programme: { type: q.programmeType, id: q.programmeId, name },
    date: q.date ?? null,
    companiesMet: new Set(met.map((v) => v.company_id)).size,
    visits: {
      total: visits.length,
      done: met.length,
      cancelled: visits.length - held.length,
      withReport: submitted.length,
    },
    byWhom: [...byWhom.values()].sort((a, b) => b.visits - a.visits || collator.compare(a.name, b.name)),
    topics: count(topicRows),
    topicsBySection,
    grades: {
      climate: gradeSummary(submitted.map((r) => r.climate_grade).filter((g): g is number => g !== null)),
      service: gradeSummary(submitted.map((r) => r.service_grade).filter((g): g is number => g !== null)),
    },
    followups: {
      created: followups.length,
      done: followups.filter((f) => f.status === 'done').length,
      notPossible: followups.filter((f) => f.status === 'not_possible').length,
      open: followups.filter((f) => f.status === 'open' || f.status === 'in_progress').length,
    },
    rows,
  };
}
