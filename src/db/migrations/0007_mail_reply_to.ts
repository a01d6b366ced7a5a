// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// The Reply-To of an outgoing message: mail to companies is sent from the app's address, and
// their replies should reach the business unit's shared mailbox (the municipality setting).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_email').addColumn('reply_to', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_email').dropColumn('reply_to').execute();
}
