import type { ReactNode } from 'react';

/**
 * Lets a wide table scroll sideways on a phone. The wrapper is focusable and named so a keyboard
 * user can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
