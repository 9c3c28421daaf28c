import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDayStart, chinaMoment, formatChinaMoment, formatDeadline, isCalendarDate } from './deadline';
import { dateOnly } from './contracts/common';

// 2026-07-07 10:00 in Shanghai = 02:00 UTC
const now = new Date('2026-07-07T02:00:00Z');

describe('formatDeadline (Asia/Shanghai)', () => {
  it('a date is due at the end of that day: "7月10日 24:00", 剩3天', () => {
    expect(formatDeadline('2026-07-10', now)).toMatchObject({ at: '7月10日 24:00', left: '剩3天', overdue: false, days: 3, text: '7月10日 24:00（剩3天）' });
  });
  it('the due day itself is 今天截止, the day after is 已逾期1天', () => {
    expect(formatDeadline('2026-07-07', now)).toMatchObject({ left: '今天截止', overdue: false });
    expect(formatDeadline('2026-07-05', now)).toMatchObject({ left: '已逾期2天', overdue: true, days: -2 });
  });
  it('uses China time, not UTC: at 23:30 UTC on 7月6日 it is already 7月7日 in Shanghai', () => {
    expect(formatDeadline('2026-07-06', new Date('2026-07-06T23:30:00Z'))).toMatchObject({ left: '已逾期1天', overdue: true });
    expect(formatDeadline('2026-07-06', new Date('2026-07-06T15:59:00Z'))).toMatchObject({ left: '今天截止', overdue: false });
  });
  it('shows the year of another year', () => {
    expect(formatDeadline('2023-07-10', now).at).toBe('2023年7月10日 24:00');
  });
  it('an instant is shown at its China clock time', () => {
    expect(formatDeadline('2026-07-08T09:30:00Z', now)).toMatchObject({ at: '7月8日 17:30', left: '剩1天', overdue: false });
    expect(formatDeadline('2026-07-07T01:00:00Z', now)).toMatchObject({ at: '7月7日 09:00', left: '已逾期', overdue: true });
  });
  it('formats a moment', () => {
    expect(formatChinaMoment('2026-07-01T06:05:00Z', now)).toBe('7月1日 14:05');
  });
});

describe('isCalendarDate and dateOnly: a date field names a real day', () => {
  it('accepts real days, leap days included, and refuses days the month does not have', () => {
    for (const d of ['2023-01-31', '2024-02-29', '2000-02-29', '2023-12-31']) expect(isCalendarDate(d), d).toBe(true);
    // Date.parse rolls these over to the next month; a deadline of 2月30日 must not reach a notice
    for (const d of ['2023-02-29', '2023-02-30', '1900-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-1-05', '2023-01-05T00:00:00Z', '']) expect(isCalendarDate(d), d).toBe(false);
  });
  it('answers in Chinese with the field’s name', () => {
    const field = dateOnly('截止日期');
    expect(field.safeParse('2023-07-10').success).toBe(true);
    expect(field.safeParse('2023-02-30').error?.issues[0].message).toBe('截止日期不是有效日期（该月没有这一天）');
    expect(field.safeParse('2023/07/10').error?.issues[0].message).toBe('截止日期格式须为年-月-日，如2023-07-10');
  });
});

describe('the China day and clock are UTC+8, as the time zone database has Asia/Shanghai', () => {
  const intlDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  const intlClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });
  const intlMoment = (d: Date) => `${intlDay.format(d)} ${intlClock.format(d)}`;

  it('gives the day and clock time Intl gives for Asia/Shanghai, from 1992 to 2060', () => {
    const from = Date.parse('1992-01-01T00:00:00Z');
    const to = Date.parse('2060-12-31T23:59:59Z');
    // every 7 h 13 min 17 s: the step walks through every hour and minute of the day over the years
    const step = ((7 * 60 + 13) * 60 + 17) * 1000;
    let checked = 0;
    const differ: string[] = [];
    for (let t = from; t <= to; t += step) {
      const d = new Date(t);
      if (chinaMoment(d) !== intlMoment(d)) differ.push(d.toISOString());
      checked++;
    }
    expect(checked).toBeGreaterThan(80_000);
    expect(differ).toEqual([]);
  });

  it('turns the day at 16:00 UTC, on every day from 2020 to 2035, as Intl does', () => {
    const differ: string[] = [];
    for (let t = Date.parse('2020-01-01T16:00:00Z'); t < Date.parse('2036-01-01T00:00:00Z'); t += 86_400_000) {
      for (const at of [new Date(t - 1), new Date(t)]) if (chinaMoment(at) !== intlMoment(at)) differ.push(at.toISOString());
    }
    expect(differ).toEqual([]);
    expect(chinaMoment(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-11-29 23:59');
    expect(chinaMoment(new Date('2026-11-29T16:00:00.000Z'))).toBe('2026-11-30 00:00');
    expect(chinaDate(new Date(chinaDayStart('2026-11-30')))).toBe('2026-11-30');
  });

  it('refuses an invalid instant as Intl does (RangeError), rather than naming a day', () => {
    expect(() => intlDay.format(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => chinaDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
