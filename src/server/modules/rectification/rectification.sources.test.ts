import { describe, expect, it } from 'vitest';
import { indicatorFigureRef, sourceOf, yearOfIndicatorRef } from './rectification.sources';
import type { RectificationRow } from './rectification.queries';

describe('an indicator item names its figure in source_ref', () => {
  it('reads back the year it was written with', () => {
    expect(indicatorFigureRef(17, 2024)).toBe('17:2024');
    expect(yearOfIndicatorRef(indicatorFigureRef(17, 2024))).toBe(2024);
  });

  it('does not make a year out of a ref of another shape', () => {
    for (const ref of ['9.9', '17', '17:', '17:24', ':2024', '17:2024:1', 'A:2024']) expect(yearOfIndicatorRef(ref)).toBeNull();
  });

  it('falls back to the year, never to the ref, when an item stored no label', () => {
    const row = { source_type: 'indicator', source_id: 5, source_ref: indicatorFigureRef(3, 2023), source_label: null } as unknown as RectificationRow;
    expect(sourceOf(row)).toMatchObject({ label: '规划指标 · 2023年', path: '/indicators/5' });
  });
});
