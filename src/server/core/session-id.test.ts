/** sessionIdOf: the SHA-256 of a cookie's token, remembered, never another token's (session.ts). */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sessionIdOf } from './session';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe('sessionIdOf', () => {
  it('is the SHA-256 of the token, the first time and again, for each token its own', () => {
    const tokens = Array.from({ length: 50 }, () => crypto.randomBytes(32).toString('base64url'));
    for (const t of tokens) expect(sessionIdOf(t)).toBe(sha(t));
    for (const t of [...tokens].reverse()) expect(sessionIdOf(t)).toBe(sha(t));
  });

  it('stays right past the number of tokens it remembers', () => {
    const first = crypto.randomBytes(32).toString('base64url');
    expect(sessionIdOf(first)).toBe(sha(first));
    for (let i = 0; i < 10_001; i++) sessionIdOf(`t${i}`);
    expect(sessionIdOf(first)).toBe(sha(first));
    expect(sessionIdOf('t10000')).toBe(sha('t10000'));
  });
});
