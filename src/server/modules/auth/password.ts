import crypto from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { AppError, badRequest } from '../../core/errors';
import { passwordProblems } from '../../../shared/contracts/auth';
import { addToPasswordHistory, recentPasswordHashes } from './auth.queries';

// argon2id with OWASP's recommended minimums (19 MiB, 2 iterations).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2 runs in worker threads of its own (hash.thread.mjs), at most one computation each, and at most one
 * thread fewer than the cores (one core left to answer every other request): a storm of logins queues here.
 * argon2 is memory-hard on purpose (19 MiB written and read twice per check), so while it runs it slows every
 * other request on the machine through the caches and memory it shares, whatever its priority. Two limits, each
 * measured with `npm run bench:api` (results read during a 20-connection login storm, on 2 cores):
 * - each thread runs at the lowest scheduling priority (nice 19): an argon2 loop at normal priority inside the
 *   server cut results reads from about 20k to 4–5k req/s, at nice 19 to 12–14k;
 * - while others wait, a thread rests twice as long as each computation took (HASH_DUTY), so a storm's argon2
 *   takes at most a third of each thread's time: sign-ins at the storm's rate with the computation replaced by a
 *   sleep left reads at 19k, so the computation itself is what the readers feel. Sign-ins one at a time are not
 *   delayed; a storm of them is (about 25–35 a second here, where a province's busiest morning needs a few).
 * Threads start on first use and are kept; a job holds the process open only while it runs.
 */
const HASH_SLOTS = Math.max(1, os.availableParallelism() - 1);
/** the share of a hashing thread's time spent computing, at most */
export const HASH_DUTY = 1 / 3;
const ENTRY = new URL('./hash.thread.mjs', import.meta.url);

type Reply = { id: number; ok: true; value: string | boolean } | { id: number; ok: false; error: string };
interface Slot {
  worker: Worker;
  job?: { id: number; resolve: (v: string | boolean) => void; reject: (e: Error) => void };
  /** resting after a computation (HASH_DUTY) */
  resting?: boolean;
}
const slots: Slot[] = [];
const waiting: (() => void)[] = [];
let nextId = 1;

/**
 * How many password computations may wait for a thread: at the 25–35 a second a storm gets (above), the last of
 * them waits a few seconds. Past that a sign-in is refused at once with a 503 (a flood of sign-ins from many
 * addresses, each under the per-address limit, must not pile up requests, sockets and memory without bound).
 */
export const HASH_QUEUE_MAX = 100;
/** the refusal when the queue is full, or a hashing thread died under a job (never a "wrong password") */
export const hashBusy = () => new AppError(503, 'busy', '同时登录的人数过多，服务器正在排队核验密码，请稍候几秒再试');
/** Whether a new computation would be refused now: the login checks it before the attempt is counted. */
export const hashQueueFull = (): boolean => waiting.length >= HASH_QUEUE_MAX;

function spawn(): Slot {
  const slot: Slot = { worker: new Worker(ENTRY) };
  slot.worker.unref();
  slot.worker.on('message', (m: Reply) => {
    const job = slot.job;
    if (!job || job.id !== m.id) return;
    if (m.ok) job.resolve(m.value);
    else job.reject(new Error(m.error));
  });
  const lost = (e: Error) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1); // the next job starts a new thread
    if (slot.job) console.error(`kaoping: 密码计算线程在核验时退出（${e.message}），该次登录按服务器繁忙答复`);
    slot.job?.reject(hashBusy());
  };
  slot.worker.on('error', lost);
  slot.worker.on('exit', (code) => lost(new Error(`退出码${code}`)));
  return slot;
}

/** a thread that is neither computing nor resting, starting one if there are fewer than HASH_SLOTS */
function freeSlot(): Slot | undefined {
  const slot = slots.find((s) => !s.job && !s.resting);
  if (slot || slots.length >= HASH_SLOTS) return slot;
  const fresh = spawn();
  slots.push(fresh);
  return fresh;
}

async function run<T extends string | boolean>(op: 'hash' | 'verify', args: unknown[]): Promise<T> {
  let slot = freeSlot();
  while (!slot) {
    if (hashQueueFull()) throw hashBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
    slot = freeSlot();
  }
  const s = slot;
  const id = nextId++;
  const started = performance.now();
  try {
    return await new Promise<T>((resolve, reject) => {
      s.job = { id, resolve: resolve as (v: string | boolean) => void, reject };
      s.worker.ref();
      s.worker.postMessage({ id, op, args });
    });
  } finally {
    s.job = undefined;
    s.worker.unref();
    // Others waiting mean a storm: rest before taking the next. One sign-in at a time never waits.
    if (waiting.length) {
      s.resting = true;
      setTimeout(
        () => {
          s.resting = false;
          waiting.shift()?.();
        },
        (performance.now() - started) * (1 / HASH_DUTY - 1),
      );
    }
  }
}

export const hashPassword = (pw: string) => run<string>('hash', [pw, OPTIONS]);

/** false also for a stored hash argon2 cannot read; a full queue or a lost thread is an error (503), never a "wrong password" */
export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await run<boolean>('verify', [stored, pw]);
  } catch (e) {
    if (e instanceof AppError) throw e;
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which usernames exist. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hashPassword('dummy-password-Aa1!'));

/**
 * The stored hash of an account that has no password yet (asked for by the system administrator, waiting for the
 * security administrator's approval to issue one): a real argon2 hash of a secret nobody keeps, so no password
 * signs in and a try takes as long as against any other account.
 */
export const noPasswordHash = () => hashPassword(crypto.randomBytes(32).toString('base64url'));

/** How many of a user's most recent passwords may not be used again. */
export const PASSWORD_HISTORY = 5;

/**
 * Refuse a new password equal to the current one or to any of the last PASSWORD_HISTORY passwords
 * (compared by verifying against the stored hashes, which are salted).
 */
export async function isRecentPassword(db: Kysely<Database>, userId: number, pw: string): Promise<boolean> {
  const hashes = await recentPasswordHashes(db, userId, PASSWORD_HISTORY);
  for (const h of new Set(hashes)) if (await verifyPassword(h, pw)) return true;
  return false;
}

/**
 * A new password the user chose, checked before it is hashed: a 400 naming 新密码 when it is the old one, falls short
 * of the password rules (passwordProblems, shared with the browser's form), or is one of the user's last
 * PASSWORD_HISTORY passwords.
 */
export async function checkNewPassword(db: Kysely<Database>, user: { id: number; username: string }, oldPassword: string, newPassword: string): Promise<void> {
  const refuse = (message: string) => badRequest(message, [{ field: 'newPassword', message }]);
  if (oldPassword === newPassword) throw refuse('新密码不能与原密码相同');
  const problem = passwordProblems(newPassword, user.username);
  if (problem) throw refuse(problem);
  if (await isRecentPassword(db, user.id, newPassword)) throw refuse(`新密码不能与最近${PASSWORD_HISTORY}次使用过的密码相同`);
}

/** Remember a password a user chose (not one-time passwords), keeping the newest PASSWORD_HISTORY. */
export const rememberPassword = (db: Kysely<Database>, userId: number, hash: string, now: string) =>
  addToPasswordHistory(db, userId, hash, now, PASSWORD_HISTORY);

/**
 * A one-time password for a reset: 14 characters from an alphabet without look-alikes (0/O, 1/l/I), with
 * every character class, so it passes the policy; usable only to sign in and set a new password.
 */
export function oneTimePassword(): string {
  const sets = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@'];
  const all = sets.join('');
  const chars = sets.map((s) => s[crypto.randomInt(s.length)]);
  while (chars.length < 14) chars.push(all[crypto.randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/**
 * Until when the one-time password in force signs in (ISO 8601), or null when none waits: a reset's or an
 * approval's, ONE_TIME_PASSWORD_HOURS after it was issued (password_reset_at, the issuing request's clock). An
 * initial password (the seed's, `kaoping user create`'s) has no such limit; a password the user chose never.
 */
export function oneTimePasswordUntil(
  u: { must_change_password: number; password_issued_for: string | null; password_reset_at: string | null },
  config: Pick<Config, 'oneTimePasswordHours'>,
): string | null {
  if (u.must_change_password !== 1 || !u.password_reset_at) return null;
  if (u.password_issued_for !== 'reset' && u.password_issued_for !== 'approval') return null;
  return new Date(Date.parse(u.password_reset_at) + config.oneTimePasswordHours * 3_600_000).toISOString();
}
