// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// A finished web import says how many of its records had another municipality's kommunkod than
// the installation's (JSON: [{ kommunkod, records }], most first), so that a neighbour's extract
// imported by mistake is noticed. Runs finished before this have none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_run').addColumn('other_kommuner', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_run').dropColumn('other_kommuner').execute();
}
