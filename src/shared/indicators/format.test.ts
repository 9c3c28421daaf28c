import { describe, expect, it } from 'vitest';
import { asWritten, planTargetHead, printedFigure, printedTarget, targetText } from './format';

// an indicator written to one decimal (baseline 90.1, goal 93, higher is better) whose year target works out to 92.82
const path = { baseline: 90.1, target: { value: 93 }, direction: 'higher' as const };

describe('a year target as the tables print it (one rule for the page, the form, the report and the light reasons)', () => {
  it('writes a figure worked out on the path as the plan writes its figures, to the stricter side', () => {
    expect(asWritten(92.82, path)).toBe(92.9);
    expect(printedFigure(92.82, 'interpolated', path)).toBe('92.9');
    expect(asWritten(92.82, { ...path, direction: 'lower' })).toBe(92.8);
    expect(printedTarget({ bound: 'min', value: 92.82 }, 'interpolated', path)).toBe('≥92.9');
  });

  it('keeps an override, the baseline, the goal and a figure without a path as they stand', () => {
    expect(printedFigure(92.82, 'override', path)).toBe('92.82');
    expect(printedFigure(92.82, 'plan', path)).toBe('92.82');
    expect(printedFigure(92.82, 'interpolated', null)).toBe('92.82');
    expect(printedTarget({ value: 92.123456 }, 'override', path)).toBe('92.1235');
    expect(targetText({ bound: 'max', value: 3 })).toBe('≤3');
    expect(targetText({ kind: 'national', text: '达到国家考核目标' })).toBe('达到国家考核目标');
    expect(targetText(null)).toBe('—');
  });
});

describe("the plan's target column beside the year's", () => {
  it('is 2025年目标 in another year and 规划目标 in 2025 itself, where the year’s column is 2025年目标', () => {
    expect(planTargetHead({ targetYear: 2025 }, 2023)).toBe('2025年目标');
    expect(planTargetHead({ targetYear: 2025 }, 2025)).toBe('规划目标');
    expect(planTargetHead({ targetYear: 2025 }, 2025, '\n')).toBe('规划\n目标');
  });
});
