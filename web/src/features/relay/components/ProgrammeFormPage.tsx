import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CreateProgrammeBody, RELAY_LIMITS, STAFF_GROUPS, UpdateProgrammeBody } from '@contracts/relay';
import { LIMITS } from '@contracts/common';
import { Button, ButtonLink } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import {
  NO_ERRORS,
  fieldId,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useChain, useCreateProgramme, useUpdateProgramme } from '../api/programmes';
import type { Programme } from '../api/types';
import { useTexts } from '../texts';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'programme';

interface Draft {
  name: string;
  description: string;
  goalType: 'count' | 'filter';
  count: string;
  sections: string;
  sizes: string;
  towns: string;
  pace: string;
  goalDate: string;
  team: Record<string, string>;
  maxBatons: string;
  answerDays: string;
  publicPage: boolean;
  status: 'active' | 'closed';
}

const EMPTY: Draft = {
  name: '',
  description: '',
  goalType: 'count',
  count: '',
  sections: '',
  sizes: '',
  towns: '',
  pace: '2',
  goalDate: '',
  team: { leadership: '1', business: '1' },
  maxBatons: '1',
  answerDays: '14',
  publicPage: false,
  status: 'active',
};

function fromProgramme(p: Programme): Draft {
  return {
    name: p.name,
    description: p.description,
    goalType: p.goal.type,
    count: p.goal.type === 'count' ? String(p.goal.count) : '',
    sections: p.goal.type === 'filter' ? p.goal.filter.sniSections.join(' ') : '',
    sizes: p.goal.type === 'filter' ? p.goal.filter.sizeClasses.join(' ') : '',
    towns: p.goal.type === 'filter' ? p.goal.filter.postalTowns.join(', ') : '',
    pace: String(p.targetPace),
    goalDate: p.goalDate ?? '',
    team: Object.fromEntries(Object.entries(p.teamRule).map(([k, v]) => [k, String(v)])),
    maxBatons: String(p.maxBatons),
    answerDays: String(p.answerDays),
    publicPage: p.publicPage,
    status: p.status,
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

function toBody(d: Draft) {
  const words = (s: string) => s.split(/[\s,;]+/).filter(Boolean);
  return {
    name: d.name,
    description: d.description,
    goal:
      d.goalType === 'count'
        ? { type: 'count' as const, count: num(d.count) }
        : {
            type: 'filter' as const,
            filter: {
              sniSections: words(d.sections).map((w) => w.toUpperCase()),
              sizeClasses: words(d.sizes).map(Number),
              postalTowns: d.towns
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            },
          },
    targetPace: num(d.pace),
    goalDate: d.goalDate.trim() || null,
    teamRule: Object.fromEntries(
      Object.entries(d.team)
        .filter(([, v]) => v.trim() !== '' && Number(v) > 0)
        .map(([k, v]) => [k, Number(v)]),
    ),
    maxBatons: num(d.maxBatons),
    answerDays: num(d.answerDays),
    publicPage: d.publicPage,
  };
}

/** Create (/stafett/ny) or change (/stafett/:id/installningar) a relay programme. */
export default function ProgrammeFormPage() {
  const { id } = useParams();
  if (!id) return <ProgrammeForm />;
  return <EditProgramme id={id} />;
}

function EditProgramme({ id }: { id: string }) {
  const chain = useChain(id);
  if (chain.isPending) return <Spinner />;
  if (chain.isError) return <QueryError page error={chain.error} onRetry={() => void chain.refetch()} />;
  return <ProgrammeForm programme={chain.data.programme} />;
}

function ProgrammeForm({ programme }: { programme?: Programme }) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateProgramme();
  const update = useUpdateProgramme(programme?.id ?? '');
  const [d, setD] = useState<Draft>(programme ? fromProgramme(programme) : EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const allowLeave = useLeaveGuard(useBaseline(d).dirty);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const f = tx.form;
  const saved = (p: { id: string }) => {
    allowLeave();
    void navigate(`/stafett/${p.id}`);
  };
  const labels: Record<string, string> = {
    name: f.name,
    description: f.description,
    goal: f.goalType,
    'goal.count': f.count,
    'goal.filter.sniSections': f.sections,
    'goal.filter.sizeClasses': f.sizeClasses,
    'goal.filter.postalTowns': f.towns,
    targetPace: f.pace,
    goalDate: f.goalDate,
    teamRule: f.teamRule,
    maxBatons: f.maxBatons,
    answerDays: f.answerDays,
  };
  const id = (k: string) => fieldId(FORM, k);
  const err = (k: string) => errors.fields[k];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const body = toBody(d);
    const onError = (er: unknown) => {
      setErrors(serverErrors(er, labels, t));
      setSubmits((n) => n + 1);
    };
    if (programme) {
      const v = validate(UpdateProgrammeBody, { ...body, status: d.status }, labels, t);
      if (!v.ok) return setErrors(v.errors);
      setErrors(NO_ERRORS);
      update.mutate(v.data, { onSuccess: saved, onError });
    } else {
      const v = validate(CreateProgrammeBody, body, labels, t);
      if (!v.ok) return setErrors(v.errors);
      setErrors(NO_ERRORS);
      create.mutate(v.data, { onSuccess: saved, onError });
    }
  };

  const text = (
    k: 'name' | 'count' | 'sections' | 'sizes' | 'towns' | 'pace' | 'goalDate' | 'maxBatons' | 'answerDays',
    path: string,
    extra: { hint?: string; required?: boolean; short?: boolean; inputMode?: 'numeric' | 'decimal' } = {},
  ) => (
    <Field id={id(path)} label={labels[path]} hint={extra.hint} required={extra.required} error={err(path)}>
      {(p) => (
        <input
          {...p}
          type="text"
          name={path}
          autoComplete="off"
          className={extra.short ? 'input--short' : undefined}
          inputMode={extra.inputMode}
          maxLength={k === 'name' ? LIMITS.name : 200}
          value={d[k]}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <>
      <PageHeading>{programme ? f.editTitle(programme.name) : f.createTitle}</PageHeading>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      <form className="form" noValidate onSubmit={onSubmit}>
        {text('name', 'name', { required: true })}
        <Field
          id={id('description')}
          label={f.description}
          hint={f.descriptionHint}
          error={err('description')}
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={LIMITS.note}
              value={d.description}
              onChange={(e) => set('description', e.target.value)}
            />
          )}
        </Field>
        <ChoiceGroup legend={f.goalType} id={id('goal')} required error={err('goal')}>
          <Choice
            type="radio"
            id={id('goal')}
            name="goalType"
            value="count"
            checked={d.goalType === 'count'}
            onChange={(c) => c && set('goalType', 'count')}
            label={f.goalCount}
          />
          <Choice
            type="radio"
            name="goalType"
            value="filter"
            checked={d.goalType === 'filter'}
            onChange={(c) => c && set('goalType', 'filter')}
            label={f.goalFilter}
          />
        </ChoiceGroup>
        {d.goalType === 'count' ? (
          text('count', 'goal.count', { required: true, short: true, inputMode: 'numeric' })
        ) : (
          <>
            {text('sections', 'goal.filter.sniSections', { hint: f.sectionsHint })}
            {text('sizes', 'goal.filter.sizeClasses', { hint: f.sizeClassesHint })}
            {text('towns', 'goal.filter.postalTowns', { hint: f.townsHint })}
          </>
        )}
        {text('pace', 'targetPace', { required: true, short: true, inputMode: 'decimal' })}
        {text('goalDate', 'goalDate', { hint: f.goalDateHint, short: true })}
        <fieldset className="field" id={id('teamRule')}>
          <legend className="field__label">{f.teamRule}</legend>
          {err('teamRule') ? <p className="field__error">{err('teamRule')}</p> : null}
          {STAFF_GROUPS.map((g) => (
            <Field key={g} id={id(`team-${g}`)} label={tx.groups[g] ?? g}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={0}
                  max={10}
                  className="input--short"
                  value={d.team[g] ?? ''}
                  onChange={(e) => setD((x) => ({ ...x, team: { ...x.team, [g]: e.target.value } }))}
                />
              )}
            </Field>
          ))}
        </fieldset>
        {text('maxBatons', 'maxBatons', { required: true, short: true, inputMode: 'numeric' })}
        <Field
          id={id('answerDays')}
          label={f.answerDays}
          hint={`${f.answerDaysHint} (${RELAY_LIMITS.answerDays.min}–${RELAY_LIMITS.answerDays.max})`}
          required
          error={err('answerDays')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              inputMode="numeric"
              className="input--short"
              value={d.answerDays}
              onChange={(e) => set('answerDays', e.target.value)}
            />
          )}
        </Field>
        <ChoiceGroup legend={f.publicPage}>
          <Choice
            type="checkbox"
            name="publicPage"
            value="yes"
            checked={d.publicPage}
            onChange={(c) => set('publicPage', c)}
            label={f.publicPageLabel}
          />
        </ChoiceGroup>
        {programme ? (
          <ChoiceGroup legend={f.status}>
            <Choice
              type="radio"
              name="status"
              value="active"
              checked={d.status === 'active'}
              onChange={(c) => c && set('status', 'active')}
              label={f.active}
            />
            <Choice
              type="radio"
              name="status"
              value="closed"
              checked={d.status === 'closed'}
              onChange={(c) => c && set('status', 'closed')}
              label={tx.closed}
            />
          </ChoiceGroup>
        ) : null}
        <div className="form__actions">
          <Button type="submit" busy={create.isPending || update.isPending} busyText={t('common.saving')}>
            {programme ? f.save : f.create}
          </Button>
          <ButtonLink to={programme ? `/stafett/${programme.id}` : '/stafett'}>
            {t('common.cancel')}
          </ButtonLink>
        </div>
      </form>
    </>
  );
}
