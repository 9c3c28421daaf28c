/**
 * Plan indicators (规划指标, issue 12): the monitoring side — plans, the indicator table with yearly targets,
 * status and forecast, one indicator's path against its actuals, the city matrix, reporting completeness, and
 * the office's edit of a yearly target. The reporting side (periods, values, review) has its own contracts.
 */
import { idText, int32, intText, text, versionOf, yearText as yearTextOf, z } from './common';
import { boundTarget, exactTarget, target as targetSchema } from '../indicators/schema';

export const orgRef = z.object({ id: z.number(), name: z.string() });

export const planParams = z.strictObject({ id: idText('规划编号须为正整数') });
export const indicatorParams = z.strictObject({ id: idText('指标编号须为正整数') });
const yearText = yearTextOf('年份', 1900, 2100);
/** the year as the address writes it: digits only (coercion read "2.024e3", "0x7E8" or " 2024" as 2024) */
export const targetParams = z.strictObject({
  id: idText('指标编号须为正整数'),
  year: yearText,
});
export const yearQuery = z.strictObject({ year: yearText.optional() });
/** the indicator table: a year, and optionally a quarter whose column (value, path, light) is shown beside the year's */
export const tableQuery = z.strictObject({
  year: yearText.optional(),
  quarter: intText('季度（quarter）须为1至4的整数', 1, 4, '季度（quarter）须为1至4的整数').optional(),
});

export const thresholdsView = z.object({ onTrack: z.number(), fair: z.number() });

export const planView = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  region: orgRef,
  /** the plan takes its region's cities' figures too (the province's plan): only then has it a 市州矩阵 */
  cities: z.boolean(),
  owner: orgRef,
  baselineYear: z.number(),
  targetYear: z.number(),
  thresholds: thresholdsView,
  indicatorCount: z.number(),
  /** years with accepted values (for the year selector); the default year is the latest of them */
  years: z.array(z.number()),
  defaultYear: z.number(),
  abilities: z.object({ manage: z.boolean(), seeCities: z.boolean() }),
});
export type PlanView = z.infer<typeof planView>;

export const statusValue = z.enum(['ahead', 'on_track', 'lagging', 'unknown']);
export type StatusValue = z.infer<typeof statusValue>;

export const statusView = z.object({
  /** the year judged: the figure's year, against that year's target (a table of a later year without a figure of its own shows it as such) */
  year: z.number(),
  status: statusValue,
  label: z.string(),
  yearTarget: z.number().nullable(),
  ratio: z.number().nullable(),
  reason: z.string(),
  /** the actual meets the year's target itself (null: no figure to compare) */
  metYear: z.boolean().nullable(),
});
export type StatusView = z.infer<typeof statusView>;

export const yearTargetView = z.object({
  year: z.number(),
  target: targetSchema.nullable(),
  text: z.string(),
  /** baseline | interpolated | plan | unset | work-plan | office */
  origin: z.string(),
  originLabel: z.string(),
  reason: z.string().nullable(),
  /** the stored override's version (for the office's edit), null when interpolated */
  version: z.number().nullable(),
});
export type YearTargetView = z.infer<typeof yearTargetView>;

export const actualView = z.object({ year: z.number(), value: z.number(), demo: z.boolean() });
export type ActualView = z.infer<typeof actualView>;

export const forecastView = z.object({ year: z.number(), value: z.number(), slope: z.number(), method: z.string(), reaches: z.boolean().nullable() });

/**
 * A stock indicator counted from the honours roll (专栏1 4–8 of the province plan): the plan's baseline (a stock, e.g.
 * 116 中华老字号 in 2020) plus the roll's entries of the years after the baseline year up to `year`.
 */
export const rollCountView = z.object({
  year: z.number(),
  value: z.number(),
  baseline: z.number(),
  baselineYear: z.number(),
  entryCount: z.number(),
  /** e.g. "2020年基期值116家，加名录中2021—2023年的5项" */
  text: z.string(),
  /** the honour kinds counted (codes, for the link to /honours) */
  kinds: z.array(z.string()),
  /** true when no accepted value exists for that year, so the status is the count's */
  usedForStatus: z.boolean(),
});
export type RollCountView = z.infer<typeof rollCountView>;

export const rollEntryView = z.object({ id: z.number(), awardee: z.string(), year: z.number(), city: orgRef.nullable() });
export const rollDetailView = z.object({
  count: rollCountView,
  /** the entries counted (years after the baseline year up to count.year) */
  entries: z.array(rollEntryView),
  /** the count year by year (baseline + entries up to that year), with its status */
  series: z.array(z.object({ year: z.number(), value: z.number(), status: statusView })),
  /** per city: the city's entries of the same years (no city baseline) */
  cities: z.array(z.object({ org: orgRef, count: z.number() })),
  /** the roll page filtered to these kinds */
  link: z.string(),
  rule: z.string(),
});
export type RollDetailView = z.infer<typeof rollDetailView>;

/** one quarter of a year (季度监测): the path at the quarter's end (序时进度), the region's accepted value, its light */
export const quarterCell = z.object({
  quarter: z.number(),
  label: z.string(),
  /** the path at the quarter's end (null: no year's target figure or no start) */
  path: z.number().nullable(),
  actual: z.object({ value: z.number(), demo: z.boolean() }).nullable(),
  status: statusView.nullable(),
});
export type QuarterCell = z.infer<typeof quarterCell>;

export const quarterStartView = z.object({ value: z.number(), year: z.number(), from: z.enum(['actual', 'target', 'baseline']), label: z.string() });

/** an indicator's quarters of one year beside the year's target (GET /api/indicators/:id/quarters) */
export const quarterView = z.object({
  indicatorId: z.number(),
  year: z.number(),
  /** years with accepted quarterly values of the region (for the year selector) */
  years: z.array(z.number()),
  yearTarget: yearTargetView,
  /** where the year starts (last year's accepted figure, else last year's target) */
  start: quarterStartView.nullable(),
  quarters: z.array(quarterCell),
  rule: z.string(),
});
export type QuarterView = z.infer<typeof quarterView>;

export const indicatorRow = z.object({
  id: z.number(),
  /** the stored key (a city's plan: the province's code of an indicator it shares, 101… for its own) */
  code: z.number(),
  /** the number it reads by, on pages and in documents (indicatorNumbers: 1–24 in the province's plan, 1, 2, … in a city's) */
  number: z.number(),
  group: z.string(),
  name: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: targetSchema,
  targetText: z.string(),
  nature: z.string(),
  direction: z.string(),
  measure: z.string(),
  measureLabel: z.string(),
  departments: z.array(orgRef),
  assumed: z.boolean(),
  note: z.string().nullable(),
  yearTarget: yearTargetView,
  /** the region's latest accepted value up to the chosen year */
  actual: actualView.nullable(),
  /** status of that value against its year's target and the path (序时进度) */
  status: statusView.nullable(),
  forecast: forecastView.nullable(),
  /** 名录计数 of the chosen year for 专栏1 4–8 of the province plan, else null */
  rollCount: rollCountView.nullable(),
  /** the chosen quarter of the table's year (only when the table is asked with ?quarter=), else null */
  quarter: quarterCell.nullable(),
});
export type IndicatorRow = z.infer<typeof indicatorRow>;

export const indicatorTable = z.object({
  plan: planView,
  year: z.number(),
  /** the quarter column asked for, null without one */
  quarter: z.number().nullable(),
  /** years with accepted quarterly values of the region (for the quarter column's choice) */
  quarterYears: z.array(z.number()),
  groups: z.array(z.string()),
  rows: z.array(indicatorRow),
});
export type IndicatorTable = z.infer<typeof indicatorTable>;

export const unitSeries = z.object({ org: orgRef, values: z.array(actualView) });
export const indicatorDetail = z.object({
  plan: planView,
  indicator: indicatorRow,
  path: z.array(yearTargetView),
  region: unitSeries,
  cities: z.array(unitSeries),
  statuses: z.array(z.object({ year: z.number(), status: statusView })),
  /** 名录计数 with its entries (专栏1 4–8 of the province plan), else null */
  roll: rollDetailView.nullable(),
  /**
   * editTarget: the office changes the yearly targets; raiseFor: the 责任单位 of whom the caller (the plan's office)
   * may ask a 整改事项 on a lagging figure — each city (and, on a city's own plan, the city) for its own figure, and
   * each member department responsible for the indicator for the region's figure (`figureOrgId`); never the province
   * itself or an office
   */
  abilities: z.object({ editTarget: z.boolean(), raiseFor: z.array(z.object({ orgId: z.number(), name: z.string(), figureOrgId: z.number() })) }),
});
export type IndicatorDetail = z.infer<typeof indicatorDetail>;

export const matrixCell = z.object({ indicatorId: z.number(), value: z.number().nullable(), year: z.number().nullable(), light: statusValue.nullable(), demo: z.boolean() });
export const cityMatrix = z.object({
  plan: planView,
  year: z.number(),
  indicators: z.array(z.object({ id: z.number(), code: z.number(), number: z.number(), name: z.string(), unit: z.string(), yearTarget: z.number().nullable(), targetText: z.string() })),
  rows: z.array(z.object({ org: orgRef, cells: z.array(matrixCell) })),
  /** how a city's light is found */
  rule: z.string(),
});
export type CityMatrix = z.infer<typeof cityMatrix>;

export const completenessRow = z.object({ org: orgRef, expected: z.number(), reported: z.number(), accepted: z.number(), late: z.number() });
export const completenessView = z.object({
  plan: planView,
  periods: z.array(
    z.object({
      id: z.number(),
      year: z.number(),
      quarter: z.number().nullable(),
      label: z.string(),
      opensOn: z.string(),
      closesOn: z.string(),
      totals: completenessRow.omit({ org: true }),
      units: z.array(completenessRow),
    }),
  ),
});
export type CompletenessView = z.infer<typeof completenessView>;

/**
 * A target the office types: the plan files' shapes (targetSchema), but the worded ones (国家考核目标, a qualitative
 * goal) trimmed and bounded — the plan files' own texts are at most 19 characters; a blank or a 20,000-character
 * "target" would otherwise be stored, audited and printed in the table and the exports.
 */
const targetWords = text({ error: '请填写目标文字' }).trim().min(1, { error: '请填写目标文字' }).max(100, { error: '目标文字不超过100字' });
export const targetInput = z.union(
  [exactTarget, boundTarget, z.strictObject({ kind: z.literal('national'), text: targetWords }), z.strictObject({ kind: z.literal('qualitative'), text: targetWords })],
  {
    // what to fix, from what was sent: a figure that is not a number ("NaN", 1e400), or a shape none of the four has
    error: (iss) => {
      const sent = iss.input as { value?: unknown } | null;
      if (sent && typeof sent === 'object' && 'value' in sent && !(typeof sent.value === 'number' && Number.isFinite(sent.value))) return '目标值须为数字（如98.5）';
      return '目标须为一个数值、一个下限或上限，或“达到国家考核目标”、文字目标之一';
    },
  },
);

export const setTargetBody = z.strictObject({
  target: targetInput,
  reason: text({ error: '请填写调整理由' }).trim().min(2, { error: '调整理由至少2个字' }).max(500, { error: '调整理由最多500字' }),
  /** the stored target's version when one exists (absent: the year has none stored yet) */
  version: int32('版本号须为正整数', 1).optional(),
});
export type SetTargetBody = z.infer<typeof setTargetBody>;

/** put a year's target back on the interpolated path: the stored target's version and a reason */
export const revertTargetBody = z.strictObject({
  reason: text({ error: '请填写恢复理由' }).trim().min(2, { error: '恢复理由至少2个字' }).max(500, { error: '恢复理由最多500字' }),
  version: versionOf('缺少版本号：请刷新后重试'),
});
export type RevertTargetBody = z.infer<typeof revertTargetBody>;
