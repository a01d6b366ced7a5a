import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { validation } from '../../server/errors';

/**
 * How guessable a new password is, by zxcvbn (Dropbox's estimator, in its TypeScript port): the
 * most common passwords, keyboard rows, repeats, sequences, dates and the person's own e-mail
 * address or name. NIST SP 800-63B asks for such a check beside the length rule. A score of 3 of 4
 * ("safely unguessable") is required; a phrase of three words with hyphens gets 4.
 */
const MIN_SCORE = 3;

// Built on first use: the dictionaries take a moment and some memory, and most processes (an
// import, a schedule) never set a password.
let factory: ZxcvbnFactory | undefined;
const estimator = () =>
  (factory ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs }));

const WHY: Record<string, string> = {
  simpleRepeat: 'är samma tecken eller mönster upprepat',
  extendedRepeat: 'är samma tecken eller mönster upprepat',
  sequences: 'är en enkel följd, som 1234 eller abcd',
  straightRow: 'är en rad tangenter på tangentbordet',
  keyPattern: 'är ett mönster på tangentbordet',
  topTen: 'är ett av de vanligaste lösenorden',
  topHundred: 'är ett av de vanligaste lösenorden',
  common: 'är ett vanligt lösenord',
  similarToCommon: 'liknar ett vanligt lösenord',
  wordByItself: 'är ett ensamt ord',
  namesByThemselves: 'är ett namn',
  commonNames: 'är ett vanligt namn',
  userInputs: 'innehåller din e-postadress eller ditt namn',
  recentYears: 'är ett årtal',
  dates: 'är ett datum',
  pwned: 'finns i listor över läckta lösenord',
};

/** Why a password is too easy to guess, in Swedish after its field's name; null when it is not. */
export function weakPasswordReason(password: string, personal: string[]): string | null {
  // The e-mail address's parts too: "anna.berg@kommun.se" → anna, berg, kommun.
  const inputs = personal
    .flatMap((s) => [s, ...s.toLowerCase().split(/[^\p{L}\p{N}]+/u)])
    .filter((s) => s.length >= 3);
  // The first 100 characters decide (the estimator's time grows fast with the length, and a
  // password that long is not weak for what follows).
  const result = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= MIN_SCORE) return null;
  const why = (result.feedback.warning && WHY[result.feedback.warning]) || 'är för lätt att gissa';
  return `${why}; välj en längre fras, till exempel tre ord med bindestreck emellan`;
}

/** Refuses a new password that is too easy to guess, naming the field (`password`, `newPassword`). */
export function checkPasswordStrength(path: string, password: string, personal: string[]): void {
  const why = weakPasswordReason(password, personal);
  if (why) throw validation([{ path, message: why }], 'Lösenordet är för lätt att gissa.');
}
