import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * A form's changes that are not saved yet: whether the values differ from the last ones saved (or
 * loaded), and a function that moves that baseline after a save. Values are compared as JSON, which
 * suits a form's plain drafts.
 */
export function useBaseline<T>(value: T): { dirty: boolean; saved: (v: T) => void } {
  const [base, setBase] = useState(() => JSON.stringify(value));
  const saved = useCallback((v: T) => setBase(JSON.stringify(v)), []);
  return { dirty: JSON.stringify(value) !== base, saved };
}

/** Guards with changes not saved, app-wide, and whether the person has chosen to leave them all. */
const dirtyGuards = new Set<symbol>();
let leavingAll = false;

/**
 * For an action that cannot be undone before it navigates (logging out ends the session): asks,
 * as a link would, when a form has changes not saved. True: go on (the guards then let the page
 * go); false: the person stays, nothing done.
 */
/** Whether a form on the page has changes not saved. */
export function hasUnsavedChanges(): boolean {
  return dirtyGuards.size > 0;
}

export function confirmLeavingUnsaved(message: string): boolean {
  if (dirtyGuards.size === 0) return true;
  if (!window.confirm(message)) return false;
  leavingAll = true;
  return true;
}

/**
 * Asks before a page with unsaved changes is left: a link or the back button inside the app asks
 * with the browser's own confirm dialog (which screen readers and keyboards handle), and closing
 * or reloading the tab with the browser's "leave site?" question. Returns `allowLeave`, to call
 * when a save is done and the form moves on by itself (the navigation that follows a save is not
 * asked about); changes made after the form is clean again are guarded again.
 */
export function useLeaveGuard(dirty: boolean): () => void {
  const { t } = useTranslation();
  const allowed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      !allowed.current &&
      !leavingAll &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  // Known app-wide, for what acts before it navigates (log-out ends the session first).
  useEffect(() => {
    if (!dirty) return;
    const me = Symbol('guard');
    dirtyGuards.add(me);
    leavingAll = false;
    return () => {
      dirtyGuards.delete(me);
    };
  }, [dirty]);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('common.unsaved'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);
  useEffect(() => {
    if (!dirty) return;
    // New changes after a save that let the page go are guarded again.
    allowed.current = false;
    const ask = (e: BeforeUnloadEvent) => {
      if (allowed.current || leavingAll) return;
      e.preventDefault();
      // Older browsers ask only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
  return useCallback(() => {
    allowed.current = true;
  }, []);
}
