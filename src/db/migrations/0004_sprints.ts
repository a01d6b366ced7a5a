import type { Kysely } from 'kysely';

// Visit sprints (besökssprint): the day and its rules, who takes part, the companies that
// registered on the public page, the plan, and what was sent when it was published.
// Lists (slots, rules, topics, availability) are JSON text; instants are ISO-8601 UTC text.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sprint')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipality.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('day', 'text', (c) => c.notNull()) // YYYY-MM-DD, Europe/Stockholm
    .addColumn('slots', 'text', (c) => c.notNull()) // [{id,start,end}]
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('public_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_link_template', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('registration_opens_at', 'text', (c) => c.notNull())
    .addColumn('registration_closes_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | open | planned | published
    .addColumn('plan', 'text') // {visits:[{registration,slot,team,pinned}], unscheduled:[…], solvedAt, bound}
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sprint_participant')
    .addColumn('sprint_id', 'text', (c) => c.notNull().references('sprint.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('available', 'text', (c) => c.notNull().defaultTo('[]')) // slot ids
    .addColumn('max_visits', 'integer')
    .addPrimaryKeyConstraint('sprint_participant_pk', ['sprint_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('sprint_registration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sprint_id', 'text', (c) => c.notNull().references('sprint.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('org_nr', 'text', (c) => c.notNull())
    .addColumn('company_name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mode', 'text', (c) => c.notNull()) // digital | physical
    .addColumn('visit_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lat', 'real')
    .addColumn('lon', 'real')
    .addColumn('position_source', 'text') // register | admin | null
    .addColumn('slots', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('topics_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_link', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('sv'))
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sprint_registration_org_uq', ['sprint_id', 'org_nr'])
    .execute();

  // What each company and participant was last sent, so a change after publishing is sent only
  // to those it affects, with the same UID and a higher SEQUENCE.
  await db.schema
    .createTable('sprint_published_visit')
    .addColumn('registration_id', 'text', (c) =>
      c.primaryKey().references('sprint_registration.id').onDelete('cascade'),
    )
    .addColumn('sprint_id', 'text', (c) => c.notNull().references('sprint.id').onDelete('cascade'))
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visit.id'))
    .addColumn('ical_uid', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('snapshot', 'text', (c) => c.notNull()) // {slot,startsAt,endsAt,team,mode,place}
    .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sprint_published_visit_sprint_idx')
    .on('sprint_published_visit')
    .column('sprint_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sprint_published_visit').ifExists().execute();
  await db.schema.dropTable('sprint_registration').ifExists().execute();
  await db.schema.dropTable('sprint_participant').ifExists().execute();
  await db.schema.dropTable('sprint').ifExists().execute();
}
