// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import { sql, type Kysely } from 'kysely';

// A message the SMTP server does not take is tried again later, not at once and not for ever:
// `attempts` counts the sends that claimed it, `next_attempt_at` is when a message waiting to be
// tried again ('retry') is due (backing off exponentially), and a permanent refusal or too many
// tries leaves it 'failed'. The outbox selects due messages by that time, so messages waiting
// out their back-off never hold up newer mail. Messages already waiting are due at once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbound_email')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('outbound_email').addColumn('next_attempt_at', 'text').execute();
  await sql`UPDATE outbound_email SET next_attempt_at = created_at WHERE status = 'retry'`.execute(db);
  await db.schema
    .createIndex('outbound_email_due_idx')
    .on('outbound_email')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbound_email_due_idx').execute();
  await db.schema.alterTable('outbound_email').dropColumn('next_attempt_at').execute();
  await db.schema.alterTable('outbound_email').dropColumn('attempts').execute();
}
