/**
 * argon2 in its own low-priority threads (password.ts, hash.thread.mjs): more requests than threads all finish,
 * a wrong password or a damaged hash is false (never an error), more than HASH_QUEUE_MAX waiting are refused
 * with a 503 (never a false), and the threads run at the lowest priority.
 */
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { HASH_QUEUE_MAX, hashPassword, hashQueueFull, verifyPassword } from './password';

describe('password hashing threads', () => {
  it('hashes and verifies more passwords at once than there are threads', async () => {
    const pws = Array.from({ length: os.availableParallelism() + 3 }, (_, i) => `Pw#${i}-Kaoping2026`);
    const hashes = await Promise.all(pws.map(hashPassword));
    expect(new Set(hashes).size).toBe(pws.length); // salted
    for (const h of hashes) expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await Promise.all(hashes.map((h, i) => verifyPassword(h, pws[i])))).toEqual(pws.map(() => true));
    expect(await Promise.all(hashes.map((h, i) => verifyPassword(h, pws[(i + 1) % pws.length])))).toEqual(pws.map(() => false));
  }, 60_000);

  it('a damaged stored hash is a failed check, not an error', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
  });

  it.runIf(process.platform === 'linux')('the hashing threads run at nice 19 (Linux keeps a nice value per thread)', async () => {
    await hashPassword('Warm#Up-Kaoping2026');
    const niceOf = (tid: string) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]); // field 19, after "pid (comm) "
    };
    const nices = fs.readdirSync('/proc/self/task').map(niceOf);
    expect(nices).toContain(19);
    // the main thread (its id is the process's: not always the first listed, as ids wrap past pid_max) is left as it was
    expect(niceOf(String(process.pid))).toBe(os.getPriority());
  });

  it('refuses computations past the queue with a 503 in Chinese, at once, and takes them again once it drains', async () => {
    const extra = 20;
    const threads = Math.max(1, os.availableParallelism() - 1);
    // damaged hashes: each check is quick, so the queue drains in a moment
    const calls = Array.from({ length: threads + HASH_QUEUE_MAX + extra }, () => verifyPassword('not-a-hash', 'x').then((v) => ({ v }), (e: unknown) => ({ e })));
    expect(hashQueueFull()).toBe(true);
    const outcomes = await Promise.all(calls);
    const refused = outcomes.filter((o): o is { e: unknown } => 'e' in o);
    expect(refused).toHaveLength(extra);
    for (const { e } of refused) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(503);
      expect((e as AppError).message).toBe('同时登录的人数过多，服务器正在排队核验密码，请稍候几秒再试');
    }
    expect(outcomes.filter((o) => 'v' in o).every((o) => (o as { v: boolean }).v === false)).toBe(true);
    expect(hashQueueFull()).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  }, 60_000);
});

