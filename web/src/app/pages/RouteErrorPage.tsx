import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { NotFoundPage } from './NotFoundPage';

/** A render error or a failed chunk load: say so plainly instead of a blank page. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const err = useRouteError();
  if (isRouteErrorResponse(err) && err.status === 404) return <NotFoundPage />;
  return (
    <>
      <PageHeading>{t('pages.error.title')}</PageHeading>
      <p>{t('pages.error.body')}</p>
    </>
  );
}
