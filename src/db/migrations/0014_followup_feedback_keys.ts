// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// As 0012 did for visits: the follow-up form and the feedback composer send a key they made for
// that send (request_key), so the same send again — a double tap, a retry after an answer lost to
// a dropped connection — finds what its first send made instead of making (and e-mailing) a
// second one. Unique per person; rows made otherwise have none (NULLs are distinct on both SQLite
// and PostgreSQL).
//
// A follow-up's log entries also keep what they say as JSON (data: the new status, date, owner,
// who was reminded), so that they are shown in the reader's language; the Swedish text stays, and
// entries written before have only it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('followup').addColumn('request_key', 'text').execute();
  await db.schema
    .createIndex('followup_request_key_uq')
    .on('followup')
    .columns(['created_by', 'request_key'])
    .unique()
    .execute();
  await db.schema.alterTable('feedback').addColumn('request_key', 'text').execute();
  await db.schema
    .createIndex('feedback_request_key_uq')
    .on('feedback')
    .columns(['sent_by', 'request_key'])
    .unique()
    .execute();
  await db.schema.alterTable('followup_log').addColumn('data', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('followup_log').dropColumn('data').execute();
  await db.schema.dropIndex('feedback_request_key_uq').execute();
  await db.schema.alterTable('feedback').dropColumn('request_key').execute();
  await db.schema.dropIndex('followup_request_key_uq').execute();
  await db.schema.alterTable('followup').dropColumn('request_key').execute();
}
