import { SessionEndedDialog } from '../components/SessionEndedDialog';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { Spinner } from '../components/Spinner';
import { roleSatisfies, useMe } from '../lib/session';
import { useLogout } from '../features/auth/api/logout';
import { NAV } from './nav';
import type { LoginState } from './guards';
import { confirmLeavingUnsaved, LeaveGuard } from '../lib/unsaved';
import { clearAllLocal, hasLocal } from '../features/visits/components/report-merge';
import { useTexts } from '../features/visits/texts';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const target = t('layout.switchToLang');
  return (
    <button
      type="button"
      className="header__lang"
      lang={target}
      onClick={() => void i18n.changeLanguage(target)}
    >
      {t('layout.switchTo')}
    </button>
  );
}

/**
 * The frame of every page: skip link, header with the app's name, the menu for the user's role,
 * who is signed in and log-out, the main landmark (the skip link's target), and the footer with
 * the accessibility statement.
 */
export function Layout() {
  const { t } = useTranslation();
  const { tx } = useTexts();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = me.data ?? null;

  const onLogout = () => {
    // Asked before the session ends, not after (a form's guard would ask on the way out, too late).
    // Report drafts kept on the device go at log-out (the next person on a shared phone must not
    // see or send them): first ask, if some of this person's text has not reached the server.
    if (user && hasLocal(user.id) && !window.confirm(tx.report.logoutDrafts)) return;
    if (!confirmLeavingUnsaved(t('common.unsaved'))) return;
    logout.mutate(undefined, {
      onSuccess: () => {
        clearAllLocal();
        const state: LoginState = { reason: 'loggedOut' };
        void navigate('/logga-in', { replace: true, state });
      },
    });
  };

  return (
    <div className="shell">
      <LeaveGuard />
      <SessionEndedDialog />
      <a className="skip-link" href="#main">
        {t('layout.skipLink')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="header__brand">
            <span className="header__logo" aria-hidden="true">
              B
            </span>
            <span>
              <span className="header__name">{t('common.appName')}</span>
              {user ? <span className="header__org">{user.municipality.name}</span> : null}
            </span>
          </Link>
          <div className="header__tools">
            {user ? (
              <p className="header__user">
                <span className="visually-hidden">{t('layout.userMenu')} </span>
                <span className="header__username">{user.name}</span>{' '}
                <span className="header__role">({t(`layout.roles.${user.role}`)})</span>
              </p>
            ) : null}
            {user ? (
              <NavLink to="/konto" className="btn btn--secondary btn--small">
                {t('layout.account')}
              </NavLink>
            ) : null}
            <LanguageSwitch />
            {user ? (
              <button type="button" className="btn btn--secondary btn--small" onClick={onLogout}>
                {t('layout.logout')}
              </button>
            ) : null}
          </div>
        </div>
        {user ? (
          <nav className="nav" aria-label={t('layout.mainNav')}>
            <ul className="nav__list">
              {NAV.filter((item) => roleSatisfies(user.role, item.role)).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end ?? false} className="nav__link">
                    {t(`layout.nav.${item.labelKey}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <div className="footer__inner">
          <p>{t('layout.footer')}</p>
          <p>
            <Link to="/tillganglighet">{t('layout.accessibility')}</Link>
          </p>
        </div>
      </footer>
    </div>
  );
}
