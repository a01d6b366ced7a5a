export interface VisitTable {
  id: string;
  municipality_id: string;
  company_id: string;
  programme_type: string | null;
  programme_id: string | null;
  starts_at: string;
  ends_at: string;
  mode: string;
  location: string;
  meeting_link: string;
  status: string;
  notes: string;
  created_by: string | null;
  /** The key a visit form sent with its first send (migration 0012); null for visits made otherwise. */
  request_key: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface VisitParticipantTable {
  visit_id: string;
  user_id: string;
}

export interface VisitTables {
  visit: VisitTable;
  visit_participant: VisitParticipantTable;
}
