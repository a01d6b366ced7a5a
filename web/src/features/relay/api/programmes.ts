import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQuery } from '../../../lib/api';
import type {
  Chain,
  Coverage,
  CreateProgrammeInput,
  Programme,
  Projection,
  RelayEvent,
  StalledBaton,
  UpdateProgrammeInput,
} from './types';

export const relayKey = ['relay'] as const;
const programmeKey = (id: string) => [...relayKey, 'programme', id] as const;

export const listProgrammes = (signal?: AbortSignal) =>
  api.get<{ items: Programme[] }>('/api/relay/programmes', signal);

export function useProgrammes() {
  return useQuery({ queryKey: [...relayKey, 'list'], queryFn: ({ signal }) => listProgrammes(signal) });
}

export const getChain = (id: string, signal?: AbortSignal) =>
  api.get<Chain>(`/api/relay/programmes/${id}`, signal);

export function useChain(id: string) {
  return useQuery({ queryKey: programmeKey(id), queryFn: ({ signal }) => getChain(id, signal) });
}

export const getProgress = (id: string, by: string | null, signal?: AbortSignal) =>
  api.get<Projection>(`/api/relay/programmes/${id}/progress${toQuery({ by })}`, signal);

export function useProgress(id: string, by: string | null) {
  return useQuery({
    queryKey: [...programmeKey(id), 'progress', by],
    queryFn: ({ signal }) => getProgress(id, by, signal),
  });
}

export const getCoverage = (id: string, signal?: AbortSignal) =>
  api.get<Coverage>(`/api/relay/programmes/${id}/coverage`, signal);

export function useCoverage(id: string) {
  return useQuery({
    queryKey: [...programmeKey(id), 'coverage'],
    queryFn: ({ signal }) => getCoverage(id, signal),
  });
}

export const getEvents = (id: string, signal?: AbortSignal) =>
  api.get<{ items: RelayEvent[] }>(`/api/relay/programmes/${id}/events`, signal);

export function useEvents(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...programmeKey(id), 'events'],
    queryFn: ({ signal }) => getEvents(id, signal),
    enabled,
  });
}

export const getStalled = (signal?: AbortSignal) =>
  api.get<{ items: StalledBaton[] }>('/api/relay/stalled', signal);

export function useStalled() {
  return useQuery({ queryKey: [...relayKey, 'stalled'], queryFn: ({ signal }) => getStalled(signal) });
}

export function useCreateProgramme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProgrammeInput) => api.post<Programme>('/api/relay/programmes', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: relayKey }),
  });
}

export function useUpdateProgramme(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProgrammeInput) => api.patch<Programme>(`/api/relay/programmes/${id}`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: relayKey }),
  });
}
