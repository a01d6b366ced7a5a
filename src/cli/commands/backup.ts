import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError, openDb } from '../db-option';

/**
 * A consistent copy of the whole database while the app runs: SQLite's online backup API, or
 * pg_dump's custom format for PostgreSQL (restore with pg_restore).
 */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup')
    .description('Write a consistent backup of the database (SQLite file copy, or pg_dump custom format)')
    .option('--db <db>', 'postgres:// URL or SQLite file')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, opts: { db?: string; force?: boolean }) => {
      const target = path.resolve(file);
      if (existsSync(target) && statSync(target).isDirectory())
        throw new CliError(`${target} is a folder; name the backup file.`);
      if (existsSync(target) && !opts.force)
        throw new CliError(`${target} exists; use --force to overwrite it.`);
      try {
        mkdirSync(path.dirname(target), { recursive: true });
      } catch (err) {
        throw new CliError(`Cannot make the folder for ${target}: ${(err as Error).message}`);
      }
      // As it is: a backup taken before an upgrade must not be upgraded first.
      const { env, db } = await openDb(opts.db, { migrate: false, mustExist: true });
      try {
        if (db.sqlite) {
          if (db.location === target)
            throw new CliError(`${target} is the database itself; write the backup to another file.`);
          await db.sqlite.backup(target);
          process.stdout.write(`SQLite backup written to ${target}\n`);
          return;
        }
        // The password goes to pg_dump in its environment, not on its command line (where `ps` shows it).
        const url = new URL(env.DATABASE_URL);
        const password = decodeURIComponent(url.password);
        url.password = '';
        const res = spawnSync(
          'pg_dump',
          ['--format=custom', '--no-owner', `--file=${target}`, url.toString()],
          {
            stdio: ['ignore', 'inherit', 'pipe'],
            encoding: 'utf8',
            env: password ? { ...process.env, PGPASSWORD: password } : process.env,
          },
        );
        if (res.error)
          throw new CliError(
            `pg_dump could not be started (${res.error.message}); install the PostgreSQL client tools.`,
          );
        if (res.status !== 0) throw new CliError(`pg_dump failed: ${res.stderr.trim()}`);
        process.stdout.write(
          `PostgreSQL backup (pg_dump custom format) written to ${target}; restore with pg_restore.\n`,
        );
      } finally {
        await db.destroy();
      }
    });
}
