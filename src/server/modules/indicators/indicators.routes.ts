/**
 * Plan indicators (issue 12), the monitoring routes: the plans the caller sees, the indicator table of a year
 * (yearly target, latest accepted value, status, forecast), one indicator's path against its actuals, the city
 * matrix, reporting completeness and timeliness, the office's edit of a yearly target, and the two exports.
 * Each handler: load access → check → call → present.
 */
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
  type IndicatorTable,
} from '../../../shared/contracts/indicators';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../core/download';
import { route, type RouteDef } from '../../core/route';
import { indicatorTableXlsx } from '../../io/excel/indicators';
import { indicatorReportDocx } from '../../io/word/indicators-report';
import { revertYearTarget, setYearTarget } from './indicators.commands';
import {
  completeness,
  indicatorAccess,
  matrixView,
  planAccess,
  planAccesses,
  planOf,
  quarterViewOf,
} from './indicators.queries';
import { detailsOf, detailView, tableView } from './indicators.views';
import { tidyTitle } from '../../io/word/work-points';

const TAGS = ['规划指标监测'];

// the plan's title as a file name is written without the spaces the seed's PDF text put around its figures (tidyTitle)
const fileYear = (t: IndicatorTable) => `${tidyTitle(t.plan.title)}（${t.year}年）`;

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
      for (const a of await planAccesses(ctx.db, ctx.me(), ctx.clock().today)) items.push(await planOf(ctx.db, a));
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
    handler: async (ctx) => tableView(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today), ctx.query.year, ctx.query.quarter),
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
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
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
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      return quarterViewOf(ctx.db, a, ind, ctx.query.year);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/indicators/:id/targets/:year',
    access: 'indicators.manage',
    summary: '调整某年度目标（须写明理由；带版本号，他人已改则409）',
    tags: TAGS,
    params: targetParams,
    body: setTargetBody,
    response: indicatorDetail,
    handler: async (ctx) => {
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
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
    summary: '恢复某年度目标为按路径插值（删除单独设定的目标；须写明理由，带版本号，他人已改则409）',
    tags: TAGS,
    params: targetParams,
    body: revertTargetBody,
    response: indicatorDetail,
    handler: async (ctx) => {
      const { a, ind } = await indicatorAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
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
    handler: async (ctx) => matrixView(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today), ctx.query.year),
  }),
  route({
    method: 'GET',
    url: '/api/indicator-plans/:id/completeness',
    access: 'indicators.read',
    summary: '填报情况：各填报期、各单位应报、已报、已确认、逾期数',
    tags: TAGS,
    params: planParams,
    response: completenessView,
    handler: async (ctx) => completeness(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today)),
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
      const t = await tableView(ctx.db, await planAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today), ctx.query.year);
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
      const a = await planAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const t = await tableView(ctx.db, a, ctx.query.year);
      const buf = await indicatorReportDocx(t, await detailsOf(ctx.db, a, t), ctx.clock().today);
      return sendDownload(ctx, { entityType: 'indicator_plan', entityId: t.plan.id }, `${fileYear(t)}规划指标监测情况.docx`, DOCX_TYPE, buf, buf.length);
    },
  }),
];
