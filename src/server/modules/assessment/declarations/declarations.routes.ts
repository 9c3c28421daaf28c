/**
 * The call for indicators (征集) and declarations (申报), issue 4 §1–2: the notice and templates as
 * downloads, a department's draft / submission / upload, the office's return / accept / reopen.
 */
import type { Kysely } from 'kysely';
import { idParam } from '../../../../shared/contracts/common';
import {
  declarationDetail,
  declarationList,
  declarationListQuery,
  declarationTransitionBody,
  reopenDeclarationBody,
  saveDeclarationBody,
  uploadQuery,
  uploadResult,
  type DeclarationList,
} from '../../../../shared/contracts/declarations';
import type { Database } from '../../../db/schema';
import { badRequest } from '../../../core/errors';
import { route } from '../../../core/route';
import { uploadedWorkbook } from '../../../core/upload';
import { buildDeclarationWorkbook, INDICATOR_SHEET, MAX_UPLOAD_BYTES, parseDeclarationWorkbook, problemField } from '../../../io/excel/declaration-template';
import { comparisonWorkbook } from '../../../io/excel/comparison';
import { declarationDocx, noticeDocx, stripDemoMark } from '../../../io/word/notice';
import { declarationEditRefusal, ensure, ensureAllowed, requireParticipation, templateRefusal } from '../assessment.policy';
import { cycleAccess } from '../assessment.queries';
import { declarationChanged, moveDeclaration, normalizeContent, reopenDeclaration, saveDeclaration } from './declarations.commands';
import { presentComparison, presentDetail, presentList, presentSummary, uploadWarnings } from './declarations.presenter';
import { declarationForm, lastYearPoints, listDeclarations, loadDeclaration, noticeOfCycle, officeOf, type LoadedDeclaration } from './declarations.queries';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../../core/download';

const TAGS = ['年度考核·指标申报'];

/**
 * An uploaded declaration workbook, checked row by row (the request's body, parsed here): its content and the strict
 * checks' warnings; a 400 listing every problem, with nothing imported.
 */
async function uploadedContent(db: Kysely<Database>, d: LoadedDeclaration, buf: Buffer) {
  const refused = (problems: { field: string; message: string }[]) => badRequest(`上传的申报表有${problems.length}处问题，未导入任何内容；请按列表修改后重新上传`, problems);
  const parsed = await parseDeclarationWorkbook(buf);
  if (!parsed.ok) throw refused(parsed.problems.map(problemField));
  ensure(templateRefusal(parsed.stamp, d.row));
  const { content, problems } = normalizeContent(
    parsed.content,
    await lastYearPoints(db, d.access.cycle),
    d.dept.code,
    (i) => `${INDICATOR_SHEET}·第${parsed.indicatorRows[i]}行·上年编号`,
  );
  if (problems.length) throw refused(problems);
  return { content, warnings: uploadWarnings(content, parsed.indicatorRows, parsed.bonusRows) };
}

export const declarationRoutes = [
  route({
    method: 'GET',
    url: '/api/cycles/:id/declarations',
    access: 'cycle.read',
    summary: '指标申报情况：质强办看全部受邀成员单位（状态、提交时间、逾期、超过上年分值的指标），成员单位看自己的',
    tags: TAGS,
    params: idParam,
    query: declarationListQuery,
    response: declarationList,
    handler: async (ctx): Promise<DeclarationList> => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      requireParticipation(a, ['office', 'department', 'leader'], '考核对象不能查看成员单位的指标申报');
      // the counts cover every invited department, so all are loaded (tens of rows); filter, order and page here
      return presentList((await listDeclarations(ctx.db, a)).map((d) => presentSummary(d)), ctx.query);
    },
  }),
  route({
    method: 'GET',
    url: '/api/declarations/:id',
    access: 'cycle.read',
    summary: '一份申报表：内容、状态、版本、退回原因、重新开放期限、超过上年分值的指标',
    tags: TAGS,
    params: idParam,
    response: declarationDetail,
    handler: async (ctx) => presentDetail(await loadDeclaration(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today)),
  }),
  route({
    method: 'PUT',
    url: '/api/declarations/:id',
    access: 'declaration.edit',
    summary: '保存申报表草稿（带版本号；他人已修改时409并返回对方的内容）',
    tags: TAGS,
    params: idParam,
    body: saveDeclarationBody,
    response: declarationDetail,
    handler: async (ctx) => {
      const me = ctx.me();
      const d = await loadDeclaration(ctx.db, me, ctx.params.id, ctx.clock().today);
      ensure(declarationEditRefusal(d));
      const { content, problems } = normalizeContent(ctx.body.content, await lastYearPoints(ctx.db, d.access.cycle), d.dept.code);
      if (problems.length) throw badRequest(problems.map((p) => p.message).join('；'), problems);
      return ctx.tx((c) => saveDeclaration(c, d, content, ctx.body.version, 'declaration.save'));
    },
  }),
  route({
    method: 'POST',
    url: '/api/declarations/:id/transition',
    access: 'cycle.read',
    summary: '提交（成员单位，须通过全部校验）、退回（质强办，须填写原因）或接收申报表',
    tags: TAGS,
    params: idParam,
    body: declarationTransitionBody,
    response: declarationDetail,
    handler: async (ctx) => {
      const seen = await loadDeclaration(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      return ctx.tx((c) => moveDeclaration(c, seen, ctx.body));
    },
  }),
  route({
    method: 'POST',
    url: '/api/declarations/:id/reopen',
    access: 'declaration.review',
    summary: '截止后为某成员单位重新开放申报（至指定日期，须填写原因）；之后的提交标记为逾期',
    tags: TAGS,
    params: idParam,
    body: reopenDeclarationBody,
    response: declarationDetail,
    handler: async (ctx) => {
      const seen = await loadDeclaration(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensureAllowed(seen.rights.review, '只有组织本次考核的质强办可以重新开放申报');
      return ctx.tx((c) => reopenDeclaration(c, seen, ctx.body));
    },
  }),
  route({
    method: 'POST',
    url: '/api/declarations/:id/upload',
    access: 'declaration.edit',
    summary: '上传填写好的申报表（.xlsx，?version=当前版本）：逐行校验，有问题则全部不导入并列出行、列和原因',
    tags: TAGS,
    params: idParam,
    query: uploadQuery,
    response: uploadResult,
    handler: async (ctx) => {
      const d = await loadDeclaration(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(declarationEditRefusal(d));
      if (ctx.query.version !== d.row.version) throw await declarationChanged(ctx.db, d, '请查看对方保存的内容后重新上传');
      const { content, warnings } = await uploadedContent(ctx.db, d, (await uploadedWorkbook(ctx.req, MAX_UPLOAD_BYTES, '申报表')).buffer);
      return ctx.tx(async (c) => ({ declaration: await saveDeclaration(c, d, content, ctx.query.version, 'declaration.upload'), warnings }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/notice.docx',
    access: 'cycle.read',
    summary: '下载征集通知（.docx，含申报表模板两份，以及已印发的本年度工作要点、上年度考核要点，有则附上，附件说明按实际附件编号）',
    tags: TAGS,
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      requireParticipation(a, ['office', 'department', 'leader'], '征集通知发给成员单位，考核对象无需下载');
      const buf = await noticeDocx(await noticeOfCycle(ctx.db, a));
      return sendDownload(ctx, { entityType: 'assessment_cycle', entityId: a.cycle.id }, `${a.cycle.title}指标征集通知.docx`, DOCX_TYPE, buf);
    },
  }),
  route({
    method: 'GET',
    url: '/api/declarations/:id/template.xlsx',
    access: 'cycle.read',
    summary: '下载申报表 Excel 模板（附件1指标申报表、附件2加分项申报表，按当前内容预填）',
    tags: TAGS,
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const form = await declarationForm(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      return sendDownload(ctx, { entityType: 'declaration', entityId: ctx.params.id }, `${form.fileStem}.xlsx`, XLSX_TYPE, await buildDeclarationWorkbook(form));
    },
  }),
  route({
    method: 'GET',
    url: '/api/declarations/:id/template.docx',
    access: 'cycle.read',
    summary: '下载申报表 Word 版（附件1、2，按当前内容预填）',
    tags: TAGS,
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const form = await declarationForm(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      return sendDownload(ctx, { entityType: 'declaration', entityId: ctx.params.id }, `${form.fileStem}.docx`, DOCX_TYPE, await declarationDocx(form));
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/declarations/comparison.xlsx',
    access: 'cycle.read',
    summary: '下载指标分值对照表（.xlsx：各成员单位申报的每个考核要点，本年分值与上年对照、增减及超过上年的理由）',
    tags: TAGS,
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      requireParticipation(a, ['office', 'leader'], '分值对照表供质强办统筹确定分值，成员单位请查看本单位的申报');
      const office = await officeOf(ctx.db, a.cycle);
      const declarations = (await listDeclarations(ctx.db, a)).map(presentComparison);
      const buf = await comparisonWorkbook(stripDemoMark(a.cycle.title), a.cycle.year, office.baseYear, declarations);
      return sendDownload(ctx, { entityType: 'assessment_cycle', entityId: a.cycle.id }, `${a.cycle.title}指标分值对照表.xlsx`, XLSX_TYPE, buf);
    },
  }),
];
