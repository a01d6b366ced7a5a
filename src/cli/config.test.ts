import { describe, test } from 'node:test';
import { runBesok } from '../../test/helpers/cli';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadEnv } from '../config/env';

const besok = (cwd: string, args: string[], env: Record<string, string> = {}) => runBesok(cwd, args, { env });

/** The `besok` command's configuration: ./.env as .env.example says, and values it refuses. */
describe('besok configuration (sqlite)', () => {
  test('settings come from ./.env; a variable set in the environment wins', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'besok-env-'));
    try {
      writeFileSync(path.join(dir, '.env'), `# as in .env.example\nDATABASE_URL=${dir}/from-dotenv.sqlite\n`);
      const fromFile = besok(dir, ['migrate']);
      assert.equal(fromFile.status, 0, fromFile.stderr);
      assert.match(fromFile.stdout, /from-dotenv\.sqlite/);
      const fromEnv = besok(dir, ['migrate'], { DATABASE_URL: `${dir}/from-env.sqlite` });
      assert.equal(fromEnv.status, 0, fromEnv.stderr);
      assert.match(fromEnv.stdout, /from-env\.sqlite/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a .env that cannot be read (a folder) is said so with its path: exit 2, no stack trace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'besok-env-'));
    try {
      mkdirSync(path.join(dir, '.env'));
      const res = besok(dir, ['users', 'list', '--db', path.join(dir, 'x.sqlite')]);
      assert.equal(res.status, 2, res.stderr);
      assert.match(
        res.stderr,
        new RegExp(`^besok: kan inte läsa inställningarna i ${path.join(dir, '.env')} `),
      );
      assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an SMTP_URL that is not an smtp:// address is refused, saying what it should be', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'besok-env-'));
    try {
      const res = besok(dir, ['migrate'], { SMTP_URL: 'smtp.example.se:587' });
      assert.equal(res.status, 2, res.stderr);
      assert.match(res.stderr, /SMTP_URL: ska vara en smtp:\/\/- eller smtps:\/\/-adress/);
      assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('links in e-mail lead to http://localhost:PORT unless PUBLIC_URL says otherwise', () => {
    assert.equal(loadEnv({ PORT: '3101' } as NodeJS.ProcessEnv).PUBLIC_URL, 'http://localhost:3101');
    assert.equal(loadEnv({} as NodeJS.ProcessEnv).PUBLIC_URL, 'http://localhost:3000');
    const set = loadEnv({ PORT: '3101', PUBLIC_URL: 'https://besok.kommun.se' } as NodeJS.ProcessEnv);
    assert.equal(set.PUBLIC_URL, 'https://besok.kommun.se');
  });

  test('cookies are Secure when people reach the app over HTTPS, unless COOKIE_SECURE says otherwise', () => {
    const env = (e: Record<string, string>) => loadEnv(e as NodeJS.ProcessEnv).COOKIE_SECURE;
    assert.equal(env({}), false, 'http://localhost');
    assert.equal(env({ PUBLIC_URL: 'https://besok.kommun.se' }), true);
    assert.equal(env({ PUBLIC_URL: 'HTTPS://besok.kommun.se' }), true);
    assert.equal(env({ PUBLIC_URL: 'http://besok.intra' }), false);
    assert.equal(env({ PUBLIC_URL: 'https://besok.kommun.se', COOKIE_SECURE: 'false' }), false);
    assert.equal(env({ PUBLIC_URL: 'http://besok.intra', COOKIE_SECURE: 'true' }), true);
  });

  test('HOST= and PORT= left empty mean the defaults, not every interface and any port', () => {
    const env = loadEnv({ HOST: '', PORT: ' ' } as NodeJS.ProcessEnv);
    assert.equal(env.HOST, '127.0.0.1');
    assert.equal(env.PORT, 3000);
    const set = loadEnv({ HOST: '0.0.0.0', PORT: '8080' } as NodeJS.ProcessEnv);
    assert.deepEqual([set.HOST, set.PORT], ['0.0.0.0', 8080]);
  });

  test("NODE_ENV is not Besök's to check: any value a host sets is accepted", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'besok-env-'));
    try {
      const res = besok(dir, ['migrate'], { NODE_ENV: 'staging' });
      assert.equal(res.status, 0, res.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a database a newer version of Besök has used is refused as such, not called corrupt', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'besok-env-'));
    try {
      const db = path.join(dir, 'newer.sqlite');
      assert.equal(besok(dir, ['migrate', '--db', db]).status, 0);
      const raw = new SQLite(db);
      raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_future', 'x');
      raw.close();
      const res = besok(dir, ['users', 'list', '--db', db]);
      assert.equal(res.status, 2, res.stderr);
      assert.match(res.stderr, /har migreringen 9999_future, som den här versionen av Besök inte har/);
      assert.doesNotMatch(res.stderr, /corrupted/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
