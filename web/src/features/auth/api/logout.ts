import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, resetCsrf } from '../../../lib/api';
import { meQueryKey } from '../../../lib/session';

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } catch (err) {
    // Already signed out (session expired): the outcome the user wanted.
    if (!isApiError(err, 401)) throw err;
  }
}

/** Logs out and forgets everything cached for the user. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      resetCsrf();
      qc.clear();
      qc.setQueryData(meQueryKey, null);
    },
  });
}
