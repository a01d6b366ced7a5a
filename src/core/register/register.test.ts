import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { StreamDecoder, incompleteUtf8Tail, encodeText, utf8BeforeInvalid } from './decode';
import { CsvReader, detectSeparator, formatCsvRow, type CsvRecord } from './csv';
import { LayoutError, normaliseHeader, parseColumnMap, recogniseLayout } from './columns';
import { normaliseRecord, parseDecimal, parseSizeClass, sizeClassOfEmployees } from './normalize';
import { foldName, indexWords, nameKeys, queryWords, searchText, sortKey } from './names';
import { divisionRange, sectionOfDivision } from './sni';
import { readRegister, type RegisterRow } from './reader';
import { luhnCheckDigit } from '../orgnr';

const org = (nine: string) => nine + luhnCheckDigit(nine);

function decodeAll(bytes: Uint8Array, size: number): { text: string; encoding: string } {
  const d = new StreamDecoder();
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += d.write(bytes.subarray(i, i + size));
  text += d.end();
  return { text, encoding: d.encoding };
}

function parseAll(text: string, sep: ';' | ',' | '\t', size = text.length): CsvRecord[] {
  const r = new CsvReader(sep);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size), out);
  r.end(out);
  return out;
}

describe('decoding', () => {
  const sample = 'Företag;Ort\nÅkeri Öst AB;Västerås — “citat” €\n';

  test('UTF-8 with and without BOM, split anywhere, even inside a character', () => {
    const plain = Buffer.from(sample, 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    for (let size = 1; size <= 8; size++) {
      assert.deepEqual(
        decodeAll(plain, size),
        { text: sample, encoding: 'utf-8' },
        `plain, chunks of ${size}`,
      );
      assert.deepEqual(
        decodeAll(bom, size),
        { text: sample, encoding: 'utf-8-bom' },
        `bom, chunks of ${size}`,
      );
    }
  });

  test('Windows-1252 ("Företag" as cp1252 bytes), even when the first chunk is plain ASCII', () => {
    const bytes = iconv.encode('Organisationsnummer;Namn\n1;Företag Åre\n', 'win1252');
    assert.ok(bytes.includes(Buffer.from([0x46, 0xf6, 0x72])), 'F ö r');
    for (const size of [1, 3, 30, 1000]) {
      assert.deepEqual(decodeAll(bytes, size), {
        text: 'Organisationsnummer;Namn\n1;Företag Åre\n',
        encoding: 'windows-1252',
      });
    }
  });

  test('a stray byte in a UTF-8 file is U+FFFD, not a switch to Windows-1252 for the rest', () => {
    // "Åre" in UTF-8, then an "é" as a lone cp1252 byte, then more UTF-8: in one chunk or split
    // anywhere, the UTF-8 around the stray byte stays UTF-8.
    const bytes = Buffer.concat([
      Buffer.from('Namn\nÅre AB\nCaf', 'utf8'),
      Buffer.from([0xe9]),
      Buffer.from(' AB\nGöta AB\n', 'utf8'),
    ]);
    for (const size of [1, 2, 7, 1000]) {
      assert.deepEqual(
        decodeAll(bytes, size),
        { text: 'Namn\nÅre AB\nCaf\ufffd AB\nGöta AB\n', encoding: 'utf-8' },
        `chunks of ${size}`,
      );
    }
    // Without UTF-8 before it, the first invalid byte still means Windows-1252.
    assert.deepEqual(decodeAll(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]), 1000), {
      text: 'Café\n',
      encoding: 'windows-1252',
    });
  });

  test('a Windows-1252 file whose first letters happen to form valid UTF-8 is still Windows-1252', () => {
    const text = 'Namn\nÖ\u00a0Hamnens Bil AB\nLeksand Kök AB\n';
    const bytes = iconv.encode(text, 'win1252');
    // Decided on the chunk where the non-ASCII text first appears (the reader's are 256 KB).
    for (const size of [1000, 256 * 1024]) {
      assert.deepEqual(decodeAll(bytes, size), { text, encoding: 'windows-1252' }, `chunks of ${size}`);
    }
  });

  test('UTF-8 in another script (Greek, Cyrillic) with no å, ä or ö is UTF-8', () => {
    const text = 'Namn\nΕλληνικά Δελικατέσσεν AB\nКафе Москва AB\n';
    for (const size of [1, 7, 1000]) {
      assert.deepEqual(
        decodeAll(Buffer.from(text, 'utf8'), size),
        { text, encoding: 'utf-8' },
        `chunks of ${size}`,
      );
    }
  });

  test('UTF-8 before the first invalid sequence', () => {
    assert.equal(utf8BeforeInvalid(Buffer.from([0xc3, 0xa5, 0xe9])), true); // å, then a stray é
    assert.equal(utf8BeforeInvalid(Buffer.from([0x41, 0xe9, 0xc3, 0xa5])), false); // invalid first
    assert.equal(utf8BeforeInvalid(Buffer.from([0xe0, 0x80, 0x80])), false); // overlong
    assert.equal(utf8BeforeInvalid(Buffer.from([0xed, 0xa0, 0x80])), false); // a surrogate
    assert.equal(utf8BeforeInvalid(Buffer.from([0xe2, 0x82, 0xac, 0x41])), true); // €
    assert.equal(utf8BeforeInvalid(Buffer.from([0xf6, 0x72])), false); // cp1252 "ör"
    // cp1252 "Ö" and a no-break space form a valid sequence (U+05A0), but not one Swedish text has.
    assert.equal(utf8BeforeInvalid(Buffer.from([0xd6, 0xa0, 0x48, 0xf6])), false);
  });

  test('the incomplete tail of a chunk', () => {
    const ae = Buffer.from('ä', 'utf8'); // c3 a4
    const euro = Buffer.from('€', 'utf8'); // e2 82 ac
    assert.equal(incompleteUtf8Tail(Buffer.from('abc')), 0);
    assert.equal(incompleteUtf8Tail(ae.subarray(0, 1)), 1);
    assert.equal(incompleteUtf8Tail(ae), 0);
    assert.equal(incompleteUtf8Tail(euro.subarray(0, 2)), 2);
    assert.equal(incompleteUtf8Tail(euro), 0);
  });

  test('encodes back in the input encoding', () => {
    assert.deepEqual([...encodeText('Ö', 'windows-1252')], [0xd6]);
    assert.deepEqual([...encodeText('Ö', 'utf-8-bom')], [0xc3, 0x96]);
  });
});

describe('CSV records', () => {
  const text =
    'a;b;c\r\n' +
    '1;"semi;colon";"say ""hi"""\r\n' +
    '2;"two\r\nlines\nthree";x\r\n' +
    '\r\n' +
    '3;;\n' +
    '4;last';

  test('quoted separators, quotes and newlines; CRLF and LF; blank lines; line numbers', () => {
    const expected = [
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'semi;colon', 'say "hi"'], line: 2 },
      // A record over several lines keeps its text as read (a reject file writes it back so).
      { fields: ['2', 'two\r\nlines\nthree', 'x'], line: 3, raw: '2;"two\r\nlines\nthree";x\r\n' },
      { fields: ['3', '', ''], line: 7 },
      { fields: ['4', 'last'], line: 8 },
    ];
    for (let size = 1; size <= text.length; size++) {
      assert.deepEqual(parseAll(text, ';', size), expected, `chunks of ${size}`);
    }
  });

  test('a quote never closed runs to the end and marks the record', () => {
    const recs = parseAll('a;b\n1;"open\n2;3\n', ';', 4);
    assert.equal(recs.length, 2);
    assert.deepEqual(recs[1], {
      fields: ['1', 'open\n2;3\n'],
      line: 2,
      unterminated: true,
      raw: '1;"open\n2;3\n',
    });
  });

  test('text after a closing quote is kept and marks the record with its field', () => {
    const text = 'a;b;c\n1;"x" y;z\n2;"ok" ;w\n';
    for (let size = 1; size <= text.length; size++) {
      const recs = parseAll(text, ';', size);
      assert.deepEqual(
        recs[1],
        { fields: ['1', 'x y', 'z'], line: 2, afterQuote: 1, raw: '1;"x" y;z\n' },
        `chunks of ${size}`,
      );
      assert.deepEqual(recs[2], { fields: ['2', 'ok ', 'w'], line: 3 }, 'spaces after it are no sign');
    }
  });

  test('a stray quote inside a field is kept', () => {
    assert.deepEqual(parseAll('5 "tum" rör;x\n', ';')[0]!.fields, ['5 "tum" rör', 'x']);
  });

  test('separator detection from the header line', () => {
    assert.equal(detectSeparator('Organisationsnummer;Företagsnamn;Ort'), ';');
    assert.equal(detectSeparator('OrgNr,Namn,Ort'), ',');
    assert.equal(detectSeparator('OrgNr\tNamn,med komma\tOrt'), '\t');
    assert.equal(detectSeparator('"Namn; med semikolon",OrgNr,Ort'), ',');
  });

  test('rows are written back with the quoting they need', () => {
    assert.equal(
      formatCsvRow(['a', 'b;c', 'say "hi"', 'two\nlines'], ';'),
      'a;"b;c";"say ""hi""";"two\nlines"',
    );
    assert.equal(formatCsvRow(['a', 'b;c'], ','), 'a,b;c');
  });
});

describe('columns', () => {
  test('headers are recognised case-, accent- and punctuation-insensitively', () => {
    assert.equal(normaliseHeader('Antal Anställda'), 'antalanstallda');
    const layout = recogniseLayout(['ORG.NR', 'firma', 'Ng1', 'besoksadress', 'E-POST', 'Okänd', 'LATITUD']);
    assert.deepEqual(layout.index, { orgNr: 0, name: 1, sniCode: 2, visitAddress: 3, email: 4, lat: 6 });
    assert.equal(layout.columns[5], null);
    assert.equal(recogniseLayout(['PeOrgNr', 'Företagsnamn']).index.orgNr, 0);
  });

  test("a reject file's own columns are ignored", () => {
    const layout = recogniseLayout(['Org.nr', 'Namn', 'Avvisad: orsak', 'Avvisad: rad']);
    assert.deepEqual(layout.columns, ['orgNr', 'name', 'ignore', 'ignore']);
  });

  test('--map adds headers, by field key or by a known header', () => {
    const map = parseColumnMap('Bolag=name, Nummer=Organisationsnummer,Anst=employees');
    const layout = recogniseLayout(['Nummer', 'Bolag', 'Anst'], map);
    assert.deepEqual(layout.index, { orgNr: 0, name: 1, employees: 2 });
    assert.throws(() => parseColumnMap('Bolag'), LayoutError);
    assert.throws(
      () => parseColumnMap('Bolag=skostorlek'),
      /Kolumnkopplingen "Bolag=skostorlek": okänt fält "skostorlek"; kända fält: Organisationsnummer, Företagsnamn, Juridisk form/,
    );
  });

  test('an unknown layout is refused naming the columns found and needed', () => {
    assert.throws(
      () => recogniseLayout(['Namn', 'Adress', 'Telefon']),
      (err: unknown) =>
        err instanceof LayoutError &&
        err.message.includes('Organisationsnummer saknas') &&
        err.message.includes('Hittade kolumner: "Namn", "Adress", "Telefon"') &&
        err.message.includes('i fältet ”Egna kolumnrubriker” eller, på kommandoraden, med --map'),
    );
  });
});

describe('normalising a record', () => {
  const layout = recogniseLayout([
    'Organisationsnummer',
    'Företagsnamn',
    'SNI-kod',
    'Storleksklass',
    'Antal anställda',
    'Postnummer',
    'Kommunkod',
    'Latitud',
    'Longitud',
  ]);
  const ok = (fields: string[]) => {
    const r = normaliseRecord(fields, layout);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    return r.company;
  };
  const reason = (fields: string[]) => {
    const r = normaliseRecord(fields, layout);
    assert.ok(!r.ok);
    return r.reason;
  };
  const o = org('556677889');

  test('a full record', () => {
    const c = ok([
      `16${o}`,
      '  Leksands   Knäckebröd AB ',
      '1072',
      '1-4',
      '3',
      '793 30',
      '180',
      '60,73',
      '14.99',
    ]);
    assert.equal(c.orgNr, o);
    assert.equal(c.personalData, false);
    assert.equal(c.name, 'Leksands Knäckebröd AB');
    assert.deepEqual([c.sniCode, c.sniDivision, c.sniSection], ['01072', '01', 'A']);
    assert.deepEqual([c.sizeClass, c.employees, c.postalCode, c.kommunkod], [2, 3, '79330', '0180']);
    assert.deepEqual([c.lat, c.lon], [60.73, 14.99]);
  });

  test('a sole trader is personal data, whatever prefix the file used', () => {
    const pnr = org('800101000');
    assert.equal(ok([pnr, 'Anna Anderssons Bygg']).personalData, true);
    assert.equal(ok([`16${pnr}`, 'Anna Anderssons Bygg']).personalData, true);
  });

  test('reasons name the field', () => {
    assert.equal(reason(['556677-8898', 'X']), 'Organisationsnummer: "556677-8898" har fel kontrollsiffra');
    assert.equal(reason(['', 'X']), 'Organisationsnummer saknas');
    assert.equal(reason([o, '  ']), 'Företagsnamn saknas');
    assert.match(reason([o, 'X', '04100']), /^SNI-kod: /);
    assert.match(reason([o, 'X', 'abc']), /^SNI-kod: "abc"/);
    assert.match(reason([o, 'X', '', 'många']), /^Storleksklass: "många"/);
    assert.match(reason([o, 'X', '', '', 'tre']), /^Antal anställda: "tre"/);
    // A count no employer has, that PostgreSQL's integer column would refuse (failing the batch).
    assert.equal(
      reason([o, 'X', '', '', '3000000000']),
      'Antal anställda: "3000000000" anställda är orimligt många (högst 1\u00a0000\u00a0000)',
    );
    assert.equal(ok([o, 'X', '', '', '1000000']).employees, 1_000_000);
    assert.match(reason([o, 'X', '', '', '', '7930']), /^Postnummer: "7930"/);
    assert.match(reason([o, 'X', '', '', '', '', '12345']), /^Kommunkod: /);
    assert.match(reason([o, 'X', '', '', '', '', '', '58,2,1']), /^Latitud: /);
  });

  test('size classes: SCB codes and text ranges', () => {
    assert.equal(parseSizeClass('7', null), 7);
    assert.equal(parseSizeClass('0', null), 0, 'unknown');
    assert.equal(parseSizeClass('0', 0), 1, 'a range "0" with no employees');
    assert.equal(parseSizeClass('1-4', null), 2);
    assert.equal(parseSizeClass('50–99', null), 6);
    assert.equal(parseSizeClass('1000+', null), 10);
    assert.equal(parseSizeClass('10 000+', null), 16);
    assert.equal(parseSizeClass('', 12), 4);
    assert.equal(parseSizeClass('17', null), null);
    assert.deepEqual(
      [0, 1, 4, 5, 49, 50, 499, 500, 9999, 10000].map(sizeClassOfEmployees),
      [1, 2, 2, 3, 5, 6, 8, 9, 15, 16],
    );
  });

  test('decimal commas and points', () => {
    assert.equal(parseDecimal('58,28240'), 58.2824);
    assert.equal(parseDecimal(' 12.20207 '), 12.20207);
    assert.equal(parseDecimal(''), null);
    assert.ok(Number.isNaN(parseDecimal('1e5')));
  });
});

describe('names for search and sorting', () => {
  test('words, search text and index words', () => {
    assert.equal(searchText('Leksands Knäckebröd AB'), ' leksands knäckebröd ab');
    assert.equal(searchText('CAFÉ Ölstugan & Söner'), ' cafe ölstugan söner');
    assert.deepEqual(indexWords('Bygg i Trollhättan AB'), ['bygg', 'trollhättan']);
    assert.deepEqual(queryWords('Knäcke AB'), ['knäcke']);
  });

  test('å, ä and ö written as a letter and a combining mark (NFD) are å, ä and ö', () => {
    const nfd = 'Åkeri Öst Ängel'.normalize('NFD');
    assert.notEqual(nfd, 'Åkeri Öst Ängel');
    assert.equal(searchText(nfd), ' åkeri öst ängel');
    assert.deepEqual(queryWords(nfd), ['åkeri', 'öst', 'ängel']);
    assert.equal(sortKey(nfd), sortKey('Åkeri Öst Ängel'));
  });

  test('nameKeys gives what the three functions give, in one pass', () => {
    for (const n of [
      'Leksands Knäckebröd AB',
      'CAFÉ Ölstugan & Söner',
      'Bygg i Trollhättan AB',
      'Øl AB',
      '',
    ]) {
      assert.deepEqual(nameKeys(n), {
        searchText: searchText(n),
        indexWords: indexWords(n),
        sortKey: sortKey(n),
      });
    }
  });

  test('lower-casing as the Swedish locale does, for every code point', () => {
    for (let c = 0; c < 0x30000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const ch = String.fromCodePoint(c);
      if (ch.toLowerCase() !== ch.toLocaleLowerCase('sv')) assert.fail(`U+${c.toString(16)} differs`);
    }
    assert.equal(foldName('ÅKERI ÄNGEL ÖST ÉCOLE'), 'åkeri ängel öst ecole');
  });

  test('the sort key sorts like Swedish', () => {
    const names = [
      'Östra Bygg',
      'Zeta AB',
      'Åkeri Nord',
      'Ängel AB',
      'Alfa AB',
      'Ärlig HB',
      'Bageri 2',
      'Bageri 10',
      'Øl AB',
    ];
    const byKey = [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    assert.deepEqual(byKey, [
      'Alfa AB',
      'Bageri 10',
      'Bageri 2',
      'Zeta AB',
      'Åkeri Nord',
      'Ängel AB',
      'Ärlig HB',
      'Øl AB',
      'Östra Bygg',
    ]);
  });

  test('SNI sections of divisions', () => {
    assert.equal(sectionOfDivision('43'), 'F');
    assert.equal(sectionOfDivision('01'), 'A');
    assert.equal(sectionOfDivision('04'), null);
    assert.deepEqual(divisionRange('c'), { from: '10', to: '33' });
  });
});

describe('reading a register', () => {
  async function readAll(chunks: Array<string | Buffer>, map?: string) {
    const rows: RegisterRow[] = [];
    let encoding = '';
    let eol = '';
    async function* gen() {
      yield* chunks;
    }
    for await (const b of readRegister(gen(), { map })) {
      rows.push(...b.rows);
      encoding = b.header.encoding();
      eol = b.header.eol;
    }
    return { rows, encoding, eol };
  }

  test('a file with lines ending in CR alone (Excel for Mac) is read line by line', async () => {
    const [a, b] = [org('559000001'), org('559000002')];
    const text = `Org.nr;Namn\r${a};Mac AB\r${b};"Två\rrader AB"\r5566778898;Fel AB\r`;
    for (const size of [1, 2, 5, text.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const { rows, eol } = await readAll(chunks);
      assert.deepEqual(
        rows.map((r) => [r.line, r.result.ok ? r.result.company.name : 'rejected']),
        [
          [2, 'Mac AB'],
          [3, 'Två rader AB'],
          [5, 'rejected'],
        ],
        `chunks of ${size}`,
      );
      assert.equal(eol, '\r', 'the reject file is written with the same line ends');
    }
  });

  test('a line end inside a quoted header name does not decide the line ends', async () => {
    const a = org('559000001');
    const { rows } = await readAll(
      [`Org.nr;"Namn\rpå företaget"\r\n${a};Rätt Rad AB\r\n`],
      'Namn på företaget=Företagsnamn',
    );
    assert.deepEqual(
      rows.map((r) => [r.line, r.result.ok ? r.result.company.name : r.result.reason]),
      [[2, 'Rätt Rad AB']],
    );
  });

  test('every record, with its line, normalised or with a reason', async () => {
    const a = org('559000001');
    const text = `\ufeffOrg.nr;Namn\r\n${a};"Två\r\nrader AB"\r\n${a};\r\n`;
    const { rows, encoding } = await readAll([text.slice(0, 5), text.slice(5, 17), text.slice(17)]);
    assert.equal(encoding, 'utf-8-bom'); // strings are read as UTF-8 bytes, so U+FEFF is a BOM
    assert.deepEqual(
      rows.map((r) => [r.line, r.result.ok ? r.result.company.name : r.result.reason]),
      [
        [2, 'Två rader AB'],
        [4, 'Företagsnamn saknas'],
      ],
    );
  });

  test('a record with more fields than the header is rejected, saying why', async () => {
    const [a, b, c] = [org('559000001'), org('559000002'), org('559000003')];
    const text =
      `Org.nr;Namn;Telefon\n` +
      `${a};Många AB;010-1;extra;mer\n` + // a separator too many
      `${b};Tomma fält AB;010-2;;\n` + // trailing empty fields: fine
      `${c};Citat AB;"010-3\n${a};"Sväljs AB";020\n` + // an unbalanced quote joins two lines
      `${b};Nästa AB;030\n`;
    const { rows } = await readAll([text]);
    assert.deepEqual(
      rows.map((r) => [r.line, r.result.ok ? r.result.company.name : r.result.reason]),
      [
        [
          2,
          'Raden har 5 värden men rubrikraden har 3 kolumner; troligen finns ett avgränsningstecken för mycket, eller ett värde som borde stå inom citattecken',
        ],
        [3, 'Tomma fält AB'],
        [
          4,
          'Raden har 4 värden men rubrikraden har 3 kolumner; troligen saknas ett avslutande citattecken ("), så att raden slagits ihop med nästa',
        ],
        [6, 'Nästa AB'],
      ],
    );
  });

  test('a quote without its end, closed by a later field, rejects its record instead of emptying columns', async () => {
    const [a, b, c, d] = [org('559000001'), org('559000002'), org('559000003'), org('559000004')];
    const text =
      `Org.nr;Namn;Juridisk form;Besöksadress;Telefon\n` +
      `${a};Citat AB;"Aktiebolag;Storgatan 1;010-1\n` + // the quote is never closed …
      `${b};Sväljd AB;Aktiebolag;Torget 2;010-2\n` +
      `${c};Adress AB;Aktiebolag;"c/o Anna Berg\nSkolgatan 7";010-3\n` + // … until this field's
      `${d};Nästa AB;Aktiebolag;Ån 1;010-4\n`;
    const { rows } = await readAll([text]);
    assert.deepEqual(
      rows.map((r) => [r.line, r.result.ok ? r.result.company.name : r.result.reason]),
      [
        [
          2,
          'Fältet ”Juridisk form” (kolumn 3) har text efter sitt avslutande citattecken ("). Troligen saknar ett citattecken sitt slut, så att de 2 följande raderna lästes in som en del av fältet. Rätta raden och importera den igen',
        ],
        [
          5,
          'Raden har 2 värden men rubrikraden har 5 kolumner; troligen har en radbrytning delat raden i två, eller saknas avgränsningstecken. Rätta raden så att den har 5 värden (tomma värden går bra)',
        ],
        [6, 'Nästa AB'],
      ],
    );
  });

  test('UTF-8 rows in a file read as Windows-1252 are rejected, not stored garbled', async () => {
    const [a, b, c] = [org('559000001'), org('559000002'), org('559000003')];
    const bytes = Buffer.concat([
      Buffer.from(`OrgNr;Namn;Postort\n${a};Caf`, 'utf8'),
      Buffer.from([0xe9]), // é in Windows-1252, before any UTF-8: the file is read as Windows-1252
      Buffer.from(` AB;Leksand\n${b};Åkeri Öst AB;Rättvik\n${c};Smedja AB;Mora\n`, 'utf8'),
    ]);
    const { rows, encoding } = await readAll([bytes]);
    assert.equal(encoding, 'windows-1252');
    assert.deepEqual(
      rows.map((r) => [r.line, r.result.ok ? r.result.company.name : r.result.reason]),
      [
        [2, 'Café AB'],
        [
          3,
          'Raden har tecken som ser ut som UTF-8 (”Ã…”) i en fil som i övrigt lästs som Windows-1252: filen blandar teckenkodningar. Spara hela filen som CSV UTF-8 och importera den igen',
        ],
        [4, 'Smedja AB'],
      ],
    );
  });

  test('a quote without its end closed by a quote before a separator: the short record is rejected', async () => {
    const [a, b] = [org('559000001'), org('559000002')];
    const text =
      `Org.nr;Namn;Adress;Telefon\n` +
      `${a};"A AB;Gatan 1;010\n` + // never closed …
      `${b};B AB;"\nc/o X";020\n` + // … until this quote, which a separator follows
      `${a};"Citat ""i"" namnet AB";Torget 1;030\n` + // a quoted field in full is fine
      `${b};Bra AB;"Box 1\nTorget 2";040\n`; // and so is one over two lines, with every column
    const { rows } = await readAll([text]);
    assert.deepEqual(
      rows.map((r) => [r.line, r.result.ok ? r.result.company.name : r.result.reason]),
      [
        [
          2,
          'Raden har 2 värden men rubrikraden har 4 kolumner, och ett värde inom citattecken sträcker sig över flera rader: troligen saknar ett citattecken (") sitt slut, så att raderna efter det lästes in som en del av värdet',
        ],
        [
          4,
          'Raden har 2 värden men rubrikraden har 4 kolumner; troligen har en radbrytning delat raden i två, eller saknas avgränsningstecken. Rätta raden så att den har 4 värden (tomma värden går bra)',
        ],
        [5, 'Citat "i" namnet AB'],
        [6, 'Bra AB'],
      ],
    );
  });

  test('text after the closing quote of a field on one line: the reason says both ways it comes about', async () => {
    const { rows } = await readAll([`Org.nr;Namn\n${org('559000001')};"Bästa" Bygg AB\n`]);
    assert.deepEqual(
      rows.map((r) => (r.result.ok ? r.result.company.name : r.result.reason)),
      [
        'Fältet ”Namn” (kolumn 2) har text efter sitt avslutande citattecken ("). Antingen saknar ett citattecken sitt slut, eller så har fältet citattecken i sig och behöver stå inom citattecken med dem dubblade (""). Rätta raden och importera den igen',
      ],
    );
  });

  test('a record with characters that could not be decoded is rejected', async () => {
    const [a, b] = [org('559000001'), org('559000002')];
    const bytes = Buffer.concat([
      Buffer.from(`Org.nr;Namn\n${a};Åre AB\n${b};Caf`, 'utf8'),
      Buffer.from([0xe9]),
      Buffer.from(' AB\n', 'utf8'),
    ]);
    const { rows, encoding } = await readAll([bytes]);
    assert.equal(encoding, 'utf-8');
    assert.deepEqual(
      rows.map((r) => [r.line, r.result.ok ? r.result.company.name : r.result.reason]),
      [
        [2, 'Åre AB'],
        [
          3,
          'Raden har tecken som inte går att läsa i filens teckenkodning; rätta dem och spara filen som CSV UTF-8',
        ],
      ],
    );
  });

  test('a workbook, a PDF or a binary is refused as not a CSV file, without showing its bytes', async () => {
    const zip = Buffer.concat([
      Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'),
      Buffer.from([0x9c, 0xff, 0x0a]),
    ]);
    await assert.rejects(
      readAll([zip]),
      /^LayoutError: Filen är komprimerad \(en arbetsbok från Excel eller LibreOffice, eller en zip-fil\)/,
    );
    await assert.rejects(
      readAll([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x0a])]),
      /Excel-arbetsbok/,
    );
    await assert.rejects(readAll(['%PDF-1.7\n%âãÏÓ\n']), /en PDF/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x0a]);
    await assert.rejects(readAll([png]), /Filen är en bild/);
    await assert.rejects(
      readAll([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x0a])]),
      /Filen är en bild/,
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Org.nr;Namn\r\n', 'utf16le')]);
    await assert.rejects(readAll([utf16]), /sparad som UTF-16/);
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x0a]);
    await assert.rejects(readAll([elf]), (err: Error) => {
      assert.match(err.message, /inte en textfil/);
      assert.ok(![...err.message].some((ch) => ch.charCodeAt(0) < 9), 'no control character shown');
      return true;
    });
  });

  test('an empty file or a header-only file', async () => {
    await assert.rejects(readAll(['']), /Filen är tom/);
    await assert.rejects(
      readAll(['\n\nOrg.nr;Namn\n']),
      /Filens första rad är tom\. Den ska innehålla kolumnrubrikerna\./,
    );
    assert.deepEqual((await readAll(['Organisationsnummer;Företagsnamn'])).rows, []);
  });
});
