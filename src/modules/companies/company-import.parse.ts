import { randomUUID } from 'node:crypto';
import { readRegister } from '../../core/register/reader';
import { REGISTER_FIELDS, type Layout, type RegisterField } from '../../core/register/columns';
import type { Separator } from '../../core/register/csv';
import type { RegisterEncoding } from '../../core/register/decode';
import type { CompanyInput } from '../../core/register/normalize';
import { nameKeys } from '../../core/register/names';
import type { StageRow, StoredValues } from './company-import.repository';
import type { WorkerInput, WorkerMessage } from './company-import.worker';

/**
 * The CPU-bound half of the register import: decoding, CSV, normalising each record and building
 * the columns to write (search and sort keys, index words, content hash). It runs in the import's
 * own thread, or — for a first load from a file, where the writing is the work — in a worker
 * thread (company-import.worker.ts), so that on a machine with two cores the parsing of the next
 * records overlaps the writing of the last ones. Either way it yields the same batches.
 */

/** The header as the batches carry it: plain data, so it crosses to another thread as it is. */
export interface ParsedHeader {
  separator: Separator;
  eol: '\r\n' | '\n' | '\r';
  layout: Layout;
  /**
   * As far as read: the decoder may still switch to Windows-1252 later (the last batch has the
   * file's encoding).
   */
  encoding: RegisterEncoding;
}

export interface ParsedReject {
  line: number;
  fields: string[];
  reason: string;
  /** A record whose quotes do not balance, as read: the reject file writes it back as it is. */
  raw?: string;
}

/**
 * A valid record: its org nr and content hash, for the importer to compare with what is stored,
 * and either the company as read or — when the parser was asked to prepare them (a worker feeding
 * a first load, where nearly every record is written) — the columns to write. `stageOf` gives the
 * columns either way; building them only for records that are written keeps a re-import of a
 * mostly unchanged register from paying for search keys, index words and ids it never uses.
 */
export type ParsedRow = { line: number; orgNr: string; hash: string } & (
  { stage: StageRow } | { company: CompanyInput }
);

export function stageOf(r: ParsedRow): StageRow {
  return 'stage' in r ? r.stage : toStageRow(r.line, r.company, r.hash);
}

/** Whether the file lacks a column whose stored values `keepStored` keeps. */
export function lacksColumns(layout: Layout): boolean {
  return REGISTER_FIELDS.some((f) => layout.index[f] === undefined);
}

/**
 * A record of a file that lacks some of the register's columns, completed from what is stored
 * for the company: a column the file does not have says nothing, so it empties nothing (an empty
 * field in a column it has does: the register no longer has that value). What is kept is copied
 * as it is stored, never derived from the file, so a company's later rows in the same file see
 * the same values whether or not a batch was written between them. Its fingerprint is
 * computed again over the completed record, so importing the same file twice still changes
 * nothing. (On PostgreSQL coordinates are stored as 4-byte floats: read back, a coordinate with
 * more than about seven digits differs from the one first imported, so the first import of such a
 * file counts those companies as updated, rewriting the same values; later ones do not.)
 */
export function keepStored(r: ParsedRow, stored: StoredValues, layout: Layout): ParsedRow {
  const c = 'company' in r ? r.company : companyOfStage(r.stage);
  const has = (f: RegisterField) => layout.index[f] !== undefined;
  const out: CompanyInput = { ...c };
  if (!has('legalForm')) out.legalForm = stored.legal_form;
  if (!has('sniCode')) {
    out.sniCode = stored.sni_code;
    out.sniSection = stored.sni_section;
    out.sniDivision = stored.sni_division;
  }
  if (!has('industry')) out.industryText = stored.industry_text;
  // The size class comes from the file's class column, or else from its employee column (as read);
  // only a file with neither keeps the stored class.
  if (!has('employees')) out.employees = stored.employees;
  if (!has('employees') && !has('sizeClass')) out.sizeClass = stored.size_class;
  if (!has('visitAddress')) out.visitAddress = stored.visit_address;
  if (!has('postalCode')) out.postalCode = stored.postal_code;
  if (!has('postalTown')) out.postalTown = stored.postal_town;
  if (!has('kommunkod')) out.kommunkod = stored.kommunkod;
  if (!has('kommun')) out.kommun = stored.kommun;
  if (!has('lat')) out.lat = stored.lat;
  if (!has('lon')) out.lon = stored.lon;
  if (!has('email')) out.email = stored.email;
  if (!has('phone')) out.phone = stored.phone;
  if (!has('website')) out.website = stored.website;
  return { line: r.line, orgNr: r.orgNr, hash: contentHash(out), company: out };
}

function companyOfStage(s: StageRow): CompanyInput {
  return {
    orgNr: s.org_nr,
    personalData: s.personal_data === 1,
    name: s.name,
    legalForm: s.legal_form,
    sniCode: s.sni_code,
    sniSection: s.sni_section,
    sniDivision: s.sni_division,
    industryText: s.industry_text,
    sizeClass: s.size_class,
    employees: s.employees,
    visitAddress: s.visit_address,
    postalCode: s.postal_code,
    postalTown: s.postal_town,
    kommunkod: s.kommunkod,
    kommun: s.kommun,
    lat: s.lat,
    lon: s.lon,
    email: s.email,
    phone: s.phone,
    website: s.website,
  };
}

export interface ParsedBatch {
  header: ParsedHeader;
  /** The valid records, in file order. */
  rows: ParsedRow[];
  /** The rejected records, in file order. */
  rejects: ParsedReject[];
  /** Bytes of the file read so far. */
  bytes: number;
}

/** The parsing thread's heap: a national register needs a fraction of it. */
const PARSER_HEAP_MB = 64;

/** Records per batch handed from the parser to the writer. */
export const PARSE_BATCH = 2000;

/**
 * Parses a register extract into batches of at most `batchSize` records (valid and rejected).
 * Throws LayoutError for an empty file or unknown columns before yielding anything.
 */
export async function* parseRegister(
  input: AsyncIterable<Uint8Array | string>,
  opts: { map?: string; batchSize?: number; prepare?: boolean } = {},
): AsyncGenerator<ParsedBatch> {
  const size = opts.batchSize ?? PARSE_BATCH;
  let bytes = 0;
  let rows: ParsedRow[] = [];
  let rejects: ParsedReject[] = [];
  let header: ParsedHeader | null = null;
  const take = (): ParsedBatch => {
    const b = { header: header!, rows, rejects, bytes };
    rows = [];
    rejects = [];
    return b;
  };
  for await (const chunk of readRegister(input, {
    ...(opts.map ? { map: opts.map } : {}),
    onBytes: (b) => (bytes = b),
  })) {
    const h = chunk.header;
    header = { separator: h.separator, eol: h.eol, layout: h.layout, encoding: h.encoding() };
    for (const row of chunk.rows) {
      if (row.result.ok) {
        const c = row.result.company;
        const hash = contentHash(c);
        rows.push(
          opts.prepare
            ? { line: row.line, orgNr: c.orgNr, hash, stage: toStageRow(row.line, c, hash) }
            : { line: row.line, orgNr: c.orgNr, hash, company: c },
        );
      } else
        rejects.push(
          row.raw === undefined
            ? { line: row.line, fields: row.fields, reason: row.result.reason }
            : { line: row.line, fields: row.fields, reason: row.result.reason, raw: row.raw },
        );
      if (rows.length + rejects.length >= size) yield take();
    }
  }
  // The last records, and in any case the final byte count and encoding.
  if (header) yield take();
}

function toStageRow(line: number, c: CompanyInput, hash: string): StageRow {
  const keys = nameKeys(c.name);
  return {
    line,
    id: timeOrderedId(),
    org_nr: c.orgNr,
    content_hash: hash,
    words: JSON.stringify(keys.indexWords),
    name: c.name,
    name_search: keys.searchText,
    name_sort: keys.sortKey,
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
 * A fingerprint of everything the register says about a company, to tell an unchanged re-import
 * from a change. Only ever compared with the stored fingerprint of the same org nr, so a fast
 * 53-bit hash (cyrb53) is plenty: crypto's per-call cost was a tenth of the import's time.
 *
 * Its value is cyrb53 of the JSON text of the fields in a fixed order (`contentHashOfJson` says so
 * in two lines, and the tests hold the two equal), computed without building that text: the
 * registers already stored keep their fingerprints, and the import does not allocate a string per
 * record for them.
 */
export function contentHash(c: CompanyInput): string {
  const h = new Cyrb53();
  h.char(0x5b); // [
  fingerprintFields(c).forEach((v, i) => {
    if (i > 0) h.char(0x2c); // ,
    h.json(v);
  });
  h.char(0x5d); // ]
  return h.digest();
}

/** The definition `contentHash` keeps: cyrb53 of the fields' JSON text. */
export function contentHashOfJson(c: CompanyInput): string {
  const h = new Cyrb53();
  h.text(JSON.stringify(fingerprintFields(c)));
  return h.digest();
}

/** What the fingerprint covers, in its order (the order is part of every stored value). */
function fingerprintFields(c: CompanyInput): Array<string | number | boolean | null> {
  return [
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
  ];
}

/** cyrb53, fed a character at a time. */
class Cyrb53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  char(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }

  text(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** A value as JSON.stringify writes it: a string quoted (escaped by JSON itself when it must be). */
  json(v: string | number | boolean | null): void {
    if (v === null) this.text('null');
    else if (typeof v === 'boolean') this.text(v ? 'true' : 'false');
    else if (typeof v === 'number') this.text(Number.isFinite(v) ? String(v) : 'null');
    else if (plainJsonString(v)) {
      this.char(0x22);
      this.text(v);
      this.char(0x22);
    } else this.text(JSON.stringify(v));
  }

  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }
}

/** Whether JSON writes the string as itself between quotes: no quote, backslash, control character or lone surrogate. */
function plainJsonString(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = v.charCodeAt(i + 1); // NaN past the end
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
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

/**
 * `parseRegister` of a file, in a worker thread: the same batches, parsed while the caller writes
 * the previous ones. The worker stays at most `inFlight` batches ahead and is ended when the
 * caller stops reading (finished, or failed).
 */
export async function* parseRegisterFile(
  path: string,
  opts: { map?: string; batchSize?: number; inFlight?: number; heapMb?: number } = {},
): AsyncGenerator<ParsedBatch> {
  const heapMb = opts.heapMb ?? PARSER_HEAP_MB;
  const { Worker } = await import('node:worker_threads');
  const { LayoutError } = await import('../../core/register/columns');
  const worker = new Worker(new URL('./company-import.worker.mjs', import.meta.url), {
    // A small young generation keeps the parser's short-lived garbage (most of what it makes) from
    // piling up between scavenges; the cap on the old one keeps the import within its memory goal.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: heapMb },
    workerData: {
      path,
      ...(opts.map ? { map: opts.map } : {}),
      batchSize: opts.batchSize ?? PARSE_BATCH,
      inFlight: opts.inFlight ?? 3,
    } satisfies WorkerInput,
  });
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let notify: (() => void) | null = null;
  const wakeUp = () => {
    notify?.();
    notify = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wakeUp();
  });
  worker.on('error', (err: Error & { code?: string }) => {
    failure =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new LayoutError(
            `Filen kunde inte läsas: en rad blev större än ${heapMb} MB. ` +
              'Oftast är det ett citattecken (") som aldrig avslutas, så att resten av filen hamnar i ett fält.',
          )
        : err;
    wakeUp();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure)
      failure = new Error(`Inläsningen av filen avbröts oväntat (slutkod ${code}).`);
    wakeUp();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (notify = resolve));
      }
      const m = queue.shift()!;
      // Back to the event loop before each batch. Node hands a port's messages over in a loop that
      // goes on while more arrive, and they do while the worker keeps ahead (it runs up to three
      // batches ahead) and writing to SQLite never waits on I/O. Without this turn, nothing
      // else ran for seconds at a time, up to the whole file — a Ctrl-C was seen late or never (the
      // CLI could finish first), and a server doing a web upload answered no request meanwhile.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (m.type === 'done') return;
      if (m.type === 'error') {
        if (m.layout) throw new LayoutError(m.message, m.unknownColumns);
        throw Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
      }
      yield m.batch;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}
