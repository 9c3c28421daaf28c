/** Results, the objection window, objections, final publication and the result exports (issue 4 §5). */
import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { cycleDetail } from '../../../shared/contracts/cycles';
import {
  answerObjectionBody,
  objectionParams,
  objectionView,
  openReviewBody,
  publishResultsBody,
  raiseObjectionBody,
  resultsQuery,
  resultsView,
  unitReportParams,
} from '../../../shared/contracts/results';
import { CYCLE_WORKFLOW, type CycleStatus } from '../../../shared/workflow/assessment';
import { conflict, forbidden, notFound } from '../../core/errors';
import { route, type RouteDef } from '../../core/route';
import { rankingWorkbook } from '../../io/excel/ranking';
import { cityReportDocx } from '../../io/word/city-report';
import { cycleAccess, require } from './assessment.policy';
import { findCycle, lockCycle, publishedScheme } from './assessment.repository';
import { presentCycle } from './cycles.service';
import { answerObjection, findObjection, listObjections, openObjections, raiseObjection } from './objections.service';
import { openReview, publishResults, resultsFor, unsubmittedDepartments } from './results.service';
import { sendPublishedResults, withDetail } from './results-cache';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../core/download';

const TAGS = ['考核结果'];
const stale = () => conflict('该考核已被他人修改，请刷新后重试');

export const resultRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/cycles/:id/results',
    access: 'result.read',
    summary: '考核结果：发布前为引擎按已存评分实时计算的初步结果，发布后为冻结的最终结果（按身份可见范围）',
    tags: TAGS,
    params: idParam,
    query: resultsQuery,
    response: resultsView,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      const detail = ctx.query.detail ?? 'full';
      // final results are frozen: served as the text built at the first read, with an ETag (results-cache.ts)
      return a.cycle.status === 'published' ? sendPublishedResults(ctx.db, a, detail, ctx.req, ctx.reply) : withDetail(await resultsFor(ctx.db, a), detail);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/review',
    access: 'cycle.manage',
    summary: '公布初步结果并开放异议期（须全部评价部门已提交评分）',
    tags: TAGS,
    params: idParam,
    body: openReviewBody,
    response: cycleDetail,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      require(a, 'manage', '只有组织本次考核的质强办可以公布初步结果');
      return ctx.tx(async (trx, audit) => {
        // every precondition read under the cycle's lock: submissions and reopenings hold it shared
        const cycle = await lockCycle(trx, a.cycle.id, 'update');
        if (cycle.status !== 'scoring') throw conflict(`当前状态为「${statusLabel(cycle.status)}」，只有评分阶段才能公布初步结果`);
        if (cycle.version !== ctx.body.version) throw stale();
        const scheme = await publishedScheme(trx, a.cycle.id);
        if (!scheme) throw conflict('本次考核尚未发布考核方案');
        const pending = await unsubmittedDepartments(trx, cycle, scheme.framework);
        if (pending.length) {
          throw conflict(`以下评价部门尚未提交评分，不能公布初步结果：${pending.map((d) => d.name).join('、')}`, pending);
        }
        await openReview({ trx, audit, user: me }, cycle, ctx.body);
        return presentCycle(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! });
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/publish-results',
    access: 'cycle.manage',
    summary: '发布最终结果（冻结）：须无待答复的异议',
    tags: TAGS,
    params: idParam,
    body: publishResultsBody,
    response: cycleDetail,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      require(a, 'manage', '只有组织本次考核的质强办可以发布最终结果');
      return ctx.tx(async (trx, audit) => {
        // every precondition read under the cycle's lock: raising and answering objections hold it
        const cycle = await lockCycle(trx, a.cycle.id, 'update');
        if (cycle.status !== 'review') throw conflict(`当前状态为「${statusLabel(cycle.status)}」，只有结果公示（异议期）阶段才能发布最终结果`);
        if (cycle.version !== ctx.body.version) throw stale();
        const open = await openObjections(trx, a.cycle.id);
        if (open.length) {
          throw conflict(
            `还有 ${open.length} 条异议尚未答复，不能发布：${open.map((o) => `${o.unit_name}对第${o.item_code}项${o.criterion_code}（${o.dept_name}答复）`).join('；')}`,
            open.map((o) => ({ id: o.id, unit: o.unit_name, itemCode: o.item_code, criterionCode: o.criterion_code, department: o.dept_name })),
          );
        }
        await publishResults({ trx, audit, user: me }, cycle, ctx.body.version);
        return presentCycle(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! });
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/objections',
    access: 'cycle.read',
    summary: '异议列表（市州：本地区提出的；部门：向本单位提出的；质强办：全部）',
    tags: TAGS,
    params: idParam,
    response: z.object({ items: z.array(objectionView) }),
    handler: async (ctx) => ({ items: await listObjections(ctx.db, await cycleAccess(ctx.db, ctx.me(), ctx.params.id)) }),
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/objections',
    access: 'objection.raise',
    summary: '对本地区某一考核要点的评分提出异议（仅限异议期内）',
    tags: TAGS,
    params: idParam,
    body: raiseObjectionBody,
    response: objectionView,
    status: 201,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      return ctx.tx(async (trx, audit) => {
        const id = await raiseObjection({ trx, audit, user: me }, a, ctx.body);
        return (await listObjections(trx, a, id))[0];
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/objections/:id/answer',
    access: 'objection.answer',
    summary: '答复异议：维持原评分，或调整评分（新评分由引擎校验），均须写明理由',
    tags: TAGS,
    params: objectionParams,
    body: answerObjectionBody,
    response: objectionView,
    handler: async (ctx) => {
      const me = ctx.me();
      const o = await findObjection(ctx.db, ctx.params.id);
      if (!o) throw notFound(`异议 ${ctx.params.id} 不存在`);
      const a = await cycleAccess(ctx.db, me, o.cycle_id).catch(() => {
        throw notFound(`异议 ${ctx.params.id} 不存在`);
      });
      return ctx.tx(async (trx, audit) => {
        await answerObjection({ trx, audit, user: me }, a, o, ctx.body);
        return (await listObjections(trx, a, o.id))[0];
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/results/ranking.xlsx',
    access: 'result.read',
    summary: '下载考核结果排名表（.xlsx）',
    tags: TAGS,
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const v = await resultsFor(ctx.db, await cycleAccess(ctx.db, ctx.me(), ctx.params.id));
      if (v.units.some((u) => u.total === null)) throw forbidden('最终结果发布前，成员单位只能查看本单位评价的考核要点，不能导出排名表');
      const buf = await rankingWorkbook(v);
      await sendDownload(ctx, { entityType: 'assessment_cycle', entityId: ctx.params.id }, `${v.year}年度考核结果排名（${v.stage === 'final' ? '最终' : '初步'}）.xlsx`, XLSX_TYPE, buf);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/results/:unitId/report.docx',
    access: 'result.read',
    summary: '下载某市州的考核结果报告（.docx）',
    tags: TAGS,
    params: unitReportParams,
    raw: true,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      if (a.as === 'unit' && a.orgUnitId !== ctx.params.unitId) throw forbidden('只能下载本地区的考核结果报告');
      const v = await resultsFor(ctx.db, a);
      const u = v.units.find((x) => x.unitId === ctx.params.unitId);
      if (!u) throw notFound(`本次考核没有编号为 ${ctx.params.unitId} 的被考核单位`);
      const objections = (await listObjections(ctx.db, a)).filter((o) => o.unit.id === u.unitId);
      const buf = await cityReportDocx(v, u, objections);
      await sendDownload(ctx, { entityType: 'assessment_cycle', entityId: a.cycle.id }, `${v.year}年度${u.unitName}考核结果报告（${v.stage === 'final' ? '最终' : '初步'}）.docx`, DOCX_TYPE, buf);
    },
  }),
];

const statusLabel = (s: string): string => CYCLE_WORKFLOW.states[s as CycleStatus] ?? s;
