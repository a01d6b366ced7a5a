import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DemoMessageDto } from '@contracts/demo';
import { api, isApiError } from '../../../lib/api';

export type DemoMessage = z.infer<typeof DemoMessageDto>;

/** The demo mailbox (admins only). A 404 means Besök is not running as the demo. */
export function useDemoMailbox() {
  return useQuery({
    queryKey: ['demo-mailbox'],
    queryFn: ({ signal }) => api.get<{ items: DemoMessage[] }>('/api/demo/mailbox', signal),
    retry: (count, err) => !isApiError(err, 404) && count < 2,
    refetchInterval: (q) => (q.state.error ? false : 5000),
  });
}
