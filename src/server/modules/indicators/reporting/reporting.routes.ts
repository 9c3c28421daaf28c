/**
 * Plan-indicator reporting (issue 12): periods (the plan's office), the reporter's sheet (数据填报), the values
 * waiting on the caller (数据审核), save, the workflow moves and the office's reopening of one value.
 * Each handler: parse → load → authorise (reporting.policy.ts) → call a command → present.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { choiceOf, idParam, idText } from '../../../../shared/contracts/common';
import { createPeriodBody, moveValueBody, reopenValueBody, saveValueBody } from '../../../../shared/contracts/indicator-reporting';
import type { Database } from '../../../db/schema';
import { notFound } from '../../../core/errors';
import { route, type RouteDef } from '../../../core/route';
import { userNames } from '../../../core/user-names';
import type { SessionUser } from '../../../core/session';
import { createPeriod, moveValue, periodTaken, reopenValue, saveValue, valueTaken } from './reporting.commands';
import { isPlanOffice, mayMove, mayReport, maySee, maySeePlan } from './reporting.policy';
import { periodView, rowView, type RowView } from './reporting.presenter';
import { findPeriod, findValue, indicatorScope, loadPlanData, loadPlans, periodsOf, visiblePlans, type PeriodRow, type PlanData } from './reporting.queries';

const TAGS = ['规划指标数据填报与审核'];

export type RowScope = 'report' | 'review' | 'all';

/** The rows of one period the caller works on: what it reports, what waits on it, or everything it may see; windows judged on `today`. */
export async function periodRows(db: Kysely<Database>, me: SessionUser, data: PlanData, period: PeriodRow, scope: RowScope, today: string): Promise<RowView[]> {
  const { plan } = data;
  const values = data.values.filter((v) => v.period_id === period.id);
  const names = await userNames(db, values.flatMap((v) => [v.submitted_by, v.accepted_by]));
  const out: RowView[] = [];
  for (const ind of data.indicators) {
    const scopeOf = indicatorScope(ind);
    for (const unit of data.units) {
      const value = values.find((v) => v.indicator_id === ind.id && v.org_id === unit.id);
      let take: boolean;
      if (scope === 'report') take = mayReport(me, plan, scopeOf, unit);
      // what waits on the caller: a value it may review, return or accept now (the row's abilities, the commands' checks)
      else if (scope === 'review') take = !!value && (['review', 'return', 'accept'] as const).some((e) => mayMove(me, plan, { ...scopeOf, name: ind.name }, unit, e, value.status));
      else take = maySee(me, plan, scopeOf, unit, value?.status) && (!!value || isPlanOffice(me, plan));
      if (take) out.push(rowView(data, period, ind, unit, value, me, today, names));
    }
  }
  return out;
}

async function periodOf(db: Kysely<Database>, me: SessionUser, id: number) {
  const period = await findPeriod(db, id);
  const [plan] = period ? await loadPlans(db, period.plan_id) : [];
  if (!period || !plan || !maySeePlan(me, plan)) throw notFound(`填报期${id}不存在`);
  return { period, plan, data: await loadPlanData(db, plan) };
}

async function oneRow(db: Kysely<Database>, me: SessionUser, periodId: number, indicatorId: number, orgId: number, today: string) {
  const { period, data } = await periodOf(db, me, periodId);
  const ind = data.indicators.find((i) => i.id === indicatorId)!;
  const unit = data.units.find((u) => u.id === orgId)!;
  const value = data.values.find((v) => v.period_id === periodId && v.indicator_id === indicatorId && v.org_id === orgId);
  const names = await userNames(db, [value?.submitted_by, value?.accepted_by]);
  return rowView(data, period, ind, unit, value, me, today, names);
}

async function valueRow(db: Kysely<Database>, me: SessionUser, id: number, today: string) {
  const v = await findValue(db, id);
  if (!v) throw notFound(`数据${id}不存在`);
  return oneRow(db, me, v.period_id, v.indicator_id, v.org_id, today);
}

export const reportingRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/indicator-reporting/periods',
    access: 'indicators.read',
    summary: '规划指标填报期（本人可见的规划及其填报期、填报窗口状态）',
    tags: TAGS,
    handler: async (ctx) => {
      const me = ctx.me();
      const plans = await visiblePlans(ctx.db, (p) => maySeePlan(me, p));
      const today = ctx.clock().today;
      const periods = await periodsOf(ctx.db, plans.map((p) => p.id));
      return {
        today,
        plans: plans.map((p) => ({ id: p.id, code: p.code, title: p.title, baselineYear: p.baselineYear, targetYear: p.targetYear, ownerName: p.ownerName, abilities: { manage: isPlanOffice(me, p) } })),
        periods: periods.map((p) => periodView(p, plans.find((x) => x.id === p.plan_id)!, today, me)),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/indicator-reporting/periods',
    access: 'indicators.manage',
    summary: '设置填报期（年度或季度；开始、截止日期与截止后锁定天数）；设置填报期不产生数据行',
    tags: TAGS,
    body: createPeriodBody,
    status: 201,
    handler: async (ctx) => {
      const me = ctx.me();
      const id = await periodTaken(ctx.db, ctx.body, me.id, () => ctx.tx((c) => createPeriod(c, ctx.body)));
      const { period, plan } = await periodOf(ctx.db, me, id);
      return periodView(period, plan, ctx.clock().today, me);
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicator-reporting/periods/:id/rows',
    access: 'indicators.read',
    summary: '一个填报期的数据：本人填报的（report）、待本人审核或确认的（review）或本人可见的全部（all）',
    tags: TAGS,
    params: idParam,
    query: z.strictObject({ scope: choiceOf({ report: '本人填报的（数据填报）', review: '待本人审核或确认的（数据审核）', all: '本人可见的全部（填报期管理）' }, '范围').default('report') }),
    handler: async (ctx) => {
      const me = ctx.me();
      const { period, plan, data } = await periodOf(ctx.db, me, ctx.params.id);
      return { period: periodView(period, plan, ctx.clock().today, me), rows: await periodRows(ctx.db, me, data, period, ctx.query.scope, ctx.clock().today) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicator-reporting/review',
    access: 'indicators.read',
    summary: '待本人审核（成员单位）或确认（质强办）的规划指标数据，所有填报期',
    tags: TAGS,
    handler: async (ctx) => {
      const me = ctx.me();
      const plans = await visiblePlans(ctx.db, (p) => maySeePlan(me, p));
      const rows: RowView[] = [];
      for (const plan of plans) {
        const data = await loadPlanData(ctx.db, plan);
        for (const period of data.periods) rows.push(...(await periodRows(ctx.db, me, data, period, 'review', ctx.clock().today)));
      }
      return { rows };
    },
  }),
  route({
    method: 'POST',
    url: '/api/indicator-reporting/values',
    access: 'indicators.report',
    summary: '保存一项数据（草稿）：数值、数据来源文件、情况说明；硬性错误不保存',
    tags: TAGS,
    body: saveValueBody,
    handler: async (ctx) => {
      const me = ctx.me();
      const id = await valueTaken(ctx.db, ctx.body, 'save', me.id, () => ctx.tx((c) => saveValue(c, ctx.body)));
      return valueRow(ctx.db, me, id, ctx.clock().today);
    },
  }),
  route({
    method: 'POST',
    url: '/api/indicator-reporting/values/:id/transition',
    access: 'indicators.read',
    summary: '提交（submit，填报单位）、审核通过（review，责任单位）、确认（accept，质强办）、退回（return，须写明意见）',
    tags: TAGS,
    params: idParam,
    body: moveValueBody,
    handler: async (ctx) => {
      const me = ctx.me();
      await ctx.tx((c) => moveValue(c, ctx.params.id, ctx.body));
      return valueRow(ctx.db, me, ctx.params.id, ctx.clock().today);
    },
  }),
  route({
    method: 'POST',
    url: '/api/indicator-reporting/periods/:id/reopen',
    access: 'indicators.manage',
    summary: '重新开放一个单位的一项数据（质强办，锁定后或已确认的，须写明理由）',
    tags: TAGS,
    params: z.strictObject({ id: idText('填报期编号须为正整数') }),
    body: reopenValueBody,
    handler: async (ctx) => {
      const me = ctx.me();
      const id = await valueTaken(ctx.db, { periodId: ctx.params.id, ...ctx.body }, 'reopen', me.id, () => ctx.tx((c) => reopenValue(c, ctx.params.id, ctx.body)));
      return valueRow(ctx.db, me, id, ctx.clock().today);
    },
  }),
];
