/**
 * Swedish organisation numbers (organisationsnummer) and personal identity numbers
 * (personnummer), which sole traders use as their organisation number.
 *
 * - Ten digits NNNNNN-NNNN, the last a Luhn check digit over the first nine.
 * - Legal persons have a third digit ≥ 2 (the "month" digits are ≥ 20); their twelve-digit form
 *   is prefixed `16`.
 * - A personal identity number's twelve-digit form is prefixed with the century (19 or 20); it is
 *   personal data (GDPR), so records holding one are marked.
 */

export type OrgNrResult =
  | { ok: true; orgNr: string; personal: boolean }
  | {
      ok: false;
      reason: 'empty' | 'format' | 'checksum';
      /** Swedish, as the import's reject file and the API say it. */
      message: string;
      /** The same in English, for a form shown in English. */
      messageEn: string;
    };

/** The Luhn check digit for a string of digits (the last digit of a ten-digit number). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Whether a number (ten digits, or the start of one) is a personal identity number: legal
 * persons' third digit is 2 or more; a lower one is a date of birth's month.
 */
export function isPersonalNumber(digits: string): boolean {
  return digits.length >= 3 && digits.charCodeAt(2) - 48 < 2;
}

/**
 * A ten-digit number as someone who need not see personal identity numbers is shown it: a sole
 * trader's number with its last four digits hidden, in the usual Swedish way (`800101-XXXX`); any
 * other number as it is. The date of birth stays, so the company can still be told apart from
 * others of the same name.
 */
export function hidePersonalNumber(tenDigits: string): string {
  if (!/^\d{10}$/.test(tenDigits) || !isPersonalNumber(tenDigits)) return tenDigits;
  return `${tenDigits.slice(0, 6)}-XXXX`;
}

export function hasValidCheckDigit(tenDigits: string): boolean {
  return luhnCheckDigit(tenDigits.slice(0, 9)) === tenDigits.charCodeAt(9) - 48;
}

/**
 * The characters that may stand between a number's digits: spaces, the plus of a centenarian's
 * number, the hyphen, and the dashes and minus sign Excel and Word often turn the hyphen into.
 * Global: for `replace`; `ORG_NR_SEPARATOR_CLASS` is the same set inside a character class.
 */
export const ORG_NR_SEPARATOR_CLASS = String.raw`\s+\-\u2010-\u2015\u2212`;
export const ORG_NR_SEPARATORS = new RegExp(`[${ORG_NR_SEPARATOR_CLASS}]`, 'g');
const ORG_NR_SHAPE = new RegExp(`^[0-9][0-9${ORG_NR_SEPARATOR_CLASS}]*$`);

/**
 * Normalises `556677-8899`, `5566778899`, `16556677-8899`, `165566778899`, and the personal
 * forms `19800101-1234` / `198001011234` / `800101+1234`, to ten digits, and verifies the check digit.
 */
export function parseOrgNr(input: string): OrgNrResult {
  const raw = input.trim();
  if (raw === '')
    return {
      ok: false,
      reason: 'empty',
      message: 'organisationsnummer saknas',
      messageEn: 'the organisation number is missing',
    };
  if (!ORG_NR_SHAPE.test(raw)) {
    return {
      ok: false,
      reason: 'format',
      message: `"${raw}" är inte ett organisationsnummer`,
      messageEn: `"${raw}" is not an organisation number`,
    };
  }
  const digits = raw.replace(ORG_NR_SEPARATORS, '');
  let ten: string;
  let personal: boolean | null = null;
  if (digits.length === 10) {
    ten = digits;
  } else if (digits.length === 12) {
    const prefix = digits.slice(0, 2);
    if (prefix === '16') {
      ten = digits.slice(2);
      personal = false;
    } else if (prefix === '19' || prefix === '20') {
      ten = digits.slice(2);
      personal = true;
    } else {
      return {
        ok: false,
        reason: 'format',
        message: `"${raw}": ett nummer med tolv siffror ska börja med 16, 19 eller 20`,
        messageEn: `"${raw}": a number of twelve digits starts with 16, 19 or 20`,
      };
    }
  } else {
    return {
      ok: false,
      reason: 'format',
      message: `"${raw}" har ${digits.length} siffror; ett organisationsnummer har 10 (eller 12)`,
      messageEn: `"${raw}" has ${digits.length} digits; an organisation number has 10 (or 12)`,
    };
  }
  if (!hasValidCheckDigit(ten)) {
    return {
      ok: false,
      reason: 'checksum',
      message: `"${raw}" har fel kontrollsiffra`,
      messageEn: `"${raw}" has the wrong check digit (its last digit); check the number`,
    };
  }
  if (personal === null) personal = isPersonalNumber(ten);
  if (personal && !isPlausibleBirthDate(ten)) {
    return {
      ok: false,
      reason: 'format',
      message: `"${raw}" är varken ett organisations- eller personnummer`,
      messageEn: `"${raw}" is neither an organisation number nor a personal identity number`,
    };
  }
  return { ok: true, orgNr: ten, personal };
}

function isPlausibleBirthDate(ten: string): boolean {
  const month = Number(ten.slice(2, 4));
  let day = Number(ten.slice(4, 6));
  if (day > 60) day -= 60; // samordningsnummer
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** 5566778899 → 556677-8899 */
export function formatOrgNr(ten: string): string {
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}
