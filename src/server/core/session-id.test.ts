/** sessionIdOf: the SHA-256 of a cookie's token, remembered for issued-shape tokens only, never another token's (session.ts). */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SESSION_IDS_MAX, sessionIdOf, sessionIdsHeld } from './session';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const token = () => crypto.randomBytes(32).toString('base64url');

describe('sessionIdOf', () => {
  it('is the SHA-256 of the token, the first time and again, for each token its own', () => {
    const tokens = Array.from({ length: 50 }, token);
    for (const t of tokens) expect(sessionIdOf(t)).toBe(sha(t));
    for (const t of [...tokens].reverse()) expect(sessionIdOf(t)).toBe(sha(t));
  });

  it('holds at most SESSION_IDS_MAX tokens and stays right past them', () => {
    const first = token();
    expect(sessionIdOf(first)).toBe(sha(first));
    let last = first;
    for (let i = 0; i <= SESSION_IDS_MAX; i++) {
      last = token();
      sessionIdOf(last);
      expect(sessionIdsHeld()).toBeLessThanOrEqual(SESSION_IDS_MAX);
    }
    expect(sessionIdOf(first)).toBe(sha(first));
    expect(sessionIdOf(last)).toBe(sha(last));
  });

  it('hashes a cookie value of another shape without remembering it', () => {
    const held = sessionIdsHeld();
    for (const odd of ['x'.repeat(16_000), 'short', `${token()}!`, `${token()}a`]) expect(sessionIdOf(odd)).toBe(sha(odd));
    expect(sessionIdsHeld()).toBe(held);
  });
});
