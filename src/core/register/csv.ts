/**
 * A small streaming CSV reader for register extracts. Written here rather than taken from
 * csv-parse because the import must know the exact line each record starts on (a quoted newline
 * does not start a new record but does move the line count), and csv-parse's `info.lines` and
 * `raw` drift around CRLF and blank lines. It is also faster on 1.2M rows, which the import
 * benchmark cares about.
 *
 * Rules (RFC 4180, leniently): records end at LF (a CR before it is dropped); a field that starts
 * with `"` is quoted and may hold separators, `""` and newlines; a stray quote inside an unquoted
 * field is kept as a character; a quote never closed runs to the end of the file and marks the
 * record. Text after a quoted field's closing quote is kept but marks the record too: it is what
 * a quote without its end leaves when the next quote in the file (another field's opening one)
 * closes it, having swallowed the lines between. Blank lines are not records.
 */
export type Separator = ';' | ',' | '\t';

export interface CsvRecord {
  fields: string[];
  /** The line (1-based) the record starts on. */
  line: number;
  /** A quoted field that was never closed: the record ran to the end of the file. */
  unterminated?: boolean;
  /** The (0-based) field with text after its closing quote, if any: a quote is likely unbalanced. */
  afterQuote?: number;
  /**
   * The record's text exactly as read (up to and including its line end), for a record whose
   * quotes may be unbalanced: one with text after a closing quote, one never closed, or one over
   * several lines. A reject file writes such a record back as it was read (see the import's
   * RejectWriter), so that a broken quote stays broken rather than becoming one valid field.
   */
  raw?: string;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

export class CsvReader {
  private buf = '';
  private line = 1;
  private readonly sep: number;

  constructor(separator: Separator) {
    this.sep = separator.charCodeAt(0);
  }

  /** Records completed by this text; an incomplete last record waits for more. */
  push(text: string, out: CsvRecord[] = []): CsvRecord[] {
    this.buf = this.buf ? this.buf + text : text;
    this.parse(false, out);
    return out;
  }

  /** The last record, if the text did not end with a newline. */
  end(out: CsvRecord[] = []): CsvRecord[] {
    this.parse(true, out);
    this.buf = '';
    return out;
  }

  private parse(final: boolean, out: CsvRecord[]): void {
    const s = this.buf;
    const n = s.length;
    const sep = this.sep;
    let pos = 0;
    let line = this.line;
    let startLine = line;
    outer: while (pos < n) {
      const start = pos;
      startLine = line;
      const fields: string[] = [];
      let p = pos;
      let unterminated = false;
      let afterQuote = -1;
      for (;;) {
        // One field, starting at p.
        if (p < n && s.charCodeAt(p) === QUOTE) {
          let value = '';
          let q = p + 1;
          for (;;) {
            const close = s.indexOf('"', q);
            if (close < 0) {
              if (!final) break outer; // wait for the rest of the quoted field
              value += s.slice(q);
              line += countLf(s, q, n);
              p = n;
              unterminated = true;
              break;
            }
            line += countLf(s, q, close);
            if (close + 1 < n && s.charCodeAt(close + 1) === QUOTE) {
              value += s.slice(q, close + 1);
              q = close + 2;
              continue;
            }
            if (close + 1 >= n && !final) break outer; // `""` may be split across chunks
            value += s.slice(q, close);
            p = close + 1;
            // Anything between the closing quote and the separator is kept (lenient).
            let e = p;
            while (e < n) {
              const c = s.charCodeAt(e);
              if (c === sep || c === LF) break;
              e++;
            }
            if (e >= n && !final) break outer;
            if (e > p) {
              const rest = trimCr(s.slice(p, e));
              if (afterQuote < 0 && rest.trim() !== '') afterQuote = fields.length;
              value += rest;
            }
            p = e;
            break;
          }
          fields.push(value);
        } else {
          let e = p;
          while (e < n) {
            const c = s.charCodeAt(e);
            if (c === sep || c === LF) break;
            e++;
          }
          if (e >= n && !final) break outer;
          fields.push(trimCr(s.slice(p, e)));
          p = e;
        }
        if (p >= n) {
          // End of input without a newline.
          pushRecord(out, fields, startLine, unterminated, afterQuote, line > startLine, s, start, n);
          pos = n;
          break;
        }
        const c = s.charCodeAt(p);
        p++;
        if (c === LF) {
          pushRecord(out, fields, startLine, unterminated, afterQuote, line > startLine, s, start, p);
          line++;
          pos = p;
          break;
        }
        // a separator: the next field
        if (p >= n) {
          if (!final) break outer;
          fields.push('');
          pushRecord(out, fields, startLine, unterminated, afterQuote, line > startLine, s, start, n);
          pos = n;
          break;
        }
      }
      if (pos === start) break; // nothing consumed (cannot happen, but never loop forever)
    }
    // Keep what was not consumed; the line count resumes from the record's start.
    if (pos < n) {
      this.buf = s.slice(pos);
      this.line = startLine;
    } else {
      this.buf = '';
      this.line = line;
    }
  }
}

function pushRecord(
  out: CsvRecord[],
  fields: string[],
  line: number,
  unterminated: boolean,
  afterQuote: number,
  multiLine: boolean,
  text: string,
  start: number,
  end: number,
): void {
  if (fields.length === 1 && fields[0] === '') return; // a blank line
  const rec: CsvRecord = { fields, line };
  if (unterminated) rec.unterminated = true;
  if (afterQuote >= 0) rec.afterQuote = afterQuote;
  // Only the rare record whose quotes may be unbalanced keeps its text.
  if (unterminated || afterQuote >= 0 || multiLine) rec.raw = text.slice(start, end);
  out.push(rec);
}

function trimCr(v: string): string {
  return v.length && v.charCodeAt(v.length - 1) === CR ? v.slice(0, -1) : v;
}

function countLf(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) k++;
  return k;
}

/**
 * The separator of a file, from its header line: the one of `;` `,` tab that occurs most often
 * outside quotes (Swedish Excel writes `;`, because `,` is the decimal mark).
 */
export function detectSeparator(headerLine: string): Separator {
  const counts: Record<Separator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  let best: Separator = ';';
  for (const sep of [';', '\t', ','] as Separator[]) if (counts[sep] > counts[best]) best = sep;
  return best;
}

/** One record as a line of CSV (without the line end), quoting where needed. */
export function formatCsvRow(fields: readonly string[], separator: Separator): string {
  return fields
    .map((f) => (f.includes(separator) || /["\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f))
    .join(separator);
}
