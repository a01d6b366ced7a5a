import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BookLegBody, StartBatonBody } from '@contracts/relay';
import { api, toQuery } from '../../../lib/api';
import { relayKey } from './programmes';
import type { CompanyBrief, NominateInput } from './types';

/**
 * Every baton action changes the chain, the progress and the stalled list: refresh the relay.
 * `after` runs once the relay is refreshed, even when the form that sent the action is gone with
 * it (a step's form goes as the baton moves on, and a call's own `onSuccess` is then never called):
 * the page uses it to take the person to what changed.
 */
function useRelayMutation<I, O>(fn: (input: I) => Promise<O>, after?: (result: O, input: I) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result: O, input: I) => {
      await qc.invalidateQueries({ queryKey: relayKey });
      after?.(result, input);
    },
  });
}

export const useStartBaton = (
  programmeId: string,
  after?: (result: { batonId: string; legId: string }) => void,
) =>
  useRelayMutation(
    (input: z.input<typeof StartBatonBody>) =>
      api.post<{ batonId: string; legId: string }>(`/api/relay/programmes/${programmeId}/batons`, input),
    after,
  );

export const useBookLeg = (
  legId: string,
  after?: (result: unknown, input: z.input<typeof BookLegBody>) => void,
) =>
  useRelayMutation(
    (input: z.input<typeof BookLegBody>) =>
      api.post<{ visitId: string }>(`/api/relay/legs/${legId}/book`, input),
    after,
  );

export const useMarkVisited = (legId: string) =>
  useRelayMutation(() => api.post<{ nominateLinkSent: boolean }>(`/api/relay/legs/${legId}/visited`));

export const useNominate = (legId: string) =>
  useRelayMutation((input: NominateInput) =>
    api.post<{ nominationId: string }>(`/api/relay/legs/${legId}/nominations`, input),
  );

export const useCancelLegVisit = (legId: string, after?: () => void) =>
  useRelayMutation(
    (reason: string) => api.post<{ ok: true }>(`/api/relay/legs/${legId}/cancel-visit`, { reason }),
    after,
  );

export const useEndBaton = (batonId: string, after?: () => void) =>
  useRelayMutation(
    (reason: string) => api.post<{ ok: true }>(`/api/relay/batons/${batonId}/end`, { reason }),
    after,
  );

export const searchRegister = (q: string) =>
  api.get<{ items: CompanyBrief[] }>(`/api/relay/companies${toQuery({ q })}`);
