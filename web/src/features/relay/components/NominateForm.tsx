import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NominateByLinkBody, RELAY_LIMITS } from '@contracts/relay';
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
  type OwnCheck,
} from '../../../lib/forms';
import { useTexts } from '../texts';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

export interface Hit {
  id: string;
  name: string;
  postalTown: string | null;
}

export interface NominationDraft {
  company: { id: string } | { new: { name: string; orgNr: string; postalTown: string } };
  reason: string;
  contactName: string;
  inviteEmail: string;
  showPublicly?: boolean;
}

/**
 * Naming the next company: find it in the register by name or organisation number, or enter it
 * as new; say why; where the invitation goes. Used by the company's private link page and by staff
 * at the visit (and, with a preset company, when the business unit picks one).
 */
export function NominateForm({
  formId,
  search,
  onSubmit,
  busy,
  consent,
  preset,
  submitLabel,
}: {
  formId: string;
  search: (q: string) => Promise<Hit[]>;
  /** `saved`: call when the nomination is sent (what was typed is then no longer unsaved). */
  onSubmit: (
    draft: NominationDraft,
    companyName: string,
    onError: (err: unknown) => void,
    saved: () => void,
  ) => void;
  busy: boolean;
  /** Ask the nominating company's consent to be shown publicly. */
  consent: boolean;
  preset?: Hit | null;
  submitLabel?: string;
}) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(preset ? [preset] : null);
  const [chosen, setChosen] = useState<string>(preset?.id ?? '');
  const [isNew, setIsNew] = useState(false);
  const [fresh, setFresh] = useState({ name: '', orgNr: '', postalTown: '' });
  const [reason, setReason] = useState('');
  const [contactName, setContactName] = useState('');
  const [inviteEmail, setInviteEmail] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [searching, setSearching] = useState(false);
  const [searches, setSearches] = useState(0);
  const baseline = useBaseline({ chosen, isNew, fresh, reason, contactName, inviteEmail, show });
  useLeaveGuard(baseline.dirty);

  const labels: Record<string, string> = {
    company: tx.nominate.company,
    'company.new.name': tx.nominate.newName,
    'company.new.orgNr': tx.nominate.newOrgNr,
    reason: tx.nominate.reason,
    contactName: tx.nominate.contactName,
    inviteEmail: tx.nominate.inviteEmail,
  };
  const id = (k: string) => fieldId(formId, k);

  const runSearch = async () => {
    if (!q.trim()) return;
    setSearching(true);
    try {
      const found = await search(q);
      setHits(found);
      // A company chosen among the earlier results stays chosen only if it is among these: else
      // it would be sent without being shown.
      setChosen((c) => (found.some((h) => h.id === c) ? c : ''));
      setSearches((n) => n + 1);
    } catch (err) {
      setErrors(serverErrors(err, labels, t));
    } finally {
      setSearching(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    // Only a company shown (among the results on the page) is sent.
    const shown = isNew ? undefined : hits?.find((h) => h.id === chosen);
    const company = isNew ? { new: fresh } : shown ? { id: shown.id } : undefined;
    // No company chosen: that is said, and with it what else is missing, all at once (not the
    // rest only once a company is chosen).
    const noCompany: OwnCheck = company
      ? { paths: [], errors: {} }
      : { paths: ['company'], errors: { company: tx.nominate.chooseCompany } };
    const value = { company, reason, contactName, inviteEmail, ...(consent ? { showPublicly: show } : {}) };
    const v = validate(NominateByLinkBody, value, labels, t, noCompany);
    if (!v.ok) return setErrors(v.errors);
    if (!company) return; // (refused above: the own check found it missing)
    setErrors(NO_ERRORS);
    const name = isNew ? fresh.name : (shown?.name ?? '');
    const sent = { chosen, isNew, fresh, reason, contactName, inviteEmail, show };
    onSubmit(
      { ...value, company },
      name,
      (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
      () => baseline.saved(sent),
    );
  };

  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary items={summaryItems(errors, formId, labels)} focusKey={submits} />
      {preset ? null : (
        <div className="search">
          <Field id={id('q')} label={tx.nominate.search} hint={tx.nominate.searchHint}>
            {(p) => (
              <input
                {...p}
                type="search"
                name="q"
                autoComplete="off"
                maxLength={100}
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
            <Button
              variant="secondary"
              onClick={() => void runSearch()}
              busy={searching}
              busyText={tx.loading}
            >
              {tx.nominate.searchButton}
            </Button>
          </p>
        </div>
      )}
      {preset ? null : (
        <LiveStatus
          message={!hits || isNew ? '' : hits.length ? tx.nominate.hits(hits.length) : tx.nominate.noHits}
          sayKey={searches}
        />
      )}
      {hits && !isNew && hits.length ? (
        <ChoiceGroup legend={tx.nominate.results} id={id('company')} error={errors.fields.company} required>
          {hits.map((h, i) => (
            <Choice
              key={h.id}
              type="radio"
              {...(i === 0 ? { id: id('company') } : {})}
              name={`${formId}-company`}
              value={h.id}
              checked={chosen === h.id}
              onChange={(c) => c && setChosen(h.id)}
              label={h.postalTown ? `${h.name}, ${h.postalTown}` : h.name}
            />
          ))}
        </ChoiceGroup>
      ) : null}
      {!hits?.length && !isNew && errors.fields.company ? (
        <p className="field__error" id={id('company')} tabIndex={-1}>
          {errors.fields.company}
        </p>
      ) : null}
      {preset ? null : (
        <Choice
          type="checkbox"
          name={`${formId}-isnew`}
          value="new"
          checked={isNew}
          onChange={setIsNew}
          label={tx.nominate.notInRegister}
        />
      )}
      {isNew ? (
        <>
          <Field
            id={id('company.new.name')}
            label={labels['company.new.name']}
            required
            error={errors.fields['company.new.name']}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                autoComplete="organization"
                maxLength={LIMITS.name}
                value={fresh.name}
                onChange={(e) => setFresh((f) => ({ ...f, name: e.target.value }))}
              />
            )}
          </Field>
          <Field
            id={id('company.new.orgNr')}
            label={labels['company.new.orgNr']}
            hint={tx.nominate.newOrgNrHint}
            required
            error={errors.fields['company.new.orgNr']}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                className="input--short"
                maxLength={13}
                value={fresh.orgNr}
                onChange={(e) => setFresh((f) => ({ ...f, orgNr: e.target.value }))}
              />
            )}
          </Field>
          <Field id={id('company.new.postalTown')} label={tx.nominate.newTown}>
            {(p) => (
              <input
                {...p}
                type="text"
                autoComplete="address-level2"
                maxLength={100}
                value={fresh.postalTown}
                onChange={(e) => setFresh((f) => ({ ...f, postalTown: e.target.value }))}
              />
            )}
          </Field>
        </>
      ) : null}
      <Field
        id={id('reason')}
        label={labels.reason}
        hint={tx.nominate.reasonHint}
        required
        error={errors.fields.reason}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={RELAY_LIMITS.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <Field id={id('contactName')} label={labels.contactName} error={errors.fields.contactName}>
        {(p) => (
          <input
            {...p}
            type="text"
            autoComplete="off"
            maxLength={LIMITS.name}
            value={contactName}
            onChange={(e) => setContactName(e.target.value)}
          />
        )}
      </Field>
      <Field id={id('inviteEmail')} label={labels.inviteEmail} required error={errors.fields.inviteEmail}>
        {(p) => (
          <input
            {...p}
            type="email"
            autoComplete="off"
            maxLength={LIMITS.email}
            value={inviteEmail}
            onChange={(e) => setInviteEmail(e.target.value)}
          />
        )}
      </Field>
      {consent ? (
        <Choice
          type="checkbox"
          name={`${formId}-show`}
          value="yes"
          checked={show}
          onChange={setShow}
          label={tx.nominate.showPublicly}
        />
      ) : null}
      <div className="form__actions">
        <Button type="submit" busy={busy} busyText={tx.sending}>
          {submitLabel ?? tx.nominate.submit}
        </Button>
      </div>
    </form>
  );
}
