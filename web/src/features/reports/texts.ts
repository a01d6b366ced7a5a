import { useTranslation } from 'react-i18next';

/** The programme report's words, Swedish first (same shape per language, checked by the type). */
const sv = {
  title: (name: string | null, date: string | null) =>
    `${name ?? 'Programmet'}${date ? ` – ${longDate(date, 'sv')}` : ''}`,
  heading: 'Rapport',
  dayForm: 'Välj dag',
  day: 'Dag',
  dayHint: 'ÅÅÅÅ-MM-DD. Tomt: hela programmet.',
  show: 'Visa',
  print: 'Skriv ut',
  printHint:
    'PDF:en är rapporten som den står här; Excel och CSV har en rad per besök. CSV för Excel öppnas rätt i svenska Excel med dubbelklick; den vanliga CSV-filen (kommatecken, UTF-8) är för andra program.',
  pdf: 'Ladda ned PDF',
  excel: 'Excel (.xlsx)',
  csvExcel: 'CSV för Excel',
  csv: 'CSV (kommatecken, UTF-8)',
  lead: (r: Lead) => {
    const when = r.date ? `Den ${longDate(r.date, 'sv')}` : 'Under programmet';
    const people = r.visitors === 1 ? '1 besökare' : `${r.visitors} besökare`;
    const companies = r.companies === 1 ? '1 företag' : `${r.companies} företag`;
    const topics = r.topTopics.length
      ? ` Mest pratade man om ${list(
          r.topTopics.map((t) => `${t.label.toLowerCase()} (${t.count})`),
          'och',
        )}.`
      : '';
    const grade =
      r.climateAverage !== null
        ? ` Företagen gav näringslivsklimatet i snitt ${r.climateAverage.toLocaleString('sv-SE')} av 6.`
        : '';
    const fu =
      r.followups > 0
        ? ` ${r.followups === 1 ? '1 uppföljning' : `${r.followups} uppföljningar`} skapades, och ${r.followupsDone} är redan klara.`
        : '';
    return `${when} träffade ${people} från kommunen ${companies}.${topics}${grade}${fu}`;
  },
  numbers: (wholeProgramme: boolean): string => (wholeProgramme ? 'Programmet i siffror' : 'Dagen i siffror'),
  companiesMet: 'Företag som besöktes',
  visitsDone: 'Genomförda besök',
  bookedNotHeld: 'Bokade besök, inte genomförda',
  cancelled: 'Inställda besök',
  reports: 'Inskickade rapporter',
  byWhom: 'Vilka som besökte',
  person: 'Besökare',
  count: 'Antal besök',
  topics: 'Ämnen som togs upp mest',
  topic: 'Ämne',
  times: 'Antal företag',
  bySection: 'Ämnen per bransch',
  sectionCompanies: (n: number) => (n === 1 ? '1 företag' : `${n} företag`),
  grades: 'Betyg',
  climate: 'Näringslivsklimatet',
  service: 'Kommunens service',
  average: 'Snitt',
  answers: 'Antal svar',
  grade: (g: number) => `Betyg ${g}`,
  followups: 'Uppföljningar',
  created: 'Skapade',
  done: 'Klara',
  notPossible: 'Inte möjliga',
  open: 'Öppna',
  rows: 'Besöken',
  cols: {
    time: 'Tid',
    company: 'Företag',
    section: 'SNI',
    visitors: 'Besökare',
    status: 'Status',
    report: 'Rapport',
    climate: 'Klimat',
    service: 'Service',
    topics: 'Ämnen',
    followups: 'Uppföljningar (klara)',
  },
  none: (wholeProgramme: boolean): string =>
    wholeProgramme ? 'Inga besök i programmet.' : 'Inga besök den dagen.',
  status: { planned: 'planerat', done: 'genomfört', cancelled: 'inställt' } as Record<
    'planned' | 'done' | 'cancelled',
    string
  >,
  reportStatus: { none: 'saknas', draft: 'utkast', submitted: 'inskickad' } as Record<
    'none' | 'draft' | 'submitted',
    string
  >,
  unknownSection: 'Okänd bransch',
  noAnswers: 'Inga betyg.',
};

export interface Lead {
  date: string | null;
  visitors: number;
  companies: number;
  topTopics: Array<{ label: string; count: number }>;
  climateAverage: number | null;
  followups: number;
  followupsDone: number;
}

export type ReportTexts = typeof sv;

const en: ReportTexts = {
  title: (name, date) => `${name ?? 'The programme'}${date ? ` – ${longDate(date, 'en')}` : ''}`,
  heading: 'Report',
  dayForm: 'Choose a day',
  day: 'Day',
  dayHint: 'YYYY-MM-DD. Empty: the whole programme.',
  show: 'Show',
  print: 'Print',
  printHint:
    'The PDF is the report as shown here; Excel and CSV have one row per visit. CSV for Excel opens correctly in Swedish Excel by double-click; the plain CSV (comma, UTF-8) is for other programs.',
  pdf: 'Download PDF',
  excel: 'Excel (.xlsx)',
  csvExcel: 'CSV for Excel',
  csv: 'CSV (comma, UTF-8)',
  lead: (r) => {
    const when = r.date ? `On ${longDate(r.date, 'en')}` : 'During the programme';
    const topics = r.topTopics.length
      ? ` The topics raised most were ${list(
          r.topTopics.map((t) => `${t.label.toLowerCase()} (${t.count})`),
          'and',
        )}.`
      : '';
    const grade =
      r.climateAverage !== null
        ? ` The companies rated the business climate ${r.climateAverage} of 6 on average.`
        : '';
    const fu =
      r.followups > 0
        ? ` ${r.followups} follow-up${r.followups === 1 ? ' was' : 's were'} created; ${r.followupsDone} done already.`
        : '';
    const people = r.visitors === 1 ? '1 person' : `${r.visitors} people`;
    return `${when}, ${people} from the municipality met ${r.companies} compan${r.companies === 1 ? 'y' : 'ies'}.${topics}${grade}${fu}`;
  },
  numbers: (wholeProgramme) => (wholeProgramme ? 'The programme in numbers' : 'The day in numbers'),
  companiesMet: 'Companies visited',
  visitsDone: 'Visits held',
  bookedNotHeld: 'Visits booked, not held',
  cancelled: 'Visits cancelled',
  reports: 'Reports submitted',
  byWhom: 'Who visited',
  person: 'Visitor',
  count: 'Visits',
  topics: 'Topics raised most',
  topic: 'Topic',
  times: 'Companies',
  bySection: 'Topics by industry',
  sectionCompanies: (n) => `${n} compan${n === 1 ? 'y' : 'ies'}`,
  grades: 'Grades',
  climate: 'Business climate',
  service: "Municipality's service",
  average: 'Average',
  answers: 'Answers',
  grade: (g) => `Grade ${g}`,
  followups: 'Follow-ups',
  created: 'Created',
  done: 'Done',
  notPossible: 'Not possible',
  open: 'Open',
  rows: 'The visits',
  cols: {
    time: 'Time',
    company: 'Company',
    section: 'SNI',
    visitors: 'Visitors',
    status: 'Status',
    report: 'Report',
    climate: 'Climate',
    service: 'Service',
    topics: 'Topics',
    followups: 'Follow-ups (done)',
  },
  none: (wholeProgramme) => (wholeProgramme ? 'No visits in the programme.' : 'No visits that day.'),
  status: { planned: 'planned', done: 'held', cancelled: 'cancelled' },
  reportStatus: { none: 'none', draft: 'draft', submitted: 'submitted' },
  unknownSection: 'Industry not known',
  noAnswers: 'No grades.',
};

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

export function longDate(date: string, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

export function useTexts(): { tx: ReportTexts; lang: 'sv' | 'en' } {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang };
}
