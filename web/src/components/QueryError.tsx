import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { swedish } from '../lib/forms';
import { Alert } from './Alert';
import { PageHeading } from './PageHeading';
import { ForbiddenContent, NotFoundContent } from './StatusPages';

/**
 * How a failed load is shown: 403 and 404 as their pages, anything else as an error with retry.
 * A page's own load refused as a bad request (a link cut short or mangled, an id far too long) is
 * the page that is not there, too: trying again could never help.
 * `page`: the load was the page's own (nothing of it is shown), so what failed is the page's h1
 * and its title ("Sidan finns inte – Besök"), not a heading under no h1 in a tab named "Besök".
 */
export function QueryError({
  error,
  onRetry,
  page = false,
}: {
  error: unknown;
  onRetry?: () => void;
  page?: boolean;
}) {
  const { t } = useTranslation();
  const heading = page ? 'h1' : 'h2';
  if (error instanceof ApiError && error.status === 403) return <ForbiddenContent heading={heading} />;
  const badRequest = error instanceof ApiError && (error.status === 400 || error.status === 414);
  if (error instanceof ApiError && (error.status === 404 || (page && badRequest)))
    return <NotFoundContent heading={heading} />;
  const message =
    error instanceof ApiError && error.status === 0
      ? t('common.errors.network')
      : error instanceof ApiError && error.message
        ? swedish(error.message)
        : t('common.errors.loadFailed');
  const retry =
    onRetry && !badRequest ? (
      <button type="button" className="btn btn--secondary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    ) : null;
  if (page) {
    return (
      <>
        <PageHeading>{t('common.errors.loadFailed')}</PageHeading>
        <Alert tone="error">
          <p>{message}</p>
          {retry}
        </Alert>
      </>
    );
  }
  return (
    <Alert tone="error" title={t('common.errors.loadFailed')}>
      <p>{message}</p>
      {retry}
    </Alert>
  );
}
