/**
 * The assessment scheme (考核方案): versions, the draft editor, the comparison with the declarations,
 * publication (the first one starts scoring; a later one supersedes the previous version) and the Annex 4 exports.
 */
import { z } from 'zod';
import { idParam } from '../../../../shared/contracts/common';
import {
  applyDeclarationsBody,
  applyDeclarationsResult,
  compareResponse,
  newVersionBody,
  publishSchemeBody,
  removedScore,
  schemeDetail,
  schemeSummary,
  updateSchemeBody,
} from '../../../../shared/contracts/schemes';
import { route, type RouteContext } from '../../../core/route';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../../core/download';
import { schemeAnnex4Xlsx, annex4Layout } from '../../../io/excel/scheme-annex4';
import { schemeAnnex4Docx } from '../../../io/word/scheme-annex4';
import { ensure, ensureAllowed, mayCompareDeclarations, schemeManageRefusal } from '../assessment.policy';
import { cycleAccess } from '../assessment.queries';
import {
  applyDeclarationsToDraft,
  checkApplyDeclarations,
  checkPublish,
  checkSaveDraft,
  newVersion,
  publishScheme,
  saveDraft,
} from './schemes.commands';
import { draftMark } from './schemes.presenter';
import { compareDeclarations, listSchemes, loadScheme, loadSchemeDetail, evaluatorNames, parseFramework } from './schemes.queries';

const MAY_EDIT = '只有组织本次考核的质强办可以修改考核方案';

const publishResult = z.object({
  scheme: schemeDetail,
  cycleStatus: z.string(),
  submissionsOpened: z.array(z.string()),
  removedScores: z.array(removedScore),
});

async function exportLayout(ctx: RouteContext<unknown, unknown, { id: number }>) {
  const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
  const fw = parseFramework(row.framework_json);
  const layout = annex4Layout(fw, await evaluatorNames(ctx.db, a.cycle.office_org_id), { versionNo: row.version_no, status: row.status, publishedAt: row.published_at });
  const base = `${fw.title}（${draftMark(row.status)}第${row.version_no}版）`;
  return { layout, base };
}

export const schemeRoutes = [
  route({
    method: 'GET',
    url: '/api/cycles/:id/schemes',
    access: 'cycle.read',
    summary: '考核方案的各个版本',
    tags: ['考核方案'],
    params: idParam,
    response: z.object({ items: z.array(schemeSummary) }),
    handler: async (ctx) => ({ items: await listSchemes(ctx.db, await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today)) }),
  }),
  route({
    method: 'GET',
    url: '/api/schemes/:id',
    access: 'cycle.read',
    summary: '考核方案的一个版本（指标树与发布检查结果）',
    tags: ['考核方案'],
    params: idParam,
    response: schemeDetail,
    handler: async (ctx) => {
      const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      return loadSchemeDetail(ctx.db, a, row);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/schemes/:id',
    access: 'scheme.manage',
    summary: '保存方案草稿（分值、评价部门、加分/减分/否决项、等级划分）',
    tags: ['考核方案'],
    params: idParam,
    body: updateSchemeBody,
    response: schemeDetail,
    handler: async (ctx) => {
      const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(schemeManageRefusal(a, MAY_EDIT));
      await checkSaveDraft(ctx.db, a, row, ctx.body);
      return ctx.tx((c) => saveDraft(c, a, row, ctx.body.framework));
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/schemes',
    access: 'scheme.manage',
    summary: '基于最新发布的版本新建方案版本（须说明原因）',
    tags: ['考核方案'],
    params: idParam,
    body: newVersionBody,
    response: schemeDetail,
    status: 201,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(schemeManageRefusal(a, MAY_EDIT));
      return ctx.tx((c) => newVersion(c, a, ctx.body.reason));
    },
  }),
  route({
    method: 'POST',
    url: '/api/schemes/:id/publish',
    access: 'scheme.manage',
    summary: '发布方案：冻结版本；首次发布后开始评分，之后的发布取代上一版本',
    tags: ['考核方案'],
    params: idParam,
    body: publishSchemeBody,
    response: publishResult,
    handler: async (ctx) => {
      const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(schemeManageRefusal(a, '只有组织本次考核的质强办可以发布考核方案'));
      const checked = await checkPublish(ctx.db, a, row, ctx.body);
      return ctx.tx((c) => publishScheme(c, a, row, checked));
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/scheme/compare',
    access: 'scheme.manage',
    summary: '申报与上一年度分值对照（含超分说明、草稿中的最终分值）',
    tags: ['考核方案'],
    params: idParam,
    response: compareResponse,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensureAllowed(mayCompareDeclarations(a), '只有组织本次考核的质强办可以查看申报对照');
      return compareDeclarations(ctx.db, a);
    },
  }),
  route({
    method: 'POST',
    url: '/api/schemes/:id/apply-declarations',
    access: 'scheme.manage',
    summary: '将已接收的申报写入方案草稿',
    tags: ['考核方案'],
    params: idParam,
    body: applyDeclarationsBody,
    response: applyDeclarationsResult,
    handler: async (ctx) => {
      const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(schemeManageRefusal(a, MAY_EDIT));
      const decls = await checkApplyDeclarations(ctx.db, a, row, ctx.body);
      return ctx.tx((c) => applyDeclarationsToDraft(c, a, row, decls));
    },
  }),
  route({
    method: 'GET',
    url: '/api/schemes/:id/annex4.xlsx',
    access: 'cycle.read',
    summary: '导出考核要点（附件4格式，Excel）',
    tags: ['考核方案'],
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const { layout, base } = await exportLayout(ctx);
      await sendDownload(ctx, { entityType: 'scheme', entityId: ctx.params.id }, `${base}.xlsx`, XLSX_TYPE, await schemeAnnex4Xlsx(layout));
    },
  }),
  route({
    method: 'GET',
    url: '/api/schemes/:id/annex4.docx',
    access: 'cycle.read',
    summary: '导出考核要点（附件4格式，Word）',
    tags: ['考核方案'],
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const { layout, base } = await exportLayout(ctx);
      await sendDownload(ctx, { entityType: 'scheme', entityId: ctx.params.id }, `${base}.docx`, DOCX_TYPE, await schemeAnnex4Docx(layout));
    },
  }),
];
