// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// A failed web import says whose the problem is (error_kind: 'file', 'busy', 'stopped' or
// 'internal'), so the page offers help to fix the file only when the file is what failed.
// Runs that failed before this migration have none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_run').addColumn('error_kind', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_run').dropColumn('error_kind').execute();
}
