import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { swedish } from '../lib/forms';
import { Field } from './Field';

export interface CredentialErrors {
  email?: string;
  password?: string;
  form?: ReactNode;
}

/** What is missing before a log-in is sent: the e-mail address, the password. */
export function missingCredentials(email: string, password: string, t: TFunction): CredentialErrors {
  const next: CredentialErrors = {};
  if (!email.trim()) next.email = t('auth.emailMissing');
  if (!password) next.password = t('auth.passwordMissing');
  return next;
}

/** A refused log-in in words: wrong credentials, too many tries, no connection, or the server's reason. */
export function loginRefusal(err: unknown, t: TFunction): ReactNode {
  if (!(err instanceof ApiError)) return t('common.errors.generic');
  if (err.status === 401) return t('auth.wrong');
  if (err.status === 429) return t('auth.rateLimited');
  if (err.status === 0) return t('common.errors.network');
  return err.message ? swedish(err.message) : t('common.errors.generic');
}

/** The log-in's e-mail and password fields (ids `${idPrefix}-email`, `${idPrefix}-password`). */
export function CredentialFields({
  idPrefix,
  email,
  password,
  errors,
  onEmail,
  onPassword,
  t,
}: {
  idPrefix: string;
  email: string;
  password: string;
  errors: CredentialErrors;
  onEmail: (email: string) => void;
  onPassword: (password: string) => void;
  t: TFunction;
}) {
  return (
    <>
      <Field id={`${idPrefix}-email`} label={t('auth.email')} required error={errors.email}>
        {(p) => (
          <input
            {...p}
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            value={email}
            onChange={(e) => onEmail(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-password`} label={t('auth.password')} required error={errors.password}>
        {(p) => (
          <input
            {...p}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => onPassword(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
