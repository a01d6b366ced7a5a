import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FailedJobPage, OutboxProblemPage, RequeueResult } from '@contracts/mail';
import { api, toQuery } from '../../../lib/api';

export const outboxQueryKey = ['outbox'] as const;

/** Messages that failed for good or wait to be tried again, newest first (admins). */
export function useOutboxProblems(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...outboxQueryKey, 'problems', page, pageSize],
    queryFn: ({ signal }) =>
      api.get<OutboxProblemPage>(`/api/outbox/problems${toQuery({ page, pageSize })}`, signal),
    placeholderData: keepPreviousData,
  });
}

/** Background jobs that used their tries, newest first (admins). */
export function useFailedJobs(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...outboxQueryKey, 'jobs', page, pageSize],
    queryFn: ({ signal }) =>
      api.get<FailedJobPage>(`/api/outbox/failed-jobs${toQuery({ page, pageSize })}`, signal),
    placeholderData: keepPreviousData,
  });
}

/** "Försök igen": the message is queued again and sent at once when the server can. */
export function useRequeue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RequeueResult>(`/api/outbox/${encodeURIComponent(id)}/requeue`),
    onSettled: () => qc.invalidateQueries({ queryKey: outboxQueryKey }),
  });
}
