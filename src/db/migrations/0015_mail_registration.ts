// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// A message about a sprint registration names it (registration_id): the confirmation, the mail
// to whoever sent the form again, the company's invitations and cancellations, and the team's,
// which carry the contact person's name, address and phone and what the company wrote. The
// retention sweep clears them by registration, not only by the contact's present address (an
// address changed through the private link, a colleague's, and the staff's own copies would
// otherwise keep the details for ever). Messages sent before this have none and are cleared by
// address as before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_email').addColumn('registration_id', 'text').execute();
  await db.schema
    .createIndex('outbound_email_registration_idx')
    .on('outbound_email')
    .column('registration_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbound_email_registration_idx').execute();
  await db.schema.alterTable('outbound_email').dropColumn('registration_id').execute();
}
