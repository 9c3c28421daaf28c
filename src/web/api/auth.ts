import type { CurrentUser, LoginBody } from '../../shared/contracts/auth';
import { api, setCsrfToken, signedOutHere } from './client';

/**
 * The session is the browser's (one cookie for every window), so a sign-in or sign-out in one window is said to the
 * others (a `storage` event): without it, a window left open went on showing the previous user's name and menus
 * over the next user's data, its writes refused as 越权访问 under the next user's name.
 */
const SESSION_KEY = 'kaoping.session';

/** Tell the other windows of this browser who is now signed in (null: signed out). */
export function announceSession(userId: number | null): void {
  try {
    // `at` makes every announcement a change, so the same user signing in again is heard too (a new CSRF token)
    window.localStorage.setItem(SESSION_KEY, JSON.stringify({ userId, at: Date.now() }));
  } catch {
    // storage refused (private mode, quota): the other windows learn at their next request (a 401)
  }
}

/** Hear the other windows' announcements; returns the unsubscribe. */
export function onSessionAnnounced(handler: (userId: number | null) => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key !== SESSION_KEY || !e.newValue) return;
    try {
      const { userId } = JSON.parse(e.newValue) as { userId: number | null };
      handler(typeof userId === 'number' ? userId : null);
    } catch {
      // not ours
    }
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}

export async function login(body: LoginBody): Promise<CurrentUser> {
  const me = await api.post<CurrentUser>('/api/auth/login', body, { expect401: true });
  setCsrfToken(me.csrfToken);
  announceSession(me.id);
  return me;
}

/** The signed-in user, or null when there is no session. */
export async function fetchMe(opts: { expect401?: boolean } = { expect401: true }): Promise<CurrentUser | null> {
  try {
    const me = await api.get<CurrentUser>('/api/auth/me', undefined, opts);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if ((err as { status?: number }).status === 401) return null;
    throw err;
  }
}

/**
 * Signing out is said to the other windows before the server ends the session, so they hear it before any request of
 * theirs can meet the ended session (their 401 would otherwise tell the generic 请先登录); this window signs out
 * locally whatever the server answers, and a request of its own still under way that meets the ended session is
 * dropped, not told as an error (signedOutHere).
 */
export async function logout(): Promise<void> {
  signedOutHere();
  announceSession(null);
  try {
    await api.post('/api/auth/logout', undefined, { expect401: true });
  } finally {
    setCsrfToken(null);
  }
}

export const changePassword = (oldPassword: string, newPassword: string) =>
  api.post<{ ok: true }>('/api/auth/password', { oldPassword, newPassword });
