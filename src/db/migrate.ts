import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './connect';

// Migrations are the files in ./migrations, applied in name order. Each module adds its own
// numbered file (0002_companies.ts, …), so features never edit each other's migrations.
export function migrator(db: Db): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: new FileMigrationProvider({
      fs,
      path,
      migrationFolder: path.join(import.meta.dirname, 'migrations'),
    }),
  });
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(String(result.error));
    // A failure before any migration ran (the database cannot be reached) is left as it is.
    if (failed) err.message = `Migration ${failed.migrationName} failed: ${err.message}`;
    throw err;
  }
  return result;
}
