import type { Command } from 'commander';
import { openDb } from '../db-option';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .option('--db <db>', 'postgres:// URL or SQLite file (default: DATABASE_URL or ./data/besok.sqlite)')
    .action(async (opts: { db?: string }) => {
      const { db } = await openDb(opts.db);
      process.stdout.write(`Database ${db.location} (${db.dialect}) is up to date.\n`);
      await db.destroy();
    });
}
