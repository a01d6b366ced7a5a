import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database, Executor } from '../../db/database';
import type { CompanyTable, ImportRunTable } from './company.table';

/**
 * All SQL of the register's read side. Search (docs/decisions/0003-company-search.md):
 *
 * - An org-nr query is a range on the unique org_nr index.
 * - A name query is split into words; each word is a prefix range on `company_word(word, org_nr)`.
 *   The rarest word is found by counting each word's range up to a cap (cheap, index only).
 *   - If the rarest word matches at most SPARSE_LIMIT companies, the search starts from those
 *     (a few thousand primary-key lookups at most), checks the other words on `name_search`
 *     with `LIKE '% word%'`, filters, sorts and counts exactly.
 *   - If every word is common (more than SPARSE_LIMIT companies each, e.g. "bygg" in a national
 *     register), the search walks the register in the requested order by its index and checks
 *     each row with LIKE until the page is full: common words fill a page quickly.
 * - Counting stops at TOTAL_CAP: more than that is reported as an estimate.
 */
export const SPARSE_LIMIT = 4000;
const HIGH = '\uffff';

export type SortKey = 'name' | 'orgNr' | 'employees' | 'postalCode';

export interface SearchParams {
  orgNrPrefix?: string;
  words: string[];
  section?: { from: string; to: string };
  division?: string;
  sizeClass?: number;
  postalCode?: string;
  kommunkod?: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
  totalCap: number;
}

export type CompanyRow = CompanyTable;

type Eb = ExpressionBuilder<Database, 'company'>;

function filters(eb: Eb, p: SearchParams, likeWords: string[]): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (p.orgNrPrefix) {
    and.push(eb('company.org_nr', '>=', p.orgNrPrefix), eb('company.org_nr', '<', p.orgNrPrefix + HIGH));
  }
  if (p.section) {
    and.push(
      eb('company.sni_division', '>=', p.section.from),
      eb('company.sni_division', '<=', p.section.to),
    );
  }
  if (p.division) and.push(eb('company.sni_division', '=', p.division));
  if (p.sizeClass !== undefined) and.push(eb('company.size_class', '=', p.sizeClass));
  if (p.postalCode) {
    and.push(
      eb('company.postal_code', '>=', p.postalCode),
      eb('company.postal_code', '<', p.postalCode + HIGH),
    );
  }
  if (p.kommunkod) and.push(eb('company.kommunkod', '=', p.kommunkod));
  for (const w of likeWords) and.push(eb('company.name_search', 'like', `% ${w}%`));
  return eb.and(and);
}

function orderBy<Q extends { orderBy: (...a: never[]) => Q }>(q: Q, sort: SortKey, dir: 'asc' | 'desc'): Q {
  // Every order ends in name_sort, org_nr so pages are stable.
  const anyQ = q as unknown as {
    orderBy(expr: unknown, dir?: unknown): typeof anyQ;
  };
  let r = anyQ;
  switch (sort) {
    case 'name':
      r = r.orderBy('company.name_sort', dir).orderBy('company.org_nr', dir);
      break;
    case 'orgNr':
      r = r.orderBy('company.org_nr', dir);
      break;
    case 'employees':
      r = r
        .orderBy(sql`company.employees ${sql.raw(dir)} nulls last`)
        .orderBy('company.name_sort')
        .orderBy('company.org_nr');
      break;
    case 'postalCode':
      r = r
        .orderBy(sql`company.postal_code ${sql.raw(dir)} nulls last`)
        .orderBy('company.name_sort')
        .orderBy('company.org_nr');
      break;
  }
  return r as unknown as Q;
}

/** How many companies have a word starting with `w`, counting no further than `cap`. */
export async function countWordPrefix(db: Executor, w: string, cap: number): Promise<number> {
  const inner = db
    .selectFrom('company_word')
    .select(sql<number>`1`.as('one'))
    .where('word', '>=', w)
    .where('word', '<', w + HIGH)
    .limit(cap);
  const row = await db
    .selectFrom(inner.as('x'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function searchCompanyRows(
  db: Executor,
  p: SearchParams,
): Promise<{ rows: CompanyRow[]; total: number; totalIsEstimate: boolean }> {
  let driver: string | null = null;
  let likeWords = p.words;
  if (p.words.length) {
    // The rarest word drives the search when it is rare enough.
    let best = { w: '', n: Infinity };
    for (const w of p.words) {
      const n = await countWordPrefix(db, w, SPARSE_LIMIT + 1);
      if (n < best.n) best = { w, n };
      if (n === 0) return { rows: [], total: 0, totalIsEstimate: false };
    }
    if (best.n <= SPARSE_LIMIT) {
      driver = best.w;
      likeWords = p.words.filter((w) => w !== best.w);
    }
  }
  const base = () => {
    let q = db.selectFrom('company');
    if (driver !== null) {
      const d = driver;
      q = q.where('company.org_nr', 'in', (eb) =>
        eb
          .selectFrom('company_word')
          .select('company_word.org_nr')
          .where('company_word.word', '>=', d)
          .where('company_word.word', '<', d + HIGH),
      );
    }
    return q.where((eb) => filters(eb, p, likeWords));
  };
  const rows = (await orderBy(base().selectAll('company'), p.sort, p.dir)
    .limit(p.limit)
    .offset(p.offset)
    .execute()) as CompanyRow[];
  // Count, but no further than the cap (a page that is not full tells the total directly).
  let total: number;
  if (rows.length < p.limit && (rows.length > 0 || p.offset === 0)) {
    total = p.offset + rows.length;
  } else {
    const inner = base()
      .select(sql<number>`1`.as('one'))
      .limit(p.totalCap + 1);
    const row = await db
      .selectFrom(inner.as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    total = Number(row?.n ?? 0);
  }
  if (total > p.totalCap) return { rows, total: p.totalCap, totalIsEstimate: true };
  return { rows, total, totalIsEstimate: false };
}

export async function findCompanyById(db: Executor, id: string): Promise<CompanyRow | undefined> {
  return db.selectFrom('company').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCompanyByOrgNr(db: Executor, orgNr: string): Promise<CompanyRow | undefined> {
  return db.selectFrom('company').selectAll().where('org_nr', '=', orgNr).executeTakeFirst();
}

/** The postal codes in use in a municipality (or everywhere), with their town and company count. */
export async function listPostalAreas(
  db: Executor,
  kommunkod: string | null,
): Promise<Array<{ postal_code: string; postal_town: string | null; n: number }>> {
  let q = db
    .selectFrom('company')
    .select([
      'postal_code',
      (eb) => eb.fn.max('postal_town').as('postal_town'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('postal_code', 'is not', null)
    .groupBy('postal_code')
    .orderBy('postal_code')
    .limit(2000);
  if (kommunkod) q = q.where('kommunkod', '=', kommunkod);
  const rows = await q.execute();
  return rows.map((r) => ({
    postal_code: r.postal_code!,
    postal_town: r.postal_town ?? null,
    n: Number(r.n),
  }));
}

// ---------------------------------------------------------------------------------------------
// Import runs (web uploads)

export async function insertImportRun(db: Executor, row: ImportRunTable): Promise<void> {
  await db.insertInto('import_run').values(row).execute();
}

export async function updateImportRun(
  db: Executor,
  id: string,
  patch: Partial<ImportRunTable>,
): Promise<void> {
  await db.updateTable('import_run').set(patch).where('id', '=', id).execute();
}

export async function findImportRun(db: Executor, id: string): Promise<ImportRunTable | undefined> {
  return db.selectFrom('import_run').selectAll().where('id', '=', id).executeTakeFirst();
}
