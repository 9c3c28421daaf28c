import { describe, expect, it } from 'vitest';
import { difference, show, TEXT, withUnit } from './explain';
import { rat } from './rational';

describe('explain', () => {
  // issue 3's example read "低 1.0%"; a gap between two percentages is counted in 个百分点, as the framework's own rule
  // says (每低于目标1个百分点扣1分): "低 1.4%" would be 1.4% of the target
  it('writes the issue example with the gap of two percentages in 个百分点', () => {
    expect(TEXT.linearShort(withUnit(show(rat(99), 1), '%'), withUnit(show(rat(100)), '%'), '低', difference(show(rat(1), 1), '%'), '2', '13', false)).toBe(
      '99.0% 比 100% 低 1.0 个百分点，扣 2 分，得 13 分',
    );
  });
  it('says a gap in 个百分点, 个千分点, or the unit itself', () => {
    expect(difference('1.4', '%')).toBe('1.4 个百分点');
    expect(difference('0.2', '‰')).toBe('0.2 个千分点');
    expect(difference('2', '张/万人')).toBe('2 张/万人');
    expect(difference('3', '')).toBe('3');
  });
  it('shows numbers exactly when short, approximately otherwise', () => {
    expect(show(rat(7, 10))).toBe('0.7');
    expect(show(rat(1, 3))).toBe('≈0.3333');
    expect(withUnit('2', '张/万人')).toBe('2 张/万人');
    expect(withUnit('0.7', '‰')).toBe('0.7‰');
  });
});
