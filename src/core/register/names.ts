/**
 * How company names are made searchable and sortable, the same way at import and at search:
 *
 * - `searchText`: toLocaleLowerCase('sv'), accents folded except å ä ö (so "Café" is found by
 *   "cafe"), words separated by single spaces, with a leading space, so that
 *   `LIKE '% knäcke%'` is a word-prefix match on SQLite and PostgreSQL alike (SQLite's lower()
 *   and LIKE fold ASCII only, so the folding is done here).
 * - `indexWords`: the distinct words, minus legal-form noise ("ab", "hb", "i", "och"), for the
 *   `company_word` table that search range-scans.
 * - `sortKey`: a string whose byte order is Swedish alphabetical order (… x y z å ä ö), so the
 *   database can sort by an index instead of a collation neither dialect shares.
 */
const FOLD: Record<string, string> = { æ: 'ä', ø: 'ö', ß: 'ss', ð: 'd', þ: 'th', ł: 'l', đ: 'd' };
const KEEP = /[^ -~åäö]/g;

export function foldName(name: string): string {
  // The same as toLocaleLowerCase('sv') for every code point (Swedish has no special casing;
  // register.test.ts checks it), and several times faster on a national register.
  const lower = name.toLowerCase();
  KEEP.lastIndex = 0;
  if (!KEEP.test(lower)) return lower;
  // Composed first: an Å written as A and a ring (as some PDFs and exports do) stays an å.
  return lower
    .normalize('NFC')
    .replace(KEEP, (ch) => FOLD[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
}

const SPLIT = /[^\p{L}\p{N}]+/u;

export function nameWords(name: string): string[] {
  return foldName(name)
    .split(SPLIT)
    .filter((w) => w !== '');
}

/** " leksands knäckebröd ab" */
export function searchText(name: string): string {
  return ' ' + nameWords(name).join(' ');
}

/** searchText, indexWords and sortKey of one name, from one pass over it (the import's path). */
export function nameKeys(name: string): { searchText: string; indexWords: string[]; sortKey: string } {
  const words = nameWords(name);
  const joined = words.join(' ');
  return { searchText: ' ' + joined, indexWords: distinctSearchWords(words), sortKey: sortKeyOf(joined) };
}

/** The distinct words worth searching by (stop words left out), in order. */
function distinctSearchWords(words: string[]): string[] {
  return [...new Set(words.filter((w) => !STOP_WORDS.has(w)))];
}

/** Words too common in company names to narrow a search. */
export const STOP_WORDS = new Set([
  'ab',
  'hb',
  'kb',
  'i',
  'och',
  'publ',
  'aktiebolag',
  'handelsbolag',
  'the',
  'of',
  'and',
]);

export function indexWords(name: string): string[] {
  return distinctSearchWords(nameWords(name));
}

const SORT_MAP: Record<string, string> = { å: '{', ä: '|', ö: '}' };

/** The sort key of a name's words joined by single spaces. */
function sortKeyOf(joinedWords: string): string {
  return joinedWords.replace(/[åäö]/g, (ch) => SORT_MAP[ch]!);
}

/** "Åkeri Öst AB" → "{keri }st ab": sorts after "Zeta AB" like Swedish does. */
export function sortKey(name: string): string {
  return sortKeyOf(nameWords(name).join(' '));
}

/** The words of a search query; the last (or only) is matched as a prefix, like all others. */
export function queryWords(q: string): string[] {
  return distinctSearchWords(nameWords(q));
}
