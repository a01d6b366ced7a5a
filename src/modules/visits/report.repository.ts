import type { Executor } from '../../db/database';
import type { VisitReportTable } from './report.table';

export interface ReportTopicRow {
  topic_id: string;
  note: string;
  label_sv: string;
  label_en: string;
}

export interface ReportRowWithTopics extends VisitReportTable {
  topics: ReportTopicRow[];
  updated_by_name: string | null;
}

export async function findReportByVisit(
  db: Executor,
  visitId: string,
): Promise<ReportRowWithTopics | undefined> {
  const row = await db
    .selectFrom('visit_report')
    .leftJoin('app_user', 'app_user.id', 'visit_report.updated_by')
    .selectAll('visit_report')
    .select('app_user.name as updated_by_name')
    .where('visit_report.visit_id', '=', visitId)
    .executeTakeFirst();
  if (!row) return undefined;
  const topics = await db
    .selectFrom('visit_report_topic')
    .innerJoin('topic', 'topic.id', 'visit_report_topic.topic_id')
    .select(['visit_report_topic.topic_id', 'visit_report_topic.note', 'topic.label_sv', 'topic.label_en'])
    .where('visit_report_topic.report_id', '=', row.id)
    .orderBy('visit_report_topic.sort_order')
    .execute();
  return { ...row, topics };
}

/** Inserts the visit's first report; false when another writer's first save won (one per visit). */
export async function insertReport(db: Executor, row: VisitReportTable): Promise<boolean> {
  const res = await db
    .insertInto('visit_report')
    .values(row)
    .onConflict((oc) => oc.column('visit_id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Saves only if the report still has the version the writer read; false when someone saved first. */
export async function updateReportRow(
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<VisitReportTable, 'id' | 'visit_id' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('visit_report')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function replaceReportTopics(
  db: Executor,
  reportId: string,
  topics: Array<{ topicId: string; note: string }>,
): Promise<void> {
  await db.deleteFrom('visit_report_topic').where('report_id', '=', reportId).execute();
  if (topics.length) {
    await db
      .insertInto('visit_report_topic')
      .values(
        topics.map((t, i) => ({ report_id: reportId, topic_id: t.topicId, note: t.note, sort_order: i })),
      )
      .execute();
  }
}
