export interface VisitReportTable {
  id: string;
  visit_id: string;
  municipality_id: string;
  /** JSON text: [{ name, role, email }]. */
  company_participants: string;
  climate_grade: number | null;
  service_grade: number | null;
  service_text: string;
  notes: string;
  status: string;
  version: number;
  created_by: string | null;
  updated_by: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface VisitReportTopicTable {
  report_id: string;
  topic_id: string;
  note: string;
  sort_order: number;
}

export interface ReportTables {
  visit_report: VisitReportTable;
  visit_report_topic: VisitReportTopicTable;
}
