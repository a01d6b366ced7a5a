import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isApiError } from '../lib/api';
import { meQueryKey } from '../lib/session';
import { isSessionEnded, markSessionEnded } from '../lib/session-ended';
import { AnnouncerProvider } from '../components/Announcer';

/**
 * A 401 means the session has ended. During a save (a mutation) of someone signed in, the page
 * stays with what was typed on it, and the shell asks them to log in again in a dialog
 * (SessionEndedDialog), after which the save can be tried again; while it asks, other requests'
 * 401s change nothing. Otherwise (a page's data, nobody signed in) the user is forgotten, and the
 * route guard (RequireAuth) sends them to the log-in page with "Du behöver logga in".
 */
function onError(err: unknown, duringSave: boolean): void {
  if (!isApiError(err, 401)) return;
  const signedIn = Boolean(queryClient.getQueryData(meQueryKey));
  if (signedIn && (duringSave || isSessionEnded())) markSessionEnded();
  else queryClient.setQueryData(meQueryKey, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err) => onError(err, false) }),
  mutationCache: new MutationCache({ onError: (err) => onError(err, true) }),
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
