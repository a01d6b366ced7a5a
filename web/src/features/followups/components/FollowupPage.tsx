import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  FOLLOWUP_STATUSES,
  UpdateFollowupBody,
  VISIT_LIMITS,
  type FollowupLogEntry,
} from '@contracts/visits';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  swedish,
  validate,
  type FieldErrors,
  type FormErrors,
} from '../../../lib/forms';
import { useStaffOptions } from '../../../lib/staff-options';
import { useFollowup, useUpdateFollowup, type Followup } from '../api/followups';
import { fmtDateTime, useTexts } from '../texts';
import './followups.css';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

/** /uppfoljningar/:id — a follow-up: where it stands, change status (with why), note what was done, the log. */
export default function FollowupPage() {
  const { id = '' } = useParams();
  const { tx } = useTexts();
  const f = useFollowup(id);
  if (f.isError) {
    return (
      <>
        <PageHeading>{tx.title}</PageHeading>
        <QueryError error={f.error} />
      </>
    );
  }
  if (!f.data) {
    return (
      <>
        <PageHeading>{tx.title}</PageHeading>
        <Spinner />
      </>
    );
  }
  return <FollowupView key={f.data.id} f={f.data} />;
}

const FORM = 'fu';

interface FollowupForm {
  status: Followup['status'];
  reason: string;
  note: string;
  due: string;
  ownerKind: 'user' | 'department';
  ownerUserId: string;
  department: string;
}

/** The form's values for a follow-up as stored (on opening, and after a save). */
function formOf(f: Followup): FollowupForm {
  return {
    status: f.status,
    reason: f.reason,
    note: '',
    due: f.dueDate,
    ownerKind: f.owner.user ? 'user' : 'department',
    ownerUserId: f.owner.user?.id ?? '',
    department: f.owner.department ?? '',
  };
}

/** The parts of the form a person changes, each with the fields it is made of. */
const PARTS = {
  status: ['status'],
  reason: ['reason'],
  due: ['due'],
  owner: ['ownerKind', 'ownerUserId', 'department'],
  note: ['note'],
} as const satisfies Record<string, ReadonlyArray<keyof FollowupForm>>;
type Part = keyof typeof PARTS;

/** The parts in which two forms differ. */
function changed(a: FollowupForm, b: FollowupForm): Part[] {
  return (Object.keys(PARTS) as Part[]).filter((p) => PARTS[p].some((k) => a[k] !== b[k]));
}

/**
 * After a stale save: the latest copy, with the parts this person changed (from the copy the form
 * was filled from) kept, so that saving again sends those and nothing the colleague changed back.
 */
function rebase(draft: FollowupForm, read: Followup, latest: Followup): { form: FollowupForm; kept: Part[] } {
  const kept = changed(draft, formOf(read));
  const form = { ...formOf(latest) };
  for (const p of kept) for (const k of PARTS[p]) Object.assign(form, { [k]: draft[k] });
  return { form, kept };
}

function FollowupView({ f }: { f: Followup }) {
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const update = useUpdateFollowup(f.id);
  const latest = useFollowup(f.id);
  // The copy the form was filled from: its version is the one a save names, and what the form
  // sends is what differs from it.
  const [read, setRead] = useState(f);
  const [draft, setDraft] = useState(() => formOf(f));
  const { status, reason, note, due, ownerKind, ownerUserId, department } = draft;
  const set = <K extends keyof FollowupForm>(k: K, v: FollowupForm[K]) => setDraft((x) => ({ ...x, [k]: v }));
  const owners = useStaffOptions();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [flash, setFlash] = useState<string | null>(null);
  const baseline = useBaseline(draft);
  useLeaveGuard(baseline.dirty);
  const d = tx.detail;
  const labels: Record<string, string> = {
    status: d.newStatus,
    reason: d.reasonLabel,
    ownerUserId: ownerKind === 'user' ? d.ownerUser : d.department,
    note: d.note,
    dueDate: d.newDue,
  };
  const id = (k: string) => fieldId(FORM, k);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    setFlash(null);
    // What the contract cannot see: a why for "not possible", and an owner of the kind chosen (a
    // kind switched without a person chosen, or a department typed, would otherwise send nothing
    // about the owner, and the save would seem to have changed it).
    const own: FieldErrors = {};
    if (status === 'not_possible' && !reason.trim()) {
      own.reason = t('forms.required', { label: d.reasonLabel });
    }
    if (ownerKind === 'user' ? !ownerUserId : !department.trim()) {
      own.ownerUserId = ownerKind === 'user' ? d.ownerUserMissing : d.departmentMissing;
    }
    const v = validate(
      UpdateFollowupBody,
      {
        version: read.version,
        ...(status !== read.status ? { status } : {}),
        ...(reason !== read.reason ? { reason } : {}),
        ...(note.trim() ? { note } : {}),
        ...(due !== read.dueDate ? { dueDate: due } : {}),
        ...(ownerKind === 'user' && ownerUserId !== (read.owner.user?.id ?? '')
          ? { ownerUserId: ownerUserId || null, ownerDepartment: null }
          : {}),
        ...(ownerKind === 'department' && department.trim() !== (read.owner.department ?? '')
          ? { ownerUserId: null, ownerDepartment: department.trim() || null }
          : {}),
      },
      labels,
      t,
      { paths: Object.keys(own), errors: own },
    );
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    update.mutate(v.data, {
      onSuccess: (saved) => {
        const next = formOf(saved);
        setRead(saved);
        setDraft(next);
        baseline.saved(next);
        setFlash(d.saved);
      },
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'STALE') void onStale();
        else setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  /** Someone else saved first: the form becomes the latest copy, keeping what this person changed. */
  const onStale = async () => {
    const fresh = (await latest.refetch()).data;
    if (!fresh) return setErrors({ fields: {}, form: d.stale });
    const { form, kept } = rebase(draft, read, fresh);
    const theirs = changed(formOf(fresh), formOf(read));
    setRead(fresh);
    setDraft(form);
    baseline.saved(formOf(fresh));
    setErrors({
      fields: {},
      form: kept.length
        ? d.staleKept(
            theirs.map((p) => d.parts[p]),
            kept.map((p) => d.parts[p]),
          )
        : d.stale,
    });
    setSubmits((n) => n + 1);
  };
  // The owner as stored, when they can no longer own it: shown by name (not as "choose"), marked.
  const formerOwner = read.owner.inactive ? read.owner.user : null;

  return (
    <>
      <p className="back-link">
        <Link to="/uppfoljningar">← {tx.title}</Link>
      </p>
      <PageHeading>{f.need}</PageHeading>
      {flash ? <Alert tone="success">{flash}</Alert> : null}
      <section aria-labelledby="fu-facts">
        <h2 id="fu-facts">{d.facts}</h2>
        <dl className="facts">
          <dt>{tx.company}</dt>
          <dd>{f.company.name}</dd>
          <dt>{d.newStatus}</dt>
          <dd>
            <span
              className={
                f.overdue ? 'badge fu-badge--late' : f.status === 'done' ? 'badge fu-badge--done' : 'badge'
              }
            >
              {f.overdue ? `${tx.overdue} · ${tx.status[f.status]}` : tx.status[f.status]}
            </span>
          </dd>
          <dt>{d.owner}</dt>
          <dd>{f.owner.inactive ? tx.inactive(f.owner.label) : f.owner.label}</dd>
          <dt>{d.dueDate}</dt>
          <dd>{f.dueDate}</dd>
          {f.topic ? (
            <>
              <dt>{d.topic}</dt>
              <dd>{f.topic.label}</dd>
            </>
          ) : null}
          {f.status === 'not_possible' ? (
            <>
              <dt>{d.reason}</dt>
              <dd>{f.reason}</dd>
            </>
          ) : null}
          <dt>{d.visit}</dt>
          <dd>
            <Link to={`/besok/${f.visitId}`}>
              {d.openVisit} ({fmtDateTime(f.visitStartsAt, lang)})
            </Link>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="fu-update">
        <h2 id="fu-update">{d.update}</h2>
        {f.canEdit ? null : (
          <Alert tone="info" live={false}>
            {d.readOnly}
          </Alert>
        )}
        <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
        {f.canEdit ? (
          <form className="form fu-form" noValidate onSubmit={onSubmit}>
            <ChoiceGroup id={id('status')} legend={d.newStatus} error={errors.fields.status}>
              {FOLLOWUP_STATUSES.map((s, i) => (
                <Choice
                  key={s}
                  type="radio"
                  id={i === 0 ? id('status') : `${id('status')}-${s}`}
                  name="status"
                  value={s}
                  checked={status === s}
                  onChange={() => set('status', s)}
                  label={tx.status[s]}
                />
              ))}
            </ChoiceGroup>
            {status === 'not_possible' ? (
              <Field
                id={id('reason')}
                label={d.reasonLabel}
                hint={d.reasonHint}
                required
                error={errors.fields.reason}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    maxLength={VISIT_LIMITS.reason}
                    value={reason}
                    onChange={(e) => set('reason', e.target.value)}
                  />
                )}
              </Field>
            ) : null}
            <Field id={id('note')} label={d.note} hint={d.noteHint} error={errors.fields.note}>
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  maxLength={VISIT_LIMITS.logText}
                  value={note}
                  onChange={(e) => set('note', e.target.value)}
                />
              )}
            </Field>
            <ChoiceGroup id={id('ownerKind')} legend={d.ownerKind} hint={d.ownerHint}>
              <Choice
                type="radio"
                id={id('ownerKind')}
                name="ownerKind"
                value="user"
                checked={ownerKind === 'user'}
                onChange={() => set('ownerKind', 'user')}
                label={d.ownerPerson}
              />
              <Choice
                type="radio"
                id={`${id('ownerKind')}-department`}
                name="ownerKind"
                value="department"
                checked={ownerKind === 'department'}
                onChange={() => set('ownerKind', 'department')}
                label={d.ownerDepartment}
              />
            </ChoiceGroup>
            {ownerKind === 'user' ? (
              <Field
                id={id('ownerUserId')}
                label={d.ownerUser}
                required
                hint={
                  formerOwner && ownerUserId === formerOwner.id
                    ? d.ownerInactiveHint(formerOwner.name)
                    : undefined
                }
                error={errors.fields.ownerUserId}
              >
                {(p) => (
                  <select {...p} value={ownerUserId} onChange={(e) => set('ownerUserId', e.target.value)}>
                    <option value="">{d.ownerUserChoose}</option>
                    {formerOwner ? (
                      <option value={formerOwner.id}>{tx.inactive(formerOwner.name)}</option>
                    ) : null}
                    {(owners.data ?? []).map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <Field id={id('ownerUserId')} label={d.department} required error={errors.fields.ownerUserId}>
                {(p) => (
                  <input
                    {...p}
                    type="text"
                    autoComplete="off"
                    maxLength={200}
                    value={department}
                    onChange={(e) => set('department', e.target.value)}
                  />
                )}
              </Field>
            )}
            <Field id={id('dueDate')} label={d.newDue} error={errors.fields.dueDate}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  className="input--short"
                  value={due}
                  onChange={(e) => set('due', e.target.value)}
                />
              )}
            </Field>
            <div className="form__actions">
              <Button type="submit" busy={update.isPending} busyText={t('common.saving')}>
                {d.save}
              </Button>
            </div>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="fu-log">
        <h2 id="fu-log">{d.log}</h2>
        <ol className="fu-log">
          {(f.log ?? [])
            .slice()
            .reverse()
            .map((l) => (
              <li key={l.id}>
                <p className="fu-meta">
                  <time dateTime={l.at}>{fmtDateTime(l.at, lang)}</time> · {l.by?.name ?? d.system}
                </p>
                <p>
                  <LogText entry={l} />
                </p>
              </li>
            ))}
        </ol>
      </section>
    </>
  );
}

/**
 * A log entry in the reader's language: a change from what it keeps, a note as written. Entries
 * from before the log kept what they say have their Swedish text only, marked as Swedish.
 */
function LogText({ entry }: { entry: FollowupLogEntry }) {
  const { tx } = useTexts();
  if (entry.data) return <>{tx.logLine(entry.data)}</>;
  return <>{entry.kind === 'note' ? entry.text : swedish(entry.text)}</>;
}
