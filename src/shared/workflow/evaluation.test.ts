import { describe, expect, it } from 'vitest';
import { planDateEarliest, planEarlyDate, planScheduleRefusal, PUBLICITY_MAX_DAYS, publicityDayOpen, publicityRefusal } from './evaluation';

const today = '2026-12-02';

describe('a 公示 window (publicityRefusal, the server’s and the form’s one rule)', () => {
  it('accepts a window from today, and one of the longest length beginning at the latest start', () => {
    expect(PUBLICITY_MAX_DAYS).toBe(30);
    expect(publicityRefusal(today, today, today)).toBeNull();
    expect(publicityRefusal('2027-01-01', '2027-01-30', today)).toBeNull();
  });
  it('refuses each way a window goes wrong, naming the field to fix', () => {
    expect(publicityRefusal('2026-12-10', '2026-12-09', today)).toMatchObject({ field: 'publicityEnd', message: '公示截止日期不能早于开始日期' });
    expect(publicityRefusal('2026-12-01', '2026-12-09', today)).toMatchObject({ field: 'publicityStart', fieldMessage: '不能早于今天' });
    expect(publicityRefusal('2026-12-02', '2027-01-01', today)).toMatchObject({ field: 'publicityEnd', message: '公示期最长30天，2026-12-02至2027-01-01共31天，请检查公示截止日期' });
    expect(publicityRefusal('2027-01-02', '2027-01-05', today)).toMatchObject({ field: 'publicityStart', message: '公示开始日期不能晚于2027-01-01（今天起30天内），请检查公示开始日期' });
    // a slip of the year
    expect(publicityRefusal('2062-12-02', '2062-12-20', today)?.field).toBe('publicityStart');
  });
});

describe('the days the form lets one pick (publicityDayOpen)', () => {
  it('alone: from today to the last day of a window beginning at the latest start', () => {
    expect(publicityDayOpen('2026-12-01', null, today)).toBe(false);
    expect(publicityDayOpen(today, null, today)).toBe(true);
    expect(publicityDayOpen('2027-01-30', null, today)).toBe(true);
    expect(publicityDayOpen('2027-01-31', null, today)).toBe(false);
  });
  it('with the other end picked, in either order: what the server accepts', () => {
    expect(publicityDayOpen('2026-12-31', today, today)).toBe(true);
    expect(publicityDayOpen('2027-01-01', today, today)).toBe(false);
    // the end picked first: the start must still begin within 30 days of today
    expect(publicityDayOpen('2027-01-01', '2027-01-30', today)).toBe(true);
    expect(publicityDayOpen('2026-12-31', '2027-01-30', today)).toBe(false);
    for (const [a, b] of [['2026-12-05', '2026-12-20'], ['2026-12-20', '2026-12-05'], ['2027-01-02', '2027-01-03']]) {
      const [start, end] = a < b ? [a, b] : [b, a];
      expect(publicityDayOpen(a, b, today)).toBe(publicityRefusal(start, end, today) === null);
    }
  });
});

describe('a 评价工作方案\'s dates (planScheduleRefusal: the save\'s 400 and the pickers\' greyed days)', () => {
  const today = '2026-12-07';
  it('from the round\'s year on: the day before it is refused, whichever date, naming the bound; its first day is kept', () => {
    expect(planDateEarliest(2026)).toBe('2026-01-01');
    expect(planScheduleRefusal({ documentReviewStart: '2026-01-01', siteReviewEnd: '2026-12-31' }, today, 2026)).toBeNull();
    expect(planScheduleRefusal({ siteReviewStart: '2025-12-31' }, today, 2026)).toEqual({
      field: 'siteReviewStart',
      message: '现场评审开始日期2025-12-31早于评价年度（2026年）开始：评价工作方案的时间安排不能早于2026-01-01，请核对年份',
    });
    // a draft stored before the refusal is held at approval with the same words
    expect(planEarlyDate({ siteReviewStart: '2025-12-31' }, 2026)).toEqual(planScheduleRefusal({ siteReviewStart: '2025-12-31' }, today, 2026));
  });
  it('to a year from today: the day after is refused; empty dates are left to the approval', () => {
    expect(planScheduleRefusal({ documentReviewEnd: '2027-12-08' }, today, 2026)).toBeNull();
    // in the words of every date set for work ahead (farDateRefusal), naming the field
    expect(planScheduleRefusal({ documentReviewEnd: '2027-12-09' }, today, 2026)).toEqual({ field: 'documentReviewEnd', message: '资料评审截止日期不能晚于2027-12-08（今天起一年内），2027-12-09已超出，请核对年份' });
    expect(planScheduleRefusal({ documentReviewStart: '2026-06-01', siteReviewStart: '2062-06-01' }, today, 2026)?.field).toBe('siteReviewStart');
    expect(planScheduleRefusal({ documentReviewStart: null, siteReviewEnd: null }, today, 2026)).toBeNull();
  });
});
