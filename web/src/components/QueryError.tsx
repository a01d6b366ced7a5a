import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { swedish } from '../lib/forms';
import { Alert } from './Alert';
import { ForbiddenContent, NotFoundContent } from './StatusPages';

/** How a failed load is shown: 403 and 404 as their pages, anything else as an error with retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <ForbiddenContent />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundContent />;
  const message =
    error instanceof ApiError && error.status === 0
      ? t('common.errors.network')
      : error instanceof ApiError && error.message
        ? swedish(error.message)
        : t('common.errors.loadFailed');
  return (
    <Alert tone="error" title={t('common.errors.loadFailed')}>
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="btn btn--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </Alert>
  );
}
