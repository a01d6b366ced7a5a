import { useTranslation } from 'react-i18next';

/**
 * The start page's own words (its card of one's coming visits), Swedish first, English with the
 * same shape (checked by the type). Kept in the feature, like the others', so the shared i18n files
 * stay small; the cards' titles and texts stay under `home` there.
 */
const sv = {
  upcoming: {
    title: 'Dina besök i dag och framåt',
    intro: 'Närmast först. Öppna besöket för att skriva rapporten.',
    none: 'Du har inga planerade besök i dag eller framåt.',
    error: 'Dina besök kunde inte hämtas just nu.',
    report: 'Rapporten',
    reportOf: (company: string) => `Rapporten: ${company}`,
    sprintDay: (sprint: string, day: string) => `Din dag i ${sprint}, ${day}`,
    all: 'Alla mina besök',
  },
};

type HomeTexts = typeof sv;

const en: HomeTexts = {
  upcoming: {
    title: 'Your visits today and ahead',
    intro: 'Soonest first. Open a visit to write its report.',
    none: 'You have no planned visits today or ahead.',
    error: 'Your visits could not be fetched just now.',
    report: 'The report',
    reportOf: (company) => `The report: ${company}`,
    sprintDay: (sprint, day) => `Your day in ${sprint}, ${day}`,
    all: 'All my visits',
  },
};

export function useTexts(): { tx: HomeTexts; lang: 'sv' | 'en' } {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang };
}
