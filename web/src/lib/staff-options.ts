import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export interface StaffOption {
  id: string;
  name: string;
  /** politician, leadership, business, other (the team rules count by it). */
  group: string;
  role: 'viewer' | 'staff' | 'admin';
  active: boolean;
}

/**
 * Who can be on a visit's team or own a follow-up: active staff and admins, as the server
 * requires (a viewer could neither open the visit nor act on the follow-up). Read by the visit
 * forms, the visit page and the follow-up page, so the query lives in lib/.
 */
export function useStaffOptions() {
  return useQuery({
    queryKey: ['staff-options'],
    queryFn: ({ signal }) => api.get<{ items: StaffOption[] }>('/api/staff', signal),
    staleTime: 5 * 60_000,
    select: (d) => d.items.filter((s) => s.active && s.role !== 'viewer'),
  });
}
