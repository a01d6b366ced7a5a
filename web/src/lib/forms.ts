import type { z } from 'zod';
import { ApiError } from './api';

/** Field path (`email`, `topics.2.labelSv`) → the message shown beside that field. */
export type FieldErrors = Record<string, string>;

/** The first message per field from a failed zod parse (the contract schemas in src/contracts). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

/**
 * Field errors from the server's `details` (`{path, message}`); a message that belongs to no field
 * of the form is returned as `form` so it can be shown in the summary.
 */
export function apiFieldErrors(
  err: unknown,
  fields: readonly string[],
): { fields: FieldErrors; form: string | null } {
  if (!(err instanceof ApiError)) return { fields: {}, form: null };
  const out: FieldErrors = {};
  const known = new Set(fields);
  const rest: string[] = [];
  for (const d of err.details) {
    const top = d.path.split('.')[0] ?? '';
    if (known.has(d.path) || known.has(top)) out[known.has(d.path) ? d.path : top] ??= d.message;
    else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  const nothingMatched = Object.keys(out).length === 0;
  return {
    fields: out,
    form: nothingMatched || rest.length ? (rest.length ? rest.join('; ') : err.message) : null,
  };
}

/** The id of the input for a field path, so the error summary can link to it. */
export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replaceAll('.', '-')}`;
}
