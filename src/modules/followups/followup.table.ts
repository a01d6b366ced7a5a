export interface FollowupTable {
  id: string;
  municipality_id: string;
  visit_id: string;
  company_id: string;
  topic_id: string | null;
  need: string;
  owner_user_id: string | null;
  owner_department: string | null;
  /** YYYY-MM-DD, a Swedish calendar date. */
  due_date: string;
  status: string;
  reason: string;
  version: number;
  overdue_notified_at: string | null;
  closed_at: string | null;
  created_by: string | null;
  /** The key of the form's send that made it (with created_by): a second send gets this one. */
  request_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface FollowupLogTable {
  id: string;
  followup_id: string;
  seq: number;
  at: string;
  user_id: string | null;
  kind: string;
  text: string;
  /** What the entry says, as JSON (FollowupLogData), to be shown in the reader's language; null before 0014 and for notes. */
  data: string | null;
}

export interface FollowupTables {
  followup: FollowupTable;
  followup_log: FollowupLogTable;
}
