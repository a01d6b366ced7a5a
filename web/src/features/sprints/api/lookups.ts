import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TopicDto } from '@contracts/municipality';
import type { StaffMember } from '@contracts/staff';
import { api } from '../../../lib/api';

export type Topic = z.infer<typeof TopicDto>;
export type Staff = z.infer<typeof StaffMember>;

/** The municipality's active topics, for the sprint's topic list. */
export function useTopics() {
  return useQuery({
    queryKey: ['sprints', 'topics'],
    queryFn: ({ signal }) => api.get<{ items: Topic[] }>('/api/topics', signal),
  });
}

/** Staff who can be on a sprint's roster. */
export function useStaff() {
  return useQuery({
    queryKey: ['sprints', 'staff'],
    queryFn: ({ signal }) => api.get<{ items: Staff[] }>('/api/staff', signal),
  });
}
