import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { ReportRow } from '../../contracts/visits';

/**
 * The rows of a programme report as CSV. Two flavours:
 * - `csv`: RFC 4180, comma-separated UTF-8, for other programs;
 * - `excel`: what Swedish Excel opens by double-click — a UTF-8 byte-order mark (so å, ä, ö
 *   survive), semicolons (Excel's list separator in a Swedish locale) and CRLF line ends.
 *   The real workbook (.xlsx, typed cells) is report-xlsx.ts.
 * Every text cell that a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with
 * an apostrophe: a company name like "=HYPERLINK(…)" from a public registration must stay text.
 */
export type CsvFlavour = 'csv' | 'excel';

const HEADERS: Array<[keyof ReportRow | 'time', string]> = [
  ['time', 'Tid'],
  ['companyName', 'Företag'],
  ['orgNr', 'Organisationsnummer'],
  ['sniSection', 'SNI-avdelning'],
  ['mode', 'Form'],
  ['status', 'Status'],
  ['participants', 'Besökare'],
  ['reportStatus', 'Rapport'],
  ['climateGrade', 'Näringslivsklimat (1–6)'],
  ['serviceGrade', 'Kommunens service (1–6)'],
  ['topics', 'Ämnen'],
  ['followupsCreated', 'Uppföljningar'],
  ['followupsDone', 'Uppföljningar klara'],
];

export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(v: string | number | null): string | number {
  if (v === null) return '';
  if (typeof v === 'number') return v;
  return neutraliseFormula(v);
}

export function reportRowsToCsv(rows: ReportRow[], flavour: CsvFlavour): string {
  const records = rows.map((r) =>
    HEADERS.map(([k]) =>
      k === 'time'
        ? DateTime.fromISO(r.startsAt, { zone: 'utc' })
            .setZone('Europe/Stockholm')
            .toFormat('yyyy-MM-dd HH:mm')
        : cell(r[k]),
    ),
  );
  const body = stringify([HEADERS.map(([, h]) => h), ...records], {
    delimiter: flavour === 'excel' ? ';' : ',',
    record_delimiter: flavour === 'excel' ? 'windows' : 'unix',
  });
  return flavour === 'excel' ? `\uFEFF${body}` : body;
}
