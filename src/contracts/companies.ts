import { z } from 'zod';

/** Counting stops here: above it `total` is this number and `totalIsEstimate` is true. */
export const TOTAL_CAP = 5000;
export const PAGE_SIZE_MAX = 100;

export const COMPANY_SORT_VALUES = ['name', 'orgNr', 'employees', 'postalCode'] as const;

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The last page a list may ask for (a deeper page is a sign to narrow the search). */
export const MAX_PAGE = 10_000;
/** The longest search text. */
export const QUERY_MAX = 200;

export const CompanyQuery = z.object({
  /** A name (prefix and word match: "knäcke" finds "Leksands Knäckebröd AB") or an org nr prefix. */
  q: z.preprocess(emptyToUndefined, z.string().trim().max(QUERY_MAX).optional()),
  /** SNI 2007 section, A–U. */
  section: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Ua-u]$/, 'en bokstav A–U')
      .transform((s) => s.toUpperCase())
      .optional(),
  ),
  /** SNI 2007 division, two digits. */
  division: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{2}$/, 'två siffror')
      .optional(),
  ),
  sizeClass: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(16).optional()),
  /** A postal code or its beginning: "461" or "461 30". */
  postalCode: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((s) => s.replace(/\s/g, ''))
      .pipe(z.string().regex(/^\d{1,5}$/, 'postnummer eller början av ett'))
      .optional(),
  ),
  kommunkod: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}$/, 'ska vara fyra siffror, till exempel 1488')
      .optional(),
  ),
  /** Default: name; for a query that is an org nr, orgNr. */
  sort: z.preprocess(emptyToUndefined, z.enum(COMPANY_SORT_VALUES).optional()),
  dir: z.preprocess(emptyToUndefined, z.enum(['asc', 'desc']).default('asc')),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(MAX_PAGE).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(25)),
});
export type CompanyQuery = z.output<typeof CompanyQuery>;

export const CompanySummary = z.object({
  id: z.string(),
  orgNr: z.string(),
  name: z.string(),
  legalForm: z.string().nullable(),
  sniCode: z.string().nullable(),
  sniSection: z.string().nullable(),
  sniDivision: z.string().nullable(),
  industryText: z.string().nullable(),
  sizeClass: z.number(),
  employees: z.number().nullable(),
  postalCode: z.string().nullable(),
  postalTown: z.string().nullable(),
  kommun: z.string().nullable(),
  personalData: z.boolean(),
});
export type CompanySummary = z.infer<typeof CompanySummary>;

export const CompanyPage = z.object({
  items: z.array(CompanySummary),
  /**
   * The search text had no word to search by (only words as common as "AB" or "och"), so it
   * narrowed nothing: the UI says so instead of showing the whole register as its result.
   */
  queryIgnored: z.boolean(),
  /** Exact up to TOTAL_CAP; above, TOTAL_CAP with totalIsEstimate (show "fler än 5 000"). */
  total: z.number(),
  totalIsEstimate: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  /**
   * The order the items are in: the one asked for, else the default (org nr for a query that is
   * a number, else name). The list marks its sorted column by it rather than guessing.
   */
  sort: z.enum(COMPANY_SORT_VALUES),
  dir: z.enum(['asc', 'desc']),
});
export type CompanyPage = z.infer<typeof CompanyPage>;

export const Company = CompanySummary.extend({
  sniVersion: z.string().nullable(),
  sniSectionName: z.string().nullable(),
  sniDivisionName: z.string().nullable(),
  visitAddress: z.string().nullable(),
  kommunkod: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  /** From the register (true) or from the public registration form (false). */
  verified: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof Company>;

export const SniDivision = z.object({ code: z.string(), name: z.string() });
export const SniSection = z.object({ code: z.string(), name: z.string(), divisions: z.array(SniDivision) });
export const SniResponse = z.object({ version: z.literal('SNI2007'), sections: z.array(SniSection) });
export type SniSection = z.infer<typeof SniSection>;

export const PostalArea = z.object({ postalCode: z.string(), postalTown: z.string(), count: z.number() });
export const PostalAreasResponse = z.object({ items: z.array(PostalArea) });
export type PostalArea = z.infer<typeof PostalArea>;

/**
 * The largest file the web import takes (1 GiB). The browser checks it before uploading, the server
 * while receiving; `besok import companies` has no limit.
 */
export const IMPORT_FILE_MAX_BYTES = 1024 ** 3;

/**
 * How long a web import's reject file is kept for download. It holds the rejected records as they
 * were, with their e-mail addresses, phone numbers and sole traders' personal identity numbers.
 */
export const REJECTS_KEPT_DAYS = 30;

export const IMPORT_STATUS_VALUES = ['running', 'done', 'failed'] as const;
export const IMPORT_ERROR_KINDS = ['layout', 'file', 'busy', 'stopped', 'internal'] as const;
export type ImportErrorKind = (typeof IMPORT_ERROR_KINDS)[number];

export const ImportSummaryDto = z.object({
  read: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  /**
   * Records with another municipality's kommunkod than the installation's, per kommunkod, most
   * first: imported all the same, but shown, so that a neighbour's extract is noticed.
   */
  otherKommuner: z.array(z.object({ kommunkod: z.string(), records: z.number() })),
});

export const ImportRun = z.object({
  id: z.string(),
  status: z.enum(IMPORT_STATUS_VALUES),
  /** reading: the file is read and checked; saving: the register is updated; finished. */
  phase: z.enum(['reading', 'saving', 'finished']),
  fileName: z.string(),
  encoding: z.string().nullable(),
  totalBytes: z.number().nullable(),
  bytesProcessed: z.number(),
  recordsProcessed: z.number(),
  /** When done. */
  summary: ImportSummaryDto.nullable(),
  /**
   * GET /api/companies/imports/:id/rejects has a file to download. False with rejected records when
   * the file is no longer kept (after REJECTS_KEPT_DAYS, or the server's temporary folder was cleared).
   */
  hasRejects: z.boolean(),
  /** When failed: why, for the user (e.g. the columns found and the ones needed). */
  error: z.string().nullable(),
  /**
   * When failed, whose the problem is: `layout` (the file's columns are not recognised: fix its
   * header or map its columns), `file` (the file cannot be read as a register — not a CSV file, or
   * empty — and the message says what to do), `busy` (another import held the register), `stopped` (the server stopped or
   * restarted: the same file again is safe), `internal` (our error). Null for a run that failed
   * before this was recorded.
   */
  errorKind: z.enum(IMPORT_ERROR_KINDS).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRun = z.infer<typeof ImportRun>;

/** GET /api/companies/imports: the latest imports, newest first (a running one among them). */
export const ImportRunList = z.object({ items: z.array(ImportRun) });
export type ImportRunList = z.infer<typeof ImportRunList>;

export const ImportStarted = z.object({ id: z.string() });
