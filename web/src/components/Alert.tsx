import { useEffect, useState, type ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

/**
 * A message box. Errors and warnings are announced at once (role="alert"); info and success
 * politely (role="status"). A polite live region inserted together with its text is read
 * unreliably by screen readers, so an empty region comes first and the box in it a moment later.
 * Pass `live={false}` for a message that is there when the page loads.
 */
export function Alert({
  tone = 'info',
  title,
  children,
  live = true,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  live?: boolean;
}) {
  const polite = live && (tone === 'info' || tone === 'success');
  const [shown, setShown] = useState(!polite);
  useEffect(() => {
    if (shown) return;
    const id = window.setTimeout(() => setShown(true), 100);
    return () => window.clearTimeout(id);
  }, [shown]);
  const box = (
    <div className={`alert alert--${tone}`} role={live && !polite ? 'alert' : undefined}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
  // The polite region is a bare wrapper (nothing to see while it is empty); the box fills it.
  return polite ? <div role="status">{shown ? box : null}</div> : box;
}
