// npm run bench:import [-- --count 1200000]
// Imports the national extract into a fresh SQLite file and a fresh PostgreSQL database, twice
// (the second import is unchanged), beside the plain reference for the same file: sqlite3's own
// `.import` into an untyped table, and PostgreSQL's COPY (psql \copy).
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CACHE,
  arg,
  fileSizeMB,
  importInChild,
  nationalExtract,
  pgAdmin,
  pgUrlFor,
  timeCommand,
  type ChildResult,
} from './lib-bench';

const count = Number(arg('count', '1200000'));
const only = arg('dialect', 'sqlite,postgres').split(',');
const file = nationalExtract(count);
const rejects = path.join(tmpdir(), `besok-bench-${process.pid}.rejects.csv`);
console.log(`Extract: ${file} (${fileSizeMB(file).toFixed(0)} MB, ${count} companies + quirks)\n`);

const HEADER_COLS = 17;
const rows: string[][] = [];
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;
function line(label: string, r: ChildResult) {
  rows.push([
    label,
    fmt(r.ms),
    rate(r.summary.read, r.ms),
    `${r.maxRssMB.toFixed(0)} MB`,
    `CPU ${fmt(r.cpuMs)}; read ${r.summary.read}, created ${r.summary.created}, updated ${r.summary.updated}, unchanged ${r.summary.unchanged}, rejected ${r.summary.rejected}; process incl. start ${fmt(r.wallMs)}`,
  ]);
}

if (only.includes('sqlite')) {
  const db = path.join(tmpdir(), `besok-bench-${process.pid}.sqlite`);
  const clean = () => ['', '-wal', '-shm'].forEach((s) => rmSync(db + s, { force: true }));
  clean();
  const first = importInChild(db, file, rejects);
  line('SQLite: import (fresh)', first);
  const second = importInChild(db, file, rejects);
  line('SQLite: import again (unchanged)', second);
  // Keep the register for bench:search.
  copyFileSync(db, path.join(CACHE, `national-${count}.sqlite`));
  clean();

  const ref = path.join(tmpdir(), `besok-bench-ref-${process.pid}.sqlite`);
  rmSync(ref, { force: true });
  const ms = timeCommand('sqlite3', [ref], `.mode csv\n.separator ";"\n.import '${file}' extract\n`);
  rmSync(ref, { force: true });
  rows.push([
    'SQLite: reference sqlite3 .import',
    fmt(ms),
    rate(first.summary.read, ms),
    '',
    'untyped table, no index, no checks',
  ]);
}

if (only.includes('postgres')) {
  const name = `besok_bench_${process.pid}`;
  await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const url = pgUrlFor(name);
    const first = importInChild(url, file, rejects);
    line('PostgreSQL: import (fresh)', first);
    const second = importInChild(url, file, rejects);
    line('PostgreSQL: import again (unchanged)', second);
    const cols = Array.from({ length: HEADER_COLS }, (_, i) => `c${i} text`).join(', ');
    timeCommand('psql', [url, '-q', '-c', `CREATE TABLE extract (${cols})`]);
    const ms = timeCommand('psql', [
      url,
      '-q',
      '-c',
      `\\copy extract FROM '${file}' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'UTF8')`,
    ]);
    rows.push([
      'PostgreSQL: reference COPY (psql \\copy)',
      fmt(ms),
      rate(first.summary.read, ms),
      '',
      'untyped table, no index, no checks',
    ]);
  } finally {
    await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
rmSync(rejects, { force: true });

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(
  ['what', 'wall time', 'rows/s', 'peak RSS', 'details']
    .map((h, i) => h.padEnd(widths[i] ?? h.length))
    .join('  '),
);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log(
  '\nGoals: SQLite < 60 s, within 3× of the reference, peak memory < 400 MB, the unchanged import as fast.',
);
