import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `besok ARGS` (bin/besok.mjs, as `npx besok` does) in `cwd`, with the configuration a test
 * names and none of the developer's own (DATABASE_URL, SMTP_URL, HOST, PORT, PUBLIC_URL unset).
 */
export function runBesok(
  cwd: string,
  args: string[],
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): SpawnSyncReturns<string> {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'SMTP_URL', 'HOST', 'PORT', 'PUBLIC_URL']) delete env[k];
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/besok.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...env, ...opts.env },
    ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
  });
}
