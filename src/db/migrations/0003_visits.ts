import type { Kysely } from 'kysely';

// The visit itself: a company, a time, digital or on site, who went, and the programme it belongs
// to (a sprint, a relay, or none for a call-in). Reports, follow-ups and feedback hang off it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipality.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('programme_type', 'text') // 'sprint' | 'relay' | null
    .addColumn('programme_id', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull()) // ISO-8601 UTC
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull()) // 'digital' | 'physical'
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_link', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned')) // planned | done | cancelled
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_company_idx').on('visit').columns(['company_id', 'starts_at']).execute();
  await db.schema
    .createIndex('visit_programme_idx')
    .on('visit')
    .columns(['programme_type', 'programme_id'])
    .execute();
  await db.schema.createIndex('visit_starts_idx').on('visit').column('starts_at').execute();

  await db.schema
    .createTable('visit_participant')
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visit.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('visit_participant_pk', ['visit_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('visit_participant_user_idx')
    .on('visit_participant')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visit_participant').ifExists().execute();
  await db.schema.dropTable('visit').ifExists().execute();
}
