import { chmodSync, existsSync, mkdirSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/connect';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { AppError, notFound } from '../../server/errors';
import {
  IMPORT_ERROR_KINDS,
  REJECTS_KEPT_DAYS,
  type ImportErrorKind,
  type ImportRun,
} from '../../contracts/companies';
import { findImportRun, insertImportRun, listImportRuns, updateImportRun } from './company.repository';
import type { ImportRunTable } from './company.table';
import {
  importCompanies,
  ImportStoppedError,
  UnknownColumnsError,
  type OtherKommun,
} from './company-import.service';
import { ANOTHER_IMPORT } from './company-import.repository';
import { findMunicipality } from '../municipality/municipality.repository';

/**
 * Imports uploaded from the web app: the upload is saved to a file first (so the request ends
 * and nothing is held in memory), then imported in the background by the same service the CLI
 * uses, with its progress written to `import_run` for the page that polls it.
 */
export const IMPORT_DIR = path.join(
  tmpdir(),
  // One per system user: a folder another user made (with their rights) is never this server's.
  process.getuid ? `besok-imports-${process.getuid()}` : 'besok-imports',
);

/**
 * Imports running in this process, with their stop signals (a server that closes stops them
 * between two batches). A `running` row not in here may be another server process's (several
 * may serve one database): it is taken as cut off once its row has not been written for STALE_MS.
 */
const active = new Map<string, ActiveRun>();

interface ActiveRun {
  task: Promise<void>;
  stop: AbortController;
  /** Its import has returned (the register's lock released); only its status is being written. */
  imported: boolean;
}
/**
 * A running import writes its row at least this often (its progress, or a heartbeat while a step
 * takes long), so that other server processes can tell it runs.
 */
const HEARTBEAT_MS = 15_000;
/**
 * A `running` row of another process not written for this long was cut off (the process stopped,
 * or was killed). Well above the heartbeat: a synchronous step (SQLite building a national
 * register's indexes, about 15 s) delays it.
 */
export const STALE_MS = 120_000;

/** Uploads being received now, before their import starts. */
let receiving = 0;

/**
 * Why a run that did not finish ended, for the person who started it: what was read is saved (each
 * batch is committed), and the same file again changes nothing of it, so uploading it again is safe.
 */
const CUT_OFF =
  'Det som hann läsas in är sparat, och samma fil en gång till ändrar ingenting i det. Ladda upp filen igen för att läsa in resten.';

/**
 * Receives an upload, unless this process is receiving or importing one already: a second upload
 * is refused before it is received (an import from another process is found when it starts).
 */
export async function receiveUpload<T>(receive: () => Promise<T>): Promise<T> {
  // A run whose import has returned holds nothing (the register's lock is released) while its
  // status is written: the person told it is done may upload the next file at once.
  if ([...active.values()].some((r) => !r.imported) || receiving > 0)
    throw new AppError('CONFLICT', ANOTHER_IMPORT);
  receiving++;
  try {
    return await receive();
  } finally {
    receiving--;
  }
}

/**
 * Where an upload is saved. The folder is the server's own (mode 700: the uploads and reject files
 * are personal data).
 */
export function uploadPath(id: string): string {
  mkdirSync(IMPORT_DIR, { recursive: true, mode: 0o700 });
  chmodSync(IMPORT_DIR, 0o700); // made before by an older version, with the default mode
  return path.join(IMPORT_DIR, `${id}.upload`);
}

/**
 * Removes what no import needs any more: reject files older than REJECTS_KEPT_DAYS, and uploads
 * left for a day (by a failed upload or a restart; a day, not at once, as another server process
 * on this machine may be receiving or reading one now).
 */
export async function cleanImportDir(now: Date): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(IMPORT_DIR);
  } catch {
    return;
  }
  const day = 24 * 3600 * 1000;
  for (const name of names) {
    const file = path.join(IMPORT_DIR, name);
    const keep = name.endsWith('.upload')
      ? day
      : name.endsWith('.rejects.csv')
        ? REJECTS_KEPT_DAYS * day
        : null;
    if (keep === null || active.has(name.split('.')[0] ?? '')) continue;
    try {
      if ((await fs.stat(file)).mtimeMs < now.getTime() - keep) await fs.rm(file, { force: true });
    } catch {
      // gone already, or not ours to remove: nothing to clean
    }
  }
}

export async function startImportRun(
  db: Db,
  clock: Clock,
  run: { id: string; fileName: string; filePath: string; userId: string; map?: string },
  log?: { error(obj: unknown, msg: string): void },
): Promise<void> {
  const now = clock.now().toISOString();
  const size = (await fs.stat(run.filePath)).size;
  await insertImportRun(db.kysely, {
    id: run.id,
    kind: 'companies',
    status: 'running',
    phase: 'reading',
    file_name: run.fileName,
    encoding: null,
    total_bytes: size,
    bytes_processed: 0,
    records_processed: 0,
    read_count: null,
    created_count: null,
    updated_count: null,
    unchanged_count: null,
    rejected_count: null,
    rejects_path: null,
    error: null,
    error_kind: null,
    other_kommuner: null,
    user_id: run.userId,
    started_at: now,
    finished_at: null,
    updated_at: now,
  });
  const rejectsPath = path.join(IMPORT_DIR, `${run.id}.rejects.csv`);
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  /**
   * Writes the running row, after the writes before it: its progress, or only its time (the
   * heartbeat). A write that fails is skipped; the next one says as much.
   */
  const touch = (
    progress: Pick<Partial<ImportRunTable>, 'phase' | 'bytes_processed' | 'records_processed'> = {},
  ) => {
    writing = writing
      .then(() => updateImportRun(db.kysely, run.id, { ...progress, updated_at: clock.now().toISOString() }))
      .catch(() => undefined);
  };
  const beat = setInterval(() => touch(), HEARTBEAT_MS);
  beat.unref();
  const entry: ActiveRun = { task: Promise.resolve(), stop: new AbortController(), imported: false };
  active.set(run.id, entry);
  entry.task = (async () => {
    try {
      const summary = await importCompanies(
        db,
        { path: run.filePath },
        {
          fileName: run.fileName,
          map: run.map,
          rejectsPath,
          signal: entry.stop.signal,
          now: clock.now(),
          // Small write transactions keep the server answering other requests during a big import.
          batchSize: 2000,
          kommunkod: (await findMunicipality(db.kysely))?.kommunkod ?? null,
          onProgress: (p) => {
            const t = Date.now();
            if (t - lastWrite < 500) return;
            lastWrite = t;
            touch({ phase: p.phase, bytes_processed: p.bytes, records_processed: p.records });
          },
        },
      ).finally(() => (entry.imported = true));
      await writing;
      await updateImportRun(db.kysely, run.id, {
        status: 'done',
        phase: 'finished',
        encoding: summary.encoding,
        bytes_processed: size,
        records_processed: summary.read,
        read_count: summary.read,
        created_count: summary.created,
        updated_count: summary.updated,
        unchanged_count: summary.unchanged,
        rejected_count: summary.rejected,
        rejects_path: summary.rejectFile,
        other_kommuner: JSON.stringify(summary.otherKommuner),
        finished_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
      });
    } catch (err) {
      await writing;
      const { kind, message } = failureOf(err);
      if (kind === 'internal') log?.error({ err }, 'company import failed');
      await updateImportRun(db.kysely, run.id, {
        status: 'failed',
        phase: 'finished',
        error: message,
        error_kind: kind,
        finished_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
      }).catch(() => undefined);
    } finally {
      clearInterval(beat);
      // Off the list first: once its status is written the run is over, and the next upload may
      // come before the file is removed.
      active.delete(run.id);
      await fs.rm(run.filePath, { force: true });
    }
  })();
}

/** Why a web import failed, for the user, and whose the problem is. */
export function failureOf(err: unknown): { kind: ImportErrorKind; message: string } {
  if (err instanceof ImportStoppedError)
    return {
      kind: 'stopped',
      message: `Importen avbröts när servern stängdes, efter ${err.read.toLocaleString('sv-SE')} rader. ${CUT_OFF}`,
    };
  // The database was held by another writer for longer than its wait (SQLite's busy timeout, a
  // PostgreSQL lock timeout): nothing wrong with the file, nor ours to fix.
  const code = err !== null && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '55P03')
    return {
      kind: 'busy',
      message: `Databasen var upptagen av en annan skrivning för länge. ${CUT_OFF}`,
    };
  // The import's own refusals: the file cannot be read as a register (VALIDATION), or another
  // import holds it (CONFLICT).
  if (err instanceof AppError) {
    const { message } = err;
    if (err.code === 'CONFLICT') return { kind: 'busy', message };
    if (err.code !== 'VALIDATION') return { kind: 'internal', message };
    // The one file error that mapping the columns fixes: a workbook, an image or an empty file
    // is not helped by it.
    return { kind: err instanceof UnknownColumnsError ? 'layout' : 'file', message };
  }
  return { kind: 'internal', message: 'Importen misslyckades på grund av ett fel hos oss. Försök igen.' };
}

/**
 * Stops this process's running imports between two batches and waits for them (a server that
 * closes; a national register would otherwise outlast a service manager's stop timeout).
 */
export async function stopImports(): Promise<void> {
  for (const run of active.values()) run.stop.abort();
  await Promise.allSettled([...active.values()].map((run) => run.task));
}

export function newImportId(): string {
  return newId();
}

export function toImportRun(r: ImportRunTable, now: Date): ImportRun {
  const interrupted =
    r.status === 'running' && !active.has(r.id) && Date.parse(r.updated_at) < now.getTime() - STALE_MS;
  const done = r.status === 'done';
  return {
    id: r.id,
    status: interrupted ? 'failed' : (r.status as ImportRun['status']),
    phase: interrupted ? 'finished' : (r.phase as ImportRun['phase']),
    fileName: r.file_name,
    encoding: r.encoding,
    totalBytes: r.total_bytes === null ? null : Number(r.total_bytes),
    bytesProcessed: Number(r.bytes_processed),
    recordsProcessed: Number(r.records_processed),
    summary: done
      ? {
          read: Number(r.read_count),
          created: Number(r.created_count),
          updated: Number(r.updated_count),
          unchanged: Number(r.unchanged_count),
          rejected: Number(r.rejected_count),
          otherKommuner: otherKommunerOf(r.other_kommuner),
        }
      : null,
    // The file may have been cleaned away (after REJECTS_KEPT_DAYS, or a reboot's clearing of /tmp).
    hasRejects: done && r.rejects_path !== null && existsSync(r.rejects_path),
    error: interrupted
      ? `Importen avbröts: servern som läste in den stängdes av eller startades om. ${CUT_OFF}`
      : r.error,
    errorKind: interrupted ? 'stopped' : errorKindOf(r.error_kind),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export async function listImports(db: Db, now: Date): Promise<ImportRun[]> {
  return (await listImportRuns(db.kysely, 10)).map((r) => toImportRun(r, now));
}

/** A stored kind this version knows; another (written by a later version) is none. */
function errorKindOf(stored: string | null): ImportErrorKind | null {
  return (IMPORT_ERROR_KINDS as readonly string[]).includes(stored ?? '')
    ? (stored as ImportErrorKind)
    : null;
}

export async function getImportRun(db: Db, id: string, now: Date): Promise<ImportRun> {
  const row = await findImportRun(db.kysely, id);
  if (!row) throw notFound('Importen');
  return toImportRun(row, now);
}

/** The reject file of a finished import: where it is, what to call it, and its charset. */
export async function importRejects(
  db: Db,
  id: string,
): Promise<{ path: string; downloadName: string; charset: string }> {
  const row = await findImportRun(db.kysely, id);
  if (!row) throw notFound('Importen');
  if (!row.rejects_path) throw notFound('Filen med avvisade rader');
  try {
    await fs.access(row.rejects_path);
  } catch {
    throw notFound('Filen med avvisade rader');
  }
  const base = row.file_name.replace(/\.(csv|txt|tsv)$/i, '') || 'import';
  return {
    path: row.rejects_path,
    downloadName: `${base}.rejects.csv`,
    charset: row.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8',
  };
}

/** The list the run wrote when it finished (`summary.otherKommuner`); none for a run from before migration 0016. */
function otherKommunerOf(stored: string | null): OtherKommun[] {
  return stored ? (JSON.parse(stored) as OtherKommun[]) : [];
}
