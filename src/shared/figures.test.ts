import { describe, expect, it } from 'vitest';
import { scoreRate } from './figures';

describe('scoreRate (得分率 as printed)', () => {
  it('writes two decimals always, rounded half up on the exact figures', () => {
    expect(scoreRate('35', '50')).toBe('70.00%');
    expect(scoreRate('30', '30')).toBe('100.00%');
    expect(scoreRate('65', '80')).toBe('81.25%');
    expect(scoreRate('13.33', '15')).toBe('88.87%');
    expect(scoreRate('72.5', '85')).toBe('85.29%');
    // 1 of 8 is 12.5% exactly, 1 of 3 33.333…%, 2 of 3 66.666…%; 0.00005 of 1 is 0.005% (half up: 0.01%)
    expect(scoreRate('1', '8')).toBe('12.50%');
    expect(scoreRate('1', '3')).toBe('33.33%');
    expect(scoreRate('2', '3')).toBe('66.67%');
    expect(scoreRate('0.00005', '1')).toBe('0.01%');
    expect(scoreRate(0, 40)).toBe('0.00%');
  });

  it('prints a dash where nothing is scored (the whole is not above zero)', () => {
    expect(scoreRate('0', '0')).toBe('—');
    expect(scoreRate('5', '-1')).toBe('—');
  });
});
