import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { useMunicipality } from '../../../lib/municipality';
import { roleSatisfies, useMe, type Role } from '../../../lib/session';
import { DemoMailboxLink } from '../../demo-mailbox/components/DemoMailboxLink';
import { StalledCard } from '../../relay/components/StalledCard';
import { VisitsCard } from '../../visits/components/VisitsCard';
import { UpcomingCard } from './UpcomingCard';

/**
 * The start page: staff's own visits of today and ahead first (the way to the next visit's
 * report), then what Besök does and a card per feature the user may use. A new feature adds
 * its card to CARDS (title and text under `home.cards` in the i18n files).
 */
interface Card {
  to: string;
  key: 'companies' | 'relay' | 'import' | 'staff' | 'topics' | 'municipality';
  role: Role;
}

const CARDS: Card[] = [
  { to: '/foretag', key: 'companies', role: 'viewer' },
  { to: '/stafett', key: 'relay', role: 'viewer' },
  { to: '/import', key: 'import', role: 'admin' },
  { to: '/personal', key: 'staff', role: 'staff' },
  { to: '/amnen', key: 'topics', role: 'admin' },
  { to: '/kommun', key: 'municipality', role: 'admin' },
];

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const municipality = useMunicipality().data;
  if (!me) return null;
  // The unit's name is the municipality's own, in Swedish ("Näringslivsenheten"): the Swedish text
  // names it; the English says "the business unit" in its own words rather than embed the Swedish.
  const unit = municipality?.settings.unitName || t('staff.groups.business');
  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      <p className="lead">{t('home.greeting', { name: me.name })}</p>
      <p className="lead">
        {t('home.intro', { unit: unit.toLocaleLowerCase('sv'), municipality: me.municipality.name })}
      </p>
      {roleSatisfies(me.role, 'staff') ? <UpcomingCard /> : null}
      {roleSatisfies(me.role, 'admin') ? <DemoMailboxLink /> : null}
      <StalledCard />
      {roleSatisfies(me.role, 'staff') ? <VisitsCard /> : null}
      <h2>{t('home.whatTitle')}</h2>
      <ul className="cards">
        {CARDS.filter((c) => roleSatisfies(me.role, c.role)).map((c) => (
          <li key={c.to} className="card">
            <h3 className="card__title">
              <Link to={c.to} className="card__link">
                {t(`home.cards.${c.key}.title`)}
              </Link>
            </h3>
            <p>{t(`home.cards.${c.key}.body`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
