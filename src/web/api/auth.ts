import type { CurrentUser, LoginBody } from '../../shared/contracts/auth';
import { api, setCsrfToken } from './client';

export async function login(body: LoginBody): Promise<CurrentUser> {
  const me = await api.post<CurrentUser>('/api/auth/login', body, { expect401: true });
  setCsrfToken(me.csrfToken);
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

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout', undefined, { expect401: true });
  } finally {
    setCsrfToken(null);
  }
}

export const changePassword = (oldPassword: string, newPassword: string) =>
  api.post<{ ok: true }>('/api/auth/password', { oldPassword, newPassword });
