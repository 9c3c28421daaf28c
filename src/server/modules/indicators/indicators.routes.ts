/**
 * Plan indicators (issue 12), the monitoring routes: the plans the caller sees, the indicator table of a year
 * (yearly target, latest accepted value, status, forecast), one indicator's path against its actuals, the city
 * matrix, reporting completeness and timeliness, the office's edit of a yearly target, and the two exports.
 * Each handler: load access → check → call → present.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  cityMatrix,
  completenessView,
  indicatorDetail,
  indicatorParams,
  indicatorTable,
  planParams,
  planView,
  quarterView,
  revertTargetBody,
  setTargetBody,
  tableQuery,
  targetParams,
  yearQuery,
  type CityMatrix,
  type CompletenessView,
  type IndicatorDetail,
  type IndicatorTable,
  type QuarterView,
} from '../../../shared/contracts/indicators';
import { groups as GROUPS } from '../../../shared/indicators';
import { indicatorNumbers } from '../../../shared/indicators/format';
import { mayOwnRectification } from '../../../shared/workflow/rectification';
import { chinaDate } from '../../../shared/deadline';
import { badRequest } from '../../core/errors';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../core/download';
import { route, type RouteDef } from '../../core/route';
import type { Database } from '../../db/schema';
import { indicatorTableXlsx } from '../../io/excel/indicators';
import { indicatorReportDocx } from '../../io/word/indicators-report';
import { revertYearTarget, setYearTarget } from './indicators.commands';
import { rollCountsOf, rollDetailOf, yearStatuses } from './indicators.roll';
import { departmentCodes, mayManage, responsibleAmong, visibleCities, type PlanAccess } from './indicators.policy';
import { actualOf, CITY_LIGHT_RULE, cityLight, pathOf, presentIndicator, presentPlan, quartersOf } from './indicators.presenter';
import {
  acceptedQuarterValues,
  acceptedValues,
  acceptedYears,
  citiesUnder,
  indicatorAccess,
  indicatorCounts,
  indicatorsOf,
  orgsByCodes,
  orgsByIds,
  periodsOf,
  planAccess,
  planAccesses,
  quarterYears,
  targetsOf,
  valuesOfPeriods,
  type IndicatorDbRow,
  type Org,
} from './indicators.queries';

const TAGS = ['规划指标监测'];

async function planOf(db: Kysely<Database>, a: PlanAccess) {
  const owner = (await orgsByIds(db, [a.plan.owner_org_id])).get(a.plan.owner_org_id)!;
  return presentPlan(a, owner, (await indicatorCounts(db)).get(a.plan.id) ?? 0, await acceptedYears(db, a.plan));
}

function yearOf(a: PlanAccess, plan: { defaultYear: number }, year: number | undefined): number {
  if (year === undefined) return plan.defaultYear;
  if (year < a.plan.baseline_year || year > a.plan.target_year) {
    throw badRequest(`年份 ${year} 不在规划期 ${a.plan.baseline_year}—${a.plan.target_year} 内`, [{ field: 'year', message: `年份须在 ${a.plan.baseline_year} 至 ${a.plan.target_year} 之间` }]);
  }
  return year;
}

async function departmentsOf(db: Kysely<Database>, inds: IndicatorDbRow[]) {
  return orgsByCodes(db, inds.flatMap(departmentCodes));
}

/**
 * The indicator table of one year (also what the exports print), with one quarter's column when asked; with
 * `acceptedBy`, as it stood that day (a report's data taken then: values accepted later are left out).
 */
export async function tableView(db: Kysely<Database>, a: PlanAccess, year?: number, quarter?: number, acceptedBy?: string): Promise<IndicatorTable> {
  const plan = await planOf(db, a);
  const y = yearOf(a, plan, year);
  const inds = await indicatorsOf(db, a.plan.id);
  const targets = await targetsOf(db, inds.map((i) => i.id));
  const values = await acceptedValues(db, a.plan.id, { orgIds: [a.plan.region_org_id], acceptedBy });
  const depts = await departmentsOf(db, inds);
  const rolls = await rollCountsOf(db, a, inds, values, y);
  const quarterValues = quarter === undefined ? [] : await acceptedQuarterValues(db, a.plan.id, a.plan.region_org_id, { year: y });
  const numbers = indicatorNumbers(inds);
  const rows = inds.map((ind) => {
    const mine = targets.filter((t) => t.indicator_id === ind.id);
    const regionValues = values.filter((v) => v.indicator_id === ind.id);
    const row = presentIndicator(a.plan, ind, numbers.get(ind.id)!, depts, mine, regionValues, y, rolls.get(ind.id) ?? null);
    if (quarter === undefined) return row;
    const q = quartersOf(a.plan, ind, mine, y, regionValues, quarterValues.filter((v) => v.indicator_id === ind.id));
    return { ...row, quarter: q.quarters.find((c) => c.quarter === quarter)! };
  });
  const present = new Set(rows.map((r) => r.group));
  return {
    plan,
    year: y,
    quarter: quarter ?? null,
    quarterYears: await quarterYears(db, a.plan),
    groups: [...GROUPS.filter((g) => present.has(g)), ...[...present].filter((g) => !(GROUPS as readonly string[]).includes(g))], rows };
}

/** the quarters of one year of an indicator (default: the latest year with quarterly values, else the plan's default year) */
async function quarterViewOf(db: Kysely<Database>, a: PlanAccess, ind: IndicatorDbRow, year?: number): Promise<QuarterView> {
  const plan = await planOf(db, a);
  const years = await quarterYears(db, a.plan, ind.id);
  const y = year === undefined ? (years[years.length - 1] ?? plan.defaultYear) : yearOf(a, plan, year);
  const targets = await targetsOf(db, [ind.id]);
  const regionValues = await acceptedValues(db, a.plan.id, { indicatorId: ind.id, orgIds: [a.region.id] });
  const quarterValues = await acceptedQuarterValues(db, a.plan.id, a.region.id, { indicatorId: ind.id, year: y });
  return { indicatorId: ind.id, years, ...quartersOf(a.plan, ind, targets, y, regionValues, quarterValues) };
}

/**
 * Of whom the plan's office may ask a 整改事项 on this indicator (mayOwnRectification, the server's own rule): a city
 * or county for its own figure — the region too, on a city's plan — and a responsible member department for the
 * region's figure (it reports that figure; the province answers to no 整改要求).
 */
function raiseFor(a: PlanAccess, ind: IndicatorDbRow, cities: Org[], deptsByCode: Map<string, Org>) {
  const own = [a.region, ...cities].filter((o) => mayOwnRectification(o.kind)).map((o) => ({ orgId: o.id, name: o.name, figureOrgId: o.id }));
  const depts = responsibleAmong(a.region, departmentCodes(ind), deptsByCode).map((o) => ({ orgId: o.id, name: `${o.name}（${a.region.name}数值）`, figureOrgId: a.region.id }));
  return [...depts, ...own];
}

export async function detailView(db: Kysely<Database>, a: PlanAccess, ind: IndicatorDbRow, acceptedBy?: string): Promise<IndicatorDetail> {
  const plan = await planOf(db, a);
  const targets = await targetsOf(db, [ind.id]);
  const cities = visibleCities(a, await citiesUnder(db, a.region.id));
  const values = await acceptedValues(db, a.plan.id, { indicatorId: ind.id, orgIds: [a.region.id, ...cities.map((c) => c.id)], acceptedBy });
  const regionValues = values.filter((v) => v.org_id === a.region.id);
  const roll = await rollDetailOf(db, a, ind, targets, regionValues, plan.defaultYear, cities.map((c) => c.id));
  // the count of the plan's default year, as the table of that year shows it (its status when no value is accepted)
  const depts = await departmentsOf(db, [ind]);
  const number = indicatorNumbers(await indicatorsOf(db, a.plan.id)).get(ind.id)!;
  const row = presentIndicator(a.plan, ind, number, depts, targets, regionValues, a.plan.target_year, roll?.count ?? null);
  return {
    plan,
    indicator: row,
    path: pathOf(a.plan, ind, targets),
    region: { org: { id: a.region.id, name: a.region.name }, values: regionValues.map(actualOf) },
    cities: cities.map((c) => ({ org: { id: c.id, name: c.name }, values: values.filter((v) => v.org_id === c.id).map(actualOf) })),
    statuses: yearStatuses(a.plan, ind, targets, regionValues, roll),
    roll,
    abilities: { editTarget: mayManage(a), raiseFor: mayManage(a) ? raiseFor(a, ind, cities, depts) : [] },
  };
}

async function matrixView(db: Kysely<Database>, a: PlanAccess, year?: number): Promise<CityMatrix> {
  const plan = await planOf(db, a);
  const y = yearOf(a, plan, year);
  const inds = await indicatorsOf(db, a.plan.id);
  const targets = await targetsOf(db, inds.map((i) => i.id));
  const cities = visibleCities(a, await citiesUnder(db, a.region.id));
  const values = (await acceptedValues(db, a.plan.id, { orgIds: cities.map((c) => c.id) })).filter((v) => v.year <= y);
  const withValues = inds.filter((i) => values.some((v) => v.indicator_id === i.id));
  const numbers = indicatorNumbers(inds);
  const pathYear = (ind: IndicatorDbRow) => pathOf(a.plan, ind, targets.filter((t) => t.indicator_id === ind.id)).find((p) => p.year === y)!;
  return {
    plan,
    year: y,
    indicators: withValues.map((i) => {
      const p = pathYear(i);
      return { id: i.id, code: i.code, number: numbers.get(i.id)!, name: i.name, unit: i.unit, yearTarget: p.target && 'value' in p.target ? p.target.value : null, targetText: p.text };
    }),
    rows: cities.map((c) => ({
      org: { id: c.id, name: c.name },
      cells: withValues.map((ind) => {
        const mine = values.filter((v) => v.org_id === c.id && v.indicator_id === ind.id);
        const last = mine[mine.length - 1];
        if (!last) return { indicatorId: ind.id, value: null, year: null, light: null, demo: false };
        return { indicatorId: ind.id, value: last.value, year: last.year, light: cityLight(a.plan, ind, targets.filter((t) => t.indicator_id === ind.id), last, a.region.name), demo: last.demo };
      }),
    })),
    rule: CITY_LIGHT_RULE,
  };
}

/** expected = reporting units × indicators; reported = not a draft; accepted = with a figure in force (a confirmed one under correction included); late = submitted after closes_on (China's date) */
async function completeness(db: Kysely<Database>, a: PlanAccess): Promise<CompletenessView> {
  const plan = await planOf(db, a);
  const periods = await periodsOf(db, a.plan.id);
  const units = [a.region, ...visibleCities(a, await citiesUnder(db, a.region.id))];
  const values = await valuesOfPeriods(db, periods.map((p) => p.id));
  const n = plan.indicatorCount;
  return {
    plan,
    periods: periods.map((p) => {
      const rows = units.map((u) => {
        const mine = values.filter((v) => v.period_id === p.id && v.org_id === u.id);
        const reported = mine.filter((v) => v.status !== 'draft');
        return {
          org: { id: u.id, name: u.name },
          expected: n,
          reported: reported.length,
          accepted: mine.filter((v) => v.inForce).length,
          late: reported.filter((v) => v.submitted_at && chinaDate(new Date(v.submitted_at)) > p.closes_on).length,
        };
      });
      const sum = (k: 'expected' | 'reported' | 'accepted' | 'late') => rows.reduce((s, r) => s + r[k], 0);
      return {
        id: p.id,
        year: p.year,
        quarter: p.quarter,
        label: p.quarter ? `${p.year}年第${p.quarter}季度` : `${p.year}年度`,
        opensOn: p.opens_on,
        closesOn: p.closes_on,
        totals: { expected: sum('expected'), reported: sum('reported'), accepted: sum('accepted'), late: sum('late') },
        units: rows,
      };
    }),
  };
}

const fileYear = (t: IndicatorTable) => `${t.plan.title}（${t.year}年）`;

export const indicatorRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/indicator-plans',
    access: 'indicators.read',
    summary: '可查看的规划（全省“十四五”规划；市州自定规划仅本市与上级可见）',
    tags: TAGS,
    response: z.object({ items: z.array(planView) }),
    handler: async (ctx) => {
      const items = [];
      for (const a of await planAccesses(ctx.db, ctx.me())) items.push(await planOf(ctx.db, a));
      return { items };
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicator-plans/:id/indicators',
    access: 'indicators.read',
    summary: '规划指标表：年度目标（插值或另行确定）、最新确认值、状态（提前实现/符合预期/滞后）与2025年预测',
    tags: TAGS,
    params: planParams,
    query: tableQuery,
    response: indicatorTable,
    handler: async (ctx) => tableView(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id), ctx.query.year, ctx.query.quarter),
  }),
  route({
    method: 'GET',
    url: '/api/indicators/:id',
    access: 'indicators.read',
    summary: '一个规划指标：逐年目标路径、全省与各市州确认值、逐年状态',
    tags: TAGS,
    params: indicatorParams,
    response: indicatorDetail,
    handler: async (ctx) => {
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id);
      return detailView(ctx.db, a, ind);
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicators/:id/quarters',
    access: 'indicators.read',
    summary: '一个规划指标某年的季度监测：各季度确认值、季度序时进度（年内线性推进至当年目标）与状态灯',
    tags: TAGS,
    params: indicatorParams,
    query: yearQuery,
    response: quarterView,
    handler: async (ctx) => {
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id);
      return quarterViewOf(ctx.db, a, ind, ctx.query.year);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/indicators/:id/targets/:year',
    access: 'indicators.manage',
    summary: '调整某年度目标（须写明理由；带版本号，他人已改则 409）',
    tags: TAGS,
    params: targetParams,
    body: setTargetBody,
    response: indicatorDetail,
    handler: async (ctx) => {
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await setYearTarget(c, a, ind, ctx.params.year, ctx.body);
        return detailView(c.trx, a, ind);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/indicators/:id/targets/:year/revert',
    access: 'indicators.manage',
    summary: '恢复某年度目标为按路径插值（删除单独设定的目标；须写明理由，带版本号，他人已改则 409）',
    tags: TAGS,
    params: targetParams,
    body: revertTargetBody,
    response: indicatorDetail,
    handler: async (ctx) => {
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await revertYearTarget(c, a, ind, ctx.params.year, ctx.body);
        return detailView(c.trx, a, ind);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicator-plans/:id/matrix',
    access: 'indicators.read',
    summary: '市州 × 指标矩阵：各市州最新确认值与状态灯（市州只看本市）',
    tags: TAGS,
    params: planParams,
    query: yearQuery,
    response: cityMatrix,
    handler: async (ctx) => matrixView(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id), ctx.query.year),
  }),
  route({
    method: 'GET',
    url: '/api/indicator-plans/:id/completeness',
    access: 'indicators.read',
    summary: '填报情况：各填报期、各单位应报、已报、已确认、逾期数',
    tags: TAGS,
    params: planParams,
    response: completenessView,
    handler: async (ctx) => completeness(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/indicator-plans/:id/export.xlsx',
    access: 'indicators.read',
    summary: '导出规划指标监测表（.xlsx）',
    tags: TAGS,
    params: planParams,
    query: yearQuery,
    raw: true,
    handler: async (ctx) => {
      const t = await tableView(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id), ctx.query.year);
      const buf = await indicatorTableXlsx(t);
      return sendDownload(ctx, { entityType: 'indicator_plan', entityId: t.plan.id }, `${fileYear(t)}规划指标监测表.xlsx`, XLSX_TYPE, buf, buf.length);
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicator-plans/:id/report.docx',
    access: 'indicators.read',
    summary: '导出规划指标监测情况报告（.docx，含目标路径与实际值图）',
    tags: TAGS,
    params: planParams,
    query: yearQuery,
    raw: true,
    handler: async (ctx) => {
      const a = await planAccess(ctx.db, ctx.me(), ctx.params.id);
      const t = await tableView(ctx.db, a, ctx.query.year);
      const inds = await indicatorsOf(ctx.db, a.plan.id);
      const details: IndicatorDetail[] = [];
      for (const row of t.rows.filter((r) => r.actual)) details.push(await detailView(ctx.db, a, inds.find((i) => i.id === row.id)!));
      const buf = await indicatorReportDocx(t, details, ctx.clock().today);
      return sendDownload(ctx, { entityType: 'indicator_plan', entityId: t.plan.id }, `${fileYear(t)}规划指标监测情况.docx`, DOCX_TYPE, buf, buf.length);
    },
  }),
];
