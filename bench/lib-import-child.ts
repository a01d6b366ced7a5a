// Runs one register import in its own process, so the benchmark can read its peak memory.
// Usage: tsx bench/lib-import-child.ts DB FILE [REJECTS]
import { connect } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { importCompanies } from '../src/modules/companies/company-import.service';

const [dbUrl, file, rejects] = process.argv.slice(2);
if (!dbUrl || !file) throw new Error('usage: lib-import-child.ts DB FILE [REJECTS]');
const db = connect(dbUrl, { poolSize: 2 });
await migrateToLatest(db);
let readMs = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const summary = await importCompanies(
  db,
  { path: file },
  {
    fileName: file,
    rejectsPath: rejects,
    now: new Date(),
    // As `besok import companies` runs it: the process has the database to itself.
    soleUser: true,
    onProgress: (p) => {
      if (p.phase === 'saving' && !readMs) readMs = performance.now() - t0;
    },
  },
);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
await db.destroy();
process.stdout.write(
  JSON.stringify({ summary, ms, cpuMs, readMs, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
