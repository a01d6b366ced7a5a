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
