/**
 * Lock-out that defeats password guessing without letting anyone lock another person out.
 *
 * - Failures are counted per (typed username, source IP) in login_failure. Each attempt first *reserves* a
 *   count with one atomic upsert (failures = failures + 1 … RETURNING) inside the login transaction, before
 *   the password is checked; on PostgreSQL the row stays locked until the transaction ends, so concurrent
 *   attempts from one source queue up and at most LOCKOUT_ATTEMPTS passwords are ever checked before the
 *   lock. The right password clears the count of its own source only.
 * - After LOCKOUT_ATTEMPTS failures that source is locked out of that username for LOCKOUT_MINUTES; other
 *   sources are not affected, so the real user (from another network) still signs in.
 * - Account-wide throttle: once the account has LOGIN_ACCOUNT_FAILURES failures from all sources within
 *   LOCKOUT_MINUTES, only sources that have not failed on it may try (a spread-out guesser gets one guess per
 *   new address); the right password from a clean source still works.
 * - Unknown usernames are counted and answered exactly like existing ones.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { accountFailuresSince, deleteAccountFailures, deleteSourceFailures, reserveFailure, setSourceLock } from './auth.queries';

export interface Reservation {
  /** failures of this source on this username, counting this attempt */
  failures: number;
  /** this source is locked out of this username until then (ISO), or null */
  lockedUntil: string | null;
  /** the account has had too many failures from all sources and this source is not clean */
  throttled: boolean;
  /** failures of all sources on this username within the window, this attempt included (counted only past the first failure of this source) */
  accountFailures: number;
  /**
   * more attempts from this source are in flight than may be checked before a lock: this one is not checked (the
   * source is not locked for it — several right passwords at once, e.g. one account shared behind one NAT, must not
   * lock anyone out; wrong ones lock when they finish)
   */
  busy: boolean;
}

type LockoutConfig = Pick<Config, 'lockoutAttempts' | 'lockoutMinutes' | 'loginAccountFailures'>;

/**
 * The source a failure is counted against (and the login rate limit keyed by): an IPv4 address as it is (also when
 * a dual-stack socket writes it ::ffff:a.b.c.d), an IPv6 address as its /64 — one host is given a whole /64 and
 * picks any address in it, so counting each address would give a guesser a fresh source, and a fresh guess past the
 * account throttle, at will.
 */
export function failureSource(ip: string): string {
  const address = ip.split('%')[0];
  if (!isIPv6(address)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  const [head, tail] = address.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  // a trailing dotted quad stands for two groups; with ::, the groups missing between head and tail are zeros
  const tailGroups = groups(tail).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array(8 - groups(head).length - tailGroups.length).fill('0'), ...tailGroups];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** Failures older than this no longer count (ISO time). */
export const failureWindowStart = (config: Pick<Config, 'lockoutMinutes'>, now = Date.now()) => new Date(now - config.lockoutMinutes * 60_000).toISOString();

/**
 * The lock-out window as a list of accounts reads it at `now` (ms): failed sign-ins since when count (as the sign-in
 * counts them), the count that throttles an account, and the instant a lock is compared with (users.queries' listUsers).
 */
export const lockoutAt = (config: Pick<Config, 'lockoutMinutes' | 'loginAccountFailures'>, now: number) => ({
  failuresSince: failureWindowStart(config, now),
  throttleAt: config.loginAccountFailures,
  now: new Date(now).toISOString(),
});

/** The account-wide throttle: this many failures from all sources within the window, and a source that has failed may not try. */
export const accountThrottled = (failuresInWindow: number, config: Pick<Config, 'loginAccountFailures'>) => failuresInWindow >= config.loginAccountFailures;

export async function reserveAttempt(
  trx: Kysely<Database>,
  username: string,
  ip: string,
  config: LockoutConfig,
  now = new Date(),
): Promise<Reservation> {
  const nowIso = now.toISOString();
  const windowStart = failureWindowStart(config, now.getTime());
  const row = await reserveFailure(trx, username, ip, nowIso, windowStart);
  const failures = Number(row.failures);
  const lockedUntil = row.locked_until && row.locked_until > nowIso ? row.locked_until : null;
  // Attempts beyond LOCKOUT_ATTEMPTS that are not locked out are concurrent ones (the one that fails the fifth time
  // locks): refused unchecked, never a lock of their own.
  const busy = !lockedUntil && failures > config.lockoutAttempts;
  let throttled = false;
  let accountFailures = failures;
  if (!lockedUntil && failures > 1) {
    // Earlier failures of all sources (this attempt's reservation excluded).
    accountFailures = await accountFailuresSince(trx, username, windowStart);
    throttled = accountThrottled(accountFailures - 1, config);
  }
  return { failures, lockedUntil, throttled, busy, accountFailures };
}

/** Lock one source out of one username for LOCKOUT_MINUTES; returns the end of the lock. */
export async function lockSource(
  trx: Kysely<Database>,
  username: string,
  ip: string,
  config: Pick<Config, 'lockoutMinutes'>,
  now = new Date(),
): Promise<string> {
  const until = new Date(now.getTime() + config.lockoutMinutes * 60_000).toISOString();
  await setSourceLock(trx, username, ip, until);
  return until;
}

/** The right password: this source starts over. */
export async function clearSource(trx: Kysely<Database>, username: string, ip: string): Promise<void> {
  await deleteSourceFailures(trx, username, ip);
}

/** The security administrator unlocks an account: every source starts over. */
export async function clearAccount(trx: Kysely<Database>, username: string): Promise<void> {
  await deleteAccountFailures(trx, username);
}
