import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../../components/ErrorSummary';
import {
  CredentialFields,
  loginRefusal,
  missingCredentials,
  type CredentialErrors,
} from '../../../components/Credentials';
import { PageHeading } from '../../../components/PageHeading';
import { useMe } from '../../../lib/session';
import { useLogin } from '../api/login';

interface LoginState {
  from?: string;
  reason?: 'required' | 'loggedOut';
}

/** Only paths inside the app, so a crafted link cannot send the user elsewhere after log-in. */
function safeFrom(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/logga-in') ? from : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as LoginState;
  const me = useMe();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<CredentialErrors>({});
  const [submits, setSubmits] = useState(0);

  if (me.data && !login.isPending) return <Navigate to={safeFrom(state.from)} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = missingCredentials(email, password, t);
    setErrors(next);
    setSubmits((n) => n + 1);
    if (next.email || next.password) return;
    login.mutate(
      { email, password },
      {
        onSuccess: () => void navigate(safeFrom(state.from), { replace: true }),
        onError: (err) => {
          setErrors({ form: loginRefusal(err, t) });
          setPassword('');
          setSubmits((n) => n + 1);
        },
      },
    );
  };

  const summary: SummaryItem[] = [
    ...(errors.form ? [{ message: errors.form, targetId: 'login-email' }] : []),
    ...(errors.email ? [{ message: errors.email, targetId: 'login-email' }] : []),
    ...(errors.password ? [{ message: errors.password, targetId: 'login-password' }] : []),
  ];

  return (
    <div className="narrow">
      <PageHeading>{t('auth.title')}</PageHeading>
      {state.reason === 'required' && summary.length === 0 ? (
        <Alert tone="info" live={false}>
          <p>{t('auth.required')}</p>
        </Alert>
      ) : null}
      {state.reason === 'loggedOut' && summary.length === 0 ? (
        <Alert tone="success">
          <p>{t('layout.loggedOut')}</p>
        </Alert>
      ) : null}
      <ErrorSummary items={summary} focusKey={submits} />
      <p>{t('auth.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="form">
        <CredentialFields
          idPrefix="login"
          email={email}
          password={password}
          errors={errors}
          onEmail={setEmail}
          onPassword={setPassword}
          t={t}
        />
        <div className="form__actions">
          <Button type="submit" busy={login.isPending} busyText={t('auth.submitting')}>
            {t('auth.submit')}
          </Button>
        </div>
      </form>
      <p className="muted">{t('auth.forgot')}</p>
    </div>
  );
}
