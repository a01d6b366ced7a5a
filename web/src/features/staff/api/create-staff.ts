import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateStaffBody, StaffMember } from '@contracts/staff';
import { api } from '../../../lib/api';
import { staffQueryKey } from './list-staff';

export type CreateStaffInput = z.input<typeof CreateStaffBody>;

export function createStaff(input: CreateStaffInput): Promise<StaffMember> {
  return api.post('/api/staff', input);
}

export function useCreateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createStaff,
    onSuccess: () => qc.invalidateQueries({ queryKey: staffQueryKey }),
  });
}
