import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SendFeedbackBody, VISIT_LIMITS } from '@contracts/visits';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
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
import { useTexts } from '../texts';
import './visits.css';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'feedback';

/** /besok/:id/aterkoppling — the feedback message, filled in from the template, edited and sent. */
export default function FeedbackPage() {
  const { id = '' } = useParams();
  const { tx } = useTexts();
  const visit = useVisit(id);
  const draft = useFeedbackDraft(id);
  if (visit.isError || draft.isError) {
    return (
      <>
        <PageHeading>{tx.visit.feedback}</PageHeading>
        <QueryError error={visit.error ?? draft.error} />
      </>
    );
  }
  if (!visit.data || !draft.data || !draft.isFetchedAfterMount) {
    return (
      <>
        <PageHeading>{tx.common.loading}</PageHeading>
        <Spinner />
      </>
    );
  }
  return <Composer visitId={id} company={visit.data.company} initial={draft.data} />;
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
  const [to, setTo] = useState(initial.to);
  const [subject, setSubject] = useState(initial.subject);
  const [text, setText] = useState(initial.text);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [sent, setSent] = useState<Feedback | null>(null);
  // Once sent, the text is in the company's mail: nothing is left to lose.
  useLeaveGuard(useBaseline({ to, subject, text }).dirty && !sent);
  const labels = { to: tx.feedback.to, subject: tx.feedback.subject, text: tx.feedback.text };
  const id = (k: string) => fieldId(FORM, k);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const v = validate(SendFeedbackBody, { to, subject, text }, labels, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    send.mutate(v.data, {
      onSuccess: (f) => setSent(f),
      onError: (err) => {
        setErrors(serverErrors(err, labels, t));
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
          <ul className="meta">
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
