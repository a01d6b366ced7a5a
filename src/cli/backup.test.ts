import { after, before, describe, test } from 'node:test';
import { BESOK_BIN, besokEnv, runBesok } from '../../test/helpers/cli';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { DIALECTS, createTestDb, type TestDb } from '../../test/helpers/db';
import { insertMunicipality } from '../modules/municipality/municipality.repository';
import { withoutPassword } from './commands/backup';

const besok = runBesok;

for (const dialect of DIALECTS) {
  void describe(`besok backup (${dialect})`, () => {
    let t: TestDb;
    let dir: string;
    before(async () => {
      t = await createTestDb(dialect);
      await insertMunicipality(t.db.kysely, { name: 'Backupköping', kommunkod: '2029' }, new Date());
      dir = mkdtempSync(path.join(tmpdir(), 'besok-backup-'));
    });
    after(async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    void test('writes a copy that holds the data, and refuses to overwrite it without --force', () => {
      const out = path.join(dir, 'a', 'backup.bin');
      const res = besok(dir, ['backup', out, '--db', t.url]);
      assert.equal(res.status, 0, res.stderr);
      assert.ok(existsSync(out));
      if (dialect === 'sqlite') {
        const copy = new SQLite(out, { readonly: true });
        try {
          assert.deepEqual(copy.prepare('select name from municipality').all(), [{ name: 'Backupköping' }]);
        } finally {
          copy.close();
        }
      } else {
        const list = spawnSync('pg_restore', ['--list', out], { encoding: 'utf8' });
        assert.equal(list.status, 0, list.stderr);
        assert.match(list.stdout, /TABLE DATA public municipality/);
      }
      const again = besok(dir, ['backup', out, '--db', t.url]);
      assert.equal(again.status, 2);
      assert.match(again.stderr, /exists; use --force/);
    });

    void test('backs up the database as it is, without upgrading it first', async () => {
      const rows = async () =>
        Number(
          (await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(t.db.kysely)).rows[0]!
            .n,
        );
      const latest = (
        await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
          t.db.kysely,
        )
      ).rows[0]!.name;
      // As a database of the version before the latest migration looks to the migrator.
      await sql`delete from kysely_migration where name = ${latest}`.execute(t.db.kysely);
      try {
        const before = await rows();
        const res = besok(dir, ['backup', path.join(dir, 'old-schema.bin'), '--db', t.url]);
        assert.equal(res.status, 0, res.stderr);
        assert.equal(await rows(), before, 'the source was not migrated');
      } finally {
        await sql`insert into kysely_migration (name, timestamp) values (${latest}, ${new Date().toISOString()})`.execute(
          t.db.kysely,
        );
      }
    });

    if (dialect === 'postgres') {
      void test("libpq's URL forms that a URL parser refuses are backed up too (the host as a parameter)", () => {
        const u = new URL(t.url);
        const url = `postgres://${u.username}@${u.pathname}?host=${u.hostname}&port=${u.port || 5432}`;
        const res = besok(dir, ['backup', path.join(dir, 'host-param.dump'), '--db', url]);
        assert.equal(res.status, 0, res.stderr);
      });
    }

    if (dialect === 'sqlite') {
      void test('a database file that is not there is refused, not created and backed up empty', () => {
        const missing = path.join(dir, 'typo-besk.sqlite');
        const res = besok(dir, ['backup', path.join(dir, 'typo.bin'), '--db', missing]);
        assert.equal(res.status, 2);
        assert.match(res.stderr, /finns inte \(--db\)/);
        assert.ok(!existsSync(missing), 'no database was created');
        assert.ok(!existsSync(path.join(dir, 'typo.bin')));
        const empty = besok(dir, ['backup', path.join(dir, 'empty.bin'), '--db', '']);
        assert.equal(empty.status, 2);
        assert.match(empty.stderr, /--db är tomt/);
      });

      void test('a backup stopped half-way leaves no file under its name, and an older backup there as it was', async () => {
        // A database big enough that its backup takes many turns of the event loop (100 pages each).
        const big = createTestDb('sqlite');
        const tb = await big;
        try {
          await insertMunicipality(tb.db.kysely, { name: 'Storköping', kommunkod: '2030' }, new Date());
          await sql`create table ballast (b blob)`.execute(tb.db.kysely);
          await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 200)
            insert into ballast select randomblob(1000000) from n`.execute(tb.db.kysely);
          const target = path.join(dir, 'stopped', 'backup.bin');
          mkdirSync(path.dirname(target));
          writeFileSync(target, 'the older backup');
          const child = spawn(process.execPath, [BESOK_BIN, 'backup', target, '--db', tb.url, '--force'], {
            cwd: dir,
            env: besokEnv(),
          });
          let stderr = '';
          child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
          const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
          // Stopped once the copy has begun.
          const deadline = Date.now() + 20_000;
          while (!readdirSync(path.dirname(target)).some((f) => f.endsWith('.partial'))) {
            assert.ok(Date.now() < deadline, 'the copy began');
            await new Promise((r) => setTimeout(r, 5));
          }
          child.kill('SIGTERM');
          assert.equal(await exited, 143, stderr);
          assert.match(stderr, /The backup was stopped; nothing was written to/);
          assert.deepEqual(readdirSync(path.dirname(target)), ['backup.bin'], 'no partial file is left');
          assert.equal(readFileSync(target, 'utf8'), 'the older backup');
        } finally {
          await tb.cleanup();
        }
      });

      void test('the database itself as the target is refused, even with --force', () => {
        const res = besok(dir, ['backup', t.url, '--db', t.url, '--force']);
        assert.equal(res.status, 2);
        assert.match(res.stderr, /is the database itself/);
      });
    }
  });
}

void test("the PostgreSQL password leaves the URL for pg_dump's environment; other URLs pass as they are", () => {
  assert.deepEqual(withoutPassword('postgres://besok:p%40ss@db.kommun.se:5432/besok'), {
    url: 'postgres://besok@db.kommun.se:5432/besok',
    password: 'p@ss',
  });
  assert.deepEqual(withoutPassword('postgres://besok@/besok?host=/run/postgresql'), {
    url: 'postgres://besok@/besok?host=/run/postgresql',
    password: null,
  });
  assert.deepEqual(withoutPassword('postgresql://besok:x@/besok?host=127.0.0.1'), {
    url: 'postgresql://besok@/besok?host=127.0.0.1',
    password: 'x',
  });
});
