import { useTranslation } from 'react-i18next';

/**
 * The accessibility statement's words, Swedish first, in the structure Digg's model statement has:
 * who stands behind the service, how accessible it is, what is known not to work, how to report a
 * problem, supervision, and when the service was last reviewed. The known shortcomings are what is
 * true of the service as it is: a fix that removes one removes its line, and moves the review date.
 */
const REVIEWED = { sv: '28 november 2026', en: '28 November 2026' };

/** A unit's name inside a sentence: "Näringslivsenheten" → "näringslivsenheten" (the rest as given). */
const midSentence = (unit: string) => unit.charAt(0).toLocaleLowerCase('sv') + unit.slice(1);

const sv = {
  title: 'Tillgänglighetsredogörelse',
  intro: (municipality: string, unit: string) =>
    `${municipality} står bakom Besök, tjänsten som ${midSentence(unit)} använder för företagsbesök, med de publika sidor där företag anmäler sig och svarar. Vi vill att så många som möjligt ska kunna använda tjänsten. Den här redogörelsen beskriver hur Besök uppfyller lagen om tillgänglighet till digital offentlig service (DOS-lagen), vilka brister vi känner till och hur du kan rapportera problem.`,
  introUnknown:
    'Kommunen står bakom Besök, tjänsten som näringslivsenheten använder för företagsbesök. Vi vill att så många som möjligt ska kunna använda tjänsten. Den här redogörelsen beskriver hur Besök uppfyller lagen om tillgänglighet till digital offentlig service (DOS-lagen), vilka brister vi känner till och hur du kan rapportera problem.',
  statusTitle: 'Hur tillgänglig är tjänsten?',
  status:
    'Besök är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. Tjänsten är utformad för att uppfylla WCAG 2.1 på nivå AA: den går att använda med tangentbord och skärmläsare, har synlig fokusmarkering och text med tillräcklig kontrast, och fungerar i ett 320 pixlar brett fönster.',
  knownTitle: 'Kända brister',
  knownIntro: 'Det här fungerar inte fullt ut:',
  known: [
    'Stafettens kedja som bild går inte att läsa med skärmläsare, och i ett smalt fönster är den bredare än sidan och rullas i sidled. Samma kedja finns som lista under bilden; i ett smalt fönster är listan öppen från början.',
    'I den engelska versionen finns branschernas namn (SNI), kommunens egna texter (till exempel en stafetts eller besökssprints beskrivning) och serverns felmeddelanden bara på svenska. De är märkta som svenska, så att en skärmläsare läser dem med svenskt uttal.',
    'Rapporternas PDF-filer är inte taggade, så en skärmläsare kan inte följa deras rubriker och tabeller. Samma rapport finns på rapportsidan och kan laddas ner som Excel och CSV.',
  ],
  reportTitle: 'Rapportera brister',
  reportEmail: (unit: string, municipality: string) =>
    `Om du upplever problem med tjänsten, eller behöver innehåll i ett annat format, kontakta ${midSentence(unit)} i ${municipality} på`,
  reportFallback: (unit: string, municipality: string) =>
    `Om du upplever problem med tjänsten, eller behöver innehåll i ett annat format, kontakta ${municipality} via kommunens växel eller webbplats och be att få tala med ${midSentence(unit)}.`,
  reportUnknown:
    'Om du upplever problem med tjänsten, eller behöver innehåll i ett annat format, kontakta kommunen via kommunens växel eller webbplats och be att få tala med näringslivsenheten.',
  supervisionTitle: 'Tillsyn',
  supervision:
    'Myndigheten för digital förvaltning (Digg) ansvarar för tillsyn enligt lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.',
  diggLink: 'Anmäl till Digg (digg.se)',
  reviewTitle: 'Hur vi har granskat tjänsten',
  review: `Vi har själva granskat Besök mot WCAG 2.1 nivå AA i webbläsaren: med tangentbord, i ett 320 pixlar brett fönster, med ökat textavstånd och med automatiska kontroller (axe) av varje sida i tjänstens tester. Den senaste granskningen gjordes den ${REVIEWED.sv}.`,
  updated: `Redogörelsen uppdaterades senast den ${REVIEWED.sv}.`,
};

export type AccessibilityTexts = typeof sv;

const en: AccessibilityTexts = {
  title: 'Accessibility statement',
  intro: (municipality, unit) =>
    `${municipality} is responsible for Besök, the service ${unit} uses for company visits, with the public pages where companies register and answer. We want as many people as possible to be able to use it. This statement describes how Besök complies with the Swedish act on accessibility of digital public services (the DOS act), which shortcomings we know of and how to report problems.`,
  introUnknown:
    'The municipality is responsible for Besök, the service its business development unit uses for company visits. We want as many people as possible to be able to use it. This statement describes how Besök complies with the Swedish act on accessibility of digital public services (the DOS act), which shortcomings we know of and how to report problems.',
  statusTitle: 'How accessible is the service?',
  status:
    'Besök partially complies with the act on accessibility of digital public services, because of the shortcomings described below. The service is designed to meet WCAG 2.1 level AA: it can be used with a keyboard and a screen reader, has visible focus and text with sufficient contrast, and works in a window 320 pixels wide.',
  knownTitle: 'Known shortcomings',
  knownIntro: 'These do not work fully:',
  known: [
    "The relay's chain as a picture cannot be read with a screen reader, and in a narrow window it is wider than the page and scrolls sideways. The same chain is given as a list below the picture; in a narrow window the list is open from the start.",
    "In the English version, the industry names (SNI), the municipality's own texts (such as a relay's or a visit sprint's description) and the server's error messages are in Swedish only. They are marked as Swedish, so that a screen reader reads them with Swedish pronunciation.",
    "The reports' PDF files are not tagged, so a screen reader cannot follow their headings and tables. The same report is on the report page and can be downloaded as Excel and CSV.",
  ],
  reportTitle: 'Report a problem',
  reportEmail: (unit, municipality) =>
    `If you have problems using the service, or need content in another format, contact ${unit} of ${municipality} at`,
  reportFallback: (unit, municipality) =>
    `If you have problems using the service, or need content in another format, contact ${municipality} through its switchboard or website and ask for ${unit}.`,
  reportUnknown:
    'If you have problems using the service, or need content in another format, contact the municipality through its switchboard or website and ask for the business development unit.',
  supervisionTitle: 'Supervision',
  supervision:
    'The Agency for Digital Government (Digg) supervises the act on accessibility of digital public services. If you are not satisfied with how we handle your comments, you can contact Digg.',
  diggLink: 'Report to Digg (digg.se)',
  reviewTitle: 'How we reviewed the service',
  review: `We reviewed Besök ourselves against WCAG 2.1 level AA in the browser: with a keyboard, in a window 320 pixels wide, with increased text spacing and with automatic checks (axe) of every page in the service's tests. The latest review was made on ${REVIEWED.en}.`,
  updated: `This statement was last updated on ${REVIEWED.en}.`,
};

export function useTexts(): AccessibilityTexts {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? en : sv;
}
