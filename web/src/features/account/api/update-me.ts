import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UpdateMeBody } from '@contracts/staff';
import { api } from '../../../lib/api';
import { meQueryKey, type SessionUser } from '../../../lib/session';

export type UpdateMeInput = z.input<typeof UpdateMeBody>;

/** The signed-in person's own name, title, phone and expertise (PATCH /api/auth/me). */
export function updateMe(input: UpdateMeInput): Promise<SessionUser> {
  return api.patch('/api/auth/me', input);
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (me) => {
      // The header shows the new name at once; the staff list shows it on its next visit.
      qc.setQueryData(meQueryKey, me);
      void qc.invalidateQueries({ queryKey: ['staff'] });
    },
  });
}
