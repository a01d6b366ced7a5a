/**
 * One error taxonomy for the whole app. Services throw AppError; the single error handler in
 * app.ts maps the code to an HTTP status and the one JSON error shape:
 *   { "error": { "code": "VALIDATION", "message": "…", "details": [{ "path": "email", "message": "…" }] } }
 * Messages are written for the person using the app (Swedish first) and never carry internals.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE: 409,
  CLOSED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED: 415,
  INFEASIBLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  /** Where: a field path like `contact.email`, or `line 12`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} finns inte.`);
export const forbidden = (message = 'Du har inte behörighet till det här.') =>
  new AppError('FORBIDDEN', message);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError('CONFLICT', message, details);
export const validation = (details: ErrorDetail[], message?: string) =>
  new AppError(
    'VALIDATION',
    message ?? details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; '),
    details,
  );

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}
