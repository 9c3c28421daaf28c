/**
 * One-line Chinese explanations of how a criterion's score was found, e.g.
 * "99.0%比100%低1.0个百分点，扣2分，得13分". Pure string builders; the engine calls them with exact values.
 * House style: no half-width space between Chinese text and a figure or its unit (「得13分」, not 「得 13 分」);
 * explain.test.ts scans the explanations of the shipped frameworks for one.
 */
import { decimalsOf, isTerminating, toDecimalString, type Rational } from './rational';

export function show(x: Rational, minDecimals = 0): string {
  if (x.d === 1 && minDecimals === 0) return String(x.n);
  if (isTerminating(x) && decimalsOf(x) <= Math.max(4, minDecimals)) return toDecimalString(x, minDecimals, 15);
  return `≈${toDecimalString(x, minDecimals, 4)}`;
}

/** "0.7‰", "99.0%", "2张/万人": the unit follows the figure with no space. */
export function withUnit(text: string, unit: string): string {
  if (!unit) return text;
  return `${text}${unit.trim()}`;
}

/**
 * A difference of two figures in their unit: of two percentages in 个百分点 (86.6% is 1.4个百分点 below 88%, not
 * "1.4%", which would be 1.4% of 88%), of two per-mille figures in 个千分点, else as withUnit.
 */
export function difference(text: string, unit: string): string {
  const u = unit.trim();
  if (u === '%') return `${text}个百分点`;
  if (u === '‰') return `${text}个千分点`;
  return withUnit(text, unit);
}

/**
 * A framework's own words quoted in an explanation (a level's label, verbatim from the seed: 「…的得 0 分」), with the
 * half-width spaces between Chinese and a figure taken out, as the explanation around them has none.
 */
export const tightened = (text: string): string =>
  text.replace(/([\u4e00-\u9fff]) +(?=\d)|(\d) +(?=[\u4e00-\u9fff])/g, (_m, han: string | undefined, digit: string | undefined) => han ?? digit ?? '');

export const TEXT = {
  missing: '未填报',
  na: (points: string) => `合理缺项，本项${points}分不计入得分和满分`,
  met: (score: string) => `符合，得${score}分`,
  notMet: '不符合，得0分',
  vetoMet: '触发否决',
  vetoNotMet: '未触发否决',
  level: (level: string, label: string | undefined, score: string) =>
    `评定为${level}分档${label ? `（${tightened(label)}）` : ''}，得${score}分`,
  direct: (score: string) => `直接评分，得${score}分`,
  bonus: (score: string) => `加${score}分`,
  deduction: (score: string) => `减${score}分`,
  thresholdReached: (value: string, op: string, bound: string, score: string) =>
    `${value}达到${op}${bound}档，得${score}分`,
  thresholdMissed: (value: string, op: string, bound: string, score: string) =>
    `${value}未达到${op}${bound}，得${score}分`,
  linearFull: (value: string, target: string, score: string) => `${value}达到${target}，得${score}分`,
  linearShort: (value: string, target: string, dir: '低' | '高', diff: string, ded: string, score: string, floor: boolean) =>
    `${value}比${target}${dir}${diff}，扣${ded}分${floor ? '，扣完为止' : ''}，得${score}分`,
  rank: (value: string, n: number, r: number, tier: string, score: string) =>
    `${value}，同组${n}个单位中排第${r}名（${tier}），得${score}分`,
  rankLevel: (tier: string, score: string) => `评定为${tier}，得${score}分`,
  capped: (raw: string, points: string) => `；按评分方法得${raw}分，超过分值${points}分，按${points}分计`,
  ratio: (a: string, b: string, value: string) => `${a}/${b} = ${value}`,
} as const;

export const DEFAULT_TIER_LABELS = ['前列', '中游', '其余'] as const;
