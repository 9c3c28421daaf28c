/**
 * Closing or reloading the tab while something typed is not saved yet: the browser asks first (its own words; a page
 * may not choose them). `unsaved` is read when the tab is closed, so it may look at refs as they are then.
 * Moving to another page inside the app is each page's own business (it saves on the way out where it can).
 */
import { useEffect, useRef } from 'react';

export function useLeaveWarning(unsaved: () => boolean): void {
  const latest = useRef(unsaved);
  latest.current = unsaved;
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!latest.current()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}
