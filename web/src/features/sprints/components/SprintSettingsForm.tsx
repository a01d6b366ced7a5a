import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateSprintBody,
  DEFAULT_RULES,
  SPRINT_LIMITS,
  STAFF_GROUPS_SCHEDULER,
  defaultSlots,
} from '@contracts/sprints';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import {
  NO_ERRORS,
  fieldId,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import type { SprintData } from '../api/sprints';
import { useTopics } from '../api/lookups';
import { formatDay, useTexts } from '../texts';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'sprint';

type Slot = { id: string; start: string; end: string };
type Group = (typeof STAFF_GROUPS_SCHEDULER)[number];

/** ISO instant → the value of a datetime-local input in Swedish time. */
function toLocalInput(iso: string): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return parts.replace(' ', 'T');
}

/** A datetime-local value (Swedish time) → ISO instant. */
function fromLocalInput(v: string): string {
  if (!v) return '';
  // Find the offset Stockholm had at that wall time (+01:00 or +02:00).
  for (const off of ['+01:00', '+02:00']) {
    const iso = `${v}:00${off}`;
    if (toLocalInput(new Date(iso).toISOString()) === v) return new Date(iso).toISOString();
  }
  return new Date(`${v}:00+01:00`).toISOString();
}

export interface SettingsValue {
  name: string;
  day: string;
  slug?: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  publicText: string;
  meetingLinkTemplate: string;
  topics: string[];
  slots: Slot[];
  rules: typeof DEFAULT_RULES;
  /** New sprints: the earlier sprint whose participants join it. */
  rosterFrom?: string;
}

/** What a new sprint takes over from an earlier one: the day's shape, not its date or name. */
function copiedFrom(s: SprintData | undefined) {
  return {
    publicText: s?.publicText ?? '',
    meetingLinkTemplate: s?.meetingLinkTemplate ?? '',
    topics: s?.topics ?? [],
    slots: (s?.slots ?? defaultSlots()) as Slot[],
    minTeam: String(s?.rules.minTeam ?? DEFAULT_RULES.minTeam),
    maxTeam: String(s?.rules.maxTeam ?? DEFAULT_RULES.maxTeam),
    travelKmh: String(s?.rules.travelKmh ?? DEFAULT_RULES.travelKmh),
    travelBufferMin: String(s?.rules.travelBufferMin ?? DEFAULT_RULES.travelBufferMin),
    requireGroups: (s?.rules.requireGroups ?? DEFAULT_RULES.requireGroups) as Group[][],
  };
}

/**
 * The sprint's set-up: the day, its times, the team rules, the period and the public page. A new
 * one may start from an earlier sprint (`earlier`): its times, rules, topics and texts, and its
 * participants.
 */
export function SprintSettingsForm({
  sprint,
  earlier = [],
  busy,
  submitLabel,
  onSubmit,
}: {
  sprint?: SprintData;
  earlier?: SprintData[];
  busy: boolean;
  submitLabel: string;
  /**
   * `saved`: call when the save succeeded, with `leaving` when the page moves on at once (the form
   * then lets it go; a form that stays is guarded again for what is typed next).
   */
  onSubmit: (v: SettingsValue, onError: (err: unknown) => void, saved: (leaving?: boolean) => void) => void;
}) {
  const { t } = useTranslation();
  const { tx, lang } = useTexts();
  const topics = useTopics();
  const f = tx.fields;
  const [d, setD] = useState({
    name: sprint?.name ?? '',
    day: sprint?.day ?? '',
    slug: '',
    opens: sprint ? toLocalInput(sprint.registrationOpensAt) : '',
    closes: sprint ? toLocalInput(sprint.registrationClosesAt) : '',
    ...copiedFrom(sprint),
    from: '',
    withRoster: true,
  });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const baseline = useBaseline(d);
  const allowLeave = useLeaveGuard(baseline.dirty);
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }));

  const labels: Record<string, string> = {
    ...(sprint ? {} : { rosterFrom: f.from }),
    name: f.name,
    day: f.day,
    ...(sprint ? {} : { slug: f.slug }),
    registrationOpensAt: f.opensAt,
    registrationClosesAt: f.closesAt,
    publicText: f.publicText,
    meetingLinkTemplate: f.meetingLink,
    topics: f.topics,
    slots: f.slots,
    // Each time's inputs by their place in the list, as the contract's paths name them.
    ...Object.fromEntries(
      d.slots.flatMap((s, i) => [
        [`slots.${i}.start`, f.slotStart(s.id)],
        [`slots.${i}.end`, f.slotEnd(s.id)],
      ]),
    ),
    rules: f.minTeam,
    'rules.minTeam': f.minTeam,
    'rules.maxTeam': f.maxTeam,
    'rules.travelKmh': f.travelKmh,
    'rules.travelBufferMin': f.travelBufferMin,
    'rules.requireGroups': f.requireGroups,
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const value = {
      name: d.name,
      day: d.day,
      ...(d.slug ? { slug: d.slug } : {}),
      registrationOpensAt: fromLocalInput(d.opens),
      registrationClosesAt: fromLocalInput(d.closes),
      publicText: d.publicText,
      meetingLinkTemplate: d.meetingLinkTemplate,
      topics: d.topics,
      slots: d.slots,
      rules: {
        minTeam: Number(d.minTeam),
        maxTeam: Number(d.maxTeam),
        travelKmh: Number(d.travelKmh),
        travelBufferMin: Number(d.travelBufferMin),
        requireGroups: d.requireGroups.filter((g) => g.length > 0),
      },
      ...(d.from && d.withRoster ? { rosterFrom: d.from } : {}),
    };
    const v = validate(CreateSprintBody, value, labels, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    const submitted = d;
    onSubmit(
      value,
      (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
      (leaving) => {
        baseline.saved(submitted);
        if (leaving) allowLeave();
      },
    );
  };
  const err = (k: string) => errors.fields[k];
  // A new time never takes the id of one removed in this form: the server keeps companies' choices
  // by id (and gives a new id itself to a time added with one that registrations still name).
  const nextSlotId = () => {
    const taken = new Set([...d.slots, ...(sprint?.slots ?? [])].map((s) => s.id));
    let i = d.slots.length + 1;
    while (taken.has(`s${i}`)) i++;
    return `s${i}`;
  };

  // Choosing an earlier sprint fills in what it takes over; the name, day and period stay as typed.
  // Of its topics, those still active (a new sprint offers no deactivated topic).
  const startFrom = (id: string) =>
    setD((x) => {
      const copied = copiedFrom(earlier.find((e) => e.id === id));
      const active = new Set((topics.data?.items ?? []).filter((tp) => tp.active).map((tp) => tp.slug));
      return { ...x, ...copied, topics: copied.topics.filter((tp) => active.has(tp)), from: id };
    });
  // The active topics, and one deactivated since only where this sprint offers it (shown marked,
  // to be unticked or kept).
  const offeredTopics = (topics.data?.items ?? []).filter(
    (tp) => tp.active || (sprint?.topics ?? []).includes(tp.slug),
  );

  return (
    <form className="form form--wide" noValidate onSubmit={submit}>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      {!sprint && earlier.length ? (
        <>
          <Field label={f.from} id={fieldId(FORM, 'rosterFrom')} hint={f.fromHint} error={err('rosterFrom')}>
            {(p) => (
              <select {...p} value={d.from} onChange={(e) => startFrom(e.target.value)}>
                <option value="">{f.fromNone}</option>
                {earlier.map((e) => (
                  <option key={e.id} value={e.id}>
                    {f.fromOption(e.name, formatDay(e.day, lang))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {d.from ? (
            <Choice
              type="checkbox"
              name="with-roster"
              value="yes"
              checked={d.withRoster}
              onChange={(on) => set('withRoster', on)}
              label={f.withRoster}
              hint={f.withRosterHint}
            />
          ) : null}
        </>
      ) : null}
      <Field label={f.name} id={fieldId(FORM, 'name')} error={err('name')} required>
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={200}
            value={d.name}
            onChange={(e) => set('name', e.target.value)}
          />
        )}
      </Field>
      <Field label={f.day} id={fieldId(FORM, 'day')} error={err('day')} required>
        {(p) => <input {...p} type="date" value={d.day} onChange={(e) => set('day', e.target.value)} />}
      </Field>
      {sprint ? null : (
        <Field label={f.slug} id={fieldId(FORM, 'slug')} hint={f.slugHint} error={err('slug')}>
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={40}
              value={d.slug}
              onChange={(e) => set('slug', e.target.value)}
            />
          )}
        </Field>
      )}
      <Field
        label={f.opensAt}
        id={fieldId(FORM, 'registrationOpensAt')}
        hint={f.periodHint}
        error={err('registrationOpensAt')}
        required
      >
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={d.opens}
            onChange={(e) => set('opens', e.target.value)}
          />
        )}
      </Field>
      <Field
        label={f.closesAt}
        id={fieldId(FORM, 'registrationClosesAt')}
        hint={f.periodHint}
        error={err('registrationClosesAt')}
        required
      >
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={d.closes}
            onChange={(e) => set('closes', e.target.value)}
          />
        )}
      </Field>
      <Field label={f.publicText} id={fieldId(FORM, 'publicText')} error={err('publicText')}>
        {(p) => (
          <textarea
            {...p}
            rows={4}
            maxLength={SPRINT_LIMITS.publicText}
            value={d.publicText}
            onChange={(e) => set('publicText', e.target.value)}
          />
        )}
      </Field>
      <Field
        label={f.meetingLink}
        id={fieldId(FORM, 'meetingLinkTemplate')}
        hint={f.meetingLinkHint}
        error={err('meetingLinkTemplate')}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            maxLength={SPRINT_LIMITS.link}
            value={d.meetingLinkTemplate}
            onChange={(e) => set('meetingLinkTemplate', e.target.value)}
          />
        )}
      </Field>
      <ChoiceGroup
        legend={f.topics}
        hint={f.topicsHint}
        error={err('topics')}
        id={fieldId(FORM, 'topics')}
        className="choices--columns"
      >
        {offeredTopics.map((tp, i) => (
          <Choice
            key={tp.slug}
            type="checkbox"
            {...(i === 0 ? { id: fieldId(FORM, 'topics') } : {})}
            name="topics"
            value={tp.slug}
            checked={d.topics.includes(tp.slug)}
            onChange={(on) =>
              set('topics', on ? [...d.topics, tp.slug] : d.topics.filter((x) => x !== tp.slug))
            }
            label={`${lang === 'en' ? tp.labelEn : tp.labelSv}${tp.active ? '' : ` ${t('common.inactiveTopic')}`}`}
          />
        ))}
      </ChoiceGroup>

      <fieldset className="field" id={fieldId(FORM, 'slots')} tabIndex={-1}>
        <legend className="field__label">{f.slots}</legend>
        {err('slots') ? <p className="field__error">{err('slots')}</p> : null}
        {d.slots.map((s, i) => (
          <div className="sprint-inline" key={s.id}>
            {(['start', 'end'] as const).map((part) => (
              <Field
                key={part}
                label={part === 'start' ? f.slotStart(s.id) : f.slotEnd(s.id)}
                id={fieldId(FORM, `slots.${i}.${part}`)}
                error={err(`slots.${i}.${part}`)}
              >
                {(p) => (
                  <input
                    {...p}
                    type="time"
                    value={s[part]}
                    onChange={(e) =>
                      set(
                        'slots',
                        d.slots.map((x, j) => (j === i ? { ...x, [part]: e.target.value } : x)),
                      )
                    }
                  />
                )}
              </Field>
            ))}
            <Button
              variant="secondary"
              className="btn--small"
              onClick={() =>
                set(
                  'slots',
                  d.slots.filter((_, j) => j !== i),
                )
              }
            >
              {f.removeSlot(s.id)}
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() => set('slots', [...d.slots, { id: nextSlotId(), start: '16:30', end: '17:15' }])}
        >
          {f.addSlot}
        </Button>
      </fieldset>

      <div className="sprint-inline">
        {(['minTeam', 'maxTeam', 'travelKmh', 'travelBufferMin'] as const).map((k) => (
          <Field key={k} label={f[k]} id={fieldId(FORM, `rules.${k}`)} error={err(`rules.${k}`)} required>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                inputMode="numeric"
                value={d[k]}
                onChange={(e) => set(k, e.target.value)}
              />
            )}
          </Field>
        ))}
      </div>
      {d.requireGroups.map((list, i) => (
        <ChoiceGroup
          key={i}
          legend={`${f.requireGroups} (${i + 1})`}
          hint={i === 0 ? f.requireGroupsHint : undefined}
          error={i === 0 ? err('rules.requireGroups') : undefined}
          {...(i === 0 ? { id: fieldId(FORM, 'rules.requireGroups') } : {})}
        >
          {STAFF_GROUPS_SCHEDULER.map((g, gi) => (
            <Choice
              key={g}
              type="checkbox"
              {...(i === 0 && gi === 0 ? { id: fieldId(FORM, 'rules.requireGroups') } : {})}
              name={`require-${i}`}
              value={g}
              checked={list.includes(g)}
              onChange={(on) =>
                set(
                  'requireGroups',
                  d.requireGroups.map((l, j) => (j === i ? (on ? [...l, g] : l.filter((x) => x !== g)) : l)),
                )
              }
              label={tx.groups[g]}
            />
          ))}
        </ChoiceGroup>
      ))}
      <div className="form__actions">
        <Button type="submit" busy={busy} busyText={t('common.saving')}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
