import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/database';

const HIGH = '\uffff';

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
// Each chunk first lists its new and changed rows in `<stage>_act`, so an unchanged re-import
// costs one join per chunk and nothing else.

function mergeStatements(stage: string, dialect: 'sqlite' | 'postgres') {
  const range = `s.org_nr > ? AND s.org_nr <= ?`;
  const act = `${stage}_act`;
  const words =
    dialect === 'sqlite'
      ? `INSERT OR IGNORE INTO company_word (word, org_nr)
         SELECT j.value, s.org_nr FROM ${act} a JOIN ${stage} s ON s.line = a.line, json_each(s.words) j ORDER BY 1, 2`
      : `INSERT INTO company_word (word, org_nr)
         SELECT DISTINCT w, s.org_nr FROM ${act} a JOIN ${stage} s ON s.line = a.line
         CROSS JOIN LATERAL json_array_elements_text(s.words::json) w ON CONFLICT DO NOTHING`;
  return {
    clearAct: `DELETE FROM ${act}`,
    classify: `INSERT INTO ${act} (line, org_nr, action)
            SELECT s.line, s.org_nr, CASE WHEN c.org_nr IS NULL THEN 'c' ELSE 'u' END
            FROM ${stage} s LEFT JOIN company c ON c.org_nr = s.org_nr
            WHERE ${range} AND (c.org_nr IS NULL OR c.content_hash <> s.content_hash)`,
    count: `SELECT (SELECT count(*) FROM ${stage} s WHERE ${range}) AS total,
              (SELECT count(*) FROM ${act} WHERE action = 'c') AS created,
              (SELECT count(*) FROM ${act} WHERE action = 'u') AS updated`,
    deleteWords: `DELETE FROM company_word WHERE org_nr IN (SELECT org_nr FROM ${act} WHERE action = 'u')`,
    insertWords: words,
    update: `UPDATE company SET ${DATA_COLUMNS.map((c) => `${c} = s.${c}`).join(', ')}, verified = 1, updated_at = ?
             FROM (SELECT x.* FROM ${act} a JOIN ${stage} x ON x.line = a.line WHERE a.action = 'u') AS s
             WHERE company.org_nr = s.org_nr`,
    insert: `INSERT INTO company (id, ${DATA_COLUMNS.join(', ')}, verified, created_at, updated_at)
             SELECT s.id, ${DATA_COLUMNS.map((c) => `s.${c}`).join(', ')}, 1, ?, ?
             FROM ${act} a JOIN ${stage} s ON s.line = a.line WHERE a.action = 'c' ORDER BY s.org_nr`,
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
    registerEmpty: `SELECT NOT EXISTS (SELECT 1 FROM company) AS empty`,
  };
}

function stageDdl(stage: string, dialect: 'sqlite' | 'postgres'): string[] {
  const ctext = dialect === 'postgres' ? 'text collate "C"' : 'text';
  const type = (t: ColType, col: string) =>
    t === 'int'
      ? 'integer'
      : t === 'real'
        ? dialect === 'sqlite'
          ? 'real'
          : 'double precision'
        : col === 'org_nr' || col === 'name_sort' || col === 'postal_code'
          ? ctext
          : 'text';
  const cols = STAGE_COLUMNS.map(([c, t]) => `${c} ${type(t, c)}${c === 'line' ? ' PRIMARY KEY' : ''}`);
  return [
    `CREATE TEMP TABLE ${stage} (${cols.join(', ')})`,
    `CREATE TEMP TABLE ${stage}_dup (line integer PRIMARY KEY, org_nr ${ctext})`,
    `CREATE TEMP TABLE ${stage}_act (line integer PRIMARY KEY, org_nr ${ctext}, action text)`,
  ];
}

const STAGE_INDEX = (stage: string) => `CREATE INDEX ${stage}_org ON ${stage} (org_nr, line)`;

/**
 * Loading into an empty register, the secondary indexes are dropped and built again afterwards:
 * building an index from sorted data is several times faster than growing it row by row. The
 * definitions are read from the database itself, so the migration stays their only source.
 */
const SECONDARY_INDEXES = {
  sqlite: `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('company', 'company_word')
           AND sql IS NOT NULL ORDER BY name`,
  postgres: `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
             LEFT JOIN pg_constraint k ON k.conname = i.indexname
             WHERE i.schemaname = current_schema() AND i.tablename IN ('company', 'company_word') AND k.conname IS NULL
             ORDER BY i.indexname`,
};

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
    // A bigger page cache for the import only (64 MB; the default is 2 MB).
    h.pragma('cache_size = -65536');
    h.pragma('temp.cache_size = -32768');
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
        const empty = Number((h.prepare(q.registerEmpty).get() as { empty: number }).empty) === 1;
        const indexes = empty
          ? (h.prepare(SECONDARY_INDEXES.sqlite).all() as Array<{ name: string; sql: string }>)
          : [];
        for (const ix of indexes) h.exec(`DROP INDEX ${ix.name}`);
        return { dups, dupsUnchanged, total, indexes };
      });
      const counts: MergeCounts = { created: 0, updated: 0, unchanged: 0 };
      const s = {
        clearAct: h.prepare(q.clearAct),
        classify: h.prepare(q.classify),
        count: h.prepare(q.count),
        deleteWords: h.prepare(q.deleteWords),
        insertWords: h.prepare(q.insertWords),
        update: h.prepare(q.update),
        insert: h.prepare(q.insert),
        nextBound: h.prepare(q.nextBound).pluck(),
      };
      const chunk = h.transaction((lo: string, hi: string) => {
        s.clearAct.run();
        s.classify.run(lo, hi);
        const c = s.count.get(lo, hi) as { total: number; created: number; updated: number };
        if (c.created + c.updated > 0) {
          if (c.updated > 0) s.deleteWords.run();
          s.insertWords.run();
          if (c.updated > 0) s.update.run(iso);
          if (c.created > 0) s.insert.run(iso, iso);
        }
        return c;
      });
      try {
        let lo = '';
        let merged = 0;
        for (;;) {
          const hi = await exclusive(
            () => (s.nextBound.get(lo, chunkSize - 1) as string | undefined) ?? HIGH,
          );
          const c = await exclusive(() => chunk(lo, hi));
          counts.created += c.created;
          counts.updated += c.updated;
          counts.unchanged += c.total - c.created - c.updated;
          merged += c.total;
          onChunk?.(merged, prep.total);
          if (hi === HIGH) break;
          lo = hi;
        }
      } finally {
        await exclusive(() => {
          for (const ix of prep.indexes) h.exec(ix.sql);
          // Fresh statistics for the query planner; sampled, so it takes a moment only.
          h.pragma('analysis_limit = 1000');
          h.exec('ANALYZE company; ANALYZE company_word');
        });
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
      for (const t of [stage, `${stage}_dup`, `${stage}_act`]) h.exec(`DROP TABLE IF EXISTS temp.${t}`);
      h.pragma(`cache_size = ${saved.cache}`);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: one held connection, staged through unnest() arrays.

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
  // A batch goes as one JSON parameter that the server turns into rows (json_to_recordset):
  // cheaper than thousands of bound parameters, or 27 arrays that pg serialises in JavaScript.
  const PG_TYPE: Record<ColType, string> = { int: 'int', text: 'text', real: 'float8' };
  const insertSql =
    `INSERT INTO ${stage} (${STAGE_COLUMNS.map(([c]) => c).join(', ')}) SELECT ${STAGE_COLUMNS.map(([c]) => `x.${c}`).join(', ')}` +
    ` FROM json_to_recordset(?::json) AS x(${STAGE_COLUMNS.map(([c, t]) => `${c} ${PG_TYPE[t]}`).join(', ')})`;
  const stageApi: ImportStage = {
    async add(rows) {
      if (!rows.length) return;
      await exec(insertSql, [JSON.stringify(rows)]);
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
      const empty = (await one(q.registerEmpty)).empty === true;
      const indexes = empty
        ? ((await exec(SECONDARY_INDEXES.postgres)).rows as Array<{ name: string; sql: string }>)
        : [];
      for (const ix of indexes) await exec(`DROP INDEX ${ix.name}`);
      const counts: MergeCounts = { created: 0, updated: 0, unchanged: 0 };
      try {
        let lo = '';
        let merged = 0;
        for (;;) {
          const hi = ((await one(q.nextBound, [lo, chunkSize - 1]))?.org_nr as string | undefined) ?? HIGH;
          await exec('BEGIN');
          try {
            await exec(q.clearAct);
            await exec(q.classify, [lo, hi]);
            const c = await one(q.count, [lo, hi]);
            const created = Number(c.created);
            const updated = Number(c.updated);
            if (created + updated > 0) {
              if (updated > 0) await exec(q.deleteWords);
              await exec(q.insertWords);
              if (updated > 0) await exec(q.update, [iso]);
              if (created > 0) await exec(q.insert, [iso, iso]);
            }
            await exec('COMMIT');
            counts.created += created;
            counts.updated += updated;
            counts.unchanged += Number(c.total) - created - updated;
            merged += Number(c.total);
          } catch (err) {
            await exec('ROLLBACK');
            throw err;
          }
          onChunk?.(merged, total);
          if (hi === HIGH) break;
          lo = hi;
        }
      } finally {
        for (const ix of indexes) await exec(ix.sql);
        await exec('ANALYZE company');
        await exec('ANALYZE company_word');
      }
      counts.unchanged += dupsUnchanged;
      counts.updated += dups - dupsUnchanged;
      return counts;
    },
  };
  try {
    return await fn(stageApi);
  } finally {
    for (const t of [stage, `${stage}_dup`, `${stage}_act`])
      await exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
}
