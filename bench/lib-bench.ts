import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CACHE = path.join(ROOT, 'bench/.cache');
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
}

/** The national extract with quirks, generated once and cached (bench/.cache is gitignored). */
export function nationalExtract(count: number): string {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `national-${count}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`Generating ${count} companies → ${file} …\n`);
    const fd = openSync(file + '.part', 'w');
    const res = spawnSync(
      process.execPath,
      [
        path.resolve(ROOT, '../shared/tools/gen-companies.mjs'),
        '--national',
        '--count',
        String(count),
        '--quirks',
        '--seed',
        '7',
      ],
      { stdio: ['ignore', fd, 'inherit'] },
    );
    closeSync(fd);
    if (res.status !== 0) throw new Error('gen-companies failed');
    spawnSync('mv', [file + '.part', file]);
  }
  return file;
}

export function fileSizeMB(file: string): number {
  return statSync(file).size / 1024 / 1024;
}

export interface ChildResult {
  summary: { read: number; created: number; updated: number; unchanged: number; rejected: number };
  ms: number;
  cpuMs: number;
  readMs: number;
  maxRssMB: number;
  wallMs: number;
}

/** One import in a child process (peak memory is the child's maxRSS). */
export function importInChild(db: string, file: string, rejects: string): ChildResult {
  const t0 = performance.now();
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/lib-import-child.ts'), db, file, rejects],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  const wallMs = performance.now() - t0;
  if (res.status !== 0) throw new Error(`import failed:\n${res.stderr}`);
  return { ...(JSON.parse(res.stdout.trim().split('\n').pop()!) as Omit<ChildResult, 'wallMs'>), wallMs };
}

export async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function pgUrlFor(dbName: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export function timeCommand(cmd: string, args: string[], input?: string): number {
  const t0 = performance.now();
  const res = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr}`);
  return performance.now() - t0;
}
