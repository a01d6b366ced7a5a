import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECTS, createTestDb, type TestDb } from '../../test/helpers/db';
import { isConcurrencyFailure, isForeignKeyViolation, isUniqueViolation, isWriteCollision } from './errors';
import { toErrorBody } from '../server/app';

/** The errors each dialect's driver really throws, told apart, and answered 409 rather than 500. */
for (const dialect of DIALECTS) {
  describe(`database errors (${dialect})`, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(dialect, { migrate: false });
      await sql`CREATE TABLE t_parent (id varchar(10) PRIMARY KEY, slug varchar(10) NOT NULL UNIQUE)`.execute(
        t.db.kysely,
      );
      await sql`CREATE TABLE t_child (id varchar(10) PRIMARY KEY, parent_id varchar(10) NOT NULL REFERENCES t_parent (id))`.execute(
        t.db.kysely,
      );
      await sql`INSERT INTO t_parent (id, slug) VALUES ('p1', 'a')`.execute(t.db.kysely);
    });
    after(() => t.cleanup());

    const caught = async (statement: ReturnType<typeof sql>) => {
      try {
        await statement.execute(t.db.kysely);
      } catch (err) {
        return err;
      }
      assert.fail('the statement was expected to fail');
    };

    test('a second row with a unique key taken is a unique violation, answered 409 CONFLICT', async () => {
      for (const err of [
        await caught(sql`INSERT INTO t_parent (id, slug) VALUES ('p2', 'a')`),
        await caught(sql`INSERT INTO t_parent (id, slug) VALUES ('p1', 'b')`),
      ]) {
        assert.ok(isUniqueViolation(err), String(err));
        assert.ok(!isForeignKeyViolation(err));
        assert.ok(isWriteCollision(err));
        const body = toErrorBody(err);
        assert.equal(body.error.code, 'CONFLICT');
        assert.match(body.error.message, /samtidigt/);
        assert.doesNotMatch(body.error.message, /t_parent|constraint/i, 'no internals');
      }
    });

    test('a row referring to one that is not there is a foreign-key violation, answered 409', async () => {
      const err = await caught(sql`INSERT INTO t_child (id, parent_id) VALUES ('c1', 'nobody')`);
      assert.ok(isForeignKeyViolation(err), String(err));
      assert.ok(!isUniqueViolation(err));
      assert.equal(toErrorBody(err).error.code, 'CONFLICT');
    });

    test('any other database error stays a 500 INTERNAL', async () => {
      const err = await caught(sql`SELECT nothing FROM no_such_table`);
      assert.ok(!isWriteCollision(err));
      assert.ok(!isConcurrencyFailure(err));
      assert.equal(toErrorBody(err).error.code, 'INTERNAL');
    });
  });
}
