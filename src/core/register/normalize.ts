import { isPersonalNumber, parseOrgNr } from '../orgnr';
import { FIELD_LABELS, type Layout, type RegisterField } from './columns';
import { sectionOfDivision } from './sni';

/** One company as the register import stores it, normalised. */
export interface CompanyInput {
  orgNr: string;
  /** The org nr is a personal identity number (a sole trader): personal data. */
  personalData: boolean;
  name: string;
  legalForm: string | null;
  sniCode: string | null;
  sniSection: string | null;
  sniDivision: string | null;
  industryText: string | null;
  sizeClass: number;
  employees: number | null;
  visitAddress: string | null;
  postalCode: string | null;
  postalTown: string | null;
  kommunkod: string | null;
  kommun: string | null;
  lat: number | null;
  lon: number | null;
  email: string | null;
  phone: string | null;
  website: string | null;
}

export type NormaliseResult = { ok: true; company: CompanyInput } | { ok: false; reason: string };

class Reject extends Error {}

/** The most employees a record may give; the largest Swedish employers have about 100 000. */
export const MAX_EMPLOYEES = 1_000_000;

const fail = (field: RegisterField, message: string): never => {
  throw new Reject(`${FIELD_LABELS[field]}: ${message}`);
};

/** SCB size classes by the lower bound of their employee range (STACK.md). */
const CLASS_BOUNDS: ReadonlyArray<[number, number]> = [
  [10000, 16],
  [5000, 15],
  [4000, 14],
  [3000, 13],
  [2000, 12],
  [1500, 11],
  [1000, 10],
  [500, 9],
  [200, 8],
  [100, 7],
  [50, 6],
  [20, 5],
  [10, 4],
  [5, 3],
  [1, 2],
  [0, 1],
];

export function sizeClassOfEmployees(n: number): number {
  for (const [lo, cls] of CLASS_BOUNDS) if (n >= lo) return cls;
  return 0;
}

/**
 * "3" (an SCB code 0–16), "1-4", "50–99", "1000+", "10 000+" → SCB class. A bare "0" is
 * ambiguous — SCB's code for "unknown", or a text range meaning no employees — and is read as
 * the latter when the employee count says 0 (extracts that write ranges write "0" that way).
 */
export function parseSizeClass(raw: string, employees: number | null): number | null {
  const v = raw.replace(/[\s\u00a0]/g, '');
  if (v === '') return employees !== null ? sizeClassOfEmployees(employees) : 0;
  if (/^\d+$/.test(v)) {
    const k = Number(v);
    if (k === 0 && employees !== null) return sizeClassOfEmployees(employees);
    return k <= 16 ? k : null;
  }
  const range = /^(\d+)(?:[-–—](\d+)?|\+)$/.exec(v);
  if (range) return sizeClassOfEmployees(Number(range[1]));
  return null;
}

/** "58,28240" or "58.28240" → 58.2824 */
export function parseDecimal(raw: string): number | null {
  const v = raw
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.')
    .replace('\u2212', '-');
  if (v === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(v)) return NaN;
  return Number(v);
}

const MESSY_SPACE = /\s\s|[\t\n\r\u00a0]/;
const text = (v: string | undefined): string | null => {
  if (v === undefined) return null;
  const t = (MESSY_SPACE.test(v) ? v.replace(/\s+/g, ' ') : v).trim();
  return t === '' ? null : t;
};

/**
 * One record of an extract → a normalised company, or a reason (Swedish, naming the field) why
 * it cannot be imported. Optional fields that are present but malformed reject the record too:
 * silently dropping a bad postal code would leave the user no way to see and fix it.
 */
export function normaliseRecord(fields: readonly string[], layout: Layout): NormaliseResult {
  const get = (f: RegisterField): string | undefined => {
    const i = layout.index[f];
    return i === undefined ? undefined : fields[i];
  };
  try {
    const rawOrg = get('orgNr') ?? '';
    if (rawOrg.trim() === '') return { ok: false, reason: 'Organisationsnummer saknas' };
    const org = parseOrgNr(rawOrg);
    if (!org.ok) return { ok: false, reason: `Organisationsnummer: ${org.message}` };
    const name = text(get('name'));
    if (!name) return { ok: false, reason: 'Företagsnamn saknas' };
    if (name.length > 300) fail('name', 'längre än 300 tecken');

    let sniCode: string | null = null;
    let sniDivision: string | null = null;
    let sniSection: string | null = null;
    const rawSni = (get('sniCode') ?? '').replace(/[\s.]/g, '');
    if (rawSni !== '') {
      if (!/^\d{4,5}$/.test(rawSni)) fail('sniCode', `"${rawSni}" är ingen SNI 2007-kod (fem siffror)`);
      // Excel drops the leading zero of "01110"; four digits are read as such a code.
      sniCode = rawSni.padStart(5, '0');
      sniDivision = sniCode.slice(0, 2);
      sniSection = sectionOfDivision(sniDivision);
      if (!sniSection) fail('sniCode', `"${rawSni}": huvudgrupp ${sniDivision} finns inte i SNI 2007`);
    }

    let employees: number | null = null;
    const rawEmp = (get('employees') ?? '').replace(/[\s\u00a0]/g, '');
    if (rawEmp !== '') {
      if (!/^\d+$/.test(rawEmp)) fail('employees', `"${rawEmp}" är inget antal`);
      employees = Number(rawEmp);
      // More than any employer has (and than a database integer holds): a slip, not a count.
      if (employees > MAX_EMPLOYEES)
        fail(
          'employees',
          `"${rawEmp}" anställda är orimligt många (högst ${MAX_EMPLOYEES.toLocaleString('sv-SE')})`,
        );
    }
    const rawSize = get('sizeClass') ?? '';
    const sizeClass = parseSizeClass(rawSize, employees);
    if (sizeClass === null)
      fail('sizeClass', `"${rawSize.trim()}" är ingen storleksklass (0–16 eller t.ex. "1-4")`);

    let postalCode: string | null = null;
    const rawPostal = (get('postalCode') ?? '').replace(/[\s\u00a0]/g, '');
    if (rawPostal !== '') {
      const p = rawPostal.replace(/^SE-?/i, '');
      if (!/^\d{5}$/.test(p)) fail('postalCode', `"${rawPostal}" är inget postnummer (fem siffror)`);
      postalCode = p;
    }

    let kommunkod: string | null = null;
    const rawKod = (get('kommunkod') ?? '').trim();
    if (rawKod !== '') {
      // Excel drops the leading zero of "0180".
      if (!/^\d{3,4}$/.test(rawKod)) fail('kommunkod', `"${rawKod}" är ingen kommunkod (fyra siffror)`);
      kommunkod = rawKod.padStart(4, '0');
    }

    const lat = parseDecimal(get('lat') ?? '');
    if (lat !== null && !(lat >= -90 && lat <= 90))
      fail('lat', `"${(get('lat') ?? '').trim()}" är ingen latitud`);
    const lon = parseDecimal(get('lon') ?? '');
    if (lon !== null && !(lon >= -180 && lon <= 180))
      fail('lon', `"${(get('lon') ?? '').trim()}" är ingen longitud`);

    return {
      ok: true,
      company: {
        orgNr: org.orgNr,
        // A legal person's third digit is ≥ 2 whatever prefix the file used ("16" is sometimes put
        // before a sole trader's personnummer too): below that it is a person.
        personalData: org.personal || isPersonalNumber(org.orgNr),
        name,
        legalForm: text(get('legalForm')),
        sniCode,
        sniSection,
        sniDivision,
        industryText: text(get('industry')),
        sizeClass: sizeClass!,
        employees,
        visitAddress: text(get('visitAddress')),
        postalCode,
        postalTown: text(get('postalTown')),
        kommunkod,
        kommun: text(get('kommun')),
        lat,
        lon,
        email: text(get('email')),
        phone: text(get('phone')),
        website: text(get('website')),
      },
    };
  } catch (err) {
    if (err instanceof Reject) return { ok: false, reason: err.message };
    throw err;
  }
}
