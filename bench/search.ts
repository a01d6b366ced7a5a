// npm run bench:search [-- --count 1200000] [--dialect sqlite,postgres] [--pg-db NAME] [--show N]
// Runs a few hundred realistic register searches (name prefixes and words, org nr prefixes,
// filters, sorting, paging) against the imported national register and prints p50/p95/p99 per
// dialect. SQLite reuses the register bench:import left in bench/.cache; PostgreSQL gets a fresh
// database with the extract imported, dropped afterwards (kept and reused with --pg-db NAME).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../src/db/connect';
import { CompanyQuery } from '../src/contracts/companies';
import { searchCompanies } from '../src/modules/companies/company.service';
import { CACHE, arg, importInChild, nationalExtract, pgAdmin, pgUrlFor } from './lib-bench';

const count = Number(arg('count', '1200000'));
const only = arg('dialect', 'sqlite,postgres').split(',');
const file = nationalExtract(count);

/** A seeded PRNG, so every run asks the same questions. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = [
  'Stockholm',
  'Göteborg',
  'Malmö',
  'Uppsala',
  'Trollhättan',
  'Leksand',
  'Kiruna',
  'Växjö',
  'Örebro',
  'Umeå',
];
const TRADES = [
  'Bygg',
  'Trä',
  'Måleri',
  'Konsult',
  'Frisör',
  'Åkeri',
  'Kafé',
  'Redovisning',
  'Fastighet',
  'Ljud & Ljus',
  'VVS',
  'Smide',
  'Trädgård',
  'Städ',
];
const PEOPLE = [
  'Anna',
  'Erik',
  'Fatima',
  'Åsa',
  'Björn',
  'Andersson',
  'Yilmaz',
  'Hassan',
  'Öberg',
  'Lindberg',
  'Sandberg',
];
const POSTAL = ['461', '46130', '793', '111', '411', '981 3', '75'];

async function queries(db: Db): Promise<Array<Record<string, string>>> {
  const rnd = mulberry32(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const prefix = (w: string) => w.slice(0, Math.max(2, Math.ceil(w.length * (0.4 + rnd() * 0.6))));
  const sample = await db.kysely
    .selectFrom('company')
    .select(['org_nr', 'name'])
    .orderBy('org_nr')
    .limit(20000)
    .execute();
  const out: Array<Record<string, string>> = [];
  for (let i = 0; i < 300; i++) {
    const kind = rnd();
    const q: Record<string, string> = {};
    if (kind < 0.25) q.q = prefix(pick(TRADES));
    else if (kind < 0.4) q.q = prefix(pick(TOWNS));
    else if (kind < 0.5) q.q = prefix(pick(PEOPLE));
    else if (kind < 0.62) q.q = `${pick(TRADES)} ${prefix(pick(TOWNS))}`;
    else if (kind < 0.68) q.q = `${pick(PEOPLE.slice(0, 5))} ${prefix(pick(PEOPLE.slice(5)))}`;
    else if (kind < 0.76) {
      const o = pick(sample).org_nr;
      q.q =
        rnd() < 0.5
          ? o.slice(0, 3 + Math.floor(rnd() * 7))
          : `${o.slice(0, 6)}-${o.slice(6, 6 + Math.floor(rnd() * 5))}`;
    } else if (kind < 0.82) {
      const n = pick(sample).name.split(' ');
      q.q = n.slice(0, 2).join(' ');
    } else if (kind < 0.9) {
      // filters only
    } else q.q = prefix(pick([...TRADES, ...TOWNS]));
    if (rnd() < 0.3) q.section = pick(['F', 'G', 'I', 'M', 'C', 'L']);
    if (rnd() < 0.15) q.division = pick(['43', '56', '62', '68', '70']);
    if (rnd() < 0.2) q.sizeClass = String(pick([1, 2, 3, 4, 6]));
    if (rnd() < 0.25 || (kind >= 0.82 && kind < 0.9)) q.postalCode = pick(POSTAL);
    if (rnd() < 0.15) q.sort = pick(['employees', 'postalCode', 'orgNr']);
    // Descending is how people sort by size ("the largest first"); names and codes go A→Ö.
    if (q.sort === 'employees' && rnd() < 0.8) q.dir = 'desc';
    if (rnd() < 0.15) q.page = String(2 + Math.floor(rnd() * 4));
    out.push(q);
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(label: string, db: Db): Promise<void> {
  const qs = await queries(db);
  // Warm the caches once, as a server that has been running would be.
  for (const q of qs) await searchCompanies(db.kysely, CompanyQuery.parse(q));
  const times: Array<{ ms: number; q: Record<string, string>; total: number }> = [];
  for (const q of qs) {
    const t0 = performance.now();
    const page = await searchCompanies(db.kysely, CompanyQuery.parse(q));
    times.push({ ms: performance.now() - t0, q, total: page.total });
  }
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  console.log(
    `${label}: ${qs.length} searches — p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
  );
  for (const t of times.sort((a, b) => b.ms - a.ms).slice(0, Number(arg('show', '5')))) {
    console.log(
      `   ${t.ms.toFixed(1).padStart(7)} ms  ${new URLSearchParams(t.q).toString()}  (total ${t.total})`,
    );
  }
}

if (only.includes('sqlite')) {
  const cached = path.join(CACHE, `national-${count}.sqlite`);
  if (!existsSync(cached)) {
    console.error(`No imported register at ${cached}; importing (run bench:import to measure that) …`);
    importInChild(cached, file, path.join(tmpdir(), 'besok-bench-search.rejects.csv'));
  }
  const db = connect(cached);
  try {
    await run('SQLite', db);
  } finally {
    await db.destroy();
  }
}

/** Whether the database at `url` holds an imported register. */
async function hasCompanies(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM company LIMIT 1')).rowCount === 1;
  } catch {
    return false; // no company table yet
  } finally {
    await c.end();
  }
}

if (only.includes('postgres')) {
  // --pg-db NAME keeps the imported database under that name and reuses it on later runs.
  const kept = arg('pg-db', '');
  const name = kept || `besok_bench_search_${process.pid}`;
  const exists = await pgAdmin(
    async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
  );
  if (!exists) await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const url = pgUrlFor(name);
    // A kept database whose import did not finish (no company table, or no companies) is imported again.
    const filled = exists && (await hasCompanies(url));
    if (!filled) {
      console.error(`Importing the extract into PostgreSQL (${name}) …`);
      importInChild(url, file, path.join(tmpdir(), 'besok-bench-search.rejects.csv'));
    }
    const db = connect(url, { poolSize: 2 });
    try {
      await run('PostgreSQL', db);
    } finally {
      await db.destroy();
    }
  } finally {
    if (!kept) await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
console.log('Goal: p95 < 100 ms on 1.2M companies.');
