import { after, before, describe, test } from 'node:test';
import { runBesok } from '../../test/helpers/cli';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const besok = runBesok;

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
      'Created Leksands kommun (2029) with the default topic list.\n',
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
});
