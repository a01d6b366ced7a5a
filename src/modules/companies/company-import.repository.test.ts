import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { DIALECTS, createTestDb, type TestDb } from '../../../test/helpers/db';
import { copyLine } from './company-import.repository';

// A first load on PostgreSQL writes rows in COPY's text format: every value must come back as it
// went in, whatever characters it holds.
if (DIALECTS.includes('postgres')) {
  void describe('COPY text format (PostgreSQL first load)', () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb('postgres', { migrate: false });
    });
    after(async () => {
      await t.cleanup();
    });

    void test('text with backslashes, tabs, line breaks and \\N, numbers and nulls round-trip', async () => {
      const values: Array<string | number | null> = [
        'Back\\slash AB',
        'Tab\there',
        'Rad ett\nrad två\r\n',
        '\\N',
        '\\.',
        'Åkeri & Söner "AB"',
        '',
        null,
        42,
        -0.5,
        60.7312,
      ];
      const client = await t.db.pgPool!.connect();
      try {
        await client.query('CREATE TABLE copied (i int, t text, n float8)');
        const lines = values.map((v, i) => {
          const text = typeof v === 'number' ? null : v;
          const num = typeof v === 'number' ? v : null;
          return copyLine([i, text, num]);
        });
        await pipeline(
          Readable.from([lines.join('')]),
          client.query(copyFrom('COPY copied (i, t, n) FROM STDIN')),
        );
        const { rows } = await client.query<{ i: number; t: string | null; n: number | null }>(
          'SELECT i, t, n FROM copied ORDER BY i',
        );
        assert.deepEqual(
          rows.map((r) => r.t ?? r.n),
          values,
        );
      } finally {
        client.release();
      }
    });
  });
}
