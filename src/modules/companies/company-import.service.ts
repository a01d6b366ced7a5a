import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../../db/connect';
import { AppError } from '../../server/errors';
import { readRegister, type RegisterHeader } from '../../core/register/reader';
import { LayoutError, REJECT_LINE_HEADER, REJECT_REASON_HEADER } from '../../core/register/columns';
import { BOM, encodeText, type RegisterEncoding } from '../../core/register/decode';
import { formatCsvRow } from '../../core/register/csv';
import type { CompanyInput } from '../../core/register/normalize';
import { indexWords, searchText, sortKey } from '../../core/register/names';
import { withImportStage, type StageRow } from './company-import.repository';

export interface ImportProgress {
  phase: 'reading' | 'saving';
  /** Records read so far (valid and rejected). */
  records: number;
  bytes: number;
  /** While saving: distinct companies merged so far, of `toMerge`. */
  merged?: number;
  toMerge?: number;
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
  /** Companies per merge transaction. Small keeps a web server responsive on SQLite. */
  chunkSize?: number;
}

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectFile: string | null;
  encoding: RegisterEncoding;
}

const STAGE_BATCH = 5000;

/**
 * Imports a register extract: every record is created, updated, unchanged or rejected, and
 * read = created + updated + unchanged + rejected. Within the file the later row of an org nr
 * wins; importing the same file again changes nothing. Rejected records are written to
 * `rejectsPath` in the file's own format (separator, encoding, line ends, header) with two more
 * columns — the reason and the line — so the user can fix that file and import it.
 *
 * Throws AppError VALIDATION when the file cannot be read as a register (unknown layout, empty).
 */
export async function importCompanies(
  db: Db,
  input: AsyncIterable<Uint8Array | string>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  let read = 0;
  let rejected = 0;
  let bytes = 0;
  let header: RegisterHeader | null = null;
  const rejects = new RejectWriter(opts.rejectsPath);
  try {
    return await withImportStage(db, async (stage) => {
      let batch: StageRow[] = [];
      for await (const chunk of readRegister(input, { map: opts.map, onBytes: (b) => (bytes = b) })) {
        header = chunk.header;
        for (const row of chunk.rows) {
          read++;
          if (row.result.ok) {
            batch.push(toStageRow(row.line, row.result.company));
          } else {
            rejected++;
            await rejects.write(chunk.header, row.fields, row.result.reason, row.line);
          }
        }
        if (batch.length >= STAGE_BATCH) {
          await stage.add(batch);
          batch = [];
        }
        opts.onProgress?.({ phase: 'reading', records: read, bytes });
      }
      if (batch.length) await stage.add(batch);
      opts.onProgress?.({ phase: 'saving', records: read, bytes, merged: 0 });
      const counts = await stage.merge({
        now: opts.now,
        chunkSize: opts.chunkSize ?? 50_000,
        onChunk: (merged, toMerge) =>
          opts.onProgress?.({ phase: 'saving', records: read, bytes, merged, toMerge }),
      });
      const rejectFile = await rejects.close();
      const encoding: RegisterEncoding = (header as RegisterHeader | null)?.encoding() ?? 'utf-8';
      return { read, ...counts, rejected, rejectFile, encoding };
    });
  } catch (err) {
    await rejects.close().catch(() => undefined);
    if (err instanceof LayoutError) throw new AppError('VALIDATION', err.message);
    throw err;
  }
}

/**
 * A fingerprint of everything the register says about a company, to tell an unchanged re-import
 * from a change. Only ever compared with the stored fingerprint of the same org nr, so a fast
 * 53-bit hash (cyrb53) is plenty: crypto's per-call cost was a tenth of the import's time.
 */
export function contentHash(c: CompanyInput): string {
  return cyrb53(
    JSON.stringify([
      c.orgNr,
      c.personalData,
      c.name,
      c.legalForm,
      c.sniCode,
      c.industryText,
      c.sizeClass,
      c.employees,
      c.visitAddress,
      c.postalCode,
      c.postalTown,
      c.kommunkod,
      c.kommun,
      c.lat,
      c.lon,
      c.email,
      c.phone,
      c.website,
    ]),
  );
}

function cyrb53(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function toStageRow(line: number, c: CompanyInput): StageRow {
  return {
    line,
    id: randomUUID(),
    org_nr: c.orgNr,
    content_hash: contentHash(c),
    words: JSON.stringify(indexWords(c.name)),
    name: c.name,
    name_search: searchText(c.name),
    name_sort: sortKey(c.name),
    legal_form: c.legalForm,
    sni_code: c.sniCode,
    sni_version: c.sniCode ? 'SNI2007' : null,
    sni_section: c.sniSection,
    sni_division: c.sniDivision,
    industry_text: c.industryText,
    size_class: c.sizeClass,
    employees: c.employees,
    visit_address: c.visitAddress,
    postal_code: c.postalCode,
    postal_town: c.postalTown,
    kommunkod: c.kommunkod,
    kommun: c.kommun,
    lat: c.lat,
    lon: c.lon,
    email: c.email,
    phone: c.phone,
    website: c.website,
    personal_data: c.personalData ? 1 : 0,
  };
}

/**
 * The reject file, opened at the first reject: the input's header (without a previous reject
 * file's own two columns) plus reason and line, in the input's separator, encoding and line end.
 */
class RejectWriter {
  private out: WriteStream | null = null;
  private keep: number[] = [];
  private closed = false;

  constructor(private readonly path: string | undefined) {}

  async write(h: RegisterHeader, fields: string[], reason: string, line: number): Promise<void> {
    if (!this.path) return;
    const encoding = h.encoding();
    if (!this.out) {
      this.out = createWriteStream(this.path);
      this.keep = h.layout.columns.flatMap((c, i) => (c === 'ignore' ? [] : [i]));
      if (encoding === 'utf-8-bom') this.out.write(BOM);
      const head = [
        ...this.keep.map((i) => h.layout.headers[i] ?? ''),
        REJECT_REASON_HEADER,
        REJECT_LINE_HEADER,
      ];
      this.out.write(encodeText(formatCsvRow(head, h.separator) + h.eol, encoding));
    }
    const row = [...this.keep.map((i) => fields[i] ?? ''), reason, String(line)];
    if (!this.out.write(encodeText(formatCsvRow(row, h.separator) + h.eol, encoding))) {
      await once(this.out, 'drain');
    }
  }

  /** The file written, or null when nothing was rejected. */
  async close(): Promise<string | null> {
    if (!this.out || this.closed) return this.out ? (this.path ?? null) : null;
    this.closed = true;
    const out = this.out;
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return this.path ?? null;
  }
}
