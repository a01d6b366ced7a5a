import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import type { ProgrammeReportDto } from '../../contracts/visits';

/**
 * The programme report page as a PDF made on the server with pdfkit's standard Helvetica (no font
 * files to ship). Helvetica as a standard font speaks WinAnsi (Windows-1252): Swedish letters,
 * é, – and ” are there; anything else (a Polish Ł, a Greek letter, an emoji in a company name) is
 * made WinAnsi first by `toWinAnsi` — letters lose their accents, look-alike punctuation is
 * swapped, the rest becomes "?" — so nothing comes out as garbage.
 */

// The 27 characters WinAnsi has in 0x80–0x9F, beside Latin-1 (0x20–0x7E, 0xA0–0xFF).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SWAPS: Record<string, string> = {
  '\u2212': '-', // minus sign (Intl.NumberFormat('sv-SE'))
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2015': '—',
  '\u202f': ' ', // narrow no-break space
  '\u2009': ' ',
  '\u2007': ' ',
  '\u200b': '',
  '\u2032': "'",
  '\u2033': '"',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2713': 'v',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
};

function inWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n';
}

/** Text that Helvetica (WinAnsi) can show: kept, swapped for a look-alike, stripped of accents, or "?". */
export function toWinAnsi(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    if (inWinAnsi(ch)) out += ch;
    else if (SWAPS[ch] !== undefined) out += SWAPS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(inWinAnsi) ? base : '?';
    }
  }
  return out;
}

function longDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'Europe/Stockholm' }).setLocale('sv').toFormat('d LLLL yyyy');
}

function time(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone('Europe/Stockholm').toFormat('HH:mm');
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items.at(-1)}`;
}

/** Visits booked but not held: still planned (ahead, or past and never marked held). */
export const bookedNotHeld = (r: ProgrammeReportDto) => r.visits.total - r.visits.done - r.visits.cancelled;

const num = (n: number | null) => (n === null ? '–' : String(n).replace('.', ','));

/** The lead of the report page, in the same words. */
export function reportLead(r: ProgrammeReportDto): string {
  const when = r.date ? `Den ${longDate(r.date)}` : 'Under programmet';
  const visitors = r.byWhom.length;
  const people = visitors === 1 ? '1 besökare' : `${visitors} besökare`;
  const companies = r.companiesMet === 1 ? '1 företag' : `${r.companiesMet} företag`;
  const top = r.topics.slice(0, 3);
  const topics = top.length
    ? ` Mest pratade man om ${list(top.map((t) => `${t.label.toLowerCase()} (${t.count})`))}.`
    : '';
  const grade =
    r.grades.climate.average !== null
      ? ` Företagen gav näringslivsklimatet i snitt ${num(r.grades.climate.average)} av 6.`
      : '';
  const fu =
    r.followups.created > 0
      ? ` ${r.followups.created === 1 ? '1 uppföljning' : `${r.followups.created} uppföljningar`} skapades, och ${r.followups.done} är redan klara.`
      : '';
  return `${when} träffade ${people} från kommunen ${companies}.${topics}${grade}${fu}`;
}

export function reportTitle(r: ProgrammeReportDto): string {
  return `${r.programme.name ?? 'Programmet'}${r.date ? ` – ${longDate(r.date)}` : ''}`;
}

const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#999999';

export function reportToPdf(
  r: ProgrammeReportDto,
  opts: { now: Date; unit?: string; compress?: boolean },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: opts.compress ?? true,
    info: {
      Title: toWinAnsi(reportTitle(r)),
      Author: toWinAnsi(opts.unit ?? 'Besök'),
      Creator: 'Besök',
      CreationDate: opts.now,
    },
    lang: 'sv-SE',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const say = (s: string, o: PDFKit.Mixins.TextOptions = {}) => doc.text(toWinAnsi(s), o);
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const heading = (s: string) => {
    ensure(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(INK);
    say(s, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  /** A simple table: the first column takes what the others leave. */
  const table = (head: string[], rows: Array<Array<string | number>>, widths: number[]) => {
    const first = width - widths.reduce((a, b) => a + b, 0);
    const cols = [first, ...widths];
    const line = (cells: Array<string | number>, bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
      const texts = cells.map((c) => toWinAnsi(String(c)));
      const h = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: cols[i]! - 6 })));
      ensure(h + 4);
      const y = doc.y;
      let x = left;
      texts.forEach((t, i) => {
        doc.text(t, x, y, { width: cols[i]! - 6, align: i === 0 ? 'left' : 'right' });
        x += cols[i]!;
      });
      doc.x = left;
      doc.y = y + h + 3;
      if (bold) {
        doc
          .moveTo(left, doc.y - 1)
          .lineTo(left + width, doc.y - 1)
          .strokeColor(RULE)
          .lineWidth(0.5)
          .stroke();
        doc.y += 2;
      }
    };
    line(head, true);
    for (const row of rows) line(row, false);
    doc.x = left;
  };

  // Title and lead, as the page opens.
  if (opts.unit) {
    doc.font('Helvetica').fontSize(9).fillColor(MUTED);
    say(opts.unit);
  }
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK);
  say(reportTitle(r), { width });
  doc.moveDown(0.5).font('Helvetica').fontSize(11);
  say(reportLead(r), { width, lineGap: 2 });

  heading(r.date ? 'Dagen i siffror' : 'Programmet i siffror');
  table(
    ['', 'Antal'],
    [
      ['Företag som besöktes', r.companiesMet],
      ['Genomförda besök', r.visits.done],
      ['Bokade besök, inte genomförda', bookedNotHeld(r)],
      ['Inställda besök', r.visits.cancelled],
      ['Inskickade rapporter', r.visits.withReport],
      ['Uppföljningar (klara)', `${r.followups.created} (${r.followups.done})`],
    ],
    [110],
  );

  if (!r.rows.length) {
    doc.moveDown(0.5);
    say(r.date ? 'Inga besök den dagen.' : 'Inga besök i programmet.');
  }

  if (r.byWhom.length) {
    heading('Vilka som besökte');
    table(
      ['Besökare', 'Antal besök'],
      r.byWhom.map((p) => [p.name, p.visits]),
      [110],
    );
  }

  if (r.topics.length) {
    heading('Ämnen som togs upp mest');
    table(
      ['Ämne', 'Antal företag'],
      r.topics.map((t) => [t.label, t.count]),
      [110],
    );
    heading('Ämnen per bransch');
    for (const s of r.topicsBySection) {
      ensure(40);
      doc.font('Helvetica-Bold').fontSize(10.5);
      say(`${s.section} – ${s.companies === 1 ? '1 företag' : `${s.companies} företag`}`, { width });
      doc.moveDown(0.2);
      if (s.topics.length)
        table(
          ['Ämne', 'Antal företag'],
          s.topics.map((t) => [t.label, t.count]),
          [110],
        );
      doc.moveDown(0.4);
    }
  }

  heading('Betyg');
  if (r.grades.climate.count + r.grades.service.count === 0) say('Inga betyg.');
  else
    table(
      ['', 'Snitt', 'Svar', '1', '2', '3', '4', '5', '6'],
      (
        [
          ['Näringslivsklimatet', r.grades.climate],
          ['Kommunens service', r.grades.service],
        ] as const
      ).map(([label, g]) => [label, num(g.average), g.count, ...g.distribution]),
      [45, 40, 28, 28, 28, 28, 28, 28],
    );

  heading('Uppföljningar');
  table(
    ['', 'Antal'],
    [
      ['Skapade', r.followups.created],
      ['Klara', r.followups.done],
      ['Inte möjliga', r.followups.notPossible],
      ['Öppna', r.followups.open],
    ],
    [110],
  );

  if (r.rows.length) {
    heading('Besöken');
    table(
      ['Tid, företag och besökare', 'Status', 'Klimat', 'Service', 'Uppf. (klara)'],
      r.rows.map((row) => [
        `${r.date ? time(row.startsAt) : DateTime.fromISO(row.startsAt, { zone: 'utc' }).setZone('Europe/Stockholm').toFormat('yyyy-MM-dd HH:mm')}  ${row.companyName}${row.participants ? ` (${row.participants})` : ''}${row.topics ? `\nÄmnen: ${row.topics}` : ''}`,
        row.status,
        num(row.climateGrade),
        num(row.serviceGrade),
        `${row.followupsCreated} (${row.followupsDone})`,
      ]),
      [70, 45, 45, 65],
    );
  }

  doc.moveDown(1).font('Helvetica').fontSize(8).fillColor(MUTED);
  say(
    `Skapad ${DateTime.fromJSDate(opts.now).setZone('Europe/Stockholm').toFormat('yyyy-MM-dd HH:mm')} i Besök.`,
    { width },
  );
  doc.end();
  return done;
}
