/**
 * 评分 (issue 4 §4): the grid of units × the caller's criteria, one score at a time (checked by the engine,
 * optimistic version), submission (lock), the office's completeness matrix, reminders and reopening; cities'
 * self-reports. The reads live in scoring.queries, the changes in scoring.commands, the rules in ../assessment.policy.
 */
import { z } from 'zod';
import { idParam } from '../../../../shared/contracts/common';
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
  sheetUploadResult,
  submissionInfo,
  submitBody,
} from '../../../../shared/contracts/scoring';
import type { FastifyRequest } from 'fastify';
import { route } from '../../../core/route';
import { uploadedWorkbook } from '../../../core/upload';
import { cycleAccess } from '../assessment.queries';
import { ensure, ensureAllowed, maySelfReport, requireParticipation, scoreRefusal, scoringOversightRefusal } from '../assessment.policy';
import {
  checkScoreAnswer,
  checkScoreWrite,
  checkSubmit,
  deleteScore,
  planReminders,
  remindScoring,
  reopenScoring,
  saveScore,
  saveSelfReport,
  scoreTaken,
  selfReportItemCode,
  selfReportTaken,
  SELF_REPORT_LOCKED,
  submitScores,
} from './scoring.commands';
import { loadGrid, loadProgress, loadSelfReports, ownCriteria } from './scoring.queries';
import { sheetUploadRefusal } from './scoring.presenter';
import { applySheetUpload, planSheetUpload, sheetInfo, sheetRowTaken } from './scoring.sheet';
import { badRequest } from '../../../core/errors';
import { sendDownload, XLSX_TYPE } from '../../../core/download';
import { buildScoringSheet, parseScoringSheet, SCORING_MAX_UPLOAD_BYTES } from '../../../io/excel/scoring-sheet';
import { problemField } from '../../../io/excel/declaration-template';

/** The uploaded 评分表 (the request's body, parsed here) and its file name; a 400 when not one row could be read. */
async function uploadedSheet(req: FastifyRequest) {
  const upload = await uploadedWorkbook(req, SCORING_MAX_UPLOAD_BYTES, '评分表');
  const parsed = await parseScoringSheet(upload.buffer);
  if (!parsed.ok && !parsed.rows) throw badRequest(`上传的评分表有${parsed.problems.length}处问题，未导入任何评分；请按列表修改后重新上传`, parsed.problems.map(problemField));
  return { parsed, fileName: upload.fileName ?? '评分表.xlsx' };
}

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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      requireParticipation(a, ['office', 'department'], '只有评价部门和质强办可以查看评分表');
      return loadGrid(ctx.db, a, ctx.query.view, { page: ctx.query.page, pageSize: ctx.query.pageSize });
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:id/scores/:unitId/:itemCode/:criterionCode',
    access: 'score.enter',
    summary: '录入或修改一项评分（version 为 null 表示新建；版本不符返回409及他人的评分）',
    tags: ['评分'],
    params: scoreCellParams,
    body: putScoreBody,
    response: scoreCell,
    handler: async (ctx) => {
      const { unitId, itemCode, criterionCode } = ctx.params;
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const t = await checkScoreWrite(ctx.db, a, unitId, itemCode, criterionCode);
      const verdict = checkScoreAnswer(t, ctx.body.answer);
      return scoreTaken(ctx.db, t, ctx.me().id, () => ctx.tx((c) => saveScore(c, t, ctx.body, verdict)));
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const t = await checkScoreWrite(ctx.db, a, unitId, itemCode, criterionCode);
      await ctx.tx((c) => deleteScore(c, t, ctx.query.version));
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/scoring/sheet.xlsx',
    access: 'score.enter',
    summary: '下载本部门评分表（.xlsx，被考核单位 × 本部门评分的考核要点，按已保存的评分预填）',
    tags: ['评分'],
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const info = await sheetInfo(ctx.db, a);
      return sendDownload(ctx, { entityType: 'assessment_cycle', entityId: a.cycle.id }, `${info.fileStem}.xlsx`, XLSX_TYPE, await buildScoringSheet(info));
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/scoring/upload',
    access: 'score.enter',
    summary: '上传填写好的评分表（.xlsx）：逐行校验，有问题则全部不导入并列出行、列和原因；下载后被他人修改的评分不覆盖（409）',
    tags: ['评分'],
    params: idParam,
    response: sheetUploadResult,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(scoreRefusal(a));
      const { parsed, fileName } = await uploadedSheet(ctx.req);
      const plan = await planSheetUpload(ctx.db, a, parsed.rows!);
      // the cells the file could not give, with every other problem of the rows: one upload says all
      ensure(sheetUploadRefusal(parsed.ok ? [] : parsed.problems, plan));
      return sheetRowTaken(ctx.db, a, plan, () => ctx.tx((c) => applySheetUpload(c, a, plan, fileName)));
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const scheme = await checkSubmit(ctx.db, a, (fw) => ownCriteria(fw, a));
      return ctx.tx((c) => submitScores(c, a, scheme));
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(scoringOversightRefusal(a, '只有组织本次考核的质强办可以重新开放评分', '不能重新开放评分'));
      return ctx.tx((c) => reopenScoring(c, a, ctx.body));
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(scoringOversightRefusal(a, '只有组织本次考核的质强办可以催办', '不能催办'));
      const plans = await planReminders(ctx.db, a, ctx.body.departmentIds);
      return ctx.tx((c) => remindScoring(c, a, plans));
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      requireParticipation(a, ['unit'], '只有被考核单位可以填写自评材料');
      ensureAllowed(maySelfReport(a), SELF_REPORT_LOCKED);
      const itemCode = await selfReportItemCode(ctx.db, a, ctx.params.itemCode);
      return selfReportTaken(ctx.db, a, itemCode, () => ctx.tx((c) => saveSelfReport(c, a, itemCode, ctx.body)));
    },
  }),
];
