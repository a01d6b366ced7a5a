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

/**
 * The forms with changes not saved, app-wide, and whether the person has chosen to leave them.
 * One blocker for the whole app (LeaveGuard, in the layout) asks for all of them: react-router
 * honours one blocker at a time, and a page may hold several forms.
 */
const dirtyGuards = new Set<symbol>();
let leavingAll = false;

/** Whether a form on the page has changes not saved. */
export function hasUnsavedChanges(): boolean {
  return dirtyGuards.size > 0 && !leavingAll;
}

/**
 * For an action that cannot be undone before it navigates (logging out ends the session): asks,
 * as a link would, when a form has changes not saved. True: go on (the forms then let the page
 * go); false: the person stays, nothing done.
 */
export function confirmLeavingUnsaved(message: string): boolean {
  if (!hasUnsavedChanges()) return true;
  if (!window.confirm(message)) return false;
  leavingAll = true;
  return true;
}

/**
 * Registers a form's unsaved changes, so that leaving the page asks first: a link or the back
 * button inside the app asks with the browser's own confirm dialog (which screen readers and
 * keyboards handle), and closing or reloading the tab with the browser's "leave site?" question.
 * Returns `allowLeave`, to call when a save is done and the form moves on by itself (the
 * navigation that follows a save is not asked about); changes made after the form is clean again
 * are guarded again.
 */
export function useLeaveGuard(dirty: boolean): () => void {
  const key = useRef<symbol>(Symbol('form'));
  useEffect(() => {
    if (!dirty) return;
    const me = key.current;
    dirtyGuards.add(me);
    leavingAll = false;
    return () => {
      dirtyGuards.delete(me);
    };
  }, [dirty]);
  return useCallback(() => {
    dirtyGuards.delete(key.current);
  }, []);
}

/** The app's one blocker and its "leave site?" question; mounted once, in the layout. */
export function LeaveGuard(): null {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      hasUnsavedChanges() &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('common.unsaved'))) {
      leavingAll = true;
      blocker.proceed();
    } else blocker.reset();
  }, [blocker, t]);
  useEffect(() => {
    const ask = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      e.preventDefault();
      // Older browsers ask only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, []);
  return null;
}
