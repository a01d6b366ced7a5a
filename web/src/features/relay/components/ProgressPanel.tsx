import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { isoDate } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { NO_ERRORS, serverErrors, validate, type FormErrors } from '../../../lib/forms';
import { getProgress, relayKey } from '../api/programmes';
import type { Projection } from '../api/types';
import { formatDate, formatDecimal, useTexts } from '../texts';

const ByDate = z.object({ by: isoDate });

/**
 * Visits against the goal, the pace over 3/6/12 months, and when the goal is reached. The date to
 * work the needed pace out for is asked in a form that stays while it is worked out (the figures
 * before stay shown, and the button pressed keeps focus), and a date that is none is said so
 * beside the field; a refusal from the server is shown beside the form, which stays to be used.
 */
export function ProgressPanel({ programmeId }: { programmeId: string }) {
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const [by, setBy] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [own, setOwn] = useState<FormErrors>(NO_ERRORS);
  const input = useRef<HTMLInputElement>(null);
  // The key is the one useProgress uses (under the programme's, so its changes refresh it).
  const q = useQuery({
    queryKey: [...relayKey, 'programme', programmeId, 'progress', by],
    queryFn: ({ signal }) => getProgress(programmeId, by, signal),
    placeholderData: keepPreviousData,
  });
  // The figures last shown: kept when working out another date fails.
  const [shown, setShown] = useState<Projection | undefined>(undefined);
  if (q.data && !q.isPlaceholderData && q.data !== shown) setShown(q.data);
  const p = q.data ?? shown;
  if (!p) return q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : <Spinner />;

  const labels = { by: tx.progress.dateLabel };
  const server = q.isError ? serverErrors(q.error, labels, t) : NO_ERRORS;
  const fieldError = own.fields.by ?? server.fields.by;
  const n = (v: number) => formatDecimal(v, lang);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = validate(ByDate, { by: draft.trim() }, labels, t);
    if (!r.ok) {
      setOwn(r.errors);
      // The error is beside the field: there, a screen reader reads it with the field's name.
      input.current?.focus();
      return;
    }
    setOwn(NO_ERRORS);
    if (r.data.by === by) void q.refetch();
    else setBy(r.data.by);
  };
  return (
    <>
      <ProgressBar
        id="relay-progress"
        label={tx.progress.done}
        value={p.goal ? Math.min(p.done / p.goal, 1) : 0}
        text={tx.visitsOfGoal(p.done, p.goal)}
      />
      <dl className="facts">
        <dt>{tx.progress.pace}</dt>
        <dd>{p.pace.map((x) => `${n(x.perMonth)} (${tx.progress.months(x.months)})`).join(' · ')}</dd>
        <dt>{tx.progress.target}</dt>
        <dd>{n(p.targetPace)}</dd>
        <dt>{tx.progress.projected}</dt>
        <dd>
          {p.remaining === 0
            ? tx.progress.reached
            : p.projectedDate
              ? `${formatDate(p.projectedDate, lang)} (${tx.progress.years(n(p.projectedYears ?? 0))})`
              : tx.progress.never}
        </dd>
        <dt>{tx.progress.atTarget}</dt>
        <dd>{p.targetPaceDate ? formatDate(p.targetPaceDate, lang) : '–'}</dd>
        {p.byDate ? (
          <>
            <dt>
              {tx.progress.needed} {tx.progress.byDate} {formatDate(p.byDate, lang)}
            </dt>
            <dd>
              {p.neededPace === null
                ? '–'
                : p.neededPace < 0
                  ? tx.progress.passed
                  : tx.progress.neededValue(n(p.neededPace))}
            </dd>
          </>
        ) : null}
      </dl>
      <form className="search" onSubmit={submit} noValidate>
        <Field id="relay-by" label={tx.progress.dateLabel} hint={tx.progress.dateHint} error={fieldError}>
          {(props) => (
            <input
              {...props}
              ref={input}
              type="text"
              className="input--short"
              inputMode="numeric"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          )}
        </Field>
        <p>
          <Button
            type="submit"
            variant="secondary"
            busy={q.isFetching && q.isPlaceholderData}
            busyText={tx.loading}
          >
            {tx.progress.calc}
          </Button>
        </p>
      </form>
      {server.form ? (
        <Alert tone="error">
          <p>{server.form}</p>
          <button type="button" className="btn btn--secondary" onClick={() => void q.refetch()}>
            {t('common.retry')}
          </button>
        </Alert>
      ) : null}
    </>
  );
}
