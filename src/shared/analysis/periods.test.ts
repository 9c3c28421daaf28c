import { describe, expect, it } from 'vitest';
import { dueOnOf, halfYear, lastEndedPeriod, periodsBetween } from './periods';

describe('analysis report half-years', () => {
  it('names the days, the last ended half-year and the due day', () => {
    expect(halfYear('2023-H2')).toMatchObject({ year: 2023, half: 2, startOn: '2023-07-01', endOn: '2023-12-31', label: '2023年下半年' });
    expect(lastEndedPeriod('2024-03-01')).toBe('2023-H2');
    expect(lastEndedPeriod('2024-06-30')).toBe('2023-H2');
    expect(lastEndedPeriod('2024-07-01')).toBe('2024-H1');
    expect(dueOnOf('2023-H1')).toBe('2023-07-30');
    expect(dueOnOf('2023-H2')).toBe('2024-01-30');
    expect(periodsBetween('2023-H1', '2024-H2')).toEqual(['2023-H1', '2023-H2', '2024-H1', '2024-H2']);
  });
});
