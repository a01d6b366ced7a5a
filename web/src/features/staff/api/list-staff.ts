import { useQuery } from '@tanstack/react-query';
import type { StaffMember } from '@contracts/staff';
import { api } from '../../../lib/api';

export const staffQueryKey = ['staff'] as const;

export function listStaff(signal?: AbortSignal): Promise<{ items: StaffMember[] }> {
  return api.get('/api/staff', signal);
}

export function useStaffList() {
  return useQuery({ queryKey: staffQueryKey, queryFn: ({ signal }) => listStaff(signal) });
}
