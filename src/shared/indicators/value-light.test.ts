/**
 * The value form names the target beside the input (valueTarget, valueTargetLine) and the light judges the typed figure
 * (valueStatus) from the same facts: the named target is the one the light holds the figure to, or none is named.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from './schema';
import { heldTarget, valueStatus, valueTarget, valueTargetLine, type ValueLightFacts } from './value-light';

const path = (target: Target, overrides: [number, Target][] = [], extra: Partial<NonNullable<ValueLightFacts['path']>> = {}): NonNullable<ValueLightFacts['path']> => ({
  baseline: 90,
  target,
  baselineYear: 2020,
  targetYear: 2025,
  direction: 'higher',
  measure: 'level',
  nature: '预期性',
  overrides,
  ...extra,
});
const facts = (f: Partial<ValueLightFacts>): ValueLightFacts => ({ path: null, year: 2024, city: false, unit: '%', regionName: '岳阳市', ...f });

describe('valueTarget: the target the form names is the one the light judges by', () => {
  it("a city's own indicator (no baseline) with a target the office set for 2024: named ≥93, and the light holds 92 to 93", () => {
    const f = facts({ unbased: { yearTarget: { bound: 'min', value: 93 }, direction: 'higher' } });
    const t = valueTarget(f);
    expect(t).toEqual({ figure: 93, text: '≥93', quarter: null });
    expect(valueTargetLine(f, t!)).toBe('2024年目标≥93');
    const light = valueStatus(f, 92);
    expect(light).toMatchObject({ status: 'lagging', yearTarget: 93 });
    expect(light.reason).toContain('2024年目标≥93%');
    expect(valueStatus(f, 93)).toMatchObject({ status: 'on_track', yearTarget: t!.figure });
  });

  it('no target for the year, a worded one, or a bound against the direction: nothing named, and the light cannot judge', () => {
    for (const yearTarget of [null, { kind: 'qualitative', text: '全面提升' }, { bound: 'max', value: 93 }] as (Target | null)[]) {
      const f = facts({ unbased: { yearTarget, direction: 'higher' } });
      expect(valueTarget(f)).toBeNull();
      expect(valueStatus(f, 92).status).toBe('unknown');
    }
  });

  it("the region's value on the path: the override the office set, printed as the tables print it, is what the light holds it to", () => {
    const f = facts({ path: path({ bound: 'min', value: 95 }, [[2024, { value: 96 }]]), year: 2024 });
    expect(valueTarget(f)).toEqual({ figure: 96, text: '96', quarter: null });
    expect(valueStatus(f, 95.5).yearTarget).toBe(96);
    // a year worked out on the path: 90 → 95 over 2020–2025, 2023 is 93
    const interpolated = facts({ path: path({ value: 95 }), year: 2023 });
    expect(valueTarget(interpolated)?.figure).toBe(valueStatus(interpolated, 92).yearTarget);
  });

  it("a city's count on the province's plan is a part of the total: no target named, as the light does not compare it", () => {
    const f = facts({ path: path({ value: 2320 }, [], { baseline: 2000, measure: 'stock' }), city: true, unit: '项', regionName: '湖南省' });
    expect(valueTarget(f)).toBeNull();
    expect(valueStatus(f, 101).status).toBe('unknown');
    // a city's rate is held to the province's year target, and named so
    const rate = facts({ path: path({ value: 95 }), city: true, regionName: '湖南省' });
    expect(valueTarget(rate)?.figure).toBe(valueStatus(rate, 93).yearTarget);
  });

  it('a quarterly period: the quarter\'s 序时进度 the light holds the figure to is named beside the year\'s target', () => {
    // start 92 (last year's confirmed), 2024 target 94 (interpolated 90 → 95): quarter 2 is 92 + 2 × 2 / 4 = 93
    const f = facts({ path: path({ value: 95 }), year: 2024, quarter: { quarter: 2, start: { value: 92, year: 2023, from: 'actual' } } });
    const t = valueTarget(f)!;
    expect(t).toEqual({ figure: 94, text: '94', quarter: { quarter: 2, figure: 93 } });
    expect(valueTargetLine(f, t)).toBe('2024年目标94，第2季度序时进度93');
    expect(valueStatus(f, 92.9).yearTarget).toBe(93);
    // no start: no quarter path to name, and the light says it cannot judge
    const startless = facts({ path: path({ value: 95 }), year: 2024, quarter: { quarter: 2, start: null } });
    expect(valueTargetLine(startless, valueTarget(startless)!)).toBe('2024年目标94');
    expect(valueStatus(startless, 93).status).toBe('unknown');
  });

  it('heldTarget: the one figure the light holds the value to (the checks\' 约束性 warning compares with it), in every case', () => {
    const cases: [ValueLightFacts, number][] = [
      [facts({ unbased: { yearTarget: { bound: 'min', value: 93 }, direction: 'higher' } }), 92],
      [facts({ path: path({ bound: 'min', value: 95 }, [[2024, { value: 96 }]]) }), 95.5],
      [facts({ path: path({ value: 95 }), city: true, regionName: '湖南省' }), 93],
      [facts({ path: path({ value: 95 }), year: 2024, quarter: { quarter: 2, start: { value: 92, year: 2023, from: 'actual' } } }), 92.9],
      [facts({ path: path({ value: 95 }), year: 2024, quarter: { quarter: 2, start: null } }), 93],
      [facts({ unbased: { yearTarget: null, direction: 'higher' } }), 92],
    ];
    for (const [f, actual] of cases) expect(heldTarget(f)?.figure ?? null).toBe(valueStatus(f, actual).yearTarget);
    // a quarterly period: the quarter's 序时进度 (93), named so — not the year's 94
    const quarter = facts({ path: path({ value: 95 }), year: 2024, quarter: { quarter: 2, start: { value: 92, year: 2023, from: 'actual' } } });
    expect(heldTarget(quarter)).toEqual({ figure: 93, text: '93', name: '2024年第2季度序时进度' });
    expect(heldTarget(cases[1]![0])).toEqual({ figure: 96, text: '96', name: '2024年目标' });
  });
});
