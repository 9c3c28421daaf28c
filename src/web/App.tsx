import { Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { CurrentUser } from '../shared/contracts/auth';
import type { Permission } from '../shared/permissions';
import { accessFor, SessionContext, useSession, type Session } from './access';
import { fetchMe, logout, onSessionAnnounced } from './api/auth';
import { setCsrfToken, setUnauthorizedHandler } from './api/client';
import { ErrorBoundary, PageErrorBoundary } from './components/ErrorBoundary';
import { PageLoading } from './components/PageLoading';
import { homeFor, type LoginState } from './navigation';
import { APP_ROUTES, AppLayout, ForbiddenPage, LoginPage, NotFoundPage, PasswordChangeGate } from './routes';

const SIGNED_OUT_ELSEWHERE = '您已在其他窗口退出登录，请重新登录';
/** How close together another window's sign-out and this window's 401 must come to be the same event. */
const SAME_SIGN_OUT_MS = 5000;

function useSessionState(): Session {
  const navigate = useNavigate();
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    fetchMe()
      .then((me) => live && setUser(me))
      .catch(() => live && setUser(null))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  // The server ended the session (idle timeout, password reset, account disabled): back to the login page,
  // showing the server's reason, and return here after signing in again.
  // Another window's sign-out and this window's own 401 (a request that reached the server just after the session was
  // deleted) can arrive in either order; whichever comes second within a few seconds keeps the first one's page to
  // return to and says the true reason, 您已在其他窗口退出登录, rather than the server's generic 请先登录.
  const signedOutElsewhereAt = useRef(0);
  const sentToLogin = useRef<{ at: number; from: LoginState['from'] } | null>(null);
  const toLogin = useCallback(
    (reason: string) => {
      setUser(null);
      setCsrfToken(null);
      const { pathname, search } = window.location;
      const recent = sentToLogin.current && Date.now() - sentToLogin.current.at < SAME_SIGN_OUT_MS ? sentToLogin.current : null;
      const from = pathname === '/login' ? recent?.from : { pathname, search };
      sentToLogin.current = { at: Date.now(), from };
      const state: LoginState = { reason, from };
      navigate('/login', { replace: true, state });
    },
    [navigate],
  );

  useEffect(() => {
    setUnauthorizedHandler((reason) =>
      toLogin(Date.now() - signedOutElsewhereAt.current < SAME_SIGN_OUT_MS ? SIGNED_OUT_ELSEWHERE : reason),
    );
    return () => setUnauthorizedHandler(null);
  }, [toLogin]);

  // Another window of this browser signed out or in (the cookie is shared): this one follows at once, rather than
  // showing one user's name and menus over another's data (src/web/api/auth.ts announceSession).
  const userId = user?.id ?? null;
  useEffect(
    () =>
      onSessionAnnounced((announced) => {
        if (announced === null) {
          signedOutElsewhereAt.current = Date.now();
          const justSent = sentToLogin.current !== null && Date.now() - sentToLogin.current.at < SAME_SIGN_OUT_MS;
          if (userId !== null || (justSent && window.location.pathname === '/login')) toLogin(SIGNED_OUT_ELSEWHERE);
          return;
        }
        // signed in there: take the new session (and its CSRF token); another user's starts on their own home
        void fetchMe().then((me) => {
          setUser(me);
          if (me && userId !== null && me.id !== userId) navigate(homeFor(me.role), { replace: true });
        });
      }),
    [userId, navigate, toLogin],
  );

  const refresh = useCallback(async () => {
    setUser(await fetchMe({ expect401: false }));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // the session may already be gone; signing out locally is what matters
    } finally {
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  return useMemo(() => ({ ...accessFor(user), loading, signedIn: setUser, refresh, signOut }), [user, loading, refresh, signOut]);
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!user) {
    const state: LoginState = { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to="/login" replace state={state} />;
  }
  // The server lets such a session do nothing but change the password; the UI offers nothing else either.
  if (user.mustChangePassword) return <PasswordChangeGate />;
  return <>{children}</>;
}

/** "/": the signed-in user's home (a leader's is the 驾驶舱). */
function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={homeFor(user?.role)} replace />;
}

function RequirePermission({ permission, children }: { permission: Permission | null; children: ReactNode }) {
  const { can } = useSession();
  return permission && !can(permission) ? <ForbiddenPage /> : <>{children}</>;
}

export default function App() {
  const session = useSessionState();
  return (
    <SessionContext.Provider value={session}>
      {/* the login page and the layout are lazy chunks too: a failure there also gets a message and 重试 */}
      <ErrorBoundary>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomeRedirect />} />
              {APP_ROUTES.map(({ path, permission, page: Page }) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    <RequirePermission permission={permission}>
                      <PageErrorBoundary>
                        <Suspense fallback={<PageLoading />}>
                          <Page />
                        </Suspense>
                      </PageErrorBoundary>
                    </RequirePermission>
                  }
                />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </SessionContext.Provider>
  );
}
