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
import { withImportWriter, type BatchWrite, type StageRow } from './company-import.repository';

export interface ImportProgress {
  /** reading: records are read and written as they come; saving: the indexes are being finished. */
  phase: 'reading' | 'saving';
  /** Records read so far (valid and rejected). */
  records: number;
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
  /** Records per write transaction (default 5 000). */
  batchSize?: number;
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
  input: AsyncIterable<Uint8Array | string>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  let read = 0;
  let rejected = 0;
  let bytes = 0;
  let header: RegisterHeader | null = null;
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const nowIso = opts.now.toISOString();
  const batchSize = opts.batchSize ?? BATCH;
  // Companies created by this import (a compact set: a national register is 1.2M of them) and
  // the pre-import state of companies it changed, for rows that later set them back.
  const created = new OrgNrSet();
  const changed = new Map<string, { hash: string; updatedAt: string; counted: number }>();
  const rejects = new RejectWriter(opts.rejectsPath);
  try {
    return await withImportWriter(db, async (writer) => {
      const flush = async (rows: Pending[]) => {
        // Within a batch the later row of an org nr wins; the earlier ones count with it.
        const winners = new Map<string, Pending>();
        const superseded = new Map<string, number>();
        for (const r of rows) {
          const org = r.company.orgNr;
          if (winners.has(org)) superseded.set(org, (superseded.get(org) ?? 0) + 1);
          winners.set(org, r);
        }
        const existing = await writer.existing([...winners.keys()]);
        const batch: BatchWrite = { inserts: [], updates: [], restores: [] };
        for (const [org, row] of winners) {
          const n = 1 + (superseded.get(org) ?? 0);
          const stored = existing.get(org);
          if (!stored) {
            batch.inserts.push(toStageRow(row));
            created.add(org);
            counts.created++;
            counts.updated += n - 1;
          } else if (stored.content_hash === row.hash) {
            counts.unchanged += n;
          } else {
            batch.updates.push(toStageRow(row));
            const before = changed.get(org);
            if (before && before.hash === row.hash) {
              // Back to what it was before this import: nothing changed after all.
              batch.restores.push({ org_nr: org, updated_at: before.updatedAt });
              counts.updated -= before.counted;
              counts.unchanged += before.counted + n;
              changed.delete(org);
            } else {
              counts.updated += n;
              if (before) before.counted += n;
              else if (!created.has(org)) {
                changed.set(org, { hash: stored.content_hash, updatedAt: stored.updated_at, counted: n });
              }
            }
          }
        }
        await writer.write(batch, nowIso);
      };

      let batch: Pending[] = [];
      for await (const chunk of readRegister(input, { map: opts.map, onBytes: (b) => (bytes = b) })) {
        header = chunk.header;
        for (const row of chunk.rows) {
          read++;
          if (row.result.ok) {
            batch.push({
              line: row.line,
              company: row.result.company,
              hash: contentHash(row.result.company),
            });
          } else {
            rejected++;
            await rejects.write(chunk.header, row.fields, row.result.reason, row.line);
          }
        }
        if (batch.length >= batchSize) {
          await flush(batch);
          batch = [];
        }
        opts.onProgress?.({ phase: 'reading', records: read, bytes });
      }
      if (batch.length) await flush(batch);
      opts.onProgress?.({ phase: 'saving', records: read, bytes });
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

/** A set of org nrs as numbers in a typed-array hash table: ~30 MB for a national register. */
class OrgNrSet {
  private slots = new Float64Array(1 << 16);
  private size = 0;

  add(orgNr: string): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
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

/**
 * A UUID whose first 48 bits are the time (the layout of UUID version 7), so the ids of a big
 * import are appended to the primary-key index rather than scattered over it.
 */
export function timeOrderedId(): string {
  const ts = Date.now().toString(16).padStart(12, '0');
  const r = randomUUID();
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${r.slice(15)}`;
}

/** A valid record waiting for its batch; the columns to write are only built if it is written. */
interface Pending {
  line: number;
  company: CompanyInput;
  hash: string;
}

function toStageRow({ line, company: c, hash }: Pending): StageRow {
  return {
    line,
    id: timeOrderedId(),
    org_nr: c.orgNr,
    content_hash: hash,
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
