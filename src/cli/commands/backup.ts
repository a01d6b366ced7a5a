import type { Command } from 'commander';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError, DB_OPTION_HELP, openDb } from '../db-option';

/**
 * The URL without its password, and the password, so that pg_dump gets it in its environment
 * rather than on its command line (where `ps` shows it). Only the `user:password@` part is
 * touched: libpq's forms that a URL parser refuses (`postgres://user@/db?host=/run/postgresql`)
 * pass as they are.
 */
export function withoutPassword(url: string): { url: string; password: string | null } {
  const m = /^(postgres(?:ql)?:\/\/[^:@/?#]*):([^@/?#]*)@/i.exec(url);
  if (!m) return { url, password: null };
  let password: string;
  try {
    password = decodeURIComponent(m[2]!);
  } catch {
    password = m[2]!;
  }
  return { url: `${m[1]}@${url.slice(m[0].length)}`, password };
}

/** The finished backup under its name (over an older one with --force). */
function moveInto(partial: string, target: string): void {
  try {
    renameSync(partial, target);
  } catch (err) {
    throw new CliError(
      `Kan inte spara säkerhetskopian som ${target}: ${(err as Error).message} / Cannot save the backup as ${target}.`,
    );
  }
}

/**
 * A consistent copy of the whole database while the app runs: SQLite's online backup API, or
 * pg_dump's custom format for PostgreSQL (restore with pg_restore).
 */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'vart säkerhetskopian skrivs / where to write the backup')
    .description(
      'Skriv en konsekvent säkerhetskopia av databasen (kopia av SQLite-filen, eller pg_dump i custom-format) / Write a consistent backup of the database',
    )
    .option('--db <db>', DB_OPTION_HELP)
    .option('--force', 'skriv över filen om den finns / overwrite the file if it exists')
    .action(async (file: string, opts: { db?: string; force?: boolean }) => {
      const target = path.resolve(file);
      if (existsSync(target) && statSync(target).isDirectory())
        throw new CliError(
          `${target} är en mapp; ange säkerhetskopians fil. / ${target} is a folder; name the backup file.`,
        );
      if (existsSync(target) && !opts.force)
        throw new CliError(
          `${target} finns redan; skriv över den med --force. / ${target} exists; use --force to overwrite it.`,
        );
      try {
        mkdirSync(path.dirname(target), { recursive: true });
      } catch (err) {
        throw new CliError(
          `Kan inte skapa mappen för ${target}: ${(err as Error).message} / Cannot make the folder for ${target}.`,
        );
      }
      // As it is: a backup taken before an upgrade must not be upgraded first.
      const { env, db } = await openDb(opts.db, { migrate: false, mustExist: true });
      if (db.sqlite && db.location === target) {
        await db.destroy();
        throw new CliError(
          `${target} är själva databasen; skriv säkerhetskopian till en annan fil. / ` +
            `${target} is the database itself; write the backup to another file.`,
        );
      }
      // Written beside the target and renamed onto it once whole: a backup that fails or is
      // stopped leaves no truncated file under the backup's name (nor takes an older one's place).
      const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
      // With SQLite's own files beside it while it is written.
      const removePartial = () => {
        for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
      };
      let child: ChildProcess | null = null;
      const onSignal = (signal: NodeJS.Signals) => {
        child?.kill(signal);
        removePartial();
        process.stderr.write(
          `Säkerhetskopieringen avbröts; ingen fil skrevs till ${target}. / ` +
            `The backup was stopped; nothing was written to ${target}.\n`,
        );
        process.exit(signal === 'SIGINT' ? 130 : 143);
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        if (db.sqlite) {
          try {
            await db.sqlite.backup(partial);
          } catch (err) {
            throw new CliError(
              `Kan inte skriva säkerhetskopian ${target}: ${(err as Error).message} / ` +
                `Cannot write the backup ${target}.`,
            );
          }
          moveInto(partial, target);
          process.stdout.write(`Säkerhetskopian av SQLite är skriven / SQLite backup written: ${target}\n`);
          return;
        }
        const { url, password } = withoutPassword(env.DATABASE_URL);
        const res = await new Promise<{ status: number | null; stderr: string; error?: Error }>((resolve) => {
          const p = spawn('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, url], {
            stdio: ['ignore', 'inherit', 'pipe'],
            env: password === null ? process.env : { ...process.env, PGPASSWORD: password },
          });
          child = p;
          let stderr = '';
          p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
          p.on('error', (error) => resolve({ status: null, stderr, error }));
          p.on('close', (status) => resolve({ status, stderr }));
        });
        child = null;
        if (res.error)
          throw new CliError(
            `pg_dump kunde inte startas (${res.error.message}); installera PostgreSQL:s klientverktyg. / ` +
              'pg_dump could not be started; install the PostgreSQL client tools.',
          );
        if (res.status !== 0)
          throw new CliError(
            `pg_dump misslyckades, ingen fil skrevs till ${target} / pg_dump failed: ${res.stderr.trim()}`,
          );
        moveInto(partial, target);
        process.stdout.write(
          `Säkerhetskopian av PostgreSQL (pg_dump, custom format) är skriven; återställ med pg_restore / ` +
            `PostgreSQL backup (pg_dump custom format) written; restore with pg_restore: ${target}\n`,
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        removePartial();
        await db.destroy();
      }
    });
}
