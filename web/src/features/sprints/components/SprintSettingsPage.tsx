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

/** /sprintar/:id (admin): the sprint's settings, its public address and opening it. */
export default function SprintSettingsPage() {
  const { tx } = useTexts();
  const { sprint: q } = useSprintPage();
  const update = useUpdateSprint(q.data?.id ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  // The form starts from the sprint as fetched when the page opened (it is keyed by version: a
  // refetch landing later, while someone typed, would start it again).
  if (q.isPending || !q.isFetchedAfterMount) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  const s = q.data;
  const publicUrl = `${window.location.origin}/s/${s.slug}`;
  return (
    <>
      <PageHeading>{s.name}</PageHeading>
      <SprintNav sprint={s} admin />
      <p>
        {tx.status[s.status]}. {tx.publicAddress}: <a href={`/s/${s.slug}`}>{publicUrl}</a>
      </p>
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      <StaleAlert error={update.error} />
      {s.status === 'draft' ? (
        <p>
          <Button
            busy={update.isPending}
            onClick={() => {
              // Opening starts the form again from the sprint as saved: ask before edits go.
              if (hasUnsavedChanges() && !window.confirm(tx.openUnsaved)) return;
              update.mutate(
                { version: s.version, status: 'open' },
                { onSuccess: () => setSaved(tx.status.open) },
              );
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
        onSubmit={(v, onError, saved) =>
          update.mutate(
            { ...v, version: s.version },
            {
              onSuccess: () => {
                saved(false);
                setSaved(tx.saved);
              },
              onError,
            },
          )
        }
      />
    </>
  );
}
