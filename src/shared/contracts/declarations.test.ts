import { describe, expect, it } from 'vitest';
import { checkDeclaration, pointsTotal, pointsTotalText, type IndicatorRow } from './declarations';

describe('a key point\'s 要点考核内容 合计 (pointsTotal): exact, or none while a figure is finer than two decimals', () => {
  it('the exact sum of figures to two decimals, without float noise', () => {
    expect(pointsTotal([0.1, 0.2])).toBe(30);
    expect(pointsTotalText([0.1, 0.2])).toBe('0.3分');
    expect(pointsTotalText([3.14, 0.01, 12])).toBe('15.15分');
    expect(pointsTotalText([])).toBe('0分');
  });
  it('a figure typed finer (3.145, refused by pointsPrecisionProblem) gives no total, not a rounded one (合计3.14)', () => {
    expect(pointsTotal([3.145])).toBeNull();
    expect(pointsTotal([1, 3.145])).toBeNull();
    expect(pointsTotalText([3.145])).toBe('—');
    expect(pointsTotalText([1, 0.005])).toBe('—');
  });
  it('the submission\'s checks judge no 合计 against the 分值 while a figure cannot be added up; an exact one they do', () => {
    const row = (criteria: number[], points: number): IndicatorRow => ({
      domain: '宏观质量',
      item: '实施质量强省战略',
      keyPoint: '质量强省建设',
      criteria: criteria.map((n) => ({ text: '组织机构完善', points: n })),
      points,
      basis: '《质量强省建设纲要》',
      lastYearPoints: null,
      sourceCode: null,
    });
    const sums = (r: IndicatorRow) => checkDeclaration({ indicators: [r], bonuses: [] }).filter((x) => x.field === 'indicators.0.criteria');
    expect(sums(row([3.145], 3.15))).toEqual([]);
    expect(sums(row([1.1, 2.2], 3.3))).toEqual([]);
    expect(sums(row([1.1, 2.2], 3.4))).toEqual([{ field: 'indicators.0.criteria', message: '第1条指标：要点考核内容分值合计3.3分，与考核要点分值3.4分不一致，请调整使二者相等' }]);
  });
});
