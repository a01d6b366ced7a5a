import type { Generated } from 'kysely';

export interface CompanyTable {
  id: string;
  org_nr: string;
  name: string;
  /** " leksands knäckebröd ab": lower-cased (sv), folded words, leading space (core/register/names.ts). */
  name_search: string;
  /** Swedish alphabetical order as byte order. */
  name_sort: string;
  legal_form: string | null;
  sni_code: string | null;
  sni_version: string | null;
  sni_section: string | null;
  sni_division: string | null;
  industry_text: string | null;
  size_class: number;
  employees: number | null;
  visit_address: string | null;
  postal_code: string | null;
  postal_town: string | null;
  kommunkod: string | null;
  kommun: string | null;
  lat: number | null;
  lon: number | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  /** 1: the org nr is a personnummer (sole trader). */
  personal_data: number;
  /** 1: from the register; 0: added from the public registration form. */
  verified: number;
  content_hash: string;
  created_at: string;
  updated_at: string;
}

/**
 * One word of a company's name, with copies of the columns search filters and sorts on. Write
 * it with `insertCompanyWords()` (company.repository.ts) so the copies are filled in.
 */
export interface CompanyWordTable {
  word: string;
  org_nr: string;
  name_sort: string | null;
  sni_division: string | null;
  size_class: Generated<number>;
  employees: number | null;
  postal_code: string | null;
  kommunkod: string | null;
}

export interface ImportRunTable {
  id: string;
  kind: string;
  status: string;
  phase: string;
  file_name: string;
  encoding: string | null;
  total_bytes: number | null;
  bytes_processed: number;
  records_processed: number;
  read_count: number | null;
  created_count: number | null;
  updated_count: number | null;
  unchanged_count: number | null;
  rejected_count: number | null;
  rejects_path: string | null;
  error: string | null;
  /** When failed: 'file', 'busy', 'stopped' or 'internal' (ImportErrorKind); null before migration 0011. */
  error_kind: string | null;
  /** When done: JSON [{ kommunkod, records }] of records with another municipality's kommunkod; null before migration 0016. */
  other_kommuner: string | null;
  user_id: string | null;
  started_at: string;
  finished_at: string | null;
  updated_at: string;
}

export interface CompanyTables {
  company: CompanyTable;
  company_word: CompanyWordTable;
  import_run: ImportRunTable;
}
