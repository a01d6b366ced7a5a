import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TopicDto } from '@contracts/municipality';
import type { StaffMember } from '@contracts/staff';
import { api } from '../../../lib/api';

export type Topic = z.infer<typeof TopicDto>;
export type Staff = z.infer<typeof StaffMember>;

/** The municipality's active topics, for the sprint's topic list. */
/** Every topic, the inactive ones too (a sprint may offer one deactivated since; `active` tells). */
export function useTopics() {
  return useQuery({
    queryKey: ['sprints', 'topics', 'all'],
    queryFn: ({ signal }) => api.get<{ items: Topic[] }>('/api/topics?all=1', signal),
  });
}

/** Staff who can be on a sprint's roster. */
export function useStaff() {
  return useQuery({
    queryKey: ['sprints', 'staff'],
    queryFn: ({ signal }) => api.get<{ items: Staff[] }>('/api/staff', signal),
  });
}
