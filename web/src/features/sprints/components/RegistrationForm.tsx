import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RegistrationInput, SPRINT_LIMITS } from '@contracts/sprints';
import { parseOrgNr } from '@core/orgnr';
import { Alert } from '../../../components/Alert';
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
  type OwnCheck,
} from '../../../lib/forms';
import { isApiError } from '../../../lib/api';
import { lookupCompany, type PublicSprintData, type RegistrationBody } from '../api/public-registration';
import { useTexts } from '../texts';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'reg';

export interface RegistrationDraft {
  orgNr: string;
  companyName: string;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  contactPhone: string;
  mode: 'digital' | 'physical' | '';
  visitAddress: string;
  slots: string[];
  topics: string[];
  topicsText: string;
  consent: boolean;
  website: string;
}

export const EMPTY_DRAFT: RegistrationDraft = {
  orgNr: '',
  companyName: '',
  contactName: '',
  contactRole: '',
  contactEmail: '',
  contactPhone: '',
  mode: '',
  visitAddress: '',
  slots: [],
  topics: [],
  topicsText: '',
  consent: false,
  website: '',
};

/**
 * The public registration form (also the private page's edit form). Validated with the contract's
 * schema before sending and by the server after; errors beside each field and in a summary that
 * takes focus; nothing typed is lost on an error. Everything shown is React text, never HTML.
 */
export function RegistrationForm({
  sprint,
  initial,
  submitLabel,
  busy,
  lockOrgNr,
  onSubmit,
}: {
  sprint: PublicSprintData;
  initial: RegistrationDraft;
  submitLabel: string;
  busy: boolean;
  lockOrgNr?: boolean;
  /** `saved`: call when the save succeeded (what was sent is then no longer unsaved). */
  onSubmit: (body: RegistrationBody, onError: (err: unknown) => void, saved: () => void) => void;
}) {
  const { t } = useTranslation();
  const { tx, lang } = useTexts();
  const [draft, setDraft] = useState<RegistrationDraft>(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [lookup, setLookup] = useState<{ tone: 'success' | 'info'; text: string } | null>(null);
  /** What the last lookup filled in, taken back if the number is changed after it. */
  const [filled, setFilled] = useState<{ companyName: string; visitAddress: string | null } | null>(null);
  const baseline = useBaseline(draft);
  useLeaveGuard(baseline.dirty);
  const set = <K extends keyof RegistrationDraft>(k: K, v: RegistrationDraft[K]) =>
    setDraft((d) => ({ ...d, [k]: v }));
  const r = tx.reg;

  /**
   * The number checked here, in the form's language (the server checks it again, in Swedish): a
   * wrong check digit is said at once, with the other fields' errors, not after a round trip.
   */
  const orgNrCheck = (value: string): OwnCheck => {
    const parsed = parseOrgNr(value);
    if (parsed.ok || parsed.reason === 'empty') return { paths: [], errors: {} };
    return {
      paths: ['orgNr'],
      errors: { orgNr: `${r.orgNr}: ${lang === 'en' ? parsed.messageEn : parsed.message}` },
    };
  };
  const withoutOrgNrError = (e: FormErrors): FormErrors => {
    const { orgNr: _gone, ...fields } = e.fields;
    return { fields, form: null };
  };
  const changeOrgNr = (value: string) => {
    // A lookup's result belongs to the number it was made for.
    if (lookup) setLookup(null);
    if (filled) {
      setDraft((d) => ({
        ...d,
        orgNr: value,
        companyName: d.companyName === filled.companyName ? '' : d.companyName,
        visitAddress: d.visitAddress === filled.visitAddress ? '' : d.visitAddress,
      }));
      setFilled(null);
    } else set('orgNr', value);
  };

  const labels: Record<string, string> = {
    orgNr: r.orgNr,
    companyName: r.companyName,
    contactName: r.contactName,
    contactRole: r.contactRole,
    contactEmail: r.contactEmail,
    contactPhone: r.contactPhone,
    mode: r.mode,
    visitAddress: r.visitAddress,
    slots: r.slots,
    topics: r.topics,
    topicsText: r.topicsText,
    consent: r.consentLegend,
  };

  const onLookup = async () => {
    setLookup(null);
    if (!draft.orgNr.trim()) return;
    const own = orgNrCheck(draft.orgNr);
    if (own.errors.orgNr) {
      setErrors((e) => ({ fields: { ...e.fields, ...own.errors }, form: null }));
      setSubmits((n) => n + 1);
      return;
    }
    // An error the number had before is gone once it is good enough to look up.
    setErrors(withoutOrgNrError);
    try {
      const c = await lookupCompany(sprint.slug, draft.orgNr);
      const visitAddress = draft.visitAddress || c.visitAddress;
      setDraft((d) => ({ ...d, orgNr: c.orgNr, companyName: c.name, visitAddress }));
      // The address is filled only where none was typed; only what it filled is taken back.
      setFilled({ companyName: c.name, visitAddress: draft.visitAddress ? null : visitAddress });
      setLookup({ tone: 'success', text: r.found(c.name) });
    } catch (err) {
      if (isApiError(err, 404)) setLookup({ tone: 'info', text: r.notFound });
      else {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      }
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const body = {
      ...draft,
      mode: draft.mode || undefined,
      visitAddress: draft.mode === 'physical' ? draft.visitAddress : '',
      consent: draft.consent || undefined,
      lang,
      ...(draft.website ? { website: draft.website } : { website: undefined }),
    };
    const v = validate(RegistrationInput, body, labels, t, lockOrgNr ? undefined : orgNrCheck(draft.orgNr));
    if (!v.ok) {
      const fields = { ...v.errors.fields };
      if (fields.consent) fields.consent = r.consentRequired;
      setErrors({ ...v.errors, fields });
      return;
    }
    setErrors(NO_ERRORS);
    const submitted = draft;
    onSubmit(
      v.data as RegistrationBody,
      (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
      () => baseline.saved(submitted),
    );
  };

  const err = (k: string) => errors.fields[k];
  return (
    <form className="form form--wide" noValidate onSubmit={submit} aria-labelledby="reg-form-title">
      <h2 id="reg-form-title">{r.formTitle}</h2>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />

      <Field label={r.orgNr} id={fieldId(FORM, 'orgNr')} hint={r.orgNrHint} error={err('orgNr')} required>
        {(p) => (
          <div className="sprint-lookup">
            <input
              {...p}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={SPRINT_LIMITS.orgNr}
              value={draft.orgNr}
              readOnly={lockOrgNr}
              onChange={(e) => changeOrgNr(e.target.value)}
            />
            {lockOrgNr ? null : (
              <Button variant="secondary" onClick={() => void onLookup()}>
                {r.lookup}
              </Button>
            )}
          </div>
        )}
      </Field>
      <div role="status" className="sprint-lookup__status">
        {lookup ? (
          <Alert tone={lookup.tone} live={false}>
            {lookup.text}
          </Alert>
        ) : null}
      </div>

      <Field label={r.companyName} id={fieldId(FORM, 'companyName')} error={err('companyName')} required>
        {(p) => (
          <input
            {...p}
            type="text"
            autoComplete="organization"
            maxLength={SPRINT_LIMITS.name}
            value={draft.companyName}
            onChange={(e) => set('companyName', e.target.value)}
          />
        )}
      </Field>
      <Field label={r.contactName} id={fieldId(FORM, 'contactName')} error={err('contactName')} required>
        {(p) => (
          <input
            {...p}
            type="text"
            autoComplete="name"
            maxLength={SPRINT_LIMITS.name}
            value={draft.contactName}
            onChange={(e) => set('contactName', e.target.value)}
          />
        )}
      </Field>
      <Field label={r.contactRole} id={fieldId(FORM, 'contactRole')} error={err('contactRole')}>
        {(p) => (
          <input
            {...p}
            type="text"
            autoComplete="organization-title"
            maxLength={SPRINT_LIMITS.role}
            value={draft.contactRole}
            onChange={(e) => set('contactRole', e.target.value)}
          />
        )}
      </Field>
      <Field label={r.contactEmail} id={fieldId(FORM, 'contactEmail')} error={err('contactEmail')} required>
        {(p) => (
          <input
            {...p}
            type="email"
            autoComplete="email"
            maxLength={SPRINT_LIMITS.email}
            value={draft.contactEmail}
            onChange={(e) => set('contactEmail', e.target.value)}
          />
        )}
      </Field>
      <Field label={r.contactPhone} id={fieldId(FORM, 'contactPhone')} error={err('contactPhone')}>
        {(p) => (
          <input
            {...p}
            type="tel"
            autoComplete="tel"
            maxLength={SPRINT_LIMITS.phone}
            value={draft.contactPhone}
            onChange={(e) => set('contactPhone', e.target.value)}
          />
        )}
      </Field>

      <ChoiceGroup legend={r.mode} error={err('mode')} required id={fieldId(FORM, 'mode')}>
        <Choice
          type="radio"
          id={fieldId(FORM, 'mode')}
          name="mode"
          value="digital"
          checked={draft.mode === 'digital'}
          onChange={() => set('mode', 'digital')}
          label={r.digital}
        />
        <Choice
          type="radio"
          name="mode"
          value="physical"
          checked={draft.mode === 'physical'}
          onChange={() => set('mode', 'physical')}
          label={r.physical}
        />
      </ChoiceGroup>
      {draft.mode === 'physical' ? (
        <Field
          label={r.visitAddress}
          id={fieldId(FORM, 'visitAddress')}
          hint={r.visitAddressHint}
          error={err('visitAddress')}
          required
        >
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="street-address"
              maxLength={SPRINT_LIMITS.address}
              value={draft.visitAddress}
              onChange={(e) => set('visitAddress', e.target.value)}
            />
          )}
        </Field>
      ) : null}

      <ChoiceGroup
        legend={r.slots}
        hint={r.slotsHint}
        error={err('slots')}
        required
        id={fieldId(FORM, 'slots')}
        className="choices--columns"
      >
        {sprint.slots.map((s, i) => (
          <Choice
            key={s.id}
            type="checkbox"
            {...(i === 0 ? { id: fieldId(FORM, 'slots') } : {})}
            name="slots"
            value={s.id}
            checked={draft.slots.includes(s.id)}
            onChange={(on) =>
              set('slots', on ? [...draft.slots, s.id] : draft.slots.filter((x) => x !== s.id))
            }
            label={`${s.start}–${s.end}`}
          />
        ))}
      </ChoiceGroup>

      <ChoiceGroup
        legend={r.topics}
        error={err('topics')}
        id={fieldId(FORM, 'topics')}
        className="choices--columns"
      >
        {sprint.topics.map((tp, i) => (
          <Choice
            key={tp.slug}
            type="checkbox"
            {...(i === 0 ? { id: fieldId(FORM, 'topics') } : {})}
            name="topics"
            value={tp.slug}
            checked={draft.topics.includes(tp.slug)}
            onChange={(on) =>
              set('topics', on ? [...draft.topics, tp.slug] : draft.topics.filter((x) => x !== tp.slug))
            }
            label={
              // The municipality's English label, where its topic list has one; else its Swedish one, marked so.
              lang === 'en' && tp.labelEn ? tp.labelEn : <span lang="sv">{tp.labelSv}</span>
            }
          />
        ))}
      </ChoiceGroup>
      <Field label={r.topicsText} id={fieldId(FORM, 'topicsText')} error={err('topicsText')}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={SPRINT_LIMITS.topicsText}
            value={draft.topicsText}
            onChange={(e) => set('topicsText', e.target.value)}
          />
        )}
      </Field>

      {/* A honeypot: hidden from people and screen readers; a bot that fills it is ignored. */}
      <div className="sprint-honeypot" aria-hidden="true">
        <label htmlFor={fieldId(FORM, 'website')}>{r.honeypot}</label>
        <input
          id={fieldId(FORM, 'website')}
          type="text"
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value={draft.website}
          onChange={(e) => set('website', e.target.value)}
        />
      </div>

      <section className="sprint-privacy" aria-labelledby="privacy-title">
        <h3 id="privacy-title">{r.privacyTitle}</h3>
        <p>{r.privacy(sprint.privacy.controller, sprint.privacy.unit, sprint.privacy.retentionMonths)}</p>
        {sprint.privacy.contact ? <p>{r.privacyContact(sprint.privacy.contact)}</p> : null}
      </section>
      <ChoiceGroup legend={r.consentLegend} error={err('consent')} required id={fieldId(FORM, 'consent')}>
        <Choice
          type="checkbox"
          id={fieldId(FORM, 'consent')}
          name="consent"
          value="yes"
          checked={draft.consent}
          onChange={(on) => set('consent', on)}
          label={r.consent}
        />
      </ChoiceGroup>

      <div className="form__actions">
        <Button type="submit" busy={busy} busyText={r.sending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
