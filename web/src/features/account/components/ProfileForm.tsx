import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeBody } from '@contracts/staff';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import type { SessionUser } from '../../../lib/session';
import { useExpertiseChoices } from '../../../lib/topics';
import { useTopicOptions } from '../api/get-topics';
import { useUpdateMe } from '../api/update-me';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'profile';

interface Draft {
  name: string;
  title: string;
  phone: string;
  expertise: string[];
}

const fromMe = (me: SessionUser): Draft => ({
  name: me.name,
  title: me.title,
  phone: me.phone,
  expertise: me.expertise,
});

/** The person's own name, title, phone and areas of expertise (role, group and party are an admin's). */
export function ProfileForm({
  me,
  showSummary,
  onSend,
}: {
  me: SessionUser;
  showSummary: boolean;
  onSend: () => void;
}) {
  const { t } = useTranslation();
  const topics = useTopicOptions();
  const update = useUpdateMe();
  const [draft, setDraft] = useState<Draft>(() => fromMe(me));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [saved, setSaved] = useState(false);
  const baseline = useBaseline(draft);
  useLeaveGuard(baseline.dirty);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const labels = {
    name: t('account.profile.name'),
    title: t('account.profile.jobTitle'),
    phone: t('account.profile.phone'),
    expertise: t('account.profile.expertise'),
  };
  const all = topics.data?.items ?? [];
  const { offered, label: topicLabel } = useExpertiseChoices(all, me.expertise);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onSend();
    setSaved(false);
    setSubmits((n) => n + 1);
    const v = validate(UpdateMeBody.required({ name: true }), draft, labels, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    update.mutate(v.data, {
      onSuccess: (next) => {
        setDraft(fromMe(next));
        baseline.saved(fromMe(next));
        setSaved(true);
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
      {saved ? (
        <Alert tone="success">
          <p>{t('account.profile.saved')}</p>
        </Alert>
      ) : null}
      <ErrorSummary items={showSummary ? summaryItems(errors, FORM, labels) : []} focusKey={submits} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Field id={id('name')} label={labels.name} required error={err('name')}>
          {(p) => (
            <input
              {...p}
              type="text"
              name="name"
              autoComplete="name"
              maxLength={LIMITS.name}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={id('title')}
          label={labels.title}
          hint={t('account.profile.titleHint')}
          error={err('title')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              name="title"
              autoComplete="organization-title"
              maxLength={LIMITS.shortText}
              value={draft.title}
              onChange={(e) => set('title', e.target.value)}
            />
          )}
        </Field>
        <Field id={id('phone')} label={labels.phone} error={err('phone')}>
          {(p) => (
            <input
              {...p}
              type="tel"
              name="phone"
              autoComplete="tel"
              className="input--short"
              maxLength={LIMITS.phone}
              value={draft.phone}
              onChange={(e) => set('phone', e.target.value)}
            />
          )}
        </Field>
        <ChoiceGroup
          id={id('expertise')}
          legend={labels.expertise}
          hint={t('account.profile.expertiseHint')}
          error={err('expertise')}
          className="choices--columns"
        >
          {topics.isSuccess && offered.length === 0 ? (
            <p>{t(all.length === 0 ? 'account.profile.noTopics' : 'common.noActiveTopics')}</p>
          ) : null}
          {offered.map((tp, i) => (
            <Choice
              key={tp.slug}
              type="checkbox"
              id={i === 0 ? id('expertise') : `${id('expertise')}-${tp.slug}`}
              name="expertise"
              value={tp.slug}
              checked={draft.expertise.includes(tp.slug)}
              onChange={(on) =>
                set(
                  'expertise',
                  on ? [...draft.expertise, tp.slug] : draft.expertise.filter((s) => s !== tp.slug),
                )
              }
              label={topicLabel(tp)}
            />
          ))}
        </ChoiceGroup>
        <div className="form__actions">
          <Button type="submit" busy={update.isPending} busyText={t('common.saving')}>
            {t('account.profile.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
