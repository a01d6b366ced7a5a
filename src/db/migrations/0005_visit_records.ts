// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import type { Kysely } from 'kysely';

// What comes out of a visit: the report (one per visit, autosaved as a draft, versioned so two
// participants do not overwrite each other), the topics raised, the follow-ups with their log,
// and the feedback sent to the company. Frozen in time: no app types are imported.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visit_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().unique().references('visit.id').onDelete('cascade'))
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipality.id'))
    .addColumn('company_participants', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{name, role, email}]
    .addColumn('climate_grade', 'integer') // 1–6, the company's view of the local business climate
    .addColumn('service_grade', 'integer') // 1–6, the company's view of the municipality's service
    .addColumn('service_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | submitted
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visit_report_topic')
    .addColumn('report_id', 'text', (c) => c.notNull().references('visit_report.id').onDelete('cascade'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topic.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('visit_report_topic_pk', ['report_id', 'topic_id'])
    .execute();
  await db.schema
    .createIndex('visit_report_topic_topic_idx')
    .on('visit_report_topic')
    .column('topic_id')
    .execute();

  await db.schema
    .createTable('followup')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipality.id'))
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visit.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('topic_id', 'text', (c) => c.references('topic.id'))
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('owner_department', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull()) // YYYY-MM-DD, Swedish calendar date
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | in_progress | done | not_possible
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo('')) // why not possible
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('overdue_notified_at', 'text') // set once the overdue e-mail is queued (the sweep is idempotent)
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followup_visit_idx').on('followup').column('visit_id').execute();
  await db.schema.createIndex('followup_company_idx').on('followup').column('company_id').execute();
  await db.schema
    .createIndex('followup_owner_idx')
    .on('followup')
    .columns(['owner_user_id', 'status'])
    .execute();
  await db.schema
    .createIndex('followup_status_due_idx')
    .on('followup')
    .columns(['status', 'due_date'])
    .execute();

  await db.schema
    .createTable('followup_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('followup_id', 'text', (c) => c.notNull().references('followup.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // order within the follow-up (several entries share a clock tick)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // created | note | status | owner | due | notified
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('followup_log_followup_idx')
    .on('followup_log')
    .columns(['followup_id', 'at'])
    .execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipality.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('company.id'))
    .addColumn('visit_id', 'text', (c) => c.references('visit.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('email_id', 'text', (c) => c.references('outbound_email.id'))
    .addColumn('sent_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_company_idx')
    .on('feedback')
    .columns(['company_id', 'sent_at'])
    .execute();
  await db.schema.createIndex('feedback_visit_idx').on('feedback').column('visit_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['feedback', 'followup_log', 'followup', 'visit_report_topic', 'visit_report']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
