import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CreateFollowupBody, VISIT_LIMITS } from '@contracts/visits';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useMe } from '../../../lib/session';
import { newRequestKey } from '../../../lib/request-key';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useVisitFeedback } from '../api/feedback';
import { useCreateFollowup, useVisitFollowups, type Followup } from '../api/followups';
import { useStaffOptions } from '../../../lib/staff-options';
import { useTopicOptions } from '../api/lookups';
import { useCancelVisit, useVisit, type Visit } from '../api/visits';
import { swedishParts } from '../../../lib/format';
import { fmtDateTime, useTexts } from '../texts';
import type { VisitFlash } from './VisitEditPage';
import './visits.css';

/** /besok/:id — the visit, its report, its follow-ups (and adding one), and feedback to the company. */
export default function VisitPage() {
  const { id = '' } = useParams();
  const { tx, lang } = useTexts();
  const visit = useVisit(id);
  const me = useMe();
  const followups = useVisitFollowups(id);
  const feedback = useVisitFeedback(id);
  const flash = (useLocation().state as VisitFlash | null)?.flash;
  // Set while this person's "Ja, ställ in besöket" is under way or done (cleared if it failed): the
  // confirmation and its buttons then go, so the heading takes focus and the notice is read out.
  const [cancelling, setCancelling] = useState(false);
  if (visit.isError) {
    return (
      <>
        <PageHeading>{tx.list.title}</PageHeading>
        <QueryError error={visit.error} />
      </>
    );
  }
  if (!visit.data) {
    return (
      <>
        <PageHeading>{tx.common.loading}</PageHeading>
        <Spinner />
      </>
    );
  }
  const v = visit.data;
  const canWrite = Boolean(
    me.data && (me.data.role === 'admin' || v.participants.some((p) => p.id === me.data!.id)),
  );
  const sprintDay = swedishParts(v.startsAt).date;
  const cancelledHere = cancelling && v.status === 'cancelled';
  return (
    <>
      <p className="back-link">
        <Link to="/besok">← {tx.list.title}</Link>
      </p>
      <PageHeading focusKey={cancelledHere}>{tx.visit.title(v.company.name)}</PageHeading>
      {flash ? <Alert tone="success">{flash}</Alert> : null}
      {v.status === 'cancelled' ? (
        <Alert tone="warning" live={cancelledHere}>
          {tx.visit.cancelled}
        </Alert>
      ) : null}
      <div className="sections">
        <section aria-labelledby="visit-facts">
          <h2 id="visit-facts">{tx.visit.facts}</h2>
          <dl className="facts">
            <dt>{tx.visit.when}</dt>
            <dd>{fmtDateTime(v.startsAt, lang)}</dd>
            <dt>{tx.visit.mode}</dt>
            <dd>{tx.mode[v.mode]}</dd>
            {v.location ? (
              <>
                <dt>{tx.visit.place}</dt>
                <dd>{v.location}</dd>
              </>
            ) : null}
            {v.meetingLink ? (
              <>
                <dt>{tx.visit.link}</dt>
                <dd>
                  {/^https?:\/\//i.test(v.meetingLink) ? (
                    <a href={v.meetingLink} rel="noopener noreferrer">
                      {v.meetingLink}
                    </a>
                  ) : (
                    v.meetingLink
                  )}
                </dd>
              </>
            ) : null}
            <dt>{tx.visit.who}</dt>
            <dd>{v.participants.map((p) => p.name).join(', ')}</dd>
            {v.notes ? (
              <>
                <dt>{tx.visit.notes}</dt>
                <dd className="visit-notes">{v.notes}</dd>
              </>
            ) : null}
            <dt>{tx.visit.programme}</dt>
            <dd>{tx.programme[v.programme?.type ?? 'none']}</dd>
            <dt>{tx.visit.status}</dt>
            <dd>{tx.status[v.status]}</dd>
          </dl>
          <p>
            <Link to={`/foretag/${v.company.id}/historik`}>{tx.visit.history}</Link>
            {v.programme ? (
              <>
                {' · '}
                <Link to={`/rapporter/${v.programme.type}/${v.programme.id}?datum=${sprintDay}`}>
                  {tx.visit.programmeReport}
                </Link>
              </>
            ) : null}
          </p>
          {canWrite && !v.programme && v.status !== 'cancelled' ? (
            <>
              <p>
                <Link className="btn btn--secondary" to={`/besok/${v.id}/andra`}>
                  {tx.edit.open}
                </Link>
              </p>
              <CancelVisit visit={v} onCancelling={setCancelling} />
            </>
          ) : null}
        </section>

        <section aria-labelledby="visit-report">
          <h2 id="visit-report">{tx.visit.report}</h2>
          {/* A cancelled visit has no report to write (the server refuses one): said, not offered. */}
          <p>{v.status === 'cancelled' ? tx.visit.reportCancelled : tx.reportStatus[v.reportStatus]}</p>
          {v.status !== 'cancelled' ? (
            <p>
              <Link className="btn btn--primary" to={`/besok/${v.id}/rapport`}>
                {!canWrite
                  ? tx.visit.readOnlyReport
                  : v.reportStatus === 'none'
                    ? tx.visit.writeReport
                    : tx.visit.readReport}
              </Link>
            </p>
          ) : null}
        </section>

        <section aria-labelledby="visit-followups">
          <h2 id="visit-followups">{tx.visit.followups}</h2>
          {followups.isPending ? <Spinner /> : null}
          {followups.isError ? <QueryError error={followups.error} /> : null}
          {followups.data && followups.data.items.length === 0 ? <p>{tx.visit.noFollowups}</p> : null}
          {followups.data && followups.data.items.length > 0 ? (
            <FollowupCards items={followups.data.items} />
          ) : null}
          {canWrite && v.status !== 'cancelled' ? <AddFollowup visit={v} /> : null}
        </section>

        <section aria-labelledby="visit-feedback">
          <h2 id="visit-feedback">{tx.visit.feedback}</h2>
          {feedback.data && feedback.data.items.length > 0 ? (
            <ul className="followup-cards">
              {feedback.data.items.map((f) => (
                <li key={f.id}>
                  <strong>{f.subject}</strong>
                  <p className="meta">
                    {tx.feedback.earlier}: {fmtDateTime(f.sentAt, lang)} → {f.to}
                    {f.sentBy ? ` (${f.sentBy.name})` : ''}{' '}
                    <span className={`badge${f.emailStatus === 'failed' ? ' badge--late' : ''}`}>
                      {tx.feedback.status[f.emailStatus] ?? f.emailStatus}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p>{tx.feedback.none}</p>
          )}
          {v.status === 'cancelled' ? (
            <p>{tx.visit.feedbackCancelled}</p>
          ) : canWrite ? (
            <>
              <p>{tx.visit.feedbackIntro}</p>
              <p>
                <Link className="btn btn--secondary" to={`/besok/${v.id}/aterkoppling`}>
                  {tx.visit.writeFeedback}
                </Link>
              </p>
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

const CANCEL_ID = 'visit-cancel';

/**
 * Visits outside a programme can be cancelled here (a programme's visits are changed in the
 * programme). Each step replaces the button pressed, so focus follows: to the question when asked,
 * back to "Ställ in besöket" on "Nej"; once cancelled, the page (`onCancelling`) takes it.
 */
function CancelVisit({ visit, onCancelling }: { visit: Visit; onCancelling: (on: boolean) => void }) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const cancel = useCancelVisit(visit.id);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ReactNode>(null);
  const question = useRef<HTMLParagraphElement>(null);
  /** Whether the person has pressed one of the buttons (not on first showing the page). */
  const acted = useRef(false);
  useEffect(() => {
    if (!acted.current) return;
    if (asking) question.current?.focus();
    else document.getElementById(CANCEL_ID)?.focus();
  }, [asking]);
  const ask = (on: boolean) => {
    acted.current = true;
    setError(null);
    setAsking(on);
  };
  if (!asking) {
    return (
      <Button variant="secondary" id={CANCEL_ID} onClick={() => ask(true)}>
        {tx.visit.cancel}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={tx.visit.cancel}>
      <p ref={question} tabIndex={-1}>
        {tx.visit.cancelConfirm}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="form__actions">
        <Button
          variant="danger"
          busy={cancel.isPending}
          busyText={t('common.saving')}
          onClick={() => {
            onCancelling(true);
            cancel.mutate(visit.version, {
              onError: (err) => {
                onCancelling(false);
                setError(serverErrors(err, {}, t).form);
              },
            });
          }}
        >
          {tx.visit.cancelYes}
        </Button>
        <Button variant="secondary" onClick={() => ask(false)}>
          {tx.visit.cancelNo}
        </Button>
      </div>
    </div>
  );
}

function FollowupCards({ items }: { items: Followup[] }) {
  const { tx } = useTexts();
  return (
    <ul className="followup-cards">
      {items.map((f) => (
        <li key={f.id}>
          <h3>
            <Link to={`/uppfoljningar/${f.id}`}>{f.need}</Link>
          </h3>
          <p className="meta">
            <span
              className={
                f.status === 'done' ? 'badge badge--done' : f.overdue ? 'badge badge--late' : 'badge'
              }
            >
              {f.overdue ? tx.followup.overdue : tx.followup.status[f.status]}
            </span>{' '}
            {f.owner.label} · {tx.followup.dueOn(f.dueDate)}
          </p>
        </li>
      ))}
    </ul>
  );
}

const FORM = 'followup';

function AddFollowup({ visit }: { visit: Visit }) {
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const staff = useStaffOptions();
  const topics = useTopicOptions();
  const create = useCreateFollowup(visit.id);
  // One key per follow-up the form adds: sent again (a double tap, a retry after a lost answer),
  // the server answers with the one already made (and its owner is e-mailed once). New once added.
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const [need, setNeed] = useState('');
  const [topicId, setTopicId] = useState('');
  const [ownerKind, setOwnerKind] = useState<'user' | 'department'>('user');
  const [ownerUserId, setOwnerUserId] = useState('');
  const [department, setDepartment] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  /** The follow-up just added, for the confirmation (which says who, if anyone, is e-mailed). */
  const [done, setDone] = useState<Followup | null>(null);
  const me = useMe();
  const labels: Record<string, string> = {
    need: tx.followup.need,
    topicId: tx.followup.topic,
    ownerUserId: ownerKind === 'user' ? tx.followup.ownerUser : tx.followup.department,
    ownerDepartment: tx.followup.department,
    dueDate: tx.followup.due,
  };
  const id = (k: string) => fieldId(FORM, k);
  const err = (k: string) => errors.fields[k];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    setDone(null);
    const v = validate(
      CreateFollowupBody,
      {
        need,
        topicId: topicId || null,
        ownerUserId: ownerKind === 'user' ? ownerUserId || null : null,
        ownerDepartment: ownerKind === 'department' ? department.trim() || null : null,
        dueDate: due,
        requestKey,
      },
      labels,
      t,
    );
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    create.mutate(v.data, {
      onSuccess: (made) => {
        setNeed('');
        setTopicId('');
        setDue('');
        setDepartment('');
        setRequestKey(newRequestKey());
        setDone(made);
      },
      onError: (e2) => {
        setErrors(serverErrors(e2, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="add-followup">
      <h3 id="add-followup">{tx.followup.add}</h3>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      {done ? <Alert tone="success">{tx.followup.created(done.owner, me.data?.id)}</Alert> : null}
      <Field id={id('need')} label={tx.followup.need} required error={err('need')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={VISIT_LIMITS.need}
            value={need}
            onChange={(e) => setNeed(e.target.value)}
          />
        )}
      </Field>
      <Field id={id('topicId')} label={tx.followup.topic} error={err('topicId')}>
        {(p) => (
          <select {...p} value={topicId} onChange={(e) => setTopicId(e.target.value)}>
            <option value="">{tx.followup.topicNone}</option>
            {(topics.data ?? [])
              .filter((tp) => tp.active)
              .map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {lang === 'en' ? tp.labelEn : tp.labelSv}
                </option>
              ))}
          </select>
        )}
      </Field>
      <ChoiceGroup id={`${id('ownerKind')}`} legend={tx.followup.ownerKind} required>
        <Choice
          type="radio"
          id={id('ownerKind')}
          name="ownerKind"
          value="user"
          checked={ownerKind === 'user'}
          onChange={() => setOwnerKind('user')}
          label={tx.followup.ownerPerson}
        />
        <Choice
          type="radio"
          id={`${id('ownerKind')}-department`}
          name="ownerKind"
          value="department"
          checked={ownerKind === 'department'}
          onChange={() => setOwnerKind('department')}
          label={tx.followup.ownerDepartment}
        />
      </ChoiceGroup>
      {ownerKind === 'user' ? (
        <Field id={id('ownerUserId')} label={tx.followup.ownerUser} required error={err('ownerUserId')}>
          {(p) => (
            <select {...p} value={ownerUserId} onChange={(e) => setOwnerUserId(e.target.value)}>
              <option value="">{tx.followup.ownerUserChoose}</option>
              {(staff.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field
          id={id('ownerUserId')}
          label={tx.followup.department}
          required
          error={err('ownerUserId') ?? err('ownerDepartment')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              maxLength={LIMITS.shortText}
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
            />
          )}
        </Field>
      )}
      <Field
        id={id('dueDate')}
        label={tx.followup.due}
        hint={tx.followup.dueHint}
        required
        error={err('dueDate')}
      >
        {(p) => (
          <input
            {...p}
            type="date"
            className="input--short"
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <Button type="submit" busy={create.isPending} busyText={t('common.saving')}>
          {tx.followup.save}
        </Button>
      </div>
    </form>
  );
}
