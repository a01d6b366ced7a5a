import type { Command } from 'commander';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { CliError, openDb } from '../db-option';
import { AppError } from '../../server/errors';
import {
  ImportStoppedError,
  importCompanies,
  type ImportProgress,
} from '../../modules/companies/company-import.service';

interface ImportOpts {
  db?: string;
  map?: string;
  rejects?: string;
  json?: boolean;
}

/** `besok import companies FILE`: a thin adapter over the same service the web upload uses. */
export function registerImportCommand(program: Command): void {
  const imp = program.command('import').description('Import data from files');
  imp
    .command('companies')
    .argument('<file>', 'register extract (CSV; ; , or tab; UTF-8 or Windows-1252)')
    .description('Import or update the company register from an extract (SCB Företagsregistret or similar)')
    .option('--db <db>', 'postgres:// URL or SQLite file')
    .option('--map <mapping>', 'more column headers, e.g. "Bolag=name,Org=orgNr"')
    .option('--rejects <path>', 'where rejected rows go (default: NAME.rejects.csv in the current folder)')
    .option('--json', 'print one line of JSON with the counts')
    .action(async (file: string, opts: ImportOpts) => {
      let size: number;
      try {
        const st = await fs.stat(file);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
        await fs.access(file, fs.constants.R_OK);
      } catch {
        throw new CliError(`Kan inte läsa filen ${file}. / Cannot read the file ${file}.`);
      }
      const base = path.basename(file).replace(/\.(csv|txt|tsv)$/i, '');
      const rejectsPath = path.resolve(opts.rejects ?? `${base}.rejects.csv`);
      const { db } = await openDb(opts.db);
      const bar =
        !opts.json && process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: ' {phase} [{bar}] {percentage}% | {records} rader',
                stream: process.stderr,
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      bar?.start(size, 0, { phase: 'Läser', records: 0 });
      let last = 0;
      const onProgress = (p: ImportProgress) => {
        if (!bar) return;
        const now = Date.now();
        if (now - last < 100 && p.phase === 'reading') return;
        last = now;
        if (p.phase === 'reading') bar.update(p.bytes, { phase: 'Läser', records: p.records });
        else bar.update(size, { phase: 'Sparar', records: p.records });
      };
      // Ctrl-C stops between two batches and finishes what a first load left (its indexes), so the
      // register is whole; a second Ctrl-C ends the process at once (the next import, or the
      // server's start, then finishes it).
      const stop = new AbortController();
      const onInterrupt = () => {
        if (stop.signal.aborted) process.exit(130);
        stop.abort();
        bar?.stop();
        process.stderr.write(
          'Avbryter: sparar det som lästs och bygger sökindexen klart … (Ctrl-C igen avslutar direkt)\n' +
            'Stopping: saving what was read and finishing the search indexes … (Ctrl-C again quits at once)\n',
        );
      };
      process.on('SIGINT', onInterrupt);
      try {
        const summary = await importCompanies(
          db,
          { path: file },
          {
            fileName: path.basename(file),
            map: opts.map,
            rejectsPath,
            now: new Date(),
            onProgress,
            signal: stop.signal,
            soleUser: true,
          },
        );
        bar?.stop();
        if (opts.json) {
          const { read, created, updated, unchanged, rejected, rejectFile } = summary;
          process.stdout.write(
            JSON.stringify({ read, created, updated, unchanged, rejected, rejectFile }) + '\n',
          );
        } else {
          const lines = [
            `Importerade ${path.basename(file)} (${summary.encoding}):`,
            `  lästa rader / records read   ${summary.read}`,
            `  nya / created                 ${summary.created}`,
            `  ändrade / updated             ${summary.updated}`,
            `  oförändrade / unchanged       ${summary.unchanged}`,
            `  avvisade / rejected           ${summary.rejected}`,
          ];
          if (summary.rejectFile) {
            lines.push(
              `Avvisade rader med orsak och radnummer / rejected rows with reason and line: ${summary.rejectFile}`,
              `Rätta dem och importera den filen igen. / Fix them and import that file again.`,
            );
          }
          process.stdout.write(lines.join('\n') + '\n');
        }
      } catch (err) {
        bar?.stop();
        if (err instanceof ImportStoppedError) {
          throw new CliError(
            `${err.message} Importera filen igen för resten. / The import was stopped after ${err.read} records; ` +
              'what was saved is kept. Import the file again for the rest.',
            130,
          );
        }
        if (err instanceof AppError) throw new CliError(err.message);
        if (
          (err as NodeJS.ErrnoException).code === 'EISDIR' ||
          (err as NodeJS.ErrnoException).code === 'EACCES'
        ) {
          throw new CliError(`Kan inte läsa filen ${file}. / Cannot read the file ${file}.`);
        }
        throw err;
      } finally {
        process.off('SIGINT', onInterrupt);
        await db.destroy();
      }
    });
}
