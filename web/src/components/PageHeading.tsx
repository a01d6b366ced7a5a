import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

/**
 * The page's one h1. It sets the document title and, after a client-side navigation (not on the
 * first page load, whose location key is "default"), takes focus so a screen reader announces the
 * new page and Tab continues from the top of the content.
 */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  // Read once: a new search on the same page (?q=…) changes the key but is not a new page.
  const firstKey = useRef(useLocation().key);
  // A heading that is a sentence ("Personen finns inte.") is a title without its full stop.
  const text = (title ?? (typeof children === 'string' ? children : '')).replace(/\.$/, '');
  useEffect(() => {
    document.title = text ? `${text} – ${t('common.appName')}` : t('common.appName');
  }, [text, t]);
  useEffect(() => {
    if (firstKey.current !== 'default') ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
