import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { hasUnsavedChanges } from '../../../lib/unsaved';
import { useUpdateSprint } from '../api/sprints';
import { useTexts } from '../texts';
import { SprintNav } from './SprintNav';
import { SprintSettingsForm } from './SprintSettingsForm';
import { useSprintPage } from './useSprintPage';
import { StaleAlert } from './StaleAlert';
import '../sprints.css';

/**
 * /sprintar/:id (admin): the sprint's settings, its public address and opening it. Saving starts
 * the form again (it is keyed by version) and opening takes its button away: either way what had
 * focus is gone, so the page's heading takes it (`focusKey`) and the outcome is said under it.
 */
export default function SprintSettingsPage() {
  const { tx } = useTexts();
  const { sprint: q } = useSprintPage();
  const update = useUpdateSprint(q.data?.id ?? '');
  // What was done last, and how many times: each success moves focus to the heading and says it
  // again (the same words twice, two saves, are two announcements).
  const [saved, setSaved] = useState<{ message: string; count: number }>({ message: '', count: 0 });
  const done = (message: string) => setSaved((x) => ({ message, count: x.count + 1 }));
  // A new attempt takes the last outcome away: it is not what this one did.
  const clear = () => setSaved((x) => ({ ...x, message: '' }));
  // The form starts from the sprint as fetched when the page opened (it is keyed by version: a
  // refetch landing later, while someone typed, would start it again).
  if (q.isPending || !q.isFetchedAfterMount) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  const s = q.data;
  const publicUrl = `${window.location.origin}/s/${s.slug}`;
  return (
    <>
      <PageHeading focusKey={saved.count}>{s.name}</PageHeading>
      <SprintNav sprint={s} admin />
      <p>
        {tx.status[s.status]}. {tx.publicAddress}: <a href={`/s/${s.slug}`}>{publicUrl}</a>
      </p>
      {saved.message ? (
        <Alert key={saved.count} tone="success">
          {saved.message}
        </Alert>
      ) : null}
      <StaleAlert error={update.error} />
      {s.status === 'draft' ? (
        <p>
          <Button
            busy={update.isPending}
            onClick={() => {
              // Opening starts the form again from the sprint as saved: ask before edits go.
              if (hasUnsavedChanges() && !window.confirm(tx.openUnsaved)) return;
              clear();
              update.mutate({ version: s.version, status: 'open' }, { onSuccess: () => done(tx.opened) });
            }}
          >
            {tx.openForRegistration}
          </Button>
        </p>
      ) : null}
      <h2>{tx.tabs.settings}</h2>
      <SprintSettingsForm
        key={s.version}
        sprint={s}
        busy={update.isPending}
        submitLabel={tx.save}
        onSubmit={(v, onError, saved) => {
          clear();
          update.mutate(
            { ...v, version: s.version },
            {
              onSuccess: () => {
                saved(false);
                done(tx.saved);
              },
              onError,
            },
          );
        }}
      />
    </>
  );
}
