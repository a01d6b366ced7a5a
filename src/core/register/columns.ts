/**
 * Recognising the columns of a register extract by their headers: case-, accent- and
 * punctuation-insensitive ("Org.nr", "ORGNR", "Organisationsnummer" are the same column), plus the
 * user's own `--map "Rubrik=fält,…"` for anything else.
 */
export const REGISTER_FIELDS = [
  'orgNr',
  'name',
  'legalForm',
  'sniCode',
  'industry',
  'sizeClass',
  'employees',
  'visitAddress',
  'postalCode',
  'postalTown',
  'kommunkod',
  'kommun',
  'lat',
  'lon',
  'email',
  'phone',
  'website',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** The header each field is written with (in a reject file, in messages). */
export const FIELD_LABELS: Record<RegisterField, string> = {
  orgNr: 'Organisationsnummer',
  name: 'Företagsnamn',
  legalForm: 'Juridisk form',
  sniCode: 'SNI-kod',
  industry: 'Bransch',
  sizeClass: 'Storleksklass',
  employees: 'Antal anställda',
  visitAddress: 'Besöksadress',
  postalCode: 'Postnummer',
  postalTown: 'Postort',
  kommunkod: 'Kommunkod',
  kommun: 'Kommun',
  lat: 'Latitud',
  lon: 'Longitud',
  email: 'E-post',
  phone: 'Telefon',
  website: 'Webbplats',
};

const ALIASES: Record<RegisterField, string[]> = {
  orgNr: ['organisationsnummer', 'orgnr', 'peorgnr', 'orgnummer', 'organisationsnr', 'orgno'],
  name: ['foretagsnamn', 'namn', 'firma', 'firmanamn', 'foretag', 'foretagsnamnet'],
  legalForm: ['juridiskform', 'jurform', 'bolagsform', 'foretagsform'],
  sniCode: ['snikod', 'ng1', 'sni', 'sni2007', 'snikod2007'],
  industry: ['bransch', 'branschtext', 'snitext', 'snibenamning', 'verksamhet'],
  sizeClass: ['storleksklass', 'stkl', 'storleksklassanstallda'],
  employees: ['antalanstallda', 'anstallda'],
  visitAddress: ['besoksadress', 'adress', 'gatuadress', 'besoksgatuadress'],
  postalCode: ['postnummer', 'postnr'],
  postalTown: ['postort', 'ort'],
  kommunkod: ['kommunkod', 'kommunnr', 'kommunnummer'],
  kommun: ['kommun', 'kommunnamn'],
  lat: ['latitud', 'lat'],
  lon: ['longitud', 'lon', 'long', 'lng'],
  email: ['epost', 'email', 'mejl', 'epostadress'],
  phone: ['telefon', 'tel', 'telefonnummer', 'telnr'],
  website: ['webbplats', 'hemsida', 'webb', 'url', 'webbadress', 'webbsida'],
};

/** The two columns a reject file adds; ignored when that file is imported again. */
export const REJECT_REASON_HEADER = 'Avvisad: orsak';
export const REJECT_LINE_HEADER = 'Avvisad: rad';
const REJECT_KEYS = new Set([normaliseHeader(REJECT_REASON_HEADER), normaliseHeader(REJECT_LINE_HEADER)]);

/** Whether a header is one of the two a reject file adds. */
export function isRejectHeader(h: string): boolean {
  return REJECT_KEYS.has(normaliseHeader(h));
}

export const REQUIRED_FIELDS: RegisterField[] = ['orgNr', 'name'];

/** "Antal anställda" → "antalanstallda" */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const BY_KEY = new Map<string, RegisterField>();
for (const f of REGISTER_FIELDS) for (const a of ALIASES[f]) BY_KEY.set(a, f);

export interface Layout {
  headers: string[];
  /** For each column, the field it holds, `ignore` for a reject file's own columns, or null. */
  columns: Array<RegisterField | 'ignore' | null>;
  /** The column of each field that is present. */
  index: Partial<Record<RegisterField, number>>;
}

export class LayoutError extends Error {
  /**
   * `unknownColumns`: the file was read but its columns are not recognised — the one layout
   * error that mapping the columns (`--map`, "Egna kolumnrubriker") fixes.
   */
  constructor(
    message: string,
    readonly unknownColumns = false,
  ) {
    super(message);
    this.name = 'LayoutError';
  }
}

/** Parses `--map "Bolag=name,Org=Organisationsnummer"`: header → field (by key or by any known header). */
export function parseColumnMap(spec: string | undefined): Map<string, RegisterField> {
  const map = new Map<string, RegisterField>();
  if (!spec?.trim()) return map;
  for (const part of spec.split(',')) {
    const eq = part.lastIndexOf('=');
    if (eq <= 0)
      throw new LayoutError(
        `Kolumnkopplingen "${part.trim()}" ska skrivas Rubrik=fält, t.ex. Bolag=Företagsnamn`,
      );
    const header = part.slice(0, eq).trim();
    const target = part.slice(eq + 1).trim();
    const field =
      REGISTER_FIELDS.find((f) => f.toLowerCase() === target.toLowerCase()) ??
      BY_KEY.get(normaliseHeader(target));
    if (!field) {
      throw new LayoutError(
        `Kolumnkopplingen "${part.trim()}": okänt fält "${target}"; kända fält: ${REGISTER_FIELDS.map((f) => FIELD_LABELS[f]).join(', ')}`,
      );
    }
    map.set(normaliseHeader(header), field);
  }
  return map;
}

/** Which column holds what; throws LayoutError naming what was found and what is needed. */
export function recogniseLayout(headers: string[], map: Map<string, RegisterField> = new Map()): Layout {
  const columns: Layout['columns'] = [];
  const index: Layout['index'] = {};
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    const field = map.get(key) ?? (REJECT_KEYS.has(key) ? 'ignore' : BY_KEY.get(key)) ?? null;
    if (field && field !== 'ignore' && index[field] !== undefined) {
      columns.push(null); // the first column with that meaning wins
      return;
    }
    columns.push(field);
    if (field && field !== 'ignore') index[field] = i;
  });
  const missing = REQUIRED_FIELDS.filter((f) => index[f] === undefined);
  if (missing.length) {
    const found = headers.filter((h) => h.trim() !== '');
    throw new LayoutError(
      `Filens kolumner känns inte igen: ${missing.map((f) => FIELD_LABELS[f]).join(' och ')} saknas.\n` +
        `Hittade kolumner: ${found.length ? found.map((h) => `"${h}"`).join(', ') : '(inga)'}.\n` +
        `Behövs: Organisationsnummer (eller Org.nr, OrgNr, PeOrgNr) och Företagsnamn (eller Namn, Firma).\n` +
        'Andra rubriker kan kopplas till fälten, t.ex. Bolag=Företagsnamn,Org=Organisationsnummer: ' +
        'vid uppladdning i fältet ”Egna kolumnrubriker” eller, på kommandoraden, med --map.',
      true,
    );
  }
  return { headers, columns, index };
}
