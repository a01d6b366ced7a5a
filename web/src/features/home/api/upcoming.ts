import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { VisitPage } from '@contracts/visits';
import type { Sprint } from '@contracts/sprints';
import { api, toQuery } from '../../../lib/api';
import { swedishParts } from '../../../lib/format';

/** Today in Sweden (YYYY-MM-DD), the day the visit list's `from` counts from. */
export function swedishToday(): string {
  return swedishParts(new Date().toISOString()).date;
}

/**
 * The signed-in person's planned visits from today on: their own list, which comes upcoming
 * first, soonest first (then today's that have ended, waiting for their report). Under the visits
 * key, so that a visit changed or reported anywhere refreshes it.
 */
export function useMyUpcomingVisits(limit = 5) {
  const query = { scope: 'mine', from: swedishToday(), status: 'planned', pageSize: limit };
  return useQuery({
    queryKey: ['visits', 'upcoming', query],
    queryFn: ({ signal }) => api.get<VisitPage>(`/api/visits${toQuery(query)}`, signal),
  });
}

/** The sprints the signed-in person is on (an admin's own too, not every sprint). */
export function useMySprints() {
  return useQuery({
    queryKey: ['sprints', 'mine'],
    queryFn: ({ signal }) =>
      api.get<{ items: Array<z.infer<typeof Sprint>> }>(`/api/sprints${toQuery({ scope: 'mine' })}`, signal),
  });
}
