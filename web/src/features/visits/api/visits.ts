import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateVisitBody, UpdateVisitBody, VisitDto, VisitPage } from '@contracts/visits';
import { api, toQuery } from '../../../lib/api';

export type Visit = z.infer<typeof VisitDto>;
export const visitsKey = ['visits'] as const;

export interface VisitFilter {
  scope?: 'mine' | 'all';
  companyId?: string;
  programmeType?: 'sprint' | 'relay';
  programmeId?: string;
  page?: number;
  pageSize?: number;
}

export function listVisits(f: VisitFilter, signal?: AbortSignal): Promise<VisitPage> {
  return api.get(`/api/visits${toQuery({ ...f })}`, signal);
}

export function useVisits(f: VisitFilter) {
  return useQuery({
    queryKey: [...visitsKey, 'list', f],
    queryFn: ({ signal }) => listVisits(f, signal),
    placeholderData: keepPreviousData,
  });
}

export function getVisit(id: string, signal?: AbortSignal): Promise<Visit> {
  return api.get(`/api/visits/${encodeURIComponent(id)}`, signal);
}

export function useVisit(id: string) {
  return useQuery({ queryKey: [...visitsKey, 'one', id], queryFn: ({ signal }) => getVisit(id, signal) });
}

export function createVisit(body: z.input<typeof CreateVisitBody>): Promise<Visit> {
  return api.post('/api/visits', body);
}

export function useCreateVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createVisit,
    onSuccess: () => qc.invalidateQueries({ queryKey: visitsKey }),
  });
}

export function useCancelVisit(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number): Promise<Visit> =>
      api.post(`/api/visits/${encodeURIComponent(id)}/cancel`, { version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: visitsKey }),
  });
}

/** Time, form, place, link and team of a visit outside a programme; `version` is the one read. */
export function useUpdateVisit(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateVisitBody>): Promise<Visit> =>
      api.patch(`/api/visits/${encodeURIComponent(id)}`, body),
    onSuccess: (v) => {
      qc.setQueryData([...visitsKey, 'one', id], v);
      void qc.invalidateQueries({ queryKey: [...visitsKey, 'list'] });
    },
  });
}
