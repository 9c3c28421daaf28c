/**
 * The one way the web client talks to the server: JSON in and out, same-origin cookies, the CSRF token on
 * every state-changing request, and error answers ({error, message, fields?, current?}) turned into ApiError.
 * A 401 (session ended, idle timeout) goes to the registered handler, which sends the user to /login with
 * the server's message — except for calls that expect a 401 themselves (login, the session probe), and for one that
 * meets the session this window has itself just ended (signedOutHere): that request is dropped, its promise never settles.
 */
import type { ErrorBody } from '../../shared/contracts/common';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: { field: string; message: string }[];
  readonly current: unknown;

  constructor(status: number, body: Partial<ErrorBody>) {
    super(body.message || `请求失败（HTTP ${status}）`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? 'unknown';
    this.fields = body.fields ?? [];
    this.current = body.current;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: ((message: string) => void) | null = null;
let lastActivity = Date.now();
/** this window signed out (退出登录) and has had no session since: a token comes only with one (sign-in, the probe) */
let signedOut = false;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token !== null) signedOut = false;
}

/**
 * This window is signing out by the user's choice (api/auth.ts logout): a request of it still under way meets the
 * ended session with a 401 that is no news — the user is on the way to the login page already — so it is dropped
 * rather than told (a 「请先登录」 toast and reason over the login page the user asked for). Its promise never
 * settles: the page that asked is being left, and whatever it would do with a failure (a message, an error state)
 * would show over the login page.
 */
export function signedOutHere(): void {
  signedOut = true;
}

/** a 401 after this window's own sign-out: nothing to tell, nothing to do */
const dropped = (status: number): boolean => status === 401 && signedOut;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** Registered by the app shell: what to do when the session has ended. */
export function setUnauthorizedHandler(handler: ((message: string) => void) | null): void {
  onUnauthorized = handler;
}

/** When the client last talked to the server (the server's idle timer restarts with every request). */
export function lastApiActivity(): number {
  return lastActivity;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** a multipart upload instead of a JSON body */
  form?: FormData;
  /** the caller handles a 401 itself (login form, session probe) */
  expect401?: boolean;
  signal?: AbortSignal;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Said (as a window event) after every write the server accepted: whatever the page did may have closed or opened a
 * to-do, so the side menu's badges ask again (pages/todos/todoCounts.ts), without each page having to say so.
 */
export const CHANGED_EVENT = 'kaoping:changed';
const saidChanged = () => {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(CHANGED_EVENT));
};

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

export async function request<T>(method: string, url: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(url, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { error: 'network', message: '无法连接服务器，请检查网络后重试' });
  }
  lastActivity = Date.now();

  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (!opts.expect401 && dropped(res.status)) return never();
    const error = new ApiError(res.status, (data ?? {}) as Partial<ErrorBody>);
    if (res.status === 401 && !opts.expect401 && onUnauthorized) onUnauthorized(error.message);
    throw error;
  }
  if (STATE_CHANGING.has(method)) saidChanged();
  return data as T;
}

/**
 * A file answer (a download fetched so that a refusal is a message, not a JSON page): GET, or a POST with a JSON body
 * (a download that also records something, as registering a 公文's 文号), sent with the session's token like any write.
 */
export async function fetchFile(url: string, body?: unknown): Promise<Response> {
  const post = body !== undefined;
  let res: Response;
  try {
    res = await fetch(url, {
      method: post ? 'POST' : 'GET',
      credentials: 'same-origin',
      headers: post ? { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) } : {},
      body: post ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, { error: 'network', message: '无法连接服务器，请检查网络后重试' });
  }
  lastActivity = Date.now();
  if (!res.ok) {
    if (dropped(res.status)) return never();
    const error = new ApiError(res.status, await res.json().catch(() => ({})));
    if (res.status === 401 && onUnauthorized) onUnauthorized(error.message);
    throw error;
  }
  if (post) saidChanged();
  return res;
}

export const api = {
  get: <T>(url: string, query?: Query, opts?: Omit<RequestOptions, 'query'>) => request<T>('GET', url, { ...opts, query }),
  post: <T>(url: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', url, { ...opts, body }),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, { body }),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, { body }),
  del: <T>(url: string) => request<T>('DELETE', url),
  /** multipart upload (one file); the server answers JSON like any other route */
  upload: <T>(url: string, form: FormData, query?: Query) => request<T>('POST', url, { form, query }),
};

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

/** A message for any thrown value, in Chinese. */
export const errorMessage = (err: unknown): string =>
  err instanceof ApiError ? err.message : err instanceof Error ? err.message : '操作失败，请稍后重试';
