import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { ProgrammeReportDto } from '../../contracts/visits';
import { neutraliseFormula } from './report-export';
import { bookedNotHeld } from './report-pdf';

/**
 * The programme report as a real Excel workbook (.xlsx):
 * - "Besök": one row per visit with typed cells — the time is an Excel date (Swedish wall clock,
 *   as Excel has no time zones), grades and counts are numbers, empty grades are empty cells;
 *   a styled, frozen header row with a filter, and column widths that fit.
 * - "Sammanfattning": the day's (or the programme's) figures, topics (overall and per industry,
 *   counted in companies), grades, follow-ups and who visited — the numbers of the report page.
 * Text cells are neutralised as in the CSV (a leading `'` before = + - @ tab CR): exceljs writes
 * them as text anyway, but a copy-paste or a re-save as CSV must not turn them into formulas.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };

/** The Swedish wall-clock time of an instant as a Date whose UTC fields show it (what Excel stores). */
export function excelLocalDate(iso: string): Date {
  const d = DateTime.fromISO(iso, { zone: 'utc' }).setZone('Europe/Stockholm');
  return new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second));
}

const text = (v: string) => neutraliseFormula(v);

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.height = 30;
}

export async function reportToXlsx(r: ProgrammeReportDto, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Besök';
  wb.created = now;
  wb.modified = now;

  // ---------------------------------------------------------------- the visits, one per row
  const ws = wb.addWorksheet('Besök', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Tid', key: 'time', width: 17, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: 'Företag', key: 'company', width: 32 },
    { header: 'Organisationsnummer', key: 'orgNr', width: 20, style: { numFmt: '@' } },
    { header: 'SNI-avdelning', key: 'sni', width: 14 },
    { header: 'Form', key: 'mode', width: 11 },
    { header: 'Status', key: 'status', width: 13 },
    { header: 'Besökare', key: 'participants', width: 30 },
    { header: 'Rapport', key: 'report', width: 12 },
    { header: 'Näringslivsklimat (1–6)', key: 'climate', width: 14, style: { numFmt: '0' } },
    { header: 'Kommunens service (1–6)', key: 'service', width: 14, style: { numFmt: '0' } },
    { header: 'Ämnen', key: 'topics', width: 50 },
    { header: 'Uppföljningar', key: 'followups', width: 14, style: { numFmt: '0' } },
    { header: 'Uppföljningar klara', key: 'followupsDone', width: 14, style: { numFmt: '0' } },
  ];
  styleHeader(ws.getRow(1));
  for (const row of r.rows) {
    ws.addRow({
      time: excelLocalDate(row.startsAt),
      company: text(row.companyName),
      orgNr: text(row.orgNr),
      sni: text(row.sniSection),
      mode: text(row.mode),
      status: text(row.status),
      participants: text(row.participants),
      report: text(row.reportStatus),
      climate: row.climateGrade,
      service: row.serviceGrade,
      topics: text(row.topics),
      followups: row.followupsCreated,
      followupsDone: row.followupsDone,
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };

  // ---------------------------------------------------------------- the figures
  const sum = wb.addWorksheet('Sammanfattning');
  sum.columns = [
    { key: 'a', width: 42 },
    { key: 'b', width: 14 },
    { key: 'c', width: 12 },
    ...[1, 2, 3, 4, 5, 6].map((g) => ({ key: `g${g}`, width: 9 })),
  ];
  const title = sum.addRow([text(r.programme.name ?? 'Programmet')]);
  title.font = { bold: true, size: 14 };
  sum.addRow(['Dag', r.date ? new Date(`${r.date}T00:00:00Z`) : 'Hela programmet']);
  if (r.date) sum.getCell('B2').numFmt = 'yyyy-mm-dd';
  sum.addRow([]);
  const section = (label: string, cols: string[] = []) => {
    const row = sum.addRow([label, ...cols]);
    styleHeader(row);
    row.height = 18;
  };
  section(r.date ? 'Dagen i siffror' : 'Programmet i siffror', ['Antal']);
  sum.addRow(['Företag som besöktes', r.companiesMet]);
  sum.addRow(['Genomförda besök', r.visits.done]);
  sum.addRow(['Bokade besök, inte genomförda', bookedNotHeld(r)]);
  sum.addRow(['Inställda besök', r.visits.cancelled]);
  sum.addRow(['Inskickade rapporter', r.visits.withReport]);
  sum.addRow([]);
  section('Uppföljningar', ['Antal']);
  sum.addRow(['Skapade', r.followups.created]);
  sum.addRow(['Klara', r.followups.done]);
  sum.addRow(['Inte möjliga', r.followups.notPossible]);
  sum.addRow(['Öppna', r.followups.open]);
  sum.addRow([]);
  section('Betyg', ['Snitt', 'Antal svar', ...[1, 2, 3, 4, 5, 6].map((g) => `Betyg ${g}`)]);
  for (const [label, g] of [
    ['Näringslivsklimatet', r.grades.climate],
    ['Kommunens service', r.grades.service],
  ] as const) {
    const row = sum.addRow([label, g.average, g.count, ...g.distribution]);
    row.getCell(2).numFmt = '0.0';
  }
  sum.addRow([]);
  section('Ämnen som togs upp mest', ['Antal företag']);
  for (const t of r.topics) sum.addRow([text(t.label), t.count]);
  sum.addRow([]);
  section('Ämnen per bransch', ['Antal företag']);
  for (const s of r.topicsBySection) {
    const head = sum.addRow([text(s.section), s.companies, 'företag']);
    head.font = { bold: true };
    for (const t of s.topics) sum.addRow([`  ${text(t.label)}`, t.count]);
  }
  sum.addRow([]);
  section('Vilka som besökte', ['Antal besök']);
  for (const p of r.byWhom) sum.addRow([text(p.name), p.visits]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
