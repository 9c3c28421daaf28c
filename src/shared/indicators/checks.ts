/**
 * Checks of one reported plan-indicator value (issue 12, 数据填报), pure so that the form shows them as the
 * reporter types and the server runs the very same ones before it saves or moves anything.
 *
 * Hard errors block (nothing is saved): not a number; a rate in % outside 0–100; a negative count; a period
 * outside the plan's years; an indicator the unit does not report; a window not open yet, or closed and locked
 * (unless the office reopened the value).
 * Warnings need a written explanation before the value is submitted: a rate typed as a fraction (the wrong
 * unit), a jump from the unit's last period — or, before its first, from the plan's baseline (基期值) —
 * beyond a threshold (> 5 points for a rate, > 10 % relative otherwise), a province value far from the
 * cities' figures (a rate or a score more than 5 points / 20 % from the cities' mean; a stock or an amount in 元
 * below the cities' sum), and a binding (约束性) indicator's value on the wrong side of the target its light holds it
 * to (the year's, or a quarterly period's 序时进度).
 *
 * The reporting window (DHIS2's "expiry days"): open from opens_on to closes_on; then a late submission is
 * still taken until closes_on + lock_days and flagged late; after that it is locked unless reopened.
 */
import { isCountUnit, MAX_FIGURE, notWholeMessage } from '../figures';
import { normalizeText } from '../scoring/cell-text';
import { atLeastAsGood, round4 } from './interpolate';
import type { Direction, Measure, Nature } from './schema';

export interface CheckProblem {
  /** the form field the message is about: value | periodId | indicatorId | explanation */
  field: string;
  message: string;
}
export interface CheckWarning extends CheckProblem {
  code: 'unit' | 'jump' | 'province-vs-cities' | 'binding-target';
}
export interface CheckResult {
  errors: CheckProblem[];
  warnings: CheckWarning[];
}

export type WindowState = 'not_open' | 'open' | 'late' | 'locked';
export const windowLabels: Record<WindowState, string> = { not_open: '未开始', open: '填报中', late: '补报期（逾期）', locked: '已锁定' };

export interface PeriodWindow {
  opensOn: string;
  closesOn: string;
  lockDays: number;
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** the last day a late value is taken (closes_on + lock_days) */
export const lockDate = (w: PeriodWindow): string => addDays(w.closesOn, w.lockDays);

/**
 * The one sentence of a locked window: what the reporter may do only once 质强办 reopens the value (填报 a value;
 * 修改退回的数据 when a returned value waits behind the lock). The save's error, the sheet and the to-dos say it alike.
 */
export const lockedNotice = (label: string, lockOn: string, after = '填报'): string => `${label}填报期已于${lockOn}锁定，需由质强办重新开放后才能${after}`;
/** a returned value its reporter cannot change until 质强办 reopens it (reporting.policy returnBehindLock) */
export const lockedReturnNotice = (label: string, lockOn: string): string => lockedNotice(label, lockOn, '修改退回的数据');

/** The window's state on a day (YYYY-MM-DD, China time). */
export function windowState(w: PeriodWindow, today: string): WindowState {
  if (today < w.opensOn) return 'not_open';
  if (today <= w.closesOn) return 'open';
  if (today <= lockDate(w)) return 'late';
  return 'locked';
}

/** A value submitted after closes_on (China date of the submission) is late. */
export const isLate = (w: PeriodWindow, submittedOnChinaDate: string | null): boolean => submittedOnChinaDate !== null && submittedOnChinaDate > w.closesOn;

/** The indicator as the checks need it. */
export interface CheckedIndicator {
  name: string;
  unit: string;
  nature: Nature;
  direction: Direction;
  measure: Measure;
}

export interface CheckThresholds {
  /** a rate (unit %) may move this many points from the last period without a warning */
  jumpPoints: number;
  /** any other figure may move this share from the last period without a warning */
  jumpRelative: number;
  /** a province rate may lie this many points from the cities' mean */
  provincePoints: number;
  /** a province level (not a rate) may lie this share from the cities' mean */
  provinceRelative: number;
}
export const DEFAULT_CHECK_THRESHOLDS: CheckThresholds = { jumpPoints: 5, jumpRelative: 0.1, provincePoints: 5, provinceRelative: 0.2 };

export interface ValueCheckInput {
  indicator: CheckedIndicator;
  /** what was typed: anything; only a finite number passes */
  value: unknown;
  period: { year: number; label: string } & PeriodWindow;
  plan: { baselineYear: number; targetYear: number };
  /** the unit reports this indicator (from the reporting policy) */
  reports: boolean;
  /** the unit's name, for the messages */
  unitName: string;
  /** today, China time (YYYY-MM-DD) */
  today: string;
  /** the office reopened this value for this unit after the lock */
  reopened: boolean;
  /** the unit's value of the last earlier period, if any */
  previous: { value: number; label: string } | null;
  /**
   * the plan's baseline (基期值, the region's figure of the baseline year), the reference while the unit has no earlier
   * value; `own`: the unit is the plan's region, so the baseline is its own figure. Null: the plan has none.
   */
  baseline?: { value: number; year: number; own: boolean; regionName: string } | null;
  /** for a province value: the cities' values of the same period (not yet rejected ones) */
  cityValues?: readonly number[];
  /**
   * the figure the value's light holds it to (null when none): the year's target, or on a quarterly period the
   * quarter's 序时进度 — heldTarget() in value-light.ts, the StatusResult's yearTarget; a 约束性 value is warned against it
   */
  yearTarget: number | null;
  /** the same figure as the monitoring tables print it (≥94, 92.9 for a worked-out 92.82), for messages and the form */
  yearTargetText?: string | null;
  /** what the figure is, in the warning: 「2024年第2季度序时进度」; by default the period's year's target (「2024年目标」) */
  yearTargetName?: string | null;
  thresholds?: CheckThresholds;
}

/** beyond any figure the plans count (MAX_FIGURE, src/shared/figures.ts) */
export const MAX_VALUE = MAX_FIGURE;
/** a figure in a message: rounded to 4 places, or as 1.00e+308 beyond MAX_VALUE (rounding there overflows to Infinity) */
const fmt = (x: number) => (Math.abs(x) > MAX_VALUE ? x.toExponential(2) : String(round4(x)));
/** a figure refused, echoed as typed (1.123456789012, not the 1.1235 it was not), a huge one shortened */
const typed = (x: number) => (Math.abs(x) > MAX_VALUE ? x.toExponential(2) : String(x));
export const isRate = (unit: string) => unit.trim() === '%';
/** a sum of money (亿元, 万元, 元): the region's figure is its parts' total */
export const isAmount = (unit: string) => /元$/.test(unit.trim());
/**
 * a figure the region holds as its parts' total — a count held or added (stock, increment) or a sum of money (亿元) —
 * so a city's figure is a part of it, not comparable with the region's figure or target (a rate or a score is)
 */
export const partOfRegionTotal = (ind: { measure: Measure; unit: string }) => ind.measure !== 'level' || isAmount(ind.unit);
/** a city's first level (not a rate) beyond this many times the region's baseline is warned (see checkValue) */
export const CITY_LEVEL_FACTOR = 10;

/**
 * What any figure of an indicator can be: at least zero (none of the plans' counts, amounts, rates or scores can be
 * less), at most 100 for a rate (%) and MAX_VALUE otherwise, a whole number for a count held (stock: honours,
 * certificates, standards) and for any figure counted in whole things (项, 个, 家: isCountUnit, src/shared/figures.ts),
 * a count added since the plan's start (increment) included. figureRange holds values and targets to it; the trend forecast is read within it.
 */
export function figureBounds(ind: Pick<CheckedIndicator, 'unit' | 'measure'>): { floor: number; cap: number; whole: boolean } {
  return { floor: 0, cap: isRate(ind.unit) ? 100 : MAX_VALUE, whole: ind.measure === 'stock' || isCountUnit(ind.unit) };
}

/**
 * Where any figure of an indicator — a reported value or a yearly target — may not lie (null: it may), by
 * figureBounds: a rate outside 0–100; below zero; beyond MAX_VALUE; a count held that is not a whole number. Each
 * caller says it in its own words.
 */
export function figureRange(ind: Pick<CheckedIndicator, 'unit' | 'measure'>, v: number): 'rate' | 'negative' | 'huge' | 'whole' | null {
  const b = figureBounds(ind);
  if (isRate(ind.unit) && (v < b.floor || v > b.cap)) return 'rate';
  if (v < b.floor) return 'negative';
  if (v > b.cap) return 'huge';
  if (b.whole && !Number.isInteger(v)) return 'whole';
  return null;
}

/** The hard errors and the warnings of one value. */
export function checkValue(input: ValueCheckInput): CheckResult {
  const th = input.thresholds ?? DEFAULT_CHECK_THRESHOLDS;
  const errors: CheckProblem[] = [];
  const warnings: CheckWarning[] = [];
  const { indicator: ind, period, plan } = input;
  const name = `「${ind.name}」`;

  if (period.year <= plan.baselineYear || period.year > plan.targetYear) {
    errors.push({ field: 'periodId', message: `填报期${period.label}不在规划期${plan.baselineYear + 1}—${plan.targetYear}年内` });
  }
  if (!input.reports) errors.push({ field: 'indicatorId', message: `${input.unitName}不负责填报指标${name}` });
  const state = windowState(period, input.today);
  if (state === 'not_open') errors.push({ field: 'periodId', message: `${period.label}填报期${period.opensOn}才开始` });
  if (state === 'locked' && !input.reopened) {
    errors.push({ field: 'periodId', message: lockedNotice(period.label, lockDate(period)) });
  }

  const v = input.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.push({ field: 'value', message: `指标${name}的数值须为数字` });
    return { errors, warnings };
  }
  const range = figureRange(ind, v);
  if (range === 'rate') errors.push({ field: 'value', message: `指标${name}为百分比，数值须在0～100之间（填写的是${typed(v)}）` });
  else if (range === 'negative') errors.push({ field: 'value', message: `指标${name}的数值不能为负数（填写的是${typed(v)}）` });
  else if (range === 'huge') errors.push({ field: 'value', message: `指标${name}的数值${v.toExponential(2)}超出合理范围，请核对单位（${ind.unit}）` });
  else if (range === 'whole') errors.push({ field: 'value', message: notWholeMessage(`指标${name}`, ind.unit, v, ind.measure === 'stock') });
  // figures are kept, compared and printed to 4 places (round4): a fifth would be shown in full on one page and cut on another
  else if (round4(v) !== v) errors.push({ field: 'value', message: `指标${name}的数值最多保留4位小数（填写的是${v}），请按统计口径四舍五入后填写` });
  if (errors.length) return { errors, warnings };

  // a rate typed as a fraction (0.95 for 95 %): the wrong unit
  const usual = input.previous?.value ?? input.yearTarget;
  if (isRate(ind.unit) && v > 0 && v <= 1 && usual !== null && usual > 10) {
    warnings.push({ field: 'value', code: 'unit', message: `指标${name}以百分数填报（如95表示95%），填写的${fmt(v)}像是小数，请核对单位` });
  }
  const reference = input.previous ?? (input.baseline?.own ? { value: input.baseline.value, label: `${input.baseline.year}年基期` } : null);
  if (reference) {
    const p = reference.value;
    const diff = v - p;
    const beyond = isRate(ind.unit) ? Math.abs(diff) > th.jumpPoints : p === 0 ? v !== 0 : Math.abs(diff) / Math.abs(p) > th.jumpRelative;
    if (beyond) {
      const how = isRate(ind.unit) ? `${fmt(Math.abs(diff))}个百分点（超过${th.jumpPoints}个百分点）` : `${p === 0 ? '—' : `${fmt(Math.abs(diff / p) * 100)}%`}（超过${fmt(th.jumpRelative * 100)}%）`;
      warnings.push({ field: 'value', code: 'jump', message: `指标${name}较${reference.label}的${fmt(p)}${diff > 0 ? '上升' : '下降'}${how}，请说明原因` });
    }
  } else if (input.baseline) {
    // A city's first value: there is no city baseline, only the region's, which is not the city's own path. A count
    // held (stock, increment) or an amount (亿元) is a part of the region's total, so more than the whole region had
    // in the baseline year is implausible. A rate is already kept within 0–100 and cities' rates differ from the
    // region's by more than a jump's points (a city's 88 % beside the province's 93.61 % is real), so it is not
    // compared. Any other level (a score) is about the region's average: beyond ten times the region's baseline is a
    // wrong unit or a typing slip. From its second period on, the city's own earlier value is the reference.
    const { value: b, year, regionName } = input.baseline;
    const whole = `${regionName}${year}年基期值${fmt(b)}${ind.unit}`;
    if (partOfRegionTotal(ind) && v > b) {
      warnings.push({ field: 'value', code: 'jump', message: `指标${name}填写的${fmt(v)}${ind.unit}超过${whole}（${input.unitName}的数量只是${regionName}合计的一部分），请核对后说明原因` });
    } else if (ind.measure === 'level' && !isRate(ind.unit) && b > 0 && v > b * CITY_LEVEL_FACTOR) {
      warnings.push({ field: 'value', code: 'jump', message: `指标${name}填写的${fmt(v)}${ind.unit}超过${whole}的${CITY_LEVEL_FACTOR}倍，请核对单位后说明原因` });
    }
  }
  const cities = input.cityValues ?? [];
  if (cities.length > 0) {
    // an average-like figure (a rate, a score) lies near the cities' mean; a count held or an amount (亿元: output in a
    // year) is their total, so the province's lies at or above the cities' sum
    if (ind.measure === 'level' && !isAmount(ind.unit)) {
      const mean = round4(cities.reduce((a, b) => a + b, 0) / cities.length);
      const far = isRate(ind.unit) ? Math.abs(v - mean) > th.provincePoints : mean !== 0 && Math.abs(v - mean) / Math.abs(mean) > th.provinceRelative;
      if (far) warnings.push({ field: 'value', code: 'province-vs-cities', message: `指标${name}的全省值${fmt(v)}与${cities.length}个市州的平均值${fmt(mean)}相差较大，请说明原因` });
    } else {
      const sum = round4(cities.reduce((a, b) => a + b, 0));
      if (v < sum) warnings.push({ field: 'value', code: 'province-vs-cities', message: `指标${name}的全省值${fmt(v)}小于${cities.length}个市州的合计${fmt(sum)}${ind.unit}，请说明原因` });
    }
  }
  if (ind.nature === '约束性' && input.yearTarget !== null && !atLeastAsGood(v, input.yearTarget, ind.direction)) {
    warnings.push({ field: 'value', code: 'binding-target', message: `指标${name}为约束性指标，数值${fmt(v)}未达到${input.yearTargetName ?? `${period.year}年目标`}${input.yearTargetText ?? fmt(input.yearTarget)}，请说明原因` });
  }
  return { errors, warnings };
}

/**
 * A figure as a person types it into the value form: what a Chinese input method in full-width mode gives (９３．６１,
 * ％, a full-width minus), spaces, Excel's habits (thousands separators "32,878", a rate with its sign "93.61%").
 * `{ value: null }` for nothing typed; otherwise the number, or a Chinese sentence saying what to type instead — a
 * per-cent sign on a figure that is not a rate, a decimal comma, words or a second point are refused, never guessed.
 */
export function readTypedValue(text: string, unit: string): { value: number | null } | { error: string } {
  const t = normalizeText(text ?? '').replace(/[−–]/g, '-');
  if (t === '') return { value: null };
  const shown = text.trim();
  const example = isRate(unit) ? '93.61' : '12';
  let digits = t;
  if (t.endsWith('%')) {
    digits = t.slice(0, -1);
    if (!isRate(unit)) return { error: `「${shown}」带百分号，但本指标的单位是“${unit}”，请只填数字，如${digits}` };
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) digits = digits.replace(/,/g, '');
  else if (/^[+-]?\d+,\d+$/.test(digits)) return { error: `「${shown}」不是数字：小数点请用“.”，如${digits.replace(',', '.')}` };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(digits)) return { error: `「${shown}」不是数字，请只填数值（单位：${unit}），如${example}` };
  return { value: Number(digits) };
}

/** The explanation a submission needs: written (at least 5 characters) when there is any warning. */
export const EXPLANATION_MIN = 5;
export function explanationProblem(warnings: readonly CheckWarning[], explanation: string | null | undefined): CheckProblem | null {
  if (warnings.length === 0) return null;
  if ((explanation ?? '').trim().length >= EXPLANATION_MIN) return null;
  return { field: 'explanation', message: `数值有${warnings.length}条提示，提交前请在“情况说明”中写明原因（至少${EXPLANATION_MIN}个字）` };
}
