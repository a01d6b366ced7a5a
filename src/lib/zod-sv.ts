// Validation messages in plain Swedish, for what the UI shows beside a field and the CLI prints.
// zod's own Swedish locale names its types ("förväntade string att ha >=10 tecken"); this says
// what a person can act on ("minst 10 tecken"). Anything not covered here falls back to that
// locale. Schemas that give their own message keep it.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const n = (v: unknown) => (typeof v === 'bigint' ? v.toString() : Number(v).toLocaleString('sv-SE'));

function size(origin: unknown, bound: unknown, inclusive: boolean | undefined, least: boolean): string {
  const strict = inclusive === false;
  const b = n(bound);
  switch (origin) {
    case 'string':
      if (least && !strict && Number(bound) === 1) return 'måste fyllas i';
      return least
        ? `måste ha ${strict ? 'fler än' : 'minst'} ${b} tecken`
        : `får ha ${strict ? 'färre än' : 'högst'} ${b} tecken`;
    case 'array':
    case 'set':
      return least
        ? `välj ${strict ? 'fler än' : 'minst'} ${b}`
        : `välj ${strict ? 'färre än' : 'högst'} ${b}`;
    case 'date':
      return least
        ? `får vara tidigast ${new Date(Number(bound)).toISOString().slice(0, 10)}`
        : `får vara senast ${new Date(Number(bound)).toISOString().slice(0, 10)}`;
    case 'file':
      return least ? `måste vara minst ${b} byte` : `får vara högst ${b} byte`;
    default:
      return least
        ? `måste vara ${strict ? 'större än' : 'minst'} ${b}`
        : `får vara ${strict ? 'mindre än' : 'högst'} ${b}`;
  }
}

const TYPE_SV: Record<string, string> = {
  string: 'text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'ja eller nej',
  array: 'en lista',
  object: 'ett objekt',
  date: 'ett datum',
};

const FORMAT_SV: Record<string, string> = {
  email: 'en giltig e-postadress',
  url: 'en giltig webbadress',
  uuid: 'ett giltigt id',
  datetime: 'en giltig tidpunkt',
  date: 'ett giltigt datum (ÅÅÅÅ-MM-DD)',
  time: 'en giltig tid (TT:MM)',
};

/** The Swedish message for an issue, or undefined to let zod's locale say it. */
export function swedishMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const least = issue.code === 'too_small';
      const bound = least ? issue.minimum : issue.maximum;
      if (issue.exact && issue.origin === 'string') return `måste ha exakt ${n(bound)} tecken`;
      if (issue.exact) return `måste vara exakt ${n(bound)}`;
      return size(issue.origin, bound, issue.inclusive, least);
    }
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'måste fyllas i';
      return TYPE_SV[issue.expected] ? `måste vara ${TYPE_SV[issue.expected]}` : 'har fel form';
    case 'invalid_format':
      return FORMAT_SV[issue.format] ? `är inte ${FORMAT_SV[issue.format]}` : 'har fel format';
    case 'invalid_value':
      if (issue.values.length === 1 && issue.values[0] === true) return 'måste kryssas i';
      return issue.values.length <= 8
        ? `måste vara ett av: ${issue.values.map((v) => String(v)).join(', ')}`
        : 'är inte ett av de tillåtna värdena';
    case 'not_multiple_of':
      return `måste vara jämnt delbart med ${n(issue.divisor)}`;
    case 'unrecognized_keys':
      return `okända fält: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'har fel form';
    default:
      return undefined;
  }
}

/** Sets zod's messages to Swedish for the whole process (the server and the CLI call it once). */
export function useSwedishValidationMessages(): void {
  z.config(z.locales.sv());
  z.config({ customError: swedishMessage });
}
