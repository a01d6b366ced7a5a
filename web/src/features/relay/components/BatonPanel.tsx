import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EndBatonBody, RELAY_LIMITS } from '@contracts/relay';
import { Alert } from '../../../components/Alert';
import { useAnnounce } from '../../../components/Announcer';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { roleSatisfies, type Role } from '../../../lib/session';
import { searchRegister, useCancelLegVisit, useEndBaton, useMarkVisited, useNominate } from '../api/batons';
import type { Baton, Chain, Coverage } from '../api/types';
import { formatDate, formatDateTime, useTexts } from '../texts';
import { BookForm } from './BookForm';
import { NominateForm, type Hit } from './NominateForm';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FieldLabels,
  type FormErrors,
} from '../../../lib/forms';

/**
 * One baton: where it is, and the next step for whoever may take it. Each step's form or button
 * goes once the step is taken, so the baton's heading (saying its new phase) takes focus and the
 * outcome is said; `takeFocus` does the same for a baton just started. An ended baton's panel goes
 * altogether: `onEnded` lets the page take the person on.
 */
export function BatonPanel({
  baton,
  chain,
  role,
  suggestions,
  takeFocus = false,
  onEnded,
}: {
  baton: Baton;
  chain: Chain;
  role: Role;
  suggestions: Coverage['suggestions'];
  takeFocus?: boolean;
  onEnded: () => void;
}) {
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const holder = chain.legs.find((l) => l.id === baton.holderLegId) ?? null;
  const fromHolder = chain.nominations.filter((n) => n.fromLegId === holder?.id);
  const open = chain.nominations.find((n) => n.batonId === baton.id && n.status === 'invited');
  const last = fromHolder.at(-1);
  const isAdmin = roleSatisfies(role, 'admin');
  const isStaff = roleSatisfies(role, 'staff');
  const active = baton.status === 'active' && chain.programme.status === 'active';
  const [flash, setFlash] = useState<string | null>(null);
  const [preset, setPreset] = useState<Hit | null>(null);
  const visited = useMarkVisited(holder?.id ?? '');
  const nominate = useNominate(holder?.id ?? '');
  const headingId = `baton-${baton.id}`;
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useAnnounce();
  const stepTaken = (message: string) => {
    heading.current?.focus();
    announce(message);
  };
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  const nominated = (name: string) => {
    setFlash(tx.nominate.sent(name));
    stepTaken(tx.nominate.sent(name));
  };

  return (
    <section className="card relay-baton" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="card__title">
        {tx.page.batonN(baton.number)}: {tx.page.phase[baton.phase]}
      </h3>
      {baton.stalled ? <p className="badge relay-stalled">{tx.page.stalled(baton.idleDays)}</p> : null}
      <p>
        {holder ? `${tx.page.holder} ${holder.company.name}` : ''} ·{' '}
        {tx.page.since(formatDate(baton.movedAt, lang))}
      </p>
      {flash ? (
        <Alert tone="success" live={false}>
          <p>{flash}</p>
        </Alert>
      ) : null}
      {active && holder && baton.phase === 'to_book' ? (
        <>
          {holder.proposedTimes ? (
            <p>
              {tx.page.proposedTimes}: {holder.proposedTimes}
            </p>
          ) : null}
          {holder.contactName ? (
            <p>
              {tx.page.contact}: {holder.contactName}
            </p>
          ) : null}
          {isAdmin ? (
            <details>
              <summary>{tx.page.bookVisit}</summary>
              <BookForm
                legId={holder.id}
                teamRule={chain.programme.teamRule}
                onBooked={(startsAt) => stepTaken(tx.page.visitBooked(formatDateTime(startsAt, lang)))}
              />
            </details>
          ) : null}
        </>
      ) : null}
      {active && holder && baton.phase === 'booked' ? (
        <>
          <p>
            {tx.page.visitBooked(formatDateTime(holder.visitStartsAt, lang))}
            {isStaff && holder.visitId ? (
              <>
                {' '}
                <Link to={`/besok/${holder.visitId}`}>{tx.page.openVisit}</Link>
              </>
            ) : null}
          </p>
          {holder.mayRecord ? (
            <p>
              <Button
                variant="secondary"
                busy={visited.isPending}
                busyText={tx.sending}
                onClick={() =>
                  visited.mutate(undefined, {
                    onSuccess: (r) => stepTaken(tx.page.markedVisited(r.nominateLinkSent)),
                  })
                }
                aria-describedby={`${headingId}-visited-hint`}
              >
                {tx.page.markVisited}
              </Button>{' '}
              <span id={`${headingId}-visited-hint`} className="muted">
                {tx.page.markVisitedHint}
              </span>
            </p>
          ) : isStaff ? (
            <p className="muted">{tx.page.markVisitedByTeam}</p>
          ) : null}
          {visited.isError ? <Alert tone="error">{serverErrors(visited.error, {}, t).form}</Alert> : null}
          {isAdmin ? (
            <CancelLegVisit legId={holder.id} onCancelled={() => stepTaken(tx.page.visitCancelled)} />
          ) : null}
        </>
      ) : null}
      {active && open ? <p>{tx.page.invitedTo(open.company.name, formatDate(open.dueAt, lang))}</p> : null}
      {active && holder && baton.phase === 'to_nominate' && holder.mayRecord ? (
        <details>
          <summary>{tx.page.nominateNext}</summary>
          <NominateForm
            formId={`nom-${baton.id.slice(0, 8)}`}
            consent={!holder.showPublicly}
            search={async (q) => (await searchRegister(q)).items}
            busy={nominate.isPending}
            onSubmit={(draft, name, onError, saved) =>
              nominate.mutate(
                { ...draft, pickedByStaff: false },
                {
                  onSuccess: () => {
                    saved();
                    nominated(name);
                  },
                  onError,
                },
              )
            }
          />
        </details>
      ) : null}
      {active &&
      holder &&
      baton.phase === 'handed_back' &&
      last &&
      (last.status === 'declined' || last.status === 'expired') ? (
        <>
          <p>{tx.page.handedBack(last.company.name, last.status)}</p>
          <p className="muted">
            {last.source !== 'staff' && holder.hasContactEmail
              ? tx.page.handedBackHint
              : tx.page.handedBackNoLink}
          </p>
          {isAdmin ? (
            <details>
              <summary>{tx.page.pickCompany}</summary>
              {suggestions.length ? (
                <>
                  <h4>{tx.page.suggestions}</h4>
                  <ul>
                    {suggestions.map((s) => (
                      <li key={s.id}>
                        <Button
                          variant="link"
                          onClick={() => setPreset({ id: s.id, name: s.name, postalTown: s.postalTown })}
                        >
                          {tx.page.useSuggestion(s.name)}
                        </Button>{' '}
                        <span className="muted">
                          {[s.sniSection, s.sizeClass ? `kl. ${s.sizeClass}` : null, s.postalTown]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <NominateForm
                key={preset?.id ?? 'search'}
                formId={`pick-${baton.id.slice(0, 8)}`}
                consent={false}
                preset={preset}
                search={async (q) => (await searchRegister(q)).items}
                busy={nominate.isPending}
                onSubmit={(draft, name, onError, saved) =>
                  nominate.mutate(
                    { ...draft, pickedByStaff: true },
                    {
                      onSuccess: () => {
                        saved();
                        nominated(name);
                      },
                      onError,
                    },
                  )
                }
              />
            </details>
          ) : null}
        </>
      ) : null}
      {active && isAdmin ? (
        <EndBaton batonId={baton.id} booked={baton.phase === 'booked'} onEnded={onEnded} />
      ) : null}
    </section>
  );
}

/** Ends a baton; a visit booked and not yet marked as done is cancelled with it (the hint says so). */
function EndBaton({ batonId, booked, onEnded }: { batonId: string; booked: boolean; onEnded: () => void }) {
  const { tx } = useTexts();
  const end = useEndBaton(batonId, onEnded);
  return (
    <ReasonForm
      form={`end-${batonId.slice(0, 8)}`}
      summary={tx.page.endBaton}
      label={tx.page.endReason}
      hint={booked ? tx.page.endCancelsVisit : undefined}
      confirm={tx.page.endConfirm}
      busy={end.isPending}
      onSubmit={(reason, onError) => end.mutate(reason, { onError })}
    />
  );
}

/** Cancels the booked visit (to book it anew, at another time or with another team). */
function CancelLegVisit({ legId, onCancelled }: { legId: string; onCancelled: () => void }) {
  const { tx } = useTexts();
  const cancel = useCancelLegVisit(legId, onCancelled);
  return (
    <ReasonForm
      form={`cancel-${legId.slice(0, 8)}`}
      summary={tx.page.cancelVisit}
      label={tx.page.cancelReason}
      hint={tx.page.cancelVisitHint}
      confirm={tx.page.cancelConfirm}
      busy={cancel.isPending}
      onSubmit={(reason, onError) => cancel.mutate(reason, { onError })}
    />
  );
}

/** A step taken with a reason (ending a baton, cancelling its visit), behind a disclosure. */
function ReasonForm({
  form,
  summary,
  label,
  hint,
  confirm,
  busy,
  onSubmit,
}: {
  form: string;
  summary: string;
  label: string;
  hint?: string | undefined;
  confirm: string;
  busy: boolean;
  onSubmit: (reason: string, onError: (err: unknown) => void) => void;
}) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const labels: FieldLabels = { reason: label };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const v = validate(EndBatonBody, { reason }, labels, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    onSubmit(v.data.reason, (err) => {
      setErrors(serverErrors(err, labels, t));
      setSubmits((n) => n + 1);
    });
  };
  return (
    <details>
      <summary>{summary}</summary>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary items={summaryItems(errors, form, labels)} focusKey={submits} />
        <Field id={fieldId(form, 'reason')} label={label} hint={hint} required error={errors.fields.reason}>
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={RELAY_LIMITS.reason}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <Button type="submit" variant="danger" busy={busy} busyText={tx.sending}>
            {confirm}
          </Button>
        </div>
      </form>
    </details>
  );
}
