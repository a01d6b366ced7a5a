import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FeedbackDraftDto, FeedbackDto, FeedbackMissingItem, SendFeedbackBody } from '@contracts/visits';
import { api } from '../../../lib/api';

export type FeedbackDraft = z.infer<typeof FeedbackDraftDto>;
export type Feedback = z.infer<typeof FeedbackDto>;
export type MissingItem = z.infer<typeof FeedbackMissingItem>;

export function useFeedbackDraft(visitId: string) {
  return useQuery({
    queryKey: ['visits', 'feedback-draft', visitId],
    queryFn: ({ signal }) =>
      api.get<FeedbackDraft>(`/api/visits/${encodeURIComponent(visitId)}/feedback/draft`, signal),
    // Composed afresh each time the page opens (follow-ups may have moved); not while writing.
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

/** Whether a feedback's e-mail may still change status (it is in the outbox): asked again until it is not. */
const settled = (items: Feedback[] | undefined) =>
  !items || items.every((f) => f.emailStatus === 'sent' || f.emailStatus === 'failed');
/**
 * How soon to ask again: every 2 s for the first minute (a message normally leaves in seconds),
 * then every 30 s (one waiting to be tried again waits minutes to hours, and without SMTP for ever).
 */
const pollMs = (q: { state: { data?: { items: Feedback[] }; dataUpdateCount: number } }) =>
  settled(q.state.data?.items) ? false : q.state.dataUpdateCount < 30 ? 2000 : 30_000;

/** The feedback written after a visit, each with where its e-mail stands (queued, sent, failed). */
export function useVisitFeedback(visitId: string) {
  return useQuery({
    queryKey: ['visits', 'feedback', visitId],
    queryFn: ({ signal }) =>
      api.get<{ items: Feedback[] }>(`/api/feedback?visitId=${encodeURIComponent(visitId)}`, signal),
    refetchInterval: pollMs,
  });
}

/** A company's feedback, for the status of each in its history. */
export function useCompanyFeedback(companyId: string) {
  return useQuery({
    queryKey: ['visits', 'feedback', 'company', companyId],
    queryFn: ({ signal }) =>
      api.get<{ items: Feedback[] }>(`/api/feedback?companyId=${encodeURIComponent(companyId)}`, signal),
    refetchInterval: pollMs,
  });
}

export function useSendFeedback(visitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof SendFeedbackBody>): Promise<Feedback> =>
      api.post(`/api/visits/${encodeURIComponent(visitId)}/feedback`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['visits'] }),
  });
}

export function useMissingFeedback() {
  return useQuery({
    queryKey: ['visits', 'feedback-missing'],
    queryFn: ({ signal }) =>
      api.get<{ feedbackDays: number; items: MissingItem[] }>('/api/feedback/missing', signal),
  });
}
