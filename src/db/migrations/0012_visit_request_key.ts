// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// A visit form sends a key it made when it was opened (request_key); the same form sent twice — a
// double tap on a phone, a retry over a bad connection — finds the visit its first send made
// instead of making a second one. Unique per person who made it; visits made otherwise have none
// (NULLs are distinct in a unique index on both SQLite and PostgreSQL).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('visit').addColumn('request_key', 'text').execute();
  await db.schema
    .createIndex('visit_request_key_uq')
    .on('visit')
    .columns(['created_by', 'request_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('visit_request_key_uq').execute();
  await db.schema.alterTable('visit').dropColumn('request_key').execute();
}
