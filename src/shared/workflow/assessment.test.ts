import { describe, expect, it } from 'vitest';
import { REMIND_AGAIN_MINUTES, remindedJustNow } from './assessment';

describe('催办 again (remindedJustNow): the list offers it exactly when the command would take it', () => {
  const last = '2026-12-05T10:00:00.000Z';
  const at = (minutes: number, seconds = 0) => Date.parse(last) + (minutes * 60 + seconds) * 1000;
  it('is refused for REMIND_AGAIN_MINUTES after the last one, and taken from then on', () => {
    expect(REMIND_AGAIN_MINUTES).toBe(10);
    expect(remindedJustNow(last, at(0), null)).toBe(true);
    expect(remindedJustNow(last, at(9, 59), null)).toBe(true);
    expect(remindedJustNow(last, at(10), null)).toBe(false);
    expect(remindedJustNow(last, at(60 * 24), null)).toBe(false);
  });
  it('never reminded: nothing to wait for', () => {
    expect(remindedJustNow(null, at(0), null)).toBe(false);
    expect(remindedJustNow(undefined, at(0), null)).toBe(false);
  });
  it('a 重新开放 starts afresh: a 催办 sent before it holds nothing, one sent since holds the next', () => {
    const reopened = '2026-12-05T10:01:00.000Z';
    expect(remindedJustNow(last, at(2), reopened)).toBe(false);
    expect(remindedJustNow(last, at(2), last)).toBe(false);
    expect(remindedJustNow(last, at(2), '2026-12-05T09:59:00.000Z')).toBe(true);
  });
});
