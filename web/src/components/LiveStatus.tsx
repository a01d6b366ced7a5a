import { useEffect, useState } from 'react';

/**
 * A visible status line that is also a polite live region, on the page before anything is said in
 * it: a region inserted together with its text ("Inga träffar") is read unreliably, and a search
 * that finds something said nothing at all. The message is put in a moment after the line is
 * cleared, so a new search with the same result ("3 träffar" again) is said again: `sayKey` tells
 * a new result from the same one shown again (a re-render).
 */
export function LiveStatus({ message, sayKey }: { message: string; sayKey: number }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    setSaid('');
    const id = window.setTimeout(() => setSaid(message), 50);
    return () => window.clearTimeout(id);
  }, [message, sayKey]);
  return (
    <p role="status" className="live-status">
      {said}
    </p>
  );
}
