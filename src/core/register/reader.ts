import { StreamDecoder, type RegisterEncoding } from './decode';
import { CsvReader, detectSeparator, type CsvRecord, type Separator } from './csv';
import { isRejectHeader, LayoutError, parseColumnMap, recogniseLayout, type Layout } from './columns';
import { normaliseRecord, type NormaliseResult } from './normalize';

/** A record refused before its fields are normalised, with the reason shown in the reject file. */
type Rejected = Extract<NormaliseResult, { ok: false }>;

/** The two formats Excel offers for a CSV file, named as its "Save as" dialog names them. */
const SAVE_AS_CSV = '"CSV UTF-8 (kommaavgränsad)" eller "CSV (kommaavgränsad)"';

export interface RegisterHeader {
  separator: Separator;
  /**
   * The file's line end (CRLF, LF, or CR alone: Excel for Mac's "CSV (Macintosh)"), for writing a
   * reject file the same way.
   */
  eol: '\r\n' | '\n' | '\r';
  layout: Layout;
  /**
   * The columns before a reject file's own two at the end (`Avvisad: orsak`, `Avvisad: rad`): all
   * of them in any other file.
   */
  dataColumns: number;
  /** The encoding as far as read; the decoder may still switch to Windows-1252 later. */
  encoding(): RegisterEncoding;
}

export interface RegisterRow {
  line: number;
  fields: string[];
  result: NormaliseResult;
  /**
   * A rejected record whose quotes do not balance (a quote never closed, text after a closing
   * quote, or lines run together into too many or too few values): its text exactly as read, for
   * the reject file to write back as it is. Written back as fields, the quote would be balanced
   * and the record — two lines run together, say — would import as one garbled company.
   */
  raw?: string;
}

/**
 * Reads a register extract as it streams: decodes, finds the separator and the columns from the
 * header line, and yields the records in batches, each normalised or with its reason for
 * rejection. Holds one chunk and one unfinished record at a time, never the file.
 *
 * Throws LayoutError for a file that is empty or whose columns are not recognised, before
 * yielding any row.
 */
export async function* readRegister(
  input: AsyncIterable<Uint8Array | string>,
  opts: { map?: string; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<{ header: RegisterHeader; rows: RegisterRow[] }> {
  const map = parseColumnMap(opts.map);
  const decoder = new StreamDecoder();
  let reader: CsvReader | null = null;
  let header: RegisterHeader | null = null;
  /**
   * Whether lines end in CR alone (null: not known yet). Such a file's CRs become LFs before the
   * CSV reader, which ends records at LF; otherwise the whole file would be one header line.
   */
  let crOnly: boolean | null = null;
  let undecided = '';
  const lineEnds = (text: string, final: boolean): string => {
    if (crOnly === null) {
      const all = undecided + text;
      const i = firstLineEnd(all);
      if (i < 0 || (all[i] === '\r' && i + 1 >= all.length && !final)) {
        undecided = final ? '' : all;
        return final ? all : '';
      }
      crOnly = all[i] === '\r' && all[i + 1] !== '\n';
      undecided = '';
      text = all;
    }
    return crOnly ? text.replaceAll('\r', '\n') : text;
  };
  let pending = '';
  let bytes = 0;
  /** The decoded text has had a replacement character: look for it in each record from now on. */
  let unreadable = false;

  /** A reject file's note row came last: the next record is a rejected one written back as read. */
  let afterNote = false;
  const toRows = (records: CsvRecord[], h: RegisterHeader): RegisterRow[] => {
    const rows: RegisterRow[] = [];
    const all = h.layout.headers.length;
    const data = h.dataColumns;
    for (const r of records) {
      let columns = all;
      if (data < all) {
        // A reject file imported again (only it has the two reject columns).
        if (isNote(r.fields, h.layout)) {
          afterNote = true;
          continue;
        }
        // The record a note stands over is checked as its own file read it, against the columns
        // before the reject columns: as long as its quote is not mended it is rejected for the
        // same reason, and its values cannot pass as the reject columns'.
        if (afterNote) columns = data;
        afterNote = false;
      }
      const result: NormaliseResult = r.unterminated
        ? {
            ok: false,
            reason:
              'Raden har ett citattecken (") som aldrig avslutas, så resten av filen lästes in som en del av raden',
          }
        : (recordProblem(r.fields, columns, unreadable) ??
          (r.afterQuote !== undefined ? afterQuoteProblem(r, h.layout.headers) : null) ??
          // A reject file's records may leave its reject columns out (those mended and pasted in).
          shortRecordProblem(r.fields, data) ??
          (h.encoding() === 'windows-1252' ? utf8InWindows1252(r.fields) : null) ??
          normaliseRecord(r.fields, h.layout));
      const row: RegisterRow = { line: r.line, fields: r.fields, result };
      if (r.raw !== undefined && !result.ok && unbalanced(r, columns)) row.raw = r.raw;
      rows.push(row);
    }
    return rows;
  };

  const start = (text: string, final: boolean): { header: RegisterHeader; records: CsvRecord[] } | null => {
    pending += text;
    const nl = pending.indexOf('\n');
    if (nl < 0 && !final) return null;
    const headerLine = nl < 0 ? pending : pending.slice(0, nl);
    if (headerLine.trim() === '')
      throw new LayoutError(
        pending.trim() === ''
          ? 'Filen är tom: den har ingen rubrikrad.'
          : 'Filens första rad är tom. Den ska innehålla kolumnrubrikerna.',
      );
    notText(headerLine);
    const separator = detectSeparator(headerLine);
    reader = new CsvReader(separator);
    const records = reader.push(pending);
    if (final) reader.end(records);
    pending = '';
    const first = records.shift();
    if (!first) throw new LayoutError('Filen är tom: den har ingen rubrikrad.');
    const layout = recogniseLayout(
      first.fields.map((f) => f.trim()),
      map,
    );
    // A reject file ends with its two columns; any other file's columns, known or not, are its data.
    let dataColumns = layout.columns.length;
    while (dataColumns > 0 && isRejectHeader(first.fields[dataColumns - 1]!.trim())) dataColumns--;
    header = {
      separator,
      eol: crOnly ? '\r' : headerLine.endsWith('\r') ? '\r\n' : '\n',
      layout,
      dataColumns,
      encoding: () => decoder.encoding,
    };
    return { header, records };
  };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buf.length;
    const text = lineEnds(decoder.write(buf), false);
    if (!unreadable && text.includes('\uFFFD')) unreadable = true;
    let out: RegisterRow[];
    if (!header) {
      const s = start(text, false);
      if (!s) continue;
      out = toRows(s.records, s.header);
    } else {
      out = toRows(reader!.push(text), header);
    }
    opts.onBytes?.(bytes);
    if (out.length) yield { header: header!, rows: out };
  }
  const tail = lineEnds(decoder.end(), true);
  if (!unreadable && tail.includes('\uFFFD')) unreadable = true;
  if (!header) {
    const s = start(tail, true);
    if (!s) throw new LayoutError('Filen är tom: den har ingen rubrikrad.');
    const out = toRows(s.records, s.header);
    if (out.length) yield { header: s.header, rows: out };
    return;
  }
  const records = reader!.push(tail);
  reader!.end(records);
  const out = toRows(records, header);
  if (out.length) yield { header, rows: out };
}

/**
 * What makes a record unreadable as a whole, before its fields are looked at: more fields than the
 * header has columns (a separator too many, or an unbalanced quote that joined it with the next
 * line — its values would land in the wrong columns or be lost), or characters the decoder could
 * not read (a stray byte in a UTF-8 file; `unreadable`: the decoder has produced any). Extra
 * fields that are all empty are not a problem: Excel writes trailing separators for a column that
 * once held something.
 */
export function recordProblem(fields: string[], columns: number, unreadable = true): Rejected | null {
  if (fields.length > columns) {
    let extra = false;
    for (let i = columns; i < fields.length && !extra; i++) extra = fields[i]!.trim() !== '';
    if (extra) {
      const joined = fields.some((f) => f.includes('\n'));
      return {
        ok: false,
        reason:
          `Raden har ${fields.length} värden men rubrikraden har ${columns} kolumner` +
          (joined
            ? '; troligen saknas ett avslutande citattecken ("), så att raden slagits ihop med nästa'
            : '; troligen finns ett avgränsningstecken för mycket, eller ett värde som borde stå inom citattecken'),
      };
    }
  }
  if (unreadable)
    for (const f of fields)
      if (f.includes('\uFFFD'))
        return {
          ok: false,
          reason:
            'Raden har tecken som inte går att läsa i filens teckenkodning; rätta dem och spara filen som CSV UTF-8',
        };
  return null;
}

/**
 * Whether a record's quotes do not balance: a quote never closed, text after a closing quote, or a
 * record over several lines with too many values (non-empty ones beyond the columns) or too few.
 * Each of these is rejected; the reject file writes such a record back as it was read.
 */
function unbalanced(r: CsvRecord, columns: number): boolean {
  if (r.unterminated || r.afterQuote !== undefined) return true;
  if (!r.fields.some((f) => f.includes('\n'))) return false;
  if (r.fields.length < columns) return true;
  for (let i = columns; i < r.fields.length; i++) if (r.fields[i]!.trim() !== '') return true;
  return false;
}

/**
 * A reject file's note: a row with nothing but its reject columns filled in (the reason and the
 * line), which the reject file writes above a record it writes back as it was read. Not a record.
 */
function isNote(fields: string[], layout: Layout): boolean {
  let note = false;
  for (let i = 0; i < fields.length; i++) {
    if (fields[i]!.trim() === '') continue;
    if (layout.columns[i] !== 'ignore') return false;
    note = true;
  }
  return note;
}

/**
 * A record with text after a quoted field's closing quote. A quote without its end is closed by the
 * next quote in the file (usually another record's quoted field), so the lines between become part
 * of one field and the record ends early: its later columns would be read as empty and empty what
 * is stored. Rejected, naming the field.
 */
function afterQuoteProblem(r: CsvRecord, headers: string[]): Rejected {
  const i = r.afterQuote!;
  const name = headers[i]?.trim();
  const where = name ? `Fältet ”${name}” (kolumn ${i + 1})` : `Fält ${i + 1}`;
  const lines = r.fields[i]!.split('\n').length - 1;
  return {
    ok: false,
    reason:
      `${where} har text efter sitt avslutande citattecken ("). ` +
      (lines > 0
        ? `Troligen saknar ett citattecken sitt slut, så att ${lines === 1 ? 'nästa rad' : `de ${lines} följande raderna`} lästes in som en del av fältet`
        : 'Antingen saknar ett citattecken sitt slut, eller så har fältet citattecken i sig och behöver stå inom citattecken med dem dubblade ("")') +
      '. Rätta raden och importera den igen',
  };
}

/** Where the first line ends (a CR or LF outside quotes), or -1: a quoted header name may hold one. */
function firstLineEnd(text: string): number {
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 13 || c === 10)) return k;
  }
  return -1;
}

/**
 * Fewer values than columns, one of them over several lines: a quote without its end swallowed the
 * lines after it and was closed by a later quote that a separator or line end follows, ending the
 * record early. Its later columns would be read as empty (emptying what is stored) and the lines
 * swallowed lost. (Closed by a quote that text follows, it is afterQuoteProblem's.)
 */
function shortRecordProblem(fields: string[], columns: number): Rejected | null {
  if (fields.length >= columns) return null;
  if (fields.some((f) => f.includes('\n')))
    return {
      ok: false,
      reason:
        `Raden har ${fields.length} värden men rubrikraden har ${columns} kolumner, och ett värde inom ` +
        'citattecken sträcker sig över flera rader: troligen saknar ett citattecken (") sitt slut, så att ' +
        'raderna efter det lästes in som en del av värdet',
    };
  // Read as it stands, its missing values would empty what is stored in their columns; a row broken
  // in two by a line break would store its first part cut short (and reject the second).
  return {
    ok: false,
    reason:
      `Raden har ${fields.length} värden men rubrikraden har ${columns} kolumner; troligen har en ` +
      'radbrytning delat raden i två, eller saknas avgränsningstecken. Rätta raden så att den har ' +
      `${columns} värden (tomma värden går bra)`,
  };
}

/**
 * UTF-8 read as Windows-1252: a Swedish letter's two bytes become "Ã" (or "Â") and a character of
 * 0x80–0xBF ("Ã¥" for å, "Ã–" for Ö). A file whose first non-ASCII text was Windows-1252 (a byte
 * pasted from an older program) but whose other rows are UTF-8 would otherwise store those rows'
 * names garbled; no Swedish register writes these pairs.
 */
const MOJIBAKE =
  /[\u00c2\u00c3][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\ufffd]/;

function utf8InWindows1252(fields: string[]): Rejected | null {
  for (const f of fields) {
    const m = MOJIBAKE.exec(f);
    if (m)
      return {
        ok: false,
        reason: `Raden har tecken som ser ut som UTF-8 (”${m[0]}”) i en fil som i övrigt lästs som Windows-1252: filen blandar teckenkodningar. Spara hela filen som CSV UTF-8 och importera den igen`,
      };
  }
  return null;
}

/** Refuses a file that is not text (a workbook, a PDF, a binary) before its bytes are shown as columns. */
function notText(start: string): void {
  if (start.startsWith('PK\u0003\u0004')) {
    // A zip container: an .xlsx or .ods workbook, or a zipped file.
    throw new LayoutError(
      'Filen är komprimerad (en arbetsbok från Excel eller LibreOffice, eller en zip-fil), inte en CSV-fil. ' +
        `En arbetsbok: öppna den och spara den som ${SAVE_AS_CSV}. ` +
        'En zip-fil: packa upp den. Importera sedan CSV-filen.',
    );
  }
  if (start.startsWith('\u00d0\u00cf\u0011\u00e0')) {
    throw new LayoutError(
      `Filen är en Excel-arbetsbok, inte en CSV-fil. Öppna den i Excel och spara den som ${SAVE_AS_CSV}, ` +
        'och importera den filen.',
    );
  }
  if (start.startsWith('\u00ff\u00fe') || start.startsWith('\u00fe\u00ff')) {
    throw new LayoutError(
      `Filen är sparad som UTF-16 (Excels "Unicode-text"). Spara den i stället som ${SAVE_AS_CSV}, ` +
        'och importera den filen.',
    );
  }
  if (
    start.startsWith('\u2030PNG') ||
    start.startsWith('\u00ff\u00d8\u00ff') ||
    start.startsWith('GIF87a') ||
    start.startsWith('GIF89a')
  ) {
    throw new LayoutError('Filen är en bild, inte en CSV-fil. Importera registret som CSV.');
  }
  if (start.startsWith('%PDF-')) {
    throw new LayoutError('Filen är en PDF, inte en CSV-fil. Importera registret som CSV.');
  }
  // Control characters other than tab and CR do not occur in a text export's header line.
  if (hasControlCharacter(start)) {
    throw new LayoutError(
      'Filen är inte en textfil (CSV): den innehåller styrtecken som ingen CSV-export har. ' +
        'Spara registret som CSV och importera den filen.',
    );
  }
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
