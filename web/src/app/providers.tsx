import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isApiError } from '../lib/api';
import { meQueryKey } from '../lib/session';
import { AnnouncerProvider } from '../components/Announcer';

/**
 * A 401 from any request means the session has ended: forget the user, and the route guard
 * (RequireAuth) sends them to the log-in page with "Du behöver logga in".
 */
function onError(err: unknown): void {
  if (isApiError(err, 401)) queryClient.setQueryData(meQueryKey, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // Refused and missing things do not get better by asking again.
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AnnouncerProvider>{children}</AnnouncerProvider>
    </QueryClientProvider>
  );
}
