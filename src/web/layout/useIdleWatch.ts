import { useEffect } from 'react';
import { fetchMe } from '../api/auth';
import { lastApiActivity } from '../api/client';

/**
 * The server ends a session after `idleMinutes` without requests. Once that time has passed since the last
 * request, ask the server: its 401 (with the timeout message) sends the user to the login page through the
 * client's 401 handler. Asking earlier would itself keep the session alive, so we never do.
 */
export function useIdleWatch(idleMinutes: number): void {
  useEffect(() => {
    if (!idleMinutes) return;
    const limit = idleMinutes * 60_000 + 5_000;
    const timer = window.setInterval(() => {
      if (Date.now() - lastApiActivity() > limit) {
        fetchMe({ expect401: false }).catch(() => undefined);
      }
    }, 30_000);
    return () => window.clearInterval(timer);
  }, [idleMinutes]);
}
