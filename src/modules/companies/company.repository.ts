import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database, Executor } from '../../db/database';
import type { CompanyTable, ImportRunTable } from './company.table';
import { indexWords, searchText, sortKey } from '../../core/register/names';
import { hashToken } from '../../lib/ids';

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
/** Words matching up to this many companies are searched in the word index alone. */
export const WORD_RANGE_LIMIT = 250_000;
/** A lone word commoner than this is searched by walking the name index (none is, today). */
const WALK_MIN = 250_000;
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

/** `t`: the table (or subquery) whose name_sort, org_nr, employees and postal_code it orders by. */
function orderBy<Q extends { orderBy: (...a: never[]) => Q }>(
  q: Q,
  sort: SortKey,
  dir: 'asc' | 'desc',
  t = 'company',
): Q {
  // Every order ends in name_sort, org_nr so pages are stable.
  const anyQ = q as unknown as {
    orderBy(expr: unknown, dir?: unknown): typeof anyQ;
  };
  let r = anyQ;
  switch (sort) {
    case 'name':
      r = r.orderBy(`${t}.name_sort`, dir).orderBy(`${t}.org_nr`, dir);
      break;
    case 'orgNr':
      r = r.orderBy(`${t}.org_nr`, dir);
      break;
    case 'employees':
      r = r
        .orderBy(sql`${sql.ref(`${t}.employees`)} ${sql.raw(dir)} nulls last`)
        .orderBy(`${t}.name_sort`)
        .orderBy(`${t}.org_nr`);
      break;
    case 'postalCode':
      r = r
        .orderBy(sql`${sql.ref(`${t}.postal_code`)} ${sql.raw(dir)} nulls last`)
        .orderBy(`${t}.name_sort`)
        .orderBy(`${t}.org_nr`);
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

/** The same order as orderBy() above, in JavaScript, for a few thousand keys. */
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

/**
 * An org-nr or postal-code prefix without words: the prefix's range (scanned if it holds at most
 * RANGE_SCAN_LIMIT companies) with the other filters written as expressions, so the range is the
 * index used; if at most SPARSE_LIMIT match, they are sorted and counted here and the page read.
 * Null otherwise: the caller walks an index instead.
 */
const RANGE_SCAN_LIMIT = 50_000;

async function searchByRange(
  db: Executor,
  p: SearchParams,
  col: 'org_nr' | 'postal_code',
  prefix: string,
): Promise<{ rows: CompanyRow[]; total: number; totalIsEstimate: boolean } | null> {
  const inRange = await db
    .selectFrom(
      db
        .selectFrom('company')
        .select(sql<number>`1`.as('one'))
        .where(`company.${col}`, '>=', prefix)
        .where(`company.${col}`, '<', prefix + HIGH)
        .limit(RANGE_SCAN_LIMIT + 1)
        .as('x'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const n = Number(inRange?.n ?? 0);
  const otherFilters =
    p.section || p.division || p.sizeClass !== undefined || p.kommunkod || (p.postalCode && p.orgNrPrefix);
  // Index only. A range too big to scan, or big and unfiltered (its first page is an index walk).
  if (n > RANGE_SCAN_LIMIT || (n > SPARSE_LIMIT && !otherFilters)) return null;
  const keys = (await db
    .selectFrom('company')
    .select(['company.id', 'company.org_nr', 'company.name_sort', 'company.employees', 'company.postal_code'])
    .where(`company.${col}`, '>=', prefix)
    .where(`company.${col}`, '<', prefix + HIGH)
    .where((eb) => {
      const and: Expression<SqlBool>[] = [];
      const div = sql<string>`(company.sni_division || '')`;
      if (p.section) and.push(eb(div, '>=', p.section.from), eb(div, '<=', p.section.to));
      if (p.division) and.push(eb(div, '=', p.division));
      if (p.sizeClass !== undefined) and.push(eb(sql<number>`(company.size_class + 0)`, '=', p.sizeClass));
      if (p.kommunkod) and.push(eb(sql<string>`(company.kommunkod || '')`, '=', p.kommunkod));
      if (col === 'org_nr' && p.postalCode) {
        const pc = sql<string>`(company.postal_code || '')`;
        and.push(eb(pc, '>=', p.postalCode), eb(pc, '<', p.postalCode + HIGH));
      }
      if (col === 'postal_code' && p.orgNrPrefix) {
        const o = sql<string>`(company.org_nr || '')`;
        and.push(eb(o, '>=', p.orgNrPrefix), eb(o, '<', p.orgNrPrefix + HIGH));
      }
      return eb.and(and);
    })
    .limit(SPARSE_LIMIT + 1)
    .execute()) as SortRow[];
  if (keys.length > SPARSE_LIMIT) return null;
  keys.sort(compareRows(p.sort, p.dir));
  const ids = keys.slice(p.offset, p.offset + p.limit).map((k) => k.id);
  const page = ids.length ? await db.selectFrom('company').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(page.map((r) => [r.id, r]));
  return { rows: ids.map((id) => byId.get(id)!).filter(Boolean), total: keys.length, totalIsEstimate: false };
}

/**
 * A word search as a range scan of `company_word` alone: the word's range, the filters and the
 * sort keys are all in that table's rows; other words are probes by org nr. Then the page's rows.
 * `knownTotal`: the word's own count, when nothing else narrows it.
 */
async function searchByWord(
  db: Executor,
  p: SearchParams,
  drive: string,
  others: string[],
  knownTotal: number | null,
  /** The drive word's rows in the index (counted up to a cap). */
  rangeRows: number,
): Promise<{ rows: CompanyRow[]; total: number; totalIsEstimate: boolean }> {
  const base = () => {
    let q = db
      .selectFrom('company_word as w')
      .where('w.word', '>=', drive)
      .where('w.word', '<', drive + HIGH);
    if (p.section)
      q = q.where('w.sni_division', '>=', p.section.from).where('w.sni_division', '<=', p.section.to);
    if (p.division) q = q.where('w.sni_division', '=', p.division);
    if (p.sizeClass !== undefined) q = q.where('w.size_class', '=', p.sizeClass);
    if (p.postalCode)
      q = q.where('w.postal_code', '>=', p.postalCode).where('w.postal_code', '<', p.postalCode + HIGH);
    if (p.kommunkod) q = q.where('w.kommunkod', '=', p.kommunkod);
    for (const o of others) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('company_word as w2')
            .select(sql<number>`1`.as('one'))
            .whereRef('w2.org_nr', '=', 'w.org_nr')
            .where('w2.word', '>=', o)
            .where('w2.word', '<', o + HIGH),
        ),
      );
    }
    return q;
  };
  // A name with two words of the drive's prefix ("Sven Svenssons Bygg" for "sven") is two rows of
  // the range: a page counts companies, so when the range is small enough to group cheaply, it is
  // grouped by company first, and the page, its end and the total are exact. A larger range (over
  // SPARSE_LIMIT rows: a total shown as "more than 5 000") is paged by its rows, a few more fetched
  // and the repeats dropped.
  if (rangeRows <= SPARSE_LIMIT) {
    const grouped = base()
      .select((eb) => [
        'w.org_nr',
        eb.fn.min('w.name_sort').as('name_sort'),
        eb.fn.min('w.employees').as('employees'),
        eb.fn.min('w.postal_code').as('postal_code'),
      ])
      .groupBy('w.org_nr')
      .as('d');
    const g = orderBy(
      db.selectFrom(grouped).select(['d.org_nr', 'd.name_sort', 'd.employees', 'd.postal_code']),
      p.sort,
      p.dir,
      'd',
    );
    const keys = await g.limit(p.limit).offset(p.offset).execute();
    const rows = await rowsByOrgNr(
      db,
      keys.map((k) => k.org_nr),
    );
    let total: number;
    if (rows.length < p.limit && (rows.length > 0 || p.offset === 0)) total = p.offset + rows.length;
    else {
      const row = await db
        .selectFrom(grouped)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      total = Number(row?.n ?? 0);
    }
    return total > p.totalCap
      ? { rows, total: p.totalCap, totalIsEstimate: true }
      : { rows, total, totalIsEstimate: false };
  }
  // The sort keys are written as expressions so no planner is tempted to walk an index in sort
  // order hoping to meet the word's rows early: the word's range is the scan, then a top-N sort.
  let q = base().select(['w.org_nr', 'w.name_sort', 'w.employees', 'w.postal_code']);
  const dir = p.dir;
  switch (p.sort) {
    case 'name':
      q = q.orderBy(sql`(w.name_sort || '')`, dir).orderBy('w.org_nr', dir);
      break;
    case 'orgNr':
      q = q.orderBy(sql`(w.org_nr || '')`, dir);
      break;
    case 'employees':
      q = q
        .orderBy(sql`(w.employees + 0) ${sql.raw(dir)} nulls last`)
        .orderBy('w.name_sort')
        .orderBy('w.org_nr');
      break;
    case 'postalCode':
      q = q
        .orderBy(sql`(w.postal_code || '') ${sql.raw(dir)} nulls last`)
        .orderBy('w.name_sort')
        .orderBy('w.org_nr');
      break;
  }
  // A company's rows sort side by side (they share every sort key): fetch a few more, keep one.
  const extra = 4;
  const keys = await q
    .limit(p.limit + extra)
    .offset(p.offset)
    .execute();
  const rows = await rowsByOrgNr(db, [...new Set(keys.map((k) => k.org_nr))].slice(0, p.limit));
  let total: number;
  // The range ends on this page only when it gave fewer rows than were asked for.
  if (keys.length < p.limit + extra && (rows.length > 0 || p.offset === 0)) total = p.offset + rows.length;
  else if (knownTotal !== null) total = knownTotal;
  else {
    const inner = base()
      .select('w.org_nr')
      .distinct()
      .limit(p.totalCap + 1);
    const row = await db
      .selectFrom(inner.as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    total = Number(row?.n ?? 0);
  }
  return total > p.totalCap
    ? { rows, total: p.totalCap, totalIsEstimate: true }
    : { rows, total, totalIsEstimate: false };
}

/** The register's rows of these org nrs, in the order given. */
async function rowsByOrgNr(db: Executor, orgNrs: string[]): Promise<CompanyRow[]> {
  const page = orgNrs.length
    ? await db.selectFrom('company').selectAll().where('org_nr', 'in', orgNrs).execute()
    : [];
  const byOrg = new Map(page.map((r) => [r.org_nr, r]));
  return orgNrs.map((o) => byOrg.get(o)!).filter(Boolean);
}

export async function searchCompanyRows(
  db: Executor,
  p: SearchParams,
): Promise<{ rows: CompanyRow[]; total: number; totalIsEstimate: boolean }> {
  const likeWords = p.words;
  let singleDense = false;
  if (p.words.length) {
    // The rarest word decides the plan; counting each word stops at a cap (index only).
    const counts = new Map<string, number>();
    for (const w of p.words) {
      const n = await countWordPrefix(db, w, SPARSE_LIMIT + 1);
      if (n === 0) return { rows: [], total: 0, totalIsEstimate: false };
      counts.set(w, n);
    }
    let [drive, n] = [...counts].sort((x, y) => x[1] - y[1])[0]!;
    const filtered = p.section || p.division || p.sizeClass !== undefined || p.postalCode || p.kommunkod;
    // One very common word, no filter, A→Ö: walking the name index fills the page at once (below).
    const lone = p.words.length === 1 && !filtered && p.sort === 'name' && p.dir === 'asc';
    if (n > SPARSE_LIMIT) {
      const cap = lone ? WALK_MIN : WORD_RANGE_LIMIT;
      for (const w of p.words) counts.set(w, await countWordPrefix(db, w, cap + 1));
      [drive, n] = [...counts].sort((x, y) => x[1] - y[1])[0]!;
    }
    const walk = lone && n > WALK_MIN;
    if (!walk && n <= WORD_RANGE_LIMIT) {
      return searchByWord(
        db,
        p,
        drive,
        p.words.filter((w) => w !== drive),
        p.words.length === 1 && !filtered ? n : null,
        n,
      );
    }
    singleDense = p.words.length === 1;
  }
  if (!p.words.length && (p.orgNrPrefix || p.postalCode)) {
    const ranged = p.orgNrPrefix
      ? await searchByRange(db, p, 'org_nr', p.orgNrPrefix)
      : await searchByRange(db, p, 'postal_code', p.postalCode!);
    if (ranged) return ranged;
  }
  // Dense words, an org nr prefix, or filters only: walk the register in the requested order by
  // its index (or a filter's index), checking each row, until the page is full.
  const base = () => db.selectFrom('company').where((eb) => filters(eb, p, likeWords));
  // Keys first (an index can often answer them alone), then the page's rows.
  const keys = await orderBy(base().select('company.org_nr'), p.sort, p.dir)
    .limit(p.limit)
    .offset(p.offset)
    .execute();
  const orgNrs = keys.map((k) => k.org_nr);
  const found = orgNrs.length
    ? await db.selectFrom('company').selectAll().where('org_nr', 'in', orgNrs).execute()
    : [];
  const byOrg = new Map(found.map((r) => [r.org_nr, r]));
  const rows = orgNrs.map((o) => byOrg.get(o)!).filter(Boolean);
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

/**
 * The word-index rows of one company (for code that adds a company outside the import, e.g. from
 * the public registration form): its name's words with the copies search filters and sorts on.
 */
export async function insertCompanyWords(
  db: Executor,
  c: Pick<
    CompanyRow,
    'org_nr' | 'name' | 'sni_division' | 'size_class' | 'employees' | 'postal_code' | 'kommunkod'
  >,
): Promise<void> {
  const words = indexWords(c.name);
  if (!words.length) return;
  await db
    .insertInto('company_word')
    .values(
      words.map((word) => ({
        word,
        org_nr: c.org_nr,
        name_sort: sortKey(c.name),
        sni_division: c.sni_division,
        size_class: c.size_class,
        employees: c.employees,
        postal_code: c.postal_code,
        kommunkod: c.kommunkod,
      })),
    )
    .execute();
}

/** A company written outside the import: the columns code elsewhere (and the demo) may set. */
export interface CompanyRecord {
  id: string;
  orgNr: string;
  name: string;
  personal: boolean;
  verified: boolean;
  visitAddress?: string | null;
  postalCode?: string | null;
  postalTown?: string | null;
  kommunkod?: string | null;
  sniSection?: string | null;
  sizeClass?: number;
  lat?: number | null;
  lon?: number | null;
  email?: string | null;
  phone?: string | null;
}

/**
 * Writes one company outside the import, with its word-index rows, so the register's search
 * finds it like any imported company.
 */
/**
 * Adds a company and its search words. With `ifAbsent`, a company another writer stored with the
 * same organisation number first (two forms sent at once) is left as it is: false, nothing added.
 */
export async function insertCompanyRecord(
  db: Executor,
  c: CompanyRecord,
  now: Date,
  opts: { ifAbsent?: boolean } = {},
): Promise<boolean> {
  const postalCode = c.postalCode ? c.postalCode.replace(/\s/g, '') : null;
  const insert = db.insertInto('company').values({
    id: c.id,
    org_nr: c.orgNr,
    name: c.name,
    name_search: searchText(c.name),
    name_sort: sortKey(c.name),
    visit_address: c.visitAddress || null,
    postal_code: postalCode,
    postal_town: c.postalTown || null,
    kommunkod: c.kommunkod || null,
    sni_section: c.sniSection || null,
    lat: c.lat ?? null,
    lon: c.lon ?? null,
    email: c.email || null,
    phone: c.phone || null,
    size_class: c.sizeClass ?? 0,
    personal_data: c.personal ? 1 : 0,
    verified: c.verified ? 1 : 0,
    content_hash: hashToken(JSON.stringify([c.orgNr, c.name, c.visitAddress ?? '', c.postalTown ?? ''])),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  const res = await (
    opts.ifAbsent ? insert.onConflict((oc) => oc.column('org_nr').doNothing()) : insert
  ).executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await insertCompanyWords(db, {
    org_nr: c.orgNr,
    name: c.name,
    sni_division: null,
    size_class: c.sizeClass ?? 0,
    employees: null,
    postal_code: postalCode,
    kommunkod: c.kommunkod || null,
  });
  return true;
}

/**
 * A company that is not in the register but has come to Besök another way (it registered for a
 * sprint, or was nominated in a relay): added, marked unverified for the business unit to check,
 * and findable by the register's search. Its id: the one given, or that of the company another
 * writer added with the same organisation number a moment before.
 */
export async function insertUnverifiedCompany(
  db: Executor,
  c: Omit<CompanyRecord, 'verified'>,
  now: Date,
): Promise<string> {
  if (await insertCompanyRecord(db, { ...c, verified: false }, now, { ifAbsent: true })) return c.id;
  // Another writer added the same organisation number a moment ago: that company it is.
  const row = await db
    .selectFrom('company')
    .select('id')
    .where('org_nr', '=', c.orgNr)
    .executeTakeFirstOrThrow();
  return row.id;
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

/** The latest imports of the register, newest first. */
export async function listImportRuns(db: Executor, limit: number): Promise<ImportRunTable[]> {
  return db
    .selectFrom('import_run')
    .selectAll()
    .where('kind', '=', 'companies')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
