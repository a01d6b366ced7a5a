import { StreamDecoder, type RegisterEncoding } from './decode';
import { CsvReader, detectSeparator, type CsvRecord, type Separator } from './csv';
import { LayoutError, parseColumnMap, recogniseLayout, type Layout } from './columns';
import { normaliseRecord, type NormaliseResult } from './normalize';

export interface RegisterHeader {
  separator: Separator;
  /** The header line's line end, for writing a reject file the same way. */
  eol: '\r\n' | '\n';
  layout: Layout;
  /** The encoding as far as read; the decoder may still switch to Windows-1252 later. */
  encoding(): RegisterEncoding;
}

export interface RegisterRow {
  line: number;
  fields: string[];
  result: NormaliseResult;
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
  let pending = '';
  let bytes = 0;

  const toRows = (records: CsvRecord[], h: RegisterHeader): RegisterRow[] => {
    const rows: RegisterRow[] = [];
    for (const r of records) {
      rows.push({
        line: r.line,
        fields: r.fields,
        result: r.unterminated
          ? {
              ok: false,
              reason: 'Raden har ett citattecken (") som aldrig avslutas; resten av filen hamnade i den',
            }
          : normaliseRecord(r.fields, h.layout),
      });
    }
    return rows;
  };

  const start = (text: string, final: boolean): { header: RegisterHeader; records: CsvRecord[] } | null => {
    pending += text;
    const nl = pending.indexOf('\n');
    if (nl < 0 && !final) return null;
    const headerLine = nl < 0 ? pending : pending.slice(0, nl);
    if (headerLine.trim() === '') throw new LayoutError('Filen är tom: den har ingen rubrikrad.');
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
    header = {
      separator,
      eol: headerLine.endsWith('\r') ? '\r\n' : '\n',
      layout,
      encoding: () => decoder.encoding,
    };
    return { header, records };
  };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buf.length;
    const text = decoder.write(buf);
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
  const tail = decoder.end();
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
