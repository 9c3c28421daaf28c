/**
 * Yearly targets on the path (序时进度) from a plan's baseline to its target, by linear interpolation.
 *
 * - { value }: baseline + (value − baseline) × (year − baselineYear) / (targetYear − baselineYear).
 * - { bound }: the same toward the bound's value, and the result stays a bound ("≥98" in 2025 → "≥97.x" in
 *   2023). When the baseline already meets the bound (59.96 against "≥59"), the bound holds every year.
 * - { kind: "national" } / { kind: "qualitative" }: no figure to interpolate → null (entered when known).
 * - "stock" counts are whole numbers: the yearly figure is rounded toward the better side (up for higher).
 * - An override (a yearly work plan's target, or the office's edit) replaces the interpolated figure.
 *
 * Figures are rounded to 4 decimals so that 93.61 + 1.39 × 3/5 reads 94.444, not 94.44399999999999.
 */
import { isNumericTarget, type Direction, type Measure, type Target } from './schema';

export interface PathInput {
  baseline: number;
  target: Target;
  baselineYear: number;
  targetYear: number;
  direction: Direction;
  measure: Measure;
}

export type YearTargetOrigin = 'baseline' | 'interpolated' | 'plan' | 'override' | 'unset';
export interface YearTarget {
  year: number;
  /** null: no figure yet (a national target not entered, a qualitative goal) */
  target: Target | null;
  origin: YearTargetOrigin;
}

export const round4 = (x: number): number => Math.round(x * 1e4) / 1e4 + 0;

/** true when `a` is at least as good as `b` in the indicator's direction */
export const atLeastAsGood = (a: number, b: number, direction: Direction): boolean => (direction === 'higher' ? a >= b : a <= b);

/**
 * The bound a target of an indicator may carry: a floor (≥, min) where higher is better, a ceiling (≤, max) where
 * lower is better — every bound of the plans is of this kind ("≥98", "98%以上"). A bound the other way ("≤90" for a
 * 合格率) would call a better value a miss, so it is refused where targets are set and never judged.
 */
export const boundFor = (direction: Direction): 'min' | 'max' => (direction === 'higher' ? 'min' : 'max');
/**
 * A worded (qualitative) year target on an indicator whose own goal is a figure, a bound or the state's figure: its
 * years are judged against figures, and words would leave that year 无法判断. Only an indicator whose goal is itself
 * worded (Yueyang's 服务质量满意度 全面提升) takes worded year targets.
 */
export const wordsOnNumeric = (goal: Target, t: Target): boolean => 'kind' in t && t.kind === 'qualitative' && !('kind' in goal && goal.kind === 'qualitative');
export const boundAgainstDirection = (t: Target | null | undefined, direction: Direction): boolean => !!t && 'bound' in t && t.bound !== boundFor(direction);

function pathValue(p: PathInput, year: number, goal: number): number {
  const span = p.targetYear - p.baselineYear;
  if (span <= 0) throw new Error('目标年份必须晚于基期年份');
  const raw = round4(p.baseline + ((goal - p.baseline) * (year - p.baselineYear)) / span);
  if (p.measure !== 'stock') return raw;
  return p.direction === 'higher' ? Math.ceil(raw - 1e-9) : Math.floor(raw + 1e-9);
}

/** the target of one year between baselineYear and targetYear (inclusive), before any override */
export function interpolateTarget(p: PathInput, year: number): YearTarget {
  if (!Number.isInteger(year) || year < p.baselineYear || year > p.targetYear) {
    throw new Error(`年份${year}不在规划期${p.baselineYear}—${p.targetYear}内`);
  }
  if (year === p.baselineYear) return { year, target: { value: p.baseline }, origin: 'baseline' };
  if (year === p.targetYear) return { year, target: p.target, origin: 'plan' };
  const t = p.target;
  if (!isNumericTarget(t)) return { year, target: null, origin: 'unset' };
  if ('bound' in t) {
    const met = t.bound === 'min' ? p.baseline >= t.value : p.baseline <= t.value;
    if (met || boundAgainstDirection(t, p.direction)) return { year, target: { bound: t.bound, value: t.value }, origin: 'interpolated' };
    return { year, target: { bound: t.bound, value: pathValue(p, year, t.value) }, origin: 'interpolated' };
  }
  return { year, target: { value: pathValue(p, year, t.value) }, origin: 'interpolated' };
}

/** every year's target, baselineYear..targetYear, an override (by year) winning over the interpolation */
export function yearlyTargets(p: PathInput, overrides: ReadonlyMap<number, Target> = new Map()): YearTarget[] {
  const out: YearTarget[] = [];
  for (let y = p.baselineYear; y <= p.targetYear; y++) {
    const o = overrides.get(y);
    out.push(o && y !== p.baselineYear ? { year: y, target: o, origin: 'override' } : interpolateTarget(p, y));
  }
  return out;
}
