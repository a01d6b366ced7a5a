import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the control to move to; none for an error about the whole form. */
  targetId?: string;
  message: ReactNode;
}

/**
 * The list of errors at the top of a form. It takes focus each time the form is submitted with
 * errors (`focusKey` changes), so a screen reader hears them and a keyboard user can follow the
 * links to each field.
 */
export function ErrorSummary({ items, focusKey }: { items: SummaryItem[]; focusKey: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Its own id: a page may hold two forms with errors at once (the relay's baton panel does).
  const titleId = useId();
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // Only on a new submit, not on every keystroke that changes the list.
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        {t('errorSummary.title')}
      </h2>
      <p>{t('errorSummary.intro', { count: items.length })}</p>
      <ul>
        {items.map((item, i) => (
          <li key={`${item.targetId ?? 'form'}-${i}`}>
            {item.targetId ? (
              <a
                href={`#${item.targetId}`}
                onClick={(e) => {
                  const el = document.getElementById(item.targetId!);
                  if (el) {
                    e.preventDefault();
                    el.focus();
                    el.scrollIntoView({ block: 'center' });
                  }
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
