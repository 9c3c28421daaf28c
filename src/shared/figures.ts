/**
 * Figures counted in whole things (项, 个, 家 …): a plan indicator's value or target, a peer table's value, a
 * plan's hand-entered peers. One rule for the browser's forms and the server's checks: such a figure is a whole
 * number (2.5 鲁班奖 or 1e-300 获奖企业 is a typing slip, not a figure), and any figure lies within 0–MAX_FIGURE.
 * And how a score rate (得分率) is printed: scoreRate.
 */
import { add, div, floor, gt, mul, rat, toDecimalString, toRational, ZERO } from './scoring/rational';

/** units that count whole things (a unit per thing, never a share or an amount) */
export const COUNT_UNITS: readonly string[] = ['项', '个', '家', '件', '次', '名', '人', '座', '所', '户', '家次', '项次', '人次'];

/** a unit of whole things (项, 个, 家…): its figures are whole numbers */
export const isCountUnit = (unit: string | null | undefined): boolean => unit != null && COUNT_UNITS.includes(unit.trim());

/** beyond any figure the plans count (the largest, certificates held, is tens of thousands; amounts are in 亿元) */
export const MAX_FIGURE = 1e9;

/**
 * What is wrong with a figure counted in `unit` (null: nothing): the Chinese sentence names `what` (the indicator,
 * the unit whose value it is) and the unit — a negative, a figure past MAX_FIGURE, or a fraction of a whole thing.
 */
export function countFigureProblem(what: string, unit: string, v: number): string | null {
  if (!Number.isFinite(v)) return `${what}的数值须为数字`;
  if (v < 0) return `${what}的数值不能为负数（填写的是${v}）`;
  if (v > MAX_FIGURE) return `${what}的数值${v.toExponential(2)}超出合理范围（不超过${MAX_FIGURE.toExponential(0)}${unit}），请核对单位`;
  return wholeCountProblem(what, unit, v);
}

/**
 * The one sentence for a figure that must be whole and is not: counted in whole things (以“个”计数), or `held`, a
 * count held since the plan's start (为累计数量（项）, a plan indicator measured as a stock, whatever its unit).
 */
export const notWholeMessage = (what: string, unit: string, v: number, held = false): string =>
  `${what}${held ? `为累计数量（${unit}）` : `以“${unit}”计数`}，须为整数（填写的是${v}）`;

/** a fraction of a whole thing (2.5 个): what is wrong with it, or null (any figure in a unit not counting whole things) */
export const wholeCountProblem = (what: string, unit: string, v: number): string | null =>
  isCountUnit(unit) && !Number.isInteger(v) ? notWholeMessage(what, unit, v) : null;

/**
 * A score rate (得分率) as it is printed: the share of `whole` that `part` is, in per cent with two decimals always,
 * rounded half up on the exact figures — 85 of 100 → "85.00%", 72.5 of 85 → "85.29%", 10 of 10 → "100.00%" — so a
 * column of rates reads alike (「85%」 beside 「85.27%」 did not); '—' where `whole` is not above zero (nothing scored).
 */
export function scoreRate(part: string | number, whole: string | number): string {
  const w = toRational(whole);
  if (!gt(w, ZERO)) return '—';
  const hundredths = floor(add(div(mul(toRational(part), rat(10000)), w), rat(1, 2)));
  return `${toDecimalString(div(hundredths, rat(100)), 2, 2)}%`;
}
