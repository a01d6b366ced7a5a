import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdminRegistration,
  Board,
  CreateSprintBody,
  DayPage,
  MyAvailabilityBody,
  Participant,
  PublishResult,
  RosterBody,
  Sprint,
  UpdateSprintBody,
} from '@contracts/sprints';
import { api } from '../../../lib/api';

export type SprintData = z.infer<typeof Sprint>;
export type BoardData = z.infer<typeof Board>;
export type ParticipantData = z.infer<typeof Participant>;
export type RegistrationData = z.infer<typeof AdminRegistration>;
export type DayData = z.infer<typeof DayPage>;

const key = (id?: string) => (id ? ['sprints', id] : ['sprints']);

export function useSprints() {
  return useQuery({
    queryKey: key(),
    queryFn: ({ signal }) => api.get<{ items: SprintData[] }>('/api/sprints', signal),
  });
}

export function useSprint(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: ({ signal }) => api.get<SprintData>(`/api/sprints/${id}`, signal),
  });
}

export function useCreateSprint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateSprintBody>) => api.post<SprintData>('/api/sprints', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: key() }),
  });
}

export function useUpdateSprint(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateSprintBody>) => api.patch<SprintData>(`/api/sprints/${id}`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: key() }),
  });
}

export function useParticipants(id: string) {
  return useQuery({
    queryKey: [...key(id), 'participants'],
    queryFn: ({ signal }) => api.get<{ items: ParticipantData[] }>(`/api/sprints/${id}/participants`, signal),
  });
}

export function useSaveRoster(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof RosterBody>) =>
      api.put<{ items: ParticipantData[] }>(`/api/sprints/${id}/participants`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: key() }),
  });
}

export function useSaveMyAvailability(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof MyAvailabilityBody>) =>
      api.put<ParticipantData>(`/api/sprints/${id}/participants/me`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: key() }),
  });
}

export function useRegistrations(id: string) {
  return useQuery({
    queryKey: [...key(id), 'registrations'],
    queryFn: ({ signal }) =>
      api.get<{ items: RegistrationData[] }>(`/api/sprints/${id}/registrations`, signal),
  });
}

export function useSetPosition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { registration: string; lat: number; lon: number; updatedAt: string }) =>
      api.put<RegistrationData>(`/api/sprints/${id}/registrations/${v.registration}/position`, {
        lat: v.lat,
        lon: v.lon,
        updatedAt: v.updatedAt,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export function useSetMeetingLink(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { registration: string; meetingLink: string; updatedAt: string }) =>
      api.put<RegistrationData>(`/api/sprints/${id}/registrations/${v.registration}/meeting-link`, {
        meetingLink: v.meetingLink,
        updatedAt: v.updatedAt,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export function useBoard(id: string) {
  return useQuery({
    queryKey: [...key(id), 'board'],
    queryFn: ({ signal }) => api.get<BoardData>(`/api/sprints/${id}/board`, signal),
  });
}

/** Every planning change answers with the new board; it replaces the cached one at once. */
function usePlanMutation<V>(id: string, fn: (v: V) => Promise<BoardData>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (board) => {
      qc.setQueryData([...key(id), 'board'], board);
      qc.setQueryData(key(id), board.sprint);
    },
    onError: () => qc.invalidateQueries({ queryKey: key(id) }),
  });
}

export const useRunScheduler = (id: string) =>
  usePlanMutation(id, (v: { version: number }) => api.post<BoardData>(`/api/sprints/${id}/schedule`, v));
export const useEditVisit = (id: string) =>
  usePlanMutation(
    id,
    (v: { registration: string; version: number; slot?: string; team?: string[]; pinned?: boolean }) => {
      const { registration, ...body } = v;
      return api.patch<BoardData>(`/api/sprints/${id}/plan/visits/${registration}`, body);
    },
  );
export const useDropVisit = (id: string) =>
  usePlanMutation(id, (v: { registration: string; version: number }) =>
    api.post<BoardData>(`/api/sprints/${id}/plan/visits/${v.registration}/drop`, { version: v.version }),
  );
export const useAddVisit = (id: string) =>
  usePlanMutation(id, (v: { registration: string; version: number; slot: string; team: string[] }) =>
    api.post<BoardData>(`/api/sprints/${id}/plan/visits`, v),
  );

export function usePublish(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { version: number }) =>
      api.post<z.infer<typeof PublishResult>>(`/api/sprints/${id}/publish`, v),
    onSettled: () => qc.invalidateQueries({ queryKey: key() }),
  });
}

export function useDay(id: string, userId?: string) {
  return useQuery({
    queryKey: [...key(id), 'day', userId ?? 'me'],
    queryFn: ({ signal }) =>
      api.get<DayData>(userId ? `/api/sprints/${id}/day/${userId}` : `/api/sprints/${id}/day`, signal),
  });
}
