import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api';
import { Alert } from '../../../components/Alert';
import { useTexts } from '../texts';

/** Someone else saved first: say so, and offer to reload the sprint (nothing is overwritten). */
export function StaleAlert({ error }: { error: unknown }) {
  const { tx } = useTexts();
  const qc = useQueryClient();
  if (!(isApiError(error) && error.code === 'STALE')) return null;
  return (
    <Alert tone="warning" title={tx.stale}>
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => void qc.invalidateQueries({ queryKey: ['sprints'] })}
      >
        {tx.reload}
      </button>
    </Alert>
  );
}
