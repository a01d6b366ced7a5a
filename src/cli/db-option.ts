import { loadEnv, type Env } from '../config/env';
import { connect, type Db } from '../db/connect';
import { migrateToLatest } from '../db/migrate';

/**
 * `--db` takes what DATABASE_URL takes: a postgres:// URL or the path of a SQLite file. Every
 * command that touches the database opens it here, migrated to the latest schema.
 */
export async function openDb(dbOption: string | undefined): Promise<{ env: Env; db: Db }> {
  const env = loadEnv(dbOption ? { ...process.env, DATABASE_URL: dbOption } : process.env);
  const db = connect(env.DATABASE_URL);
  await migrateToLatest(db);
  return { env, db };
}

/** A failure the user can act on: printed without a stack trace, exit status 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
