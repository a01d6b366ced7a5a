import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../db/connect';
import { AppError } from '../../server/errors';
import { STOP_WORDS } from '../../core/register/names';

/**
 * The bulk path of the register import, and all of its SQL. The service hands over batches of
 * normalised records; per batch this module reads what the register holds for those org nrs
 * and writes only what is new or changed, in one transaction (a CLI's first load into SQLite:
 * one transaction over several batches, see SOLE_USER_COMMIT_ROWS):
 *
 * - SQLite: prepared statements on the better-sqlite3 handle (synchronous, with Kysely's
 *   connection held so no other request's transaction can interleave).
 * - PostgreSQL: one pooled connection (pg's own client) held for the import. Into an empty register
 *   the new companies and their words go in with COPY (pg-copy-streams); otherwise each batch goes
 *   as one JSON parameter turned into rows by the server (`json_to_recordset`) — far cheaper than
 *   thousands of bound parameters, or 27 arrays that pg serialises in JavaScript.
 *
 * Loading into an empty register, the secondary indexes (and on PostgreSQL the word table's primary
 * key) are dropped first and built again at the end (building an index from sorted data is several
 * times faster than growing it row by row); their definitions are read from the database, so the
 * migration stays their only source.
 * Statistics are refreshed after every import.
 */

/** One record to write: the company's columns plus its line, a fresh id and its index words. */
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

/**
 * The register's columns of a stored company: what an import writes but its key, hash, name and
 * the columns computed from the name (a file always has the name; keepStored keeps the rest).
 */
const NOT_KEPT = ['org_nr', 'content_hash', 'name', 'name_search', 'name_sort', 'personal_data'] as const;
type StoredColumn = Exclude<keyof StageRow, (typeof NOT_KEPT)[number] | 'line' | 'id' | 'words'>;
export const STORED_COLUMNS = DATA_COLUMNS.filter(
  (c): c is StoredColumn => !(NOT_KEPT as readonly string[]).includes(c),
);
export type StoredValues = Pick<StageRow, StoredColumn>;
const EXISTING_SELECT = (withValues: boolean) =>
  `SELECT org_nr, content_hash, updated_at${withValues ? `, ${STORED_COLUMNS.join(', ')}` : ''} FROM company`;

/** A row of EXISTING_SELECT as an ExistingCompany (`withValues`: its register columns gathered). */
function existingOf(row: Record<string, unknown>, withValues: boolean): ExistingCompany {
  if (!withValues) return row as unknown as ExistingCompany;
  const e: ExistingCompany = {
    org_nr: row.org_nr as string,
    content_hash: row.content_hash as string,
    updated_at: row.updated_at as string,
  };
  e.values = Object.fromEntries(STORED_COLUMNS.map((c) => [c, row[c] ?? null])) as StoredValues;
  return e;
}

export interface ExistingCompany {
  org_nr: string;
  content_hash: string;
  updated_at: string;
  /** Asked for with `withValues`. */
  values?: StoredValues;
}

export interface BatchWrite {
  inserts: StageRow[];
  updates: StageRow[];
  /** Companies that a later row of the file set back to what they were: their old updated_at. */
  restores: Array<{ org_nr: string; updated_at: string }>;
}

export interface ImportWriter {
  /** The register was empty when the import began: a first load, where writing is the work. */
  firstLoad: boolean;
  /**
   * What the register holds for these org nrs; `withValues`: their register columns as well, for
   * a file that lacks some columns (what it does not say is kept, not emptied).
   */
  existing(orgNrs: string[], withValues?: boolean): Promise<Map<string, ExistingCompany>>;
  write(batch: BatchWrite, nowIso: string): Promise<void>;
}

export interface WriterOptions {
  /**
   * Nothing else uses the database handle while the import runs (the CLI's own process). A first
   * load into SQLite then keeps its transaction open over several batches (see
   * SOLE_USER_COMMIT_ROWS). A server must not: its requests share the one connection, so their
   * writes between two batches would silently join the import's transaction (committed or rolled
   * back with it), and their own transactions could not begin inside it.
   */
  soleUser?: boolean;
}

/**
 * With the handle to itself, a first load into SQLite commits once this many companies have been
 * written since the last commit: every fourth batch of 6 000 records. Each commit writes every page
 * it dirtied to the WAL, and the org nr key takes keys at random, so one batch dirties pages all
 * over it: committing a quarter as often writes them a quarter as often, at no cost in memory (the
 * batches are still written one at a time). National register, `npm run bench:import` on the
 * 2-core machine: 59.2 s committing every batch, 45.7 s with this; peak RSS 342 and 348 MB
 * (single runs with 50 000 or 2 000 000 took 50.0–50.2 s, no better). A server writing to the same
 * file meanwhile waits for its turn up to a group's time (about a second) instead of a batch's; in
 * the load's last step (building the word index and the indexes: about 13 s for the national
 * register) it waits longer than its busy timeout, as it did before.
 */
const SOLE_USER_COMMIT_ROWS = 20000;

/**
 * Runs `fn` with a writer; indexes dropped for an empty register are rebuilt whatever happens.
 * One import at a time per register: a second one, from this process or another, is refused with
 * CONFLICT while the first runs (it would otherwise take the first's unfinished load for one that
 * stopped, and finish it under its feet).
 */
export async function withImportWriter<T>(
  db: Db,
  opts: WriterOptions,
  fn: (w: ImportWriter) => Promise<T>,
): Promise<T> {
  const refuse = (): never => {
    throw new AppError('CONFLICT', ANOTHER_IMPORT);
  };
  if (db.dialect === 'sqlite') return withSqliteLock(db, refuse, () => withSqliteWriter(db, fn, opts));
  return withPostgresLock(db, refuse, (conn) => writeWithConnection(conn, fn));
}

/** In Swedish, like the import's other refusals: the web upload shows it as it stands. */
export const ANOTHER_IMPORT =
  'En annan import av företagsregistret pågår i samma databas. Försök igen när den är klar.';

/**
 * Finishes a first load of the register that stopped half way (Ctrl-C, a kill, a crash): moves its
 * staged words into the word index and builds the indexes it dropped. Every import does this first;
 * the server does it after it starts. Returns whether there was anything to finish — nothing while
 * an import is running (its load is not unfinished, only unfinished yet).
 */
export async function finishInterruptedImport(db: Db): Promise<boolean> {
  const busy = () => false;
  if (db.dialect === 'sqlite') {
    const h = sqliteHandle(db);
    return withSqliteLock(db, busy, () => db.kysely.connection().execute(async () => finishSqliteLoad(h)));
  }
  return withPostgresLock(db, busy, (conn) => finishPostgresLoad(conn));
}

function sqliteHandle(db: Db): SQLite.Database {
  if (!db.sqlite) throw new Error('SQLite handle missing');
  return db.sqlite;
}

/**
 * SQLite: runs `work` holding a lock file beside the database (`FILE.import-lock`, holding the
 * importing process's pid, taken exclusively; one left by a process that no longer runs is taken
 * over), or answers `busy()` when another import holds it. An in-memory database needs none.
 */
async function withSqliteLock<T>(db: Db, busy: () => T, work: () => Promise<T>): Promise<T> {
  if (db.location === ':memory:') return work();
  const file = `${db.location}.import-lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (attempt > 0 || (Number.isInteger(pid) && pid > 0 && processAlive(pid))) return busy();
      unlinkSync(file); // left by an import that was killed
    }
  }
  try {
    return await work();
  } finally {
    unlinkSync(file);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The import's own PostgreSQL connection, and its statements with `?` placeholders. */
interface PgConnection {
  client: pg.PoolClient;
  exec: Exec;
}

type Exec = (text: string, params?: unknown[]) => Promise<pg.QueryResult>;

/** PostgreSQL: a session advisory lock, released by the server if the importing process dies. */
const PG_IMPORT_LOCK = 0x6265736f6b; // "besok"

/**
 * PostgreSQL: runs `work` on a connection of its own (COPY and the statements of a batch share its
 * transactions) holding the import lock, or answers `busy()` when another import holds it. A
 * connection that failed is not handed back to the pool.
 */
async function withPostgresLock<T>(
  db: Db,
  busy: () => T,
  work: (conn: PgConnection) => Promise<T>,
): Promise<T> {
  if (!db.pgPool) throw new Error('PostgreSQL pool missing');
  const client = await db.pgPool.connect();
  const conn: PgConnection = { client, exec: (text, params = []) => client.query(numbered(text), params) };
  let failure: Error | undefined;
  try {
    const locked = (await conn.exec('SELECT pg_try_advisory_lock(?) AS ok', [PG_IMPORT_LOCK])).rows[0] as {
      ok: boolean;
    };
    if (!locked.ok) return busy();
    try {
      return await work(conn);
    } finally {
      await conn.exec('SELECT pg_advisory_unlock(?)', [PG_IMPORT_LOCK]).catch(() => undefined);
    }
  } catch (err) {
    failure = err as Error;
    throw err;
  } finally {
    client.release(failure);
  }
}

const INSERT_COLUMNS = ['id', ...DATA_COLUMNS, 'verified', 'created_at', 'updated_at'];

/** A new company's values, in INSERT_COLUMNS' order. */
function companyValues(r: StageRow, now: string): Array<string | number | null> {
  return [r.id, ...DATA_COLUMNS.map((c) => r[c]), 1, now, now];
}

const SECONDARY_INDEXES = {
  sqlite: `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('company', 'company_word')
           AND sql IS NOT NULL ORDER BY name`,
  postgres: `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
             LEFT JOIN pg_constraint k ON k.conname = i.indexname
             WHERE i.schemaname = current_schema() AND i.tablename IN ('company', 'company_word') AND k.conname IS NULL
             ORDER BY i.indexname`,
};

/** Whether an index (or a key's index) of that name exists. */
const INDEX_EXISTS = {
  sqlite: `SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`,
  postgres: `SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?`,
};

/** The word index's columns: the word, the company, and copies of what search filters and sorts on. */
const WORD_COLUMNS = [
  'word',
  'org_nr',
  'name_sort',
  'sni_division',
  'size_class',
  'employees',
  'postal_code',
  'kommunkod',
] as const;
/** The columns of a word row after the word itself: the company and its copies. */
const WORD_COPIES = WORD_COLUMNS.slice(1) as Array<Exclude<(typeof WORD_COLUMNS)[number], 'word'>>;
const WORD_COLUMNS_SQL = WORD_COLUMNS.join(', ');
const WORD_COPIES_SQL = WORD_COPIES.map((c) => `l.${c}`).join(', ');

/**
 * Words staged in company_word_load (a company's words as JSON) go into the word index at the end
 * of a load: for each company its last row's words, replacing any it had. PostgreSQL's first load
 * stages the words of a company written a second time (the first time's went in by COPY); SQLite's
 * builds the whole word index at its end instead (REBUILD_WORDS), but a load of an earlier version,
 * which staged every company's words, may have stopped half way. The same statements finish a load
 * that stopped (see finishInterruptedImport).
 */
const MOVE_STAGED_WORDS = {
  deleteOld: 'DELETE FROM company_word WHERE org_nr IN (SELECT org_nr FROM company_word_load)',
  /** `wordsOf`: the dialect's table function of `l.words`, named `w`, and its column. */
  insert: (insert: string, wordsOf: string, word: string) =>
    `${insert} INTO company_word (${WORD_COLUMNS_SQL}) ` +
    `SELECT ${word}, ${WORD_COPIES_SQL} FROM company_word_load l, ${wordsOf} ` +
    'WHERE l.seq IN (SELECT max(seq) FROM company_word_load GROUP BY org_nr) ORDER BY 1, 2',
  clear: 'DELETE FROM company_word_load',
};

/**
 * SQLite's first load writes no words while it loads: at its end the word index is built again
 * from every company's stored search text (` leksands knäckebröd ab`: its words, folded, joined by
 * single spaces, made a JSON array by quoting it and turning its spaces into `","`), leaving out
 * the stop words, as `indexWords` does for a company added one at a time. Staging the words
 * in a table of their own cost about 3 s of a national first load. Recorded in
 * import_pending_index under this name, before the dropped indexes, so that a load that stops
 * half way has its words built when it is finished.
 */
const REBUILD_WORDS = {
  name: '(company_word: the words of every company)',
  sql:
    'DELETE FROM company_word; ' +
    `INSERT OR IGNORE INTO company_word (${WORD_COLUMNS_SQL}) ` +
    `SELECT w.value, ${WORD_COPIES.map((c) => `c.${c}`).join(', ')} FROM company c, ` +
    // json_quote escapes whatever a search text written some other way may hold (a quote, a
    // backslash, a control character), so no stored name can stop the load being finished.
    `json_each('[' || replace(json_quote(substr(c.name_search, 2)), ' ', '","') || ']') w ` +
    `WHERE w.value NOT IN ('', ${[...STOP_WORDS].map((w) => `'${w.replaceAll("'", "''")}'`).join(', ')}) ORDER BY 1, 2`,
};

/** Helper threads SQLite's sorter may use while a load is finished. */
const SORT_THREADS = 2;
type Copies = [string, string, string | null, number, number | null, string | null, string | null];
type WordRow = [string, ...Copies];

function copiesOf(r: StageRow): Copies {
  return [r.org_nr, r.name_sort, r.sni_division, r.size_class, r.employees, r.postal_code, r.kommunkod];
}

function wordsOf(rows: StageRow[]): WordRow[] {
  const out: WordRow[] = [];
  for (const r of rows) {
    const copies = copiesOf(r);
    for (const w of JSON.parse(r.words) as string[]) out.push([w, ...copies]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SQLite

async function withSqliteWriter<T>(
  db: Db,
  fn: (w: ImportWriter) => Promise<T>,
  opts: WriterOptions,
): Promise<T> {
  const h = sqliteHandle(db);
  // Holding Kysely's connection means no Kysely transaction is open while we run raw statements.
  const exclusive = <R>(work: () => R): Promise<R> => db.kysely.connection().execute(async () => work());
  const saved = {
    cache: h.pragma('cache_size', { simple: true }) as number,
    checkpoint: h.pragma('wal_autocheckpoint', { simple: true }) as number,
  };
  const bulk = await exclusive(() => {
    // A first load that stopped half way is finished before anything else.
    finishSqliteLoad(h);
    h.pragma('cache_size = -49152'); // 48 MB for the import (the default is 2 MB)
    // Checkpoint every ~80 MB of WAL rather than every 4 MB: hot index pages are copied once, not
    // again and again.
    h.pragma('wal_autocheckpoint = 20000');
    const empty = h.prepare('SELECT 1 FROM company LIMIT 1').get() === undefined;
    if (empty) {
      // The definitions are recorded in the transaction that drops the indexes, so whatever
      // stops this import, the next one (or the server's start) builds them again.
      const list = h.prepare(SECONDARY_INDEXES.sqlite).all() as Array<{ name: string; sql: string }>;
      const record = h.prepare('INSERT INTO import_pending_index (name, position, sql) VALUES (?, ?, ?)');
      h.transaction(() => {
        record.run(REBUILD_WORDS.name, -1, REBUILD_WORDS.sql);
        list.forEach((ix, i) => {
          record.run(ix.name, i, ix.sql);
          h.exec(`DROP INDEX ${ix.name}`);
        });
      })();
    }
    return empty;
  });
  const select = new Map<string, SQLite.Statement>();
  const selectFor = (n: number, withValues: boolean) => {
    const key = `${n}|${withValues}`;
    let st = select.get(key);
    if (!st) {
      st = h.prepare(`${EXISTING_SELECT(withValues)} WHERE org_nr IN (${Array(n).fill('?').join(',')})`);
      select.set(key, st);
    }
    return st;
  };
  const insert = h.prepare(
    `INSERT INTO company (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const update = h.prepare(
    `UPDATE company SET ${DATA_COLUMNS.map((c) => `${c} = ?`).join(', ')}, verified = 1, updated_at = ? WHERE org_nr = ?`,
  );
  const restore = h.prepare('UPDATE company SET updated_at = ? WHERE org_nr = ?');
  const deleteWords = h.prepare('DELETE FROM company_word WHERE org_nr = ?');
  const insertWord = h.prepare(
    `INSERT OR IGNORE INTO company_word (${WORD_COLUMNS_SQL}) VALUES (${WORD_COLUMNS.map(() => '?').join(', ')})`,
  );
  const commitEvery = bulk && opts.soleUser ? SOLE_USER_COMMIT_ROWS : 0;
  let uncommitted = 0;
  const writeAll = h.transaction((b: BatchWrite, now: string) => {
    for (const r of b.inserts) insert.run(companyValues(r, now));
    for (const r of b.updates) {
      update.run([...DATA_COLUMNS.map((c) => r[c]), now, r.org_nr]);
      if (!bulk) deleteWords.run(r.org_nr);
    }
    // Into an empty register the word index is built at the end, in order (REBUILD_WORDS).
    if (!bulk) {
      const words = wordsOf([...b.inserts, ...b.updates]);
      words.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1));
      for (const w of words) insertWord.run(w);
    }
    for (const r of b.restores) restore.run(r.updated_at, r.org_nr);
  });
  const writer: ImportWriter = {
    firstLoad: bulk,
    existing: (orgNrs, withValues = false) =>
      exclusive(() => {
        const map = new Map<string, ExistingCompany>();
        for (let i = 0; i < orgNrs.length; i += 500) {
          const part = orgNrs.slice(i, i + 500);
          for (const r of selectFor(part.length, withValues).all(part) as Array<Record<string, unknown>>)
            map.set(r.org_nr as string, existingOf(r, withValues));
        }
        return map;
      }),
    write: (batch, now) =>
      batch.inserts.length + batch.updates.length + batch.restores.length === 0
        ? Promise.resolve()
        : exclusive(() => {
            if (commitEvery === 0) return writeAll(batch, now);
            // Inside the open transaction writeAll is a savepoint: a batch that fails on a statement
            // is undone alone, and the batches before it are committed when the import ends, as
            // they would have been. (An error that makes SQLite roll back the whole transaction —
            // a full disk, an I/O error — takes the group's earlier batches with it; the import fails
            // with that error and the next one writes them.)
            if (!h.inTransaction) {
              uncommitted = 0;
              h.exec('BEGIN');
            }
            writeAll(batch, now);
            uncommitted += batch.inserts.length + batch.updates.length;
            if (uncommitted >= commitEvery) commitOpen();
          }),
  };
  /** Commits a group left open (nothing without one); a failed commit is rolled back, not left open. */
  const commitOpen = () => {
    if (commitEvery === 0 || !h.inTransaction) return;
    try {
      h.exec('COMMIT');
    } catch (err) {
      try {
        if (h.inTransaction) h.exec('ROLLBACK');
      } catch {
        // The commit's error is the one to report.
      }
      throw err;
    } finally {
      uncommitted = 0;
    }
  };
  const finish = () =>
    exclusive(() => {
      // A group that cannot be committed is lost (and reported), but what was committed before it
      // is finished all the same: its words moved, its indexes built.
      let notCommitted: unknown = null;
      try {
        commitOpen();
      } catch (err) {
        notCommitted = err;
      }
      try {
        // The sorts of the last steps take memory of their own beside the page cache: give the
        // cache back first, so the import's peak stays where the loading put it.
        h.pragma('cache_size = -8192');
        h.pragma('shrink_memory');
        finishSqliteLoad(h, true);
        if (notCommitted) throw notCommitted;
      } finally {
        h.pragma(`cache_size = ${saved.cache}`);
        h.pragma(`wal_autocheckpoint = ${saved.checkpoint}`);
      }
    });
  let result: T;
  try {
    result = await fn(writer);
  } catch (err) {
    // What was written is kept: a group still open is committed first, and if that fails, that
    // is the error to report (the rows the caller was told are saved are not). Then the load is
    // finished all the same, reporting what went wrong first, not a later failure.
    const notSaved = await exclusive(commitOpen).then(
      () => null,
      (e: unknown) => e,
    );
    await finish().catch(() => undefined);
    throw notSaved ?? err;
  }
  await finish();
  return result;
}

/**
 * Finishes a first load: its staged words into the word index, its dropped indexes built again,
 * fresh statistics. Does nothing (but the statistics, when asked) if no load is unfinished.
 */
function finishSqliteLoad(h: SQLite.Database, analyze = false): boolean {
  let work = false;
  // Sorting for the word index and the indexes may use a helper thread (SQLite's multi-threaded
  // sorter): the parser's thread is done by now, so the second core is free. About a quarter off
  // each index build of a national register.
  const threads = h.pragma('threads', { simple: true }) as number;
  h.pragma(`threads = ${SORT_THREADS}`);
  try {
    // Words staged by a first load of an earlier version that stopped half way.
    if (h.prepare('SELECT 1 FROM company_word_load LIMIT 1').get() !== undefined) {
      work = true;
      h.transaction(() => {
        h.exec(MOVE_STAGED_WORDS.deleteOld);
        h.exec(MOVE_STAGED_WORDS.insert('INSERT OR IGNORE', 'json_each(l.words) w', 'w.value'));
        h.exec(MOVE_STAGED_WORDS.clear);
      })();
    }
    const pending = h.prepare('SELECT name, sql FROM import_pending_index ORDER BY position').all() as Array<{
      name: string;
      sql: string;
    }>;
    const exists = h.prepare(INDEX_EXISTS.sqlite);
    const done = h.prepare('DELETE FROM import_pending_index WHERE name = ?');
    // A step that fails stays recorded (the next import, or the server's start, tries it again),
    // and the others are done all the same: the register keeps its indexes whatever one step meets.
    let failure: unknown = null;
    for (const ix of pending) {
      work = true;
      try {
        // The words are built by this version's statement, whichever version recorded the step.
        if (ix.name === REBUILD_WORDS.name) h.transaction(() => h.exec(REBUILD_WORDS.sql))();
        else if (exists.get(ix.name) === undefined) h.exec(ix.sql);
        done.run(ix.name);
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure) throw failure;
    if (work || analyze) {
      // Fresh statistics for the query planner; sampled, so it takes a moment only.
      h.pragma('analysis_limit = 1000');
      h.exec('ANALYZE company; ANALYZE company_word');
    }
  } finally {
    h.pragma(`threads = ${threads}`);
  }
  return work;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** `?` placeholders → `$1, $2, …` (no statement here has a literal question mark). */
function numbered(text: string): string {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}

/** A value in COPY's text format: `\N` for null, the four characters it escapes escaped. */
function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : v;
}

/** A row in COPY's text format: its values tab-separated, ending the line. */
export function copyLine(values: ReadonlyArray<string | number | null>): string {
  return values.map(copyField).join('\t') + '\n';
}

const PG_TYPE: Record<ColType, string> = { int: 'int', text: 'text', real: 'float8' };
const RECORDSET = `json_to_recordset(?::json) AS s(${STAGE_COLUMNS.map(([c, t]) => `${c} ${PG_TYPE[t]}`).join(', ')})`;
const STAGE_TYPE = new Map<string, ColType>(STAGE_COLUMNS);
/** `word text, org_nr text, …`: the word row's columns with their types (the copies' from the stage row). */
const PG_WORD_DEFS = WORD_COLUMNS.map((c) => `${c} ${PG_TYPE[STAGE_TYPE.get(c) ?? 'text']}`);
const WORD_PK = 'company_word_pk';

async function writeWithConnection<T>(conn: PgConnection, fn: (w: ImportWriter) => Promise<T>): Promise<T> {
  const { client, exec } = conn;
  /** COPY rows (already in COPY's text format, one per line) into a table. */
  const copy = async (table: string, columns: readonly string[], lines: string[]) => {
    if (lines.length === 0) return;
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from([lines.join('')]), stream);
  };
  // A first load that stopped half way is finished before anything else.
  await finishPostgresLoad(conn);
  const empty = (await exec('SELECT NOT EXISTS (SELECT 1 FROM company) AS empty')).rows[0] as {
    empty: boolean;
  };
  const bulk = empty.empty;
  if (bulk) {
    // Into an empty register the rows are loaded with COPY, and the word table's primary key goes
    // too (it is rebuilt, like the indexes, from sorted data at the end): growing a btree row by row
    // was most of a first load's time. The definitions are read from the database and recorded in
    // the transaction that drops them, so whatever stops this import, the next one (or the server's
    // start) builds them again.
    const key = (
      await exec(
        `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
         WHERE c.conname = ? AND c.conrelid = 'company_word'::regclass`,
        [WORD_PK],
      )
    ).rows[0] as { def: string } | undefined;
    const indexes = (await exec(SECONDARY_INDEXES.postgres)).rows as Array<{ name: string; sql: string }>;
    const drops = [
      ...(key
        ? [
            {
              name: WORD_PK,
              sql: `ALTER TABLE company_word ADD CONSTRAINT ${WORD_PK} ${key.def}`,
              drop: `ALTER TABLE company_word DROP CONSTRAINT ${WORD_PK}`,
            },
          ]
        : []),
      ...indexes.map((ix) => ({ ...ix, drop: `DROP INDEX ${ix.name}` })),
    ];
    await inTransaction(exec, async () => {
      for (const [i, d] of drops.entries()) {
        await exec('INSERT INTO import_pending_index (name, position, sql) VALUES (?, ?, ?)', [
          d.name,
          i,
          d.sql,
        ]);
        await exec(d.drop);
      }
    });
  }
  const stageSql =
    `INSERT INTO company_word_load (words, ${WORD_COPIES.join(', ')}) ` +
    `SELECT s.words, ${WORD_COPIES.map((c) => `s.${c}`).join(', ')} FROM ${RECORDSET} ORDER BY s.line`;
  const insertSql =
    `INSERT INTO company (${INSERT_COLUMNS.join(', ')}) SELECT s.id, ${DATA_COLUMNS.map((c) => `s.${c}`).join(', ')}, 1, ?, ? ` +
    `FROM ${RECORDSET}`;
  const updateSql =
    `UPDATE company SET ${DATA_COLUMNS.map((c) => `${c} = s.${c}`).join(', ')}, verified = 1, updated_at = ? ` +
    `FROM ${RECORDSET} WHERE company.org_nr = s.org_nr`;
  const wordsSql =
    `INSERT INTO company_word (${WORD_COLUMNS_SQL}) SELECT DISTINCT ON (w.word, w.org_nr) ${WORD_COLUMNS.map((c) => `w.${c}`).join(', ')} ` +
    `FROM json_to_recordset(?::json) AS w(${PG_WORD_DEFS.join(', ')}) ORDER BY 1, 2 ON CONFLICT DO NOTHING`;
  const writer: ImportWriter = {
    firstLoad: bulk,
    async existing(orgNrs, withValues = false) {
      const res = await exec(`${EXISTING_SELECT(withValues)} WHERE org_nr = ANY(?::text[])`, [orgNrs]);
      return new Map(
        (res.rows as Array<Record<string, unknown>>).map((r) => [
          r.org_nr as string,
          existingOf(r, withValues),
        ]),
      );
    },
    async write(b, now) {
      if (b.inserts.length + b.updates.length + b.restores.length === 0) return;
      await inTransaction(exec, async () => {
        if (bulk) {
          await copy(
            'company',
            INSERT_COLUMNS,
            b.inserts.map((r) => copyLine(companyValues(r, now))),
          );
          await copy('company_word', WORD_COLUMNS, wordsOf(b.inserts).map(copyLine));
        } else if (b.inserts.length) await exec(insertSql, [now, now, JSON.stringify(b.inserts)]);
        if (b.updates.length) {
          const updates = JSON.stringify(b.updates);
          await exec(updateSql, [now, updates]);
          // A company written again during a first load: its new words replace the ones copied
          // before when the load is finished (the word key is not there to replace them now).
          if (bulk) await exec(stageSql, [updates]);
          else
            await exec('DELETE FROM company_word WHERE org_nr = ANY(?::text[])', [
              b.updates.map((r) => r.org_nr),
            ]);
        }
        if (!bulk) {
          const words = wordsOf([...b.inserts, ...b.updates]).map((w) =>
            Object.fromEntries(WORD_COLUMNS.map((c, i) => [c, w[i]])),
          );
          if (words.length) await exec(wordsSql, [JSON.stringify(words)]);
        }
        if (b.restores.length) {
          await exec(
            'UPDATE company SET updated_at = r.updated_at FROM json_to_recordset(?::json) AS r(org_nr text, updated_at text) WHERE company.org_nr = r.org_nr',
            [JSON.stringify(b.restores)],
          );
        }
      });
    },
  };
  let result: T;
  try {
    result = await fn(writer);
  } catch (err) {
    // Finish the load all the same, but report what went wrong first, not a later failure.
    await finishPostgresLoad(conn, true).catch(() => undefined);
    throw err;
  }
  await finishPostgresLoad(conn, true);
  return result;
}

async function inTransaction(exec: Exec, work: () => Promise<void>): Promise<void> {
  await exec('BEGIN');
  try {
    await work();
    await exec('COMMIT');
  } catch (err) {
    await exec('ROLLBACK');
    throw err;
  }
}

/**
 * Finishes a first load: the words of companies written twice into the word table, the word key
 * and the dropped indexes built again, fresh statistics. Does nothing (but the statistics, when
 * asked) if no load is unfinished.
 */
async function finishPostgresLoad({ client, exec }: PgConnection, analyze = false): Promise<boolean> {
  let work = false;
  if ((await exec('SELECT 1 FROM company_word_load LIMIT 1')).rows.length > 0) {
    work = true;
    await inTransaction(exec, async () => {
      // The three statements must see the same staged rows.
      await exec('LOCK TABLE company_word_load IN EXCLUSIVE MODE');
      await exec(MOVE_STAGED_WORDS.deleteOld);
      await exec(
        MOVE_STAGED_WORDS.insert(
          'INSERT',
          'LATERAL json_array_elements_text(l.words::json) AS w(word)',
          'w.word',
        ),
      );
      await exec(MOVE_STAGED_WORDS.clear);
    });
  }
  const pending = (await exec('SELECT name, sql FROM import_pending_index ORDER BY position')).rows as Array<{
    name: string;
    sql: string;
  }>;
  if (pending.length) {
    await exec("SET maintenance_work_mem = '128MB'");
    try {
      for (const ix of pending) {
        work = true;
        // The definition as the database wrote it: not a statement with placeholders.
        if ((await exec(INDEX_EXISTS.postgres, [ix.name])).rows.length === 0) await client.query(ix.sql);
        await exec('DELETE FROM import_pending_index WHERE name = ?', [ix.name]);
      }
    } finally {
      await exec('RESET maintenance_work_mem');
    }
  }
  if (work || analyze) {
    // After a first load, VACUUM too: it sets the visibility map, without which a fresh table's
    // index-only scans (the word index, the postal index) would visit the heap for every row.
    // (Autovacuum does the same later for ordinary imports.)
    const op = work ? 'VACUUM (ANALYZE)' : 'ANALYZE';
    await exec(`${op} company`);
    await exec(`${op} company_word`);
  }
  return work;
}
