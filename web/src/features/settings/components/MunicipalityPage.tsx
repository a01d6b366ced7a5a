import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMunicipalityBody } from '@contracts/municipality';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Choice, Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useMunicipality, type Municipality } from '../../../lib/municipality';
import { useUpdateMunicipality } from '../api/update-municipality';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'municipality';

export default function MunicipalityPage() {
  const { t } = useTranslation();
  const m = useMunicipality();
  return (
    <>
      <PageHeading>{t('municipality.title')}</PageHeading>
      <p className="page-intro">{t('municipality.intro')}</p>
      {m.isPending ? <Spinner /> : null}
      {m.isError ? <QueryError error={m.error} onRetry={() => void m.refetch()} /> : null}
      {m.data ? <MunicipalityForm m={m.data} /> : null}
    </>
  );
}

interface Draft {
  name: string;
  kommunkod: string;
  unitName: string;
  replyTo: string;
  feedbackDays: string;
  retentionMonths: string;
}

function MunicipalityForm({ m }: { m: Municipality }) {
  const { t } = useTranslation();
  const save = useUpdateMunicipality();
  const [draft, setDraft] = useState<Draft>({
    name: m.name,
    kommunkod: m.kommunkod,
    unitName: m.settings.unitName,
    replyTo: m.settings.replyTo,
    feedbackDays: String(m.settings.feedbackDays),
    retentionMonths: String(m.settings.retentionMonths),
  });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [saved, setSaved] = useState(false);
  const [confirmRetention, setConfirmRetention] = useState(false);
  const baseline = useBaseline(draft);
  useLeaveGuard(baseline.dirty);
  const set = (k: keyof Draft, v: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v }));
  };

  // The contract nests the settings; errors come back as `settings.replyTo` and land on the field.
  const labels: Record<string, string> = {
    name: t('municipality.name'),
    kommunkod: t('municipality.kommunkod'),
    'settings.unitName': t('municipality.unitName'),
    'settings.replyTo': t('municipality.replyTo'),
    'settings.feedbackDays': t('municipality.feedbackDays'),
    'settings.retentionMonths': t('municipality.retentionMonths'),
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()));
    const body = {
      version: m.version,
      ...(shortening ? { confirmRetention } : {}),
      name: draft.name,
      kommunkod: draft.kommunkod.trim(),
      settings: {
        unitName: draft.unitName.trim(),
        replyTo: draft.replyTo.trim(),
        feedbackDays: num(draft.feedbackDays),
        retentionMonths: num(draft.retentionMonths),
      },
    };
    // The contract checks the reply address too (empty, or an e-mail address), as the server does.
    const v = validate(UpdateMunicipalityBody, body, labels, t);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors(NO_ERRORS);
    const submitted = draft;
    save.mutate(v.data, {
      onSuccess: () => {
        baseline.saved(submitted);
        setSaved(true);
        setConfirmRetention(false);
      },
      onError: (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  // A shorter retention period clears what is older at once: asked before it is saved.
  const shortening = Number(draft.retentionMonths) < m.settings.retentionMonths;
  const id = (k: string) => fieldId(FORM, k);
  const err = (k: string) => errors.fields[k];
  const text = (
    k: keyof Draft,
    path: string,
    opts: {
      hint?: string;
      required?: boolean;
      type?: string;
      max: number;
      short?: boolean;
      autoComplete?: string;
      inputMode?: 'numeric' | 'email';
    },
  ) => (
    <Field
      id={id(path)}
      label={labels[path]}
      hint={opts.hint}
      required={opts.required ?? false}
      error={err(path)}
    >
      {(p) => (
        <input
          {...p}
          type={opts.type ?? 'text'}
          name={k}
          autoComplete={opts.autoComplete ?? 'off'}
          inputMode={opts.inputMode}
          maxLength={opts.max}
          className={opts.short ? 'input--short' : undefined}
          value={draft[k]}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      {saved ? (
        <Alert tone="success">
          <p>{t('common.saved')}</p>
        </Alert>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        {text('name', 'name', { required: true, max: LIMITS.name, autoComplete: 'organization' })}
        {text('kommunkod', 'kommunkod', {
          required: true,
          hint: t('municipality.kommunkodHint'),
          max: 4,
          short: true,
          inputMode: 'numeric',
        })}
        {text('unitName', 'settings.unitName', {
          required: true,
          hint: t('municipality.unitNameHint'),
          max: LIMITS.shortText,
        })}
        {text('replyTo', 'settings.replyTo', {
          hint: t('municipality.replyToHint'),
          type: 'email',
          max: LIMITS.email,
          inputMode: 'email',
        })}
        {text('feedbackDays', 'settings.feedbackDays', {
          required: true,
          hint: t('municipality.feedbackDaysHint'),
          max: 3,
          short: true,
          inputMode: 'numeric',
        })}
        {text('retentionMonths', 'settings.retentionMonths', {
          required: true,
          hint: t('municipality.retentionMonthsHint'),
          max: 3,
          short: true,
          inputMode: 'numeric',
        })}
        {shortening ? (
          <Choice
            type="checkbox"
            id={id('confirmRetention')}
            name="confirmRetention"
            value="yes"
            checked={confirmRetention}
            onChange={setConfirmRetention}
            label={t('municipality.confirmRetention')}
            hint={t('municipality.confirmRetentionHint')}
          />
        ) : null}
        <div className="form__actions">
          <Button type="submit" busy={save.isPending} busyText={t('common.saving')}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </>
  );
}
