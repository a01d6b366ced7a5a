/**
 * The register's shapes as the web app uses them. PROVISIONAL until src/contracts/companies.ts
 * lands; then these become `z.infer<>` of the contract's schemas.
 */
export interface Company {
  id: string;
  orgNr: string;
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
  personalData: boolean;
  createdAt: string;
  updatedAt: string;
}

export type CompanySummary = Pick<
  Company,
  | 'id'
  | 'orgNr'
  | 'name'
  | 'sniCode'
  | 'industryText'
  | 'sizeClass'
  | 'employees'
  | 'postalCode'
  | 'postalTown'
>;

export const SORT_COLUMNS = ['name', 'orgNr', 'employees', 'postalCode'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface CompanyQuery {
  q: string;
  section: string;
  division: string;
  sizeClass: string;
  postalCode: string;
  sort: SortColumn;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface CompanyPage {
  items: CompanySummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SniDivision {
  code: string;
  name: string;
}
export interface SniSection {
  code: string;
  name: string;
  divisions: SniDivision[];
}

export interface PostalArea {
  postalCode: string;
  postalTown: string;
  count?: number;
}
