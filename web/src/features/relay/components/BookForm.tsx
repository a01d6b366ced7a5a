import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BookLegBody } from '@contracts/relay';
import { LIMITS } from '@contracts/common';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import {
  NO_ERRORS,
  fieldId,
  serverErrors,
  summaryItems,
  timeRange,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useBookLeg } from '../api/batons';
import { swedishToIso } from '../../../lib/format';
import { useStaffOptions } from '../../../lib/staff-options';
import { useTexts } from '../texts';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

/**
 * Books a relay visit: time, form, place and a team that keeps the programme's team rule.
 * `onBooked`: the form goes with the booking (the baton moves on), so its panel takes the person on.
 */
export function BookForm({
  legId,
  teamRule,
  onBooked,
}: {
  legId: string;
  teamRule: Record<string, number>;
  onBooked: (startsAt: string) => void;
}) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const book = useBookLeg(legId, (_, input) => onBooked(input.startsAt));
  const team = useStaffOptions();
  const [d, setD] = useState({ date: '', start: '09:00', end: '10:00', mode: 'physical', location: '' });
  const [people, setPeople] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  // Booked, the leg moves on and the form goes; until then what was typed is asked about.
  const baseline = useBaseline({ d, people });
  useLeaveGuard(baseline.dirty);
  const form = `book-${legId.slice(0, 8)}`;
  const id = (k: string) => fieldId(form, k);
  const labels: Record<string, string> = {
    startsAt: tx.book.date,
    'startsAt.time': tx.book.start,
    endsAt: tx.book.end,
    mode: tx.book.mode,
    location: tx.book.location,
    participantIds: tx.book.team,
  };
  const rule = Object.entries(teamRule)
    .filter(([, n]) => n > 0)
    .map(([g, n]) => `${n} ${tx.groups[g] ?? g}`)
    .join(', ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const when = timeRange(d.date, d.start, d.end, swedishToIso, t);
    const v = validate(
      BookLegBody,
      {
        startsAt: when.startsAt,
        endsAt: when.endsAt,
        mode: d.mode,
        location: d.location,
        participantIds: people,
      },
      labels,
      t,
      when.check,
    );
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    const sent = { d, people };
    book.mutate(v.data, {
      onSuccess: () => baseline.saved(sent),
      onError: (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };
  // Viewers cannot open the visit nor write its report: the team is active staff and admins.
  const active = team.data ?? [];
  return (
    <form className="form" noValidate onSubmit={submit} aria-label={tx.page.bookVisit}>
      <ErrorSummary items={summaryItems(errors, form, labels)} focusKey={submits} />
      <Field id={id('startsAt')} label={tx.book.date} required error={errors.fields.startsAt}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={d.date}
            onChange={(e) => setD((x) => ({ ...x, date: e.target.value }))}
          />
        )}
      </Field>
      <Field id={id('startsAt.time')} label={tx.book.start} required error={errors.fields['startsAt.time']}>
        {(p) => (
          <input
            {...p}
            type="time"
            value={d.start}
            onChange={(e) => setD((x) => ({ ...x, start: e.target.value }))}
          />
        )}
      </Field>
      <Field id={id('endsAt')} label={tx.book.end} required error={errors.fields.endsAt}>
        {(p) => (
          <input
            {...p}
            type="time"
            value={d.end}
            onChange={(e) => setD((x) => ({ ...x, end: e.target.value }))}
          />
        )}
      </Field>
      <ChoiceGroup legend={tx.book.mode} id={id('mode')}>
        <Choice
          type="radio"
          id={id('mode')}
          name={`${form}-mode`}
          value="physical"
          checked={d.mode === 'physical'}
          onChange={(c) => c && setD((x) => ({ ...x, mode: 'physical' }))}
          label={tx.book.physical}
        />
        <Choice
          type="radio"
          name={`${form}-mode`}
          value="digital"
          checked={d.mode === 'digital'}
          onChange={(c) => c && setD((x) => ({ ...x, mode: 'digital' }))}
          label={tx.book.digital}
        />
      </ChoiceGroup>
      <Field id={id('location')} label={tx.book.location} error={errors.fields.location}>
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={LIMITS.shortText}
            value={d.location}
            onChange={(e) => setD((x) => ({ ...x, location: e.target.value }))}
          />
        )}
      </Field>
      <ChoiceGroup
        legend={tx.book.team}
        hint={rule ? tx.book.teamHint(rule) : undefined}
        id={id('participantIds')}
        required
        error={errors.fields.participantIds}
        className="choices--columns"
      >
        {active.map((s, i) => (
          <Choice
            key={s.id}
            type="checkbox"
            {...(i === 0 ? { id: id('participantIds') } : {})}
            name={`${form}-team`}
            value={s.id}
            checked={people.includes(s.id)}
            onChange={(c) => setPeople((ps) => (c ? [...ps, s.id] : ps.filter((x) => x !== s.id)))}
            label={`${s.name} (${tx.groups[s.group] ?? s.group})`}
          />
        ))}
      </ChoiceGroup>
      <div className="form__actions">
        <Button type="submit" busy={book.isPending} busyText={tx.sending}>
          {tx.book.submit}
        </Button>
      </div>
    </form>
  );
}
