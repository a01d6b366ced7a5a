import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import pg from 'pg';
import Database from 'better-sqlite3';
import type { Db } from '../../db/connect';
import { DIALECTS, createTestDb, type TestDb } from '../../../test/helpers/db';
import { BESOK_BIN, besokEnv } from '../../../test/helpers/cli';
import { luhnCheckDigit } from '../../core/orgnr';
import { importCompanies, RejectFileError, UnknownColumnsError } from './company-import.service';
import { finishInterruptedImport } from './company-import.repository';
import { indexWords } from '../../core/register/names';
import { findCompanyByOrgNr, insertCompanyRecord } from './company.repository';
import { insertTestCompany } from '../visits/visit.fixtures';
import { AppError } from '../../server/errors';

const HEADER =
  'Organisationsnummer;Företagsnamn;Juridisk form;SNI-kod;Storleksklass;Antal anställda;Postnummer;Latitud';

/** A valid org nr from nine digits. */
export const org = (nine: string) => nine + luhnCheckDigit(nine);

/** The i-th valid org nr of a series: its four digits, i in five, and the check digit. */
const orgAt = (series: string, i: number) => org(series + String(i).padStart(5, '0'));

/** Feeds the text in small chunks, to cross every boundary the reader must handle. */
function chunked(data: Buffer | string, size = 7): Readable {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

for (const dialect of DIALECTS) {
  describe(`company import (${dialect})`, () => {
    let t: TestDb;
    let dir: string;
    const now = new Date('2026-03-02T08:00:00Z');
    before(async () => {
      t = await createTestDb(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'besok-import-'));
    });
    after(async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });
    /** A register file of these lines (LF) in the test's folder, named for the test and dialect. */
    const registerFile = (name: string, lines: string[]) => {
      const file = path.join(dir, `${name}-${dialect}.csv`);
      writeFileSync(file, lines.join('\n') + '\n');
      return file;
    };

    test("a reject file the disk will not take is the machine's error, naming the file, not a file error", async () => {
      const file = registerFile('full-disk', [
        'Organisationsnummer;Företagsnamn',
        `${org('556000003')}0;Fel AB`,
      ]);
      await assert.rejects(
        importCompanies(t.db, { path: file }, { fileName: 'full.csv', rejectsPath: '/dev/full', now }),
        (err: unknown) =>
          err instanceof RejectFileError &&
          !(err instanceof AppError) &&
          /^Kan inte skriva filen med avvisade rader \(\/dev\/full\): .*ENOSPC/.test(err.message),
      );
    });

    test('creates, then a re-import changes nothing; later rows win; every record is counted', async () => {
      const a = org('556677889');
      const b = org('559000001');
      const c = org('556000002');
      const file = [
        HEADER,
        `${a.slice(0, 6)}-${a.slice(6)};Leksands Knäckebröd AB;Aktiebolag;10720;2;3;793 30;60,73`,
        `${b};"Ek; Söner & Co AB";Aktiebolag;1110;1-4;2;793 31;60.71`,
        `16${c};"Café
Åkern HB";Handelsbolag;56100;0;0;79332;`,
        `${a};Leksands Knäckebröd AB;Aktiebolag;10720;3;7;793 30;60,73`,
        `5566778898;Fel Kontrollsiffra AB;Aktiebolag;;;;;`,
        `${org('556000003')};;Aktiebolag;;;;;`,
        '',
      ].join('\r\n');
      const rejectsPath = path.join(dir, 'a.rejects.csv');
      const first = await importCompanies(t.db, chunked(file), { fileName: 'a.csv', rejectsPath, now });
      assert.deepEqual(
        { ...first, rejectFile: undefined },
        {
          read: 6,
          created: 3,
          updated: 1,
          unchanged: 0,
          rejected: 2,
          rejectFile: undefined,
          encoding: 'utf-8',
          otherKommuner: [],
        },
      );
      const stored = await findCompanyByOrgNr(t.db.kysely, a);
      assert.equal(stored?.employees, 7, 'the later row won');
      assert.equal(stored?.size_class, 3);
      assert.equal(stored?.postal_code, '79330');
      assert.equal(stored?.lat, 60.73);
      const ek = await findCompanyByOrgNr(t.db.kysely, b);
      assert.equal(ek?.name, 'Ek; Söner & Co AB');
      assert.equal(ek?.sni_code, '01110');
      assert.equal(ek?.sni_section, 'A');
      assert.equal(ek?.size_class, 2);
      const cafe = await findCompanyByOrgNr(t.db.kysely, c);
      assert.equal(cafe?.name, 'Café Åkern HB');
      assert.equal(cafe?.size_class, 1, '"0" with no employees is the class for 0 employees');

      const again = await importCompanies(t.db, chunked(file, 1000), { fileName: 'a.csv', rejectsPath, now });
      assert.deepEqual(
        {
          created: again.created,
          updated: again.updated,
          unchanged: again.unchanged,
          rejected: again.rejected,
        },
        { created: 0, updated: 0, unchanged: 4, rejected: 2 },
      );
      const after2 = await findCompanyByOrgNr(t.db.kysely, a);
      assert.equal(after2?.updated_at, stored?.updated_at, 'nothing was rewritten');
    });

    test('the reject file keeps the input format, gives line and reason, and can be fixed and imported', async () => {
      const good = org('559100001');
      const file = [
        'Org.nr;Namn;Adress',
        `5566778898;"Fel ""Citat"" AB";"c/o X`,
        `Gatan 1"`,
        `${good};;Vägen 2`,
        '',
      ].join('\n');
      const rejectsPath = path.join(dir, 'b.rejects.csv');
      const s = await importCompanies(t.db, Readable.from([file]), { fileName: 'b.csv', rejectsPath, now });
      assert.equal(s.rejected, 2);
      assert.equal(s.rejectFile, rejectsPath);
      const text = readFileSync(rejectsPath, 'utf8');
      const lines = text.split('\n');
      assert.equal(lines[0], 'Org.nr;Namn;Adress;Avvisad: orsak;Avvisad: rad');
      assert.match(
        text,
        /"Fel ""Citat"" AB";"c\/o X\nGatan 1";"Organisationsnummer: ""5566778898"" har fel kontrollsiffra";2\n/,
      );
      assert.match(text, new RegExp(`${good};;Vägen 2;Företagsnamn saknas;4\\n`));

      // The user fixes the two rows in the reject file and imports it as it is.
      const fixed = text.replace('5566778898', org('556677889')).replace(`${good};;`, `${good};Rättad AB;`);
      const s2 = await importCompanies(t.db, Readable.from([fixed]), {
        fileName: 'b.rejects.csv',
        rejectsPath: path.join(dir, 'b2.rejects.csv'),
        now,
      });
      assert.equal(s2.rejected, 0);
      assert.equal(s2.rejectFile, null);
      assert.equal((await findCompanyByOrgNr(t.db.kysely, good))?.name, 'Rättad AB');
    });

    test('reads Windows-1252 and writes its rejects in Windows-1252', async () => {
      const o = org('559200001');
      const text = `Organisationsnummer;Företagsnamn;Postort\r\n${o};Företaget Åkesson AB;Trollhättan\r\n5566778898;Öl AB;Växjö\r\n`;
      const bytes = iconv.encode(text, 'win1252');
      const rejectsPath = path.join(dir, 'c.rejects.csv');
      const s = await importCompanies(t.db, chunked(bytes, 5), { fileName: 'c.csv', rejectsPath, now });
      assert.equal(s.encoding, 'windows-1252');
      assert.equal(s.created, 1);
      assert.equal((await findCompanyByOrgNr(t.db.kysely, o))?.name, 'Företaget Åkesson AB');
      const rej = readFileSync(rejectsPath);
      assert.ok(rej.includes(Buffer.from([0xd6, 0x6c])), '"Öl" in cp1252 bytes');
      assert.match(
        iconv.decode(rej, 'win1252'),
        /^Organisationsnummer;Företagsnamn;Postort;Avvisad: orsak;Avvisad: rad\r\n/,
      );
    });

    test('a record with a broken quote goes back to the reject file as read: rejected again as it is, imported once mended', async () => {
      const ok = org('559910001');
      const noName = org('559910002');
      const citat = org('559910003');
      const bra = org('559910004');
      const file = registerFile('broken-quote', [
        'Organisationsnummer;Företagsnamn;SNI-kod;Storleksklass',
        `${ok};Hel AB;46130;1`,
        `${noName};;46130;1`,
        // A quote never closed: it swallows the next line (and the rest of the file).
        `${citat};"Citat AB;46130;3`,
        `${bra};Bra AB;46130;2`,
      ]);
      const rejectsPath = path.join(dir, `broken-quote-${dialect}.rejects.csv`);
      const s = await importCompanies(t.db, { path: file }, { fileName: 'bq.csv', rejectsPath, now });
      assert.deepEqual([s.read, s.created, s.rejected], [3, 1, 2]);
      const text = readFileSync(rejectsPath, 'utf8');
      // The ordinary reject as fields; the broken record under a note with its reason, as it was read.
      assert.match(text, new RegExp(`^${noName};;46130;1;Företagsnamn saknas;3$`, 'm'));
      assert.ok(
        text.endsWith(
          `;;;;"Raden har ett citattecken ("") som aldrig avslutas, så resten av filen lästes in som en del av raden";4\n` +
            `${citat};"Citat AB;46130;3\n${bra};Bra AB;46130;2\n`,
        ),
        text,
      );

      // Imported again as it is: the same records rejected for the same reasons, nothing created.
      const again = path.join(dir, `broken-quote-${dialect}.again.rejects.csv`);
      const s2 = await importCompanies(
        t.db,
        { path: rejectsPath },
        { fileName: 'bq.rejects.csv', rejectsPath: again, now },
      );
      assert.deepEqual([s2.read, s2.created, s2.updated, s2.unchanged, s2.rejected], [2, 0, 0, 0, 2]);
      assert.equal(await findCompanyByOrgNr(t.db.kysely, citat), undefined);
      assert.equal(await findCompanyByOrgNr(t.db.kysely, bra), undefined);
      const text2 = readFileSync(again, 'utf8');
      assert.match(text2, /;Företagsnamn saknas;2\n/);
      assert.ok(text2.endsWith(text.slice(text.indexOf(';;;;"Raden har ett citattecken'))), text2);

      // Mended (the quote taken away, the name filled in), the reject file imports as it is.
      const mended = path.join(dir, `broken-quote-${dialect}.mended.csv`);
      writeFileSync(
        mended,
        text.replace(`;"Citat AB`, ';Citat AB').replace(`${noName};;`, `${noName};Namn AB;`),
      );
      const s3 = await importCompanies(
        t.db,
        { path: mended },
        { fileName: 'mended.csv', rejectsPath: path.join(dir, `bq-${dialect}.none.csv`), now },
      );
      assert.deepEqual([s3.read, s3.created, s3.rejected, s3.rejectFile], [3, 3, 0, null]);
      assert.equal((await findCompanyByOrgNr(t.db.kysely, citat))?.name, 'Citat AB');
      const b = await findCompanyByOrgNr(t.db.kysely, bra);
      assert.deepEqual([b?.name, b?.sni_code, b?.size_class], ['Bra AB', '46130', 2]);
      assert.equal((await findCompanyByOrgNr(t.db.kysely, noName))?.name, 'Namn AB');
    });

    test('a row split in two by a line break outside quotes is rejected, both parts, and the company stored stays as it was', async () => {
      const a = org('559910031');
      const b = org('559910032');
      const head = 'Organisationsnummer;Företagsnamn;SNI-kod;Storleksklass;Postort';
      const first = registerFile('split-first', [
        head,
        `${a};Delad AB;46130;3;Leksand`,
        `${b};Hel AB;46130;1;Rättvik`,
      ]);
      await importCompanies(
        t.db,
        { path: first },
        { fileName: 'split1.csv', rejectsPath: path.join(dir, `split1-${dialect}.csv`), now },
      );
      const file = registerFile('split', [
        head,
        `${a};Delad AB;47110`,
        `2;Mora`,
        `${b};Hel AB;46130;1;Rättvik`,
      ]);
      const rejectsPath = path.join(dir, `split-${dialect}.rejects.csv`);
      const s = await importCompanies(t.db, { path: file }, { fileName: 'split.csv', rejectsPath, now });
      assert.deepEqual([s.read, s.updated, s.unchanged, s.rejected], [3, 0, 1, 2]);
      const c = await findCompanyByOrgNr(t.db.kysely, a);
      assert.deepEqual([c?.sni_code, c?.size_class, c?.postal_town], ['46130', 3, 'Leksand']);
      const why = (n: number) =>
        `"Raden har ${n} värden men rubrikraden har 5 kolumner; troligen har en radbrytning delat raden i två, eller saknas avgränsningstecken. Rätta raden så att den har 5 värden (tomma värden går bra)"`;
      // Both parts, padded to the columns, with the reason and their line: mended, the file imports.
      assert.ok(
        readFileSync(rejectsPath, 'utf8').endsWith(
          `${a};Delad AB;47110;;;${why(3)};2\n2;Mora;;;;${why(2)};3\n`,
        ),
      );
    });

    test('in a file that is no reject file, a row with only an unknown column filled in is a record, rejected and counted', async () => {
      const ok = org('559910021');
      const file = registerFile('unknown-column', [
        'Organisationsnummer;Företagsnamn;Kommentar',
        `${ok};Hel AB;`,
        ';;bara en kommentar',
      ]);
      const rejectsPath = path.join(dir, `unknown-column-${dialect}.rejects.csv`);
      const s = await importCompanies(t.db, { path: file }, { fileName: 'uc.csv', rejectsPath, now });
      assert.deepEqual([s.read, s.created, s.rejected], [2, 1, 1]);
      assert.match(readFileSync(rejectsPath, 'utf8'), /^;;bara en kommentar;[^;]+;3$/m);
    });

    test("a broken quote's values cannot pass as the reject file's own columns; its CRLF line ends are kept", async () => {
      const fel = org('559910011');
      const bra = org('559910012');
      // The quote is closed on the next line, before a separator: four values for two columns —
      // as many as the reject file has columns.
      const file = path.join(dir, `overfull-${dialect}.csv`);
      writeFileSync(file, `Organisationsnummer;Företagsnamn\r\n${fel};"Fel AB\r\n${bra};Bra AB";x;y\r\n`);
      const rejectsPath = path.join(dir, `overfull-${dialect}.rejects.csv`);
      const s = await importCompanies(t.db, { path: file }, { fileName: 'of.csv', rejectsPath, now });
      assert.deepEqual([s.read, s.rejected], [1, 1]);
      const text = readFileSync(rejectsPath, 'utf8');
      assert.ok(
        text.startsWith(
          'Organisationsnummer;Företagsnamn;Avvisad: orsak;Avvisad: rad\r\n;;"Raden har 4 värden',
        ),
        text,
      );
      assert.ok(text.endsWith(`;2\r\n${fel};"Fel AB\r\n${bra};Bra AB";x;y\r\n`), text);
      const again = path.join(dir, `overfull-${dialect}.again.rejects.csv`);
      const s2 = await importCompanies(
        t.db,
        { path: rejectsPath },
        { fileName: 'of.rejects.csv', rejectsPath: again, now },
      );
      assert.deepEqual([s2.read, s2.created, s2.rejected], [1, 0, 1]);
      assert.equal(await findCompanyByOrgNr(t.db.kysely, fel), undefined);
      assert.equal(readFileSync(again, 'utf8'), text.replace(/;2\r\n/, ';3\r\n'));
    });

    test('a Windows-1252 file whose first 256 KB are ASCII gets a reject file in Windows-1252 alone, which imports once fixed', async () => {
      const noName = org('559910021');
      const bad = '5566778898'; // a wrong check digit
      const lines = ['PeOrgNr;Firma;Anteckning', `${noName};;`];
      // More than the reader's first 256 KB chunk of ASCII before the first Windows-1252 letter, and
      // more than a batch of records (2 000) in it: the first batch is handed over undecided.
      for (let i = 0; i < 3000; i++) lines.push(`${orgAt('5581', i)};Fyllnad ${i} AB;${'x'.repeat(60)}`);
      lines.push(`${bad};Åkeri Östra AB;`);
      const file = path.join(dir, `late-cp1252-${dialect}.csv`);
      writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'win1252'));
      const rejectsPath = path.join(dir, `late-cp1252-${dialect}.rejects.csv`);
      const s = await importCompanies(t.db, { path: file }, { fileName: 'scb.csv', rejectsPath, now });
      assert.equal(s.encoding, 'windows-1252');
      assert.deepEqual([s.read, s.created + s.updated + s.unchanged, s.rejected], [3002, 3000, 2]);
      const bytes = readFileSync(rejectsPath);
      assert.ok(!bytes.includes(Buffer.from('ö', 'utf8')), 'no UTF-8 "ö" in a Windows-1252 file');
      const text = iconv.decode(bytes, 'win1252');
      assert.match(text, /^PeOrgNr;Firma;Anteckning;Avvisad: orsak;Avvisad: rad\r\n/);
      assert.match(text, new RegExp(`\\r\\n${noName};;;Företagsnamn saknas;2\\r\\n`));
      assert.match(text, /\r\n5566778898;Åkeri Östra AB;;.*kontrollsiffra.*;3003\r\n$/);

      const fixed = path.join(dir, `late-cp1252-${dialect}.fixed.csv`);
      writeFileSync(
        fixed,
        iconv.encode(
          text.replace(`${noName};;`, `${noName};Namn AB;`).replace(bad, org('559910022')),
          'win1252',
        ),
      );
      const s2 = await importCompanies(t.db, { path: fixed }, { fileName: 'fixed.csv', now });
      assert.deepEqual([s2.encoding, s2.read, s2.rejected], ['windows-1252', 2, 0]);
      assert.equal((await findCompanyByOrgNr(t.db.kysely, org('559910022')))?.name, 'Åkeri Östra AB');
      assert.equal((await findCompanyByOrgNr(t.db.kysely, noName))?.name, 'Namn AB');
    });

    test('reads UTF-8 with a BOM, tab- and comma-separated files', async () => {
      const o1 = org('559300001');
      const o2 = org('559300002');
      const bom = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`OrgNr\tFirma\n${o1}\tBOM Åkeri AB\n`),
      ]);
      const s1 = await importCompanies(t.db, chunked(bom, 2), { fileName: 'd.csv', now });
      assert.equal(s1.encoding, 'utf-8-bom');
      assert.equal((await findCompanyByOrgNr(t.db.kysely, o1))?.name, 'BOM Åkeri AB');
      const s2 = await importCompanies(
        t.db,
        Readable.from([`PeOrgNr,Företagsnamn,Latitud\n${o2},"Komma, AB","58,1"\n`]),
        {
          fileName: 'e.csv',
          now,
        },
      );
      assert.equal(s2.created, 1);
      assert.equal((await findCompanyByOrgNr(t.db.kysely, o2))?.lat, 58.1);
    });

    test('an unknown layout is refused with the columns found and needed; --map reads it', async () => {
      const file = `Bolag;Nummer\nMapp AB;${org('559400001')}\n`;
      await assert.rejects(
        importCompanies(t.db, Readable.from([file]), { fileName: 'f.csv', now }),
        (err: unknown) =>
          err instanceof UnknownColumnsError &&
          /Hittade kolumner: "Bolag", "Nummer"/.test(err.message) &&
          /Organisationsnummer/.test(err.message),
      );
      const s = await importCompanies(t.db, Readable.from([file]), {
        fileName: 'f.csv',
        now,
        map: 'Bolag=name,Nummer=Organisationsnummer',
      });
      assert.equal(s.created, 1);
    });

    test('small batches: a company twice in the file, in different batches, is still idempotent', async () => {
      const rows = Array.from({ length: 57 }, (_, i) => `${orgAt('5595', i)};Chunk ${i} AB`);
      const file = [
        'Organisationsnummer;Företagsnamn',
        ...rows,
        rows[3]!.replace('Chunk 3', 'Chunk tre'),
      ].join('\n');
      const s = await importCompanies(t.db, Readable.from([file]), { fileName: 'g.csv', now, batchSize: 10 });
      assert.deepEqual([s.read, s.created, s.updated, s.unchanged], [58, 57, 1, 0]);
      assert.equal((await findCompanyByOrgNr(t.db.kysely, org('559500003')))?.name, 'Chunk tre AB');
      const s2 = await importCompanies(t.db, Readable.from([file]), { fileName: 'g.csv', now, batchSize: 7 });
      assert.deepEqual([s2.created, s2.updated, s2.unchanged], [0, 0, 58]);
    });
    test('a file path is parsed in a worker thread: the same result, rejects, and refusals', async () => {
      const rows = Array.from({ length: 4500 }, (_, i) => `${orgAt('5598', i)};Tråd ${i} AB;3`);
      const lines = [
        'Organisationsnummer;Företagsnamn;Antal anställda',
        ...rows.slice(0, 3000),
        `5598000001;Fel Kontrollsiffra AB;1`,
        rows[10]!.replace(';3', ';4'),
        ...rows.slice(3000),
      ];
      const file = path.join(dir, 'worker.csv');
      writeFileSync(file, '\ufeff' + lines.join('\r\n') + '\r\n');
      const rejectsPath = path.join(dir, 'worker.rejects.csv');
      const fresh = await createTestDb(dialect);
      try {
        // Into the empty register (a first load, parsed in the worker): columns it cannot read are
        // the refusal that mapping them fixes, across the thread too.
        const bad = path.join(dir, 'bad.csv');
        writeFileSync(bad, 'Kolumn A;Kolumn B\n1;2\n');
        await assert.rejects(
          importCompanies(fresh.db, { path: bad }, { fileName: 'bad.csv', now }),
          (err: unknown) => err instanceof UnknownColumnsError && /Kolumn A/.test(err.message),
        );
        const viaWorker = await importCompanies(
          fresh.db,
          { path: file },
          { fileName: 'worker.csv', rejectsPath, now },
        );
        assert.deepEqual(
          { ...viaWorker, rejectFile: undefined },
          {
            read: 4502,
            created: 4500,
            updated: 1,
            unchanged: 0,
            rejected: 1,
            rejectFile: undefined,
            encoding: 'utf-8-bom',
            otherKommuner: [],
          },
        );
        assert.match(
          readFileSync(rejectsPath, 'utf8'),
          /Fel Kontrollsiffra AB;1;.*kontrollsiffra.*;3002\r\n/i,
        );
        assert.equal((await findCompanyByOrgNr(fresh.db.kysely, org('559800010')))?.employees, 4);
        const again = await importCompanies(fresh.db, chunked(readFileSync(file), 65536), {
          fileName: 'worker.csv',
          now,
        });
        assert.deepEqual([again.read, again.created, again.updated, again.unchanged], [4502, 0, 0, 4501]);
      } finally {
        await fresh.cleanup();
      }
      await assert.rejects(
        importCompanies(t.db, { path: path.join(dir, 'bad.csv') }, { fileName: 'bad.csv', now }),
        (err: unknown) => err instanceof UnknownColumnsError && /Kolumn A/.test(err.message),
      );
      await assert.rejects(
        importCompanies(t.db, { path: path.join(dir, 'finns-inte.csv') }, { fileName: 'x.csv', now }),
        (err: unknown) => (err as { code?: string }).code === 'ENOENT',
      );
    });
    test("a first load that renames a company in a later batch keeps only the new name's words", async () => {
      const o = org('559710001');
      const file = [
        'Organisationsnummer;Företagsnamn',
        `${o};Gamla Namnet Snickeri AB`,
        ...Array.from(
          { length: 6 },
          (_, i) => `${org(`5597100${String(i + 10).padStart(2, '0')}`)};Fyll ${i} AB`,
        ),
        `${o};Nya Kanalbageriet AB`,
      ].join('\n');
      const fresh = await createTestDb(dialect);
      try {
        const s = await importCompanies(fresh.db, Readable.from([file]), {
          fileName: 'n.csv',
          now,
          batchSize: 3,
        });
        assert.deepEqual([s.created, s.updated], [7, 1]);
        assert.deepEqual(await storedWords(fresh.db, o), indexWords('Nya Kanalbageriet AB').sort());
      } finally {
        await fresh.cleanup();
      }
    });
    test('a company added by hand while a first load runs keeps its words; the loaded ones get theirs', async () => {
      const hand = org('559720001');
      const odd = org('559720002');
      const fresh = await createTestDb(dialect);
      const before = await indexNames(fresh.db);
      const rows = (from: number) =>
        Array.from(
          { length: 6 },
          (_, i) => `${org(`5597200${String(from + i).padStart(2, '0')}`)};Lasta ${from + i} Åkeri AB\n`,
        );
      let duringLoad = false;
      async function* source() {
        yield 'Organisationsnummer;Företagsnamn\n' + rows(10).join('');
        // The first batches are written: the load is under way (its dropped indexes recorded).
        duringLoad = (await rowCount(fresh.db, 'import_pending_index')) > 0;
        // And one whose search text was written some other way (a test fixture's), with a quote,
        // a backslash and a tab in it: the load is finished all the same.
        await insertTestCompany(fresh.db.kysely, {
          name: '=HYPERLINK("http://x") c:\\temp\tflik',
          orgNr: odd,
        });
        await insertCompanyRecord(
          fresh.db.kysely,
          { id: 'hand-1', orgNr: hand, name: 'Handlagda Smedjan HB', personal: false, verified: false },
          now,
        );
        yield rows(20).join('');
      }
      try {
        const s = await importCompanies(fresh.db, source(), { fileName: 'h.csv', now, batchSize: 3 });
        assert.ok(duringLoad, 'the company was added while the first load ran');
        assert.deepEqual([s.read, s.created], [12, 12]);
        assert.deepEqual(await storedWords(fresh.db, hand), ['handlagda', 'smedjan']);
        // Sorted here: PostgreSQL's collation may put "åkeri" before "lasta".
        assert.deepEqual((await storedWords(fresh.db, org('559720021'))).sort(), ['21', 'lasta', 'åkeri']);
        assert.deepEqual(await indexNames(fresh.db), before, 'every index built');
        assert.equal(await rowCount(fresh.db, 'import_pending_index'), 0);
        // The fixture writes no words; SQLite's first load builds every company's from its search text.
        if (dialect === 'sqlite')
          assert.deepEqual(await storedWords(fresh.db, odd), ['=hyperlink("http://x")', 'c:\\temp', 'flik']);
      } finally {
        await fresh.cleanup();
      }
    });
    test('a first load stores a backslash as it is, a line break inside a field as a space, and leaves every index in place', async () => {
      const o = org('559720001');
      const address = 'Kanalgatan 1\nBox 12\tPlan 3';
      const name = 'Back\\slash & Söner AB';
      const file = `Organisationsnummer;Företagsnamn;Besöksadress\n${o};"${name}";"${address}"\n`;
      const fresh = await createTestDb(dialect);
      try {
        const before = await indexNames(fresh.db);
        const s = await importCompanies(fresh.db, Readable.from([file]), { fileName: 'e.csv', now });
        assert.equal(s.created, 1);
        const row = await fresh.db.kysely
          .selectFrom('company')
          .select(['name', 'visit_address'])
          .where('org_nr', '=', o)
          .executeTakeFirstOrThrow();
        assert.deepEqual(row, { name, visit_address: 'Kanalgatan 1 Box 12 Plan 3' });
        assert.deepEqual(await storedWords(fresh.db, o), indexWords(name).sort());
        // The first load drops the secondary indexes (and on PostgreSQL the word key) and builds
        // them again: all of them are back, under the same names.
        assert.deepEqual(await indexNames(fresh.db), before);
      } finally {
        await fresh.cleanup();
      }
    });
    // The grouped commits are SQLite's alone (on PostgreSQL `soleUser` changes nothing).
    test(
      'a first load with the database to itself (the CLI) commits every few batches and stores the same register',
      {
        skip: dialect !== 'sqlite',
      },
      async () => {
        // 26 000 companies; every 10th row is a later row for the company 15 rows back, which wins,
        // so whatever the batch and commit sizes, some company's two rows lie on either side of
        // every batch cut and every commit.
        const lines = ['Organisationsnummer;Företagsnamn;Antal anställda'];
        for (let i = 0; i < 26000; i++) {
          lines.push(`${orgAt('5597', i)};Ord${i} Verkstad AB;${i % 50}`);
          if (i % 10 === 9 && i >= 15) lines.push(`${orgAt('5597', i - 15)};Omdöpt${i} AB;7`);
        }
        const file = registerFile('group', lines);
        const run = async (soleUser: boolean) => {
          const fresh = await createTestDb(dialect);
          // What another connection sees while the import runs: the companies committed so far.
          const seen: number[] = [];
          const other = new Database(fresh.url, { readonly: true });
          try {
            const summary = await importCompanies(
              fresh.db,
              { path: file },
              {
                fileName: 'group.csv',
                rejectsPath: path.join(dir, 'group.rejects.csv'),
                now,
                soleUser,
                batchSize: 4000, // written 4 000 records at a time
                onProgress: (p) => {
                  if (p.phase === 'reading')
                    seen.push((other.prepare('SELECT count(*) AS n FROM company').get() as { n: number }).n);
                },
              },
            );
            const db = fresh.db.kysely;
            return {
              summary,
              seen,
              companies: await db
                .selectFrom('company')
                .select(['org_nr', 'name', 'employees', 'name_search'])
                .orderBy('org_nr')
                .execute(),
              words: (
                await db
                  .selectFrom('company_word')
                  .select(['word', 'org_nr'])
                  .orderBy('word')
                  .orderBy('org_nr')
                  .execute()
              ).map((w) => `${w.word} ${w.org_nr}`),
              indexes: await indexNames(fresh.db),
            };
          } finally {
            other.close();
            await fresh.cleanup();
          }
        };
        const sole = await run(true);
        const shared = await run(false);
        assert.deepEqual(
          { ...sole.summary, rejectFile: null },
          {
            read: 28599,
            created: 26000,
            updated: 2599,
            unchanged: 0,
            rejected: 0,
            rejectFile: null,
            encoding: 'utf-8',
            otherKommuner: [],
          },
        );
        assert.deepEqual(sole.summary, shared.summary);
        assert.equal(sole.companies.length, 26000);
        assert.deepEqual(sole.companies, shared.companies);
        assert.equal(sole.companies.find((c) => c.org_nr === org('559700004'))?.name, 'Omdöpt19 AB');
        assert.deepEqual(sole.words, shared.words);
        assert.deepEqual(sole.indexes, shared.indexes);
        // Committed a batch at a time when sharing the handle; with it to itself, once 20 000
        // companies are written since the last commit.
        assert.ok(
          shared.seen.some((n) => n > 0 && n < 20000),
          `shared: ${shared.seen.join(' ')}`,
        );
        assert.ok(
          sole.seen.every((n) => n === 0 || n >= 20000),
          `sole: ${sole.seen.join(' ')}`,
        );
        assert.ok(
          sole.seen.some((n) => n >= 20000),
          `sole: ${sole.seen.join(' ')}`,
        );
      },
    );
    test(
      'a batch that fails inside a group of the CLI leaves the batches before it saved and the indexes whole',
      {
        skip: dialect !== 'sqlite',
      },
      async () => {
        const lines = ['Organisationsnummer;Företagsnamn'];
        for (let i = 0; i < 12000; i++) lines.push(`${orgAt('5596', i)};Grupp${i} AB`);
        const file = registerFile('group-fail', lines);
        const fresh = await createTestDb(dialect);
        try {
          const before = await indexNames(fresh.db);
          // The 9 001st company (in the third write of 4 000: the parser hands over 2 000 at a time,
          // PARSE_BATCH) cannot be written.
          await sql
            .raw(
              `CREATE TRIGGER refuse_one BEFORE INSERT ON company WHEN NEW.org_nr = '${org('559609000')}'
             BEGIN SELECT RAISE(ABORT, 'vägrad i testet'); END`,
            )
            .execute(fresh.db.kysely);
          await assert.rejects(
            importCompanies(
              fresh.db,
              { path: file },
              {
                fileName: 'fail.csv',
                rejectsPath: path.join(dir, 'fail.rejects.csv'),
                now,
                soleUser: true,
                batchSize: 4000,
              },
            ),
            /vägrad i testet/,
          );
          const stored = await fresh.db.kysely
            .selectFrom('company')
            .select('org_nr')
            .orderBy('org_nr')
            .execute();
          assert.deepEqual(
            stored.map((r) => r.org_nr),
            Array.from({ length: 8000 }, (_, i) => orgAt('5596', i)),
            'the two batches before the failing one, uncommitted when it failed, are saved',
          );
          assert.deepEqual(await storedWords(fresh.db, org('559607999')), indexWords('Grupp7999 AB').sort());
          assert.deepEqual(await indexNames(fresh.db), before);
          assert.equal(await rowCount(fresh.db, 'import_pending_index'), 0);
          assert.equal(await rowCount(fresh.db, 'company_word_load'), 0);
        } finally {
          await fresh.cleanup();
        }
      },
    );
    // SQLite's alone: on PostgreSQL every write waits on the network, which turns the loop anyway.
    test(
      'the event loop runs between batches of a first load (a Ctrl-C is seen, a server answers meanwhile)',
      {
        skip: dialect !== 'sqlite',
      },
      async () => {
        const lines = ['Organisationsnummer;Företagsnamn'];
        for (let i = 0; i < 60000; i++) lines.push(`${orgAt('5595', i)};Takt${i} AB`);
        const file = registerFile('loop', lines);
        const fresh = await createTestDb(dialect);
        let ticks = 0;
        const timer = setInterval(() => ticks++, 1);
        try {
          // The timer's count at each batch handed over by the parsing thread.
          const atBatch: number[] = [];
          await importCompanies(
            fresh.db,
            { path: file },
            {
              fileName: 'loop.csv',
              rejectsPath: path.join(dir, 'loop.rejects.csv'),
              now,
              soleUser: true,
              onProgress: (p) => {
                if (p.phase === 'reading') atBatch.push(ticks);
              },
            },
          );
          assert.ok(atBatch.length >= 30, `${atBatch.length} batches`);
          // In every three batches one is written (6 000 records a write, 2 000 a batch), and the timer
          // runs: the import gives the event loop a turn rather than taking batch after batch from the
          // parsing thread.
          const quiet: number[] = [];
          for (let i = 0; i + 3 < atBatch.length; i += 3) if (atBatch[i + 3] === atBatch[i]) quiet.push(i);
          assert.deepEqual(quiet, [], `timer count at each batch: ${atBatch.join(' ')}`);
        } finally {
          clearInterval(timer);
          await fresh.cleanup();
        }
      },
    );
    test('a first load killed half way is finished by the next import: every index back, every company found by name', async () => {
      const n = 100000; // far more than is written before the kill, on a fast machine or a busy one
      const lines = ['Organisationsnummer;Företagsnamn;Postnummer'];
      for (let i = 0; i < n; i++) lines.push(`${orgAt('5598', i)};Ord${i} Snickeri AB;${79000 + (i % 300)}`);
      const file = registerFile('kill', lines);
      const fresh = await createTestDb(dialect);
      try {
        const before = await indexNames(fresh.db);
        const companies = () => rowCount(fresh.db, 'company');
        // The CLI, killed (SIGKILL: no finally runs) as soon as its first rows are committed (a group of four batches).
        const child = spawn(
          process.execPath,
          [BESOK_BIN, 'import', 'companies', file, '--db', fresh.url, '--json'],
          {
            cwd: dir,
            stdio: 'ignore',
            env: besokEnv({ PGAPPNAME: 'besok-killed-import' }),
          },
        );
        const exited = new Promise((resolve) => child.once('exit', resolve));
        let written = 0;
        while (written === 0 && child.exitCode === null) {
          await new Promise((r) => setTimeout(r, 10));
          written = await companies();
        }
        child.kill('SIGKILL');
        await exited;
        if (dialect === 'postgres') {
          // A COMMIT the child sent just before it died may still be applied: count once its
          // connection is gone.
          let gone = false;
          for (const end = Date.now() + 30_000; !gone && Date.now() < end;) {
            const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE application_name = 'besok-killed-import'`.execute(fresh.db.kysely);
            gone = rows[0]!.n === 0;
            if (!gone) await new Promise((r) => setTimeout(r, 20));
          }
          assert.ok(gone, "the killed import's connection is still open after 30 s");
        }
        written = await companies();
        assert.ok(written > 0 && written < n, `the import was stopped half way (${written} of ${n} written)`);
        // What it left: indexes missing, and the written companies' words not yet built (SQLite) or
        // staged (PostgreSQL, for a company written twice; there are none here).
        assert.notDeepEqual(await indexNames(fresh.db), before);
        if (dialect === 'sqlite') assert.equal(await rowCount(fresh.db, 'company_word'), 0);

        // What the server does when it starts; every import does the same first.
        assert.equal(await finishInterruptedImport(fresh.db), true);
        assert.deepEqual(await indexNames(fresh.db), before);
        assert.equal(await finishInterruptedImport(fresh.db), false, 'nothing left to finish');
        const s = await importCompanies(fresh.db, { path: file }, { fileName: 'kill.csv', now });
        assert.deepEqual([s.read, s.created, s.unchanged], [n, n - written, written]);
        assert.deepEqual(await indexNames(fresh.db), before);
        const orphans = await fresh.db.kysely
          .selectFrom('company as c')
          .select('c.org_nr')
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('company_word as w').select('w.org_nr').whereRef('w.org_nr', '=', 'c.org_nr'),
              ),
            ),
          )
          .execute();
        assert.deepEqual(orphans, [], 'every company has its name words');
        assert.deepEqual(await storedWords(fresh.db, org('559800007')), ['ord7', 'snickeri']);
      } finally {
        await fresh.cleanup();
      }
    });
    test('one import at a time: a second is refused with CONFLICT while the first holds the register', async () => {
      const file = `Organisationsnummer;Företagsnamn\n${org('559730001')};Samtidig AB\n`;
      const fresh = await createTestDb(dialect);
      // The first import, as another process holds it: a lock file with a live pid, or the advisory lock.
      let holder: pg.Client | null = null;
      const lockFile = `${fresh.db.location}.import-lock`;
      if (dialect === 'sqlite') writeFileSync(lockFile, String(process.pid));
      else {
        holder = new pg.Client({ connectionString: fresh.url });
        await holder.connect();
        await holder.query('SELECT pg_advisory_lock($1)', [0x6265736f6b]);
      }
      try {
        await assert.rejects(
          importCompanies(fresh.db, Readable.from([file]), { fileName: 's.csv', now }),
          (err: unknown) =>
            err instanceof AppError && err.code === 'CONFLICT' && /En annan import/.test(err.message),
        );
        assert.equal(
          await finishInterruptedImport(fresh.db),
          false,
          'a running import is not finished by another',
        );
        if (dialect === 'sqlite') {
          // A lock left by a process that no longer runs is taken over.
          const gone = spawnSync(process.execPath, ['-e', '']).pid!;
          writeFileSync(lockFile, String(gone));
        } else await holder!.end();
        holder = null;
        const s = await importCompanies(fresh.db, Readable.from([file]), { fileName: 's.csv', now });
        assert.equal(s.created, 1);
        if (dialect === 'sqlite') assert.equal(existsSync(lockFile), false, 'the lock is released');
      } finally {
        await holder?.end();
        await fresh.cleanup();
      }
    });
    test('the counts do not depend on where batches are cut', async () => {
      const x = org('559700001');
      const y = org('559700002');
      const file = [
        'Organisationsnummer;Företagsnamn;Antal anställda',
        `${x};Lika Två Gånger AB;3`,
        `${x};Lika Två Gånger AB;3`,
        `${org('559700003')};Mellan AB;1`,
        `${y};Ändrad AB;1`,
        `${y};Ändrad AB;2`,
      ].join('\n');
      const seen: number[][] = [];
      for (const batchSize of [1, 2, 3, 50]) {
        const fresh = await createTestDb(dialect);
        try {
          const s = await importCompanies(fresh.db, Readable.from([file]), {
            fileName: 'b.csv',
            now,
            batchSize,
          });
          seen.push([batchSize, s.read, s.created, s.updated, s.unchanged]);
          assert.equal((await findCompanyByOrgNr(fresh.db.kysely, y))?.employees, 2);
        } finally {
          await fresh.cleanup();
        }
      }
      // x: created, then unchanged; y: created, then updated.
      assert.deepEqual(seen, [
        [1, 5, 3, 1, 1],
        [2, 5, 3, 1, 1],
        [3, 5, 3, 1, 1],
        [50, 5, 3, 1, 1],
      ]);
    });
    test("a file without some of the register's columns keeps what is stored in them", async () => {
      const [a, b] = [org('559700001'), org('559700002')];
      const full = await importCompanies(
        t.db,
        Readable.from([
          [
            'Organisationsnummer;Företagsnamn;Juridisk form;SNI-kod;Antal anställda;Besöksadress;Postnummer;Postort;Latitud;Longitud;E-post;Telefon',
            `${a};Smedja AB;Aktiebolag;25620;7;Storgatan 1;793 30;Leksand;60,73;14,99;info@smedja.se;0247-100`,
            `${b};Bageri AB;Aktiebolag;10710;3;Torget 2;793 31;Leksand;60,74;15,01;;0247-200`,
          ].join('\n'),
        ]),
        { fileName: 'full.csv', now },
      );
      assert.deepEqual([full.created, full.updated], [2, 0]);
      const partial = (lines: string[]) =>
        importCompanies(t.db, Readable.from([lines.join('\n')]), {
          fileName: 'partial.csv',
          now: new Date('2026-03-04T08:00:00Z'),
        });
      // Name and phone only: a new phone for one, an emptied phone for the other.
      const first = await partial([
        'Organisationsnummer;Företagsnamn;Telefon',
        `${a};Smedja AB;0247-111`,
        `${b};Bageri AB;`,
      ]);
      assert.deepEqual([first.created, first.updated, first.unchanged], [0, 2, 0]);
      const smedja = await findCompanyByOrgNr(t.db.kysely, a);
      assert.deepEqual(
        {
          phone: smedja?.phone,
          legal_form: smedja?.legal_form,
          sni_code: smedja?.sni_code,
          sni_section: smedja?.sni_section,
          employees: smedja?.employees,
          size_class: smedja?.size_class,
          visit_address: smedja?.visit_address,
          postal_code: smedja?.postal_code,
          postal_town: smedja?.postal_town,
          lat: smedja?.lat,
          email: smedja?.email,
        },
        {
          phone: '0247-111',
          legal_form: 'Aktiebolag',
          sni_code: '25620',
          sni_section: 'C',
          employees: 7,
          size_class: 3,
          visit_address: 'Storgatan 1',
          postal_code: '79330',
          postal_town: 'Leksand',
          lat: 60.73,
          email: 'info@smedja.se',
        },
      );
      const bageri = await findCompanyByOrgNr(t.db.kysely, b);
      assert.equal(bageri?.phone, null, 'an empty field in a column the file has empties it');
      assert.equal(bageri?.postal_town, 'Leksand');
      // The same file again changes nothing.
      const again = await partial([
        'Organisationsnummer;Företagsnamn;Telefon',
        `${a};Smedja AB;0247-111`,
        `${b};Bageri AB;`,
      ]);
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2]);
      // A size class without a count: the class is the file's, the count stays as stored.
      const sized = await partial([
        'Organisationsnummer;Företagsnamn;Storleksklass;Telefon',
        `${a};Smedja AB;3;0247-111`,
        `${b};Bageri AB;5;`,
      ]);
      assert.deepEqual([sized.updated, sized.unchanged], [1, 1]);
      const [a2, b2] = [await findCompanyByOrgNr(t.db.kysely, a), await findCompanyByOrgNr(t.db.kysely, b)];
      assert.deepEqual([a2?.employees, a2?.size_class, b2?.employees, b2?.size_class], [7, 3, 3, 5]);
      // A company twice in such a file: the same result however the batches are cut (the second
      // row puts back what the first changed, so nothing changed).
      for (const batchSize of [1, 5000]) {
        const twice = await importCompanies(
          t.db,
          Readable.from(
            [
              'Organisationsnummer;Företagsnamn;Storleksklass;Telefon',
              `${a};Smedja AB;5;0247-111`,
              `${b};Bageri AB;5;`,
              `${a};Smedja AB;3;0247-111`,
            ].join('\n'),
          ),
          { fileName: 'twice.csv', now: new Date('2026-03-05T08:00:00Z'), batchSize },
        );
        assert.deepEqual([twice.updated, twice.unchanged], [0, 3], `batches of ${batchSize}`);
        const a3 = await findCompanyByOrgNr(t.db.kysely, a);
        assert.deepEqual([a3?.employees, a3?.size_class, a3?.updated_at], [7, 3, a2?.updated_at]);
      }
    });

    test('a company three times across batches; a changed file updates only what changed', async () => {
      const o = org('559600001');
      const others = Array.from({ length: 12 }, (_, i) => `${orgAt('5596', i + 10)};Övrig ${i} AB;1`);
      const file = (v: number) =>
        [
          'Organisationsnummer;Företagsnamn;Antal anställda',
          `${o};Tre Gånger AB;1`,
          ...others.slice(0, 6),
          `${o};Tre Gånger AB;2`,
          ...others.slice(6),
          `${o};Tre Gånger AB;${v}`,
        ].join('\n');
      const first = await importCompanies(t.db, Readable.from([file(3)]), {
        fileName: 'h.csv',
        now,
        batchSize: 4,
      });
      assert.deepEqual([first.created, first.updated, first.unchanged], [13, 2, 0]);
      const later = new Date('2026-03-03T08:00:00Z');
      const same = await importCompanies(t.db, Readable.from([file(3)]), {
        fileName: 'h.csv',
        now: later,
        batchSize: 4,
      });
      assert.deepEqual([same.created, same.updated, same.unchanged], [0, 0, 15]);
      assert.equal(
        (await findCompanyByOrgNr(t.db.kysely, o))?.updated_at,
        now.toISOString(),
        'timestamp kept',
      );
      const changed = await importCompanies(t.db, Readable.from([file(4)]), {
        fileName: 'h.csv',
        now: later,
        batchSize: 4,
      });
      assert.deepEqual([changed.created, changed.updated, changed.unchanged], [0, 3, 12]);
      const stored = await findCompanyByOrgNr(t.db.kysely, o);
      assert.equal(stored?.employees, 4);
      assert.equal(stored?.updated_at, later.toISOString());
    });
  });
}

/** A company's rows in the word index, sorted. */
async function storedWords(db: Db, orgNr: string): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('company_word')
    .select('word')
    .where('org_nr', '=', orgNr)
    .orderBy('word')
    .execute();
  return rows.map((w) => w.word);
}

/** How many rows a table holds. */
async function rowCount(
  db: Db,
  table: 'company' | 'company_word' | 'import_pending_index' | 'company_word_load',
): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.kysely);
  return Number(rows[0]!.n);
}

/** The register's indexes and keys, by name: what a first load must leave as it found it. */
async function indexNames(db: Db): Promise<string[]> {
  const q =
    db.dialect === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index'
          AND tbl_name IN ('company', 'company_word') ORDER BY name`
      : sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename IN ('company', 'company_word') ORDER BY indexname`;
  return (await q.execute(db.kysely)).rows.map((r) => r.name);
}
