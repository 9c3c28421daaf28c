/** How targets, measures and directions read in Chinese (tables, exports, the report). */
import type { Direction, Measure, Target } from './schema';

const num = (x: number) => String(Math.round(x * 1e4) / 1e4);

/** "≥98", "95", "达到国家考核目标"; a bound reads ≥ / ≤ as the seed writes it */
export function targetText(t: Target | null | undefined): string {
  if (!t) return '—';
  if ('kind' in t) return t.text;
  if ('bound' in t) return `${t.bound === 'min' ? '≥' : '≤'}${num(t.value)}`;
  return num(t.value);
}

export const MEASURE_LABELS: Record<Measure, string> = {
  level: '当年水平（年末值）',
  stock: '年末累计保有数',
  increment: '规划期内累计新增',
};

export const DIRECTION_LABELS: Record<Direction, string> = { higher: '越高越好', lower: '越低越好' };

export const TARGET_ORIGIN_LABELS: Record<string, string> = {
  baseline: '基期值',
  interpolated: '按序时进度插值',
  plan: '规划目标',
  override: '另行确定',
  unset: '待国家下达后录入',
  'work-plan': '年度工作要点',
  office: '质强办调整',
};
