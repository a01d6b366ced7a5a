/**
 * Journey of an administrator: import a register file with one bad row and download the rejects,
 * find a company in the register and open it, and add a staff member. Every page visited is
 * checked with axe (WCAG 2.1 A/AA).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { luhnCheckDigit } from '../src/core/orgnr';
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
  `${orgNr('556456789')};Göta Kanalbolag HB;Handelsbolag;52220;Tjänster till sjötransport;4;12;Slussvägen 9;461 32;Trollhättan;1488;Trollhättan;;;;;`,
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
    await expectAccessible(page, 'the import summary');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Ladda ned avvisade rader/ }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    assert.match(text, /Felaktiga Siffror AB/);
    assert.doesNotMatch(text, /Leksands Knäckebröd/);

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

    // Sorting by a column keeps the search and tells its order.
    await page.getByRole('searchbox', { name: 'Sök företag' }).fill('');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '3 företag hittades' }).waitFor();
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
