import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { StaffMember, UpdateStaffBody } from '@contracts/staff';
import { api } from '../../../lib/api';
import { meQueryKey } from '../../../lib/session';
import { staffQueryKey } from './list-staff';

export type UpdateStaffInput = z.input<typeof UpdateStaffBody>;

export function updateStaff(id: string, input: UpdateStaffInput): Promise<StaffMember> {
  return api.patch(`/api/staff/${encodeURIComponent(id)}`, input);
}

export function useUpdateStaff(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateStaffInput) => updateStaff(id, input),
    // One's own name or role may have changed: the header and the menus read the session.
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: staffQueryKey }),
        qc.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}
