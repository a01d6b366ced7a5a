import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TopicDto } from '@contracts/municipality';
import { api } from '../../../lib/api';

export type Topic = z.infer<typeof TopicDto>;

export const topicsQueryKey = ['topics', 'all'] as const;

export function getAllTopics(signal?: AbortSignal): Promise<{ items: Topic[]; version: string }> {
  return api.get('/api/topics?all=1', signal);
}

export function useAllTopics() {
  return useQuery({ queryKey: topicsQueryKey, queryFn: ({ signal }) => getAllTopics(signal) });
}
