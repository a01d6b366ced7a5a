import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The bodies of the 403 and 404 pages; used as routes and in place of content that fails with them. */
export function NotFoundContent({ heading = 'h2' }: { heading?: 'h1' | 'h2' }) {
  const { t } = useTranslation();
  const H = heading;
  return (
    <section className="status-page">
      <H>{t('pages.notFound.title')}</H>
      <p>{t('pages.notFound.body')}</p>
      <p>
        <Link to="/">{t('pages.notFound.home')}</Link>
      </p>
    </section>
  );
}

export function ForbiddenContent() {
  const { t } = useTranslation();
  return (
    <section className="status-page">
      <h2>{t('pages.forbidden.title')}</h2>
      <p>{t('pages.forbidden.body')}</p>
      <p>
        <Link to="/">{t('pages.forbidden.home')}</Link>
      </p>
    </section>
  );
}
