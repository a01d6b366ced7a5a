import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

/**
 * Whether the person has clicked, tapped or pressed a key since the document loaded. Until then a
 * heading that appears is the page the browser opened (its load is announced, and Tab starts at the
 * skip link); after, it is what their action brought: a page replaced in place by its result (a
 * form's receipt) as much as a page navigated to, whose location key is never "default" either.
 */
let acted = false;
for (const type of ['pointerdown', 'keydown']) {
  document.addEventListener(
    type,
    () => {
      acted = true;
    },
    { capture: true, once: true },
  );
}

/**
 * The page's one h1. It sets the document title and takes focus when it appears after the first
 * page load (a client-side navigation, or a page whose content an action replaced), so a screen
 * reader announces where the person is now and Tab continues from the top of the content.
 *
 * `focusKey`: for a page whose heading stays while the rest is replaced by a result (a form sent,
 * and thanks in its place): each change of the key moves focus to the heading again.
 */
export function PageHeading({
  children,
  title,
  focusKey,
}: {
  children: ReactNode;
  title?: string;
  focusKey?: string | number | boolean | null;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  // Read once: a new search on the same page (?q=…) changes the key but is not a new page.
  const onArrival = useRef(useLocation().key !== 'default' || acted);
  const shownKey = useRef(focusKey);
  // A heading that is a sentence ("Personen finns inte.") is a title without its full stop.
  const text = (title ?? (typeof children === 'string' ? children : '')).replace(/\.$/, '');
  useEffect(() => {
    document.title = text ? `${text} – ${t('common.appName')}` : t('common.appName');
  }, [text, t]);
  useEffect(() => {
    if (onArrival.current) ref.current?.focus();
  }, []);
  useEffect(() => {
    if (shownKey.current === focusKey) return;
    shownKey.current = focusKey;
    ref.current?.focus();
  }, [focusKey]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
