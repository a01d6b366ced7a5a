import { after, before, describe, test } from 'node:test';
import { runBesok } from '../../test/helpers/cli';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { verify } from '@node-rs/argon2';

const besok = (cwd: string, args: string[], opts: { input?: string } = {}) => runBesok(cwd, args, opts);

/** `besok init` and `besok users list` where a new operator goes wrong. */
describe('besok init and users list (sqlite)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'besok-users-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("init checks the name and code by the web app's rules, before it opens the database", () => {
    const db = path.join(dir, 'bad.sqlite');
    const res = besok(dir, ['init', '--name', '   ', '--kommunkod', '12', '--db', db]);
    assert.equal(res.status, 2);
    assert.equal(
      res.stderr,
      'besok: --name: måste fyllas i\n--kommunkod: ska vara fyra siffror, till exempel 1488\n',
    );
    assert.ok(!existsSync(db), 'no database was made');
    const ok = besok(dir, ['init', '--name', '  Leksands kommun ', '--kommunkod', '2029', '--db', db]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(
      ok.stdout,
      'Skapade Leksands kommun (2029) med standardlistan över ämnen. / Created Leksands kommun (2029) with the default topic list.\n',
      'the name trimmed',
    );
  });

  test('users list on a mistyped --db says there is no such database, and makes none; on one with no municipality, says that', () => {
    const typo = path.join(dir, 'typo.sqlite');
    const res = besok(dir, ['users', 'list', '--db', typo]);
    assert.equal(res.status, 2);
    assert.match(
      res.stderr,
      /Databasen .*typo\.sqlite finns inte \(--db\); en ny installation börjar med besok init/,
    );
    assert.ok(!existsSync(typo), 'no database was made');
    const bare = path.join(dir, 'bare.sqlite');
    assert.equal(besok(dir, ['migrate', '--db', bare]).status, 0);
    const none = besok(dir, ['users', 'list', '--db', bare]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /Ingen kommun är upplagd i .*bare\.sqlite; fel databas, eller kör besok init/);
  });

  test('a password too easy to guess is refused with the reason, exit 2', () => {
    const db = path.join(dir, 'pw.sqlite');
    assert.equal(
      besok(dir, ['init', '--name', 'Leksands kommun', '--kommunkod', '2029', '--db', db]).status,
      0,
    );
    const add = besok(dir, [
      'users',
      'add',
      'anna@kommun.se',
      '--role',
      'staff',
      '--name',
      'Anna',
      '--db',
      db,
    ]);
    assert.equal(add.status, 0, add.stderr);
    const res = besok(dir, ['users', 'passwd', 'anna@kommun.se', '--password', '1234567890', '--db', db]);
    assert.equal(res.status, 2);
    assert.equal(
      res.stderr,
      'besok: Lösenordet är för lätt att gissa.\n  password: är ett av de vanligaste lösenorden; ' +
        'välj en längre fras, till exempel tre ord med bindestreck emellan\n',
    );
  });

  test("users set changes role and activity by the app's rules; passwd takes the password from standard input and says when the account is inactive", async () => {
    const db = path.join(dir, 'set.sqlite');
    assert.equal(
      besok(dir, ['init', '--name', 'Leksands kommun', '--kommunkod', '2029', '--db', db]).status,
      0,
    );
    for (const [email, role] of [
      ['chef@kommun.se', 'admin'],
      ['bo@kommun.se', 'staff'],
    ] as const) {
      const add = besok(dir, ['users', 'add', email, '--role', role, '--db', db]);
      assert.equal(add.status, 0, add.stderr);
    }
    // The only admin stays one, and stays active.
    for (const change of [['--role', 'staff'], ['--deactivate']]) {
      const res = besok(dir, ['users', 'set', 'chef@kommun.se', ...change, '--db', db]);
      assert.equal(res.status, 2, `${change.join(' ')}: ${res.stdout}`);
      assert.match(res.stderr, /administratör/);
    }
    const none = besok(dir, ['users', 'set', 'bo@kommun.se', '--db', db]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^besok: Inget att ändra/);
    const bad = besok(dir, ['users', 'set', 'bo@kommun.se', '--role', 'chef', '--db', db]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^besok: --role: /);

    const off = besok(dir, ['users', 'set', 'bo@kommun.se', '--deactivate', '--role', 'viewer', '--db', db]);
    assert.equal(off.status, 0, off.stderr);
    assert.match(off.stdout, /^Ändrade \/ Updated bo@kommun\.se: viewer, business, inaktiv \/ inactive/);
    assert.match(
      besok(dir, ['users', 'list', '--db', db]).stdout,
      /^bo@kommun\.se\s+viewer\s+business\s+\(inaktiv \/ inactive\)/m,
    );

    // From standard input (a pipe): the first line, not shown; the inactive account is pointed out.
    const pw = 'kanel-bulle-fika-2026';
    const set = besok(dir, ['users', 'passwd', 'bo@kommun.se', '--password-stdin', '--db', db], {
      input: `${pw}\r\nmer\n`,
    });
    assert.equal(set.status, 0, set.stderr);
    assert.doesNotMatch(set.stdout, /Password:/);
    assert.match(
      set.stdout,
      /The account is inactive and cannot log in until activated: besok users set bo@kommun\.se --activate/,
    );
    const sqlite = new SQLite(db, { readonly: true });
    try {
      const { password_hash } = sqlite
        .prepare('select password_hash from app_user where email = ?')
        .get('bo@kommun.se') as { password_hash: string };
      assert.ok(await verify(password_hash, pw), 'the password is the line read, without its line end');
    } finally {
      sqlite.close();
    }
    const on = besok(dir, ['users', 'set', 'bo@kommun.se', '--activate', '--db', db]);
    assert.equal(on.status, 0, on.stderr);
    assert.match(on.stdout, /, aktiv \/ active — /);

    const both = besok(
      dir,
      ['users', 'passwd', 'bo@kommun.se', '--password-stdin', '--password', pw, '--db', db],
      { input: pw },
    );
    assert.equal(both.status, 2);
    assert.match(both.stderr, /inte båda/);
    const empty = besok(dir, ['users', 'passwd', 'bo@kommun.se', '--password-stdin', '--db', db], {
      input: '',
    });
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /Standard in gav inget lösenord/);
  });
});
