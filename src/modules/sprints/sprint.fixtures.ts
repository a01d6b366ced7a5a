import type { Kysely } from 'kysely';
import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { luhnCheckDigit } from '../../core/orgnr';
import { searchText, sortKey } from '../../core/register/names';
import { insertCompanyWords } from '../companies/company.repository';

/** A valid organisation number of a legal person from a running number (tests and the demo). */
export function orgNrFor(n: number): string {
  const nine = `556${String(n).padStart(6, '0')}`;
  return nine + String(luhnCheckDigit(nine));
}

/** A company of the register (verified) with a position, written directly. */
export async function insertRegisterCompany(
  db: Executor,
  c: {
    orgNr: string;
    name: string;
    visitAddress: string;
    postalCode: string;
    postalTown: string;
    lat: number;
    lon: number;
  },
  now: Date,
): Promise<string> {
  const id = newId();
  await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('company')
    .values({
      id,
      org_nr: c.orgNr,
      name: c.name,
      name_search: searchText(c.name),
      name_sort: sortKey(c.name),
      visit_address: c.visitAddress,
      postal_code: c.postalCode.replace(/\s/g, ''),
      postal_town: c.postalTown,
      lat: c.lat,
      lon: c.lon,
      size_class: 0,
      personal_data: 0,
      verified: 1,
      content_hash: id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  await insertCompanyWords(db, {
    org_nr: c.orgNr,
    name: c.name,
    sni_division: null,
    size_class: 0,
    employees: null,
    postal_code: c.postalCode.replace(/\s/g, ''),
    kommunkod: null,
  });
  return id;
}
