import { Readable } from 'node:stream';
import type { Db } from '../db/connect';
import type { Municipality } from '../modules/municipality/municipality.repository';
import { luhnCheckDigit } from '../core/orgnr';
import { importCompanies } from '../modules/companies/company-import.service';

/**
 * The demo municipality's register: about 2 000 made-up companies in Trollhättan (kommunkod
 * 1488), generated with a seeded PRNG so every demo has the same register, written as the CSV
 * extract a municipality gets (semicolons, Swedish headers, size classes as ranges, some decimal
 * commas) and imported through the same service as a real file.
 */
const COUNT = 2000;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [SNI 2007 code, its name, weight, words a firm in it is named with]
const SNI: ReadonlyArray<[string, string, number, string[]]> = [
  ['01110', 'Odling av spannmål (utom ris), baljväxter och oljeväxtfrön', 2, ['Lantbruk', 'Gård']],
  ['01410', 'Mjölkproduktion och uppfödning av nötkreatur av mjölkras', 1, ['Mjölkgård', 'Gård']],
  ['02200', 'Drivning', 2, ['Skog', 'Skogstjänst']],
  ['10710', 'Tillverkning av mjukt matbröd och färska bakverk', 1, ['Bageri', 'Konditori']],
  ['16230', 'Tillverkning av andra byggnads- och snickeriprodukter', 1, ['Snickerifabrik', 'Trävaror']],
  ['25620', 'Metallegoarbeten', 3, ['Mekaniska', 'Verkstad', 'CNC']],
  ['28990', 'Tillverkning av övriga specialmaskiner', 1, ['Maskin', 'Automation']],
  ['29320', 'Tillverkning av andra delar och tillbehör till motorfordon', 1, ['Fordonsteknik', 'Komponent']],
  ['33120', 'Reparation av maskiner', 2, ['Maskinservice', 'Industriservice']],
  ['41200', 'Byggande av bostadshus och andra byggnader', 6, ['Bygg', 'Byggservice', 'Hus']],
  ['43210', 'Elinstallationer', 4, ['El', 'Elservice', 'Elektriska']],
  ['43221', 'Värme- och sanitetsarbeten', 3, ['VVS', 'Rör', 'Värme']],
  ['43320', 'Byggnadssnickeriarbeten', 3, ['Snickeri', 'Snickare']],
  ['43341', 'Måleriarbeten', 3, ['Måleri', 'Målare']],
  [
    '45200',
    'Underhåll och reparation av motorfordon utom motorcyklar',
    4,
    ['Bil', 'Bilservice', 'Bil & Däck'],
  ],
  ['46900', 'Icke specialiserad partihandel', 2, ['Handel', 'Import']],
  ['47111', 'Varuhandel med brett sortiment, mest livsmedel', 1, ['Livs', 'Handelsbod']],
  ['47710', 'Detaljhandel med kläder', 2, ['Mode', 'Kläder']],
  ['49320', 'Taxitrafik', 2, ['Taxi']],
  ['49410', 'Vägtransport, godstrafik', 4, ['Åkeri', 'Transport', 'Frakt']],
  ['52100', 'Magasinering och varulagring', 1, ['Logistik', 'Lager']],
  ['55101', 'Hotellverksamhet med restaurangrörelse', 1, ['Hotell', 'Värdshus']],
  ['56100', 'Restaurangverksamhet', 5, ['Pizzeria', 'Restaurang', 'Kök', 'Bistro', 'Kafé']],
  ['56210', 'Catering', 1, ['Catering', 'Matlåda']],
  ['62010', 'Dataprogrammering', 3, ['Data', 'Mjukvara', 'Kod']],
  ['62020', 'Datakonsultverksamhet', 4, ['IT', 'IT-konsult', 'Digital']],
  ['68201', 'Uthyrning och förvaltning av egna eller arrenderade bostäder', 4, ['Fastigheter', 'Bostäder']],
  [
    '68203',
    'Uthyrning och förvaltning av egna eller arrenderade, andra lokaler',
    3,
    ['Fastighets', 'Lokaler'],
  ],
  ['69201', 'Redovisning och bokföring', 3, ['Redovisning', 'Ekonomi', 'Bokföring']],
  ['70220', 'Konsultverksamhet avseende företags organisation', 6, ['Konsult', 'Management', 'Rådgivning']],
  ['71121', 'Teknisk konsultverksamhet inom bygg- och anläggningsteknik', 2, ['Byggkonsult', 'Projektering']],
  ['71122', 'Teknisk konsultverksamhet inom industriteknik', 2, ['Ingenjörer', 'Teknikkonsult']],
  ['73111', 'Reklambyråverksamhet', 2, ['Reklam', 'Kommunikation']],
  ['74100', 'Specialiserad designverksamhet', 2, ['Design', 'Form']],
  ['81210', 'Lokalvård', 3, ['Städ', 'Städservice']],
  ['81300', 'Skötsel och underhåll av grönytor', 2, ['Trädgård', 'Grönyteskötsel']],
  ['85600', 'Stödverksamhet för utbildningsväsendet', 1, ['Utbildning', 'Kompetens']],
  ['86230', 'Tandläkarverksamhet', 1, ['Tandvård', 'Tandläkare']],
  ['90010', 'Artistisk verksamhet', 2, ['Musik', 'Scen', 'Ateljé']],
  ['93130', 'Gym, fitnessanläggningar och friskvårdscentraler', 1, ['Gym', 'Friskvård']],
  ['96021', 'Hårvård', 3, ['Frisör', 'Hårstudio', 'Salong']],
  ['96022', 'Skönhetsvård', 2, ['Skönhet', 'Hudvård']],
];
const SNI_TOTAL = SNI.reduce((s, x) => s + x[2], 0);

// [range as extracts write it, lowest, highest, share in percent]: most firms are small.
const SIZES: ReadonlyArray<[string, number, number, number]> = [
  ['0', 0, 0, 24],
  ['1-4', 1, 4, 47],
  ['5-9', 5, 9, 13],
  ['10-19', 10, 19, 8],
  ['20-49', 20, 49, 5],
  ['50-99', 50, 99, 1.6],
  ['100-199', 100, 199, 0.8],
  ['200-499', 200, 499, 0.45],
  ['500-999', 500, 999, 0.15],
];

const FORMS: ReadonlyArray<[string, number]> = [
  ['Aktiebolag', 58],
  ['Enskild näringsidkare', 32],
  ['Handelsbolag', 5],
  ['Kommanditbolag', 1],
  ['Ekonomisk förening', 2],
  ['Ideell förening', 2],
];

const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Anders',
  'Eva',
  'Johan',
  'Sara',
  'Per',
  'Lena',
  'Mikael',
  'Emma',
  'Olof',
  'Ingrid',
  'Ali',
  'Fatima',
  'Jonas',
  'Sofia',
  'Nils',
  'Elin',
  'Ahmed',
  'Åsa',
  'Björn',
  'Mohammed',
  'Linnea',
  'Gustav',
  'Hanna',
  'Daniel',
  'Amira',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Lindberg',
  'Berg',
  'Hedlund',
  'Ek',
  'Holm',
  'Sandberg',
  'Öberg',
  'Ström',
  'Yilmaz',
  'Hassan',
  'Åberg',
  'Lund',
  'Dahl',
  'Björk',
  'Ali',
  'Fransson',
  'Wallin',
  'Engström',
];
// Trollhättan's districts and landmarks, for names and addresses.
const PLACES = [
  'Trollhättan',
  'Trollhättans',
  'Lextorps',
  'Sylte',
  'Kronogårdens',
  'Skoftebyns',
  'Halvorstorps',
  'Stallbacka',
  'Sjuntorps',
  'Upphärads',
  'Öresjö',
  'Göta Älv',
  'Älvstrandens',
  'Strömslunds',
  'Velanda',
  'Nordväst',
  'Fallens',
  'Slussens',
];
const STREETS = [
  'Kungsgatan',
  'Drottninggatan',
  'Storgatan',
  'Åkerssjövägen',
  'Nohabgatan',
  'Stridsbergsgatan',
  'Polhemsgatan',
  'Lantmannavägen',
  'Överbyvägen',
  'Gärdhemsvägen',
  'Kardanvägen',
  'Verkstadsgatan',
  'Föreningsgatan',
  'Garvaregatan',
  'Torggatan',
  'Hjulkvarnelundsvägen',
  'Skoftebyvägen',
  'Göteborgsvägen',
  'Vänersborgsvägen',
  'Sylte Gärde',
  'Källstorpsvägen',
  'Halvorstorpsvägen',
];

/** A few larger firms a demo can point at. */
const FLAGSHIPS: ReadonlyArray<[string, string, string, string, number]> = [
  // name, legal form, SNI, its name, employees
  [
    'Trollhättans Flygteknik AB',
    'Aktiebolag',
    '30300',
    'Tillverkning av luftfartyg och rymdfarkoster samt tillhörande tillbehör',
    640,
  ],
  ['Göta Älv Logistik AB', 'Aktiebolag', '52100', 'Magasinering och varulagring', 180],
  ['Innovatum Robotik AB', 'Aktiebolag', '28990', 'Tillverkning av övriga specialmaskiner', 42],
  ['Stallbacka Återvinning AB', 'Aktiebolag', '38320', 'Återvinning av sorterat material', 65],
  [
    'Älvstrandens Fastigheter AB',
    'Aktiebolag',
    '68201',
    'Uthyrning och förvaltning av egna eller arrenderade bostäder',
    14,
  ],
  ['Lextorps Pizzeria & Grill', 'Enskild näringsidkare', '56100', 'Restaurangverksamhet', 4],
];

const HEADER = [
  'Organisationsnummer',
  'Företagsnamn',
  'Juridisk form',
  'SNI-kod',
  'Bransch',
  'Storleksklass',
  'Antal anställda',
  'Besöksadress',
  'Postnummer',
  'Postort',
  'Kommunkod',
  'Kommun',
  'Latitud',
  'Longitud',
  'E-post',
  'Telefon',
  'Webbplats',
];

const csvField = (v: string) => (/[;"\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The demo extract as CSV text (exported for tests). */
export function demoRegisterCsv(municipality: Pick<Municipality, 'kommunkod'>, seed = 1488): string {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const weighted = <T extends readonly unknown[]>(
    xs: readonly T[],
    w: (x: T) => number,
    total: number,
  ): T => {
    let r = rnd() * total;
    for (const x of xs) if ((r -= w(x)) < 0) return x;
    return xs[0]!;
  };
  const used = new Set<string>();
  const orgNr = (form: string): string => {
    for (;;) {
      let nine: string;
      if (form === 'Enskild näringsidkare') {
        nine = pad(int(45, 99), 2) + pad(int(1, 12), 2) + pad(int(1, 28), 2) + pad(int(0, 999), 3);
      } else {
        const prefix =
          form === 'Aktiebolag'
            ? pick(['556', '559'])
            : form === 'Handelsbolag' || form === 'Kommanditbolag'
              ? pick(['916', '969'])
              : form === 'Ekonomisk förening'
                ? '769'
                : pick(['802', '822']);
        nine = prefix + pad(int(0, 999999), 6);
      }
      const n = nine + luhnCheckDigit(nine);
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  const domain = (name: string) =>
    name
      .toLowerCase()
      .replace(/[åä]/g, 'a')
      .replace(/ö/g, 'o')
      .replace(/é/g, 'e')
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 24);
  const nameOf = (form: string, words: string[]): string => {
    const w = pick(words);
    const first = pick(FIRST);
    const last = pick(LAST);
    switch (form) {
      case 'Enskild näringsidkare':
        return rnd() < 0.5 ? `${first} ${last}s ${w}` : `${w} ${first} ${last}`;
      case 'Handelsbolag':
        return `${last} & ${pick(LAST)} ${w} HB`;
      case 'Kommanditbolag':
        return `${pick(PLACES)} ${w} KB`;
      case 'Ekonomisk förening':
        return `${pick(PLACES).replace(/s$/, '')} ${w} ekonomisk förening`;
      case 'Ideell förening':
        return `Föreningen ${pick(PLACES).replace(/s$/, '')} ${w}`;
      default: {
        const r = rnd();
        if (r < 0.4) return `${pick(PLACES)} ${w} AB`;
        if (r < 0.6) return `${w} i Trollhättan AB`;
        if (r < 0.8) return `${last}s ${w} AB`;
        return `${first} ${last} ${w} AB`;
      }
    }
  };

  const lines = [HEADER.join(';')];
  const row = (
    name: string,
    form: string,
    sni: string,
    sniName: string,
    sizeLabel: string,
    employees: number,
  ) => {
    const comma = rnd() < 0.3; // some exports write decimal commas
    const lat = (58.283 + (rnd() - 0.5) * 0.1).toFixed(5);
    const lon = (12.289 + (rnd() - 0.5) * 0.16).toFixed(5);
    const d = domain(name);
    lines.push(
      [
        orgNr(form),
        name,
        form,
        sni,
        sniName,
        sizeLabel,
        String(employees),
        `${pick(STREETS)} ${int(1, 140)}`,
        `461 ${pad(int(30, 99), 2)}`,
        'Trollhättan',
        municipality.kommunkod,
        'Trollhättan',
        comma ? lat.replace('.', ',') : lat,
        comma ? lon.replace('.', ',') : lon,
        rnd() < 0.75 ? `info@${d}.se` : '',
        rnd() < 0.85 ? `0520-${int(10000, 99999)}` : '',
        rnd() < 0.45 ? `https://www.${d}.se` : '',
      ]
        .map(csvField)
        .join(';'),
    );
  };
  const sizeOf = (employees: number) =>
    SIZES.find(([, lo, hi]) => employees >= lo && employees <= hi)?.[0] ?? '1000+';
  for (const [name, form, sni, sniName, employees] of FLAGSHIPS)
    row(name, form, sni, sniName, sizeOf(employees), employees);
  for (let i = FLAGSHIPS.length; i < COUNT; i++) {
    const form = weighted(FORMS, (f) => f[1], 100)[0];
    const [sni, sniName, , words] = weighted(SNI, (s) => s[2], SNI_TOTAL);
    const [sizeLabel, lo, hi] =
      form === 'Enskild näringsidkare'
        ? weighted(SIZES.slice(0, 4), (s) => s[3], 92)
        : weighted(SIZES, (s) => s[3], 100);
    row(nameOf(form, words), form, sni, sniName, sizeLabel, int(lo, hi));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Loads the demo register; returns how many companies it holds. */
export async function seedDemoCompanies(db: Db, municipality: Municipality, now: Date): Promise<number> {
  const summary = await importCompanies(db, Readable.from([demoRegisterCsv(municipality)]), {
    fileName: 'demo-trollhattan.csv',
    now,
  });
  return summary.created + summary.updated + summary.unchanged;
}
