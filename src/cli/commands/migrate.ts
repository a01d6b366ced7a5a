import type { Command } from 'commander';
import { openDb } from '../db-option';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Uppdatera databasens schema / Bring the database schema up to date')
    .option(
      '--db <db>',
      'postgres://-adress eller SQLite-fil (annars DATABASE_URL eller ./data/besok.sqlite) / postgres:// URL or SQLite file',
    )
    .action(async (opts: { db?: string }) => {
      const { db } = await openDb(opts.db);
      process.stdout.write(
        `Databasen är uppdaterad / The database is up to date: ${db.location} (${db.dialect})\n`,
      );
      await db.destroy();
    });
}
