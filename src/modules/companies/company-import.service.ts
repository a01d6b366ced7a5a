import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Db } from '../../db/connect';
import { AppError } from '../../server/errors';
import { LayoutError, REJECT_LINE_HEADER, REJECT_REASON_HEADER } from '../../core/register/columns';
import { BOM, encodeText, type RegisterEncoding } from '../../core/register/decode';
import { formatCsvRow } from '../../core/register/csv';
import { withImportWriter, type BatchWrite } from './company-import.repository';
import {
  PARSE_BATCH,
  parseRegister,
  parseRegisterFile,
  keepStored,
  lacksColumns,
  stageOf,
  type ParsedHeader,
  type ParsedReject,
  type ParsedRow,
} from './company-import.parse';

/**
 * The reject file could not be written (a full disk, a path it may not write): the machine's
 * problem, not the file's. The CLI says so with the path; the web upload logs it and says that
 * the import failed on our side.
 */
export class RejectFileError extends Error {}

/**
 * What to import: a stream of the file's bytes, or the path of a file (the CLI and the web
 * upload, which saves the upload first) — which a first load parses in a worker thread.
 */
export type ImportSource = AsyncIterable<Uint8Array | string> | { path: string };

// A stream may have a `path` too (fs.ReadStream): only a plain { path } is a file to hand over.
const isFileSource = (s: ImportSource): s is { path: string } => !(Symbol.asyncIterator in s);

export interface ImportProgress {
  /** reading: records are read and written as they come; saving: the indexes are being finished. */
  phase: 'reading' | 'saving';
  /** Records read so far (valid and rejected). */
  records: number;
  /** Bytes of the file read so far. */
  bytes: number;
}

export interface ImportOptions {
  /** The name shown to the user and used in messages. */
  fileName: string;
  /** `--map "Rubrik=fält,…"` */
  map?: string;
  /** Where to write rejected records; the file is only created when there are any. */
  rejectsPath?: string;
  now: Date;
  onProgress?: (p: ImportProgress) => void;
  /**
   * Records per write (default 5 000; the parser hands them over 2 000 at a time, so a write
   * takes 6 000, the last one fewer). Each write is a transaction, but for a CLI's first load into
   * SQLite.
   */
  batchSize?: number;
  /**
   * Stops the import between two batches (the CLI's Ctrl-C): what was written stays, a first load
   * is finished (its indexes built), and the import rejects with ImportStoppedError.
   */
  signal?: AbortSignal;
  /**
   * Nothing else in this process uses the database while the import runs (the CLI): a first load
   * into SQLite may then commit every few batches rather than every one (about a fifth faster on
   * the national register). A server leaves it unset.
   */
  soleUser?: boolean;
  /**
   * The installation's municipality's kommunkod: records with another one are imported all the
   * same (an extract may cover neighbours), but counted in the summary, so that a wrong file (a
   * neighbour's extract) is noticed.
   */
  kommunkod?: string | null;
}

/** Records of the file whose kommunkod is not the installation's: how many, per kommunkod. */
export interface OtherKommun {
  kommunkod: string;
  records: number;
}

/** The import was stopped through its signal after `read` records; those written are kept. */
export class ImportStoppedError extends Error {
  constructor(readonly read: number) {
    super(`Importen avbröts efter ${read} rader; det som hann sparas finns kvar.`);
    this.name = 'ImportStoppedError';
  }
}

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectFile: string | null;
  encoding: RegisterEncoding;
  /** Most records first; empty when every record with a kommunkod has the installation's. */
  otherKommuner: OtherKommun[];
}

const BATCH = 5000;

/**
 * Imports a register extract: every record is created, updated, unchanged or rejected, and
 * read = created + updated + unchanged + rejected. Rejected records are written to
 * `rejectsPath` in the file's own format (separator, encoding, line ends, header) with two more
 * columns — the reason and the line — so the user can fix that file and import it.
 *
 * Records are written in file order, batch by batch, so the later row of an org nr wins. Only
 * new and changed companies are written (a content hash tells them apart), so importing the
 * same file again writes nothing — with one subtlety: when a file holds a company twice, an
 * earlier row is written over the stored (later) version before the later row puts it back.
 * The stored version from before the import is remembered for such companies, and when a later
 * row restores it, its timestamp is restored too and both rows count as unchanged.
 *
 * Throws AppError VALIDATION when the file cannot be read as a register (unknown layout, empty).
 */
export async function importCompanies(
  db: Db,
  input: ImportSource,
  opts: ImportOptions,
): Promise<ImportSummary> {
  let read = 0;
  let rejected = 0;
  let header: ParsedHeader | null = null;
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const nowIso = opts.now.toISOString();
  const batchSize = opts.batchSize ?? BATCH;
  // Companies created by this import (a compact set: a national register is 1.2M of them) and
  // the pre-import state of companies it changed, for rows that later set them back.
  const created = new OrgNrSet();
  const changed = new Map<string, { hash: string; updatedAt: string; counted: number }>();
  const rejects = new RejectWriter(opts.rejectsPath);
  const home = opts.kommunkod ?? null;
  const others = new Map<string, number>();
  try {
    return await withImportWriter(db, { soleUser: opts.soleUser === true }, async (writer) => {
      const flush = async (rows: ParsedRow[]) => {
        // Each record counts against the company as the record before it left it (or as stored),
        // so the counts do not depend on where the batches happen to be cut. The last record of
        // an org nr in the batch is the one written.
        const orgs = new Map<string, ParsedRow[]>();
        for (const r of rows) {
          const list = orgs.get(r.orgNr);
          if (list) list.push(r);
          else orgs.set(r.orgNr, [r]);
        }
        // A file without some of the register's columns keeps what is stored in them.
        const layout = header?.layout;
        const partial = layout !== undefined && lacksColumns(layout);
        const existing = await writer.existing([...orgs.keys()], partial);
        if (partial)
          for (const [org, e] of existing)
            if (e.values)
              orgs.set(
                org,
                orgs.get(org)!.map((r) => keepStored(r, e.values!, layout)),
              );
        const batch: BatchWrite = { inserts: [], updates: [], restores: [] };
        for (const [org, list] of orgs) {
          const stored = existing.get(org);
          let hash = stored?.content_hash ?? null;
          let restoredAt: string | null = null;
          for (const row of list) {
            if (hash === null) {
              created.add(org);
              counts.created++;
            } else if (row.hash === hash) {
              counts.unchanged++;
            } else {
              const before = changed.get(org);
              if (before && before.hash === row.hash) {
                // Back to what it was before this import: nothing changed after all.
                counts.updated -= before.counted;
                counts.unchanged += before.counted + 1;
                changed.delete(org);
                restoredAt = before.updatedAt;
              } else {
                counts.updated++;
                restoredAt = null;
                if (before) before.counted++;
                else if (!created.has(org))
                  changed.set(org, { hash, updatedAt: stored!.updated_at, counted: 1 });
              }
            }
            hash = row.hash;
          }
          const last = list[list.length - 1]!;
          if (!stored) batch.inserts.push(stageOf(last));
          else if (last.hash !== stored.content_hash) {
            batch.updates.push(stageOf(last));
            if (restoredAt !== null) batch.restores.push({ org_nr: org, updated_at: restoredAt });
          }
        }
        await writer.write(batch, nowIso);
      };

      const parseOpts = {
        ...(opts.map ? { map: opts.map } : {}),
        batchSize: Math.min(batchSize, PARSE_BATCH),
      };
      // A first load spends most of its time writing, so the parsing moves to a worker thread and
      // overlaps it. Into a filled register most records are unchanged and the parsing is the work;
      // it stays here, where it runs faster than in a worker (measured: 6.7 s against 8–10 s for
      // 400 000 records).
      const batches = !isFileSource(input)
        ? parseRegister(input, parseOpts)
        : writer.firstLoad
          ? parseRegisterFile(input.path, parseOpts)
          : parseRegister(createReadStream(input.path, { highWaterMark: 256 * 1024 }), parseOpts);
      let pending: ParsedRow[] = [];
      let bytes = 0;
      for await (const b of batches) {
        header = b.header;
        bytes = b.bytes;
        read += b.rows.length + b.rejects.length;
        for (const r of b.rejects) {
          rejected++;
          await rejects.write(b.header, r);
        }
        for (const r of b.rows) {
          pending.push(r);
          if (home === null) continue;
          const kod = 'stage' in r ? r.stage.kommunkod : r.company.kommunkod;
          if (kod !== null && kod !== home) others.set(kod, (others.get(kod) ?? 0) + 1);
        }
        if (pending.length >= batchSize) {
          await flush(pending);
          pending = [];
        }
        if (opts.signal?.aborted) {
          // The records of this batch are counted as read but may not all be written: flush them.
          if (pending.length) await flush(pending);
          throw new ImportStoppedError(read);
        }
        opts.onProgress?.({ phase: 'reading', records: read, bytes: b.bytes });
      }
      if (pending.length) await flush(pending);
      opts.onProgress?.({ phase: 'saving', records: read, bytes });
      // The last batch's header has the file's encoding as finally decided.
      const encoding: RegisterEncoding = (header as ParsedHeader | null)?.encoding ?? 'utf-8';
      const rejectFile = await rejects.close(encoding);
      const otherKommuner = [...others]
        .map(([kommunkod, records]) => ({ kommunkod, records }))
        .sort((a, b) => b.records - a.records || a.kommunkod.localeCompare(b.kommunkod));
      return { read, ...counts, rejected, rejectFile, encoding, otherKommuner };
    });
  } catch (err) {
    await rejects.close((header as ParsedHeader | null)?.encoding).catch(() => undefined);
    if (err instanceof LayoutError)
      throw err.unknownColumns
        ? new UnknownColumnsError(err.message)
        : new AppError('VALIDATION', err.message);
    throw err;
  }
}

/** The file's columns are not recognised: the refusal that mapping the columns fixes. */
export class UnknownColumnsError extends AppError {
  constructor(message: string) {
    super('VALIDATION', message);
    this.name = 'UnknownColumnsError';
  }
}

/**
 * A set of org nrs as numbers in a typed-array hash table, filled to at most three quarters:
 * 16 MB for a national register (2²¹ slots for 1.2M), 24 MB for the moment it grows.
 */
class OrgNrSet {
  private slots = new Float64Array(1 << 16);
  private size = 0;

  add(orgNr: string): void {
    if ((this.size + 1) * 4 > this.slots.length * 3) this.grow();
    if (this.insert(this.slots, Number(orgNr))) this.size++;
  }

  has(orgNr: string): boolean {
    const key = Number(orgNr) + 1; // 0 marks an empty slot
    const mask = this.slots.length - 1;
    for (let i = hashNumber(key) & mask; ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === 0) return false;
      if (v === key) return true;
    }
  }

  private insert(slots: Float64Array, n: number): boolean {
    const key = n + 1;
    const mask = slots.length - 1;
    for (let i = hashNumber(key) & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === key) return false;
      if (v === 0) {
        slots[i] = key;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (const v of old) if (v !== 0) this.insert(this.slots, v - 1);
  }
}

function hashNumber(n: number): number {
  const lo = n % 4294967296;
  const hi = Math.floor(n / 4294967296);
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0;
}

/**
 * The reject file, opened at the first reject: the input's header (without a previous reject
 * file's own two columns) plus reason and line, in the input's separator, encoding and line end.
 *
 * One encoding for the whole file, the input's as finally decided. A BOM or Windows-1252 is decided
 * for good when seen; but a file whose first chunks are ASCII reads as UTF-8 until its first
 * non-ASCII text, which may turn out Windows-1252 (an SCB extract with `PeOrgNr;Firma`). So the
 * rejects go out as UTF-8 text until then, and `close` rewrites the file in Windows-1252 if that
 * is what the input was (in place, streaming: one pass over the reject file, never held whole).
 *
 * A record whose quotes do not balance (a quote never closed that swallowed the lines after it, say)
 * is written back as it was read, under a note row that has only the reason and the line: written
 * as fields, its broken quote would come back balanced and the lines it swallowed import as one
 * garbled company. Imported again as it is, the reader skips the note and rejects the record for
 * the same reason; with the quote mended, its lines import as the companies they are.
 */
class RejectWriter {
  private out: WriteStream | null = null;
  private keep: number[] = [];
  private closed = false;
  /** The encoding the file is written in: the input's, or UTF-8 while the input's is undecided. */
  private encoding: RegisterEncoding = 'utf-8';
  /** A write that failed (no folder, no space): the import stops with it instead of crashing. */
  private failed: Error | null = null;

  constructor(private readonly path: string | undefined) {}

  async write(h: ParsedHeader, r: ParsedReject): Promise<void> {
    if (!this.path) return;
    if (this.failed) throw this.failure();
    if (!this.out) {
      this.out = createWriteStream(this.path);
      this.out.on('error', (err) => {
        this.failed ??= err;
      });
      this.encoding = h.encoding;
      this.keep = h.layout.columns.flatMap((c, i) => (c === 'ignore' ? [] : [i]));
      if (this.encoding === 'utf-8-bom') this.out.write(BOM);
      const head = [
        ...this.keep.map((i) => h.layout.headers[i] ?? ''),
        REJECT_REASON_HEADER,
        REJECT_LINE_HEADER,
      ];
      this.out.write(encodeText(formatCsvRow(head, h.separator) + h.eol, this.encoding));
    }
    let text: string;
    if (r.raw !== undefined) {
      const note = [...this.keep.map(() => ''), r.reason, String(r.line)];
      // The reader turned a CR-only file's line ends into LFs; they go back as they were.
      const raw = h.eol === '\r' ? r.raw.replaceAll('\n', '\r') : r.raw;
      text = formatCsvRow(note, h.separator) + h.eol + raw + (r.raw.endsWith('\n') ? '' : h.eol);
    } else {
      const row = [...this.keep.map((i) => r.fields[i] ?? ''), r.reason, String(r.line)];
      // Fields beyond the header's columns (a record rejected for having them) follow, so that
      // nothing of the record is lost and the reason stays in its column.
      const extra = r.fields.slice(h.layout.headers.length);
      if (extra.some((f) => f.trim() !== '')) row.push(...extra);
      text = formatCsvRow(row, h.separator) + h.eol;
    }
    if (!this.out.write(encodeText(text, this.encoding))) {
      await once(this.out, 'drain').catch(() => undefined);
      if (this.failed) throw this.failure();
    }
  }

  private failure(): RejectFileError {
    return new RejectFileError(
      `Kan inte skriva filen med avvisade rader (${this.path}): ${this.failed?.message ?? ''}`,
    );
  }

  /**
   * The file written, or null when nothing was rejected. `encoding`: the input's as finally
   * decided; a file begun in UTF-8 is rewritten in Windows-1252 if that is what it turned out to be.
   */
  async close(encoding?: RegisterEncoding): Promise<string | null> {
    if (!this.out || this.closed) return this.out ? (this.path ?? null) : null;
    this.closed = true;
    const out = this.out;
    // `finished` settles once the stream has flushed or failed, whichever order the failed write's
    // callback and its 'error' event come in (end's own callback can run before the event).
    out.end();
    await finished(out).catch((err: Error) => {
      this.failed ??= err;
    });
    if (!this.failed && this.encoding === 'utf-8' && encoding === 'windows-1252')
      await utf8FileToWindows1252(this.path!).catch((err: Error) => {
        this.failed ??= err;
      });
    if (this.failed) throw this.failure();
    return this.path ?? null;
  }
}

/**
 * Rewrites a UTF-8 text file in Windows-1252, in place: each character takes one byte in
 * Windows-1252 and at least one in UTF-8, so the bytes written never overtake those read.
 */
async function utf8FileToWindows1252(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const st = await fh.stat();
    if (!st.isFile()) return; // not a file to read back (a device): left as written
    const buf = Buffer.allocUnsafe(256 * 1024);
    const decoder = new StringDecoder('utf8');
    let readAt = 0;
    let writeAt = 0;
    const put = async (text: string) => {
      const bytes = encodeText(text, 'windows-1252');
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, writeAt);
        done += bytesWritten;
        writeAt += bytesWritten;
      }
    };
    while (readAt < st.size) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, st.size - readAt), readAt);
      if (bytesRead === 0) break;
      readAt += bytesRead;
      await put(decoder.write(buf.subarray(0, bytesRead)));
    }
    await put(decoder.end());
    await fh.truncate(writeAt);
  } finally {
    await fh.close();
  }
}
