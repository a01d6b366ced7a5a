import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useParticipants, useSaveMyAvailability } from '../api/sprints';
import { useTexts } from '../texts';
import { SprintNav } from './SprintNav';
import { StaleAlert } from './StaleAlert';
import { isApiError } from '../../../lib/api';
import { useSprintPage } from './useSprintPage';
import '../sprints.css';
import { swedish } from '../../../lib/forms';

/** /sprintar/:id/mina-tider: a participant sets their own availability. */
export default function MyTimesPage() {
  const { tx } = useTexts();
  const { id, sprint: q, me, admin } = useSprintPage();
  const roster = useParticipants(id);
  const save = useSaveMyAvailability(id);
  const [available, setAvailable] = useState<string[]>([]);
  const [max, setMax] = useState('');
  const [saved, setSaved] = useState(false);
  const mine = roster.data?.items.find((p) => p.userId === me?.id);
  // The form starts from what is stored, and again only when that changes (a refetch of the same
  // roster keeps what is being ticked).
  const stored = mine ? JSON.stringify([mine.available, mine.maxVisits]) : '';
  const [shown, setShown] = useState('');
  if (mine && stored !== shown) {
    setShown(stored);
    setAvailable(mine.available);
    setMax(mine.maxVisits === null ? '' : String(mine.maxVisits));
  }
  if (q.isPending || roster.isPending) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  if (roster.isError) return <QueryError page error={roster.error} />;
  const s = q.data;
  return (
    <>
      <PageHeading>{`${tx.mine.title}: ${s.name}`}</PageHeading>
      <SprintNav sprint={s} admin={admin} />
      {!mine ? (
        <p>{tx.mine.notOnRoster}</p>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            save.mutate(
              { version: s.version, available, maxVisits: max === '' ? null : Number(max) },
              { onSuccess: () => setSaved(true) },
            );
          }}
        >
          {saved ? <Alert tone="success">{tx.mine.saved}</Alert> : null}
          <StaleAlert error={save.error} />
          {save.isError && !(isApiError(save.error) && save.error.code === 'STALE') ? (
            <Alert tone="error" title={swedish(save.error.message)}>
              <ul>
                {((save.error as { details?: Array<{ path: string; message: string }> }).details ?? []).map(
                  (d, i) => (
                    <li key={i}>
                      {d.path}: {d.message}
                    </li>
                  ),
                )}
              </ul>
            </Alert>
          ) : null}
          <ChoiceGroup legend={tx.mine.intro}>
            {s.slots.map((sl) => (
              <Choice
                key={sl.id}
                type="checkbox"
                name="available"
                value={sl.id}
                checked={available.includes(sl.id)}
                onChange={(on) =>
                  setAvailable(on ? [...available, sl.id] : available.filter((x) => x !== sl.id))
                }
                label={`${sl.start}–${sl.end}`}
              />
            ))}
          </ChoiceGroup>
          <Field label={tx.mine.maxVisits}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={24}
                value={max}
                onChange={(e) => setMax(e.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <Button type="submit" busy={save.isPending}>
              {tx.mine.save}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
