import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * The page's one h1. It sets the document title and, after a client-side navigation (not on the
 * first page load), takes focus so a screen reader announces the new page and Tab continues from
 * the top of the content.
 */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} – ${t('common.appName')}` : t('common.appName');
  }, [text, t]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
