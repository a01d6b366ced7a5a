import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { LoginBody } from '@contracts/staff';
import { api, resetCsrf } from '../../../lib/api';
import { getMe, meQueryKey } from '../../../lib/session';

export type LoginInput = z.input<typeof LoginBody>;

export function login(input: LoginInput): Promise<{ ok: true }> {
  return api.post('/api/auth/login', input);
}

/** Logs in, then loads the user so the shell shows the right menu at once. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: LoginInput) => {
      await login(input);
      resetCsrf();
      return getMe();
    },
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(meQueryKey, me);
    },
  });
}
