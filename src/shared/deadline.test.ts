import { describe, expect, it } from 'vitest';
import { formatChinaMoment, formatDeadline } from './deadline';

// 2026-07-07 10:00 in Shanghai = 02:00 UTC
const now = new Date('2026-07-07T02:00:00Z');

describe('formatDeadline (Asia/Shanghai)', () => {
  it('a date is due at the end of that day: "7月10日 24:00", 剩 3 天', () => {
    expect(formatDeadline('2026-07-10', now)).toMatchObject({ at: '7月10日 24:00', left: '剩 3 天', overdue: false, days: 3, text: '7月10日 24:00（剩 3 天）' });
  });
  it('the due day itself is 今天截止, the day after is 已逾期 1 天', () => {
    expect(formatDeadline('2026-07-07', now)).toMatchObject({ left: '今天截止', overdue: false });
    expect(formatDeadline('2026-07-05', now)).toMatchObject({ left: '已逾期 2 天', overdue: true, days: -2 });
  });
  it('uses China time, not UTC: at 23:30 UTC on 7月6日 it is already 7月7日 in Shanghai', () => {
    expect(formatDeadline('2026-07-06', new Date('2026-07-06T23:30:00Z'))).toMatchObject({ left: '已逾期 1 天', overdue: true });
    expect(formatDeadline('2026-07-06', new Date('2026-07-06T15:59:00Z'))).toMatchObject({ left: '今天截止', overdue: false });
  });
  it('shows the year of another year', () => {
    expect(formatDeadline('2023-07-10', now).at).toBe('2023年7月10日 24:00');
  });
  it('an instant is shown at its China clock time', () => {
    expect(formatDeadline('2026-07-08T09:30:00Z', now)).toMatchObject({ at: '7月8日 17:30', left: '剩 1 天', overdue: false });
    expect(formatDeadline('2026-07-07T01:00:00Z', now)).toMatchObject({ at: '7月7日 09:00', left: '已逾期', overdue: true });
  });
  it('formats a moment', () => {
    expect(formatChinaMoment('2026-07-01T06:05:00Z', now)).toBe('7月1日 14:05');
  });
});
