import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateFollowupBody, FollowupDto } from '@contracts/visits';
import { api } from '../../../lib/api';

export type Followup = z.infer<typeof FollowupDto>;

export const visitFollowupsKey = (visitId: string) => ['visits', 'followups', visitId] as const;

export function listVisitFollowups(visitId: string, signal?: AbortSignal): Promise<{ items: Followup[] }> {
  return api.get(`/api/followups?scope=all&visitId=${encodeURIComponent(visitId)}`, signal);
}

export function useVisitFollowups(visitId: string) {
  return useQuery({
    queryKey: visitFollowupsKey(visitId),
    queryFn: ({ signal }) => listVisitFollowups(visitId, signal),
  });
}

export function useCreateFollowup(visitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateFollowupBody>): Promise<Followup> =>
      api.post(`/api/visits/${encodeURIComponent(visitId)}/followups`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['visits'] }),
  });
}

/** For the start page: my open follow-ups (and how many of them are late), and all late ones. */
export function useFollowupCounts() {
  return useQuery({
    queryKey: ['visits', 'followup-counts'],
    queryFn: async ({ signal }) => {
      const [mine, overdue] = await Promise.all([
        api.get<{ items: Followup[] }>('/api/followups?scope=mine', signal),
        api.get<{ items: Followup[] }>('/api/followups?scope=overdue', signal),
      ]);
      const open = mine.items.filter((f) => f.status === 'open' || f.status === 'in_progress');
      return {
        mineOpen: open.length,
        mineOverdue: open.filter((f) => f.overdue).length,
        overdue: overdue.items.length,
      };
    },
  });
}
