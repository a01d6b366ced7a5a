import { useTranslation } from 'react-i18next';
import { IMPORT_FILE_MAX_BYTES } from '@contracts/companies';

/** The limit as the form and the server's message say it: "1 GB". */
const LIMIT = `${IMPORT_FILE_MAX_BYTES / 1024 ** 3} GB`;

/**
 * The import's newer words, Swedish first; one object per language with the same shape. (Its
 * older ones are under `import` in i18n/.)
 */
const sv = {
  fileLimit: `Filen får vara högst ${LIMIT}.`,
  /** The server's own words for the same refusal (company.routes.ts, FILE_TOO_LARGE). */
  fileTooLarge: `Filen är större än ${LIMIT}, det största som kan läsas in här. Dela upp filen, eller läs in den med kommandot besok import companies på servern.`,
  busy: 'En annan import av företagsregistret pågår, så filen laddades inte upp. Läs in den när den andra importen är klar.',
  busyLink: (file: string) => `Följ importen av ${file}`,
  rejectsGone: (days: number) =>
    `Filen med de avvisade raderna finns inte kvar: den sparas i ${days} dagar, och kan försvinna tidigare om servern startas om. Läs in samma fil igen för att få en ny. Har en nyare fil lästs in sedan dess, läs in den nyare i stället, så att registret inte får tillbaka äldre uppgifter.`,
};

const en: typeof sv = {
  fileLimit: `The file may be at most ${LIMIT}.`,
  fileTooLarge: `The file is larger than ${LIMIT}, the most that can be imported here. Split the file, or import it with the command besok import companies on the server.`,
  busy: 'Another import of the company register is running, so the file was not uploaded. Import it when the other import is done.',
  busyLink: (file: string) => `Follow the import of ${file}`,
  rejectsGone: (days: number) =>
    `The file with the rejected rows is no longer kept: it is kept for ${days} days, and may go sooner if the server is restarted. Import the same file again to get a new one. If a newer file has been imported since, import the newer one instead, so that the register does not get older data back.`,
};

export function useTexts() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang } as const;
}
