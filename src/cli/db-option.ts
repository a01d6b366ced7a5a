import { loadEnv, type Env } from '../config/env';
import { connect, type Db } from '../db/connect';
import { migrateToLatest } from '../db/migrate';

/**
 * `--db` takes what DATABASE_URL takes: a postgres:// URL or the path of a SQLite file. Every
 * command that touches the database opens it here, migrated to the latest schema.
 */
export async function openDb(dbOption: string | undefined): Promise<{ env: Env; db: Db }> {
  const source = dbOption ? '--db' : 'DATABASE_URL';
  let env: Env;
  try {
    env = loadEnv(dbOption ? { ...process.env, DATABASE_URL: dbOption } : process.env);
  } catch (err) {
    const msg = (err as Error).message;
    // Only the database's problem is --db's; anything else in the environment stays itself.
    throw new CliError(dbOption ? msg.replace(/DATABASE_URL:/g, '--db:') : msg);
  }
  let db: Db;
  try {
    db = connect(env.DATABASE_URL);
  } catch (err) {
    throw new CliError(
      `Kan inte öppna databasen (${source}): ${(err as Error).message} / Cannot open the database.`,
    );
  }
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (db.dialect === 'postgres' && typeof code === 'string' && /^E[A-Z_]+$/.test(code)) {
      // A network error (ECONNREFUSED, ENOTFOUND, EAI_AGAIN, ETIMEDOUT …): the server cannot be reached.
      throw new CliError(
        `Kan inte ansluta till PostgreSQL på ${db.location} (${source}): ${(err as Error).message} / ` +
          'Cannot connect to PostgreSQL.',
      );
    }
    throw err;
  }
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
