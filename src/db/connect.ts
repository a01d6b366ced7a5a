import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './database';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** For SQLite, the file; for PostgreSQL, the URL without password. */
  location: string;
  /** The SQLite handle, for what only SQLite does (online backup, bulk import pragmas). */
  sqlite?: SQLite.Database;
  /** The PostgreSQL pool, for what only PostgreSQL does (COPY for a first load of the register). */
  pgPool?: pg.Pool;
  destroy(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

// COUNT(*) and BIGINT come back as strings from pg by default; the app only counts rows far below
// 2^53, so parse them as numbers and keep the two dialects returning the same types.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** The SQLite file a DATABASE_URL names: a path, or sqlite:PATH and sqlite://PATH (sqlite:///abs/path). */
export function sqliteFile(url: string): string {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  return file === ':memory:' ? file : resolve(file);
}

/**
 * Opens the database that `url` names: a `postgres://` URL, or the path of a SQLite file
 * (its folder is created; the file is created on first use).
 */
export function connect(url: string, opts: { poolSize?: number } = {}): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle pooled connection that the server closes (a restart, pg_terminate_backend, a failover)
    // makes the pool emit 'error'; unheard, that would end the process. The pool drops the client
    // and opens a new one on the next query, so saying so is all there is to do.
    pool.on('error', (err) =>
      process.emitWarning(`PostgreSQL closed an idle connection: ${err.message}`, 'DatabaseWarning'),
    );
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: 'postgres',
      location: url.replace(/:[^:@/]*@/, ':***@'),
      pgPool: pool,
      destroy: () => kysely.destroy(),
    };
  }
  const path = sqliteFile(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { kysely, dialect: 'sqlite', location: path, sqlite: database, destroy: () => kysely.destroy() };
}
