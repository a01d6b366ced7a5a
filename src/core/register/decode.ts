import iconv from 'iconv-lite';

/**
 * The encodings a register extract comes in: Excel's "CSV UTF-8" (with a BOM), plain UTF-8, and
 * Windows-1252, which Excel's "CSV (semikolonavgränsad)" still writes.
 */
export type RegisterEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
 * otherwise the bytes are read as strict UTF-8 as long as they are valid, and the first invalid
 * sequence switches to Windows-1252 for the rest (until then only ASCII-compatible text can have
 * been seen in practice: a real UTF-8 file never has an invalid sequence, a cp1252 file has one at
 * its first "ö"). The encoding is final once a non-ASCII byte has been seen.
 */
export class StreamDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private started = false;
  private mode: RegisterEncoding | null = null;
  private sawNonAscii = false;
  private readonly cp1252 = iconv.getDecoder('win1252');

  /** The encoding found; `utf-8` until a BOM or a non-UTF-8 byte says otherwise. */
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
    if (this.mode === 'windows-1252')
      return this.cp1252.write(Buffer.from(buf.buffer, buf.byteOffset, buf.length));
    const tail = incompleteUtf8Tail(buf);
    const whole = tail ? buf.subarray(0, buf.length - tail) : buf;
    try {
      const text = utf8.decode(whole);
      if (!this.sawNonAscii && hasNonAscii(whole)) {
        this.sawNonAscii = true;
        if (!this.mode) this.mode = 'utf-8';
      }
      if (tail) this.carry = buf.slice(buf.length - tail);
      return text;
    } catch {
      if (this.mode === 'utf-8-bom') {
        // A BOM promised UTF-8; decode what is broken with replacement characters.
        if (tail) this.carry = buf.slice(buf.length - tail);
        return new TextDecoder('utf-8').decode(whole);
      }
      this.mode = 'windows-1252';
      return this.cp1252.write(Buffer.from(buf.buffer, buf.byteOffset, buf.length));
    }
  }

  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    if (!rest.length) return '';
    if (this.mode === 'windows-1252') return this.cp1252.write(Buffer.from(rest));
    try {
      return utf8.decode(rest);
    } catch {
      if (this.mode !== 'utf-8-bom') {
        this.mode = 'windows-1252';
        return this.cp1252.write(Buffer.from(rest));
      }
      return new TextDecoder('utf-8').decode(rest);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

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
