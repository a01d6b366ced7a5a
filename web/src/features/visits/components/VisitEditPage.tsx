import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { UpdateVisitBody } from '@contracts/visits';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button, ButtonLink } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { isApiError } from '../../../lib/api';
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
import { useUpdateVisit, useVisit, type Visit } from '../api/visits';
import { swedishParts, swedishToIso } from '../../../lib/format';
import { useTexts } from '../texts';
import './visits.css';
import { VisitNotesField } from './VisitNotesField';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'visit-edit';

/** What the visit page shows after a save. */
export interface VisitFlash {
  flash: string;
}

/**
 * /besok/:id/andra — change the time, form, place or meeting link, and team of a visit outside any
 * programme (a programme's visits are planned in the programme). The save carries the version
 * read; when someone else saved in between, the person is asked to reload instead of overwriting.
 */
export default function VisitEditPage() {
  const { id = '' } = useParams();
  const { tx } = useTexts();
  const visit = useVisit(id);
  if (visit.isError) {
    return (
      <>
        <PageHeading>{tx.edit.heading}</PageHeading>
        <QueryError error={visit.error} />
      </>
    );
  }
  // The form starts from the visit as stored when the page opened, not from the copy cached by the
  // page before: a refetch that landed while the person was typing would start the form again (it
  // is keyed by version), and the version the save carries must be the one they read.
  if (!visit.data || !visit.isFetchedAfterMount) {
    return (
      <>
        <PageHeading>{tx.common.loading}</PageHeading>
        <Spinner />
      </>
    );
  }
  const v = visit.data;
  if (v.programme || v.status === 'cancelled') {
    return (
      <>
        <PageHeading>{tx.edit.title(v.company.name)}</PageHeading>
        <Alert tone="info" live={false}>
          {v.status === 'cancelled' ? tx.visit.cancelled : tx.edit.inProgramme}
        </Alert>
        <p>
          <Link to={`/besok/${v.id}`}>{tx.report.back}</Link>
        </p>
      </>
    );
  }
  // A reload (after STALE) brings a new copy: the form starts again from it.
  return <EditForm key={`${v.id}:${v.version}`} visit={v} onReload={() => void visit.refetch()} />;
}

function EditForm({ visit, onReload }: { visit: Visit; onReload: () => void }) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const staff = useStaffOptions();
  const update = useUpdateVisit(visit.id);
  const start0 = swedishParts(visit.startsAt);
  const end0 = swedishParts(visit.endsAt);
  const [date, setDate] = useState(start0.date);
  const [start, setStart] = useState(start0.time);
  const [end, setEnd] = useState(end0.time);
  const [mode, setMode] = useState(visit.mode);
  const [location, setLocation] = useState(visit.location);
  const [meetingLink, setMeetingLink] = useState(visit.meetingLink);
  const [who, setWho] = useState(visit.participants.map((p) => p.id));
  const [notes, setNotes] = useState(visit.notes);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [stale, setStale] = useState(false);
  const allowLeave = useLeaveGuard(
    useBaseline({ date, start, end, mode, location, meetingLink, who, notes }).dirty,
  );

  const labels: Record<string, string> = {
    startsAt: `${tx.form.date} / ${tx.form.start}`,
    'startsAt.time': tx.form.start,
    endsAt: tx.form.end,
    mode: tx.form.mode,
    location: tx.form.location,
    meetingLink: tx.edit.meetingLink,
    participantIds: tx.edit.team,
    notes: tx.form.notes,
  };
  const err = (k: string) => errors.fields[k];
  const id = (k: string) => fieldId(FORM, k);
  // The team offered: staff who can visit, and whoever is on the visit now (even if they have left:
  // they stay on it, marked, and once taken off cannot be put back).
  const people = [
    ...(staff.data ?? []).filter((s) => s.role !== 'viewer'),
    ...visit.participants
      .filter((p) => !(staff.data ?? []).some((s) => s.id === p.id))
      .map((p) => ({ ...p, name: staff.data ? tx.edit.inactive(p.name) : p.name })),
  ];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    setStale(false);
    const when = timeRange(date, start, end, swedishToIso, t);
    const v = validate(
      UpdateVisitBody,
      {
        version: visit.version,
        startsAt: when.startsAt,
        endsAt: when.endsAt,
        mode,
        location,
        meetingLink,
        participantIds: who,
        notes,
      },
      labels,
      t,
      when.check,
    );
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    update.mutate(v.data, {
      onSuccess: () => {
        const state: VisitFlash = { flash: tx.edit.saved };
        allowLeave();
        void navigate(`/besok/${visit.id}`, { state });
      },
      onError: (err2) => {
        if (isApiError(err2) && err2.code === 'STALE') {
          setStale(true);
          setErrors({ fields: {}, form: tx.edit.stale });
        } else setErrors(serverErrors(err2, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  return (
    <>
      <p className="back-link">
        <Link to={`/besok/${visit.id}`}>← {tx.report.back}</Link>
      </p>
      <PageHeading>{tx.edit.title(visit.company.name)}</PageHeading>
      <p className="page-intro">{tx.edit.intro}</p>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      {stale ? (
        <div className="form__actions">
          <Button variant="primary" onClick={onReload}>
            {tx.edit.reload}
          </Button>
        </div>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit}>
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
        <Field
          id={id('location')}
          label={tx.form.location}
          hint={tx.edit.locationHint}
          error={err('location')}
        >
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
        <Field
          id={id('meetingLink')}
          label={tx.edit.meetingLink}
          hint={tx.edit.meetingLinkHint}
          error={err('meetingLink')}
        >
          {(p) => (
            <input
              {...p}
              type="url"
              autoComplete="off"
              maxLength={1000}
              value={meetingLink}
              onChange={(e) => setMeetingLink(e.target.value)}
            />
          )}
        </Field>
        <ChoiceGroup
          id={id('participantIds')}
          legend={tx.edit.team}
          required
          error={err('participantIds')}
          className="choices--columns"
        >
          {people.map((s, i) => (
            <Choice
              key={s.id}
              type="checkbox"
              id={i === 0 ? id('participantIds') : `${id('participantIds')}-${s.id}`}
              name="participantIds"
              value={s.id}
              checked={who.includes(s.id)}
              onChange={(on) => setWho(on ? [...who, s.id] : who.filter((x) => x !== s.id))}
              label={s.name}
            />
          ))}
        </ChoiceGroup>
        <VisitNotesField id={id('notes')} error={err('notes')} value={notes} onChange={setNotes} />
        <div className="form__actions">
          <Button type="submit" busy={update.isPending} busyText={t('common.saving')}>
            {tx.edit.save}
          </Button>
          <ButtonLink to={`/besok/${visit.id}`}>{tx.common.cancel}</ButtonLink>
        </div>
      </form>
    </>
  );
}
