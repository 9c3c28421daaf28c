/**
 * 填报期管理 lists the periods plan by plan: every plan the caller sees, a plan with no period too — its office adds
 * the first one there, and a plan it only reads says who sets them. The plans it manages come first, then by id.
 */
import type { PeriodView, PlanSummary } from '../../api/indicator-reporting';

export interface PlanPeriods {
  plan: PlanSummary;
  periods: PeriodView[];
}

export function periodsByPlan(plans: readonly PlanSummary[], periods: readonly PeriodView[]): PlanPeriods[] {
  return [...plans]
    .sort((a, b) => Number(b.abilities.manage) - Number(a.abilities.manage) || a.id - b.id)
    .map((plan) => ({ plan, periods: periods.filter((p) => p.planId === plan.id) }));
}

/** what a plan with no period says: how its office adds the first one, or who sets them */
export const noPeriodsText = (plan: PlanSummary): string =>
  plan.abilities.manage ? '尚未设置填报期。点击「为本规划设置填报期」，填写年度（全年或季度）、开始和截止日期，数据填报即可开始' : `尚未设置填报期（由${plan.ownerName}设置）`;
