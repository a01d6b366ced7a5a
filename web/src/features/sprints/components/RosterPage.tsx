import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RosterBody, SPRINT_LIMITS } from '@contracts/sprints';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { errorAria, FieldError } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { useParticipants, useSaveRoster } from '../api/sprints';
import { useStaff } from '../api/lookups';
import { useTexts } from '../texts';
import { SprintNav } from './SprintNav';
import { StaleAlert } from './StaleAlert';
import { useSprintPage } from './useSprintPage';
import '../sprints.css';
import { isApiError } from '../../../lib/api';
import {
  NO_ERRORS,
  fieldId,
  serverErrors,
  summaryItems,
  validate,
  type FieldLabels,
  type FormErrors,
} from '../../../lib/forms';

const FORM = 'roster';

/**
 * Errors at the contract's paths (`participants.0.maxVisits`, by place in the list sent) keyed by
 * the person instead (`<userId>.maxVisits`), so each stays beside its own row when someone is
 * ticked or unticked before the next save.
 */
function byPerson(errors: FormErrors, sent: string[]): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const [k, v] of Object.entries(errors.fields)) {
    const m = /^participants\.(\d+)(\..*)?$/.exec(k);
    const uid = m ? sent[Number(m[1])] : undefined;
    fields[uid ? `${uid}${m![2] ?? ''}` : k] = v;
  }
  return { fields, form: errors.form };
}

interface Row {
  on: boolean;
  available: string[];
  maxVisits: string;
}

/**
 * /sprintar/:id/deltagare (admin): who takes part, when, and how many visits at most. Active staff
 * may be added; someone deactivated since they joined is shown, marked, and stays until the admin
 * unticks them (the server keeps them, and never takes them on anew). A participant who has only
 * read access now cannot stay: the page says so, before the save that takes them off.
 */
export default function RosterPage() {
  const { t } = useTranslation();
  const { tx } = useTexts();
  const { id, sprint: q } = useSprintPage();
  const staff = useStaff();
  const roster = useParticipants(id);
  const save = useSaveRoster(id);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [saved, setSaved] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);

  useEffect(() => {
    if (!roster.data || !staff.data || !q.data) return;
    const next: Record<string, Row> = {};
    for (const s of staff.data.items) {
      const p = roster.data.items.find((x) => x.userId === s.id);
      next[s.id] = p
        ? { on: true, available: p.available, maxVisits: p.maxVisits === null ? '' : String(p.maxVisits) }
        : { on: false, available: q.data.slots.map((x) => x.id), maxVisits: '' };
    }
    setRows(next);
  }, [roster.data, staff.data, q.data]);

  if (q.isPending || staff.isPending || roster.isPending) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  if (staff.isError) return <QueryError page error={staff.error} />;
  if (roster.isError) return <QueryError page error={roster.error} />;
  const s = q.data;
  const onRoster = new Set(roster.data.items.map((p) => p.userId));
  // Who can be chosen: active staff, and those on the roster already though deactivated since.
  const people = staff.data.items.filter((p) => p.role !== 'viewer' && (p.active || onRoster.has(p.id)));
  const inactive = people.filter((p) => !p.active);
  // On the roster, but readers now: the server takes no reader, so saving takes them off.
  const readers = staff.data.items.filter((p) => p.role === 'viewer' && onRoster.has(p.id));
  const marked = (p: (typeof people)[number]) => (p.active ? p.name : `${p.name} (${tx.roster.inactive})`);
  const setRow = (uid: string, patch: Partial<Row>) =>
    setRows((r) => ({ ...r, [uid]: { ...r[uid]!, ...patch } }));
  // Each row's field by person (for the summary's order and links), and the same fields by their
  // place in the list sent (the contract's paths), named as a screen reader names the input.
  const labels: FieldLabels = Object.fromEntries(
    people.flatMap((p) => [
      [p.id, tx.roster.takesPart(p.name)],
      [`${p.id}.maxVisits`, tx.roster.maxVisits(p.name)],
    ]),
  );
  const onSave = () => {
    setSaved(false);
    setSubmits((n) => n + 1);
    const taking = people.filter((p) => rows[p.id]?.on);
    const sent = taking.map((p) => p.id);
    const sentLabels: FieldLabels = Object.fromEntries(
      taking.flatMap((p, i) => [
        [`participants.${i}`, tx.roster.takesPart(p.name)],
        [`participants.${i}.maxVisits`, tx.roster.maxVisits(p.name)],
      ]),
    );
    const participants = taking.map((p) => ({
      userId: p.id,
      available: rows[p.id]!.available,
      maxVisits: rows[p.id]!.maxVisits.trim() === '' ? null : Number(rows[p.id]!.maxVisits),
    }));
    const v = validate(RosterBody, { version: s.version, participants }, sentLabels, t);
    if (!v.ok) return setErrors(byPerson(v.errors, sent));
    setErrors(NO_ERRORS);
    save.mutate(
      { version: s.version, participants },
      {
        onSuccess: () => setSaved(true),
        onError: (err) => {
          // Someone else saved first: the stale alert says so and offers to reload.
          if (isApiError(err) && err.code === 'STALE') return;
          setErrors(byPerson(serverErrors(err, sentLabels, t), sent));
          setSubmits((n) => n + 1);
        },
      },
    );
  };
  return (
    <>
      <PageHeading>{`${tx.roster.title}: ${s.name}`}</PageHeading>
      <SprintNav sprint={s} admin />
      <p className="page-intro">{tx.roster.intro}</p>
      {saved ? <Alert tone="success">{tx.roster.saved}</Alert> : null}
      <StaleAlert error={save.error} />
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      {inactive.length || readers.length ? (
        <Alert tone="warning" live={false} title={tx.roster.noLongerTitle}>
          <ul>
            {inactive.map((p) => (
              <li key={p.id}>{marked(p)}</li>
            ))}
            {readers.map((p) => (
              <li key={p.id}>{`${p.name} (${tx.roster.viewer})`}</li>
            ))}
          </ul>
          {inactive.length ? <p>{tx.roster.inactiveNote}</p> : null}
          {readers.length ? <p>{tx.roster.viewerNote}</p> : null}
        </Alert>
      ) : null}
      <TableWrap label={tx.roster.caption}>
        <table>
          <caption className="visually-hidden">{tx.roster.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{tx.roster.person}</th>
              {s.slots.map((sl) => (
                <th scope="col" key={sl.id}>
                  {sl.start}
                </th>
              ))}
              <th scope="col">Max</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => {
              const row = rows[p.id];
              if (!row) return null;
              const maxId = fieldId(FORM, `${p.id}.maxVisits`);
              const maxError = errors.fields[`${p.id}.maxVisits`];
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <input
                      type="checkbox"
                      id={fieldId(FORM, p.id)}
                      checked={row.on}
                      onChange={(e) => setRow(p.id, { on: e.target.checked })}
                    />{' '}
                    <label htmlFor={fieldId(FORM, p.id)}>
                      <span className="visually-hidden">{tx.roster.takesPart(p.name)}: </span>
                      {marked(p)}
                    </label>
                    <div className="muted">{tx.groups[p.group]}</div>
                  </th>
                  {s.slots.map((sl) => (
                    <td key={sl.id}>
                      <input
                        type="checkbox"
                        aria-label={tx.roster.available(p.name, `${sl.start}–${sl.end}`)}
                        disabled={!row.on}
                        checked={row.available.includes(sl.id)}
                        onChange={(e) =>
                          setRow(p.id, {
                            available: e.target.checked
                              ? [...row.available, sl.id]
                              : row.available.filter((x) => x !== sl.id),
                          })
                        }
                      />
                    </td>
                  ))}
                  <td>
                    {maxError ? <FieldError controlId={maxId}>{maxError}</FieldError> : null}
                    <input
                      type="number"
                      id={maxId}
                      min={0}
                      max={SPRINT_LIMITS.slots}
                      className="sprint-max"
                      aria-label={tx.roster.maxVisits(p.name)}
                      {...errorAria(maxId, maxError)}
                      disabled={!row.on}
                      value={row.maxVisits}
                      onChange={(e) => setRow(p.id, { maxVisits: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <Button busy={save.isPending} onClick={onSave}>
          {tx.roster.save}
        </Button>
      </p>
    </>
  );
}
