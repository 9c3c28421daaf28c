/**
 * argon2 in its own low-priority threads (password.ts, hash.thread.mjs): more requests than threads all finish,
 * a wrong password or a damaged hash is false (never an error), and the threads run at the lowest priority.
 */
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

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
    const nices = fs.readdirSync('/proc/self/task').map((tid) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]); // field 19, after "pid (comm) "
    });
    expect(nices).toContain(19);
    expect(nices[0]).toBe(os.getPriority()); // the first task is the main thread: left as it was
  });
});
