import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FollowupDto, UpdateFollowupBody } from '@contracts/visits';
import { api } from '../../../lib/api';

export type Followup = z.infer<typeof FollowupDto>;
export type Scope = 'mine' | 'open' | 'overdue';

export const followupsKey = ['followups'] as const;

export function useFollowups(scope: Scope) {
  return useQuery({
    queryKey: [...followupsKey, 'list', scope],
    queryFn: ({ signal }) => api.get<{ items: Followup[] }>(`/api/followups?scope=${scope}`, signal),
  });
}

export function useFollowup(id: string) {
  return useQuery({
    queryKey: [...followupsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Followup>(`/api/followups/${encodeURIComponent(id)}`, signal),
  });
}

export function useUpdateFollowup(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateFollowupBody>): Promise<Followup> =>
      api.patch(`/api/followups/${encodeURIComponent(id)}`, body),
    onSuccess: (f) => {
      qc.setQueryData([...followupsKey, 'one', id], f);
      void qc.invalidateQueries({ queryKey: [...followupsKey, 'list'] });
      // The visit pages show follow-ups too.
      void qc.invalidateQueries({ queryKey: ['visits'] });
    },
    onError: () => qc.invalidateQueries({ queryKey: [...followupsKey, 'one', id] }),
  });
}
