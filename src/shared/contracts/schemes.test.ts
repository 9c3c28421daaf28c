/** How a publication tells the office which scores the new version removed (removedScoresLine, shown by the scheme tab). */
import { describe, expect, it } from 'vitest';
import { removedScoresLine } from './schemes';

describe('the scores a new version removed', () => {
  it('counts them and names each key point once by its one name, as the version it was scored under named it', () => {
    const removed = [
      { itemCode: '7', criterionCode: 'z', itemTitle: '产品质量安全保障' },
      { itemCode: '7', criterionCode: 'z', itemTitle: '产品质量安全保障' },
      { itemCode: '3', criterionCode: 'b', itemTitle: '' },
    ];
    // not 移除了3条不再适用的评分：7.z、7.z、3.b
    expect(removedScoresLine(removed)).toBe('移除了3条不再适用的评分：「7.z 产品质量安全保障」、「3.b」');
  });
});
