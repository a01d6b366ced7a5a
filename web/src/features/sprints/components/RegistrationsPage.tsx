import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingLinkBody, PositionBody, SPRINT_LIMITS } from '@contracts/sprints';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { useRegistrations, useSetMeetingLink, useSetPosition, type RegistrationData } from '../api/sprints';
import { useTexts } from '../texts';
import { SprintNav } from './SprintNav';
import { useSprintPage } from './useSprintPage';
import '../sprints.css';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FieldLabels,
  type FormErrors,
} from '../../../lib/forms';

/** /sprintar/:id/anmalningar (admin): who registered, and positions for on-site visits that lack one. */
export default function RegistrationsPage() {
  const { tx } = useTexts();
  const { id, sprint: q } = useSprintPage();
  const regs = useRegistrations(id);
  if (q.isPending || regs.isPending) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  if (regs.isError) return <QueryError page error={regs.error} />;
  const s = q.data;
  const items = regs.data.items;
  const missing = items.filter((r) => !r.withdrawn && r.mode === 'physical' && !r.position);
  const slotText = (ids: string[]) =>
    s.slots
      .filter((x) => ids.includes(x.id))
      .map((x) => x.start)
      .join(', ');
  return (
    <>
      <PageHeading>{`${tx.regs.title}: ${s.name}`}</PageHeading>
      <SprintNav sprint={s} admin />
      {missing.length ? (
        <section aria-labelledby="missing-title">
          <h2 id="missing-title">{tx.regs.missingTitle}</h2>
          <p>{tx.regs.missingIntro}</p>
          {missing.map((r) => (
            <PositionForm key={r.id} sprintId={id} reg={r} />
          ))}
        </section>
      ) : null}
      {items.length === 0 ? <p>{tx.regs.none}</p> : null}
      {items.length ? (
        <TableWrap label={tx.regs.caption}>
          <table>
            <caption>{tx.regs.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{tx.regs.company}</th>
                <th scope="col">{tx.regs.contact}</th>
                <th scope="col">{tx.regs.mode}</th>
                <th scope="col">{tx.regs.slots}</th>
                <th scope="col">{tx.regs.position}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.companyName}
                    <div className="muted">
                      {r.orgNr}
                      {r.verified ? '' : ` (${tx.regs.unverified})`}
                      {r.withdrawn ? ` – ${tx.regs.withdrawn}` : ''}
                    </div>
                  </td>
                  <td>
                    {r.contactName}
                    {r.contactRole ? `, ${r.contactRole}` : ''}
                    <div className="muted">
                      {r.contactEmail} {r.contactPhone}
                    </div>
                  </td>
                  <td>
                    {tx.modes[r.mode]}
                    {r.mode === 'physical' ? (
                      <div className="muted">{r.visitAddress}</div>
                    ) : (
                      <LinkForm sprintId={id} reg={r} />
                    )}
                  </td>
                  <td>{slotText(r.slots)}</td>
                  <td>{r.position ? `${r.position.lat.toFixed(4)}, ${r.position.lon.toFixed(4)}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}

/** A digital visit's own meeting link (else the sprint's template is used). */
function LinkForm({ sprintId, reg }: { sprintId: string; reg: RegistrationData }) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const set = useSetMeetingLink(sprintId);
  const [link, setLink] = useState(reg.meetingLink);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [refusals, setRefusals] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // One field in a table cell: its error moves focus to the field (once the error describes it).
  useEffect(() => {
    if (refusals) input.current?.focus();
  }, [refusals]);
  const form = `link-${reg.id}`;
  const labels: FieldLabels = { meetingLink: tx.fields.visitLink(reg.companyName) };
  const shown = (next: FormErrors) => {
    setErrors(next);
    if (next.fields.meetingLink) setRefusals((n) => n + 1);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(MeetingLinkBody, { meetingLink: link, updatedAt: reg.updatedAt }, labels, t);
    if (!v.ok) return shown(v.errors);
    setErrors(NO_ERRORS);
    set.mutate(
      { registration: reg.id, ...v.data },
      { onError: (err) => shown(serverErrors(err, labels, t)) },
    );
  };
  return (
    <form className="sprint-inline" noValidate onSubmit={submit}>
      <Field
        id={fieldId(form, 'meetingLink')}
        label={labels.meetingLink}
        hint={tx.fields.visitLinkHint}
        error={errors.fields.meetingLink}
      >
        {(p) => (
          <input
            {...p}
            ref={input}
            type="url"
            autoComplete="off"
            maxLength={SPRINT_LIMITS.link}
            value={link}
            onChange={(e) => setLink(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" className="btn--small" busy={set.isPending}>
        {tx.fields.saveLink}
      </Button>
      {set.isSuccess ? <span role="status">✓</span> : null}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
    </form>
  );
}

/**
 * A coordinate as typed: "58,28" (Swedish decimal comma) or "58.28"; empty or anything else than
 * a plain decimal number (not "1e3", "0x10" or "Infinity", which Number() would take) is refused.
 */
function parseCoordinate(text: string): number | 'empty' | 'invalid' {
  const s = text.trim().replace(/^[−–]/, '-');
  if (!s) return 'empty';
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return 'invalid';
  return Number(s.replace(',', '.'));
}

/** The position of an on-site visit, checked with the route's contract (PositionBody). */
function PositionForm({ sprintId, reg }: { sprintId: string; reg: RegistrationData }) {
  const { tx } = useTexts();
  const { t } = useTranslation();
  const set = useSetPosition(sprintId);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const form = `pos-${reg.id}`;
  const labels = { lat: tx.regs.lat(reg.companyName), lon: tx.regs.lon(reg.companyName) };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const typed = { lat: parseCoordinate(lat), lon: parseCoordinate(lon) };
    const own: FormErrors['fields'] = {};
    for (const k of ['lat', 'lon'] as const) {
      if (typed[k] === 'empty') own[k] = t('forms.required', { label: labels[k] });
      else if (typed[k] === 'invalid') own[k] = tx.regs.notNumber(labels[k]);
    }
    const num = (x: number | 'empty' | 'invalid') => (typeof x === 'number' ? x : undefined);
    const v = validate(
      PositionBody,
      { lat: num(typed.lat), lon: num(typed.lon), updatedAt: reg.updatedAt },
      labels,
      t,
    );
    if (!v.ok) return setErrors({ ...v.errors, fields: { ...v.errors.fields, ...own } });
    setErrors(NO_ERRORS);
    set.mutate(
      { registration: reg.id, ...v.data },
      {
        onError: (err) => {
          setErrors(serverErrors(err, labels, t));
          setSubmits((n) => n + 1);
        },
      },
    );
  };
  const id = (k: string) => fieldId(form, k);
  return (
    <form noValidate onSubmit={submit} aria-label={`${reg.companyName}, ${reg.visitAddress}`}>
      <p>
        <strong>{reg.companyName}</strong>, {reg.visitAddress}
      </p>
      <ErrorSummary items={summaryItems(errors, form, labels)} focusKey={submits} />
      <div className="sprint-inline">
        {(
          [
            ['lat', lat, setLat, tx.regs.latHint],
            ['lon', lon, setLon, tx.regs.lonHint],
          ] as const
        ).map(([k, value, setValue, hint]) => (
          <Field key={k} id={id(k)} label={labels[k]} hint={hint} required error={errors.fields[k]}>
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                className="input--short"
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            )}
          </Field>
        ))}
        <Button type="submit" variant="secondary" busy={set.isPending}>
          {tx.regs.setPosition}
        </Button>
      </div>
    </form>
  );
}
