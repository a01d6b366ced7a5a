import { createElement, Fragment, type ReactNode } from 'react';
import i18n, { type TFunction } from 'i18next';
import type { z } from 'zod';
import type { SummaryItem } from '../components/ErrorSummary';
import { ApiError } from './api';

/**
 * Form errors for the shared Field and ErrorSummary components. The contract schemas
 * (src/contracts) validate on the client with the server's rules; their issues are turned into
 * sentences a person can act on ("Namn måste fyllas i."), and the server's `details`
 * (`{path, message}`) land beside the same fields.
 */

/**
 * Field path (`email`, `topics.2.labelSv`) → the message shown beside that field: text, or, for
 * the server's Swedish reasons in another language's interface, text with a part marked lang="sv".
 */
export type FieldErrors = Record<string, ReactNode>;

export interface FormErrors {
  fields: FieldErrors;
  /** An error about the whole form (or a field the form does not show). */
  form: ReactNode;
}

/**
 * The server's messages are Swedish (one error shape, shown as given). In an interface in another
 * language they are marked as Swedish, so a screen reader reads them as such (WCAG 3.1.2).
 */
export function swedish(text: string): ReactNode {
  return i18n.language.startsWith('sv') ? text : createElement('span', { lang: 'sv' }, text);
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** Label of each field path the form shows, in the order the fields appear. */
export type FieldLabels = Record<string, string>;

/** The longest leading part of `path` (`rules.requireGroups` of `rules.requireGroups.0`) with a label. */
function prefixIn(path: string, labels: FieldLabels): string | null {
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    if (prefix in labels) return prefix;
  }
  return null;
}

function labelFor(path: string, labels: FieldLabels): string | undefined {
  if (labels[path]) return labels[path];
  // topics.2.labelSv → the label registered for it, else for its last part, else for the
  // list or group it is in (topics.3 → the topics' label).
  const last = path.split('.').pop() ?? path;
  if (labels[last]) return labels[last];
  const prefix = prefixIn(path, labels);
  return prefix ? labels[prefix] : undefined;
}

function keyFor(path: string, labels: FieldLabels): string | null {
  if (path in labels) return path;
  return prefixIn(path, labels);
}

/**
 * One zod issue as a sentence in the current language. The contracts' own reasons ("ska vara
 * fyra siffror …") are Swedish, shown after the label and marked as Swedish elsewhere.
 */
export function issueMessage(issue: z.core.$ZodIssue, label: string, t: TFunction): ReactNode {
  const reason = () => createElement(Fragment, null, `${label}: `, swedish(issue.message));
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('forms.required', { label })
          : t('forms.minLength', { label, min: Number(issue.minimum) });
      }
      if (issue.origin === 'array') return t('forms.chooseAtLeast', { label, min: Number(issue.minimum) });
      // zod's positive() and gt(): the bound itself is refused ("större än 0", not "minst 0").
      return issue.inclusive === false
        ? t('forms.greaterThan', { label, min: Number(issue.minimum) })
        : t('forms.min', { label, min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('forms.maxLength', { label, max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('forms.chooseAtMost', { label, max: Number(issue.maximum) });
      // negative() and lt(): the bound itself is refused.
      return issue.inclusive === false
        ? t('forms.lessThan', { label, max: Number(issue.maximum) })
        : t('forms.max', { label, max: Number(issue.maximum) });
    case 'invalid_format':
      // zod's own words for a format ("Invalid ISO datetime") are not for people, nor Swedish.
      if (issue.format === 'email') return t('forms.email', { label });
      if (issue.format === 'datetime') return t('forms.dateTime', { label });
      if (issue.format === 'date') return t('forms.date', { label });
      if (issue.format === 'time') return t('forms.time', { label });
      return reason();
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return t('forms.number', { label });
      if (issue.expected === 'string') return t('forms.required', { label });
      return t('forms.choose', { label });
    case 'invalid_value':
      return t('forms.choose', { label });
    case 'custom':
      // A contract's reason given in English too (`params.en`) is said in English there.
      if (!i18n.language.startsWith('sv') && typeof issue.params?.en === 'string')
        return `${label}: ${issue.params.en}`;
      return reason();
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return reason();
  }
}

/**
 * What the form checked itself, in values the contract sees only as built from several inputs (a
 * date and two times typed apart, two instants to the contract): where it found errors, they stand
 * for the contract's issues at those paths, and on the inputs the person can fix.
 */
export interface OwnCheck {
  paths: string[];
  errors: FieldErrors;
}

/** Validates with a contract schema; on failure the first message per field. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  labels: FieldLabels,
  t: TFunction,
  own: OwnCheck = { paths: [], errors: {} },
): { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors } {
  const r = schema.safeParse(value);
  const ownFound = Object.keys(own.errors).length > 0;
  if (r.success && !ownFound) return { ok: true, data: r.data };
  const fields: FieldErrors = { ...own.errors };
  const rest: ReactNode[] = [];
  for (const issue of r.success ? [] : r.error.issues) {
    const path = issue.path.map(String).join('.');
    if (ownFound && own.paths.includes(String(issue.path[0]))) continue;
    const key = keyFor(path, labels) ?? (path in fields ? path : null);
    const label = labelFor(path, labels) ?? path;
    const message = issueMessage(issue, label, t);
    if (key) fields[key] ??= message;
    else rest.push(message);
  }
  const form = rest.length
    ? createElement(Fragment, null, ...rest.flatMap((m, i) => (i === 0 ? [m] : [' ', m])))
    : null;
  return { ok: false, errors: { fields, form } };
}

/**
 * A date and a start and end time typed in three inputs, as the two instants a contract takes, and
 * what is wrong with them in words a person can act on ("Ange starttid.", not the contract's
 * "Invalid ISO datetime" under both times). The errors are keyed `startsAt` (the date's input),
 * `startsAt.time` and `endsAt`, so each stands beside its own input; `toIso` reads a date and a
 * time as an instant, or null.
 */
export function timeRange(
  date: string,
  start: string,
  end: string,
  toIso: (date: string, time: string) => string | null,
  t: TFunction,
): { startsAt: string; endsAt: string; check: OwnCheck } {
  const errors: FieldErrors = {};
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const startsAt = (dateOk && toIso(date, start)) || '';
  const endsAt = (dateOk && toIso(date, end)) || '';
  if (!dateOk) errors.startsAt = t('forms.dateMissing');
  if (!/^\d{2}:\d{2}$/.test(start)) errors['startsAt.time'] = t('forms.startMissing');
  if (!/^\d{2}:\d{2}$/.test(end)) errors.endsAt = t('forms.endMissing');
  else if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt))
    errors.endsAt = t('forms.endBeforeStart');
  return { startsAt, endsAt, check: { paths: ['startsAt', 'endsAt'], errors } };
}

/** The server's refusal as form errors: its details beside the fields, anything else for the summary. */
export function serverErrors(err: unknown, labels: FieldLabels, t: TFunction): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, form: t('common.errors.generic') };
  if (err.status === 0) return { fields: {}, form: t('common.errors.network') };
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const d of err.details) {
    const key = keyFor(d.path, labels);
    const label = labelFor(d.path, labels);
    // "Label: reason" as the form's own messages are, the server's reason marked as Swedish.
    if (key && label) fields[key] ??= createElement(Fragment, null, `${label}: `, swedish(d.message));
    else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  const form = rest.length
    ? swedish(rest.join(' '))
    : Object.keys(fields).length
      ? null
      : err.message
        ? swedish(err.message)
        : t('common.errors.generic');
  return { fields, form };
}

/** The id of the control for a field path, so the error summary can link to it. */
export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replaceAll('.', '-')}`;
}

/** Summary lines in the order of the form's fields, the form-wide error first. */
export function summaryItems(errors: FormErrors, formId: string, labels: FieldLabels): SummaryItem[] {
  const items: SummaryItem[] = errors.form ? [{ message: errors.form }] : [];
  const order = Object.keys(labels);
  const rank = (k: string) => {
    const exact = order.indexOf(k);
    if (exact >= 0) return exact;
    const top = order.indexOf(k.split('.')[0] ?? k);
    return top >= 0 ? top : order.length;
  };
  const keys = Object.keys(errors.fields).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const k of keys) items.push({ message: errors.fields[k]!, targetId: fieldId(formId, k) });
  return items;
}
