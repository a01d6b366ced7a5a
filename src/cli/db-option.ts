import { loadEnv, type Env } from '../config/env';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { connect, isPostgresUrl, sqliteFile, type Db } from '../db/connect';
import { migrateToLatest } from '../db/migrate';

/** `--db`'s line in the commands' help, Swedish first like the CLI's messages. */
export const DB_OPTION_HELP =
  'postgres://-adress eller SQLite-fil (annars DATABASE_URL) / postgres:// URL or SQLite file';

/**
 * `--db` takes what DATABASE_URL takes: a postgres:// URL or the path of a SQLite file. Every
 * command that touches the database opens it here, migrated to the latest schema unless
 * `migrate: false` (a backup copies the database as it is); `mustExist` refuses a SQLite file
 * that is not there instead of creating it (a mistyped path to back up is not an empty database).
 * `created`: the SQLite file was not there and has been made now (a command says so: a mistyped
 * path is otherwise a new, empty database nobody looks at).
 */
export async function openDb(
  dbOption: string | undefined,
  opts: { migrate?: boolean; mustExist?: boolean } = {},
): Promise<{ env: Env; db: Db; created: boolean }> {
  const source = dbOption !== undefined ? '--db' : 'DATABASE_URL';
  if (dbOption !== undefined && dbOption.trim() === '')
    throw new CliError(
      '--db är tomt: ange en postgres://-adress eller sökvägen till en SQLite-fil. / --db is empty.',
    );
  let env: Env;
  try {
    env = loadEnv(dbOption !== undefined ? { ...process.env, DATABASE_URL: dbOption } : process.env);
  } catch (err) {
    const msg = (err as Error).message;
    // Only the database's problem is --db's; anything else in the environment stays itself.
    throw new CliError(dbOption !== undefined ? msg.replace(/DATABASE_URL:/g, '--db:') : msg);
  }
  const file = isPostgresUrl(env.DATABASE_URL) ? null : sqliteFile(env.DATABASE_URL);
  const created = file !== null && file !== ':memory:' && !existsSync(file);
  if (opts.mustExist) {
    if (created)
      throw new CliError(
        `Databasen ${file} finns inte (${source}); en ny installation börjar med besok init. / The database does not exist.`,
      );
  }
  let db: Db;
  try {
    db = connect(env.DATABASE_URL);
  } catch (err) {
    throw new CliError(
      `Kan inte öppna databasen (${source}): ${(err as Error).message} / Cannot open the database.`,
    );
  }
  if (db.dialect === 'postgres') {
    // Whatever stops the first query (the server unreachable, no such database or role, a wrong
    // password, SSL refused) is the connection's problem, not a migration's.
    try {
      await sql`select 1`.execute(db.kysely);
    } catch (err) {
      await db.destroy().catch(() => undefined);
      throw new CliError(
        `Kan inte ansluta till PostgreSQL på ${db.location} (${source}): ${(err as Error).message} / ` +
          'Cannot connect to PostgreSQL.',
      );
    }
  }
  if (opts.migrate === false) return { env, db, created };
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    const newer = /previously executed migration (\S+) is missing/.exec((err as Error).message);
    if (newer)
      throw new CliError(
        `Databasen (${source}) har migreringen ${newer[1]}, som den här versionen av Besök inte har: ` +
          'den har använts av en nyare version. Uppgradera Besök. / The database is from a newer version of Besök.',
      );
    throw err;
  }
  return { env, db, created };
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
