import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useProgress } from '../api/programmes';
import { formatDate, formatDecimal, useTexts } from '../texts';

/** Visits against the goal, the pace over 3/6/12 months, and when the goal is reached. */
export function ProgressPanel({ programmeId }: { programmeId: string }) {
  const { tx, lang } = useTexts();
  const [by, setBy] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const q = useProgress(programmeId, by);
  if (q.isPending) return <Spinner />;
  if (q.isError) return <QueryError error={q.error} />;
  const p = q.data;
  const n = (v: number) => formatDecimal(v, lang);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/.test(draft.trim())) setBy(draft.trim());
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
        <Field id="relay-by" label={tx.progress.dateLabel} hint="ÅÅÅÅ-MM-DD">
          {(props) => (
            <input
              {...props}
              type="text"
              className="input--short"
              inputMode="numeric"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          )}
        </Field>
        <p>
          <Button type="submit" variant="secondary">
            {tx.progress.calc}
          </Button>
        </p>
      </form>
    </>
  );
}
