import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading';
import { useMunicipality } from '../../../lib/municipality';
import { useMe } from '../../../lib/session';

/**
 * The accessibility statement (tillgänglighetsredogörelse) the DOS law asks for. Public. Signed in,
 * it names the unit's e-mail from the municipality settings; otherwise it says how to reach the
 * municipality.
 */
export default function AccessibilityPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const municipality = useMunicipality(Boolean(me)).data;
  const email = municipality?.settings.replyTo;
  const unit = municipality?.settings.unitName || t('staff.groups.business');
  const name = municipality?.name ?? me?.municipality.name ?? t('common.appName');
  return (
    <article className="prose">
      <PageHeading>{t('a11y.title')}</PageHeading>
      <p className="lead">{t('a11y.intro', { municipality: name })}</p>
      <h2>{t('a11y.statusTitle')}</h2>
      <p>{t('a11y.status')}</p>
      <h2>{t('a11y.knownTitle')}</h2>
      <p>{t('a11y.known')}</p>
      <h2>{t('a11y.reportTitle')}</h2>
      {email ? (
        <p>
          {t('a11y.reportEmail', { unit: unit.toLocaleLowerCase('sv') })}{' '}
          <a href={`mailto:${email}?subject=${encodeURIComponent(t('a11y.title'))}`}>{email}</a>.
        </p>
      ) : (
        <p>{t('a11y.reportFallback')}</p>
      )}
      <h2>{t('a11y.supervisionTitle')}</h2>
      <p>{t('a11y.supervision')}</p>
      <p>
        <a href="https://www.digg.se/tdosanmalan">{t('a11y.diggLink')}</a>
      </p>
      <p className="muted">{t('a11y.updated')}</p>
    </article>
  );
}
