import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordBody } from '@contracts/staff';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useChangePassword } from '../api/change-password';

const FORM = 'password';

interface Draft {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

const EMPTY: Draft = { currentPassword: '', newPassword: '', repeatPassword: '' };

/**
 * Current password, the new one and the new one again. The server checks the current one; the
 * repeat is checked here only. Saved: the fields are emptied and a success message shows.
 */
export function PasswordForm({
  email,
  showSummary,
  onSend,
}: {
  email: string;
  showSummary: boolean;
  onSend: () => void;
}) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [changed, setChanged] = useState(false);
  const set = (k: keyof Draft, v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const labels = {
    currentPassword: t('account.password.current'),
    newPassword: t('account.password.new'),
    repeatPassword: t('account.password.repeat'),
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onSend();
    setChanged(false);
    setSubmits((n) => n + 1);
    const v = validate(
      ChangePasswordBody,
      { currentPassword: draft.currentPassword, newPassword: draft.newPassword },
      labels,
      t,
    );
    const repeat = !draft.repeatPassword
      ? t('forms.required', { label: labels.repeatPassword })
      : draft.repeatPassword !== draft.newPassword
        ? t('account.password.mismatch')
        : null;
    if (!v.ok || repeat) {
      const fields = v.ok ? {} : v.errors.fields;
      return setErrors({
        fields: repeat ? { ...fields, repeatPassword: repeat } : fields,
        form: v.ok ? null : v.errors.form,
      });
    }
    setErrors(NO_ERRORS);
    change.mutate(v.data, {
      onSuccess: () => {
        setDraft(EMPTY);
        setChanged(true);
      },
      onError: (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  const err = (k: string) => errors.fields[k];
  const id = (k: string) => fieldId(FORM, k);

  return (
    <>
      {changed ? (
        <Alert tone="success">
          <p>{t('account.password.changed')}</p>
        </Alert>
      ) : null}
      <ErrorSummary items={showSummary ? summaryItems(errors, FORM, labels) : []} focusKey={submits} />
      <form className="form" noValidate onSubmit={onSubmit}>
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          id={id('currentPassword')}
          label={labels.currentPassword}
          required
          error={err('currentPassword')}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              name="current-password"
              autoComplete="current-password"
              maxLength={LIMITS.password}
              value={draft.currentPassword}
              onChange={(e) => set('currentPassword', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={id('newPassword')}
          label={labels.newPassword}
          hint={t('account.password.newHint')}
          required
          error={err('newPassword')}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              name="new-password"
              autoComplete="new-password"
              maxLength={LIMITS.password}
              value={draft.newPassword}
              onChange={(e) => set('newPassword', e.target.value)}
            />
          )}
        </Field>
        <Field id={id('repeatPassword')} label={labels.repeatPassword} required error={err('repeatPassword')}>
          {(p) => (
            <input
              {...p}
              type="password"
              name="repeat-password"
              autoComplete="new-password"
              maxLength={LIMITS.password}
              value={draft.repeatPassword}
              onChange={(e) => set('repeatPassword', e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <Button type="submit" busy={change.isPending} busyText={t('account.password.submitting')}>
            {t('account.password.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
