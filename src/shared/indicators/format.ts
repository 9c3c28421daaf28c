/** How targets, measures and directions read in Chinese (tables, exports, the report). */
import { round4, type PathInput } from './interpolate';
import type { Direction, Measure, Target } from './schema';

const num = (x: number) => String(round4(x));
/** decimals a figure is written with: 77.77 → 2, 80 → 0 */
const decimalsOf = (x: number) => (num(x).split('.')[1] ?? '').length;

/**
 * A figure worked out on an indicator's path (a year's target between its baseline and its goal: 77.77 → 80 gives
 * 79.108 in 2023) as the indicator's own figures are written: to as many decimals as its baseline and goal have (79.11),
 * rounded to the stricter side (up where higher is better), so that a value written the same way meets the printed
 * figure exactly when it meets the worked-out one.
 */
export function asWritten(x: number, p: Pick<PathInput, 'baseline' | 'target' | 'direction'>): number {
  const f = 10 ** Math.max(decimalsOf(p.baseline), 'value' in p.target ? decimalsOf(p.target.value) : 0);
  return (p.direction === 'higher' ? Math.ceil(round4(x * f)) : Math.floor(round4(x * f))) / f;
}

type PathFigures = Pick<PathInput, 'baseline' | 'target' | 'direction'>;

/**
 * A year's target figure as the monitoring tables print it — the one rule the indicator's page, the value form, the
 * analysis report and the status reasons share: a figure worked out on the indicator's path (origin 'interpolated')
 * is written as the plan writes its figures (asWritten: 92.82 → 92.9); any other (the baseline, the plan's goal, an
 * override as typed, or a figure of no known origin: null) as it stands, to 4 decimals. `path`: the indicator's
 * baseline, goal and direction (null: none).
 */
export function printedFigure(value: number, origin: string | null, path: PathFigures | null | undefined): string {
  return origin === 'interpolated' && path ? String(asWritten(value, path)) : num(value);
}

/** "≥98", "95", "达到国家考核目标": a target as written; a bound reads ≥ / ≤ as the plan writes it. */
export function targetText(t: Target | null | undefined): string {
  return printedTarget(t, null, null);
}

/** A year's target as the monitoring tables print it (printedFigure), with its bound sign. */
export function printedTarget(t: Target | null | undefined, origin: string | null, path: PathFigures | null | undefined): string {
  if (!t) return '—';
  if ('kind' in t) return t.text;
  const figure = printedFigure(t.value, origin, path);
  return 'bound' in t ? `${t.bound === 'min' ? '≥' : '≤'}${figure}` : figure;
}

/** A target's text in a sentence, in the unit of the values beside it: "97.3%", "≥59%"; a worded target as written, "—" as is. */
/**
 * The head of the plan's target column beside the year's: 「2025年目标」, but 「规划目标」 in the table of the target year
 * itself — there both columns were headed 「2025年目标」, the year's (adjustable by the office) and the plan's, two
 * columns of one name that may hold two figures. `br` breaks the head where a narrow column wraps it (the .docx).
 */
export const planTargetHead = (plan: { targetYear: number }, year: number, br = ''): string => (year === plan.targetYear ? `规划${br}目标` : `${plan.targetYear}年${br}目标`);

export const targetWithUnit = (text: string, unit: string): string => (/\d$/.test(text) ? `${text}${unit}` : text);

export const MEASURE_LABELS: Record<Measure, string> = {
  level: '当年水平（年末值）',
  stock: '年末累计保有数',
  increment: '规划期内累计新增',
};

export const DIRECTION_LABELS: Record<Direction, string> = { higher: '越高越好', lower: '越低越好' };
export const BOUND_LABELS: Record<'min' | 'max', string> = { min: '下限（≥）', max: '上限（≤）' };

/** why a bound against the indicator's direction (boundAgainstDirection) cannot be a target, and what to enter instead */
export function boundDirectionMessage(name: string, direction: Direction, t: { bound: 'min' | 'max'; value: number }): string {
  const [better, worse] = direction === 'higher' ? ['更高', '更低'] : ['更低', '更高'];
  return `“${name}”${DIRECTION_LABELS[direction]}，目标不能设为${t.bound === 'min' ? '下限' : '上限'}“${targetText(t)}”：那样${better}的实际值反而算未达到、${worse}的算达到。请改选“${BOUND_LABELS[direction === 'higher' ? 'min' : 'max']}”或“确定值”`;
}

/** why a worded target cannot be a numeric indicator's year target (wordsOnNumeric), and what it must look like; hint: for the field */
export function wordedTargetMessage(name: string, unit: string, direction: Direction): { message: string; hint: string } {
  const bound = direction === 'higher' ? '下限（≥，如 ≥98.5）' : '上限（≤，如 ≤1.5）';
  return {
    message: `“${name}”是数值指标${unit ? `（${unit}）` : ''}，年度目标须为数值（如98.5）、${bound}或“达到国家考核目标”，不能是文字目标：文字目标无法判断是否达到`,
    hint: `须为数值、${BOUND_LABELS[direction === 'higher' ? 'min' : 'max']}或“达到国家考核目标”`,
  };
}

export const TARGET_ORIGIN_LABELS: Record<string, string> = {
  baseline: '基期值',
  interpolated: '按序时进度插值',
  plan: '规划目标',
  override: '另行确定',
  unset: '待国家下达后录入',
  'work-plan': '年度工作要点',
  office: '质强办调整',
};

/**
 * A status as the table of `tableYear` shows it. A status judges its figure's year against that year's target; when
 * the table's year has no figure yet, the latest earlier one is shown, so its status must not read as this year's:
 * "尚无2024年数据（2023年：符合预期）", and `current` is false (not counted among the year's statuses).
 */
export function statusInYear(s: { year: number; label: string }, tableYear: number): { current: boolean; text: string } {
  return s.year === tableYear ? { current: true, text: s.label } : { current: false, text: `尚无${tableYear}年数据（${s.year}年：${s.label}）` };
}

/**
 * The number each indicator of a plan reads by in the plan's documents (by indicator id), from the plan's rows in
 * their order: the numbers the plan gives them where they run 1, 2, … (the province's plan: 专栏1's 1–24, seed 003);
 * otherwise 1, 2, … in the table's order. A city's plan keeps the province's code for an indicator it shares and 101…
 * for its own as stored keys (they link its figures to the province's indicator); its own programme does not number
 * its targets (岳阳市: seed 002's 二、工作目标 is prose), so its documents count them from 1 rather than print 13…23
 * and 101–116.
 */
export function indicatorNumbers(rows: readonly { id: number; code: number }[]): Map<number, number> {
  const own = rows.every((r, i) => r.code === i + 1);
  return new Map(rows.map((r, i) => [r.id, own ? r.code : i + 1]));
}

/**
 * An indicator as a figure's caption names it: 农产品质量合格率（第16项指标）. The plan's number before the name
 * (16. 农产品质量合格率) read after the figure's own number as 图4 16. …, two numbers in a row.
 */
export const indicatorCaption = (no: number | string, name: string): string => (no !== '' ? `${name}（第${no}项指标）` : name);
