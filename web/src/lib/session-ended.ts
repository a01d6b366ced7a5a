import { useSyncExternalStore } from 'react';

/**
 * Whether the session ended while someone was signed in and saving (a 401 from a save). The page
 * and what was typed on it stay; the shell asks for the password again in a dialog
 * (components/SessionEndedDialog.tsx) instead of leaving for the log-in page, and the save can
 * then be tried again. See app/providers.tsx for which 401s lead here.
 */
let ended = false;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (ended === value) return;
  ended = value;
  for (const l of listeners) l();
}

export const markSessionEnded = (): void => set(true);
export const clearSessionEnded = (): void => set(false);
export const isSessionEnded = (): boolean => ended;

export function useSessionEnded(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => ended,
  );
}
