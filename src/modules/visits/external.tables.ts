import type { Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../db/database';

/**
 * Columns of other modules' tables that visits, follow-ups, feedback and reports read (never
 * write). Declared here, narrowly, so this module does not depend on how those modules compose
 * their own types: `company` (companies, migration 0002) and the sprint registrations (sprints,
 * migration 0004), whose contact is the company's contact for feedback, and programme names.
 */
export interface CompanyRef {
  id: string;
  org_nr: string;
  name: string;
  email: string | null;
  sni_code: string | null;
  sni_section: string | null;
}

export interface SprintRegistrationRef {
  id: string;
  sprint_id: string;
  company_id: string;
  contact_name: string;
  contact_role: string;
  contact_email: string;
  withdrawn_at: string | null;
  created_at: string;
}

export interface SprintPublishedVisitRef {
  registration_id: string;
  sprint_id: string;
  visit_id: string;
}

export interface SprintRef {
  id: string;
  name: string;
  day: string;
}

export interface RelayProgrammeRef {
  id: string;
  name: string;
}

export interface ExternalTables {
  company: CompanyRef;
  sprint: SprintRef;
  relay_programme: RelayProgrammeRef;
  sprint_registration: SprintRegistrationRef;
  sprint_published_visit: SprintPublishedVisitRef;
}

export type ReadDb = Kysely<Database & ExternalTables> | Transaction<Database & ExternalTables>;

/** The same connection, typed to see the tables above as well. */
export function ext(db: Executor): ReadDb {
  return db as unknown as ReadDb;
}
