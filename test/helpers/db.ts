import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type DialectName, type Db } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';

/**
 * Every repository and HTTP test runs once per dialect in this list. PostgreSQL is the server of
 * the development machines (127.0.0.1:5432, trust auth); TEST_PG_URL points elsewhere.
 * TEST_DIALECTS=sqlite narrows a local run; CI runs both.
 */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DIALECTS: DialectName[] = (process.env.TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is DialectName => s === 'sqlite' || s === 'postgres');

export interface TestDb {
  db: Db;
  url: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database of its own: a new SQLite file, or a new PostgreSQL database. */
export async function createTestDb(dialect: DialectName, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'besok-test-'));
    const url = path.join(dir, 'test.sqlite');
    const db = connect(url);
    if (opts.migrate !== false) await migrateToLatest(db);
    return {
      db,
      url,
      cleanup: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `besok_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = connect(url, { poolSize: 5 });
  if (opts.migrate !== false) await migrateToLatest(db);
  return {
    db,
    url,
    cleanup: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
