import { useTranslation } from 'react-i18next';

/**
 * The register's newer words, Swedish first; one object per language with the same shape. (Its
 * older ones are under `companies` in i18n/.)
 */
const sv = {
  /** A postal-code filter from the address that is the beginning of a code, not one of the list's. */
  postalPrefix: (prefix: string) => `Postnummer som börjar på ${prefix}`,
};

const en: typeof sv = {
  postalPrefix: (prefix: string) => `Postcodes beginning ${prefix}`,
};

export function useTexts() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang } as const;
}
