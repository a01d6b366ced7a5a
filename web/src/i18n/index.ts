import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import zodSv from 'zod/v4/locales/sv.js';
import zodEn from 'zod/v4/locales/en.js';
import { sv } from './sv';
import { en } from './en';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'besok.lang';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'sv') return saved;
  } catch {
    // Storage blocked: Swedish, the default.
  }
  return 'sv';
}

/** `<html lang>` and zod's messages (used by the forms) follow the chosen language. */
function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  z.config(lng === 'en' ? zodEn() : zodSv());
}

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'sv',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
});
applyLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered; still switched for this visit.
  }
});

export default i18n;
