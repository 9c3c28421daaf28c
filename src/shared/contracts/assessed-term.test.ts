import { describe, expect, it } from 'vitest';
import { assessedTerm } from './results';

describe('assessedTerm: what the assessed units are called', () => {
  it('市州 when a province assesses its cities, 县市区 when a city assesses its counties', () => {
    expect(assessedTerm(['430100', '430600', '433100'])).toBe('市州');
    expect(assessedTerm(['430602', '430603', '430681'])).toBe('县市区');
    // a mixed list is not a province's cities
    expect(assessedTerm(['430600', '430602'])).toBe('县市区');
    expect(assessedTerm([])).toBe('市州');
  });
});
