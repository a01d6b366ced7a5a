import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LayoutError } from '../../core/register/columns';
import { luhnCheckDigit } from '../../core/orgnr';
import type { CompanyInput } from '../../core/register/normalize';
import {
  contentHash,
  contentHashOfJson,
  parseRegister,
  parseRegisterFile,
  stageOf,
  type ParsedBatch,
} from './company-import.parse';

const org = (nine: string) => nine + luhnCheckDigit(nine);

async function all(gen: AsyncGenerator<ParsedBatch>): Promise<ParsedBatch[]> {
  const out: ParsedBatch[] = [];
  for await (const b of gen) out.push(b);
  return out;
}

void describe('register parsing, in this thread and in a worker', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'besok-parse-'));

  void test('a worker yields exactly what this thread yields, batch for batch', async () => {
    const lines = ['Organisationsnummer;Företagsnamn;Antal anställda'];
    for (let i = 0; i < 2500; i++)
      lines.push(`${org(`5599${String(i).padStart(5, '0')}`)};"Rad ${i}; AB";${i % 9}`);
    lines.splice(700, 0, '5599000001;Fel;1');
    const text = lines.join('\r\n') + '\r\n';
    const file = path.join(dir, 'same.csv');
    writeFileSync(file, text);
    const here = await all(parseRegister(Readable.from([Buffer.from(text)]), { batchSize: 1000 }));
    const there = await all(parseRegisterFile(file, { batchSize: 1000 }));
    const shape = (bs: ParsedBatch[]) =>
      bs.map((b) => ({
        rows: b.rows.map((r) => {
          const { id: _id, ...columns } = stageOf(r);
          return { orgNr: r.orgNr, hash: r.hash, columns };
        }),
        rejects: b.rejects,
        header: b.header,
      }));
    assert.deepEqual(shape(there), shape(here));
    // The worker (a first load) prepares the columns to write; this thread leaves that to the writer.
    assert.ok(there.every((b) => b.rows.every((r) => 'stage' in r)));
    assert.ok(here.every((b) => b.rows.every((r) => !('stage' in r))));
    assert.equal(
      there.reduce((n, b) => n + b.rows.length + b.rejects.length, 0),
      2501,
    );
    assert.equal(there.at(-1)!.bytes, Buffer.byteLength(text));
  });

  void test('a record too big for the parser ends the import with a message, not a crash', async () => {
    const file = path.join(dir, 'huge.csv');
    // A quote that never closes: the rest of the file, 40 MB, is one field.
    writeFileSync(
      file,
      `Organisationsnummer;Företagsnamn\n${org('559900001')};"Aldrig stängd AB\n` +
        `${org('559900002')};Nästa AB\n`.repeat(1_600_000),
    );
    await assert.rejects(all(parseRegisterFile(file, { heapMb: 16 })), (err: unknown) => {
      assert.ok(err instanceof LayoutError, String(err));
      assert.match(err.message, /större än 16 MB.*citattecken/);
      return true;
    });
  });

  void test('a layout error in the worker arrives as a LayoutError', async () => {
    const file = path.join(dir, 'layout.csv');
    writeFileSync(file, 'Kolumn A;Kolumn B\n1;2\n');
    await assert.rejects(all(parseRegisterFile(file)), (err: unknown) => err instanceof LayoutError);
    rmSync(dir, { recursive: true, force: true });
  });
});

void describe('the content fingerprint', () => {
  const base: CompanyInput = {
    orgNr: '5566778899',
    personalData: false,
    name: 'Leksands Knäckebröd AB',
    legalForm: 'Aktiebolag',
    sniCode: '10720',
    sniSection: 'C',
    sniDivision: '10',
    industryText: 'Framställning av knäckebröd',
    sizeClass: 3,
    employees: 12,
    visitAddress: 'Storgatan 1',
    postalCode: '79330',
    postalTown: 'Leksand',
    kommunkod: '2029',
    kommun: 'Leksand',
    lat: 60.7312,
    lon: 14.9951,
    email: 'info@example.se',
    phone: '0247-12345',
    website: 'https://example.se',
  };

  void test('keeps the value registers already stored: cyrb53 of the fields as JSON', () => {
    // Fingerprints stored by earlier imports are compared with these: a change of definition would
    // make the next import rewrite every company as "updated".
    assert.equal(contentHashOfJson(base), '105sqkbrl8o');
    assert.equal(contentHash(base), '105sqkbrl8o');
  });

  void test('equals the JSON definition for quotes, backslashes, control characters, surrogates and missing values', () => {
    const names = [
      'Citat "Bolaget" AB',
      'Back\\slash AB',
      'Tab\tNy\nRad\rAB',
      '\u0000\u001f\u007f',
      'Emoji 🚜 AB',
      'Ensam \ud83d hög',
      'Ensam \ude9c låg',
      '',
      'Ölands Åkeri & Ängs AB',
    ];
    const seen = new Set<string>();
    for (const name of names) {
      for (const v of [
        { ...base, name },
        { ...base, name, personalData: true, email: null, lat: null, employees: null },
        { ...base, industryText: name, lon: Number.NaN, sizeClass: 0 },
      ]) {
        assert.equal(contentHash(v), contentHashOfJson(v), JSON.stringify(v));
        seen.add(contentHash(v));
      }
    }
    // And it tells them apart.
    assert.equal(seen.size, names.length * 3);
  });
});
