export interface FeedbackTable {
  id: string;
  municipality_id: string;
  company_id: string;
  visit_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  email_id: string | null;
  sent_by: string | null;
  sent_at: string;
  /** The key of the composer's send (with sent_by): the same send again gets this one. */
  request_key: string | null;
}

export interface FeedbackTables {
  feedback: FeedbackTable;
}
