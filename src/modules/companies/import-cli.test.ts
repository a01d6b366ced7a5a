import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BESOK_BIN, besokEnv, runBesok } from '../../../test/helpers/cli';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { luhnCheckDigit } from '../../core/orgnr';

/**
 * The import as a new user runs it: `besok import companies` on the Trollhättan extract. The
 * expectation is computed here from the file, independently of the import's own parser.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const FILE = path.resolve(ROOT, '../shared/data/companies-trollhattan.csv');

function luhnOk(ten: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

const besok = (args: string[], cwd: string) => runBesok(cwd, args);

describe('besok import companies (CLI, the Trollhättan extract)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'besok-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('duplicates merged, bad rows rejected with line and reason, every other company present', () => {
    const text = readFileSync(FILE, 'utf8').replace(/^\ufeff/, '');
    const records = parse(text, { delimiter: ';', columns: true, info: true }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    const physical = text.split('\n');
    const lineOf = (orgRaw: string, name: string) =>
      physical.findIndex((l) => l.startsWith(`${orgRaw};`) && l.includes(name.split('\n')[0]!)) + 1;
    const expectedRejects = new Map<number, RegExp>();
    const lastByOrg = new Map<string, Record<string, string>>();
    let valid = 0;
    for (const { record } of records) {
      const raw = record['Organisationsnummer']!;
      let digits = raw.replace(/\D/g, '');
      if (digits.length === 12) digits = digits.slice(2);
      if (!luhnOk(digits)) {
        expectedRejects.set(
          lineOf(raw, record['Företagsnamn']!),
          /^Organisationsnummer: ".*" har fel kontrollsiffra$/,
        );
      } else if (!record['Företagsnamn']!.trim()) {
        expectedRejects.set(lineOf(raw, ''), /^Företagsnamn saknas$/);
      } else {
        valid++;
        lastByOrg.set(digits, record);
      }
    }
    assert.ok(expectedRejects.size > 5 && lastByOrg.size < valid, 'the file has bad rows and duplicates');

    const db = path.join(dir, 'register.sqlite');
    const rejects = path.join(dir, 'rejects.csv');
    const res = besok(['import', 'companies', FILE, '--db', db, '--json', '--rejects', rejects], dir);
    assert.equal(res.status, 0, res.stderr);
    const lines = res.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'exactly one line of JSON');
    const summary = JSON.parse(lines[0]!);
    assert.deepEqual(summary, {
      read: records.length,
      created: lastByOrg.size,
      updated: valid - lastByOrg.size,
      unchanged: 0,
      rejected: expectedRejects.size,
      rejectFile: rejects,
    });

    const rej = parse(readFileSync(rejects, 'utf8').replace(/^\ufeff/, ''), {
      delimiter: ';',
      columns: true,
    }) as Array<Record<string, string>>;
    assert.equal(rej.length, expectedRejects.size);
    for (const r of rej) {
      const want = expectedRejects.get(Number(r['Avvisad: rad']));
      assert.ok(want, `line ${r['Avvisad: rad']} is one of the bad rows`);
      assert.match(r['Avvisad: orsak']!, want);
    }

    const sqlite = new SQLite(db, { readonly: true });
    try {
      const stored = new Map(
        (
          sqlite.prepare('SELECT org_nr, name, employees FROM company').all() as Array<{
            org_nr: string;
            name: string;
            employees: number;
          }>
        ).map((r) => [r.org_nr, r]),
      );
      assert.equal(stored.size, lastByOrg.size);
      for (const [orgNr, rec] of lastByOrg) {
        const s = stored.get(orgNr);
        assert.ok(s, `${orgNr} is in the register`);
        assert.equal(s.employees, Number(rec['Antal anställda']), `${orgNr}: the later row won`);
      }
    } finally {
      sqlite.close();
    }

    const again = besok(['import', 'companies', FILE, '--db', db, '--json', '--rejects', rejects], dir);
    assert.equal(again.status, 0, again.stderr);
    const s2 = JSON.parse(again.stdout);
    assert.deepEqual([s2.created, s2.updated, s2.unchanged], [0, 0, valid]);
  });

  test('a readable summary by default, rejects beside the current folder', () => {
    const file = path.join(dir, 'små firmor.csv');
    writeFileSync(file, 'Org.nr;Namn\n5566778898;Fel AB\n');
    const res = besok(['import', 'companies', file, '--db', path.join(dir, 'b.sqlite')], dir);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /avvisade \/ rejected\s+1/);
    assert.ok(readFileSync(path.join(dir, 'små firmor.rejects.csv'), 'utf8').includes('fel kontrollsiffra'));
    // It names the database, and says when it made it (a mistyped --db is a new, empty one).
    const db = path.join(dir, 'b.sqlite');
    assert.match(res.stdout, new RegExp(`^Importerade små firmor\\.csv \\(utf-8\\) till ${db}:`, 'm'));
    assert.ok(res.stdout.includes(`The database did not exist and was created now: ${db}`), res.stdout);
    const again = besok(['import', 'companies', file, '--db', db], dir);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(again.stdout.includes(`till ${db}:`));
    assert.ok(!again.stdout.includes('did not exist'), again.stdout);
  });

  test("records with another municipality's kommunkod are imported and counted in a note (a neighbour's extract by mistake)", () => {
    const db = path.join(dir, 'kommun.sqlite');
    const init = besok(['init', '--name', 'Trollhättans stad', '--kommunkod', '1488', '--db', db], dir);
    assert.equal(init.status, 0, init.stderr);
    const org = (n: number) => {
      const nine = `5569${String(n).padStart(5, '0')}`;
      return nine + String(luhnCheckDigit(nine));
    };
    const file = path.join(dir, 'grannar.csv');
    writeFileSync(
      file,
      'Org.nr;Namn;Kommunkod\n' +
        `${org(1)};Hemma AB;1488\n${org(2)};Utan kod AB;\n` +
        `${org(3)};Leksand Ett AB;2029\n${org(4)};Leksand Två AB;2029\n${org(5)};Vänersborg AB;1487\n`,
    );
    const res = besok(['import', 'companies', file, '--db', db], dir);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /nya \/ created\s+5/);
    assert.ok(
      res.stdout.includes(
        'Obs: 3 rader har en annan kommunkod än Trollhättans stad (1488): 2029 (2), 1487 (1). De är inlästa; kontrollera att det var rätt fil.\n' +
          'Note: 3 records have another kommunkod than Trollhättans stad (1488): 2029 (2), 1487 (1). They are imported; check that it was the right file.',
      ),
      res.stdout,
    );
    // --json keeps its one line of counts.
    const json = besok(['import', 'companies', file, '--db', db, '--json'], dir);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout)), [
      'read',
      'created',
      'updated',
      'unchanged',
      'rejected',
      'rejectFile',
    ]);
    // A file of the municipality's own companies says nothing of the kind.
    const own = path.join(dir, 'egna.csv');
    writeFileSync(own, `Org.nr;Namn;Kommunkod\n${org(6)};Egen AB;1488\n`);
    assert.doesNotMatch(besok(['import', 'companies', own, '--db', db], dir).stdout, /annan kommunkod/);
  });

  test('a file with no rows below its header says so (exit 0: nothing was wrong to import)', () => {
    const file = path.join(dir, 'bara rubriker.csv');
    writeFileSync(file, 'Org.nr;Namn\r\n');
    const res = besok(['import', 'companies', file, '--db', path.join(dir, 'b.sqlite')], dir);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /Filen hade inga rader under rubrikraden, så ingenting lästes in\./);
    const one = path.join(dir, 'en rad.csv');
    writeFileSync(one, 'Org.nr;Namn\r\n5566778898;Fel AB\r\n');
    const some = besok(['import', 'companies', one, '--db', path.join(dir, 'b.sqlite')], dir);
    assert.equal(some.status, 0, some.stderr);
    assert.doesNotMatch(some.stdout, /inga rader/);
  });

  test('exit 2 with the reason, no stack trace, when the file cannot be imported', () => {
    const missing = besok(
      ['import', 'companies', path.join(dir, 'nope.csv'), '--db', path.join(dir, 'c.sqlite')],
      dir,
    );
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Kan inte läsa filen/);
    const odd = path.join(dir, 'odd.csv');
    writeFileSync(odd, 'Kolumn A;Kolumn B\n1;2\n');
    const res = besok(['import', 'companies', odd, '--db', path.join(dir, 'c.sqlite'), '--json'], dir);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /Hittade kolumner: "Kolumn A", "Kolumn B"/);
    assert.match(res.stderr, /Behövs: Organisationsnummer/);
    assert.doesNotMatch(res.stderr, /\bat .*\.ts:\d+/);
    assert.equal(res.stdout, '');
  });

  test('a reject file that cannot be written, or that is the input, is refused before anything is imported', () => {
    const file = path.join(dir, 'rej.csv');
    writeFileSync(file, 'Org.nr;Namn\n5566778898;Fel AB\n5566778899;Rätt AB\n');
    const db = path.join(dir, 'rej.sqlite');
    for (const [rejects, message] of [
      [
        path.join(dir, 'no-such-folder', 'r.csv'),
        /Kan inte skriva avvisade rader till .*no-such-folder.*: mappen .* finns inte/,
      ],
      [dir, /Kan inte skriva avvisade rader till .*: det är en mapp/],
      [file, /--rejects .*rej\.csv är filen som importeras/],
    ] as const) {
      const res = besok(['import', 'companies', file, '--db', db, '--rejects', rejects], dir);
      assert.equal(res.status, 2, res.stderr);
      assert.match(res.stderr, message);
      assert.doesNotMatch(res.stderr, /\bat .*\.(ts|js|mjs):\d+|node:events/);
    }
    assert.equal(
      readFileSync(file, 'utf8'),
      'Org.nr;Namn\n5566778898;Fel AB\n5566778899;Rätt AB\n',
      'the input is intact',
    );
    assert.throws(() => readFileSync(db), /ENOENT/, 'refused before the database was even opened');
  });

  test("an import without rejects removes the earlier import's reject file, and only a reject file", () => {
    const file = path.join(dir, 'stale.csv');
    const db = path.join(dir, 'stale.sqlite');
    writeFileSync(file, 'Org.nr;Namn\n5566778898;Fel AB\n');
    assert.equal(besok(['import', 'companies', file, '--db', db], dir).status, 0);
    const rejects = path.join(dir, 'stale.rejects.csv');
    assert.match(readFileSync(rejects, 'utf8'), /Fel AB/);
    writeFileSync(file, 'Org.nr;Namn\n5566778899;Rätt AB\n');
    const res = besok(['import', 'companies', file, '--db', db], dir);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /den gamla filen med avvisade rader togs bort/);
    assert.throws(() => readFileSync(rejects), /ENOENT/);
    // A file of the user's own at that path is not touched.
    writeFileSync(rejects, 'mina anteckningar\n');
    const json = besok(['import', 'companies', file, '--db', db, '--json'], dir);
    assert.equal(JSON.parse(json.stdout).rejectFile, null);
    assert.equal(readFileSync(rejects, 'utf8'), 'mina anteckningar\n');
  });

  test('--db: an unknown kind of URL or an unreachable PostgreSQL is exit 2 with the reason', () => {
    const file = path.join(dir, 'db.csv');
    writeFileSync(file, 'Org.nr;Namn\n5566778899;Rätt AB\n');
    const mysql = besok(['import', 'companies', file, '--db', 'mysql://x/y'], dir);
    assert.equal(mysql.status, 2);
    assert.match(mysql.stderr, /--db: a postgres:\/\/ .* or the path of a SQLite file/);
    assert.throws(() => readFileSync(path.join(dir, 'mysql:')), /ENOENT/, 'no folder made of the URL');
    const down = besok(['import', 'companies', file, '--db', 'postgres://127.0.0.1:1/none'], dir);
    assert.equal(down.status, 2);
    assert.match(
      down.stderr,
      /Kan inte ansluta till PostgreSQL på postgres:\/\/127\.0\.0\.1:1\/none .*ECONNREFUSED/,
    );
  });

  test('Ctrl-C stops the import between batches: what was read is saved, the indexes are whole, exit 130', async () => {
    const n = 200000; // far more than is read before the signal, on a fast machine or a busy one
    const lines = ['Organisationsnummer;Företagsnamn'];
    for (let i = 0; i < n; i++) {
      const nine = `557${String(i).padStart(6, '0')}`;
      lines.push(`${nine}${luhnCheckDigit(nine)};Avbruten${i} Verkstad AB`);
    }
    const file = path.join(dir, 'stor.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const db = path.join(dir, 'stopped.sqlite');
    const fresh = path.join(dir, 'fresh.sqlite');
    assert.equal(besok(['migrate', '--db', fresh], dir).status, 0);
    const indexesOf = (file: string) => {
      const h = new SQLite(file, { readonly: true });
      try {
        return (
          h.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`).all() as Array<{
            name: string;
          }>
        ).map((r) => r.name);
      } finally {
        h.close();
      }
    };

    const child = spawn(process.execPath, [BESOK_BIN, 'import', 'companies', file, '--db', db], {
      cwd: dir,
      env: besokEnv(),
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // As soon as the first rows are committed (the file exists and holds companies; the CLI commits
    // every fourth batch of a first load), press Ctrl-C.
    let seen = 0;
    while (seen === 0 && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 10));
      try {
        const h = new SQLite(db, { readonly: true, fileMustExist: true });
        try {
          seen = count(h, 'company');
        } finally {
          h.close();
        }
      } catch {
        // not created or not migrated yet
      }
    }
    const sentAfter = seen;
    child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 130, `Ctrl-C after ${sentAfter} companies were saved; stderr: ${stderr}`);
    const stopped = /Importen avbröts efter (\d+) rader; det som hann sparas finns kvar/.exec(stderr);
    assert.ok(stopped, stderr);
    assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/);

    const h = new SQLite(db, { readonly: true });
    try {
      const written = count(h, 'company');
      assert.ok(written > 0 && written < n, `stopped half way (${written} of ${n})`);
      // Every row is valid and unique: each one read is saved, those of a group not yet committed too.
      assert.equal(written, Number(stopped[1]), 'every row read is saved');
      const orphans = count(
        h,
        'company c WHERE NOT EXISTS (SELECT 1 FROM company_word w WHERE w.org_nr = c.org_nr)',
      );
      assert.equal(orphans, 0, 'every company written has its name words');
      assert.equal(count(h, 'import_pending_index'), 0);
    } finally {
      h.close();
    }
    assert.deepEqual(indexesOf(db), indexesOf(fresh), 'every index is there, without another import');
  });
});

/** The rows of `from` (a table, or a table and its WHERE) in a SQLite file opened by the test. */
function count(h: SQLite.Database, from: string): number {
  return (h.prepare(`SELECT count(*) AS n FROM ${from}`).get() as { n: number }).n;
}
