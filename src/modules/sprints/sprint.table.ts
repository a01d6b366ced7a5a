export interface SprintTable {
  id: string;
  municipality_id: string;
  name: string;
  slug: string;
  day: string;
  /** JSON text: [{ id, start, end }] (HH:MM, Europe/Stockholm). */
  slots: string;
  /** JSON text: the scheduler's rules. */
  rules: string;
  /** JSON text: topic slugs offered. */
  topics: string;
  public_text: string;
  meeting_link_template: string;
  registration_opens_at: string;
  registration_closes_at: string;
  status: string;
  /** JSON text: the stored plan, or null before the first run. */
  plan: string | null;
  published_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SprintParticipantTable {
  sprint_id: string;
  user_id: string;
  available: string;
  max_visits: number | null;
}

export interface SprintRegistrationTable {
  id: string;
  sprint_id: string;
  company_id: string;
  org_nr: string;
  company_name: string;
  contact_name: string;
  contact_role: string;
  contact_email: string;
  contact_phone: string;
  mode: string;
  visit_address: string;
  lat: number | null;
  lon: number | null;
  position_source: string | null;
  slots: string;
  topics: string;
  topics_text: string;
  meeting_link: string;
  lang: string;
  consent_at: string;
  token_hash: string;
  withdrawn_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SprintPublishedVisitTable {
  registration_id: string;
  sprint_id: string;
  visit_id: string;
  ical_uid: string;
  sequence: number;
  snapshot: string;
  cancelled: number;
  updated_at: string;
}

/** The `company` table as this module uses it (owned by the companies module, migration 0002). */
export interface CompanyRefTable {
  id: string;
  org_nr: string;
  name: string;
  visit_address: string | null;
  postal_code: string | null;
  postal_town: string | null;
  lat: number | null;
  lon: number | null;
  verified: number;
}

export interface SprintTables {
  sprint: SprintTable;
  sprint_participant: SprintParticipantTable;
  sprint_registration: SprintRegistrationTable;
  sprint_published_visit: SprintPublishedVisitTable;
}
