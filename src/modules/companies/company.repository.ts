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
 *     (a few thousand lookups at most), checks the other words on `name_search` with
 *     `LIKE '% word%'` and the filters, then sorts and counts those keys in JavaScript and reads
 *     only the page's rows: two bounded queries and an exact total.
 *   - If every word is common (more than SPARSE_LIMIT companies each, e.g. "bygg" in a national
 *     register), the search walks the register in the requested order by its index and checks
 *     each row with LIKE until the page is full: common words fill a page quickly.
 * - Counting stops at TOTAL_CAP: more than that is reported as an estimate.
 */
export const SPARSE_LIMIT = 5000;
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

type SortRow = Pick<CompanyRow, 'id' | 'org_nr' | 'name_sort' | 'employees' | 'postal_code'>;

/** The same order as orderBy() above, in JavaScript, for the few thousand rows of a rare word. */
function compareRows(sort: SortKey, dir: 'asc' | 'desc'): (a: SortRow, b: SortRow) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const byName = (a: SortRow, b: SortRow) => cmp(a.name_sort, b.name_sort) || cmp(a.org_nr, b.org_nr);
  switch (sort) {
    case 'name':
      return (a, b) => sign * byName(a, b);
    case 'orgNr':
      return (a, b) => sign * cmp(a.org_nr, b.org_nr);
    case 'employees':
    case 'postalCode': {
      const key = (r: SortRow) => (sort === 'employees' ? r.employees : r.postal_code);
      return (a, b) => {
        const x = key(a);
        const y = key(b);
        if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1; // nulls last
        return sign * cmp(x, y) || byName(a, b);
      };
    }
  }
}

export async function searchCompanyRows(
  db: Executor,
  p: SearchParams,
): Promise<{ rows: CompanyRow[]; total: number; totalIsEstimate: boolean }> {
  let likeWords = p.words;
  let singleDense = false;
  if (p.words.length) {
    // The rarest word decides the plan; counting each word stops at the cap (index only).
    let best = { w: '', n: Infinity };
    for (const w of p.words) {
      const n = await countWordPrefix(db, w, SPARSE_LIMIT + 1);
      if (n === 0) return { rows: [], total: 0, totalIsEstimate: false };
      if (n < best.n) best = { w, n };
    }
    if (best.n <= SPARSE_LIMIT) {
      // Sparse: fetch the (at most SPARSE_LIMIT) matches' sort keys, sort and count here, then
      // read the one page of rows. Two bounded queries, exact total.
      const d = best.w;
      likeWords = p.words.filter((w) => w !== d);
      const keys = (await db
        .selectFrom('company_word')
        .innerJoin('company', 'company.org_nr', 'company_word.org_nr')
        .select([
          'company.id',
          'company.org_nr',
          'company.name_sort',
          'company.employees',
          'company.postal_code',
        ])
        .where('company_word.word', '>=', d)
        .where('company_word.word', '<', d + HIGH)
        .where((eb) => filters(eb as unknown as Eb, p, likeWords))
        .execute()) as SortRow[];
      const seen = new Set<string>();
      const unique = keys.filter((k) => (seen.has(k.org_nr) ? false : (seen.add(k.org_nr), true)));
      unique.sort(compareRows(p.sort, p.dir));
      const ids = unique.slice(p.offset, p.offset + p.limit).map((k) => k.id);
      const page = ids.length
        ? await db.selectFrom('company').selectAll().where('id', 'in', ids).execute()
        : [];
      const byId = new Map(page.map((r) => [r.id, r]));
      const rows = ids.map((id) => byId.get(id)!).filter(Boolean);
      const total = Math.min(unique.length, p.totalCap);
      return { rows, total, totalIsEstimate: unique.length > p.totalCap };
    }
    singleDense = p.words.length === 1;
  }
  // Dense words, an org nr prefix, or filters only: walk the register in the requested order by
  // its index (or a filter's index), checking each row, until the page is full.
  const base = () => db.selectFrom('company').where((eb) => filters(eb, p, likeWords));
  const rows = (await orderBy(base().selectAll('company'), p.sort, p.dir)
    .limit(p.limit)
    .offset(p.offset)
    .execute()) as CompanyRow[];
  const noFilters =
    !p.section && !p.division && p.sizeClass === undefined && !p.postalCode && !p.kommunkod && !p.orgNrPrefix;
  if (singleDense && noFilters) {
    // The word alone matches more companies than the cap (counted above).
    return { rows, total: p.totalCap, totalIsEstimate: true };
  }
  // Count, no further than the cap (a page that is not full tells the total directly).
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
