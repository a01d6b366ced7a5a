import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingLinkBody, PositionBody, SPRINT_LIMITS } from '@contracts/sprints';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { LiveStatus } from '../../../components/LiveStatus';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { useRegistrations, useSetMeetingLink, useSetPosition, type RegistrationData } from '../api/sprints';
import { formatOrgNr } from '../../../lib/format';
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

type Position = { lat: number; lon: number };

/** A position as the table shows it (and the status line says it). */
const shown = (p: Position) => `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;

/** An on-site visit still to be planned, without a position to work out travel times from. */
const lacksPosition = (r: RegistrationData) => !r.withdrawn && r.mode === 'physical' && !r.position;

/**
 * /sprintar/:id/anmalningar (admin): who registered, and positions for on-site visits: set where
 * one is missing, changed where it is wrong. A saved position takes its form away: focus goes to
 * the heading of those still missing one (the next form follows it), or else to the visit's
 * "change" button in the table beside the new value, and the status line says what was saved.
 */
export default function RegistrationsPage() {
  const { tx } = useTexts();
  const { id, sprint: q } = useSprintPage();
  const regs = useRegistrations(id);
  // The registration whose position form is open in the table.
  const [editing, setEditing] = useState<string | null>(null);
  const [said, setSaid] = useState({ message: '', key: 0 });
  // A position saved, whose form has gone or goes once the list is fetched again with it.
  const [focusAfter, setFocusAfter] = useState<{
    id: string;
    updatedAt: string;
    from: 'missing' | 'table';
  } | null>(null);
  useEffect(() => {
    if (!focusAfter || !regs.data) return;
    const r = regs.data.items.find((x) => x.id === focusAfter.id);
    // The list from before the save is still shown: wait for the one with it.
    if (r && r.updatedAt < focusAfter.updatedAt) return;
    setFocusAfter(null);
    const more = focusAfter.from === 'missing' && regs.data.items.some(lacksPosition);
    document.getElementById(more ? 'missing-title' : `pos-change-${focusAfter.id}`)?.focus();
  }, [focusAfter, regs.data]);
  if (q.isPending || regs.isPending) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  if (regs.isError) return <QueryError page error={regs.error} />;
  const s = q.data;
  const items = regs.data.items;
  const missing = items.filter(lacksPosition);
  const saved = (from: 'missing' | 'table') => (r: RegistrationData) => {
    if (from === 'table') setEditing(null);
    setSaid((x) => ({
      message: r.position ? tx.regs.positionSaved(r.companyName, shown(r.position)) : '',
      key: x.key + 1,
    }));
    setFocusAfter({ id: r.id, updatedAt: r.updatedAt, from });
  };
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
          <h2 id="missing-title" tabIndex={-1}>
            {tx.regs.missingTitle}
          </h2>
          <p>{tx.regs.missingIntro}</p>
          {missing.map((r) => (
            <PositionForm key={r.id} sprintId={id} reg={r} onSaved={saved('missing')} />
          ))}
        </section>
      ) : null}
      <LiveStatus message={said.message} sayKey={said.key} />
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
                      {formatOrgNr(r.orgNr)}
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
                  <td>
                    {r.position ? shown(r.position) : '–'}
                    {r.position && !r.withdrawn && r.mode === 'physical' ? (
                      <>
                        <div>
                          <Button
                            id={`pos-change-${r.id}`}
                            variant="secondary"
                            className="btn--small"
                            aria-expanded={editing === r.id}
                            aria-controls={editing === r.id ? `pos-edit-${r.id}` : undefined}
                            onClick={() => setEditing(editing === r.id ? null : r.id)}
                          >
                            {tx.regs.changePosition}
                            <span className="visually-hidden">
                              {' '}
                              {tx.regs.changePositionFor(r.companyName)}
                            </span>
                          </Button>
                        </div>
                        {editing === r.id ? (
                          <PositionForm
                            sprintId={id}
                            reg={r}
                            initial={r.position}
                            onSaved={saved('table')}
                            onCancel={() => {
                              setEditing(null);
                              document.getElementById(`pos-change-${r.id}`)?.focus();
                            }}
                          />
                        ) : null}
                      </>
                    ) : null}
                  </td>
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

/**
 * The position of an on-site visit, checked with the route's contract (PositionBody): a missing
 * one, or (`initial`) the one it has, to correct, in the table with a way back (`onCancel`).
 * `onSaved` is told of the save even when the form is gone by then (the list fetched again without
 * it), so the page can say it and put focus somewhere.
 */
function PositionForm({
  sprintId,
  reg,
  initial,
  onSaved,
  onCancel,
}: {
  sprintId: string;
  reg: RegistrationData;
  initial?: Position;
  onSaved: (saved: RegistrationData) => void;
  onCancel?: () => void;
}) {
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const set = useSetPosition(sprintId);
  // As typed in the page's language: "58,28" in Swedish.
  const typed = (x: number | undefined) =>
    x === undefined ? '' : lang === 'sv' ? String(x).replace('.', ',') : String(x);
  const [lat, setLat] = useState(typed(initial?.lat));
  const [lon, setLon] = useState(typed(initial?.lon));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const form = initial ? `pos-edit-${reg.id}` : `pos-${reg.id}`;
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
    // The promise, not mutate's callbacks: those are not called once the form is gone.
    set.mutateAsync({ registration: reg.id, ...v.data }).then(onSaved, (err: unknown) => {
      setErrors(serverErrors(err, labels, t));
      setSubmits((n) => n + 1);
    });
  };
  const id = (k: string) => fieldId(form, k);
  return (
    <form
      id={initial ? form : undefined}
      noValidate
      onSubmit={submit}
      aria-label={`${reg.companyName}, ${reg.visitAddress}`}
    >
      {initial ? null : (
        <p>
          <strong>{reg.companyName}</strong>, {reg.visitAddress}
        </p>
      )}
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
        {onCancel ? (
          <Button variant="link" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
