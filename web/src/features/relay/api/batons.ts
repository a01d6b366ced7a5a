import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BookLegBody, StartBatonBody } from '@contracts/relay';
import { api, toQuery } from '../../../lib/api';
import { relayKey } from './programmes';
import type { CompanyBrief, NominateInput } from './types';

/** Every baton action changes the chain, the progress and the stalled list: refresh the relay. */
function useRelayMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: relayKey }) });
}

export const useStartBaton = (programmeId: string) =>
  useRelayMutation((input: z.input<typeof StartBatonBody>) =>
    api.post<{ batonId: string; legId: string }>(`/api/relay/programmes/${programmeId}/batons`, input),
  );

export const useBookLeg = (legId: string) =>
  useRelayMutation((input: z.input<typeof BookLegBody>) =>
    api.post<{ visitId: string }>(`/api/relay/legs/${legId}/book`, input),
  );

export const useMarkVisited = (legId: string) =>
  useRelayMutation(() => api.post<{ nominateLinkSent: boolean }>(`/api/relay/legs/${legId}/visited`));

export const useNominate = (legId: string) =>
  useRelayMutation((input: NominateInput) =>
    api.post<{ nominationId: string }>(`/api/relay/legs/${legId}/nominations`, input),
  );

export const useEndBaton = (batonId: string) =>
  useRelayMutation((reason: string) =>
    api.post<{ ok: true }>(`/api/relay/batons/${batonId}/end`, { reason }),
  );

export const searchRegister = (q: string) =>
  api.get<{ items: CompanyBrief[] }>(`/api/relay/companies${toQuery({ q })}`);
