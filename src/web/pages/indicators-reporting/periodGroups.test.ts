/** 填报期管理 lists every plan the caller sees, one with no period included, with its empty state. */
import { describe, expect, it } from 'vitest';
import type { PeriodView, PlanSummary } from '../../api/indicator-reporting';
import { noPeriodsText, periodsByPlan } from './periodGroups';

const plan = (id: number, manage: boolean, ownerName: string): PlanSummary => ({ id, code: `p${id}`, title: `规划${id}`, baselineYear: 2020, targetYear: 2025, ownerName, abilities: { manage } });
const period = (id: number, planId: number) => ({ id, planId, label: `${2020 + id}年度` }) as PeriodView;

describe('periodsByPlan', () => {
  it("a city's office: its own plan first, listed with no period, then the province's it reads", () => {
    const province = plan(1, false, '湖南省质量强省领导小组办公室');
    const yueyang = plan(2, true, '岳阳市质量强市领导小组办公室');
    const groups = periodsByPlan([province, yueyang], [period(4, 1), period(3, 1)]);
    expect(groups.map((g) => [g.plan.id, g.periods.map((p) => p.id)])).toEqual([
      [2, []],
      [1, [4, 3]],
    ]);
    expect(noPeriodsText(yueyang)).toContain('点击「为本规划设置填报期」');
    expect(noPeriodsText(province)).toBe('尚未设置填报期（由湖南省质量强省领导小组办公室设置）');
  });
});
