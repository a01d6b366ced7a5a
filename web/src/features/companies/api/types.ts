/** The register's shapes, from the contract the server validates its answers with. */
import type { z } from 'zod';
import {
  COMPANY_SORT_VALUES,
  CompanyQuery as CompanyQueryRules,
  MAX_PAGE,
  QUERY_MAX,
} from '@contracts/companies';
import type {
  Company as CompanySchema,
  CompanyPage as CompanyPageSchema,
  CompanySummary as CompanySummarySchema,
  PostalArea as PostalAreaSchema,
  SniResponse,
} from '@contracts/companies';

export type Company = z.infer<typeof CompanySchema>;
export type CompanySummary = z.infer<typeof CompanySummarySchema>;
export type CompanyPage = z.infer<typeof CompanyPageSchema>;
export type SniResponseBody = z.infer<typeof SniResponse>;
export type SniSection = SniResponseBody['sections'][number];
export type PostalArea = z.infer<typeof PostalAreaSchema>;

export const SORT_COLUMNS = COMPANY_SORT_VALUES;
/** The server's rules for the list's parameters (the web drops a value they refuse). */
export { CompanyQueryRules, MAX_PAGE, QUERY_MAX };
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** The list's state as it is kept in the address bar; empty strings mean "not set". */
export interface CompanyQuery {
  q: string;
  section: string;
  division: string;
  sizeClass: string;
  postalCode: string;
  /** Empty: the server's default (name, or org nr when the search is a number). */
  sort: SortColumn | '';
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}
