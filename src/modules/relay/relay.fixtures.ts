import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { luhnCheckDigit } from '../../core/orgnr';
import { insertCompanyRecord } from '../companies/company.repository';

let serial = 1000;

/** A valid organisation number for a legal person (third digit ≥ 2, Luhn check digit). */
export function testOrgNr(): string {
  const nine = `556${String(serial++).padStart(6, '0')}`;
  return `${nine}${luhnCheckDigit(nine)}`;
}

/** A company in the register (verified), for relay tests and the demo. */
export async function addRegisterCompany(
  db: Executor,
  name: string,
  opts: {
    sniSection?: string;
    sizeClass?: number;
    postalTown?: string;
    email?: string | null;
    orgNr?: string;
    /** A sole trader: its organisation number is the owner's personal identity number. */
    personal?: boolean;
  } = {},
  now = new Date('2026-01-01T00:00:00Z'),
): Promise<string> {
  const id = newId();
  await insertCompanyRecord(
    db,
    {
      id,
      orgNr: opts.orgNr ?? testOrgNr(),
      name,
      personal: opts.personal ?? false,
      verified: true,
      sniSection: opts.sniSection ?? 'C',
      sizeClass: opts.sizeClass ?? 2,
      postalTown: opts.postalTown ?? 'Leksand',
      kommunkod: '2029',
      email: opts.email ?? null,
    },
    now,
  );
  return id;
}

/** The private link in a relay e-mail's text (invitation or nomination). */
export function linkToken(text: string, kind: 'svar' | 'nominera'): string {
  const m = text.match(new RegExp(`/stafett/${kind}/([A-Za-z0-9_-]+)`));
  if (!m?.[1]) throw new Error(`no ${kind} link in: ${text}`);
  return m[1];
}
