import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { insertTestCompany } from '../visits/visit.fixtures';
import { createVisit } from '../visits/visit.service';
import ExcelJS from 'exceljs';
import { neutraliseFormula, reportRowsToCsv } from './report-export';
import { reportToPdf, toWinAnsi } from './report-pdf';
import { excelLocalDate } from './report-xlsx';
import { pdfPageCount, pdfText } from '../../../test/helpers/pdf';

void describe('report export cells', () => {
  void test('cells a spreadsheet would run as a formula are kept as text', () => {
    for (const s of ['=1+1', '+46', '-2', '@SUM(A1)', '\tx']) assert.equal(neutraliseFormula(s), `'${s}`);
    assert.equal(neutraliseFormula('Bageri AB'), 'Bageri AB');
  });

  void test('PDF text: WinAnsi kept, look-alikes swapped, accents stripped, the rest "?"', () => {
    assert.equal(toWinAnsi('Åkeri – Café ”Öl” €5'), 'Åkeri – Café ”Öl” €5');
    // ó is in WinAnsi (Latin-1); Ł and ź are not.
    assert.equal(toWinAnsi('Łódź Spółka'), 'Lódz Spólka');
    assert.equal(toWinAnsi('\u22124\u202f000'), '-4 000');
    assert.equal(toWinAnsi('Ωmega 🚀 ✓'), '?mega ? v');
    assert.equal(toWinAnsi('Şirket Ğ'), 'Sirket G');
  });

  void test('an Excel time is the Swedish wall clock (summer and winter)', () => {
    assert.equal(excelLocalDate('2026-03-10T08:00:00Z').toISOString(), '2026-03-10T09:00:00.000Z');
    assert.equal(excelLocalDate('2026-06-10T08:00:00Z').toISOString(), '2026-06-10T10:00:00.000Z');
  });
});

for (const dialect of DIALECTS) {
  void describe(`programme (sprint day) report (${dialect})`, () => {
    let t: TestContext;
    let staff: Client;
    let admin: Client;
    let viewer: Client;

    before(async () => {
      t = await createTestApp(dialect, { now: '2026-03-10T16:00:00Z' });
      staff = await t.as(t.users.staff);
      admin = await t.as(t.users.admin);
      viewer = await t.as(t.users.viewer);
      const db = t.testDb.db.kysely;
      const topics = (await staff.get('/api/topics')).json().items as Array<{ id: string; slug: string }>;
      const topic = (slug: string) => topics.find((x) => x.slug === slug)!.id;
      const companies = [
        await insertTestCompany(db, { name: 'Bageriet AB', orgNr: '5560000011', sniSection: 'C' }),
        await insertTestCompany(db, { name: '=HYPERLINK("http://x")', orgNr: '5560000012', sniSection: 'C' }),
        await insertTestCompany(db, { name: 'Åkeriet i Byn AB', orgNr: '5560000013', sniSection: 'H' }),
        await insertTestCompany(db, { name: 'Inställda AB', orgNr: '5560000014', sniSection: 'G' }),
      ];
      const plan: Array<[number, string, string[], string]> = [
        [0, '2026-03-10T08:00:00Z', [t.users.staff.id], 'done'],
        [1, '2026-03-10T09:00:00Z', [t.users.staff.id, t.users.admin.id], 'done'],
        [2, '2026-03-10T10:00:00Z', [t.users.admin.id], 'done'],
        [3, '2026-03-10T11:00:00Z', [t.users.admin.id], 'cancelled'],
      ];
      const visitIds: string[] = [];
      for (const [c, start, who, status] of plan) {
        const v = await createVisit(
          db,
          {
            municipalityId: t.municipality.id,
            companyId: companies[c]!,
            startsAt: start,
            endsAt: new Date(Date.parse(start) + 3600_000).toISOString(),
            mode: 'physical',
            participantIds: who,
            programme: { type: 'sprint', id: 'sprint-x' },
            status: status as 'done' | 'cancelled',
          },
          t.clock.now(),
        );
        visitIds.push(v.id);
      }
      // A visit of the same sprint on another day does not count for this day.
      await createVisit(
        db,
        {
          municipalityId: t.municipality.id,
          companyId: companies[0]!,
          startsAt: '2026-03-11T08:00:00Z',
          endsAt: '2026-03-11T09:00:00Z',
          mode: 'digital',
          participantIds: [t.users.staff.id],
          programme: { type: 'sprint', id: 'sprint-x' },
        },
        t.clock.now(),
      );
      const write = async (c: Client, i: number, topicSlugs: string[], climate: number, service: number) => {
        const res = await c.put(`/api/visits/${visitIds[i]}/report`, {
          version: 0,
          topics: topicSlugs.map((s) => ({ topicId: topic(s), note: '' })),
          climateGrade: climate,
          serviceGrade: service,
        });
        assert.equal(res.statusCode, 200, res.body);
        await c.post(`/api/visits/${visitIds[i]}/report/submit`, { version: 1 });
      };
      await write(staff, 0, ['kompetensforsorjning', 'lokaler-mark'], 4, 3);
      await write(staff, 1, ['kompetensforsorjning'], 5, 4);
      await write(admin, 2, ['infrastruktur', 'kompetensforsorjning'], 3, 2);
      const f = await staff.post(`/api/visits/${visitIds[0]}/followups`, {
        need: 'Rekryteringsträff',
        ownerDepartment: 'Arbetsmarknad',
        dueDate: '2026-04-01',
      });
      await staff.patch(`/api/followups/${f.json().id}`, { version: 1, status: 'done' });
      await admin.post(`/api/visits/${visitIds[2]}/followups`, {
        need: 'Vägfråga',
        ownerDepartment: 'Trafikverket-kontakt',
        dueDate: '2026-04-01',
      });
    });
    after(() => t.close());

    void test('the day in numbers: companies, by whom, topics (per industry too), grades, follow-ups', async () => {
      const res = await viewer.get(
        '/api/reports/programme?programmeType=sprint&programmeId=sprint-x&date=2026-03-10',
      );
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json();
      assert.equal(r.companiesMet, 3);
      assert.deepEqual(r.visits, { total: 4, done: 3, cancelled: 1, withReport: 3 });
      assert.deepEqual(
        r.byWhom.map((p: { name: string; visits: number }) => [p.name, p.visits]),
        [
          ['Anna Admin', 2],
          ['Sven Staff', 2],
        ],
      );
      assert.deepEqual(r.topics[0], {
        topicId: r.topics[0].topicId,
        label: 'Kompetensförsörjning och rekrytering',
        labelEn: 'Skills and recruitment',
        count: 3,
      });
      assert.equal(r.topics.length, 3);
      const bySection = Object.fromEntries(
        r.topicsBySection.map(
          (s: { section: string; companies: number; topics: Array<{ label: string; count: number }> }) => [
            s.section,
            [s.companies, s.topics.map((x) => `${x.label}:${x.count}`)],
          ],
        ),
      );
      assert.deepEqual(bySection['C Tillverkning'], [
        2,
        ['Kompetensförsörjning och rekrytering:2', 'Lokaler och mark:1'],
      ]);
      assert.deepEqual(bySection['H Transport och magasinering'], [
        1,
        ['Kompetensförsörjning och rekrytering:1', 'Infrastruktur och transporter:1'],
      ]);
      assert.deepEqual(r.grades.climate, { count: 3, average: 4, distribution: [0, 0, 1, 1, 1, 0] });
      assert.equal(r.grades.service.average, 3);
      assert.deepEqual(r.followups, { created: 2, done: 1, notPossible: 0, open: 1 });
      assert.equal(r.rows.length, 4);
      assert.equal(r.rows[0].participants, 'Sven Staff');
      assert.equal(r.rows[0].topics, 'Kompetensförsörjning och rekrytering, Lokaler och mark');
      // For the page to say in English; the Swedish stays for the exports.
      assert.deepEqual(
        [r.rows[0].status, r.rows[0].statusCode, r.rows[0].reportStatus, r.rows[0].reportStatusCode],
        ['genomfört', 'done', 'inskickad', 'submitted'],
      );
      assert.equal(r.rows[0].topicsEn, 'Skills and recruitment, Premises and land');
      assert.deepEqual(
        r.topicsBySection.map((s: { section: string; sectionCode: string | null }) => [
          s.sectionCode,
          s.section,
        ]),
        [
          ['C', 'C Tillverkning'],
          ['H', 'H Transport och magasinering'],
        ],
      );
    });

    void test('the whole programme when no day is given', async () => {
      const r = (await viewer.get('/api/reports/programme?programmeType=sprint&programmeId=sprint-x')).json();
      assert.equal(r.visits.total, 5);
      const none = await viewer.get('/api/reports/programme?programmeType=sprint&programmeId=nope');
      assert.equal(none.statusCode, 404);
    });

    void test('CSV and Excel-flavoured CSV of the rows, with formulas neutralised', async () => {
      const q = 'programmeType=sprint&programmeId=sprint-x&date=2026-03-10';
      const csv = await viewer.get(`/api/reports/programme.csv?${q}`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.match(csv.headers['content-disposition'] as string, /besoksrapport-sprint-2026-03-10\.csv/);
      const lines = csv.body.trim().split('\n');
      assert.equal(lines.length, 5);
      assert.match(lines[0]!, /^Tid,Företag,Organisationsnummer/);
      assert.match(
        lines[1]!,
        /^2026-03-10 09:00,Bageriet AB,556000-0011,C,på plats,genomfört,Sven Staff,inskickad,4,3,/,
      );
      assert.ok(
        lines.some((l) => l.includes(`"'=HYPERLINK(""http://x"")"`)),
        'formula prefixed with an apostrophe',
      );

      const xl = await viewer.get(`/api/reports/programme.csv?${q}&format=excel`);
      const bytes = xl.rawPayload;
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
      assert.match(text, /^Tid;Företag;Organisationsnummer/);
      assert.ok(text.includes('\r\n'));
      assert.ok(text.includes('Åkeriet i Byn AB'));

      // The same downloads under the export address the report page links to.
      const viaExport = await viewer.get(`/api/reports/programme/export?${q}&format=excel`);
      assert.equal(
        viaExport.headers['content-disposition'],
        'attachment; filename="besoksrapport-sprint-2026-03-10-excel.csv"',
      );
      assert.deepEqual(viaExport.rawPayload, bytes);
      const bad = await viewer.get(`/api/reports/programme/export?${q}&format=docx`);
      assert.equal(bad.statusCode, 400);
    });

    void test('a real .xlsx: typed cells, styled header, widths, a summary sheet, formulas kept as text', async () => {
      const q = 'programmeType=sprint&programmeId=sprint-x&date=2026-03-10';
      const res = await viewer.get(`/api/reports/programme/export?${q}&format=xlsx`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(
        res.headers['content-type'],
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      assert.equal(
        res.headers['content-disposition'],
        'attachment; filename="besoksrapport-sprint-2026-03-10.xlsx"',
      );
      const bytes = res.rawPayload;
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip container');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['Besök', 'Sammanfattning'],
      );
      const ws = wb.getWorksheet('Besök')!;
      assert.equal(ws.rowCount, 5, 'header + 4 visits');
      const header = ws.getRow(1);
      assert.equal(header.getCell(1).value, 'Tid');
      assert.equal(header.getCell(2).value, 'Företag');
      assert.equal(header.getCell(9).value, 'Näringslivsklimat (1–6)');
      assert.equal(header.getCell(1).font?.bold, true);
      assert.equal(ws.views[0]?.state, 'frozen');
      assert.ok((ws.getColumn(2).width ?? 0) >= 30, 'the company column is wide');

      const first = ws.getRow(2);
      const when = first.getCell(1);
      assert.equal(when.type, ExcelJS.ValueType.Date);
      // 08:00 UTC is 09:00 in Sweden in March; Excel shows the wall clock.
      assert.equal((when.value as Date).toISOString(), '2026-03-10T09:00:00.000Z');
      assert.equal(when.numFmt, 'yyyy-mm-dd hh:mm');
      assert.equal(first.getCell(2).value, 'Bageriet AB');
      assert.equal(first.getCell(3).value, '556000-0011');
      assert.equal(first.getCell(3).type, ExcelJS.ValueType.String);
      assert.equal(first.getCell(9).value, 4);
      assert.equal(first.getCell(9).type, ExcelJS.ValueType.Number);
      assert.equal(first.getCell(10).value, 3);
      assert.equal(first.getCell(11).value, 'Kompetensförsörjning och rekrytering, Lokaler och mark');
      assert.equal(first.getCell(12).value, 1);
      assert.equal(first.getCell(13).value, 1);
      assert.equal(first.getCell(13).type, ExcelJS.ValueType.Number);

      const formula = ws.getRow(3).getCell(2);
      assert.equal(formula.type, ExcelJS.ValueType.String, 'not a formula cell');
      assert.equal(formula.value, `'=HYPERLINK("http://x")`);
      // The cancelled visit has no report: its grades are empty cells, not zeros.
      const cancelled = ws.getRow(5);
      assert.equal(cancelled.getCell(6).value, 'inställt');
      assert.equal(cancelled.getCell(9).type, ExcelJS.ValueType.Null);

      const sum = wb.getWorksheet('Sammanfattning')!;
      const byLabel = new Map<string, ExcelJS.Row>();
      sum.eachRow((row) => {
        const a = row.getCell(1).value;
        if (typeof a === 'string' && !byLabel.has(a)) byLabel.set(a, row);
      });
      assert.equal(sum.getCell('A1').value, 'Programmet');
      assert.equal((sum.getCell('B2').value as Date).toISOString(), '2026-03-10T00:00:00.000Z');
      assert.equal(sum.getCell('B2').numFmt, 'yyyy-mm-dd');
      assert.equal(byLabel.get('Företag som besöktes')?.getCell(2).value, 3);
      assert.equal(byLabel.get('Inskickade rapporter')?.getCell(2).value, 3);
      assert.equal(byLabel.get('Skapade')?.getCell(2).value, 2);
      assert.equal(byLabel.get('Klara')?.getCell(2).value, 1);
      const climate = byLabel.get('Näringslivsklimatet')!;
      assert.equal(climate.getCell(2).value, 4);
      assert.deepEqual(
        [3, 4, 5, 6, 7, 8, 9].map((c) => climate.getCell(c).value),
        [3, 0, 0, 1, 1, 1, 0],
      );
      assert.equal(byLabel.get('Kompetensförsörjning och rekrytering')?.getCell(2).value, 3);
      assert.equal(byLabel.get('C Tillverkning')?.getCell(2).value, 2);
      assert.equal(byLabel.get('Anna Admin')?.getCell(2).value, 2);
    });

    void test('a server-made PDF of the report page, in Helvetica (WinAnsi)', async () => {
      const q = 'programmeType=sprint&programmeId=sprint-x&date=2026-03-10';
      const res = await viewer.get(`/api/reports/programme/export?${q}&format=pdf`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(
        res.headers['content-disposition'],
        'attachment; filename="besoksrapport-sprint-2026-03-10.pdf"',
      );
      const pdf = res.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF/);
      assert.ok(pdfPageCount(pdf) >= 1);
      assert.match(pdf.toString('latin1'), /\/BaseFont \/Helvetica/);
      const text = pdfText(pdf).join('\n');
      const flowing = text.replace(/ ?\n/g, ' '); // the lead wraps over lines
      assert.match(flowing, /Programmet – 10 mars 2026/);
      assert.match(flowing, /träffade 2 besökare från kommunen 3 företag\./);
      assert.match(flowing, /Mest pratade man om kompetensförsörjning och rekrytering \(3\)/);
      for (const s of [
        'Dagen i siffror',
        'Företag som besöktes',
        'Vilka som besökte',
        'Anna Admin',
        'Sven Staff',
        'Ämnen per bransch',
        'C Tillverkning – 2 företag',
        'H Transport och magasinering – 1 företag',
        'Näringslivsklimatet',
        'Uppföljningar',
        'Åkeriet i Byn AB',
      ]) {
        assert.ok(text.includes(s), `${s} in the PDF`);
      }
      // The sums as the page shows them: 3 companies, follow-ups 2 created, 1 done.
      assert.match(text, /Företag som besöktes\n3\n/);
      assert.match(text, /Uppföljningar \(klara\)\n2 \(1\)/);

      // The same document without compression says the same (the text is in the content stream).
      const report = (await viewer.get(`/api/reports/programme?${q}`)).json();
      const plain = await reportToPdf(report, { now: new Date('2026-03-10T16:00:00Z'), compress: false });
      assert.ok(plain.toString('latin1').includes('/Type /Page'));
      assert.match(pdfText(plain).join('\n'), /från kommunen 3 företag/);
    });

    void test('a PDF with text outside WinAnsi shows it sensibly, and a long programme runs over pages', async () => {
      const report = (
        await viewer.get('/api/reports/programme?programmeType=sprint&programmeId=sprint-x&date=2026-03-10')
      ).json();
      report.rows = Array.from({ length: 80 }, (_, i) => ({
        ...report.rows[0],
        visitId: `v${i}`,
        companyName: i === 0 ? 'Łódź Spółka ✓ Ωmega' : `Företag ${i} AB`,
      }));
      const pdf = await reportToPdf(report, { now: new Date('2026-03-10T16:00:00Z') });
      assert.ok(pdfPageCount(pdf) >= 2, `${pdfPageCount(pdf)} pages`);
      const text = pdfText(pdf).join('\n');
      assert.ok(text.includes('Lódz Spólka v ?mega'), 'accents stripped, a look-alike, "?" for the rest');
      assert.ok(text.includes('Företag 79 AB'));
    });

    /** A half-hour digital visit of the admin's, on a sprint of its own. */
    const adminVisit = (companyId: string, startsAt: string, sprintId: string) =>
      createVisit(
        t.testDb.db.kysely,
        {
          municipalityId: t.municipality.id,
          companyId,
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 1800_000).toISOString(),
          mode: 'digital',
          participantIds: [t.users.admin.id],
          programme: { type: 'sprint', id: sprintId },
          checkCalendars: false,
        },
        t.clock.now(),
      );

    void test('a day is a Swedish calendar day, also when summer time starts (2026-03-29)', async () => {
      const db = t.testDb.db.kysely;
      const companyId = await insertTestCompany(db, { name: 'Nattbageriet AB', orgNr: '5560000019' });
      for (const start of [
        '2026-03-28T22:30:00Z',
        '2026-03-28T23:30:00Z',
        '2026-03-29T21:30:00Z',
        '2026-03-29T22:30:00Z',
      ])
        await adminVisit(companyId, start, 'sprint-dst');
      const r = (
        await viewer.get('/api/reports/programme?programmeType=sprint&programmeId=sprint-dst&date=2026-03-29')
      ).json();
      // 23:30 UTC on the 28th is 00:30 on the 29th (CET); 21:30 UTC on the 29th is 23:30 (CEST).
      assert.deepEqual(
        r.rows.map((row: { startsAt: string }) => row.startsAt),
        ['2026-03-28T23:30:00.000Z', '2026-03-29T21:30:00.000Z'],
      );
    });

    void test("management (viewers) see a sole trader's personal identity number with its last digits hidden", async () => {
      const db = t.testDb.db.kysely;
      const companyId = await insertTestCompany(db, { name: 'Frisör Eva Ek', orgNr: '8001011231' });
      await adminVisit(companyId, '2026-04-02T08:00:00Z', 'sprint-pnr');
      const q = 'programmeType=sprint&programmeId=sprint-pnr';
      const orgNrs = async (c: Client) =>
        ((await c.get(`/api/reports/programme?${q}`)).json().rows as Array<{ orgNr: string }>).map(
          (r) => r.orgNr,
        );
      assert.deepEqual(await orgNrs(viewer), ['800101-XXXX']);
      assert.deepEqual(await orgNrs(admin), ['800101-1231']);
      const csv = (await viewer.get(`/api/reports/programme/export?${q}&format=csv`)).body;
      assert.match(csv, /800101-XXXX/);
      assert.doesNotMatch(csv, /800101-?1231/);
    });

    /** A visit of Sven Staff's (or another's) in a programme, with the status given. */
    const visitIn = async (
      programme: { type: 'sprint' | 'relay'; id: string },
      companyId: string,
      startsAt: string,
      status: 'planned' | 'done',
      who = t.users.staff.id,
    ) =>
      (
        await createVisit(
          t.testDb.db.kysely,
          {
            municipalityId: t.municipality.id,
            companyId,
            startsAt,
            endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(),
            mode: 'physical',
            participantIds: [who],
            programme,
            status,
            checkCalendars: false,
          },
          t.clock.now(),
        )
      ).id;
    /** Sven writes the visit's report, and submits it unless it is to stay a draft. */
    const reportOn = async (visitId: string, slugs: string[], grade: number, submit: boolean) => {
      const topics = (await staff.get('/api/topics')).json().items as Array<{ id: string; slug: string }>;
      const res = await staff.put(`/api/visits/${visitId}/report`, {
        version: 0,
        topics: slugs.map((slug) => ({ topicId: topics.find((x) => x.slug === slug)!.id, note: '' })),
        climateGrade: grade,
        serviceGrade: grade,
      });
      assert.equal(res.statusCode, 200, res.body);
      if (submit) {
        const sent = await staff.post(`/api/visits/${visitId}/report/submit`, { version: 1 });
        assert.equal(sent.statusCode, 200, sent.body);
      }
    };
    const summaryOf = async (q: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        (await viewer.get(`/api/reports/programme/export?${q}&format=xlsx`))
          .rawPayload as unknown as ArrayBuffer,
      );
      const byLabel = new Map<string, ExcelJS.Row>();
      wb.getWorksheet('Sammanfattning')!.eachRow((row) => {
        const a = row.getCell(1).value;
        if (typeof a === 'string' && !byLabel.has(a)) byLabel.set(a, row);
      });
      return byLabel;
    };
    const pdfOf = async (q: string) =>
      pdfText((await viewer.get(`/api/reports/programme/export?${q}&format=pdf`)).rawPayload).join('\n');

    /**
     * sprint-mix: Alfa and Beta met, their reports submitted (5, kompetensförsörjning); Delta met,
     * its report a draft (1, lokaler och mark); Passerat booked in the past and never marked held,
     * Framtid booked ahead (both Anna's).
     */
    let mixMade: Promise<void> | undefined;
    const mix = () =>
      (mixMade ??= (async () => {
        const db = t.testDb.db.kysely;
        const programme = { type: 'sprint' as const, id: 'sprint-mix' };
        const c = async (name: string, orgNr: string) =>
          insertTestCompany(db, { name, orgNr, sniSection: 'C' });
        const [a, b, d, past, future] = [
          await c('Alfa AB', '5560000031'),
          await c('Beta AB', '5560000032'),
          await c('Delta AB', '5560000033'),
          await c('Passerat AB', '5560000034'),
          await c('Framtid AB', '5560000035'),
        ];
        const kompetens = ['kompetensforsorjning'];
        await reportOn(await visitIn(programme, a, '2026-03-09T08:00:00Z', 'done'), kompetens, 5, true);
        await reportOn(await visitIn(programme, b, '2026-03-09T09:00:00Z', 'done'), kompetens, 5, true);
        await reportOn(
          await visitIn(programme, d, '2026-03-09T10:00:00Z', 'done'),
          ['lokaler-mark'],
          1,
          false,
        );
        await visitIn(programme, past, '2026-03-09T11:00:00Z', 'planned', t.users.admin.id);
        await visitIn(programme, future, '2026-03-20T08:00:00Z', 'planned', t.users.admin.id);
      })());
    const mixQ = 'programmeType=sprint&programmeId=sprint-mix';

    void test('grades and topics come from submitted reports only, as "Inskickade rapporter" counts', async () => {
      await mix();
      const r = (await viewer.get(`/api/reports/programme?${mixQ}`)).json();
      assert.equal(r.visits.withReport, 2);
      // Two submitted graded 5 and a draft graded 1: the average is 5, of 2 answers (not 3.7 of 3).
      assert.deepEqual(r.grades.climate, { count: 2, average: 5, distribution: [0, 0, 0, 0, 2, 0] });
      assert.deepEqual(r.grades.service, { count: 2, average: 5, distribution: [0, 0, 0, 0, 2, 0] });
      assert.deepEqual(
        r.topics.map((x: { label: string; count: number }) => `${x.label}:${x.count}`),
        ['Kompetensförsörjning och rekrytering:2'],
      );
      assert.deepEqual(
        r.topicsBySection[0].topics.map((x: { label: string; count: number }) => `${x.label}:${x.count}`),
        ['Kompetensförsörjning och rekrytering:2'],
      );
      // The draft's visit row says "utkast" and carries no grades or topics to sum.
      const draft = r.rows.find((row: { companyName: string }) => row.companyName === 'Delta AB');
      assert.deepEqual(
        [draft.reportStatus, draft.climateGrade, draft.serviceGrade, draft.topics],
        ['utkast', null, null, ''],
      );
      const csv = (await viewer.get(`/api/reports/programme/export?${mixQ}&format=csv`)).body;
      assert.match(csv, /Delta AB,556000-0033,C,på plats,genomfört,Sven Staff,utkast,,,,0,0/);

      const sum = await summaryOf(mixQ);
      assert.equal(sum.get('Näringslivsklimatet')?.getCell(2).value, 5);
      assert.equal(sum.get('Näringslivsklimatet')?.getCell(3).value, 2);
      assert.equal(sum.has('Lokaler och mark'), false);
      const text = await pdfOf(mixQ);
      assert.match(text.replace(/ ?\n/g, ' '), /i snitt 5 av 6/);
      assert.doesNotMatch(text, /Lokaler och mark/);
    });

    void test('companies met are those of visits held; booked visits not held are a figure apart', async () => {
      await mix();
      const r = (await viewer.get(`/api/reports/programme?${mixQ}`)).json();
      assert.equal(r.companiesMet, 3);
      assert.deepEqual(r.visits, { total: 5, done: 3, cancelled: 0, withReport: 2 });
      // Those who visited: Sven held three; Anna's two are booked, not held.
      assert.deepEqual(
        r.byWhom.map((p: { name: string; visits: number }) => [p.name, p.visits]),
        [['Sven Staff', 3]],
      );
      assert.deepEqual(
        r.topicsBySection.map((s: { section: string; companies: number }) => [s.section, s.companies]),
        [['C Tillverkning', 3]],
      );

      const sum = await summaryOf(mixQ);
      assert.ok(sum.has('Programmet i siffror'), 'the whole programme, not a day');
      assert.equal(sum.has('Dagen i siffror'), false);
      assert.equal(sum.get('Företag som besöktes')?.getCell(2).value, 3);
      assert.equal(sum.get('Genomförda besök')?.getCell(2).value, 3);
      assert.equal(sum.get('Bokade besök, inte genomförda')?.getCell(2).value, 2);

      const text = await pdfOf(mixQ);
      assert.match(
        text.replace(/ ?\n/g, ' '),
        /Under programmet träffade 1 besökare från kommunen 3 företag\./,
      );
      assert.match(text, /Programmet i siffror/);
      assert.doesNotMatch(text, /Dagen i siffror/);
      assert.match(text, /Företag som besöktes\n3\n/);
      assert.match(text, /Genomförda besök\n3\n/);
      assert.match(text, /Bokade besök, inte genomförda\n2\n/);
    });

    void test('a topic counts the companies that raised it, not the visits (a relay visits a company twice)', async () => {
      const db = t.testDb.db.kysely;
      const programme = { type: 'relay' as const, id: 'relay-twice' };
      const twice = await insertTestCompany(db, {
        name: 'Två gånger AB',
        orgNr: '5560000041',
        sniSection: 'C',
      });
      const once = await insertTestCompany(db, { name: 'En gång AB', orgNr: '5560000042', sniSection: 'C' });
      const slugs = ['kompetensforsorjning'];
      await reportOn(await visitIn(programme, twice, '2026-02-02T08:00:00Z', 'done'), slugs, 4, true);
      await reportOn(await visitIn(programme, twice, '2026-02-20T08:00:00Z', 'done'), slugs, 4, true);
      await reportOn(
        await visitIn(programme, once, '2026-03-02T08:00:00Z', 'done'),
        [...slugs, 'lokaler-mark'],
        4,
        true,
      );

      const q = 'programmeType=relay&programmeId=relay-twice';
      const r = (await viewer.get(`/api/reports/programme?${q}`)).json();
      const counts = (ts: Array<{ label: string; count: number }>) => ts.map((x) => `${x.label}:${x.count}`);
      assert.deepEqual(counts(r.topics), ['Kompetensförsörjning och rekrytering:2', 'Lokaler och mark:1']);
      assert.equal(r.topicsBySection.length, 1);
      assert.equal(r.topicsBySection[0].companies, 2);
      assert.deepEqual(counts(r.topicsBySection[0].topics), [
        'Kompetensförsörjning och rekrytering:2',
        'Lokaler och mark:1',
      ]);
      assert.equal(r.visits.done, 3);

      const sum = await summaryOf(q);
      assert.equal(sum.get('Kompetensförsörjning och rekrytering')?.getCell(2).value, 2);
      const perSection = [...sum.values()].find(
        (row) => row.getCell(1).value === '  Kompetensförsörjning och rekrytering',
      );
      assert.equal(perSection?.getCell(2).value, 2);

      const text = await pdfOf(q);
      assert.match(text.replace(/ ?\n/g, ' '), /kompetensförsörjning och rekrytering \(2\)/);
      assert.doesNotMatch(text, /Kompetensförsörjning och rekrytering\n3/);
      assert.match(text, /Kompetensförsörjning och rekrytering\n2/);
    });

    void test('an empty day exports just the header', () => {
      assert.equal(reportRowsToCsv([], 'csv').trim().split('\n').length, 1);
    });
  });
}
