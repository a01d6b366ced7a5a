// Migrations are frozen in time and typed against no app schema (see 0001_foundation.ts).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// What a first load of the register leaves half done must survive the process: an import stopped
// by Ctrl-C, a kill or a crash is finished by the next import (or the next start of the server).
//
// - import_pending_index: the definitions of the indexes (and on PostgreSQL the word table's key) a
//   first load dropped to load faster, recorded in the transaction that drops them and removed as
//   each is built again.
// - company_word_load: a first load's word rows, one row per company written (its words as a JSON
//   array, plus the copies the word index carries), moved into company_word sorted at the end. Before
//   this table they were staged in a TEMP table, and a load that stopped left the companies already
//   written without words: found by org nr, never by name, even after importing the file again.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('import_pending_index')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sql', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('company_word_load')
    .addColumn('seq', pg ? sql`bigserial` : 'integer', (c) => c.primaryKey())
    .addColumn('org_nr', 'text', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('name_sort', 'text')
    .addColumn('sni_division', 'text')
    .addColumn('size_class', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('employees', 'integer')
    .addColumn('postal_code', 'text')
    .addColumn('kommunkod', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('company_word_load').ifExists().execute();
  await db.schema.dropTable('import_pending_index').ifExists().execute();
}
