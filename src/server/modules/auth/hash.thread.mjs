// The entry of a password-hashing worker thread (see password.ts). Plain JavaScript, so it loads without tsx.
// The thread lowers its own scheduling priority first (on Linux a nice value belongs to one thread): while
// the machine is busy, argon2 takes only the CPU that answering requests leaves, and a storm of logins slows
// the logins, not everyone else.
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';

try {
  os.setPriority(0, 19);
} catch {
  /* not allowed here: the thread runs at the process's priority */
}

parentPort.on('message', ({ id, op, args }) => {
  try {
    const value = op === 'hash' ? hashSync(args[0], args[1]) : verifySync(args[0], args[1]);
    parentPort.postMessage({ id, ok: true, value });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: String(e?.message ?? e) });
  }
});
