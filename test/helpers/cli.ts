import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `besok ARGS` (bin/besok.mjs, as `npx besok` does) in `cwd`, with the configuration a test
 * names and none of the developer's own (DATABASE_URL, SMTP_URL, HOST, PORT, PUBLIC_URL unset).
 */
/** The environment `besok` runs with in a test: none of the developer's own configuration. */
export function besokEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'SMTP_URL', 'HOST', 'PORT', 'PUBLIC_URL']) delete env[k];
  return { ...env, ...extra };
}

/** The path of bin/besok.mjs, for a test that spawns it itself (to signal or kill it). */
export const BESOK_BIN = path.join(ROOT, 'bin/besok.mjs');

export function runBesok(
  cwd: string,
  args: string[],
  opts: { env?: Record<string, string>; timeoutMs?: number; input?: string } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BESOK_BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: besokEnv(opts.env),
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
  });
}
