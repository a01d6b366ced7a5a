import type { Executor } from '../../db/database';
import { notFound } from '../../server/errors';
import { hidePersonalNumber, isPersonalNumber } from '../../core/orgnr';
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

/**
 * "556677-8899", "5566", "16556677…", "19800101-1234" → the ten-digit prefix to search for;
 * null when the query is not an org nr. A number as viewers are shown it ("800101-XXXX") is its
 * date of birth.
 */
export function orgNrPrefix(q: string): string | null {
  const hidden = /^\s*(\d{6})\s*-?\s*XXXX\s*$/i.exec(q);
  if (hidden) return hidden[1]!;
  if (!/^[\d\s+-]+$/.test(q) || !/\d/.test(q)) return null;
  let digits = q.replace(/\D/g, '');
  if (digits.length > 10 && /^(16|19|20)/.test(digits)) digits = digits.slice(2);
  return digits;
}

export function toSearchParams(query: CompanyQuery, reader: RegisterReader = STAFF): SearchParams {
  const q = query.q ?? '';
  let org = q ? orgNrPrefix(q) : null;
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
  const params = toSearchParams(query, reader);
  const { rows, total, totalIsEstimate } = await searchCompanyRows(db, params);
  return {
    items: rows.map((r) => toCompanySummary(r, reader)),
    queryIgnored:
      (query.q ?? '').trim() !== '' && params.orgNrPrefix === undefined && params.words.length === 0,
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
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
