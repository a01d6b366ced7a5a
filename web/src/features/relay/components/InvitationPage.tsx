import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AcceptBody, RELAY_LIMITS } from '@contracts/relay';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
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
  swedish,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { ApiError } from '../../../lib/api';
import { useAnswerInvitation, useInvitation } from '../api/links';
import { formatDate, useTexts } from '../texts';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'answer';

/** The nominated company's private page: accept and propose times, or decline. No log-in. */
export default function InvitationPage() {
  const { token = '' } = useParams();
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const inv = useInvitation(token);
  const answer = useAnswerInvitation(token);
  const [choice, setChoice] = useState<'accept' | 'decline' | ''>('');
  const [draft, setDraft] = useState({
    contactName: '',
    contactEmail: '',
    proposedTimes: '',
    showPublicly: false,
  });
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [done, setDone] = useState<'accept' | 'decline' | null>(null);
  // Once answered, nothing typed is left to lose.
  useLeaveGuard(useBaseline({ choice, draft, note }).dirty && done === null);

  if (inv.isPending) return <Spinner />;
  if (inv.isError) {
    // Spent, expired, forged or cut short by a mail program: the server says what to do, not the
    // staff's "page not found" with its way to their log-in.
    if (inv.error instanceof ApiError && (inv.error.status === 404 || inv.error.status === 410)) {
      return (
        <div className="narrow">
          <PageHeading>{tx.deadLink.title}</PageHeading>
          <Alert tone="info" live={false}>
            <p>{inv.error.message ? swedish(inv.error.message) : tx.deadLink.body}</p>
          </Alert>
        </div>
      );
    }
    return (
      <>
        <PageHeading>{tx.title}</PageHeading>
        <QueryError error={inv.error} onRetry={() => void inv.refetch()} />
      </>
    );
  }
  const v = inv.data;
  const labels: Record<string, string> = {
    choice: tx.invitation.choose,
    contactName: tx.invitation.contactName,
    contactEmail: tx.invitation.contactEmail,
    proposedTimes: tx.invitation.proposedTimes,
    note: tx.invitation.declineNote,
  };
  const id = (k: string) => fieldId(FORM, k);
  // Another answer chosen: the errors about the one before (its fields, or the server's refusal
  // of it) no longer apply, and are not left on the page.
  const choose = (c: 'accept' | 'decline') => {
    if (c === choice) return;
    setChoice(c);
    setErrors(NO_ERRORS);
  };
  const onError = (err: unknown) => {
    setErrors(serverErrors(err, labels, t));
    setSubmits((n) => n + 1);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    // A new answer sent: the last one's refusal is not shown beside it.
    setErrors(NO_ERRORS);
    if (!choice)
      return setErrors({
        fields: { choice: t('forms.choose', { label: tx.invitation.choose }) },
        form: null,
      });
    if (choice === 'decline') {
      return answer.mutate({ kind: 'decline', note }, { onSuccess: () => setDone('decline'), onError });
    }
    const r = validate(AcceptBody, draft, labels, t);
    if (!r.ok) return setErrors(r.errors);
    answer.mutate({ kind: 'accept', body: r.data }, { onSuccess: () => setDone('accept'), onError });
  };

  return (
    <div className="narrow">
      {/* Answered, the thanks replace the form: the heading takes focus again. */}
      <PageHeading focusKey={done}>{tx.invitation.title(v.programmeName)}</PageHeading>
      {done ? (
        <Alert tone="success">
          <p>{done === 'accept' ? tx.invitation.thanksAccept : tx.invitation.thanksDecline}</p>
        </Alert>
      ) : v.status !== 'invited' ? (
        <Alert tone="info" live={false}>
          <p>{tx.invitation.answered[v.status]}</p>
        </Alert>
      ) : (
        <>
          <p className="lead">
            {v.pickedByStaff || !v.nominatorName
              ? tx.invitation.picked(v.companyName, v.municipalityName)
              : tx.invitation.nominatedBy(v.nominatorName, v.companyName, v.municipalityName)}
          </p>
          {v.reason ? (
            <>
              <p>{tx.invitation.reason}</p>
              <blockquote>{v.reason}</blockquote>
            </>
          ) : null}
          {/* The municipality's own words are Swedish, whatever the interface's language. */}
          {v.programmeDescription ? <p lang="sv">{v.programmeDescription}</p> : <p>{tx.invitation.what}</p>}
          <p>
            <strong>{tx.invitation.answerBy(formatDate(v.dueAt, lang))}</strong>
          </p>
          <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
          <form className="form" noValidate onSubmit={submit}>
            <ChoiceGroup legend={labels.choice} id={id('choice')} required error={errors.fields.choice}>
              <Choice
                type="radio"
                id={id('choice')}
                name="choice"
                value="accept"
                checked={choice === 'accept'}
                onChange={(c) => c && choose('accept')}
                label={tx.invitation.accept}
              />
              <Choice
                type="radio"
                name="choice"
                value="decline"
                checked={choice === 'decline'}
                onChange={(c) => c && choose('decline')}
                label={tx.invitation.decline}
              />
            </ChoiceGroup>
            {choice === 'accept' ? (
              <>
                <Field
                  id={id('contactName')}
                  label={labels.contactName}
                  required
                  error={errors.fields.contactName}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="text"
                      autoComplete="name"
                      maxLength={LIMITS.name}
                      value={draft.contactName}
                      onChange={(e) => setDraft((d) => ({ ...d, contactName: e.target.value }))}
                    />
                  )}
                </Field>
                <Field
                  id={id('contactEmail')}
                  label={labels.contactEmail}
                  required
                  error={errors.fields.contactEmail}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="email"
                      autoComplete="email"
                      maxLength={LIMITS.email}
                      value={draft.contactEmail}
                      onChange={(e) => setDraft((d) => ({ ...d, contactEmail: e.target.value }))}
                    />
                  )}
                </Field>
                <Field
                  id={id('proposedTimes')}
                  label={labels.proposedTimes}
                  hint={tx.invitation.proposedTimesHint}
                  required
                  error={errors.fields.proposedTimes}
                >
                  {(p) => (
                    <textarea
                      {...p}
                      rows={3}
                      maxLength={RELAY_LIMITS.proposedTimes}
                      value={draft.proposedTimes}
                      onChange={(e) => setDraft((d) => ({ ...d, proposedTimes: e.target.value }))}
                    />
                  )}
                </Field>
                <Choice
                  type="checkbox"
                  name="showPublicly"
                  value="yes"
                  checked={draft.showPublicly}
                  onChange={(c) => setDraft((d) => ({ ...d, showPublicly: c }))}
                  label={tx.invitation.showPublicly}
                  hint={tx.invitation.showPubliclyHint}
                />
              </>
            ) : null}
            {choice === 'decline' ? (
              <Field id={id('note')} label={labels.note}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    maxLength={RELAY_LIMITS.answerNote}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                  />
                )}
              </Field>
            ) : null}
            <div className="form__actions">
              <Button type="submit" busy={answer.isPending} busyText={tx.sending}>
                {choice === 'decline' ? tx.invitation.submitDecline : tx.invitation.submitAccept}
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
