import type { Executor } from '../../db/database';
import { notFound } from '../../server/errors';
import { hidePersonalNumber, isPersonalNumber, ORG_NR_SEPARATORS } from '../../core/orgnr';
import { queryWords } from '../../core/register/names';
import { divisionRange } from '../../core/register/sni';
import {
  TOTAL_CAP,
  type Company,
  type CompanyPage,
  type CompanyQuery,
  type CompanySummary,
  type PostalArea,
} from '../../contracts/companies';
import {
  findCompanyById,
  listPostalAreas,
  searchCompanyRows,
  type CompanyRow,
  type SearchParams,
} from './company.repository';
import { sniNames } from './sni';

/** A number as viewers are shown it ("800101-XXXX"): its date of birth. */
const HIDDEN = /^\s*(\d{6})\s*[-\u2010-\u2015\u2212]?\s*XXXX\s*$/i;

/**
 * "556677-8899", "5566", "559994–8220", "16556677…", "19800101-1234" → the ten-digit prefixes the
 * query may mean, the likelier first; null when the query is not a number. A number of twelve
 * digits, or of eleven, has its century (16 for a legal person, 19 or 20 for a person) dropped.
 * A shorter one that begins 16, 19 or 20 may be either: the start of a ten-digit number, or of a
 * twelve-digit one ("19870620", a date of birth; "16559994") — the second reading, when the rest
 * fits the century (a legal person's number after 16, a date of birth after 19 or 20), is searched
 * if the first finds nothing.
 */
export function orgNrPrefixes(q: string): string[] | null {
  const hidden = HIDDEN.exec(q);
  if (hidden) return [hidden[1]!];
  const digits = q.replace(ORG_NR_SEPARATORS, '');
  if (!/^\d+$/.test(digits)) return null;
  const century = /^(16|19|20)/.test(digits) ? digits.slice(2) : null;
  if (century === null) return [digits];
  if (digits.length > 10) return [century];
  const fits = digits.startsWith('16') ? !isPersonalNumber(century) : couldBeBirthDate(century);
  return century.length >= 2 && fits ? [digits, century] : [digits];
}

/** Whether digits could begin a personal identity number: a month 01–12, a day 01–31 (61–91). */
function couldBeBirthDate(digits: string): boolean {
  const month = digits.slice(2, 4);
  const day = digits.slice(4, 6);
  const monthFits = month.length < 2 ? /^[01]?$/.test(month) : Number(month) >= 1 && Number(month) <= 12;
  const d = Number(day) > 60 ? Number(day) - 60 : Number(day); // samordningsnummer: day + 60
  const dayFits = day.length < 2 ? /^[0-36-9]?$/.test(day) : d >= 1 && d <= 31;
  return monthFits && dayFits;
}

/** The search for a query, with `orgNr` one of the prefixes it may mean (null: a name search). */
export function toSearchParams(
  query: CompanyQuery,
  orgNr: string | null,
  reader: RegisterReader = STAFF,
): SearchParams {
  const q = query.q ?? '';
  let org = orgNr;
  // Those not shown personal identity numbers search them by date of birth at most: a longer
  // prefix would tell them digit by digit, by whether the company is still found.
  if (org && !reader.personalData && org.length > 6 && isPersonalNumber(org)) org = org.slice(0, 6);
  const sort = query.sort ?? (org ? 'orgNr' : 'name');
  return {
    orgNrPrefix: org ?? undefined,
    words: org === null && q ? queryWords(q) : [],
    section: query.section ? (divisionRange(query.section) ?? undefined) : undefined,
    division: query.division,
    sizeClass: query.sizeClass,
    postalCode: query.postalCode,
    kommunkod: query.kommunkod,
    sort,
    dir: query.dir,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
    totalCap: TOTAL_CAP,
  };
}

/**
 * Who reads the register: viewers (management, reading reports) are not shown a sole trader's
 * personal data — the personal identity number's last digits, the visit address (often the owner's
 * home) and its coordinates, the e-mail address and the phone number, which are the owner's own
 * (GDPR's data minimisation); staff, who contact and visit the companies, are.
 */
export interface RegisterReader {
  personalData: boolean;
}

const STAFF: RegisterReader = { personalData: true };

export function toCompanySummary(r: CompanyRow, reader: RegisterReader = STAFF): CompanySummary {
  return {
    id: r.id,
    orgNr: reader.personalData ? r.org_nr : hidePersonalNumber(r.org_nr),
    name: r.name,
    legalForm: r.legal_form,
    sniCode: r.sni_code,
    sniSection: r.sni_section,
    sniDivision: r.sni_division,
    industryText: r.industry_text,
    sizeClass: Number(r.size_class),
    employees: r.employees === null ? null : Number(r.employees),
    postalCode: r.postal_code,
    postalTown: r.postal_town,
    kommun: r.kommun,
    personalData: Number(r.personal_data) === 1,
  };
}

export function toCompany(r: CompanyRow, reader: RegisterReader = STAFF): Company {
  const names = sniNames(r.sni_division);
  const owners = !reader.personalData && Number(r.personal_data) === 1;
  return {
    ...toCompanySummary(r, reader),
    sniVersion: r.sni_version,
    sniSectionName: names.section,
    sniDivisionName: names.division,
    // A sole trader's visit address is often the owner's home: hidden with its coordinates.
    visitAddress: owners ? null : r.visit_address,
    kommunkod: r.kommunkod,
    lat: owners || r.lat === null ? null : Number(r.lat),
    lon: owners || r.lon === null ? null : Number(r.lon),
    email: owners ? null : r.email,
    phone: owners ? null : r.phone,
    website: r.website,
    verified: Number(r.verified) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function searchCompanies(
  db: Executor,
  query: CompanyQuery,
  reader: RegisterReader = STAFF,
): Promise<CompanyPage> {
  const [first = null, ...others] = (query.q ? orgNrPrefixes(query.q) : null) ?? [];
  let params = toSearchParams(query, first, reader);
  let found = await searchCompanyRows(db, params);
  for (const org of others) {
    if (found.total > 0) break;
    params = toSearchParams(query, org, reader);
    found = await searchCompanyRows(db, params);
  }
  return {
    items: found.rows.map((r) => toCompanySummary(r, reader)),
    queryIgnored:
      (query.q ?? '').trim() !== '' && params.orgNrPrefix === undefined && params.words.length === 0,
    total: found.total,
    totalIsEstimate: found.totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
    sort: params.sort,
    dir: params.dir,
  };
}

export async function getCompany(db: Executor, id: string, reader: RegisterReader = STAFF): Promise<Company> {
  const row = await findCompanyById(db, id);
  if (!row) throw notFound('Företaget');
  return toCompany(row, reader);
}

export async function postalAreas(db: Executor, kommunkod: string | null): Promise<PostalArea[]> {
  const rows = await listPostalAreas(db, kommunkod);
  return rows.map((r) => ({ postalCode: r.postal_code, postalTown: r.postal_town ?? '', count: r.n }));
}
