import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: no app imports. The company register, its word index for search, and the
// record of web uploads. See docs/decisions/0003-company-search.md for why the search structure
// is a plain word table (portable btree range scans) rather than FTS5 / pg_trgm.
//
// On PostgreSQL the columns that are searched by range or sorted byte-wise (words, the Swedish
// sort key, org nr, postal code) use COLLATE "C": the app computes keys whose byte order is the
// order it wants, and `word >= 'knäcke' AND word < 'knäcke\uffff'` must be a btree range.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ctext = pg ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('company')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_nr', ctext, (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // toLocaleLowerCase('sv') of the name, words separated by single spaces, with a leading space,
    // so `name_search LIKE '% knäcke%'` is a word-prefix match on both dialects.
    .addColumn('name_search', 'text', (c) => c.notNull())
    // A key whose byte order is Swedish alphabetical order (å ä ö after z): ORDER BY uses an index.
    .addColumn('name_sort', ctext, (c) => c.notNull())
    .addColumn('legal_form', 'text')
    .addColumn('sni_code', 'text')
    .addColumn('sni_version', 'text')
    .addColumn('sni_section', 'text')
    .addColumn('sni_division', 'text')
    .addColumn('industry_text', 'text')
    .addColumn('size_class', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('employees', 'integer')
    .addColumn('visit_address', 'text')
    .addColumn('postal_code', ctext)
    .addColumn('postal_town', 'text')
    .addColumn('kommunkod', 'text')
    .addColumn('kommun', 'text')
    .addColumn('lat', 'real')
    .addColumn('lon', 'real')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('website', 'text')
    .addColumn('personal_data', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('company_name_sort_idx')
    .on('company')
    .columns(['name_sort', 'org_nr'])
    .execute();
  // With the sort keys, so "every company in postal area 75…" is sorted from the index alone.
  await db.schema
    .createIndex('company_postal_code_idx')
    .on('company')
    .columns(['postal_code', 'name_sort', 'org_nr'])
    .execute();
  await db.schema.createIndex('company_sni_division_idx').on('company').columns(['sni_division']).execute();
  await db.schema.createIndex('company_kommunkod_idx').on('company').columns(['kommunkod']).execute();
  await db.schema.createIndex('company_employees_idx').on('company').columns(['employees']).execute();
  await db.schema.createIndex('company_size_class_idx').on('company').columns(['size_class']).execute();

  // One row per distinct word of a company's name (keyed by org nr), carrying copies of the
  // columns search filters and sorts on, so that a word search — its filters, its sort, its
  // count — is a range scan of this table's primary key alone (docs/decisions/0003).
  let words = db.schema
    .createTable('company_word')
    .addColumn('word', ctext, (c) => c.notNull())
    .addColumn('org_nr', ctext, (c) => c.notNull())
    .addColumn('name_sort', ctext)
    .addColumn('sni_division', 'text')
    .addColumn('size_class', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('employees', 'integer')
    .addColumn('postal_code', ctext)
    .addColumn('kommunkod', 'text');
  if (!pg) {
    // SQLite: the table is its primary key's btree, so a range scan reads the copies directly.
    words = words
      .addPrimaryKeyConstraint('company_word_pk', ['word', 'org_nr'])
      .modifyEnd(sql`without rowid`);
    await words.execute();
  } else {
    // PostgreSQL: the primary key index INCLUDEs the copies, so a range scan is index-only.
    await words.execute();
    await sql`ALTER TABLE company_word ADD CONSTRAINT company_word_pk PRIMARY KEY (word, org_nr)
      INCLUDE (name_sort, sni_division, size_class, employees, postal_code, kommunkod)`.execute(db);
  }
  await db.schema.createIndex('company_word_org_nr_idx').on('company_word').columns(['org_nr']).execute();

  await db.schema
    .createTable('import_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('companies'))
    .addColumn('status', 'text', (c) => c.notNull()) // running | done | failed
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('reading')) // reading | saving | finished
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('total_bytes', 'integer')
    .addColumn('bytes_processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_count', 'integer')
    .addColumn('created_count', 'integer')
    .addColumn('updated_count', 'integer')
    .addColumn('unchanged_count', 'integer')
    .addColumn('rejected_count', 'integer')
    .addColumn('rejects_path', 'text')
    .addColumn('error', 'text')
    .addColumn('user_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['import_run', 'company_word', 'company']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
