import type { Command } from 'commander';

/**
 * Commander writes its help headings and its usage errors in English. Besök's CLI speaks Swedish
 * first, then English, like its own messages ("Databasen finns inte … / The database does not
 * exist."): this gives the headings both names and puts a Swedish sentence before Commander's
 * English one. Set on the program before its commands are added, it is inherited by every
 * subcommand (Commander copies the help and output settings to `.command()`'s children).
 */
export function speakSwedish(program: Command): Command {
  return program
    .configureHelp({ styleTitle: (title) => HEADINGS[title] ?? title })
    .configureOutput({ outputError: (text, write) => write(swedishUsageError(text)) });
}

const HEADINGS: Record<string, string> = {
  'Usage:': 'Användning / Usage:',
  'Arguments:': 'Argument / Arguments:',
  'Options:': 'Flaggor / Options:',
  'Global Options:': 'Globala flaggor / Global Options:',
  'Commands:': 'Kommandon / Commands:',
};

/** Commander's usage errors (as of Commander 14), each with its Swedish wording. */
const ERRORS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^missing required argument '(.+)'$/, (m) => `argumentet ${m[1]} saknas.`],
  [/^option '(.+)' argument missing$/, (m) => `flaggan ${m[1]} saknar sitt värde.`],
  [/^required option '(.+)' not specified$/, (m) => `flaggan ${m[1]} måste anges.`],
  [
    /^unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/,
    (m) => `okänd flagga ${m[1]}${m[2] ? ` (menade du ${m[2]}?)` : ''}.`,
  ],
  [
    /^unknown command '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/,
    (m) => `okänt kommando ${m[1]}${m[2] ? ` (menade du ${m[2]}?)` : ''}.`,
  ],
  [
    /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => `för många argument${m[1] ? ` till ${m[1]}` : ''}: ${m[2]} väntades, ${m[3]} gavs.`,
  ],
  [
    /^option '(.+)' argument '(.*)' is invalid\.(?: .*)?$/s,
    (m) => `flaggan ${m[1]} har ett ogiltigt värde: '${m[2]}'.`,
  ],
];

/**
 * "error: unknown option '--bogus'\n" → "besok: okänd flagga --bogus. / unknown option '--bogus'\n".
 * A message it does not know keeps Commander's English, under the same "besok:" prefix.
 */
export function swedishUsageError(text: string): string {
  const english = text.replace(/^error: /, '').replace(/\n$/, '');
  for (const [re, sv] of ERRORS) {
    const m = re.exec(english);
    if (m) return `besok: ${sv(m)} / ${english.replace(/\n/g, ' ')}\n`;
  }
  return `besok: ${english}\n`;
}
