import { describe, expect, it } from 'vitest';
import { REMIND_AGAIN_MINUTES, remindedJustNow } from './assessment';

describe('催办 again (remindedJustNow): the list offers it exactly when the command would take it', () => {
  const last = '2026-12-05T10:00:00.000Z';
  const at = (minutes: number, seconds = 0) => Date.parse(last) + (minutes * 60 + seconds) * 1000;
  it('is refused for REMIND_AGAIN_MINUTES after the last one, and taken from then on', () => {
    expect(REMIND_AGAIN_MINUTES).toBe(10);
    expect(remindedJustNow(last, at(0))).toBe(true);
    expect(remindedJustNow(last, at(9, 59))).toBe(true);
    expect(remindedJustNow(last, at(10))).toBe(false);
    expect(remindedJustNow(last, at(60 * 24))).toBe(false);
  });
  it('never reminded: nothing to wait for', () => {
    expect(remindedJustNow(null, at(0))).toBe(false);
    expect(remindedJustNow(undefined, at(0))).toBe(false);
  });
});
