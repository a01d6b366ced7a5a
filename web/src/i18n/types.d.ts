import type { sv } from './sv';

// Type-checked translation keys: t('companies.title') compiles, t('companies.titel') does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof sv };
  }
}
