import { inflateSync } from 'node:zlib';

/**
 * The text a pdfkit PDF shows, for tests: every content stream (inflated when compressed) is
 * scanned for its text operators (`[<hex> kern <hex>] TJ` and `<hex> Tj`), and the hex strings
 * are decoded as WinAnsi (Latin-1 plus the 0x80–0x9F extras). One line per text operator.
 */
const EXTRA: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function winAnsi(hex: string): string {
  let s = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    s += EXTRA[b] ?? String.fromCharCode(b);
  }
  return s;
}

export function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let data = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        data = inflateSync(data);
      } catch {
        continue;
      }
    }
    out.push(data.toString('latin1'));
  }
  return out;
}

export function pdfText(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const s of pdfStreams(pdf)) {
    const ops = /\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    let m: RegExpExecArray | null;
    while ((m = ops.exec(s))) {
      const hex =
        m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]).join('') : m[2]!;
      lines.push(winAnsi(hex));
    }
  }
  return lines;
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}
