import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/database';

/**
 * The bulk path of the register import, and all of its SQL. The import runs in two steps:
 *
 * 1. **Stage**: every valid record goes, as it streams in, to a TEMP table of its own (append
 *    only, keyed by the record's line). Nothing in the register changes yet.
 * 2. **Merge**: duplicates in the file are resolved (the later line wins), then the staged rows
 *    are merged into `company` and `company_word` in org-nr order, set-based, chunk by chunk,
 *    each chunk one transaction: new → INSERT, changed content hash → UPDATE (and its words
 *    replaced), same hash → nothing.
 *
 * Staging first is what makes a re-import of the same file change nothing even when the file
 * holds the same company twice: a one-pass upsert would write the older row over the stored
 * newer one and then back. On SQLite the statements run on the better-sqlite3 handle (prepared,
 * synchronous) with Kysely's connection held, so no other request's transaction can interleave;
 * on PostgreSQL one pooled connection is held for the import and rows are staged with
 * `INSERT … SELECT FROM unnest($1::text[], …)` (20-odd parameters per 5 000 rows).
 */

/** One staged record: the company's columns plus the line, a fresh id and the words. */
export interface StageRow {
  line: number;
  id: string;
  org_nr: string;
  content_hash: string;
  /** JSON array of the name's index words. */
  words: string;
  name: string;
  name_search: string;
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
  personal_data: number;
}

type ColType = 'int' | 'text' | 'real';
const STAGE_COLUMNS: ReadonlyArray<[keyof StageRow, ColType]> = [
  ['line', 'int'],
  ['id', 'text'],
  ['org_nr', 'text'],
  ['content_hash', 'text'],
  ['words', 'text'],
  ['name', 'text'],
  ['name_search', 'text'],
  ['name_sort', 'text'],
  ['legal_form', 'text'],
  ['sni_code', 'text'],
  ['sni_version', 'text'],
  ['sni_section', 'text'],
  ['sni_division', 'text'],
  ['industry_text', 'text'],
  ['size_class', 'int'],
  ['employees', 'int'],
  ['visit_address', 'text'],
  ['postal_code', 'text'],
  ['postal_town', 'text'],
  ['kommunkod', 'text'],
  ['kommun', 'text'],
  ['lat', 'real'],
  ['lon', 'real'],
  ['email', 'text'],
  ['phone', 'text'],
  ['website', 'text'],
  ['personal_data', 'int'],
];

/** The company columns the register supplies (everything but id, verified and the timestamps). */
const DATA_COLUMNS = STAGE_COLUMNS.map(([c]) => c).filter((c) => c !== 'line' && c !== 'id' && c !== 'words');

export interface MergeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportStage {
  add(rows: StageRow[]): Promise<void>;
  /** Resolves duplicates and merges into the register; returns counts per staged record. */
  merge(opts: {
    now: Date;
    chunkSize: number;
    onChunk?: (merged: number, total: number) => void;
  }): Promise<MergeCounts>;
}

/** Runs `fn` with a fresh stage, dropped afterwards whatever happens. */
export async function withImportStage<T>(db: Db, fn: (stage: ImportStage) => Promise<T>): Promise<T> {
  const name = `company_stage_${randomBytes(6).toString('hex')}`;
  if (db.dialect === 'sqlite') return withSqliteStage(db, name, fn);
  return db.kysely.connection().execute((conn) => withPostgresStage(conn, name, fn));
}

// ---------------------------------------------------------------------------------------------
// The merge, in SQL both dialects accept (UPDATE … FROM exists in SQLite ≥ 3.33 and PostgreSQL).

function mergeStatements(stage: string, dialect: 'sqlite' | 'postgres') {
  const range = `s.org_nr > ? AND s.org_nr <= ?`;
  const notUnchanged = `NOT EXISTS (SELECT 1 FROM company c WHERE c.org_nr = s.org_nr AND c.content_hash = s.content_hash)`;
  const words =
    dialect === 'sqlite'
      ? `INSERT OR IGNORE INTO company_word (word, org_nr)
         SELECT j.value, s.org_nr FROM ${stage} s, json_each(s.words) j WHERE ${range} AND ${notUnchanged} ORDER BY 1, 2`
      : `INSERT INTO company_word (word, org_nr)
         SELECT DISTINCT w, s.org_nr FROM ${stage} s CROSS JOIN LATERAL json_array_elements_text(s.words::json) w
         WHERE ${range} AND ${notUnchanged} ON CONFLICT DO NOTHING`;
  return {
    count: `SELECT count(*) AS total, count(c.org_nr) AS existing,
              coalesce(sum(CASE WHEN c.content_hash = s.content_hash THEN 1 ELSE 0 END), 0) AS same
            FROM ${stage} s LEFT JOIN company c ON c.org_nr = s.org_nr WHERE ${range}`,
    deleteWords: `DELETE FROM company_word WHERE org_nr IN (
              SELECT s.org_nr FROM ${stage} s JOIN company c ON c.org_nr = s.org_nr
              WHERE ${range} AND c.content_hash <> s.content_hash)`,
    insertWords: words,
    update: `UPDATE company SET ${DATA_COLUMNS.map((c) => `${c} = s.${c}`).join(', ')}, verified = 1, updated_at = ?
             FROM ${stage} s WHERE company.org_nr = s.org_nr AND company.content_hash <> s.content_hash AND ${range}`,
    insert: `INSERT INTO company (id, ${DATA_COLUMNS.join(', ')}, verified, created_at, updated_at)
             SELECT s.id, ${DATA_COLUMNS.map((c) => `s.${c}`).join(', ')}, 1, ?, ?
             FROM ${stage} s WHERE ${range} AND NOT EXISTS (SELECT 1 FROM company c WHERE c.org_nr = s.org_nr)
             ORDER BY s.org_nr`,
    // Earlier lines of an org nr that appears again later in the file: set aside, then dropped.
    findDuplicates: `INSERT INTO ${stage}_dup (line, org_nr)
             SELECT s.line, s.org_nr FROM ${stage} s
             JOIN (SELECT org_nr, max(line) AS last FROM ${stage} GROUP BY org_nr HAVING count(*) > 1) g
               ON g.org_nr = s.org_nr AND s.line < g.last`,
    dropDuplicates: `DELETE FROM ${stage} WHERE line IN (SELECT line FROM ${stage}_dup)`,
    // A superseded line counts as unchanged when its company ends up unchanged, else as updated.
    duplicatesUnchanged: `SELECT count(*) AS n FROM ${stage}_dup d JOIN ${stage} s ON s.org_nr = d.org_nr
             JOIN company c ON c.org_nr = s.org_nr AND c.content_hash = s.content_hash`,
    duplicates: `SELECT count(*) AS n FROM ${stage}_dup`,
    staged: `SELECT count(*) AS n FROM ${stage}`,
    nextBound: `SELECT org_nr FROM ${stage} WHERE org_nr > ? ORDER BY org_nr LIMIT 1 OFFSET ?`,
  };
}

function stageDdl(stage: string, dialect: 'sqlite' | 'postgres'): string[] {
  const type = (t: ColType, col: string) =>
    t === 'int'
      ? 'integer'
      : t === 'real'
        ? dialect === 'sqlite'
          ? 'real'
          : 'double precision'
        : dialect === 'postgres' && (col === 'org_nr' || col === 'name_sort' || col === 'postal_code')
          ? 'text collate "C"'
          : 'text';
  const cols = STAGE_COLUMNS.map(([c, t]) => `${c} ${type(t, c)}${c === 'line' ? ' PRIMARY KEY' : ''}`);
  return [
    `CREATE TEMP TABLE ${stage} (${cols.join(', ')})`,
    `CREATE TEMP TABLE ${stage}_dup (line integer PRIMARY KEY, org_nr ${dialect === 'postgres' ? 'text collate "C"' : 'text'})`,
  ];
}

const STAGE_INDEX = (stage: string) => `CREATE INDEX ${stage}_org ON ${stage} (org_nr, line)`;

// ---------------------------------------------------------------------------------------------
// SQLite: prepared statements on the better-sqlite3 handle.

async function withSqliteStage<T>(db: Db, stage: string, fn: (s: ImportStage) => Promise<T>): Promise<T> {
  const h = db.sqlite;
  if (!h) throw new Error('SQLite handle missing');
  // Holding Kysely's connection means no Kysely transaction is open while we run raw statements.
  const exclusive = <R>(work: () => R): Promise<R> => db.kysely.connection().execute(async () => work());
  const saved = { cache: h.pragma('cache_size', { simple: true }) as number };
  await exclusive(() => {
    for (const ddl of stageDdl(stage, 'sqlite')) h.exec(ddl);
    // A bigger page cache for the import only: the merge touches the whole register's indexes.
    h.pragma('cache_size = -131072');
    h.pragma('temp.cache_size = -65536');
  });
  const q = mergeStatements(stage, 'sqlite');
  const insert = h.prepare(
    `INSERT INTO ${stage} (${STAGE_COLUMNS.map(([c]) => c).join(', ')}) VALUES (${STAGE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertMany = h.transaction((rows: StageRow[]) => {
    for (const r of rows) insert.run(STAGE_COLUMNS.map(([c]) => r[c]));
  });
  const stageApi: ImportStage = {
    add: (rows) => exclusive(() => insertMany(rows)),
    async merge({ now, chunkSize, onChunk }) {
      const iso = now.toISOString();
      const prep = await exclusive(() => {
        h.exec(STAGE_INDEX(stage));
        h.prepare(q.findDuplicates).run();
        h.prepare(q.dropDuplicates).run();
        const dups = Number((h.prepare(q.duplicates).get() as { n: number }).n);
        const dupsUnchanged = Number((h.prepare(q.duplicatesUnchanged).get() as { n: number }).n);
        const total = Number((h.prepare(q.staged).get() as { n: number }).n);
        return { dups, dupsUnchanged, total };
      });
      const counts: MergeCounts = { created: 0, updated: 0, unchanged: 0 };
      const s = {
        count: h.prepare(q.count),
        deleteWords: h.prepare(q.deleteWords),
        insertWords: h.prepare(q.insertWords),
        update: h.prepare(q.update),
        insert: h.prepare(q.insert),
        nextBound: h.prepare(q.nextBound).pluck(),
      };
      const chunk = h.transaction((lo: string, hi: string) => {
        const c = s.count.get(lo, hi) as { total: number; existing: number; same: number };
        s.deleteWords.run(lo, hi);
        s.insertWords.run(lo, hi);
        s.update.run(iso, lo, hi);
        s.insert.run(iso, iso, lo, hi);
        return c;
      });
      let lo = '';
      let merged = 0;
      for (;;) {
        const hi = await exclusive(
          () => (s.nextBound.get(lo, chunkSize - 1) as string | undefined) ?? '\uffff',
        );
        const c = await exclusive(() => chunk(lo, hi));
        counts.created += c.total - c.existing;
        counts.updated += c.existing - c.same;
        counts.unchanged += c.same;
        merged += c.total;
        onChunk?.(merged, prep.total);
        if (hi === '\uffff') break;
        lo = hi;
      }
      counts.unchanged += prep.dupsUnchanged;
      counts.updated += prep.dups - prep.dupsUnchanged;
      return counts;
    },
  };
  try {
    return await fn(stageApi);
  } finally {
    await exclusive(() => {
      h.exec(`DROP TABLE IF EXISTS temp.${stage}`);
      h.exec(`DROP TABLE IF EXISTS temp.${stage}_dup`);
      h.pragma(`cache_size = ${saved.cache}`);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: one held connection, staged through unnest() arrays.

const PG_ARRAY: Record<ColType, string> = { int: 'int[]', text: 'text[]', real: 'float8[]' };

/** `?` placeholders → a Kysely raw query with parameters. */
function raw(text: string, params: unknown[]): RawBuilder<unknown> {
  const parts = text.split('?');
  return sql.join(
    parts.map((p, i) => (i < params.length ? sql`${sql.raw(p)}${params[i]}` : sql.raw(p))),
    sql.raw(''),
  );
}

async function withPostgresStage<T>(
  conn: Kysely<Database>,
  stage: string,
  fn: (s: ImportStage) => Promise<T>,
): Promise<T> {
  const exec = (text: string, params: unknown[] = []) => raw(text, params).execute(conn);
  const one = async (text: string, params: unknown[] = []) =>
    (await exec(text, params)).rows[0] as Record<string, unknown>;
  for (const ddl of stageDdl(stage, 'postgres')) await exec(ddl);
  const q = mergeStatements(stage, 'postgres');
  const insertSql =
    `INSERT INTO ${stage} (${STAGE_COLUMNS.map(([c]) => c).join(', ')}) SELECT * FROM unnest(` +
    STAGE_COLUMNS.map(([, t]) => `?::${PG_ARRAY[t]}`).join(', ') +
    `)`;
  const stageApi: ImportStage = {
    async add(rows) {
      if (!rows.length) return;
      await exec(
        insertSql,
        STAGE_COLUMNS.map(([c]) => rows.map((r) => r[c])),
      );
    },
    async merge({ now, chunkSize, onChunk }) {
      const iso = now.toISOString();
      await exec(STAGE_INDEX(stage));
      await exec(`ANALYZE ${stage}`);
      await exec(q.findDuplicates);
      await exec(q.dropDuplicates);
      const dups = Number((await one(q.duplicates)).n);
      const dupsUnchanged = Number((await one(q.duplicatesUnchanged)).n);
      const total = Number((await one(q.staged)).n);
      const counts: MergeCounts = { created: 0, updated: 0, unchanged: 0 };
      let lo = '';
      let merged = 0;
      for (;;) {
        const hi = ((await one(q.nextBound, [lo, chunkSize - 1]))?.org_nr as string | undefined) ?? '\uffff';
        await exec('BEGIN');
        try {
          const c = await one(q.count, [lo, hi]);
          await exec(q.deleteWords, [lo, hi]);
          await exec(q.insertWords, [lo, hi]);
          await exec(q.update, [iso, lo, hi]);
          await exec(q.insert, [iso, iso, lo, hi]);
          await exec('COMMIT');
          const existing = Number(c.existing);
          const same = Number(c.same);
          counts.created += Number(c.total) - existing;
          counts.updated += existing - same;
          counts.unchanged += same;
          merged += Number(c.total);
        } catch (err) {
          await exec('ROLLBACK');
          throw err;
        }
        onChunk?.(merged, total);
        if (hi === '\uffff') break;
        lo = hi;
      }
      counts.unchanged += dupsUnchanged;
      counts.updated += dups - dupsUnchanged;
      return counts;
    },
  };
  try {
    return await fn(stageApi);
  } finally {
    await exec(`DROP TABLE IF EXISTS ${stage}`).catch(() => undefined);
    await exec(`DROP TABLE IF EXISTS ${stage}_dup`).catch(() => undefined);
  }
}
