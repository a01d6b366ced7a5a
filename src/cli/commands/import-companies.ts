import type { Command } from 'commander';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { CliError, DB_OPTION_HELP, openDb } from '../db-option';
import { AppError } from '../../server/errors';
import { REJECT_REASON_HEADER } from '../../core/register/columns';
import {
  ImportStoppedError,
  RejectFileError,
  importCompanies,
  type ImportProgress,
  type OtherKommun,
} from '../../modules/companies/company-import.service';
import { findMunicipality } from '../../modules/municipality/municipality.repository';

interface ImportOpts {
  db?: string;
  map?: string;
  rejects?: string;
  json?: boolean;
}

/** `besok import companies FILE`: a thin adapter over the same service the web upload uses. */
export function registerImportCommand(program: Command): void {
  const imp = program.command('import').description('Läs in data från filer / Import data from files');
  imp
    .command('companies')
    .argument(
      '<file>',
      'registerutdrag (CSV med ; , eller tabb; UTF-8 eller Windows-1252) / register extract (CSV)',
    )
    .description(
      'Läs in eller uppdatera företagsregistret från ett utdrag (SCB:s Företagsregistret eller liknande) / Import or update the company register from an extract',
    )
    .option('--db <db>', DB_OPTION_HELP)
    .option('--map <mapping>', 'fler kolumnrubriker, t.ex. "Bolag=name,Org=orgNr" / more column headers')
    .option(
      '--rejects <path>',
      'vart avvisade rader skrivs (annars NAMN.rejects.csv i aktuell mapp) / where rejected rows go (default: NAME.rejects.csv in the current folder)',
    )
    .option('--json', 'skriv en rad JSON med antalen / print one line of JSON with the counts')
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
      await checkRejectsPath(rejectsPath, file, opts.rejects !== undefined);
      const { db, created } = await openDb(opts.db);
      const home = await findMunicipality(db.kysely);
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
            kommunkod: home?.kommunkod ?? null,
          },
        );
        bar?.stop();
        // Nothing rejected this time: a reject file an earlier import left at that path would be
        // taken for this one's, so it goes.
        const stale = summary.rejectFile === null && (await removeStaleRejects(rejectsPath));
        if (opts.json) {
          const { read, created, updated, unchanged, rejected, rejectFile } = summary;
          process.stdout.write(
            JSON.stringify({ read, created, updated, unchanged, rejected, rejectFile }) + '\n',
          );
        } else {
          const lines = [
            `Importerade ${path.basename(file)} (${summary.encoding}) till ${db.location}:`,
            `  lästa rader / records read    ${summary.read}`,
            `  nya / created                 ${summary.created}`,
            `  ändrade / updated             ${summary.updated}`,
            `  oförändrade / unchanged       ${summary.unchanged}`,
            `  avvisade / rejected           ${summary.rejected}`,
          ];
          if (created) {
            lines.push(
              `Databasen fanns inte och skapades nu: ${db.location}`,
              `The database did not exist and was created now: ${db.location}`,
            );
          }
          if (home && summary.otherKommuner.length > 0)
            lines.push(...otherKommunerLines(summary.otherKommuner, home));
          if (summary.read === 0) {
            lines.push(
              'Filen hade inga rader under rubrikraden, så ingenting lästes in.',
              'The file had no rows below its header line, so nothing was imported.',
            );
          }
          if (stale) {
            lines.push(
              `Inget avvisades, så den gamla filen med avvisade rader togs bort: ${rejectsPath}`,
              `Nothing was rejected, so the old reject file was removed: ${rejectsPath}`,
            );
          }
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
        if (err instanceof AppError || err instanceof RejectFileError) throw new CliError(err.message);
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

/**
 * Refuses, before anything is imported, a reject file that is the file being imported (it would be
 * overwritten), or one named with --rejects that could not be written (no such folder, read-only,
 * a folder by that name).
 */
async function checkRejectsPath(rejectsPath: string, file: string, named: boolean): Promise<void> {
  const real = (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  if ((await real(rejectsPath)) === (await real(file))) {
    throw new CliError(
      `--rejects ${rejectsPath} är filen som importeras; avvisade rader skulle skriva över den. Välj en annan fil. / ` +
        '--rejects names the file being imported; choose another file.',
    );
  }
  // The default path (in the current folder) is only needed if something is rejected: a clean
  // file imports from a read-only folder. A failed write then stops the import with the reason.
  if (!named) return;
  const problem = await writeProblem(rejectsPath);
  if (problem) {
    throw new CliError(
      `Kan inte skriva avvisade rader till ${rejectsPath}: ${problem}. Ange en annan fil med --rejects. / ` +
        `Cannot write the reject file ${rejectsPath}; name another with --rejects.`,
    );
  }
}

/** Why a file could not be written at `p` (Swedish), or null. */
async function writeProblem(p: string): Promise<string | null> {
  const st = await fs.stat(p).catch(() => null);
  if (st && !st.isFile()) return 'det är en mapp';
  try {
    await fs.access(st ? p : path.dirname(p), fs.constants.W_OK);
    return null;
  } catch {
    return st ? 'den är skrivskyddad' : `mappen ${path.dirname(p)} finns inte eller går inte att skriva i`;
  }
}

/** Removes the file at `rejectsPath` if it is a reject file (its header has the reason column); true if it did. */
async function removeStaleRejects(rejectsPath: string): Promise<boolean> {
  let head: string;
  try {
    const fh = await fs.open(rejectsPath, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString('latin1');
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
  const firstLine = head.split('\n', 1)[0]!;
  // The reason column's header is ASCII: the same bytes in UTF-8 and in Windows-1252.
  if (!firstLine.includes(REJECT_REASON_HEADER)) return false;
  await fs.unlink(rejectsPath).catch(() => undefined);
  return true;
}

/**
 * Records with another municipality's kommunkod: imported (an extract may cover neighbours), but
 * said, so that a neighbour's extract imported by mistake is noticed.
 */
function otherKommunerLines(others: OtherKommun[], home: { name: string; kommunkod: string }): string[] {
  const total = others.reduce((sum, o) => sum + o.records, 0);
  const shown = others.slice(0, 5).map((o) => `${o.kommunkod} (${o.records})`);
  const list = shown.join(', ') + (others.length > 5 ? ', …' : '');
  return [
    `Obs: ${total} ${total === 1 ? 'rad har' : 'rader har'} en annan kommunkod än ${home.name} (${home.kommunkod}): ${list}. ` +
      'De är inlästa; kontrollera att det var rätt fil.',
    `Note: ${total} ${total === 1 ? 'record has' : 'records have'} another kommunkod than ${home.name} (${home.kommunkod}): ${list}. ` +
      'They are imported; check that it was the right file.',
  ];
}
