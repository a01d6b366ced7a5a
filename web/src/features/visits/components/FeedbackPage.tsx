import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SendFeedbackBody, VISIT_LIMITS } from '@contracts/visits';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import { newRequestKey } from '../../../lib/request-key';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import {
  useFeedbackDraft,
  useSendFeedback,
  useVisitFeedback,
  type Feedback,
  type FeedbackDraft,
} from '../api/feedback';
import { useVisit } from '../api/visits';
import { fmtDateTime, useTexts } from '../texts';
import './visits.css';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'feedback';

/**
 * /besok/:id/aterkoppling — the feedback message, filled in from the template, edited and sent;
 * after the visit only (before it, the page says from when), and showing what was already sent.
 */
export default function FeedbackPage() {
  const { id = '' } = useParams();
  const { tx, lang } = useTexts();
  const visit = useVisit(id);
  const draft = useFeedbackDraft(id);
  const earlier = useVisitFeedback(id);
  if (visit.isError || draft.isError || earlier.isError) {
    return (
      <>
        <PageHeading>{tx.visit.feedback}</PageHeading>
        <QueryError error={visit.error ?? draft.error ?? earlier.error} />
      </>
    );
  }
  if (!visit.data || !draft.data || !draft.isFetchedAfterMount || !earlier.isFetchedAfterMount) {
    return (
      <>
        <PageHeading>{tx.common.loading}</PageHeading>
        <Spinner />
      </>
    );
  }
  const { company } = visit.data;
  const notYet = draft.data.sendableFrom;
  if (visit.data.status === 'cancelled' || notYet) {
    return (
      <>
        <p className="back-link">
          <Link to={`/besok/${id}`}>← {tx.report.back}</Link>
        </p>
        <PageHeading>{tx.feedback.title(company.name)}</PageHeading>
        <Alert tone="info" live={false}>
          {notYet && visit.data.status !== 'cancelled'
            ? tx.feedback.notYet(fmtDateTime(notYet, lang))
            : tx.feedback.cancelled}
        </Alert>
      </>
    );
  }
  return <Composer visitId={id} company={company} initial={draft.data} />;
}

/** The feedback already sent for the visit: when, by whom, to whom, and where its e-mail stands. */
function SentBefore({ items }: { items: Feedback[] }) {
  const { tx, lang } = useTexts();
  return (
    <section aria-labelledby="feedback-before">
      <h2 id="feedback-before">{tx.feedback.sentBefore}</h2>
      <ul className="followup-cards">
        {items.map((f) => (
          <li key={f.id}>
            <strong>{f.subject}</strong>
            <p className="meta">
              {tx.feedback.sentBeforeLine(fmtDateTime(f.sentAt, lang), f.sentBy?.name ?? null, f.to)}{' '}
              <span className={`badge${f.emailStatus === 'failed' ? ' badge--late' : ''}`}>
                {tx.feedback.status[f.emailStatus] ?? f.emailStatus}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Composer({
  visitId,
  company,
  initial,
}: {
  visitId: string;
  company: { id: string; name: string };
  initial: FeedbackDraft;
}) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const send = useSendFeedback(visitId);
  const earlier = useVisitFeedback(visitId);
  const [to, setTo] = useState(initial.to);
  const [subject, setSubject] = useState(initial.subject);
  const [text, setText] = useState(initial.text);
  const [again, setAgain] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [sent, setSent] = useState<Feedback | null>(null);
  // One key per send: tapping again after an answer lost on the way (the connection dropped after
  // the server took it) gets the feedback already sent, not a second e-mail. A new one once sent.
  const [requestKey, setRequestKey] = useState(newRequestKey);
  // Once sent, the text is in the company's mail: nothing is left to lose.
  useLeaveGuard(useBaseline({ to, subject, text }).dirty && !sent);
  const before = earlier.data?.items ?? [];
  // Feedback whose e-mail failed was never given: writing it again needs no confirmation.
  const given = before.some((f) => f.emailStatus !== 'failed');
  const labels = {
    to: tx.feedback.to,
    subject: tx.feedback.subject,
    text: tx.feedback.text,
    again: tx.feedback.sendAnother,
  };
  const id = (k: string) => fieldId(FORM, k);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const v = validate(SendFeedbackBody, { to, subject, text, requestKey, again }, labels, t);
    if (!v.ok) return setErrors(v.errors);
    if (given && !again) return setErrors({ fields: { again: tx.feedback.sendAnotherRequired }, form: null });
    setErrors(NO_ERRORS);
    send.mutate(v.data, {
      onSuccess: (f) => {
        setSent(f);
        setAgain(false);
        setRequestKey(newRequestKey());
      },
      onError: (err) => {
        // Someone else sent feedback for the visit meanwhile: show it, and ask.
        if (
          err instanceof ApiError &&
          err.code === 'CONFLICT' &&
          err.details.some((d) => d.path === 'again')
        ) {
          void earlier.refetch();
          setErrors({ fields: { again: tx.feedback.sendAnotherRequired }, form: null });
        } else setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  // A failed one is written again from what was sent (the address, most likely, to be corrected).
  if (sent) return <Sent visitId={visitId} company={company} sent={sent} onAgain={() => setSent(null)} />;

  return (
    <>
      <p className="back-link">
        <Link to={`/besok/${visitId}`}>← {tx.report.back}</Link>
      </p>
      <PageHeading>{tx.feedback.title(company.name)}</PageHeading>
      <p className="page-intro">{tx.feedback.intro}</p>
      {before.length ? <SentBefore items={before} /> : null}
      {!initial.to ? (
        <Alert tone="info" live={false}>
          {tx.feedback.noRecipient}
        </Alert>
      ) : null}
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      <form className="form form--wide" noValidate onSubmit={onSubmit}>
        <Field
          id={id('to')}
          label={tx.feedback.to}
          hint={tx.feedback.toHint}
          required
          error={errors.fields.to}
        >
          {(p) => (
            <>
              <input
                {...p}
                type="email"
                inputMode="email"
                autoComplete="off"
                spellCheck={false}
                list={`${id('to')}-options`}
                maxLength={LIMITS.email}
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
              <datalist id={`${id('to')}-options`}>
                {initial.recipients.map((r) => (
                  <option key={r.address} value={r.address}>
                    {r.label}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        {initial.recipients.length > 1 ? (
          <ul className="meta feedback-recipients">
            {initial.recipients.map((r) => (
              <li key={r.address}>
                <button type="button" className="btn btn--link" onClick={() => setTo(r.address)}>
                  {r.address}
                </button>{' '}
                – {r.label}
              </li>
            ))}
          </ul>
        ) : null}
        <Field id={id('subject')} label={tx.feedback.subject} required error={errors.fields.subject}>
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              maxLength={VISIT_LIMITS.feedbackSubject}
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
            />
          )}
        </Field>
        <Field id={id('text')} label={tx.feedback.text} required error={errors.fields.text}>
          {(p) => (
            <textarea
              {...p}
              className="feedback-text"
              maxLength={VISIT_LIMITS.feedbackText}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        {given || errors.fields.again ? (
          <ChoiceGroup
            id={id('again')}
            legend={tx.feedback.sentBefore}
            hint={tx.feedback.sendAnotherHint}
            error={errors.fields.again}
          >
            <Choice
              type="checkbox"
              id={id('again')}
              name="again"
              value="1"
              checked={again}
              onChange={setAgain}
              label={tx.feedback.sendAnother}
            />
          </ChoiceGroup>
        ) : null}
        <div className="form__actions">
          <Button type="submit" busy={send.isPending} busyText={tx.feedback.sending}>
            {tx.feedback.send}
          </Button>
        </div>
      </form>
    </>
  );
}

/**
 * After sending: where the e-mail stands, as the outbox says — waiting to be sent (asked again
 * until it is not), sent, or refused by the mail server (the company has not got it; the visit
 * awaits feedback again).
 */
function Sent({
  visitId,
  company,
  sent,
  onAgain,
}: {
  visitId: string;
  company: { id: string; name: string };
  sent: Feedback;
  onAgain: () => void;
}) {
  const { tx } = useTexts();
  const list = useVisitFeedback(visitId);
  const status = list.data?.items.find((f) => f.id === sent.id)?.emailStatus ?? sent.emailStatus;
  return (
    <>
      <PageHeading>{tx.feedback.title(company.name)}</PageHeading>
      {status === 'sent' ? (
        <Alert tone="success">{tx.feedback.sent(sent.to)}</Alert>
      ) : status === 'failed' ? (
        <Alert tone="error">{tx.feedback.failed(sent.to)}</Alert>
      ) : (
        <Alert tone="info">{tx.feedback.queued(sent.to)}</Alert>
      )}
      <p className="sent-mail">{sent.body}</p>
      <p>
        {status === 'failed' ? (
          <>
            <button type="button" className="btn btn--link" onClick={onAgain}>
              {tx.feedback.again}
            </button>{' '}
            ·{' '}
          </>
        ) : null}
        <Link to={`/foretag/${company.id}/historik`}>{tx.visit.history}</Link> ·{' '}
        <Link to={`/besok/${visitId}`}>{tx.report.back}</Link>
      </p>
    </>
  );
}
