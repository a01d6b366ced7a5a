import type { Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { parseOrgNr } from '../../core/orgnr';
import { validation } from '../../server/errors';
import type { GoalFilter } from '../../contracts/relay';
import { CompanyQuery } from '../../contracts/companies';
import { searchCompanies as searchRegister, type RegisterReader } from '../companies/company.service';
import { insertUnverifiedCompany } from '../companies/company.repository';

/**
 * The relay's window on the company register (owned by the companies module, migration 0002).
 * Declared narrowly here, as the visits module does, so the relay reads only the columns it needs
 * and does not depend on how the companies module composes its types. Writing is limited to one
 * case: a nominated company that is not in the register is entered as new and unverified.
 */
export interface RelayCompanyRow {
  id: string;
  org_nr: string;
  name: string;
  name_search: string;
  name_sort: string;
  sni_section: string | null;
  size_class: number;
  postal_town: string | null;
  kommunkod: string | null;
  email: string | null;
  personal_data: number;
  verified: number;
  content_hash: string;
  created_at: string;
  updated_at: string;
}

interface CompanyTables {
  company: RelayCompanyRow;
  company_word: { word: string; org_nr: string };
}

type CDb = Kysely<Database & CompanyTables> | Transaction<Database & CompanyTables>;
export const cdb = (db: Executor): CDb => db as unknown as CDb;

export interface CompanyBrief {
  id: string;
  name: string;
  postalTown: string | null;
  sniSection: string | null;
  sizeClass: number | null;
  verified: boolean;
}

export function toBrief(
  r: Pick<RelayCompanyRow, 'id' | 'name' | 'postal_town' | 'sni_section' | 'size_class' | 'verified'>,
): CompanyBrief {
  return {
    id: r.id,
    name: r.name,
    postalTown: r.postal_town,
    sniSection: r.sni_section,
    sizeClass: r.size_class || null,
    verified: r.verified === 1,
  };
}

export const BRIEF_COLUMNS = ['id', 'name', 'postal_town', 'sni_section', 'size_class', 'verified'] as const;

export async function findCompanies(db: Executor, ids: string[]): Promise<Map<string, RelayCompanyRow>> {
  if (!ids.length) return new Map();
  const rows = await cdb(db)
    .selectFrom('company')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findCompany(db: Executor, id: string): Promise<RelayCompanyRow | undefined> {
  return cdb(db).selectFrom('company').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Finds companies by name words or organisation number through the companies module's search (the
 * same folding, prefix matching and Swedish order as the register page, and the same limits for a
 * reader without personal data), then reads the columns the relay shows.
 */
export async function searchCompanies(
  db: Executor,
  q: string,
  limit: number,
  reader?: RegisterReader,
): Promise<RelayCompanyRow[]> {
  if (!q.trim()) return [];
  const page = await searchRegister(db, CompanyQuery.parse({ q, pageSize: limit }), reader);
  const rows = await findCompanies(
    db,
    page.items.map((c) => c.id),
  );
  return page.items.flatMap((c) => rows.get(c.id) ?? []);
}

/**
 * A nominated company that is not in the register: entered as new and unverified, so the business
 * unit can check it. If the organisation number is already in the register, that company is used.
 */
export async function findOrCreateCompany(
  db: Executor,
  input: { name: string; orgNr: string; postalTown: string },
  now: Date,
): Promise<string> {
  const org = parseOrgNr(input.orgNr);
  if (!org.ok) throw validation([{ path: 'company.new.orgNr', message: org.message }]);
  const existing = await cdb(db)
    .selectFrom('company')
    .select('id')
    .where('org_nr', '=', org.orgNr)
    .executeTakeFirst();
  if (existing) return existing.id;
  return insertUnverifiedCompany(
    db,
    { id: newId(), orgNr: org.orgNr, name: input.name, personal: org.personal, postalTown: input.postalTown },
    now,
  );
}

/** Register companies matching a programme's filter goal (an empty list in a field matches all). */
export function filterQuery(db: Executor, f: GoalFilter) {
  let q = cdb(db).selectFrom('company');
  if (f.sniSections.length) q = q.where('sni_section', 'in', f.sniSections);
  if (f.sizeClasses.length) q = q.where('size_class', 'in', f.sizeClasses);
  if (f.postalTowns.length) q = q.where('postal_town', 'in', f.postalTowns);
  return q;
}

export async function countMatching(db: Executor, f: GoalFilter): Promise<number> {
  const r = await filterQuery(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Register counts per SNI section, size class and postal town, for coverage. */
export async function registerCounts(
  db: Executor,
  column: 'sni_section' | 'size_class' | 'postal_town',
): Promise<Array<{ key: string | number | null; n: number }>> {
  const rows = await cdb(db)
    .selectFrom('company')
    .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(column)
    .execute();
  return rows.map((r) => ({ key: r.key as string | number | null, n: Number(r.n) }));
}
