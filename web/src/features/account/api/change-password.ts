import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ChangePasswordBody } from '@contracts/staff';
import { api } from '../../../lib/api';

export type ChangePasswordInput = z.input<typeof ChangePasswordBody>;

/** POST /api/auth/password: the server ends the person's other sessions and keeps this one. */
export function changePassword(input: ChangePasswordInput): Promise<{ ok: true }> {
  return api.post('/api/auth/password', input);
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
