import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CompanyLookup,
  PrivateRegistration,
  PublicSprint,
  RegistrationInput,
  RegistrationReceipt,
} from '@contracts/sprints';
import { api } from '../../../lib/api';

export type PublicSprintData = z.infer<typeof PublicSprint>;
export type Receipt = z.infer<typeof RegistrationReceipt>;
export type RegistrationBody = z.input<typeof RegistrationInput>;
export type PrivateRegistrationData = z.infer<typeof PrivateRegistration>;

export function getPublicSprint(slug: string, signal?: AbortSignal) {
  return api.get<PublicSprintData>(`/api/public/sprints/${encodeURIComponent(slug)}`, signal);
}
export function usePublicSprint(slug: string) {
  return useQuery({
    queryKey: ['public-sprint', slug],
    queryFn: ({ signal }) => getPublicSprint(slug, signal),
    retry: false,
  });
}

export function lookupCompany(slug: string, orgNr: string) {
  return api.get<z.infer<typeof CompanyLookup>>(
    `/api/public/sprints/${encodeURIComponent(slug)}/companies/${encodeURIComponent(orgNr.trim())}`,
  );
}

export function useRegister(slug: string) {
  return useMutation({
    mutationFn: (body: RegistrationBody) =>
      api.post<Receipt>(`/api/public/sprints/${encodeURIComponent(slug)}/registrations`, body),
  });
}

export function usePrivateRegistration(token: string) {
  return useQuery({
    queryKey: ['private-registration', token],
    queryFn: ({ signal }) =>
      api.get<PrivateRegistrationData>(`/api/public/registrations/${encodeURIComponent(token)}`, signal),
    retry: false,
  });
}

export function useUpdatePrivateRegistration(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationBody) =>
      api.put<Receipt>(`/api/public/registrations/${encodeURIComponent(token)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['private-registration', token] }),
  });
}

export function useWithdrawRegistration(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post<{ ok: true }>(`/api/public/registrations/${encodeURIComponent(token)}/withdraw`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['private-registration', token] }),
  });
}
