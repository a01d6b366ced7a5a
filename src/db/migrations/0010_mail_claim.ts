// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// A message is claimed before it is sent (status 'sending', claimed_at the time), so that two
// sends running at once, in one process or two, never send it twice. A claim older than the
// mailer's timeout was left by a process that stopped mid-send and is taken over.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_email').addColumn('claimed_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_email').dropColumn('claimed_at').execute();
}
