import { describe, expect, it } from 'vitest';
import { cycleDeadlineRefusal, farDateRefusal, latestCycleDate, objectionWindowRefusal, objectionWindowText, REMIND_AGAIN_MINUTES, remindedJustNow, reopenUntilRefusal } from './assessment';

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

describe('a cycle\'s dates lie within a year of today (CYCLE_DATE_MAX_DAYS): the server\'s refusals and the pickers\' greyed days', () => {
  const today = '2026-12-07';
  it('the last day taken is today + 366; the day after is refused by every date of the cycle, naming the field and the limit', () => {
    expect(latestCycleDate(today)).toBe('2027-12-08');
    expect(cycleDeadlineRefusal({ deadline: '2027-12-08', issuedOn: null, today })).toBeNull();
    expect(cycleDeadlineRefusal({ deadline: '2027-12-09', issuedOn: null, today })).toEqual({ field: 'deadline', message: '申报截止日期不能晚于2027-12-08（今天起一年内），2027-12-09已超出，请核对年份' });
    expect(reopenUntilRefusal({ until: '2027-12-08', today })).toBeNull();
    expect(reopenUntilRefusal({ until: '2099-12-31', today })).toEqual({ field: 'until', message: '重新开放截止日期不能晚于2027-12-08（今天起一年内），2099-12-31已超出，请核对年份' });
    expect(objectionWindowRefusal({ start: today, end: '2027-12-08', today, opening: true })).toBeNull();
    expect(objectionWindowRefusal({ start: today, end: '2027-12-09', today, opening: true })?.field).toBe('objectionEnd');
  });
  it('the 异议期\'s end has the same bound and the same sentence as every cycle date (farDateRefusal), whether opened or moved', () => {
    expect(objectionWindowRefusal({ start: today, end: '2099-12-31', today, opening: true })).toEqual({ field: 'objectionEnd', message: '异议期结束日期不能晚于2027-12-08（今天起一年内），2099-12-31已超出，请核对年份' });
    for (const end of ['2027-12-07', '2027-12-08', '2027-12-09', '9999-12-31']) {
      const far = farDateRefusal('异议期结束日期', end, today);
      for (const when of [{ opening: true }, { review: true }, { review: true, endMoved: true }]) {
        expect(objectionWindowRefusal({ start: today, end, today, ...when }), `${end} ${JSON.stringify(when)}`).toEqual(far && { field: 'objectionEnd', message: far });
      }
    }
  });
  it('a reopening ends today at the earliest', () => {
    expect(reopenUntilRefusal({ until: today, today })).toBeNull();
    expect(reopenUntilRefusal({ until: '2026-12-06', today })).toEqual({ field: 'until', message: '重新开放截止日期2026-12-06早于今天（2026-12-07），请选择今天或以后的日期' });
  });
});

describe('the 异议期 on the cycle\'s 概况 (objectionWindowText): what is true on the day', () => {
  const cycle = { status: 'review' as const, objectionStart: '2026-12-01', objectionEnd: '2026-12-10', publishedAt: null };
  it('its days while it runs, 已结束 once past, 未设置 without any', () => {
    expect(objectionWindowText(cycle, '2026-12-05')).toBe('2026-12-01至2026-12-10');
    expect(objectionWindowText(cycle, '2026-12-11')).toBe('2026-12-01至2026-12-10（已结束）');
    expect(objectionWindowText({ ...cycle, objectionStart: null, objectionEnd: null }, '2026-12-05')).toBe('未设置');
  });
  it('the final results published before its end (China day of the moment): the window it was meant to be and the day it ended', () => {
    // 2026-12-04T17:00Z is 01:00 on the 5th in China
    const early = { ...cycle, status: 'published' as const, publishedAt: '2026-12-04T17:00:00.000Z' };
    expect(objectionWindowText(early, '2026-12-06')).toBe('原定2026-12-01至2026-12-10；最终结果已于2026-12-05提前发布，异议期随之结束');
    const after = { ...cycle, status: 'published' as const, publishedAt: '2026-12-11T02:00:00.000Z' };
    expect(objectionWindowText(after, '2026-12-12')).toBe('2026-12-01至2026-12-10（已结束）');
  });
});
