import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TopicDto } from '@contracts/municipality';
import { api } from '../../../lib/api';

export type Topic = z.infer<typeof TopicDto>;

/** All topics (also inactive ones, so expertise the person already has still shows its name). */
export function getTopics(signal?: AbortSignal): Promise<{ items: Topic[] }> {
  return api.get('/api/topics?all=1', signal);
}

export function useTopicOptions() {
  return useQuery({ queryKey: ['topics', 'all'], queryFn: ({ signal }) => getTopics(signal) });
}
