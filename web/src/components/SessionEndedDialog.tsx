import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, resetCsrf } from '../lib/api';
import { getMe, meQueryKey, useMe } from '../lib/session';
import { clearSessionEnded, useSessionEnded } from '../lib/session-ended';
import { useAnnounce } from './Announcer';
import { Button } from './Button';
import { ErrorSummary, type SummaryItem } from './ErrorSummary';
import { CredentialFields, loginRefusal, missingCredentials, type CredentialErrors } from './Credentials';

/**
 * The session ended during a save: log in again here, over the page, so that what was typed
 * stays where it was and the save can be tried again. A modal <dialog> (focus kept inside it,
 * Escape closes it, focus back where it was). Someone else logging in here starts afresh at the
 * start page: the page and its input were the other person's.
 */
export function SessionEndedDialog() {
  const ended = useSessionEnded();
  const me = useMe().data ?? null;
  return ended && me ? <Ask email={me.email} userId={me.id} /> : null;
}

function Ask({ email: knownEmail, userId }: { email: string; userId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const ref = useRef<HTMLDialogElement>(null);
  const back = useRef<Element | null>(null);
  const [email, setEmail] = useState(knownEmail);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<CredentialErrors>({});
  const [submits, setSubmits] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    back.current = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    // The e-mail address is known: the password is what is asked for.
    document.getElementById('session-password')?.focus();
    return () => {
      if (back.current instanceof HTMLElement && back.current.isConnected) back.current.focus();
    };
  }, []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const next = missingCredentials(email, password, t);
    setErrors(next);
    setSubmits((n) => n + 1);
    if (next.email || next.password) return;
    setBusy(true);
    try {
      await api.post('/api/auth/login', { email, password });
      resetCsrf();
      const me = await getMe();
      if (!me || me.id !== userId) {
        window.location.assign('/');
        return;
      }
      qc.setQueryData(meQueryKey, me);
      clearSessionEnded();
      announce(t('auth.sessionEnded.back'));
    } catch (err) {
      setErrors({ form: loginRefusal(err, t) });
      setPassword('');
      setSubmits((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const summary: SummaryItem[] = [
    ...(errors.form ? [{ message: errors.form, targetId: 'session-password' }] : []),
    ...(errors.email ? [{ message: errors.email, targetId: 'session-email' }] : []),
    ...(errors.password ? [{ message: errors.password, targetId: 'session-password' }] : []),
  ];

  return (
    <dialog
      ref={ref}
      className="session-dialog"
      aria-labelledby="session-dialog-title"
      aria-describedby="session-dialog-body"
      // Escape closes it: the page is there again as it was, and the next save asks again.
      onClose={clearSessionEnded}
    >
      <h2 id="session-dialog-title">{t('auth.sessionEnded.title')}</h2>
      <p id="session-dialog-body">{t('auth.sessionEnded.body')}</p>
      <ErrorSummary items={summary} focusKey={submits} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="form">
        <CredentialFields
          idPrefix="session"
          email={email}
          password={password}
          errors={errors}
          onEmail={setEmail}
          onPassword={setPassword}
          t={t}
        />
        <div className="form__actions">
          <Button type="submit" busy={busy} busyText={t('auth.submitting')}>
            {t('auth.sessionEnded.submit')}
          </Button>
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            {t('auth.sessionEnded.close')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
