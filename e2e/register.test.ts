/**
 * Journey of an administrator: import a register file with one bad row and download the rejects,
 * find a company in the register and open it, and add a staff member. Every page visited is
 * checked with axe (WCAG 2.1 A/AA).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import { IMPORT_FILE_MAX_BYTES } from '../src/contracts/companies';
import { luhnCheckDigit } from '../src/core/orgnr';
import { IMPORT_DIR } from '../src/modules/companies/company-import-run.service';
import {
  expectAccessible,
  hasFocus,
  serverAndBrowser,
  logIn,
  newPage,
  startServer,
  type TestServer,
} from '../test/helpers/browser';

/** A valid organisation number from its first nine digits. */
const orgNr = (nine: string) => `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
const badOrgNr = (nine: string) => `${nine}${(luhnCheckDigit(nine) + 1) % 10}`;

const CSV = [
  'Organisationsnummer;Företagsnamn;Juridisk form;SNI-kod;Bransch;Storleksklass;Antal anställda;Besöksadress;Postnummer;Postort;Kommunkod;Kommun;E-post;Telefon;Webbplats;Latitud;Longitud',
  `${orgNr('556123456')};Leksands Knäckebröd AB;Aktiebolag;10720;Tillverkning av knäckebröd;5;42;Storgatan 1;461 30;Trollhättan;1488;Trollhättan;info@knacke.se;0520-123 45;www.knacke.se;58,28354;12,2886`,
  `${orgNr('556234567')};Älvstrandens Verkstad AB;Aktiebolag;25620;Metallbearbetning;3;7;Kanalvägen 5;461 38;Trollhättan;1488;Trollhättan;;;;;`,
  `${badOrgNr('556345678')};Felaktiga Siffror AB;Aktiebolag;47111;Livsmedelshandel;2;3;Torget 2;461 31;Trollhättan;1488;Trollhättan;;;;;`,
  `${orgNr('556456789')};Göta Kanalbolag HB;Handelsbolag;52220;Tjänster till sjötransport;4;12;Slussvägen 9;461 32;Trollhättan;2029;Leksand;;;;;`,
].join('\r\n');

void describe('administrator journey', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    [server, browser] = await serverAndBrowser(startServer());
    page = await newPage(browser, server);
    await logIn(page, 'admin@test.se');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  void test('upload a register file with one bad row, see the summary and download the rejects', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importera företagsregister' }).waitFor();
    await expectAccessible(page, 'the import form');

    // A wrong column mapping is refused at once, beside its field.
    await page.getByLabel('Egna kolumnrubriker').fill('Bolag=skostorlek');
    await page.getByLabel('Registerfil').setInputFiles({
      name: 'karta.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Bolag;Nr\r\n', 'utf8'),
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await page
      .getByText(/okänt fält "skostorlek"; kända fält: Organisationsnummer/)
      .first()
      .waitFor();
    await expectAccessible(page, 'the import form with a mapping error');
    await page.getByLabel('Egna kolumnrubriker').fill('');

    await page.getByLabel('Registerfil').setInputFiles({
      name: 'foretag.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeff${CSV}\r\n`, 'utf8'),
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    const done = page.getByRole('heading', { level: 2, name: 'Inläsningen är klar' });
    await done.waitFor({ timeout: 20_000 });
    // The upload button is gone: focus follows the run to its result, however quickly it ended.
    assert.ok(await hasFocus(done), 'focus is on the result');
    const summary = page.getByRole('table', { name: 'Resultat av inläsningen' });
    const cell = async (row: string) =>
      (await summary.getByRole('row', { name: row }).getByRole('cell').textContent())?.trim();
    assert.equal(await cell('Lästa rader'), '4');
    assert.equal(await cell('Nya företag'), '3');
    assert.equal(await cell('Avvisade'), '1');
    // The test municipality is 1488: a company with Leksand's kommunkod is imported, and said.
    await page
      .getByText(
        'Obs: 1 rad har en annan kommunkod än kommunens egen: 2029 (1). Den är inläst; kontrollera att det var rätt fil.',
      )
      .waitFor();
    await expectAccessible(page, 'the import summary');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Ladda ned avvisade rader/ }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    assert.match(text, /Felaktiga Siffror AB/);
    assert.doesNotMatch(text, /Leksands Knäckebröd/);

    // The reject file gone (kept 30 days, or the server's /tmp cleared): said so, and how to get
    // it again, rather than that no rows were rejected.
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    await rm(path.join(IMPORT_DIR, `${runId}.rejects.csv`));
    await page.reload();
    await done.waitFor();
    await page
      .getByText(
        /^Filen med de avvisade raderna finns inte kvar: den sparas i 30 dagar.* Läs in samma fil igen/,
      )
      .waitFor();
    assert.equal(await page.getByText('Inga rader avvisades.').count(), 0);
    assert.equal(await page.getByRole('link', { name: /Ladda ned avvisade rader/ }).count(), 0);

    // The import page lists the latest imports, so one left while it ran can be found again.
    await page.getByRole('link', { name: 'Läs in en fil till' }).click();
    const latest = page.getByRole('table', { name: 'Senaste inläsningarna' });
    const row = latest.getByRole('row', { name: /foretag\.csv/ });
    await row.waitFor();
    assert.deepEqual(
      (await row.getByRole('cell').allTextContents()).slice(1).map((c) => c.trim()),
      ['foretag.csv', 'Klar', '4', '1'],
    );
    await expectAccessible(page, 'the import form with the latest imports');
    await row.getByRole('link', { name: 'foretag.csv' }).click();
    await done.waitFor();

    // A file with only its header line: done, but said to have had nothing to import.
    await page.getByRole('link', { name: 'Läs in en fil till' }).click();
    await page.getByLabel('Registerfil').setInputFiles({
      name: 'tom.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Organisationsnummer;Företagsnamn\r\n', 'utf8'),
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await done.waitFor();
    await page.getByText('Filen hade inga rader under rubrikraden, så ingenting lästes in.').waitFor();

    // A file that is not a register: the reason, and how to fix the file.
    const notARegister = {
      name: 'annat.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Bolag;Nummer\r\nEtt;1\r\n', 'utf8'),
    };
    await page.getByRole('link', { name: 'Läs in en fil till' }).click();
    await page.getByLabel('Registerfil').setInputFiles(notARegister);
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Filen kunde inte läsas in' }).waitFor();
    await page
      .getByRole('main')
      .getByText(/Hittade kolumner: "Bolag", "Nummer"/)
      .waitFor();
    await page.getByText(/^Rätta filen, eller koppla dess rubriker/).waitFor();
    await expectAccessible(page, 'a failed import');

    // In English the failure is announced with the server's Swedish reason marked as Swedish.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Import another file' }).click();
    await page.getByLabel('Register file').setInputFiles(notARegister);
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.getByRole('heading', { level: 2, name: 'The file could not be imported' }).waitFor();
    const spoken = page.locator('[aria-live="polite"][aria-atomic="true"]');
    await spoken.locator('[lang="sv"]', { hasText: /Hittade kolumner: "Bolag", "Nummer"/ }).waitFor();
    assert.match(await spoken.innerText(), /^The file could not be imported: /);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 2, name: 'Filen kunde inte läsas in' }).waitFor();

    // An image: its reason says what to do; the help to map the columns is not offered.
    await page.getByRole('link', { name: 'Läs in en fil till' }).click();
    await page.getByLabel('Registerfil').setInputFiles({
      name: 'skärmbild.csv',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Filen kunde inte läsas in' }).waitFor();
    await page
      .getByRole('main')
      .getByText(/Filen är en bild, inte en CSV-fil/)
      .waitFor();
    assert.equal(await page.getByText(/^Rätta filen, eller koppla dess rubriker/).count(), 0);
  });

  void test('the upload form states its size limit and refuses a bigger file before sending it', async () => {
    await page.goto('/import');
    await page.getByText(/Filen får vara högst 1 GB\./).waitFor();
    // Over the limit by a byte (a sparse file: nothing is written to disk).
    const dir = await mkdtemp(path.join(tmpdir(), 'besok-e2e-'));
    const big = path.join(dir, 'hela-landet.csv');
    await writeFile(big, '');
    await truncate(big, IMPORT_FILE_MAX_BYTES + 1);
    let uploads = 0;
    const onRequest = (r: Request) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/companies/imports') uploads++;
    };
    page.on('request', onRequest);
    try {
      await page.getByLabel('Registerfil').setInputFiles(big);
      await page.getByRole('button', { name: 'Läs in filen' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
      await summary
        .getByRole('link', { name: /Filen är större än 1 GB, det största som kan läsas in här\./ })
        .waitFor();
      assert.ok(await hasFocus(summary), 'the error summary has focus');
      assert.equal(uploads, 0, 'nothing was sent');
      await expectAccessible(page, 'the import form with a file over the limit');
    } finally {
      page.off('request', onRequest);
      await rm(dir, { recursive: true, force: true });
    }
  });

  void test('an upload while another is received is told so as information, with the running import', async () => {
    await page.goto('/import');
    await page.getByRole('table', { name: 'Senaste inläsningarna' }).waitFor();
    const ctx = server.ctx;
    // Another admin's upload is being received now, and an import of theirs is running.
    const now = ctx.clock.now().toISOString();
    await ctx.testDb.db.kysely
      .insertInto('import_run')
      .values({
        id: 'e2e-annan',
        kind: 'companies',
        status: 'running',
        phase: 'reading',
        file_name: 'annan.csv',
        bytes_processed: 0,
        records_processed: 0,
        started_at: now,
        updated_at: now,
      })
      .execute();
    const boundary = '----e2e-annan';
    const held = new PassThrough();
    held.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="annan.csv"\r\nContent-Type: text/csv\r\n\r\nOrganisationsnummer;Företagsnamn\r\n`,
    );
    const other = await ctx.as(ctx.users.admin);
    const otherUpload = other.request('POST', '/api/companies/imports', held, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    try {
      // The server reads the body once it receives the upload.
      for (const end = Date.now() + 10_000; held.readableLength > 0;) {
        if (Date.now() > end) throw new Error('the other upload was not received');
        await new Promise((r) => setTimeout(r, 20));
      }
      await page.getByLabel('Registerfil').setInputFiles({
        name: 'min.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Organisationsnummer;Företagsnamn\r\n', 'utf8'),
      });
      await page.getByRole('button', { name: 'Läs in filen' }).click();
      const info = page
        .getByRole('status')
        .filter({ hasText: 'En annan import av företagsregistret pågår, så filen laddades inte upp.' });
      await info.waitFor();
      assert.equal(
        await info.getByRole('link', { name: 'Följ importen av annan.csv' }).getAttribute('href'),
        '/import/e2e-annan',
      );
      assert.equal(await page.getByText('Det finns fel i formuläret').count(), 0, 'not a form error');
      // The latest imports are asked for again: the running one is listed.
      await page
        .getByRole('table', { name: 'Senaste inläsningarna' })
        .getByRole('row', { name: /annan\.csv/ })
        .waitFor();
      await expectAccessible(page, 'the import form while another import runs');
    } finally {
      held.end(); // the other upload ends without its closing boundary: refused, nothing kept
      await otherUpload;
      await ctx.testDb.db.kysely.deleteFrom('import_run').where('id', '=', 'e2e-annan').execute();
    }
  });

  void test('search the register by a word in the name and open the company', async () => {
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Företagsregister' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Företagsregister' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '3 företag hittades' }).waitFor();
    await expectAccessible(page, 'the register list');

    await page.getByRole('searchbox', { name: 'Sök företag' }).fill('knäcke');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '1 företag hittades' }).waitFor();
    assert.match(page.url(), /q=kn%C3%A4cke/);

    // Clearing the search takes the button away: the empty search box takes the focus.
    await page.getByRole('button', { name: 'Rensa sökningen' }).click();
    await page.getByRole('heading', { level: 2, name: '3 företag hittades' }).waitFor();
    const box = page.getByRole('searchbox', { name: 'Sök företag' });
    assert.ok(await hasFocus(box), 'focus is in the search box');
    assert.equal(await box.inputValue(), '');

    // Sorting by a column keeps the search and tells its order.
    await page.getByRole('button', { name: /^Anställda/ }).click();
    await page
      .getByRole('columnheader', { name: /Anställda/ })
      .and(page.locator('[aria-sort="ascending"]'))
      .waitFor();
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    await firstRow.getByRole('link', { name: 'Älvstrandens Verkstad AB' }).waitFor();

    // An address past the last page, or with values the list never writes: said plainly, no
    // error naming the API's parameters; words too common to search by are said to be ignored.
    await page.goto('/foretag?page=9&section=Z&sizeClass=x');
    await page.getByText('Sida 9 finns inte: det finns bara en sida.').waitFor();
    await expectAccessible(page, 'a page past the end');
    await page.getByRole('button', { name: 'Gå till sista sidan' }).click();
    await page.getByRole('link', { name: 'Leksands Knäckebröd AB' }).waitFor();
    await page.getByText('Visar 1–3 av 3').waitFor();
    await page.goto('/foretag?q=AB');
    await page.getByText(/”AB” innehåller inget ord att söka på, .*så alla företag visas/).waitFor();
    await page.getByRole('heading', { level: 2, name: '3 företag hittades' }).waitFor();

    await page.getByRole('link', { name: 'Leksands Knäckebröd AB' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leksands Knäckebröd AB' }).waitFor();
    await page.getByText(orgNr('556123456')).waitFor();
    await page.getByRole('link', { name: 'info@knacke.se' }).waitFor();
    // Coordinates with decimal commas, as read from the file, shown as Swedish degrees with a map.
    await page.getByText('58,28354° N, 12,2886° Ö').waitFor();
    assert.match(
      (await page.getByRole('link', { name: 'Visa på karta (OpenStreetMap)' }).getAttribute('href')) ?? '',
      /^https:\/\/www\.openstreetmap\.org\/\?mlat=58\.28354&mlon=12\.2886#/,
    );
    await expectAccessible(page, 'the company page');
    assert.equal(await page.title(), 'Leksands Knäckebröd AB – Besök');

    // Recording a visit from the company's page: the form has the company chosen.
    await page.getByRole('link', { name: 'Registrera ett besök' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrera ett besök' }).waitFor();
    await page.getByText('Valt företag').waitFor();
    await page.getByText('Leksands Knäckebröd AB', { exact: true }).waitFor();

    // A company that is not in the register: the title says so too.
    await page.goto('/foretag/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Företaget finns inte i registret.' }).waitFor();
    assert.equal(await page.title(), 'Företaget finns inte i registret – Besök');
  });

  void test('the list shows the order and filters it applies, and a company leads back to it as it was', async () => {
    const sorted = (name: RegExp, dir: 'ascending' | 'descending') =>
      page.getByRole('columnheader', { name }).and(page.locator(`[aria-sort="${dir}"]`));
    // The dropdowns' names (SNI, postal areas) arrive after the list: wait for the chosen option to
    // read as expected, then read it (a wrong one fails here with what it read).
    const expectChosen = async (label: string, expected: string) => {
      const option = page.getByLabel(label).locator('option:checked');
      await option
        .filter({ hasText: expected })
        .waitFor({ state: 'attached', timeout: 5000 })
        .catch(() => undefined);
      assert.equal((await option.textContent())?.trim(), expected, label);
    };

    // The order is the one the server applied: a number with an en dash is searched by org nr;
    // "-" has nothing to search by, so the list is by name.
    await page.goto(`/foretag?q=${encodeURIComponent('556123\u2013456')}`);
    await page.getByRole('heading', { level: 2, name: '1 företag hittades' }).waitFor();
    await page.getByRole('link', { name: 'Leksands Knäckebröd AB' }).waitFor();
    await sorted(/^Organisationsnummer/, 'ascending').waitFor();
    await page.goto('/foretag?q=-');
    await page.getByRole('heading', { level: 2, name: '3 företag hittades' }).waitFor();
    await sorted(/^Namn/, 'ascending').waitFor();

    // A filter from the address shows in its dropdown, also one the dropdown does not list.
    await page.goto('/foretag?postalCode=79330');
    await page.getByRole('heading', { level: 2, name: '0 företag hittades' }).waitFor();
    await expectChosen('Postort', '793 30');
    await page.goto('/foretag?section=A&division=10');
    await page.getByRole('heading', { level: 2, name: '0 företag hittades' }).waitFor();
    await expectChosen('Bransch (SNI-huvudgrupp)', '10 – Livsmedelsframställning');
    await expectChosen('Bransch (SNI-avdelning)', 'A – Jordbruk, skogsbruk och fiske');

    // From a company back to the list as it was left: its filter, order and page.
    const list = '/foretag?postalCode=461&sort=employees&dir=desc';
    await page.goto(list);
    await page.getByRole('heading', { level: 2, name: '3 företag hittades' }).waitFor();
    await expectChosen('Postort', 'Postnummer som börjar på 461');
    await page.getByRole('link', { name: 'Göta Kanalbolag HB' }).click();
    await page.getByRole('heading', { level: 1, name: 'Göta Kanalbolag HB' }).waitFor();
    await page.getByRole('link', { name: 'Tillbaka till registret' }).click();
    await page.getByRole('heading', { level: 2, name: '3 företag hittades' }).waitFor();
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, list);
    await sorted(/^Anställda/, 'descending').waitFor();
    await expectChosen('Postort', 'Postnummer som börjar på 461');
    await expectAccessible(page, 'the register list with a postal-code prefix');

    // In English the SNI names, which exist in Swedish only, are marked as Swedish.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Company register' }).waitFor();
    assert.equal(await page.locator('#company-section option[value="C"]').getAttribute('lang'), 'sv');
    await page.getByRole('link', { name: 'Leksands Knäckebröd AB' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leksands Knäckebröd AB' }).waitFor();
    await page.locator('dd [lang="sv"]', { hasText: /^Tillverkning$/ }).waitFor();
    await page.locator('dd [lang="sv"]', { hasText: /^Livsmedelsframställning$/ }).waitFor();
    await expectAccessible(page, 'the company page in English');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leksands Knäckebröd AB' }).waitFor();
  });

  void test('add a staff member: errors first, then saved and listed', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Personal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personal' }).waitFor();
    await page.getByRole('link', { name: 'Lägg till person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lägg till person' }).waitFor();

    await page.getByLabel('Namn').fill('Karin Kommunalråd');
    await page.getByLabel('E-postadress').fill('karin@');
    await page.getByRole('button', { name: 'Lägg till person' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary.waitFor();
    assert.ok(await hasFocus(summary), 'the error summary has focus');
    await summary.getByRole('link', { name: /E-postadress/ }).waitFor();
    await summary.getByRole('link', { name: /Behörighet/ }).waitFor();
    assert.equal(await page.getByLabel('Namn').inputValue(), 'Karin Kommunalråd', 'input is kept');
    await expectAccessible(page, 'the staff form with errors');

    await page.getByLabel('E-postadress').fill('karin@testkommun.se');
    await page.getByLabel('Titel').fill('Kommunstyrelsens ordförande');
    await page.getByRole('radio', { name: /Läsare/ }).check();
    await page.getByRole('radio', { name: 'Politiker' }).check();
    await page.getByRole('radio', { name: 'Majoritet' }).check();
    await page.getByRole('checkbox', { name: 'Lokaler och mark' }).check();
    await page.getByLabel('Startlösenord').fill('ett-långt-lösenord');
    await expectAccessible(page, 'the staff form');
    await page.getByRole('button', { name: 'Lägg till person' }).click();

    await page.getByText('Karin Kommunalråd är tillagd.').waitFor();
    const row = page.getByRole('row', { name: /Karin Kommunalråd/ });
    await row.getByText('Politiker (majoritet)').waitFor();
    await row.getByText('Läsare').waitFor();
  });

  void test("a reader sees a sole trader's personal identity number with its last digits hidden, and says why", async () => {
    const pnr = '800101123';
    await page.goto('/import');
    await page.getByLabel('Registerfil').setInputFiles({
      name: 'enskild.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Organisationsnummer;Företagsnamn;Besöksadress;E-post;Telefon\r\n${orgNr(pnr)};Frisör Eva Ek;Ekvägen 7;eva@example.se;070-123 45 67\r\n`,
        'utf8',
      ),
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Inläsningen är klar' }).waitFor();

    const reader = await newPage(browser, server);
    await logIn(reader, 'viewer@test.se');
    await reader.goto('/foretag?q=fris%C3%B6r');
    const hit = reader.getByRole('row', { name: /Frisör Eva Ek/ });
    await hit.getByText('800101-XXXX').waitFor();
    await hit.getByRole('link', { name: 'Frisör Eva Ek' }).click();
    await reader.getByRole('heading', { level: 1, name: 'Frisör Eva Ek' }).waitFor();
    await reader.getByText('800101-XXXX').waitFor();
    await reader
      .getByText(/besöksadressen \(ofta ägarens bostad\), e-postadressen och telefonnumret visas inte/)
      .waitFor();
    assert.equal(await reader.getByText('eva@example.se').count(), 0, 'no e-mail address');
    assert.equal(await reader.getByText('Ekvägen 7').count(), 0, 'no visit address');
    // Address, coordinates, e-mail and phone say why they are empty.
    assert.equal(await reader.getByText('Visas inte för läsare', { exact: true }).count(), 4);
    await expectAccessible(reader, "a sole trader's page as a reader");
    await reader.context().close();
  });
});
