import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  CreateStaffBody,
  PARTY_VALUES,
  ROLE_VALUES,
  STAFF_GROUP_VALUES,
  UpdateStaffBody,
  type StaffMember,
} from '@contracts/staff';
import { LIMITS } from '@contracts/common';
import { Button, ButtonLink } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { isApiError } from '../../../lib/api';
import { useMe } from '../../../lib/session';
import { useExpertiseChoices } from '../../../lib/topics';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useCreateStaff } from '../api/create-staff';
import { useTopicOptions, type Topic } from '../api/get-topics';
import { useStaffMember } from '../api/get-staff';
import { useUpdateStaff } from '../api/update-staff';
import type { StaffFlash } from './StaffListPage';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'staff';

interface Draft {
  email: string;
  name: string;
  title: string;
  phone: string;
  role: StaffMember['role'] | '';
  group: StaffMember['group'] | '';
  party: StaffMember['party'];
  expertise: string[];
  active: boolean;
  password: string;
}

const EMPTY: Draft = {
  email: '',
  name: '',
  title: '',
  phone: '',
  role: '',
  group: '',
  party: null,
  expertise: [],
  active: true,
  password: '',
};

function fromMember(m: StaffMember): Draft {
  return { ...m, password: '' };
}

/** Add (/personal/ny) or edit (/personal/:id) a person. The same form, with the contract's rules. */
export default function StaffFormPage() {
  const { id } = useParams();
  const topics = useTopicOptions();
  if (!id) return <StaffForm topics={topics.data?.items ?? []} />;
  return <EditStaff id={id} topics={topics.data?.items ?? []} />;
}

/** Loads the one person (GET /api/staff/:id), then the form with their values. */
function EditStaff({ id, topics }: { id: string; topics: Topic[] }) {
  const { t } = useTranslation();
  const member = useStaffMember(id);
  if (member.isPending) {
    return (
      <>
        <PageHeading>{t('common.loading')}</PageHeading>
        <Spinner />
      </>
    );
  }
  if (member.isError) {
    return (
      <>
        <PageHeading>
          {isApiError(member.error, 404) ? t('staff.notFound') : t('common.errors.loadFailed')}
        </PageHeading>
        <QueryError error={member.error} onRetry={() => void member.refetch()} />
      </>
    );
  }
  return <StaffForm key={member.data.id} member={member.data} topics={topics} />;
}

function StaffForm({ member, topics }: { member?: StaffMember; topics: Topic[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateStaff();
  const update = useUpdateStaff(member?.id ?? '');
  const [draft, setDraft] = useState<Draft>(member ? fromMember(member) : EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const allowLeave = useLeaveGuard(useBaseline(draft).dirty);
  const editing = Boolean(member);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const labels: Record<string, string> = {
    name: t('staff.fields.name'),
    email: t('staff.fields.email'),
    title: t('staff.fields.title'),
    phone: t('staff.fields.phone'),
    role: t('staff.fields.role'),
    group: t('staff.fields.group'),
    party: t('staff.fields.party'),
    expertise: t('staff.fields.expertise'),
    ...(editing ? { active: t('staff.fields.active') } : {}),
    password: editing ? t('staff.fields.newPassword') : t('staff.fields.password'),
  };
  const { offered, label: topicLabel } = useExpertiseChoices(topics, member?.expertise ?? []);
  const me = useMe().data;
  const isSelf = Boolean(member && me && member.id === me.id);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const common = {
      name: draft.name,
      title: draft.title,
      phone: draft.phone,
      role: draft.role || undefined,
      group: draft.group || undefined,
      party: draft.group === 'politician' ? draft.party : null,
      expertise: draft.expertise,
      ...(draft.password ? { password: draft.password } : {}),
    };
    const onError = (err: unknown) => {
      setErrors(serverErrors(err, labels, t));
      setSubmits((n) => n + 1);
    };
    if (member) {
      const v = validate(
        UpdateStaffBody.required({ name: true, role: true, group: true, email: true }),
        { ...common, email: draft.email, active: draft.active },
        labels,
        t,
      );
      if (!v.ok) return setErrors(v.errors);
      setErrors(NO_ERRORS);
      // Only what was changed here: another admin's change since the form opened (a deactivation,
      // a new role) or the person's own (their phone on Mitt konto) is not put back.
      const was: Record<string, unknown> = {
        ...member,
        party: member.group === 'politician' ? member.party : null,
      };
      const changed = Object.fromEntries(
        Object.entries(v.data).filter(
          ([k, val]) => k === 'password' || JSON.stringify(val) !== JSON.stringify(was[k]),
        ),
      );
      update.mutate(changed, {
        onSuccess: (saved) => {
          const state: StaffFlash = { flash: t('staff.updated', { name: saved.name }) };
          allowLeave();
          // Having given up one's own admin role, the staff pages are no longer one's own.
          void navigate(isSelf && saved.role !== 'admin' ? '/' : '/personal', { state });
        },
        onError,
      });
    } else {
      const v = validate(CreateStaffBody, { ...common, email: draft.email }, labels, t);
      if (!v.ok) return setErrors(v.errors);
      setErrors(NO_ERRORS);
      create.mutate(v.data, {
        onSuccess: (saved) => {
          const state: StaffFlash = { flash: t('staff.created', { name: saved.name }) };
          allowLeave();
          void navigate('/personal', { state });
        },
        onError,
      });
    }
  };

  const err = (k: string) => errors.fields[k];
  const id = (k: string) => fieldId(FORM, k);
  const busy = create.isPending || update.isPending;

  return (
    <>
      <PageHeading>{member ? t('staff.editTitle', { name: member.name }) : t('staff.addTitle')}</PageHeading>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Field id={id('name')} label={labels.name} required error={err('name')}>
          {(p) => (
            <input
              {...p}
              type="text"
              name="name"
              autoComplete="off"
              maxLength={LIMITS.name}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={id('email')}
          label={labels.email}
          hint={t('staff.fields.emailHint')}
          required
          error={err('email')}
        >
          {(p) => (
            <input
              {...p}
              type="email"
              name="email"
              autoComplete="off"
              inputMode="email"
              spellCheck={false}
              maxLength={LIMITS.email}
              value={draft.email}
              onChange={(e) => set('email', e.target.value)}
            />
          )}
        </Field>
        <Field id={id('title')} label={labels.title} hint={t('staff.fields.titleHint')} error={err('title')}>
          {(p) => (
            <input
              {...p}
              type="text"
              name="title"
              autoComplete="off"
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
              autoComplete="off"
              className="input--short"
              maxLength={LIMITS.phone}
              value={draft.phone}
              onChange={(e) => set('phone', e.target.value)}
            />
          )}
        </Field>
        <ChoiceGroup
          id={id('role')}
          legend={labels.role}
          hint={isSelf ? t('staff.fields.roleSelfHint') : undefined}
          required
          error={err('role')}
        >
          {ROLE_VALUES.map((r, i) => (
            <Choice
              key={r}
              type="radio"
              id={i === 0 ? id('role') : `${id('role')}-${r}`}
              name="role"
              value={r}
              checked={draft.role === r}
              onChange={() => set('role', r)}
              label={t(`staff.roles.${r}`)}
              hint={t(`staff.roles.${r}Hint`)}
            />
          ))}
        </ChoiceGroup>
        <ChoiceGroup id={id('group')} legend={labels.group} required error={err('group')}>
          {STAFF_GROUP_VALUES.map((g, i) => (
            <Choice
              key={g}
              type="radio"
              id={i === 0 ? id('group') : `${id('group')}-${g}`}
              name="group"
              value={g}
              checked={draft.group === g}
              onChange={() => set('group', g)}
              label={t(`staff.groups.${g}`)}
            />
          ))}
        </ChoiceGroup>
        {draft.group === 'politician' ? (
          <ChoiceGroup
            id={id('party')}
            legend={labels.party}
            hint={t('staff.fields.partyHint')}
            error={err('party')}
          >
            {[...PARTY_VALUES, null].map((p, i) => (
              <Choice
                key={p ?? 'none'}
                type="radio"
                id={i === 0 ? id('party') : `${id('party')}-${p ?? 'none'}`}
                name="party"
                value={p ?? ''}
                checked={draft.party === p}
                onChange={() => set('party', p)}
                label={p ? t(`staff.parties.${p}`) : t('staff.fields.partyNone')}
              />
            ))}
          </ChoiceGroup>
        ) : null}
        <ChoiceGroup
          id={id('expertise')}
          legend={labels.expertise}
          hint={t('staff.fields.expertiseHint')}
          error={err('expertise')}
          className="choices--columns"
        >
          {offered.length === 0 ? (
            <p>{t(topics.length === 0 ? 'staff.fields.noTopics' : 'common.noActiveTopics')}</p>
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
        {member ? (
          <ChoiceGroup id={`${id('active')}-group`} legend={t('staff.columns.status')} error={err('active')}>
            <Choice
              type="checkbox"
              id={id('active')}
              name="active"
              value="1"
              checked={draft.active}
              onChange={(on) => set('active', on)}
              label={t('staff.fields.active')}
              hint={t('staff.fields.activeHint')}
            />
          </ChoiceGroup>
        ) : null}
        {isSelf ? (
          // One's own password is changed on the account page, which asks for the current one.
          <p>
            <Link to="/konto">{t('staff.fields.ownPassword')}</Link>
          </p>
        ) : (
          <Field
            id={id('password')}
            label={labels.password}
            hint={member ? t('staff.fields.newPasswordHint') : t('staff.fields.passwordHint')}
            error={err('password')}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                name="password"
                autoComplete="new-password"
                maxLength={LIMITS.password}
                value={draft.password}
                onChange={(e) => set('password', e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="form__actions">
          <Button type="submit" busy={busy} busyText={t('common.saving')}>
            {member ? t('common.save') : t('staff.add')}
          </Button>
          <ButtonLink to="/personal">{t('common.cancel')}</ButtonLink>
        </div>
      </form>
    </>
  );
}
