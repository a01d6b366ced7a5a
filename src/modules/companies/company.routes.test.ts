import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, promises as fs, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import pg from 'pg';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { luhnCheckDigit } from '../../core/orgnr';
import { importCompanies, ImportStoppedError, UnknownColumnsError } from './company-import.service';
import {
  cleanImportDir,
  failureOf,
  IMPORT_DIR,
  STALE_MS,
  stopImports,
  uploadPath,
} from './company-import-run.service';
import { AppError } from '../../server/errors';
import { IMPORT_FILE_MAX_BYTES } from '../../contracts/companies';

const org = (nine: string) => nine + luhnCheckDigit(nine);

const NAMED: Array<[string, string, string, string, number]> = [
  // org nr (9 digits), name, SNI, postal code, employees
  ['556677889', 'Leksands Knäckebröd AB', '10720', '79330', 120],
  ['559000001', 'Åkeri Öst AB', '49410', '46130', 12],
  ['559000002', 'Zeta Bygg AB', '41200', '46131', 3],
  ['559000003', 'Ängel Design HB', '74100', '46140', 0],
  ['559000004', 'Bygg & Måleri i Trollhättan AB', '43341', '46132', 8],
  ['559000005', 'Café Ölstugan', '56100', '79331', 2],
];

function registerCsv(): string {
  const lines = ['Organisationsnummer;Företagsnamn;SNI-kod;Postnummer;Antal anställda;Kommunkod;Postort'];
  for (const [o, name, sni, postal, emp] of NAMED) {
    lines.push(
      `${org(o)};${name};${sni};${postal};${emp};${postal.startsWith('461') ? '1488' : '2029'};${postal.startsWith('461') ? 'Trollhättan' : 'Leksand'}`,
    );
  }
  for (let i = 0; i < 40; i++) {
    lines.push(
      `${org(`55610${String(i).padStart(4, '0')}`)};Filler ${String(i).padStart(2, '0')} Konsult AB;70220;46150;${i};1488;Trollhättan`,
    );
  }
  return lines.join('\n') + '\n';
}

function multipart(
  fileName: string,
  content: Buffer,
  map?: string,
): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----besoktest' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      map === undefined
        ? ''
        : `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n${map}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function waitForImport(c: Client, id: string): Promise<Record<string, unknown>> {
  // A deadline, not a count of polls: a loaded CI machine may take seconds on PostgreSQL.
  for (const end = Date.now() + 30_000; Date.now() < end;) {
    const res = await c.get(`/api/companies/imports/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    const run = res.json();
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

for (const dialect of DIALECTS) {
  describe(`company routes (${dialect})`, () => {
    let t: TestContext;
    let viewer: Client;
    before(async () => {
      t = await createTestApp(dialect);
      await importCompanies(t.testDb.db, Readable.from([registerCsv()]), {
        fileName: 'seed.csv',
        now: t.clock.now(),
      });
      viewer = await t.as(t.users.viewer);
    });
    after(() => t.close());

    test('search by word prefix finds a word inside the name, with å ä ö', async () => {
      const res = await viewer.get('/api/companies?q=knäcke');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().items.map((c: { name: string }) => c.name),
        ['Leksands Knäckebröd AB'],
      );
      const upper = await viewer.get(`/api/companies?q=${encodeURIComponent('ÖLSTUGAN')}`);
      assert.deepEqual(
        upper.json().items.map((c: { name: string }) => c.name),
        ['Café Ölstugan'],
      );
      const cafe = await viewer.get('/api/companies?q=cafe');
      assert.equal(cafe.json().items[0].name, 'Café Ölstugan', 'accents other than å ä ö are folded');
      const two = await viewer.get(`/api/companies?q=${encodeURIComponent('måleri tro')}`);
      assert.deepEqual(
        two.json().items.map((c: { name: string }) => c.name),
        ['Bygg & Måleri i Trollhättan AB'],
      );
      assert.equal(res.json().queryIgnored, false);
      // Only words too common to search by: every company, and the answer says the text was ignored.
      const all = (await viewer.get('/api/companies')).json();
      for (const q of ['AB', 'och', '&', 'ab hb']) {
        const common = (await viewer.get(`/api/companies?q=${encodeURIComponent(q)}`)).json();
        assert.equal(common.queryIgnored, true, q);
        assert.equal(common.total, all.total, q);
      }
      assert.equal(
        (await viewer.get('/api/companies?q=5566')).json().queryIgnored,
        false,
        'an org nr prefix',
      );
    });

    test('search by org nr prefix, with or without the dash', async () => {
      const full = org('556677889');
      for (const q of [full.slice(0, 4), `${full.slice(0, 6)}-${full.slice(6, 8)}`, `16${full}`]) {
        const res = await viewer.get(`/api/companies?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(
          res.json().items.some((c: { orgNr: string }) => c.orgNr === full),
          q,
        );
      }
    });

    test('sorts in Swedish order, pages, and counts', async () => {
      const res = await viewer.get('/api/companies?sort=name&pageSize=100');
      const names: string[] = res.json().items.map((c: { name: string }) => c.name);
      assert.equal(res.json().total, 46);
      assert.equal(res.json().totalIsEstimate, false);
      assert.deepEqual(names.slice(-3), ['Zeta Bygg AB', 'Åkeri Öst AB', 'Ängel Design HB']);
      assert.deepEqual([...names].sort(new Intl.Collator('sv').compare), names);
      const p2 = await viewer.get('/api/companies?sort=name&pageSize=10&page=2');
      assert.deepEqual(
        p2.json().items.map((c: { name: string }) => c.name),
        names.slice(10, 20),
      );
      assert.equal(p2.json().total, 46);
      const desc = await viewer.get('/api/companies?sort=employees&dir=desc&pageSize=1');
      assert.equal(desc.json().items[0].name, 'Leksands Knäckebröd AB');
    });

    test('filters by SNI section and division, size class and postal area', async () => {
      const f = await viewer.get('/api/companies?section=F');
      assert.deepEqual(
        f
          .json()
          .items.map((c: { name: string }) => c.name)
          .sort(),
        ['Bygg & Måleri i Trollhättan AB', 'Zeta Bygg AB'],
      );
      const d = await viewer.get('/api/companies?division=56');
      assert.deepEqual(
        d.json().items.map((c: { name: string }) => c.name),
        ['Café Ölstugan'],
      );
      const size = await viewer.get('/api/companies?sizeClass=7');
      assert.deepEqual(
        size.json().items.map((c: { name: string }) => c.name),
        ['Leksands Knäckebröd AB'],
      );
      const postal = await viewer.get('/api/companies?postalCode=461%203');
      assert.deepEqual(
        postal
          .json()
          .items.map((c: { name: string }) => c.name)
          .sort(),
        ['Bygg & Måleri i Trollhättan AB', 'Zeta Bygg AB', 'Åkeri Öst AB'],
      );
      const combined = await viewer.get('/api/companies?q=bygg&postalCode=46131');
      assert.equal(combined.json().total, 1);
      const bad = await viewer.get('/api/companies?section=Ö');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION');
    });

    test('a company page has all its data and the SNI names; unknown ids are 404', async () => {
      const list = await viewer.get('/api/companies?q=knäckebröd');
      const id = list.json().items[0].id as string;
      const res = await viewer.get(`/api/companies/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json();
      assert.equal(c.orgNr, org('556677889'));
      assert.equal(c.sniCode, '10720');
      assert.equal(c.sniSection, 'C');
      assert.equal(c.sniSectionName, 'Tillverkning');
      assert.equal(c.sniDivisionName, 'Livsmedelsframställning');
      assert.equal(c.sizeClass, 7);
      assert.equal(c.postalTown, 'Leksand');
      assert.equal(c.verified, true);
      assert.equal((await viewer.get('/api/companies/nope')).statusCode, 404);
    });

    test('SNI sections and divisions; postal areas of the municipality', async () => {
      const sni = (await viewer.get('/api/sni')).json();
      assert.equal(sni.sections.length, 21);
      const f = sni.sections.find((s: { code: string }) => s.code === 'F');
      assert.deepEqual(
        f.divisions.map((d: { code: string }) => d.code),
        ['41', '42', '43'],
      );
      const areas = (await viewer.get('/api/postal-areas')).json().items;
      assert.ok(areas.length > 0);
      assert.ok(
        areas.every((a: { postalCode: string }) => a.postalCode.startsWith('461')),
        'Testkommun is 1488',
      );
      assert.equal(areas.find((a: { postalCode: string }) => a.postalCode === '46150').count, 40);
    });

    test('the register needs a session; uploads need an admin', async () => {
      const anon = await t.as('anonymous');
      assert.equal((await anon.get('/api/companies')).statusCode, 401);
      assert.equal((await anon.get('/api/sni')).statusCode, 401);
      const staff = await t.as(t.users.staff);
      const up = multipart('x.csv', Buffer.from('Organisationsnummer;Företagsnamn\n'));
      assert.equal(
        (await staff.request('POST', '/api/companies/imports', up.body, up.headers)).statusCode,
        403,
      );
      assert.equal(
        (await viewer.request('POST', '/api/companies/imports', up.body, up.headers)).statusCode,
        403,
      );
      assert.equal((await staff.get('/api/companies/imports/x')).statusCode, 403);
    });

    test('an admin uploads a Windows-1252 file, follows it and downloads the rejects', async () => {
      const admin = await t.as(t.users.admin);
      const good = org('559800001');
      const neighbour = org('559800002');
      // The second company has Leksand's kommunkod (the test municipality is 1488): imported, and said.
      const text =
        `Organisationsnummer;Företagsnamn;Kommunkod\r\n${good};Uppladdat Öl AB;1488\r\n` +
        `${neighbour};Granne AB;2029\r\n5566778898;Felaktig Ärlig AB;1488\r\n`;
      const up = multipart('Företag 2026.csv', iconv.encode(text, 'win1252'));
      const res = await admin.request('POST', '/api/companies/imports', up.body, up.headers);
      assert.equal(res.statusCode, 202, res.body);
      const run = await waitForImport(admin, res.json().id);
      assert.equal(run.status, 'done', JSON.stringify(run));
      assert.deepEqual(run.summary, {
        read: 3,
        created: 2,
        updated: 0,
        unchanged: 0,
        rejected: 1,
        otherKommuner: [{ kommunkod: '2029', records: 1 }],
      });
      assert.equal(run.hasRejects, true);
      assert.equal(run.encoding, 'windows-1252');
      const dl = await admin.get(`/api/companies/imports/${res.json().id}/rejects`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'text/csv; charset=windows-1252');
      assert.match(
        String(dl.headers['content-disposition']),
        /filename\*=UTF-8''F%C3%B6retag%202026\.rejects\.csv/,
      );
      const body = iconv.decode(dl.rawPayload, 'win1252');
      assert.match(
        body,
        /^Organisationsnummer;Företagsnamn;Kommunkod;Avvisad: orsak;Avvisad: rad\r\n5566778898;Felaktig Ärlig AB;1488;/,
      );
      assert.match(body, /;4\r\n$/);
      const found = await viewer.get('/api/companies?q=uppladdat');
      assert.equal(found.json().items[0].name, 'Uppladdat Öl AB');
    });

    test('a wrong column mapping is refused at once, naming the field; a right one reads the file', async () => {
      const admin = await t.as(t.users.admin);
      const bad = multipart('karta.csv', Buffer.from('Bolag;Nr\n'), 'Bolag=skostorlek');
      const res = await admin.request('POST', '/api/companies/imports', bad.body, bad.headers);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.details[0].path, 'map');
      assert.match(
        res.json().error.details[0].message,
        /okänt fält "skostorlek"; kända fält: Organisationsnummer/,
      );
      const good = multipart(
        'karta.csv',
        Buffer.from(`Bolag;Nr\nKartbolaget AB;${org('559800001')}\n`),
        'Bolag=Företagsnamn,Nr=Organisationsnummer',
      );
      const ok = await admin.request('POST', '/api/companies/imports', good.body, good.headers);
      assert.equal(ok.statusCode, 202, ok.body);
      const run = await waitForImport(admin, ok.json().id);
      assert.equal(run.status, 'done', String(run.error));
    });

    test('an upload with an unknown layout fails with the reason', async () => {
      const admin = await t.as(t.users.admin);
      const up = multipart('fel.csv', Buffer.from('A;B\n1;2\n'));
      const res = await admin.request('POST', '/api/companies/imports', up.body, up.headers);
      assert.equal(res.statusCode, 202, res.body);
      const run = await waitForImport(admin, res.json().id);
      assert.equal(run.status, 'failed');
      assert.match(String(run.error), /Hittade kolumner: "A", "B"/);
      assert.equal(run.errorKind, 'layout', 'the page offers help to map the columns');
      assert.equal((await admin.get(`/api/companies/imports/${res.json().id}/rejects`)).statusCode, 404);
      // A file that is not a CSV file: its message says what to do; mapping columns would not help.
      const pdf = multipart('skannad.csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n'));
      const failed = await admin.request('POST', '/api/companies/imports', pdf.body, pdf.headers);
      assert.equal(failed.statusCode, 202, failed.body);
      const pdfRun = await waitForImport(admin, failed.json().id);
      assert.deepEqual([pdfRun.status, pdfRun.errorKind], ['failed', 'file']);
      assert.match(String(pdfRun.error), /^Filen är en PDF, inte en CSV-fil/);
    });

    test('the latest imports are listed, newest first; a reject file cleaned away is not offered', async () => {
      const admin = await t.as(t.users.admin);
      t.clock.advance(60_000); // after this suite's earlier uploads
      const up = multipart('lista.csv', Buffer.from(`Organisationsnummer;Företagsnamn\n5566778898;Fel AB\n`));
      const res = await admin.request('POST', '/api/companies/imports', up.body, up.headers);
      assert.equal(res.statusCode, 202, res.body);
      const id = res.json().id as string;
      await waitForImport(admin, id);
      const list = await admin.get('/api/companies/imports');
      assert.equal(list.statusCode, 200, list.body);
      const items = list.json().items as Array<{ id: string; fileName: string; hasRejects: boolean }>;
      assert.ok(items.length >= 2, 'the earlier uploads of this suite are listed too');
      assert.deepEqual([items[0]!.id, items[0]!.fileName, items[0]!.hasRejects], [id, 'lista.csv', true]);
      assert.equal((await viewer.get('/api/companies/imports')).statusCode, 403);
      // The reject file gone (cleaned, or /tmp cleared by a reboot): no link to a file that is not there.
      await fs.rm(path.join(IMPORT_DIR, `${id}.rejects.csv`));
      const run = (await admin.get(`/api/companies/imports/${id}`)).json();
      assert.equal(run.hasRejects, false);
      assert.equal((await admin.get(`/api/companies/imports/${id}/rejects`)).statusCode, 404);
    });

    test('a server that closes stops its import between batches; the run says what was saved', async () => {
      const admin = await t.as(t.users.admin);
      const lines = ['Organisationsnummer;Företagsnamn'];
      for (let i = 0; i < 100_000; i++)
        lines.push(`${org(`5583${String(i).padStart(5, '0')}`)};Stoppad ${i} AB`);
      const up = multipart('stor.csv', Buffer.from(lines.join('\n') + '\n'));
      const res = await admin.request('POST', '/api/companies/imports', up.body, up.headers);
      assert.equal(res.statusCode, 202, res.body);
      await stopImports(); // what the server's close does
      const run = await waitForImport(admin, res.json().id);
      assert.equal(run.status, 'failed');
      const m =
        /^Importen avbröts när servern stängdes, efter ([\d\s\u00a0]+) rader\. Det som hann läsas in är sparat/.exec(
          String(run.error),
        );
      assert.ok(m, String(run.error));
      assert.equal(run.errorKind, 'stopped', 'nothing to fix in the file');
      const read = Number(m[1]!.replace(/\D/g, ''));
      assert.ok(read > 0 && read < 100_000, `stopped between batches (${read})`);
      const saved = await t.testDb.db.kysely
        .selectFrom('company')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_nr', 'like', '5583%')
        .executeTakeFirstOrThrow();
      assert.equal(Number(saved.n), read, 'every record read was saved');
    });

    test('a second upload while one is received or runs is refused before it is received', async () => {
      const admin = await t.as(t.users.admin);
      // Big enough that the first is still received or running when the second comes.
      const file = (series: string) => {
        const lines = ['Organisationsnummer;Företagsnamn'];
        for (let i = 0; i < 20_000; i++)
          lines.push(`${org(`${series}${String(i).padStart(5, '0')}`)};Uppladdad ${i} AB`);
        return Buffer.from(lines.join('\n') + '\n');
      };
      const a = multipart('forsta.csv', file('5581'));
      const b = multipart('andra.csv', file('5582'));
      const replies = await Promise.all([
        admin.request('POST', '/api/companies/imports', a.body, a.headers),
        admin.request('POST', '/api/companies/imports', b.body, b.headers),
      ]);
      // Which of the two the server takes first is the network's affair: one is taken, the other refused.
      const taken = replies.filter((r) => r.statusCode === 202);
      const refused = replies.filter((r) => r.statusCode === 409);
      assert.deepEqual([taken.length, refused.length], [1, 1], replies.map((r) => r.body).join('\n'));
      assert.match(refused[0]!.json().error.message, /^En annan import av företagsregistret pågår/);
      assert.equal((await waitForImport(admin, taken[0]!.json().id)).status, 'done');
    });

    test('a failed run says whose the problem is: another import held the register, or its server stopped', async () => {
      const admin = await t.as(t.users.admin);
      // Another import (the CLI's, say) holds the register: a lock file with a live pid, or the advisory lock.
      let holder: pg.Client | null = null;
      const lockFile = `${t.testDb.db.location}.import-lock`;
      if (dialect === 'sqlite') writeFileSync(lockFile, String(process.pid));
      else {
        holder = new pg.Client({ connectionString: t.testDb.url });
        await holder.connect();
        await holder.query('SELECT pg_advisory_lock($1)', [0x6265736f6b]);
      }
      try {
        const up = multipart(
          'upptagen.csv',
          Buffer.from(`Organisationsnummer;Företagsnamn\n${org('559820001')};Vänta AB\n`),
        );
        const res = await admin.request('POST', '/api/companies/imports', up.body, up.headers);
        assert.equal(res.statusCode, 202, res.body);
        const run = await waitForImport(admin, res.json().id);
        assert.deepEqual([run.status, run.errorKind], ['failed', 'busy']);
        assert.match(String(run.error), /^En annan import av företagsregistret pågår/);
      } finally {
        if (holder) await holder.end();
        else await fs.rm(lockFile);
      }

      // Runs this server did not start: one another server process is running (its row written a
      // moment ago), and one whose row has not been written for longer than STALE_MS (its process
      // stopped or was restarted).
      const row = (id: string, ageMs: number) => {
        const at = new Date(t.clock.now().getTime() - ageMs).toISOString();
        return {
          id,
          kind: 'companies',
          status: 'running',
          phase: 'reading',
          file_name: `${id}.csv`,
          bytes_processed: 100,
          records_processed: 10,
          started_at: at,
          updated_at: at,
        };
      };
      await t.testDb.db.kysely
        .insertInto('import_run')
        .values([row('run-elsewhere', 20_000), row('run-cut-off', STALE_MS + 1000)])
        .execute();
      const elsewhere = (await admin.get('/api/companies/imports/run-elsewhere')).json();
      assert.deepEqual([elsewhere.status, elsewhere.errorKind, elsewhere.error], ['running', null, null]);
      const cut = (await admin.get('/api/companies/imports/run-cut-off')).json();
      assert.deepEqual([cut.status, cut.errorKind], ['failed', 'stopped']);
      assert.match(
        String(cut.error),
        /^Importen avbröts: servern som läste in den stängdes av eller startades om\./,
      );
    });

    test("viewers see a sole trader's personal identity number with its last four digits hidden, and no e-mail or phone", async () => {
      const admin = await t.as(t.users.admin);
      const pnr = '8001011231';
      await importCompanies(
        t.testDb.db,
        Readable.from([
          `Organisationsnummer;Företagsnamn;Besöksadress;Postnummer;Latitud;Longitud;E-post;Telefon;Webbplats\n${pnr};Frisör Eva Ek;Ekvägen 7;79131;60,88;15,00;eva@example.se;070-123 45 67;evaek.se\n`,
        ]),
        {
          fileName: 'enskild.csv',
          now: t.clock.now(),
        },
      );
      const found = async (c: Client) => {
        const hit = (await c.get(`/api/companies?q=${encodeURIComponent('frisör eva')}`)).json().items[0];
        const page = (await c.get(`/api/companies/${hit.id}`)).json();
        return [
          hit.orgNr,
          page.orgNr,
          page.personalData,
          page.email,
          page.phone,
          page.website,
          page.visitAddress,
          page.lat,
          page.postalCode,
        ];
      };
      assert.deepEqual(await found(viewer), [
        '800101-XXXX',
        '800101-XXXX',
        true,
        null,
        null,
        'evaek.se',
        null,
        null,
        '79131',
      ]);
      const adminSees = await found(admin);
      assert.deepEqual(adminSees.slice(0, 4), [pnr, pnr, true, 'eva@example.se']);
      assert.match(String(adminSees[4]), /070/, 'the phone number, as stored');
      assert.deepEqual(adminSees.slice(6), ['Ekvägen 7', 60.88, '79131']);
      // Viewers search a personal identity number by its date of birth at most, so the search does
      // not tell its last digits one by one; the number as they are shown it finds the company.
      const names = async (c: Client, q: string) =>
        (
          (await c.get(`/api/companies?q=${encodeURIComponent(q)}`)).json().items as Array<{ name: string }>
        ).map((i) => i.name);
      for (const q of [pnr, '8001010000', '800101-XXXX', '19800101-5555'])
        assert.deepEqual(await names(viewer, q), ['Frisör Eva Ek'], q);
      assert.deepEqual(await names(admin, '8001010000'), []);
      assert.deepEqual(await names(admin, '800101-xxxx'), ['Frisör Eva Ek']);
      // A company's number is no one's personal data: shown to viewers as it is.
      const ab = (await viewer.get('/api/companies?q=knäcke')).json().items[0];
      assert.equal(ab.orgNr, org('556677889'));
      assert.equal((await viewer.get(`/api/companies/${ab.id}`)).json().orgNr, org('556677889'));
    });

    test('a malformed or broken upload is a 400 saying the file did not arrive whole', async () => {
      const admin = await t.as(t.users.admin);
      const noBoundary = await admin.request('POST', '/api/companies/imports', Buffer.from('x'), {
        'content-type': 'multipart/form-data',
      });
      assert.equal(noBoundary.statusCode, 400, noBoundary.body);
      assert.match(noBoundary.json().error.message, /^Filen kom inte fram hel/);
      const up = multipart('avbruten.csv', Buffer.from('Organisationsnummer;Företagsnamn\n'));
      const cut = up.body.subarray(0, up.body.length - 20); // the closing boundary never comes
      const broken = await admin.request('POST', '/api/companies/imports', cut, up.headers);
      assert.equal(broken.statusCode, 400, broken.body);
      assert.match(broken.json().error.message, /^Filen kom inte fram hel/);
    });

    test('an org nr search takes the dashes Word and Excel write, and a partial number with its century', async () => {
      const names = async (c: Client, q: string) =>
        (
          (await c.get(`/api/companies?q=${encodeURIComponent(q)}`)).json().items as Array<{ name: string }>
        ).map((i) => i.name);
      const full = org('556677889');
      // En dash, non-breaking hyphen, em dash, minus sign; the twelve-digit form cut short.
      for (const q of [
        `${full.slice(0, 6)}\u2013${full.slice(6)}`,
        `${full.slice(0, 6)}\u2011${full.slice(6)}`,
        `${full.slice(0, 6)} \u2014 ${full.slice(6, 8)}`,
        `${full.slice(0, 6)}\u2212${full.slice(6)}`,
        `16${full.slice(0, 6)}`,
        `16${full.slice(0, 6)}\u2013${full.slice(6, 8)}`,
      ])
        assert.deepEqual(await names(viewer, q), ['Leksands Knäckebröd AB'], q);

      const admin = await t.as(t.users.admin);
      const pnr = org('870620123');
      await importCompanies(
        t.testDb.db,
        Readable.from([`Organisationsnummer;Företagsnamn\n${pnr};Snickare Sven Svensson\n`]),
        { fileName: 'snickare.csv', now: t.clock.now() },
      );
      // A date of birth with its century, as people write it; the hidden form with an en dash.
      for (const [c, q] of [
        [viewer, '19870620'],
        [admin, '19870620'],
        [viewer, '198706'],
        [admin, `19${pnr.slice(0, 6)}\u2013${pnr.slice(6)}`],
        [viewer, '870620\u2013XXXX'],
      ] as const)
        assert.deepEqual(await names(c, q), ['Snickare Sven Svensson'], q);

      // A number that begins 16 and is found as it is, is not searched as a twelve-digit one: the
      // century is dropped only where the number as written finds nothing.
      const century = await names(viewer, '16559000');
      assert.equal(century.length, 5, century.join());
      await importCompanies(
        t.testDb.db,
        Readable.from([`Organisationsnummer;Företagsnamn\n${org('165590001')};Sexton Femtiofem HB\n`]),
        { fileName: 'sexton.csv', now: t.clock.now() },
      );
      assert.deepEqual(await names(viewer, '16559000'), ['Sexton Femtiofem HB']);
    });

    test('the page says the order it applied, for the list to mark', async () => {
      const order = async (query: string) => {
        const page = (await viewer.get(`/api/companies?${query}`)).json();
        return [page.sort, page.dir, page.queryIgnored];
      };
      // The default: by org nr for a number (a viewer's hidden form among them), else by name.
      assert.deepEqual(await order(`q=${encodeURIComponent('800101-XXXX')}`), ['orgNr', 'asc', false]);
      assert.deepEqual(await order('q=5566'), ['orgNr', 'asc', false]);
      assert.deepEqual(await order(`q=${encodeURIComponent('559000\u2013')}`), ['orgNr', 'asc', false]);
      assert.deepEqual(await order('q=-'), ['name', 'asc', true]);
      assert.deepEqual(await order('q=bygg'), ['name', 'asc', false]);
      assert.deepEqual(await order('q=5566&sort=employees&dir=desc'), ['employees', 'desc', false]);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`a name search pages by company (${dialect})`, () => {
    let t: TestContext;
    let viewer: Client;
    before(async () => {
      t = await createTestApp(dialect);
      // Sole traders as they are often named: the first name again in the surname, so "sven" is
      // two of each name's words.
      const lines = ['Organisationsnummer;Företagsnamn;SNI-kod;Postnummer;Antal anställda'];
      for (let i = 0; i < 30; i++) {
        lines.push(
          `${org(`55720${String(i).padStart(4, '0')}`)};Sven Svenssons Bygg ${String(i).padStart(2, '0')};41200;${46100 + (i % 7)};${i % 5}`,
        );
      }
      lines.push(`${org('557300001')};Svea Städ AB;81210;46150;4`);
      await importCompanies(t.testDb.db, Readable.from([lines.join('\n') + '\n']), {
        fileName: 'sven.csv',
        now: t.clock.now(),
      });
      viewer = await t.as(t.users.viewer);
    });
    after(() => t.close());

    test('every company once, on full pages, with the right total, in every order', async () => {
      for (const sort of ['name', 'orgNr', 'employees', 'postalCode']) {
        for (const dir of ['asc', 'desc']) {
          const seen: string[] = [];
          for (let page = 1; page <= 4; page++) {
            const res = await viewer.get(
              `/api/companies?q=sven&sort=${sort}&dir=${dir}&pageSize=10&page=${page}`,
            );
            assert.equal(res.statusCode, 200, res.body);
            const body = res.json();
            assert.equal(body.total, 30, `${sort} ${dir} page ${page}`);
            assert.equal(body.totalIsEstimate, false);
            seen.push(...body.items.map((c: { orgNr: string }) => c.orgNr));
            assert.equal(body.items.length, page <= 3 ? 10 : 0, `${sort} ${dir} page ${page}`);
          }
          assert.equal(new Set(seen).size, 30, `${sort} ${dir}: each company once`);
        }
      }
      // A prefix that two words of other names share too ("sve": Sven, Svenssons, Svea).
      const sve = (await viewer.get('/api/companies?q=sve&pageSize=25')).json();
      assert.equal(sve.total, 31);
      assert.equal(sve.items.length, 25);
      const rest = (await viewer.get('/api/companies?q=sve&pageSize=25&page=2')).json();
      assert.equal(rest.items.length, 6);
      assert.equal(new Set([...sve.items, ...rest.items].map((c: { orgNr: string }) => c.orgNr)).size, 31);
    });
  });
}

test('an upload over the size limit, and a body over the limit, are refused naming the limit', async () => {
  // Not a database matter: the limit is checked while the file is received, on one dialect.
  const t = await createTestApp(DIALECTS[0]!);
  try {
    const admin = await t.as(t.users.admin);
    const boundary = '----besoktest-big';
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    async function* body() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stor.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      );
      for (let left = IMPORT_FILE_MAX_BYTES + 1; left > 0; left -= chunk.length)
        yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const big = await admin.request('POST', '/api/companies/imports', Readable.from(body()), {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    assert.equal(big.statusCode, 413, big.body);
    assert.match(big.json().error.message, /^Filen är större än 1 GB, det största som kan läsas in här\./);
    // A JSON body over the server's body limit says that limit.
    const json = await admin.request(
      'POST',
      '/api/companies/imports',
      JSON.stringify({ text: 'x'.repeat(1024 * 1024) }),
      { 'content-type': 'application/json' },
    );
    assert.equal(json.statusCode, 413, json.body);
    assert.equal(json.json().error.message, 'Det du skickade är större än 1 MB, det största som tas emot.');
  } finally {
    await t.close();
  }
});

test('a failed web import says whose the problem is', () => {
  const kind = (err: unknown) => failureOf(err).kind;
  assert.equal(kind(new AppError('VALIDATION', 'Okänd layout')), 'file');
  assert.equal(
    kind(new UnknownColumnsError('Filens kolumner känns inte igen: Företagsnamn saknas.')),
    'layout',
    'the columns: mapping them helps',
  );
  assert.equal(kind(new AppError('CONFLICT', 'En annan import')), 'busy');
  assert.equal(kind(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })), 'busy');
  assert.equal(kind(Object.assign(new Error('lock timeout'), { code: '55P03' })), 'busy');
  assert.match(
    failureOf(Object.assign(new Error('x'), { code: 'SQLITE_BUSY' })).message,
    /^Databasen var upptagen/,
  );
  assert.equal(kind(new ImportStoppedError(10)), 'stopped');
  assert.equal(kind(new Error('disk I/O error')), 'internal');
  assert.equal(kind(null), 'internal');
});

test("the import folder is the server's own, and keeps uploads a day and reject files 30 days", async () => {
  uploadPath('x'); // makes the folder
  assert.equal(statSync(IMPORT_DIR).mode & 0o777, 0o700);
  const tag = `cleantest-${process.pid}-${Date.now()}`;
  const now = Date.now();
  const day = 24 * 3600 * 1000;
  const files: Record<string, number> = {
    [`${tag}-old.upload`]: now - 2 * day,
    [`${tag}-new.upload`]: now - 3600 * 1000,
    [`${tag}-old.rejects.csv`]: now - 31 * day,
    [`${tag}-new.rejects.csv`]: now - 10 * day,
    [`${tag}-other.txt`]: now - 400 * day,
  };
  for (const [name, mtime] of Object.entries(files)) {
    const file = path.join(IMPORT_DIR, name);
    writeFileSync(file, 'x');
    utimesSync(file, mtime / 1000, mtime / 1000);
  }
  await cleanImportDir(new Date(now));
  const left = Object.keys(files).filter((name) => existsSync(path.join(IMPORT_DIR, name)));
  assert.deepEqual(left, [`${tag}-new.upload`, `${tag}-new.rejects.csv`, `${tag}-other.txt`]);
  for (const name of left) await fs.rm(path.join(IMPORT_DIR, name));
});
