/** clockAt: the day in China and the stored instant; one frozen clock shared by the requests of one millisecond. */
import { describe, expect, it } from 'vitest';
import { clockAt } from './clock';

describe('clockAt', () => {
  it('gives the China day and the ISO instant, for each instant its own, across China midnight', () => {
    expect(clockAt(new Date('2024-06-01T15:59:59.999Z'))).toEqual({ today: '2024-06-01', at: '2024-06-01T15:59:59.999Z' });
    expect(clockAt(new Date('2024-06-01T16:00:00.000Z'))).toEqual({ today: '2024-06-02', at: '2024-06-01T16:00:00.000Z' });
    // back to an earlier instant: not the last one's clock
    expect(clockAt(new Date('2024-06-01T15:59:59.999Z'))).toEqual({ today: '2024-06-01', at: '2024-06-01T15:59:59.999Z' });
  });

  it('hands the requests of one millisecond one frozen clock', () => {
    const a = clockAt(new Date('2025-01-01T00:00:00.123Z'));
    const b = clockAt(new Date('2025-01-01T00:00:00.123Z'));
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
