import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { luhnCheckDigit } from '../../core/orgnr';
import { cdb } from './relay.companies';
import { indexWords, searchText, sortKey } from '../../core/register/names';

let serial = 1000;

/** A valid organisation number for a legal person (third digit ≥ 2, Luhn check digit). */
export function testOrgNr(): string {
  const nine = `556${String(serial++).padStart(6, '0')}`;
  return `${nine}${luhnCheckDigit(nine)}`;
}

/** A company in the register, for relay tests and the demo. */
export async function addRegisterCompany(
  db: Executor,
  name: string,
  opts: {
    sniSection?: string;
    sizeClass?: number;
    postalTown?: string;
    email?: string | null;
    orgNr?: string;
  } = {},
  now = new Date('2026-01-01T00:00:00Z'),
): Promise<string> {
  const id = newId();
  const orgNr = opts.orgNr ?? testOrgNr();
  await cdb(db)
    .insertInto('company')
    .values({
      id,
      org_nr: orgNr,
      name,
      name_search: searchText(name),
      name_sort: sortKey(name),
      sni_section: opts.sniSection ?? 'C',
      size_class: opts.sizeClass ?? 2,
      postal_town: opts.postalTown ?? 'Leksand',
      kommunkod: '2029',
      email: opts.email ?? null,
      personal_data: 0,
      verified: 1,
      content_hash: '',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  const words = indexWords(name);
  if (words.length) {
    await cdb(db)
      .insertInto('company_word')
      .values(words.map((word) => ({ word, org_nr: orgNr })))
      .execute();
  }
  return id;
}

/** The private link in a relay e-mail's text (invitation or nomination). */
export function linkToken(text: string, kind: 'svar' | 'nominera'): string {
  const m = text.match(new RegExp(`/stafett/${kind}/([A-Za-z0-9_-]+)`));
  if (!m?.[1]) throw new Error(`no ${kind} link in: ${text}`);
  return m[1];
}
