/**
 * The client's 401: told to the app shell (to the login page with the server's reason) — but not for a request of this
 * window still under way when the user signed out here: that one is dropped (no handler, no error to toast).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logout } from './auth';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './client';

const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ended = () => answer(401, { error: 'unauthorized', message: '请先登录' });
/** settles within a few ticks, or says it did not */
const outcome = (p: Promise<unknown>) =>
  Promise.race([p.then((v) => ({ resolved: v }), (e: unknown) => ({ rejected: e })), new Promise((r) => setTimeout(() => r('pending'), 50))]);

describe('a 401 of the web client', () => {
  const told: string[] = [];
  /** the answers the server gives, in order; a late one is released by hand */
  let late: (r: Response) => void = () => undefined;
  beforeEach(() => {
    told.length = 0;
    setCsrfToken('token-of-a-session');
    setUnauthorizedHandler((m) => told.push(m));
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url === '/api/auth/logout') return answer(200, { ok: true });
        if (url === '/api/todos') return new Promise<Response>((r) => (late = r));
        return ended();
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedHandler(null);
    setCsrfToken(null);
  });

  it('a session ended by the server: the shell is told the reason, and the caller gets the error', async () => {
    const r = await outcome(api.get('/api/honours'));
    expect(r).toMatchObject({ rejected: expect.any(ApiError) });
    expect(((r as { rejected: ApiError }).rejected).status).toBe(401);
    expect(told).toEqual(['请先登录']);
  });

  it('after signing out here: a late request that meets the ended session is dropped, neither told nor thrown', async () => {
    const inFlight = api.get('/api/todos');
    await logout();
    late(ended());
    await expect(outcome(inFlight)).resolves.toBe('pending');
    // nor one sent after it, before the login page is shown
    await expect(outcome(api.get('/api/honours'))).resolves.toBe('pending');
    expect(told).toEqual([]);
  });

  it('signed in again (a new token), a 401 is told again', async () => {
    await logout();
    setCsrfToken('token-of-the-next-session');
    await expect(outcome(api.get('/api/honours'))).resolves.toMatchObject({ rejected: expect.any(ApiError) });
    expect(told).toEqual(['请先登录']);
  });
});
