/**
 * Who is signed in and what they may do. The permission names are the server's (src/shared/permissions.ts);
 * the server still checks every request — this only decides what the UI offers.
 */
import { createContext, useContext } from 'react';
import type { CurrentUser } from '../shared/contracts/auth';
import type { Permission } from '../shared/permissions';

export interface Access {
  user: CurrentUser | null;
  can(permission: Permission): boolean;
}

export function accessFor(user: CurrentUser | null): Access {
  const held = new Set<string>(user?.permissions ?? []);
  return { user, can: (permission) => held.has(permission) };
}

export interface Session extends Access {
  /** the session probe at start-up has not answered yet */
  loading: boolean;
  signedIn(user: CurrentUser): void;
  /** re-read the user (after a password change) */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The current user and can(permission). */
export function useAccess(): Access {
  return useSession();
}

/** The signed-in user (inside the authenticated layout). */
export function useUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
