import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from './PageHeading';

/**
 * The bodies of the 403 and 404 pages; used as routes and in place of content that fails with
 * them. As the page itself (`heading="h1"`), the heading is the page's h1 and names the tab.
 */
export function NotFoundContent({ heading = 'h2' }: { heading?: 'h1' | 'h2' }) {
  const { t } = useTranslation();
  return (
    <section className="status-page">
      {heading === 'h1' ? (
        <PageHeading>{t('pages.notFound.title')}</PageHeading>
      ) : (
        <h2>{t('pages.notFound.title')}</h2>
      )}
      <p>{t('pages.notFound.body')}</p>
      <p>
        <Link to="/">{t('pages.notFound.home')}</Link>
      </p>
    </section>
  );
}

export function ForbiddenContent({ heading = 'h2' }: { heading?: 'h1' | 'h2' }) {
  const { t } = useTranslation();
  return (
    <section className="status-page">
      {heading === 'h1' ? (
        <PageHeading>{t('pages.forbidden.title')}</PageHeading>
      ) : (
        <h2>{t('pages.forbidden.title')}</h2>
      )}
      <p>{t('pages.forbidden.body')}</p>
      <p>
        <Link to="/">{t('pages.forbidden.home')}</Link>
      </p>
    </section>
  );
}
