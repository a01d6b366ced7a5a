import { after, before, describe, test } from 'node:test';
import { runBesok } from '../../test/helpers/cli';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const besok = (cwd: string, args: string[], timeoutMs = 120_000) => runBesok(cwd, args, { timeoutMs });

/** `besok serve` and `besok demo` where they must not start: a real municipality's data, a taken port. */
describe('besok serve and demo refuse what is not theirs (sqlite)', () => {
  let dir: string;
  let busy: Server;
  let port: number;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'besok-serve-'));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  after(() => {
    busy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the demo leaves a real municipality's database alone", () => {
    const db = path.join(dir, 'leksand.sqlite');
    const init = besok(dir, ['init', '--name', 'Leksands kommun', '--kommunkod', '2029', '--db', db]);
    assert.equal(init.status, 0, init.stderr);
    for (const args of [
      ['demo', '--db', db],
      ['serve', '--demo', '--db', db, '--port', '0'],
    ]) {
      const res = besok(dir, args, 60_000);
      assert.equal(res.status, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stderr, /används redan av Leksands kommun, inte av demon/);
    }
  });

  test('a port in use is said so, and the process ends (the demo mailbox does not keep it alive)', () => {
    const res = besok(dir, [
      'serve',
      '--demo',
      '--db',
      path.join(dir, 'demo.sqlite'),
      '--port',
      String(port),
    ]);
    assert.equal(res.error, undefined, 'it ended by itself');
    assert.equal(res.status, 2, res.stderr);
    assert.match(
      res.stderr,
      new RegExp(`Kan inte lyssna på 127\\.0\\.0\\.1:${port} \\(porten används redan\\)`),
    );
    assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
  });

  test('a --port that is no port, or a HOST that is no address here, is said so: exit 2, no stack trace', () => {
    const db = path.join(dir, 'ports.sqlite');
    for (const bad of ['abc', '70000', '-1', '3000x']) {
      const res = besok(dir, ['serve', '--db', db, '--port', bad], 60_000);
      assert.equal(res.status, 2, `${bad}: ${res.stderr}`);
      assert.match(res.stderr, new RegExp(`^besok: --port ${bad}: porten måste vara ett heltal 0–65535`));
    }
    const res = runBesok(dir, ['serve', '--db', db, '--port', '0'], {
      env: { HOST: 'ingen-sadan-vard.invalid' },
      timeoutMs: 60_000,
    });
    assert.equal(res.status, 2, res.stderr);
    assert.match(
      res.stderr,
      /Kan inte lyssna på ingen-sadan-vard\.invalid \((ENOTFOUND|EAI_AGAIN)\): HOST ska vara/,
    );
    assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
  });

  test('--version prints the version', () => {
    const res = besok(dir, ['--version']);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
