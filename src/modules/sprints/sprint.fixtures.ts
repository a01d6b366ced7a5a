import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { luhnCheckDigit } from '../../core/orgnr';
import { insertCompanyRecord } from '../companies/company.repository';
import { createStaff } from '../staff/staff.service';
import type { StaffMember } from '../../contracts/staff';

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
  await insertCompanyRecord(
    db,
    {
      id,
      orgNr: c.orgNr,
      name: c.name,
      personal: false,
      verified: true,
      visitAddress: c.visitAddress,
      postalCode: c.postalCode,
      postalTown: c.postalTown,
      lat: c.lat,
      lon: c.lon,
    },
    now,
  );
  return id;
}

/** The public form as company n fills it in (digital, slots s1–s4, one topic); `over` changes fields. */
export function registrationForm(n: number, over: Record<string, unknown> = {}) {
  return {
    orgNr: orgNrFor(n),
    companyName: `Företag ${n} AB`,
    contactName: `Kontakt ${n}`,
    contactRole: 'VD',
    contactEmail: `kontakt${n}@foretag${n}.se`,
    contactPhone: '0520-123 45',
    mode: 'digital',
    visitAddress: '',
    slots: ['s1', 's2', 's3', 's4'],
    topics: ['lokaler-mark'],
    topicsText: '',
    consent: true,
    ...over,
  };
}

/** Staff member `i` of a sprint's roster (p{i}@kommun.se, role staff), written through the service. */
export function sprintStaff(
  db: Executor,
  municipalityId: string,
  now: Date,
  p: {
    i: number;
    name: string;
    title: string;
    group: StaffMember['group'];
    party: StaffMember['party'];
    expertise?: string[];
  },
): Promise<StaffMember> {
  return createStaff(
    db,
    municipalityId,
    {
      email: `p${p.i}@kommun.se`,
      name: p.name,
      title: p.title,
      phone: '',
      role: 'staff',
      group: p.group,
      party: p.party,
      expertise: p.expertise ?? [],
      password: 'korrekt-häst-batteri',
    },
    now,
  );
}
