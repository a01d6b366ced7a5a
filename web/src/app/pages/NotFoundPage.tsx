import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/PageHeading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('pages.notFound.title')}</PageHeading>
      <p>{t('pages.notFound.body')}</p>
      <p>
        <Link to="/">{t('pages.notFound.home')}</Link>
      </p>
    </>
  );
}
