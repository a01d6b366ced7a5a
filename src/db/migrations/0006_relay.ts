import type { Kysely } from 'kysely';

// Frozen in time: no app imports. The relay (Företagsstafett): programmes, their batons, the legs
// (one per company visited or to be visited), the nominations between legs, and the event log
// that keeps every step.
//
// Two rules are also held by the database, so a race between two people cannot break them:
// - a company has at most one leg per relay (UNIQUE programme_id, company_id);
// - a company is never invited twice at once, and a baton never has two invitations at once:
//   `open_company_key` / `open_baton_key` hold the company / baton id while the invitation awaits
//   an answer and NULL after, under UNIQUE indexes (NULLs never clash on either dialect).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('relay_programme')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipality.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('goal_type', 'text', (c) => c.notNull()) // count | filter
    .addColumn('goal_count', 'integer')
    .addColumn('goal_filter', 'text') // JSON { sniSections, sizeClasses, postalTowns }
    .addColumn('target_pace', 'double precision', (c) => c.notNull()) // visits a month
    .addColumn('goal_date', 'text') // YYYY-MM-DD, for "pace needed to reach the goal by"
    .addColumn('team_rule', 'text', (c) => c.notNull()) // JSON { leadership: 1, business: 1 }
    .addColumn('max_batons', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('answer_days', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('public_page', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active')) // active | closed
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('relay_baton')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) =>
      c.notNull().references('relay_programme.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active')) // active | ended
    .addColumn('holder_leg_id', 'text') // the leg holding it now (set once its first leg exists)
    .addColumn('origin_leg_id', 'text') // a branch: the leg it split from
    .addColumn('moved_at', 'text', (c) => c.notNull()) // started, a visit booked or made
    .addColumn('stall_notified_at', 'text') // set when flagged; cleared when it moves
    .addColumn('ended_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('relay_baton_number_uq', ['programme_id', 'number'])
    .execute();

  await db.schema
    .createTable('relay_leg')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) =>
      c.notNull().references('relay_programme.id').onDelete('cascade'),
    )
    .addColumn('baton_id', 'text', (c) => c.notNull().references('relay_baton.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // order in the programme (1, 2, …)
    .addColumn('previous_leg_id', 'text')
    .addColumn('nomination_id', 'text') // the accepted nomination that led here; NULL for a first leg
    .addColumn('visit_id', 'text', (c) => c.references('visit.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // to_book | booked | visited | passed
    .addColumn('proposed_times', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_email', 'text') // where the company's private nomination link is sent
    .addColumn('show_publicly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('nominate_token_hash', 'text', (c) => c.unique())
    .addColumn('visited_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('relay_leg_company_uq', ['programme_id', 'company_id'])
    .execute();
  await db.schema.createIndex('relay_leg_baton_idx').on('relay_leg').columns(['baton_id', 'seq']).execute();

  await db.schema
    .createTable('relay_nomination')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) =>
      c.notNull().references('relay_programme.id').onDelete('cascade'),
    )
    .addColumn('baton_id', 'text', (c) => c.notNull().references('relay_baton.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // order in the programme (1, 2, …)
    .addColumn('from_leg_id', 'text', (c) => c.notNull().references('relay_leg.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('source', 'text', (c) => c.notNull()) // visit | link | staff
    .addColumn('nominated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('invite_email', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull()) // invited | accepted | declined | expired | withdrawn
    .addColumn('open_company_key', 'text', (c) => c.unique())
    .addColumn('open_baton_key', 'text', (c) => c.unique())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // The reminder carries a second link (the first is stored only hashed, so it cannot be resent);
    // both open the invitation.
    .addColumn('reminder_token_hash', 'text', (c) => c.unique())
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answer_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('relay_nomination_programme_idx')
    .on('relay_nomination')
    .columns(['programme_id', 'company_id'])
    .execute();
  await db.schema
    .createIndex('relay_nomination_baton_idx')
    .on('relay_nomination')
    .columns(['baton_id', 'invited_at'])
    .execute();

  await db.schema
    .createTable('relay_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) =>
      c.notNull().references('relay_programme.id').onDelete('cascade'),
    )
    .addColumn('baton_id', 'text')
    .addColumn('leg_id', 'text')
    .addColumn('nomination_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull()) // staff | company | nominee | system
    .addColumn('actor_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // order within the same instant
    .execute();
  await db.schema
    .createIndex('relay_event_programme_idx')
    .on('relay_event')
    .columns(['programme_id', 'at', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('relay_event').ifExists().execute();
  await db.schema.dropTable('relay_nomination').ifExists().execute();
  await db.schema.dropTable('relay_leg').ifExists().execute();
  await db.schema.dropTable('relay_baton').ifExists().execute();
  await db.schema.dropTable('relay_programme').ifExists().execute();
}
