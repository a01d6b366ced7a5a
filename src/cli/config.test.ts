import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const besok = (cwd: string, args: string[], env: Record<string, string> = {}) => {
  const clean = { ...process.env };
  for (const k of ['DATABASE_URL', 'SMTP_URL', 'PORT', 'HOST']) delete clean[k];
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/besok.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...clean, ...env },
  });
};

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
});
