import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useMe } from '../../../lib/session';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';

/** Which form was sent last: only its error summary shows, so the page has one at a time. */
export type AccountForm = 'profile' | 'password';

/** Mitt konto (/konto): the signed-in person's account, their own details and their password. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [lastSent, setLastSent] = useState<AccountForm | null>(null);
  const user = me.data;

  return (
    <>
      <PageHeading>{t('account.title')}</PageHeading>
      {me.isPending ? <Spinner /> : null}
      {me.isError ? <QueryError error={me.error} onRetry={() => void me.refetch()} /> : null}
      {user ? (
        <>
          <p>{t('account.intro')}</p>
          <section aria-labelledby="account-about">
            <h2 id="account-about">{t('account.aboutTitle')}</h2>
            <dl className="facts">
              <dt>{t('account.email')}</dt>
              <dd>{user.email}</dd>
              <dt>{t('account.role')}</dt>
              <dd>{t(`staff.roles.${user.role}`)}</dd>
              <dt>{t('account.group')}</dt>
              <dd>{t(`staff.groups.${user.group}`)}</dd>
              {user.group === 'politician' ? (
                <>
                  <dt>{t('account.party')}</dt>
                  <dd>{user.party ? t(`staff.parties.${user.party}`) : t('common.notGiven')}</dd>
                </>
              ) : null}
            </dl>
            <p className="muted">{t('account.adminOnly')}</p>
          </section>
          <section aria-labelledby="account-profile">
            <h2 id="account-profile">{t('account.profile.title')}</h2>
            <ProfileForm
              key={user.id}
              me={user}
              showSummary={lastSent === 'profile'}
              onSend={() => setLastSent('profile')}
            />
          </section>
          <section aria-labelledby="account-password">
            <h2 id="account-password">{t('account.password.title')}</h2>
            <PasswordForm
              email={user.email}
              showSummary={lastSent === 'password'}
              onSend={() => setLastSent('password')}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
