export interface RelayProgrammeTable {
  id: string;
  municipality_id: string;
  name: string;
  description: string;
  goal_type: string;
  goal_count: number | null;
  goal_filter: string | null;
  target_pace: number;
  goal_date: string | null;
  team_rule: string;
  max_batons: number;
  answer_days: number;
  public_page: number;
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RelayBatonTable {
  id: string;
  programme_id: string;
  number: number;
  status: string;
  holder_leg_id: string | null;
  origin_leg_id: string | null;
  moved_at: string;
  stall_notified_at: string | null;
  ended_reason: string;
  created_at: string;
  updated_at: string;
}

export interface RelayLegTable {
  id: string;
  programme_id: string;
  baton_id: string;
  company_id: string;
  seq: number;
  previous_leg_id: string | null;
  nomination_id: string | null;
  visit_id: string | null;
  status: string;
  proposed_times: string;
  contact_name: string;
  contact_email: string | null;
  show_publicly: number;
  nominate_token_hash: string | null;
  visited_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RelayNominationTable {
  id: string;
  programme_id: string;
  baton_id: string;
  seq: number;
  from_leg_id: string;
  company_id: string;
  source: string;
  nominated_by: string | null;
  reason: string;
  invite_email: string;
  contact_name: string;
  status: string;
  open_company_key: string | null;
  open_baton_key: string | null;
  token_hash: string;
  reminder_token_hash: string | null;
  invited_at: string;
  due_at: string;
  reminded_at: string | null;
  answered_at: string | null;
  answer_note: string;
  created_at: string;
  updated_at: string;
}

export interface RelayEventTable {
  id: string;
  programme_id: string;
  baton_id: string | null;
  leg_id: string | null;
  nomination_id: string | null;
  kind: string;
  actor: string;
  actor_user_id: string | null;
  detail: string;
  at: string;
  seq: number;
}

export interface RelayTables {
  relay_programme: RelayProgrammeTable;
  relay_baton: RelayBatonTable;
  relay_leg: RelayLegTable;
  relay_nomination: RelayNominationTable;
  relay_event: RelayEventTable;
}
