import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CreateVisitBody } from '@contracts/visits';
import { LIMITS } from '@contracts/common';
import { Button, ButtonLink } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { LiveStatus } from '../../../components/LiveStatus';
import { PageHeading } from '../../../components/PageHeading';
import { Spinner } from '../../../components/Spinner';
import { useMe } from '../../../lib/session';
import { newRequestKey } from '../../../lib/request-key';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  timeRange,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useStaffOptions } from '../../../lib/staff-options';
import { useCompanyHit, useCompanySearch, type CompanyHit } from '../api/lookups';
import { useCreateVisit } from '../api/visits';
import { formatOrgNr, swedishParts, swedishToIso } from '../../../lib/format';
import { useTexts } from '../texts';
import './visits.css';
import { VisitNotesField } from './VisitNotesField';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'visit';

/** /besok/nytt — record a visit outside any programme (a fair, a call-in). */
export default function VisitFormPage() {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const staff = useStaffOptions();
  const create = useCreateVisit();
  const now = swedishParts(new Date().toISOString());
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  // From a company's page the link names the company (`undefined`: nothing chosen here yet);
  // choosing another one, or none, replaces it.
  const [params] = useSearchParams();
  const named = useCompanyHit(params.get('foretag'));
  const [picked, setCompany] = useState<CompanyHit | null | undefined>(undefined);
  const company = picked === undefined ? (named.data ?? null) : picked;
  const [date, setDate] = useState(now.date);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [mode, setMode] = useState<'physical' | 'digital'>('physical');
  const [location, setLocation] = useState('');
  const [participants, setParticipants] = useState<string[] | null>(null);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const hits = useCompanySearch(searched);
  // Choosing a company replaces the results (and the button pressed) with the choice, and changing
  // it brings the search back: focus follows to what came in its place. On "Byt företag", which
  // the chosen company describes, a screen reader says which company was chosen.
  const [moveFocus, setMoveFocus] = useState<'companyChange' | 'companyId' | null>(null);
  useEffect(() => {
    if (moveFocus) document.getElementById(fieldId(FORM, moveFocus))?.focus();
  }, [moveFocus]);
  const choose = (c: CompanyHit | null) => {
    setCompany(c);
    setMoveFocus(c ? 'companyChange' : 'companyId');
  };
  const who = participants ?? (me.data ? [me.data.id] : []);
  const allowLeave = useLeaveGuard(
    useBaseline({
      picked: picked === undefined ? 'named' : (picked?.id ?? null),
      date,
      start,
      end,
      mode,
      location,
      participants,
      notes,
    }).dirty,
  );

  // One key for this form: a second send of it gets the visit the first made.
  const [requestKey] = useState(newRequestKey);

  const labels: Record<string, string> = {
    companyId: tx.form.company,
    startsAt: `${tx.form.date} / ${tx.form.start}`,
    'startsAt.time': tx.form.start,
    endsAt: tx.form.end,
    mode: tx.form.mode,
    location: tx.form.location,
    participantIds: tx.form.participants,
    notes: tx.form.notes,
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const when = timeRange(date, start, end, swedishToIso, t);
    const v = validate(
      CreateVisitBody,
      {
        companyId: company?.id ?? '',
        startsAt: when.startsAt,
        endsAt: when.endsAt,
        mode,
        location,
        participantIds: who,
        notes,
        requestKey,
      },
      labels,
      t,
      when.check,
    );
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    create.mutate(v.data, {
      onSuccess: (visit) => {
        allowLeave();
        void navigate(`/besok/${visit.id}`);
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
      <PageHeading>{tx.form.title}</PageHeading>
      <p className="page-intro">{tx.form.intro}</p>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      <form className="form" noValidate onSubmit={onSubmit}>
        {company ? (
          <div className="field">
            <div id={fieldId(FORM, 'chosen')}>
              <p className="field__label">{tx.form.chosen}</p>
              <p>
                <strong>{company.name}</strong> ({formatOrgNr(company.orgNr)})
              </p>
            </div>
            <Button
              id={fieldId(FORM, 'companyChange')}
              variant="secondary"
              className="btn--small"
              onClick={() => choose(null)}
              aria-describedby={fieldId(FORM, 'chosen')}
            >
              {tx.form.change}
            </Button>
          </div>
        ) : (
          <div className="field">
            <Field
              id={id('companyId')}
              label={tx.form.companySearch}
              hint={tx.form.companySearchHint}
              required
              error={err('companyId')}
            >
              {(p) => (
                <input
                  {...p}
                  type="search"
                  autoComplete="off"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      setSearched(query);
                    }
                  }}
                />
              )}
            </Field>
            <Button variant="secondary" onClick={() => setSearched(query)}>
              {tx.form.search}
            </Button>
            {hits.isFetching ? <Spinner /> : null}
            <LiveStatus
              message={
                hits.data && !hits.isFetching
                  ? hits.data.items.length
                    ? t('common.hits', { count: hits.data.items.length })
                    : tx.form.noHits
                  : ''
              }
              sayKey={hits.dataUpdatedAt}
            />
            {hits.data?.items.length ? (
              <ul className="followup-cards">
                {hits.data.items.map((c) => (
                  <li key={c.id}>
                    {c.name} ({formatOrgNr(c.orgNr)}){c.postalTown ? `, ${c.postalTown}` : ''}{' '}
                    <Button
                      variant="secondary"
                      className="btn--small"
                      onClick={() => choose(c)}
                      aria-label={`${tx.form.choose} ${c.name}`}
                    >
                      {tx.form.choose}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
        <Field
          id={id('startsAt')}
          label={tx.form.date}
          hint={tx.form.dateHint}
          required
          error={err('startsAt')}
        >
          {(p) => (
            <input
              {...p}
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              className="input--short"
            />
          )}
        </Field>
        <Field
          id={id('startsAt.time')}
          label={tx.form.start}
          hint={tx.form.timeHint}
          required
          error={err('startsAt.time')}
        >
          {(p) => (
            <input
              {...p}
              type="time"
              value={start}
              onChange={(e) => setStart(e.target.value)}
              className="input--short"
            />
          )}
        </Field>
        <Field id={id('endsAt')} label={tx.form.end} hint={tx.form.timeHint} required error={err('endsAt')}>
          {(p) => (
            <input
              {...p}
              type="time"
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              className="input--short"
            />
          )}
        </Field>
        <ChoiceGroup id={id('mode')} legend={tx.form.mode} required error={err('mode')}>
          {(['physical', 'digital'] as const).map((m, i) => (
            <Choice
              key={m}
              type="radio"
              id={i === 0 ? id('mode') : `${id('mode')}-${m}`}
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
              label={tx.mode[m]}
            />
          ))}
        </ChoiceGroup>
        <Field id={id('location')} label={tx.form.location} error={err('location')}>
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              maxLength={LIMITS.shortText}
              value={location}
              onChange={(e) => setLocation(e.target.value)}
            />
          )}
        </Field>
        <ChoiceGroup
          id={id('participantIds')}
          legend={tx.form.participants}
          required
          error={err('participantIds')}
          className="choices--columns"
        >
          {(staff.data ?? [])
            .filter((s) => s.role !== 'viewer')
            .map((s, i) => (
              <Choice
                key={s.id}
                type="checkbox"
                id={i === 0 ? id('participantIds') : `${id('participantIds')}-${s.id}`}
                name="participantIds"
                value={s.id}
                checked={who.includes(s.id)}
                onChange={(on) => setParticipants(on ? [...who, s.id] : who.filter((x) => x !== s.id))}
                label={s.name}
              />
            ))}
        </ChoiceGroup>
        <VisitNotesField id={id('notes')} error={err('notes')} value={notes} onChange={setNotes} />
        <div className="form__actions">
          <Button type="submit" busy={create.isPending} busyText={t('common.saving')}>
            {tx.form.save}
          </Button>
          <ButtonLink to="/besok">{tx.common.cancel}</ButtonLink>
        </div>
      </form>
    </>
  );
}
