import { describe, expect, it } from 'vitest';
import { show, TEXT, withUnit } from './explain';
import { rat } from './rational';

describe('explain', () => {
  it('writes the issue example verbatim', () => {
    expect(TEXT.linearShort(withUnit(show(rat(99), 1), '%'), withUnit(show(rat(100)), '%'), '低', withUnit(show(rat(1), 1), '%'), '2', '13', false)).toBe(
      '99.0% 比 100% 低 1.0%，扣 2 分，得 13 分',
    );
  });
  it('shows numbers exactly when short, approximately otherwise', () => {
    expect(show(rat(7, 10))).toBe('0.7');
    expect(show(rat(1, 3))).toBe('≈0.3333');
    expect(withUnit('2', '张/万人')).toBe('2 张/万人');
    expect(withUnit('0.7', '‰')).toBe('0.7‰');
  });
});
