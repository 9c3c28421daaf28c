/**
 * 评分 (issue 4 §4): the grid of units × the caller's criteria, one score at a time (checked by the engine,
 * optimistic version), submission (lock), the office's completeness matrix, reminders and reopening; cities'
 * self-reports. The reads live in scoring.service, the changes in scoring.commands.
 */
import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import {
  deleteScoreQuery,
  gridQuery,
  putScoreBody,
  putSelfReportBody,
  remindBody,
  remindResult,
  reopenBody,
  scoreCell,
  scoreCellParams,
  scoringGrid,
  scoringProgress,
  selfReportItem,
  selfReportList,
  selfReportParams,
  selfReportQuery,
  submissionInfo,
  submitBody,
} from '../../../shared/contracts/scoring';
import { forbidden } from '../../core/errors';
import { route } from '../../core/route';
import { cycleAccess, require, requireParticipation } from './assessment.policy';
import { deleteScore, remindScoring, reopenScoring, saveScore, saveSelfReport, SELF_REPORT_LOCKED, submitScores } from './scoring.commands';
import {
  checkScoreWrite,
  engineCheck,
  loadGrid,
  loadProgress,
  loadSelfReports,
  ownCriteria,
  requirePublished,
  requireScoringPhase,
} from './scoring.service';

export const scoringRoutes = [
  route({
    method: 'GET',
    url: '/api/cycles/:id/scoring/grid',
    access: 'score.enter',
    summary: '评分表：被考核单位 × 本部门评分的考核要点（质强办可查看全部，只读）',
    tags: ['评分'],
    params: idParam,
    query: gridQuery,
    response: scoringGrid,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      requireParticipation(a, ['office', 'department'], '只有评价部门和质强办可以查看评分表');
      return loadGrid(ctx.db, a, ctx.query.view, { page: ctx.query.page, pageSize: ctx.query.pageSize });
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:id/scores/:unitId/:itemCode/:criterionCode',
    access: 'score.enter',
    summary: '录入或修改一项评分（version 为 null 表示新建；版本不符返回 409 及他人的评分）',
    tags: ['评分'],
    params: scoreCellParams,
    body: putScoreBody,
    response: scoreCell,
    handler: async (ctx) => {
      const me = ctx.me();
      const { unitId, itemCode, criterionCode } = ctx.params;
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      const { scheme, unit } = await checkScoreWrite(ctx.db, a, unitId, itemCode, criterionCode);
      const verdict = engineCheck(scheme.framework, unit.code, itemCode, criterionCode, ctx.body.answer);
      return saveScore(ctx.db, ctx.tx, me, { a, schemeId: scheme.row.id, fw: scheme.framework, unit, unitId, itemCode, criterionCode }, ctx.body, verdict);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/cycles/:id/scores/:unitId/:itemCode/:criterionCode',
    access: 'score.enter',
    summary: '清除一项评分（需带 ?version=）',
    tags: ['评分'],
    params: scoreCellParams,
    query: deleteScoreQuery,
    response: z.object({ ok: z.literal(true) }),
    handler: async (ctx) => {
      const { unitId, itemCode, criterionCode } = ctx.params;
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      const { scheme, unit } = await checkScoreWrite(ctx.db, a, unitId, itemCode, criterionCode);
      await deleteScore(ctx.tx, { a, schemeId: scheme.row.id, fw: scheme.framework, unit, unitId, itemCode, criterionCode }, ctx.query.version);
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/scoring/submit',
    access: 'score.enter',
    summary: '提交本部门评分（须全部评分；提交后锁定）',
    tags: ['评分'],
    params: idParam,
    body: submitBody,
    response: submissionInfo,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      requireParticipation(a, ['department', 'office'], '只有评价部门可以提交评分');
      requireScoringPhase(a);
      const scheme = await requirePublished(ctx.db, a.cycle.id);
      const own = ownCriteria(scheme.framework, a);
      if (!own.length) throw forbidden('本部门在本次考核方案中没有需要评分的考核要点');
      require(a, 'score', '您没有本次考核的评分权限');
      return submitScores(ctx.tx, me, a, { id: scheme.row.id, framework: scheme.framework }, own);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/scoring/reopen',
    access: 'score.monitor',
    summary: '重新开放某部门的评分（须填写原因，原因以待办通知该部门）',
    tags: ['评分'],
    params: idParam,
    body: reopenBody,
    response: submissionInfo,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      require(a, 'monitor', '只有组织本次考核的质强办可以重新开放评分');
      requireScoringPhase(a);
      return reopenScoring(ctx.tx, me, a, ctx.body);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/scoring/progress',
    access: 'score.monitor',
    summary: '评分进度：评价部门 × 被考核单位的完成情况',
    tags: ['评分'],
    params: idParam,
    response: scoringProgress,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      requireParticipation(a, ['office'], '只有组织本次考核的质强办可以查看评分进度');
      return loadProgress(ctx.db, a);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/scoring/remind',
    access: 'score.monitor',
    summary: '催办：向未提交评分的部门发送待办（列出未评完的单位；替换该部门此前的催办）',
    tags: ['评分'],
    params: idParam,
    body: remindBody,
    response: remindResult,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      require(a, 'monitor', '只有组织本次考核的质强办可以催办');
      requireScoringPhase(a);
      const scheme = await requirePublished(ctx.db, a.cycle.id);
      return remindScoring(ctx.db, ctx.tx, me, a, scheme.framework, ctx.body.departmentIds);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/self-reports',
    access: 'cycle.read',
    summary: '自评材料（被考核单位：本单位；评价部门：其评分的考核内容；质强办：全部）',
    tags: ['评分'],
    params: idParam,
    query: selfReportQuery,
    response: selfReportList,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      return loadSelfReports(ctx.db, a, ctx.query.unitId);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:id/self-reports/:itemCode',
    access: 'selfReport.edit',
    summary: '填写或修改本单位某项考核内容的自评说明（version 为 null 表示新建）',
    tags: ['评分'],
    params: selfReportParams,
    body: putSelfReportBody,
    response: selfReportItem,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      requireParticipation(a, ['unit'], '只有被考核单位可以填写自评材料');
      require(a, 'selfReport', SELF_REPORT_LOCKED);
      return saveSelfReport(ctx.db, ctx.tx, me, a, ctx.params.itemCode, ctx.body);
    },
  }),
];
