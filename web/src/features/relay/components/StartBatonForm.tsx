import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StartBatonBody } from '@contracts/relay';
import { LIMITS } from '@contracts/common';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { LiveStatus } from '../../../components/LiveStatus';
import {
  NO_ERRORS,
  fieldId,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { searchRegister, useStartBaton } from '../api/batons';
import type { Chain, CompanyBrief } from '../api/types';
import { useTexts } from '../texts';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'start';

/**
 * Puts a baton in play at a company the business unit chose (a first leg, or a branch).
 * `onStarted`: the new baton is in the page's data (the form itself may be gone with the last free
 * baton), so the page can take the person to it.
 */
export function StartBatonForm({
  chain,
  onStarted,
}: {
  chain: Chain;
  onStarted: (batonId: string, companyName: string) => void;
}) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const [hits, setHits] = useState<CompanyBrief[] | null>(null);
  const [chosen, setChosen] = useState('');
  // The name of the company the baton was started at, as it was sent (the results may change
  // while the request is under way).
  const sentName = useRef('');
  const start = useStartBaton(chain.programme.id, (started) => onStarted(started.batonId, sentName.current));
  const [q, setQ] = useState('');
  const [searches, setSearches] = useState(0);
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [show, setShow] = useState(false);
  const [fromLegId, setFromLegId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  // What was chosen and typed (not the search text) is asked about before the page is left.
  useLeaveGuard(useBaseline({ chosen, contactName, contactEmail, show, fromLegId }).dirty);
  const labels: Record<string, string> = {
    company: tx.nominate.company,
    contactName: tx.nominate.contactName,
    contactEmail: tx.page.contactEmail,
    fromLegId: tx.page.startFrom,
  };
  const id = (k: string) => fieldId(FORM, k);
  const visitedLegs = chain.legs.filter((l) => l.visitedAt);

  const runSearch = async () => {
    if (!q.trim()) return;
    try {
      const found = (await searchRegister(q)).items;
      setHits(found);
      // A company chosen among the earlier results stays chosen only if it is among these: else
      // the baton would start at a company not shown.
      setChosen((c) => (found.some((h) => h.id === c) ? c : ''));
      setSearches((n) => n + 1);
    } catch (err) {
      setErrors(serverErrors(err, labels, t));
      setSubmits((n) => n + 1);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    // Only a company shown (among the results on the page) is sent.
    const shown = hits?.find((h) => h.id === chosen);
    if (!shown) return setErrors({ fields: { company: tx.nominate.chooseCompany }, form: null });
    const v = validate(
      StartBatonBody,
      {
        company: { id: shown.id },
        contactName,
        contactEmail: contactEmail.trim() || null,
        showPublicly: show,
        fromLegId: fromLegId || null,
      },
      labels,
      t,
    );
    if (!v.ok) return setErrors(v.errors);
    setErrors(NO_ERRORS);
    sentName.current = shown.name;
    start.mutate(v.data, {
      onSuccess: () => {
        // Started: the form is empty again for the next baton, but for what was changed while the
        // request was under way (that is the next baton's already).
        const clear =
          <T,>(sent: T, empty: T) =>
          (now: T) =>
            now === sent ? empty : now;
        setChosen(clear(chosen, ''));
        setContactName(clear(contactName, ''));
        setContactEmail(clear(contactEmail, ''));
        setShow(clear(show, false));
        setFromLegId(clear(fromLegId, ''));
        setQ(clear(q, ''));
        setHits(clear(hits, null));
      },
      onError: (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  return (
    <form className="form" noValidate onSubmit={submit}>
      <p>{tx.page.startBatonIntro}</p>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      <div className="search">
        <Field id={id('q')} label={tx.nominate.search} hint={tx.nominate.searchHint}>
          {(p) => (
            <input
              {...p}
              type="search"
              autoComplete="off"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void runSearch();
                }
              }}
            />
          )}
        </Field>
        <p>
          <Button variant="secondary" onClick={() => void runSearch()}>
            {tx.nominate.searchButton}
          </Button>
        </p>
      </div>
      <LiveStatus
        message={hits ? (hits.length ? tx.nominate.hits(hits.length) : tx.nominate.noHitsInRegister) : ''}
        sayKey={searches}
      />
      {hits?.length ? (
        <ChoiceGroup legend={tx.nominate.results} id={id('company')} required error={errors.fields.company}>
          {hits.map((h, i) => (
            <Choice
              key={h.id}
              type="radio"
              {...(i === 0 ? { id: id('company') } : {})}
              name="start-company"
              value={h.id}
              checked={chosen === h.id}
              onChange={(c) => c && setChosen(h.id)}
              label={h.postalTown ? `${h.name}, ${h.postalTown}` : h.name}
            />
          ))}
        </ChoiceGroup>
      ) : errors.fields.company ? (
        <p className="field__error" id={id('company')} tabIndex={-1}>
          {errors.fields.company}
        </p>
      ) : null}
      <Field id={id('contactName')} label={tx.nominate.contactName}>
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={LIMITS.name}
            value={contactName}
            onChange={(e) => setContactName(e.target.value)}
          />
        )}
      </Field>
      <Field
        id={id('contactEmail')}
        label={tx.page.contactEmail}
        hint={tx.page.markVisitedHint}
        error={errors.fields.contactEmail}
      >
        {(p) => (
          <input
            {...p}
            type="email"
            maxLength={LIMITS.email}
            value={contactEmail}
            onChange={(e) => setContactEmail(e.target.value)}
          />
        )}
      </Field>
      <Choice
        type="checkbox"
        name="start-show"
        value="yes"
        checked={show}
        onChange={setShow}
        label={tx.nominate.showPublicly}
      />
      {visitedLegs.length ? (
        <Field
          id={id('fromLegId')}
          label={tx.page.startFrom}
          hint={tx.page.startFromHint}
          error={errors.fields.fromLegId}
        >
          {(p) => (
            <select {...p} value={fromLegId} onChange={(e) => setFromLegId(e.target.value)}>
              <option value="">{tx.page.startFromNone}</option>
              {visitedLegs.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.seq}. {l.company.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div className="form__actions">
        <Button type="submit" busy={start.isPending} busyText={tx.sending}>
          {tx.page.start}
        </Button>
      </div>
    </form>
  );
}
