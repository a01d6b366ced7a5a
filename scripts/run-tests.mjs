#!/usr/bin/env node
// Runs every *.test.ts under the given folders with node's own test runner.
// Node 20's `node --test` takes no globs and silently runs nothing for a folder of .ts files,
// so the file list is built here and passed explicitly (see ../shared/STACK.md).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('--'));
const passThrough = args.filter((a) => a.startsWith('--'));
const dirs = roots.length > 0 ? roots : ['src', 'test', 'e2e'];

function collect(dir, out) {
  let st;
  try {
    st = statSync(dir);
  } catch {
    return out;
  }
  if (st.isFile()) {
    out.push(dir);
    return out;
  }
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const files = dirs.flatMap((d) => collect(d, [])).map((f) => relative(process.cwd(), f));
if (files.length === 0) {
  console.error(`No test files found under ${dirs.join(', ')}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...passThrough, ...files],
  { stdio: 'inherit', env: { TZ: 'UTC', ...process.env, NODE_ENV: 'test' } },
);
process.exit(res.status ?? 1);
