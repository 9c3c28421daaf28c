/**
 * The walks over a scheme's framework by a key point's code (framework.ts): an item's title, the title a key point is
 * named by and its evaluators all find the item one way; a key point the scheme does not hold is named by its code
 * alone (「7.z」, not 「7.z 产品质量安全保障」 as if item 7 held it), as is any key point of a cycle without a scheme.
 */
import { describe, expect, it } from 'vitest';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { evaluatorsOf, itemTitleIn, keyPointInScheme, keyPointTitleIn, scoreCellInScheme } from './framework';

const fw = {
  sections: [
    { code: 'A', items: [{ code: '3', title: '加强人才队伍建设', evaluators: ['hrss'], criteria: [{ code: 'a' }] }] },
    { code: 'B', items: [{ code: '7', title: '产品质量安全保障', evaluators: ['samr'], criteria: [{ code: 'a' }, { code: 'b', evaluators: ['miit'] }] }] },
  ],
} as unknown as Framework;

describe('a key point by its code in a scheme', () => {
  it('names a key point the scheme holds by its code and its item’s title, one it does not by its code alone', () => {
    expect([keyPointTitleIn(fw, '7', 'b'), keyPointTitleIn(fw, '7', 'z'), keyPointTitleIn(fw, '99', 'a'), keyPointTitleIn(undefined, '7', 'a')]).toEqual(['产品质量安全保障', '', '', '']);
    expect([keyPointInScheme(fw, '7', 'a'), keyPointInScheme(fw, '7', 'z'), keyPointInScheme(undefined, '3', 'a')]).toEqual(['「7.a 产品质量安全保障」', '「7.z」', '「3.a」']);
    expect(scoreCellInScheme(fw, '长沙市', '3', 'a')).toBe('长沙市「3.a 加强人才队伍建设」');
  });

  it('finds an item, and a key point’s evaluators (its own, else its item’s), by the same walk', () => {
    expect([itemTitleIn(fw, '3'), itemTitleIn(fw, '7'), itemTitleIn(fw, '8'), itemTitleIn(undefined, '7')]).toEqual(['加强人才队伍建设', '产品质量安全保障', '', '']);
    expect([evaluatorsOf(fw, '7', 'a'), evaluatorsOf(fw, '7', 'b'), evaluatorsOf(fw, '7', 'z'), evaluatorsOf(fw, '8', 'a')]).toEqual([['samr'], ['miit'], null, null]);
  });
});
