import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/PageHeading';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('pages.forbidden.title')}</PageHeading>
      <p>{t('pages.forbidden.body')}</p>
      <p>
        <Link to="/">{t('pages.forbidden.home')}</Link>
      </p>
    </>
  );
}
