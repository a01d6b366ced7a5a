// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// PostgreSQL: a finer statistics sample for the word index's words. With the default (100 most
// common values, a coarse histogram) the planner estimated a common word's prefix range at one row,
// and a two-word search ("Ahmed Bergs" in the 1.2M register) walked one word's whole range once for
// every company of the other: 9 s. With 1000 it knows each common word's size and joins the two
// ranges by hash: 8 ms. The next ANALYZE (after every import) takes the larger sample; this one
// takes it now. SQLite plans these searches without the statistics (nothing to do).
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE company_word ALTER COLUMN word SET STATISTICS 1000`.execute(db);
  await sql`ANALYZE company_word`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE company_word ALTER COLUMN word SET STATISTICS -1`.execute(db);
}
