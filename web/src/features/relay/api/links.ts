import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AcceptBody, NominateByLinkBody } from '@contracts/relay';
import { api, toQuery } from '../../../lib/api';
import type { InvitationView, LinkCompanyHit, NominateLinkView, PublicRelay } from './types';

/** The private-link pages for companies and the public page: no session, the token is the key. */

const invitationKey = (token: string) => ['relay-link', 'invitation', token] as const;
const nominateKey = (token: string) => ['relay-link', 'nominate', token] as const;

export function useInvitation(token: string) {
  return useQuery({
    queryKey: invitationKey(token),
    queryFn: ({ signal }) => api.get<InvitationView>(`/api/relay/invitations/${token}`, signal),
    retry: false,
  });
}

export function useAnswerInvitation(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      answer: { kind: 'accept'; body: z.input<typeof AcceptBody> } | { kind: 'decline'; note: string },
    ) =>
      answer.kind === 'accept'
        ? api.post<{ ok: true }>(`/api/relay/invitations/${token}/accept`, answer.body)
        : api.post<{ ok: true }>(`/api/relay/invitations/${token}/decline`, { note: answer.note }),
    onSuccess: () => qc.invalidateQueries({ queryKey: invitationKey(token) }),
  });
}

export function useNominateLink(token: string) {
  return useQuery({
    queryKey: nominateKey(token),
    queryFn: ({ signal }) => api.get<NominateLinkView>(`/api/relay/nominate/${token}`, signal),
    retry: false,
  });
}

export const searchByLink = (token: string, q: string) =>
  api.get<{ items: LinkCompanyHit[] }>(`/api/relay/nominate/${token}/companies${toQuery({ q })}`);

/** The link is spent once used, so the page is not reloaded after: it shows its thanks instead. */
export function useNominateByLink(token: string) {
  return useMutation({
    mutationFn: (body: z.input<typeof NominateByLinkBody>) =>
      api.post<{ ok: true }>(`/api/relay/nominate/${token}`, body),
  });
}

export function usePublicRelay(id: string) {
  return useQuery({
    queryKey: ['relay-public', id],
    queryFn: ({ signal }) => api.get<PublicRelay>(`/api/relay/public/${id}`, signal),
    retry: false,
  });
}
