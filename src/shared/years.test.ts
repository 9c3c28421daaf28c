import { describe, expect, it } from 'vitest';
import { yearOf } from './contracts/common';
import { yearRefusal } from './years';

describe('a 年度, wherever one is typed', () => {
  it('outside 2000—2100 it is refused saying the range, under the field name it is typed in (the forms say it, instead of clamping 1999 to 2000)', () => {
    expect(yearRefusal(1999)).toBe('年度1999超出范围：年度须在2000至2100之间');
    expect(yearRefusal(2101, '考核年度')).toBe('考核年度2101超出范围：考核年度须在2000至2100之间');
    expect(yearRefusal(2026.5, '评价年度')).toBe('评价年度须为整数，评价年度须在2000至2100之间');
    expect([yearRefusal(2000), yearRefusal(2100), yearRefusal(2027)]).toEqual([null, null, null]);
  });
  it('the contracts take the same range, with the same words', () => {
    const year = yearOf('考核年度');
    expect(year.safeParse(2000).success && year.safeParse(2100).success).toBe(true);
    expect(year.safeParse(1999).error?.issues.map((i) => i.message)).toEqual(['考核年度须在2000至2100之间']);
    expect(year.safeParse(undefined).error?.issues.map((i) => i.message)).toEqual(['请填写考核年度']);
  });
});
