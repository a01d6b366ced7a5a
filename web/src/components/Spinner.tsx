import { useTranslation } from 'react-i18next';

/** A loading indicator with its text for screen readers (and sighted users). */
export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="spinner" role="status">
      <span className="spinner__dot" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}
