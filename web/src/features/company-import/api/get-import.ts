import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportRun } from '@contracts/companies';
import { api } from '../../../lib/api';

export type ImportRunDto = z.infer<typeof ImportRun>;

export function getImport(id: string, signal?: AbortSignal): Promise<ImportRunDto> {
  return api.get(`/api/companies/imports/${encodeURIComponent(id)}`, signal);
}

/** The reject file's address; a plain link downloads it with the session cookie. */
export function rejectsUrl(id: string): string {
  return `/api/companies/imports/${encodeURIComponent(id)}/rejects`;
}

/** An import run, asked for again every ¾ s while it runs. When it ends, the register's lists are stale. */
export function useImportRun(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['imports', id],
    queryFn: async ({ signal }) => {
      const run = await getImport(id, signal);
      if (run.status !== 'running') void qc.invalidateQueries({ queryKey: ['companies'] });
      return run;
    },
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 750 : false),
  });
}

/** The latest imports, newest first; asked for again every 2 s while one of them runs. */
export function useImportRuns() {
  return useQuery({
    queryKey: ['imports', 'latest'],
    queryFn: ({ signal }) => api.get<{ items: ImportRunDto[] }>('/api/companies/imports', signal),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
  });
}
