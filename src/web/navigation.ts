// What the shell (App.tsx, routes.tsx) and the pages it loads lazily both need. It lives here, importing
// nothing, so that a page never imports the shell that loads it (no import circle).

/** Where a signed-in user starts. */
export const HOME = '/todos';

/** A leader starts on the 驾驶舱; everyone else on the to-dos. */
export const homeFor = (role: string | undefined): string => (role === 'leader' ? '/dashboard' : HOME);

/** What the login page receives when the app sends the user there. */
export interface LoginState {
  from?: { pathname: string; search?: string };
  reason?: string;
}
