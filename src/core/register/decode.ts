import iconv from 'iconv-lite';

/**
 * The encodings a register extract comes in: Excel's "CSV UTF-8" (with a BOM), plain UTF-8, and
 * Windows-1252, which Excel's "CSV (kommaavgränsad)" still writes (with semicolons on Swedish settings).
 */
export type RegisterEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Invalid sequences become U+FFFD. */
const LENIENT = new TextDecoder('utf-8');

/**
 * How many bytes at the end of `buf` start a UTF-8 sequence that the buffer does not complete.
 * Those bytes are held back until the next chunk, so a character split across chunks is decoded
 * whole and a strict decoder never sees half of it.
 */
export function incompleteUtf8Tail(buf: Uint8Array): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * Decodes a byte stream chunk by chunk, deciding the encoding on the way: a BOM means UTF-8;
 * otherwise the first chunk with non-ASCII bytes decides for the whole file (the reader's chunks
 * are 256 KB): UTF-8 if the chunk is valid UTF-8, or if a character of real text comes before its
 * first invalid byte (`utf8BeforeInvalid`); else Windows-1252 (a cp1252 file has an invalid byte at
 * its first "ö"). In a UTF-8 file a later invalid byte is a stray one — an "é" pasted from another
 * program — and is decoded as U+FFFD (the reader rejects its record) rather than turning the rest
 * of the file into mojibake.
 */
export class StreamDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private started = false;
  /** Decided by a BOM, or by the first non-ASCII text; null while the text has been ASCII. */
  private mode: RegisterEncoding | null = null;
  private readonly cp1252 = iconv.getDecoder('win1252');

  /** The encoding found; `utf-8` until a BOM or the first non-ASCII text says otherwise. */
  get encoding(): RegisterEncoding {
    return this.mode ?? 'utf-8';
  }

  write(chunk: Uint8Array): string {
    let buf = this.carry.length ? concat(this.carry, chunk) : chunk;
    this.carry = new Uint8Array(0);
    if (!this.started) {
      if (buf.length < 3 && buf.every((b, i) => b === [0xef, 0xbb, 0xbf][i])) {
        this.carry = buf; // might still be a BOM
        return '';
      }
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        this.mode = 'utf-8-bom';
        buf = buf.subarray(3);
      }
    }
    if (this.mode === 'windows-1252') return this.cp1252.write(asBuffer(buf));
    const tail = incompleteUtf8Tail(buf);
    const whole = tail ? buf.subarray(0, buf.length - tail) : buf;
    let text: string;
    try {
      text = utf8.decode(whole);
    } catch {
      // Not valid UTF-8. In undecided text, UTF-8 only if real text came before the invalid byte;
      // otherwise Windows-1252, for the rest of the file. In UTF-8 text the byte is a stray one.
      if (this.mode === null && !utf8BeforeInvalid(whole)) {
        this.mode = 'windows-1252';
        return this.cp1252.write(asBuffer(buf));
      }
      this.mode ??= 'utf-8';
      text = LENIENT.decode(whole);
    }
    // Valid UTF-8 with non-ASCII characters (any script) decides it.
    if (this.mode === null && hasNonAscii(whole)) this.mode = 'utf-8';
    if (tail) this.carry = buf.slice(buf.length - tail);
    return text;
  }

  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    if (!rest.length) return '';
    // An incomplete sequence at the very end: in undecided text, Windows-1252 letters.
    if (this.mode === 'windows-1252' || (this.mode === null && !utf8BeforeInvalid(rest))) {
      this.mode = 'windows-1252';
      return this.cp1252.write(asBuffer(rest));
    }
    return LENIENT.decode(rest);
  }
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.length);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Whether `buf` holds, before its first invalid sequence, a valid multi-byte UTF-8 character of
 * the kinds real text has: two bytes for U+0080–U+027F (å, ä, ö, é, ü, ł …), or three or four
 * bytes (dashes, quotes, €, emoji). Then the text is UTF-8 and an invalid byte after it a stray
 * one. Other two-byte sequences are not evidence: in Windows-1252 text a capital letter and the
 * next character can happen to form one ("Ö" and a no-break space are U+05A0), while an accented
 * lower-case letter followed by two symbols of 0x80–0xBF is all but unheard of.
 */
export function utf8BeforeInvalid(buf: Uint8Array): boolean {
  // The platform's decoder finds the first invalid sequence (it becomes U+FFFD, as do overlong
  // forms and surrogates); the text before it is what counts.
  const text = LENIENT.decode(buf);
  const bad = text.indexOf('\uFFFD');
  return REAL_TEXT.test(bad < 0 ? text : text.slice(0, bad));
}

/** U+0080–U+027F (Latin), or U+0800 and up (a three- or four-byte sequence: dashes, €, emoji). */
const REAL_TEXT = /[\u0080-\u027f\u0800-\uffff]/;

function hasNonAscii(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return true;
  return false;
}

/** Text in the given encoding, for writing a reject file the way the input was written. */
export function encodeText(text: string, encoding: RegisterEncoding): Buffer {
  if (encoding === 'windows-1252') return iconv.encode(text, 'win1252');
  return Buffer.from(text, 'utf8');
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The charset for a Content-Type header. */
export function charsetOf(encoding: RegisterEncoding): string {
  return encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
}
