import type { Command } from 'commander';
import { CliError, DB_OPTION_HELP, openDb } from '../db-option';
import { NotTheDemoError, seedDemo } from '../../demo/seed';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Läs in demokommunen, dess register och medarbetare i en tom databas / Load the demo municipality, its register and staff into an empty database',
    )
    .option('--db <db>', DB_OPTION_HELP)
    .action(async (opts: { db?: string }) => {
      const { db } = await openDb(opts.db);
      try {
        const s = await seedDemo(db, new Date()).catch((err: unknown) => {
          throw err instanceof NotTheDemoError ? new CliError(err.message) : err;
        });
        process.stdout.write(
          `${s.municipality}: ${s.companies} företag, ${s.staff} medarbetare / companies, staff.\n` +
            `Lösenord för demons inloggningar / Password for the demo log-ins: ${s.password}\n` +
            s.logins.map((l) => `  ${l.role.padEnd(6)} ${l.email}  ${l.name}\n`).join(''),
        );
      } finally {
        await db.destroy();
      }
    });
}
