/**
 * The assessment scheme (考核方案): versions, the draft editor, the comparison with the declarations,
 * publication (the first one starts scoring; a later one supersedes the previous version) and the Annex 4 exports.
 */
import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import {
  applyDeclarationsBody,
  applyDeclarationsResult,
  compareResponse,
  diffFrameworks,
  newVersionBody,
  publishSchemeBody,
  schemeDetail,
  schemeSummary,
  updateSchemeBody,
} from '../../../shared/contracts/schemes';
import type { DeclarationContent } from '../../../shared/contracts/declarations';
import { CYCLE_WORKFLOW, SCHEME_WORKFLOW } from '../../../shared/workflow/assessment';
import { badRequest, conflict } from '../../core/errors';
import { route } from '../../core/route';
import { transition } from '../../core/transition';
import { schemeAnnex4Xlsx, annex4Layout } from '../../io/excel/scheme-annex4';
import { schemeAnnex4Docx } from '../../io/word/scheme-annex4';
import { cycleAccess, require } from './assessment.policy';
import { findCycle, lockCycle } from './assessment.repository';
import {
  applyDeclarations,
  compareDeclarations,
  evaluatorOptions,
  listSchemes,
  loadScheme,
  openSubmissions,
  orgNamesByCode,
  parseFramework,
  presentScheme,
  pruneScores,
} from './schemes.service';
import { checkScheme } from '../../../shared/contracts/schemes';
import { reopenIncomplete } from './scoring.service';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../core/download';

const FROZEN = '已发布的方案不能修改，请新建版本并说明原因';
const frozenMessage = (status: string) => (status === 'superseded' ? '该版本已被新版本取代，不能修改' : FROZEN);

const publishResult = z.object({
  scheme: schemeDetail,
  cycleStatus: z.string(),
  submissionsOpened: z.array(z.string()),
  removedScores: z.array(z.object({ unitId: z.number(), itemCode: z.string(), criterionCode: z.string(), reason: z.string() })),
});

async function exportLayout(ctx: { db: any; me: () => any; params: { id: number } }) {
  const { row } = await loadScheme(ctx.db, ctx.me(), ctx.params.id);
  const fw = parseFramework(row.framework_json);
  const layout = annex4Layout(fw, await orgNamesByCode(ctx.db), { versionNo: row.version_no, status: row.status, publishedAt: row.published_at });
  const base = `${fw.title}（${row.status === 'draft' ? '草案' : ''}第${row.version_no}版）`;
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
    handler: async (ctx) => ({ items: await listSchemes(ctx.db, await cycleAccess(ctx.db, ctx.me(), ctx.params.id)) }),
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
      const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id);
      return presentScheme(ctx.db, a, row);
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
      const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id);
      require(a, 'manageScheme', '只有组织本次考核的质强办可以修改考核方案');
      if (row.status !== 'draft') throw conflict(frozenMessage(row.status), await presentScheme(ctx.db, a, row));
      if (row.version !== ctx.body.version) {
        throw conflict('该方案草稿已被他人修改，请查看最新内容后重试', await presentScheme(ctx.db, a, row));
      }
      const before = parseFramework(row.framework_json);
      const fw = ctx.body.framework;
      const fixed: { field: string; message: string }[] = [];
      if (fw.id !== before.id) fixed.push({ field: 'framework.id', message: `方案编号不能修改（应为 ${before.id}）` });
      if (fw.kind !== before.kind) fixed.push({ field: 'framework.kind', message: '方案类型不能修改' });
      if (fw.totalPoints !== before.totalPoints) fixed.push({ field: 'framework.totalPoints', message: `总分不能修改（应为 ${before.totalPoints} 分）` });
      if (fixed.length) throw badRequest(fixed.map((f) => f.message).join('；'), fixed);
      const diff = diffFrameworks(before, fw);
      return ctx.tx(async (trx, audit) => {
        const r = await trx
          .updateTable('scheme')
          .set({ framework_json: JSON.stringify(fw), version: row.version + 1, updated_at: new Date().toISOString() })
          .where('id', '=', row.id)
          .where('version', '=', row.version)
          .where('status', '=', 'draft')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) {
          const now = await trx.selectFrom('scheme').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
          throw conflict('该方案草稿已被他人修改，请查看最新内容后重试', await presentScheme(trx, a, now));
        }
        await audit({
          action: 'scheme.update',
          entityType: 'scheme',
          entityId: row.id,
          before: { version: row.version, nodes: diff.before },
          after: { version: row.version + 1, nodes: diff.after },
        });
        return presentScheme(trx, a, await trx.selectFrom('scheme').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
      });
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      require(a, 'manageScheme', '只有组织本次考核的质强办可以修改考核方案');
      return ctx.tx(async (trx, audit) => {
        // the versions, read under the cycle's lock: two new versions at once make one draft, not two
        await lockCycle(trx, a.cycle.id, 'update');
        const rows = await trx.selectFrom('scheme').selectAll().where('cycle_id', '=', a.cycle.id).orderBy('version_no', 'desc').execute();
        const draft = rows.find((r) => r.status === 'draft');
        if (draft) throw conflict(`已有未发布的草稿（第 ${draft.version_no} 版），请先修改并发布它`);
        const published = rows.find((r) => r.status === 'published');
        if (!published) throw conflict('尚未发布过方案，请直接修改草稿');
        const now = new Date().toISOString();
        const versionNo = rows[0].version_no + 1;
        const fw = parseFramework(published.framework_json);
        const { id } = await trx
          .insertInto('scheme')
          .values({
            cycle_id: a.cycle.id,
            version_no: versionNo,
            status: 'draft',
            framework_json: JSON.stringify({ ...fw, version: `${a.cycle.year}-v${versionNo}` }),
            reason: ctx.body.reason,
            published_at: null,
            published_by: null,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit({
          action: 'scheme.newVersion',
          entityType: 'scheme',
          entityId: id,
          after: { cycleId: a.cycle.id, versionNo, basedOn: published.version_no, reason: ctx.body.reason },
        });
        return presentScheme(trx, a, await trx.selectFrom('scheme').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      });
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
      const me = ctx.me();
      const { row, a } = await loadScheme(ctx.db, me, ctx.params.id);
      require(a, 'manageScheme', '只有组织本次考核的质强办可以发布考核方案');
      if (row.status !== 'draft') throw conflict(row.status === 'published' ? '该版本已发布' : frozenMessage(row.status));
      if (row.version !== ctx.body.version) throw conflict('该方案草稿已被他人修改，请查看最新内容后重试', await presentScheme(ctx.db, a, row));
      const fw = parseFramework(row.framework_json);
      const options = await evaluatorOptions(ctx.db, a.cycle.office_org_id);
      const check = checkScheme(fw, new Set(options.map((o) => o.code)));
      if (check.errors.length) {
        throw badRequest(
          `方案有 ${check.errors.length} 处问题，不能发布：${check.errors[0].message}${check.errors.length > 1 ? ' 等' : ''}`,
          check.errors.map((e) => ({ field: e.code ? `framework.${e.code}` : 'framework', message: e.message })),
        );
      }
      const reason = ctx.body.reason ?? row.reason;
      if (row.version_no > 1 && !reason) {
        throw badRequest('发布新版本须说明原因', [{ field: 'reason', message: '请写明新版本的修改原因，至少 5 个字' }]);
      }
      const now = new Date().toISOString();
      return ctx.tx(async (trx, audit) => {
        // the cycle's phase and the published versions, read under the cycle's lock: score writes hold it
        // shared, so the scores pruned below are all the committed ones and none is written meanwhile
        const locked = await lockCycle(trx, a.cycle.id, 'update');
        const previous = await trx.selectFrom('scheme').selectAll().where('cycle_id', '=', a.cycle.id).where('status', '=', 'published').execute();
        const first = previous.length === 0;
        const status = locked.status;
        if (first && status !== 'scheme') {
          throw conflict(
            status === 'collecting'
              ? '请先结束指标征集（进入「方案制定中」），再发布方案'
              : `当前状态为「${CYCLE_WORKFLOW.states[status]}」，不能首次发布方案`,
          );
        }
        if (!first && status !== 'scoring' && status !== 'review') {
          throw conflict(`当前状态为「${CYCLE_WORKFLOW.states[status]}」，不能发布新版本`);
        }
        let removedScores: Awaited<ReturnType<typeof pruneScores>> = [];
        for (const p of previous) {
          await transition({
            trx, audit, user: me, workflow: SCHEME_WORKFLOW, table: 'scheme', key: { id: p.id }, from: 'published', event: 'supersede',
            set: { updated_at: now }, entityId: p.id, detail: { versionNo: p.version_no, supersededBy: row.version_no },
          });
        }
        if (first) {
          await transition({
            trx, audit, user: me, workflow: CYCLE_WORKFLOW, table: 'assessment_cycle', key: { id: a.cycle.id }, from: 'scheme', event: 'startScoring',
            set: { updated_at: now }, entityId: a.cycle.id, detail: { schemeVersion: row.version_no },
          });
        } else {
          removedScores = await pruneScores(trx, a.cycle.id, fw);
        }
        await trx
          .updateTable('assessment_cycle')
          .set((eb) => ({ grade_bands_json: JSON.stringify(fw.gradeBands), version: eb('version', '+', 1), updated_at: now }))
          .where('id', '=', a.cycle.id)
          .execute();
        const submissionsOpened = await openSubmissions(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! }, fw);
        // a submitted department the new version leaves incomplete scores again (scoring phase)
        const submissionsReopened = status === 'scoring' && !first ? await reopenIncomplete(trx, audit, me, a, fw, row.version_no) : [];
        await transition({
          trx, audit, user: me, workflow: SCHEME_WORKFLOW, table: 'scheme', key: { id: row.id, version: row.version }, from: 'draft', event: 'publish',
          set: { published_at: now, published_by: me.id, reason: reason ?? null, updated_at: now },
          entityId: row.id,
          detail: { versionNo: row.version_no, submissionsOpened, removedScores, submissionsReopened },
        });
        const cycle = (await findCycle(trx, a.cycle.id))!;
        const scheme = await presentScheme(trx, { ...a, cycle }, await trx.selectFrom('scheme').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
        return { scheme, cycleStatus: cycle.status, submissionsOpened, removedScores };
      });
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      if (a.as !== 'office') require(a, 'manageScheme', '只有组织本次考核的质强办可以查看申报对照');
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
      const { row, a } = await loadScheme(ctx.db, ctx.me(), ctx.params.id);
      require(a, 'manageScheme', '只有组织本次考核的质强办可以修改考核方案');
      if (row.status !== 'draft') throw conflict(frozenMessage(row.status));
      if (row.version !== ctx.body.version) throw conflict('该方案草稿已被他人修改，请查看最新内容后重试', await presentScheme(ctx.db, a, row));
      let q = ctx.db
        .selectFrom('declaration')
        .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
        .select(['declaration.department_id', 'declaration.status', 'declaration.content_json', 'org_unit.code', 'org_unit.name'])
        .where('declaration.cycle_id', '=', a.cycle.id)
        .orderBy('org_unit.sort_order');
      if (ctx.body.departmentIds) q = q.where('declaration.department_id', 'in', ctx.body.departmentIds);
      const decls = await q.execute();
      if (ctx.body.departmentIds) {
        for (const [i, id] of ctx.body.departmentIds.entries()) {
          const d = decls.find((x) => x.department_id === id);
          if (!d) throw badRequest(`第 ${i + 1} 个成员单位（${id}）没有参加本次申报`, [{ field: `departmentIds.${i}`, message: '请选择参加本次申报的成员单位' }]);
          if (d.status !== 'accepted')
            throw badRequest(`${d.name}的申报尚未接收，不能写入方案`, [{ field: `departmentIds.${i}`, message: '只能写入已接收的申报' }]);
        }
      }
      const accepted = decls.filter((d) => d.status === 'accepted');
      if (!accepted.length) throw badRequest('没有已接收的申报可写入方案，请先在「申报」中接收成员单位的申报');
      const before = parseFramework(row.framework_json);
      const result = applyDeclarations(
        before,
        accepted.map((d) => ({ code: d.code, name: d.name, content: JSON.parse(d.content_json) as DeclarationContent })),
      );
      const diff = diffFrameworks(before, result.framework);
      return ctx.tx(async (trx, audit) => {
        const r = await trx
          .updateTable('scheme')
          .set({ framework_json: JSON.stringify(result.framework), version: row.version + 1, updated_at: new Date().toISOString() })
          .where('id', '=', row.id)
          .where('version', '=', row.version)
          .where('status', '=', 'draft')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw conflict('该方案草稿已被他人修改，请查看最新内容后重试');
        await audit({
          action: 'scheme.applyDeclarations',
          entityType: 'scheme',
          entityId: row.id,
          before: { version: row.version, nodes: diff.before },
          after: { version: row.version + 1, departments: result.applied.map((x) => x.departmentCode), nodes: diff.after },
        });
        const scheme = await presentScheme(trx, a, await trx.selectFrom('scheme').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
        return { scheme, applied: result.applied, notes: result.notes };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/schemes/:id/annex4.xlsx',
    access: 'cycle.read',
    summary: '导出考核要点（附件 4 格式，Excel）',
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
    summary: '导出考核要点（附件 4 格式，Word）',
    tags: ['考核方案'],
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const { layout, base } = await exportLayout(ctx);
      await sendDownload(ctx, { entityType: 'scheme', entityId: ctx.params.id }, `${base}.docx`, DOCX_TYPE, await schemeAnnex4Docx(layout));
    },
  }),
];
