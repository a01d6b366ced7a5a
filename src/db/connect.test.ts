import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { PG_ADMIN_URL, DIALECTS, createTestDb } from '../../test/helpers/db';

// A PostgreSQL restart or failover closes idle pooled connections. The process must live on and the
// next query must get a fresh connection (a CI run once died here with "terminating connection due
// to administrator command").
void test(
  'an idle PostgreSQL connection closed by the server neither crashes the process nor the next query',
  {
    skip: !DIALECTS.includes('postgres'),
  },
  async () => {
    const tdb = await createTestDb('postgres');
    try {
      await tdb.db.kysely.selectFrom('municipality').selectAll().execute();
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      let killed = 0;
      try {
        const r = await admin.query(
          'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [new URL(tdb.url).pathname.slice(1)],
        );
        killed = r.rowCount ?? 0;
      } finally {
        await admin.end();
      }
      assert.ok(killed >= 1, 'the pool held an idle connection to close');
      await new Promise((r) => setTimeout(r, 200));
      const rows = await tdb.db.kysely.selectFrom('municipality').select('id').execute();
      assert.ok(Array.isArray(rows));
    } finally {
      await tdb.cleanup();
    }
  },
);
