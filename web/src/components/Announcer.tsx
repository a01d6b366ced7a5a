import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

/**
 * One polite live region for the whole app. `announce('Ändringarna är sparade.')` makes a screen
 * reader say it without moving focus (saved forms, finished searches, reordered lists). A message
 * may hold markup: the server's Swedish reason inside an English sentence is marked lang="sv"
 * (`swedish()`), so it is read in Swedish.
 */
const AnnounceContext = createContext<(message: ReactNode) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<ReactNode>('');
  const announce = useCallback((m: ReactNode) => {
    // Clear first so the same message twice is read twice.
    setMessage('');
    window.setTimeout(() => setMessage(m), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): (message: ReactNode) => void {
  return useContext(AnnounceContext);
}
