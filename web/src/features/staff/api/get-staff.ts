import { useQuery } from '@tanstack/react-query';
import type { StaffMember } from '@contracts/staff';
import { api } from '../../../lib/api';
import { staffQueryKey } from './list-staff';

/** Under the list's key, so saving anyone in the staff feature refreshes it too. */
export const staffMemberQueryKey = (id: string) => [...staffQueryKey, id] as const;

export function getStaffMember(id: string, signal?: AbortSignal): Promise<StaffMember> {
  return api.get(`/api/staff/${encodeURIComponent(id)}`, signal);
}

export function useStaffMember(id: string) {
  return useQuery({ queryKey: staffMemberQueryKey(id), queryFn: ({ signal }) => getStaffMember(id, signal) });
}
