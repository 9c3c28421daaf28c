/**
 * 评分 (issue 4 §4): the grid of units × the caller's criteria, one score at a time (checked by the engine,
 * optimistic version), submission (lock), the office's completeness matrix, reminders and reopening; cities'
 * self-reports.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import type { Framework } from '../../../shared/scoring/framework-schema';
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
import { SCORE_SUBMISSION_WORKFLOW, type SubmissionStatus } from '../../../shared/workflow/assessment';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors';
import { route } from '../../http/route';
import { transition } from '../../http/transition';
import { addTodo, closeTodos } from '../todos/todos.service';
import { abilities, cycleAccess, require } from './assessment.policy';
import { currentScheme, cycleUnits, publishedScheme } from './assessment.repository';
import {
  allCriteria,
  cellKey,
  checkScoreWrite,
  closeScoringTodos,
  criterionDefs,
  engineCheck,
  ensureSubmission,
  evaluatingOrgs,
  findScore,
  loadScoreRows,
  missingOf,
  orgsByCode,
  OPEN_SUBMISSION,
  ownCriteria,
  presentCells,
  presentSelfReports,
  presentSubmission,
  reduceFramework,
  requirePublished,
  requireScoringPhase,
  submissionOf,
  submissionSource,
  TODO,
  type Cell,
  type Unit,
} from './scoring.service';
import { evaluatorCodes } from './assessment.repository';

const isUniqueViolation = (e: unknown) => {
  const m = String((e as { message?: string })?.message ?? '');
  const code = (e as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(m);
};

/** the stored score, as the other person left it (for a 409) */
async function currentCell(db: Kysely<Database>, cycleId: number, unitId: number, itemCode: string, criterionCode: string, fw: Framework, unit: Unit) {
  const row = await findScore(db, cycleId, unitId, itemCode, criterionCode);
  if (!row) return null;
  return (await presentCells(db, cycleId, fw, [unit], [row]))[0];
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      if (a.as !== 'office' && a.as !== 'department') throw forbidden('只有评价部门和质强办可以查看评分表');
      const scheme = await publishedScheme(ctx.db, a.cycle.id);
      if (!scheme) throw conflict('考核方案尚未发布，还没有评分表');
      const fw = scheme.framework;
      const own = ownCriteria(fw, a);
      const view = a.as === 'office' && (ctx.query.view === 'all' || (ctx.query.view === undefined && own.length === 0)) ? 'all' : 'score';
      if (a.as === 'department' && own.length === 0) throw forbidden('本部门在本次考核方案中没有需要评分的考核要点');
      const shown: Cell[] = view === 'all' ? allCriteria(fw) : own;
      const sub = own.length ? ((await submissionOf(ctx.db, a.cycle.id, a.orgUnitId)) ?? OPEN_SUBMISSION(a.orgUnitId)) : null;
      const editable = view === 'score' && abilities(a).score && sub?.status === 'open';
      const units = await cycleUnits(ctx.db, a.cycle.id);
      const reduced = reduceFramework(fw, shown);
      const rows = await loadScoreRows(ctx.db, a.cycle.id, shown);
      const names = new Map([...(await orgsByCode(ctx.db, [...evaluatorCodes(fw)])).values()].map((o) => [o.code, o.name]));
      const ownKeys = new Set(own.map(cellKey));
      return {
        cycleId: a.cycle.id,
        view,
        editable,
        submission: sub ? presentSubmission(sub) : null,
        framework: reduced,
        criteria: criterionDefs(fw, shown, names, editable ? ownKeys : new Set()),
        units,
        cells: await presentCells(ctx.db, a.cycle.id, reduced, units, rows),
        selfReports: await presentSelfReports(ctx.db, a.cycle.id, { itemCodes: [...new Set(shown.map((c) => c.itemCode))] }),
      };
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
      const fw = scheme.framework;
      const answer = ctx.body.answer;
      engineCheck(fw, unit.code, itemCode, criterionCode, answer);
      const commentOf = (prev: string | null | undefined) => (ctx.body.comment === undefined ? (prev ?? null) : ctx.body.comment?.trim() || null);
      const now = new Date().toISOString();
      const key = `${unit.name} · ${itemCode}.${criterionCode}`;
      const lost = async (db: Kysely<Database>, msg: string) => conflict(msg, await currentCell(db, a.cycle.id, unitId, itemCode, criterionCode, fw, unit));
      try {
        const id = await ctx.tx(async (trx, audit) => {
          const before = await findScore(trx, a.cycle.id, unitId, itemCode, criterionCode);
          const comment = commentOf(before?.comment);
          let id: number;
          if (ctx.body.version === null) {
            if (before) throw await lost(trx, `${key} 已由${before.updated_by === me.id ? '您在其他窗口' : '他人'}评分，请查看当前评分后再修改`);
            const row = await trx
              .insertInto('score')
              .values({
                cycle_id: a.cycle.id,
                unit_id: unitId,
                item_code: itemCode,
                criterion_code: criterionCode,
                department_id: a.orgUnitId,
                answer_json: JSON.stringify(answer),
                comment,
                version: 1,
                updated_by: me.id,
                updated_at: now,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            id = row.id;
          } else {
            if (!before) throw await lost(trx, `${key} 的评分已被他人清除，请刷新后重新评分`);
            const r = await trx
              .updateTable('score')
              .set({ answer_json: JSON.stringify(answer), comment, version: ctx.body.version + 1, updated_by: me.id, updated_at: now, department_id: a.orgUnitId })
              .where('id', '=', before.id)
              .where('version', '=', ctx.body.version)
              .executeTakeFirst();
            if (Number(r.numUpdatedRows) === 0) throw await lost(trx, `${key} 已被他人修改，请查看对方的评分后决定保留哪一个`);
            id = before.id;
          }
          await audit({
            action: before ? 'score.update' : 'score.create',
            entityType: 'score',
            entityId: id,
            before: before ? { unit: unit.name, criterion: `${itemCode}.${criterionCode}`, answer: JSON.parse(before.answer_json), comment: before.comment, version: before.version } : undefined,
            after: { unit: unit.name, criterion: `${itemCode}.${criterionCode}`, answer, comment, version: before ? ctx.body.version! + 1 : 1 },
          });
          return id;
        });
        const row = await findScore(ctx.db, a.cycle.id, unitId, itemCode, criterionCode);
        if (!row || row.id !== id) throw await lost(ctx.db, `${key} 已被他人修改，请刷新后重试`);
        return (await presentCells(ctx.db, a.cycle.id, fw, [unit], [row]))[0];
      } catch (e) {
        if (isUniqueViolation(e)) throw await lost(ctx.db, `${key} 已由他人评分，请查看当前评分后再修改`);
        throw e;
      }
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
      const key = `${unit.name} · ${itemCode}.${criterionCode}`;
      const row = await findScore(ctx.db, a.cycle.id, unitId, itemCode, criterionCode);
      if (!row) throw notFound(`${key} 尚未评分，无需清除`);
      const ev = await ctx.db.selectFrom('evidence').select('id').where('owner_type', '=', 'score').where('owner_id', '=', row.id).executeTakeFirst();
      if (ev) throw conflict(`${key} 的评分附有佐证材料，请先删除佐证材料再清除评分`);
      await ctx.tx(async (trx, audit) => {
        const r = await trx.deleteFrom('score').where('id', '=', row.id).where('version', '=', ctx.query.version).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) {
          throw conflict(`${key} 已被他人修改，请查看对方的评分后再决定是否清除`, await currentCell(trx, a.cycle.id, unitId, itemCode, criterionCode, scheme.framework, unit));
        }
        await audit({
          action: 'score.delete',
          entityType: 'score',
          entityId: row.id,
          before: { unit: unit.name, criterion: `${itemCode}.${criterionCode}`, answer: JSON.parse(row.answer_json), comment: row.comment, version: row.version },
        });
      });
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
      if (a.as !== 'department' && a.as !== 'office') throw forbidden('只有评价部门可以提交评分');
      requireScoringPhase(a);
      const scheme = await requirePublished(ctx.db, a.cycle.id);
      const own = ownCriteria(scheme.framework, a);
      if (!own.length) throw forbidden('本部门在本次考核方案中没有需要评分的考核要点');
      require(a, 'score', '您没有本次考核的评分权限');
      const units = await cycleUnits(ctx.db, a.cycle.id);
      const sub = (await submissionOf(ctx.db, a.cycle.id, a.orgUnitId)) ?? OPEN_SUBMISSION(a.orgUnitId);
      if (sub.status === 'submitted') throw conflict('本部门的评分已提交，无需重复提交');
      const missing = await missingOf(ctx.db, a.cycle.id, own, units);
      if (missing.length) {
        throw badRequest(
          `还有 ${missing.length} 项未评分，不能提交：${missing
            .slice(0, 20)
            .map((m) => m.label)
            .join('；')}${missing.length > 20 ? '……' : ''}`,
          missing.map((m) => ({ field: `${m.unit.id}/${m.key}`, message: m.label })),
        );
      }
      return ctx.tx(async (trx, audit) => {
        await ensureSubmission(trx, a.cycle.id, a.orgUnitId);
        await transition({
          trx,
          audit,
          user: me,
          workflow: SCORE_SUBMISSION_WORKFLOW,
          table: 'score_submission',
          key: { cycle_id: a.cycle.id, department_id: a.orgUnitId },
          from: sub.status as SubmissionStatus,
          event: 'submit',
          set: { submitted_at: new Date().toISOString(), reopen_reason: null, updated_at: new Date().toISOString() },
          entityId: `${a.cycle.id}:${a.orgUnitId}`,
          detail: { scores: own.length * units.length },
        });
        await closeScoringTodos(trx, me.id, a.cycle.id, a.orgUnitId);
        // everyone done → the office's 待办
        const orgs = await evaluatingOrgs(trx, a, scheme.framework);
        const subs = await trx.selectFrom('score_submission').select(['department_id', 'status']).where('cycle_id', '=', a.cycle.id).execute();
        const done = orgs.every((o) => subs.some((s) => s.department_id === o.id && s.status === 'submitted'));
        if (done) {
          await closeTodos(trx, me.id, { kind: TODO.allSubmitted, sourceType: 'assessment_cycle', sourceId: String(a.cycle.id) });
          await addTodo(trx, {
            role: 'office',
            orgUnitId: a.cycle.office_org_id,
            kind: TODO.allSubmitted,
            title: `${a.cycle.year}年度质量工作考核：各评价部门已全部提交评分`,
            detail: `共 ${orgs.length} 个评价部门已提交评分，可以公布初步结果、开放异议。`,
            link: `/assessment/${a.cycle.id}?tab=scoring`,
            sourceType: 'assessment_cycle',
            sourceId: String(a.cycle.id),
          });
        }
        return presentSubmission((await trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).where('department_id', '=', a.orgUnitId).executeTakeFirstOrThrow()));
      });
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
      const sub = await ctx.db.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).where('department_id', '=', ctx.body.departmentId).executeTakeFirst();
      if (!sub) throw badRequest('该部门不是本次考核的评价部门，或尚未开始评分', [{ field: 'departmentId', message: '不是本次考核的评价部门' }]);
      const org = await ctx.db.selectFrom('org_unit').select(['id', 'name']).where('id', '=', ctx.body.departmentId).executeTakeFirstOrThrow();
      return ctx.tx(async (trx, audit) => {
        await transition({
          trx,
          audit,
          user: me,
          workflow: SCORE_SUBMISSION_WORKFLOW,
          table: 'score_submission',
          key: { cycle_id: a.cycle.id, department_id: org.id },
          from: sub.status as SubmissionStatus,
          event: 'reopen',
          set: { reopen_reason: ctx.body.reason, submitted_at: null, updated_at: new Date().toISOString() },
          entityId: `${a.cycle.id}:${org.id}`,
          detail: { department: org.name },
        });
        await closeTodos(trx, me.id, { kind: TODO.allSubmitted, sourceType: 'assessment_cycle', sourceId: String(a.cycle.id) });
        await closeTodos(trx, me.id, { kind: TODO.reopened, ...submissionSource(a.cycle.id, org.id) });
        await addTodo(trx, {
          role: org.id === a.cycle.office_org_id ? 'office' : 'department',
          orgUnitId: org.id,
          kind: TODO.reopened,
          title: `${a.cycle.year}年度质量工作考核评分已重新开放，请修改后重新提交`,
          detail: `重新开放原因：${ctx.body.reason}`,
          link: `/assessment/${a.cycle.id}?tab=scoring`,
          ...submissionSource(a.cycle.id, org.id),
        });
        return presentSubmission((await trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).where('department_id', '=', org.id).executeTakeFirstOrThrow()));
      });
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
      if (a.as !== 'office') throw forbidden('只有组织本次考核的质强办可以查看评分进度');
      const scheme = await publishedScheme(ctx.db, a.cycle.id);
      if (!scheme) throw conflict('考核方案尚未发布，还没有评分进度');
      const units = await cycleUnits(ctx.db, a.cycle.id);
      const orgs = await evaluatingOrgs(ctx.db, a, scheme.framework);
      const rows = await loadScoreRows(ctx.db, a.cycle.id);
      const subs = await ctx.db.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).execute();
      let scoredAll = 0;
      let totalAll = 0;
      const departments = orgs.map((o) => {
        const keys = new Set(o.criteria.map(cellKey));
        const mine = rows.filter((r) => keys.has(`${r.item_code}.${r.criterion_code}`));
        const cells = units.map((u) => ({ unitId: u.id, scored: mine.filter((r) => r.unit_id === u.id).length, total: keys.size }));
        const sub = subs.find((s) => s.department_id === o.id);
        const status = (sub?.status ?? 'open') as SubmissionStatus;
        const scored = mine.length;
        const total = keys.size * units.length;
        scoredAll += scored;
        totalAll += total;
        return {
          id: o.id,
          code: o.code,
          name: o.name,
          criteria: [...keys],
          status,
          statusLabel: SCORE_SUBMISSION_WORKFLOW.states[status],
          submittedAt: sub?.submitted_at ?? null,
          reopenReason: sub?.reopen_reason ?? null,
          lastActivity: mine.reduce<string | null>((m, r) => (m === null || r.updated_at > m ? r.updated_at : m), null),
          scored,
          total,
          cells,
        };
      });
      return { cycleId: a.cycle.id, units, departments, scored: scoredAll, total: totalAll, submitted: departments.filter((d) => d.status === 'submitted').length };
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
      const units = await cycleUnits(ctx.db, a.cycle.id);
      const orgs = await evaluatingOrgs(ctx.db, a, scheme.framework);
      const wanted = ctx.body.departmentIds;
      if (wanted) {
        const bad = wanted.filter((id) => !orgs.some((o) => o.id === id));
        if (bad.length) throw badRequest(`部门 ${bad.join('、')} 不是本次考核的评价部门`, [{ field: 'departmentIds', message: `不是评价部门：${bad.join('、')}` }]);
      }
      const subs = await ctx.db.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).execute();
      const targets = orgs.filter((o) => (!wanted || wanted.includes(o.id)) && subs.find((s) => s.department_id === o.id)?.status !== 'submitted');
      const plans: { org: (typeof orgs)[number]; missingUnits: string[]; detail: string }[] = [];
      for (const o of targets) {
        const missing = await missingOf(ctx.db, a.cycle.id, o.criteria, units);
        const byUnit = new Map<string, number>();
        for (const m of missing) byUnit.set(m.unit.name, (byUnit.get(m.unit.name) ?? 0) + 1);
        plans.push({ org: o, missingUnits: [...byUnit.keys()], detail: byUnit.size ? `尚未评完：${[...byUnit].map(([n, k]) => `${n}（缺 ${k} 项）`).join('、')}。评完后请提交评分。` : '已全部评分，请尽快提交评分（提交后锁定）。' });
      }
      return ctx.tx(async (trx, audit) => {
        for (const p of plans) {
          await closeTodos(trx, me.id, { kind: TODO.remind, ...submissionSource(a.cycle.id, p.org.id) });
          await addTodo(trx, {
            role: p.org.id === a.cycle.office_org_id ? 'office' : 'department',
            orgUnitId: p.org.id,
            kind: TODO.remind,
            title: `催办：请完成${a.cycle.year}年度质量工作考核评分`,
            detail: p.detail,
            link: `/assessment/${a.cycle.id}?tab=scoring`,
            ...submissionSource(a.cycle.id, p.org.id),
          });
        }
        await audit({
          action: 'scoring.remind',
          entityType: 'assessment_cycle',
          entityId: a.cycle.id,
          after: { departments: plans.map((p) => ({ id: p.org.id, name: p.org.name, missingUnits: p.missingUnits })) },
        });
        return { reminded: plans.map((p) => ({ departmentId: p.org.id, name: p.org.name, missingUnits: p.missingUnits })) };
      });
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
      const scheme = await currentScheme(ctx.db, a.cycle.id);
      const items = scheme
        ? scheme.framework.sections.filter((s) => s.role === 'base' || s.role === undefined || s.role === 'bonus').flatMap((s) => s.items.map((i) => ({ code: i.code, title: i.title, sectionTitle: s.title })))
        : [];
      const q = ctx.query.unitId;
      if (a.as === 'unit') {
        if (q !== undefined && q !== a.orgUnitId) throw notFound('只能查看本单位的自评材料');
        return { items, reports: await presentSelfReports(ctx.db, a.cycle.id, { unitIds: [a.orgUnitId] }), editable: abilities(a).selfReport };
      }
      if (a.as === 'department') {
        const codes = scheme ? [...new Set(ownCriteria(scheme.framework, a).map((x) => x.itemCode))] : [];
        return {
          items: items.filter((i) => codes.includes(i.code)),
          reports: await presentSelfReports(ctx.db, a.cycle.id, { itemCodes: codes, ...(q !== undefined ? { unitIds: [q] } : {}) }),
          editable: false,
        };
      }
      if (a.as === 'office') return { items, reports: await presentSelfReports(ctx.db, a.cycle.id, q !== undefined ? { unitIds: [q] } : {}), editable: false };
      if (a.cycle.status === 'published') return { items, reports: await presentSelfReports(ctx.db, a.cycle.id, q !== undefined ? { unitIds: [q] } : {}), editable: false };
      throw forbidden('结果发布前，自评材料仅质强办、评价部门和被考核单位本身可以查看');
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
      if (a.as !== 'unit') throw forbidden('只有被考核单位可以填写自评材料');
      require(a, 'selfReport', '结果公示或发布后，自评材料不能再修改');
      const scheme = await currentScheme(ctx.db, a.cycle.id);
      const item = scheme?.framework.sections.flatMap((s) => s.items).find((i) => i.code === ctx.params.itemCode);
      if (!item) throw notFound(`考核方案中没有第 ${ctx.params.itemCode} 项考核内容`);
      const now = new Date().toISOString();
      const { text, version } = ctx.body;
      const current = (db: Kysely<Database> = ctx.db) => presentSelfReports(db, a.cycle.id, { unitIds: [a.orgUnitId], itemCodes: [item.code] }).then((r) => r[0] ?? null);
      try {
        await ctx.tx(async (trx, audit) => {
          const before = await trx.selectFrom('self_report').selectAll().where('cycle_id', '=', a.cycle.id).where('unit_id', '=', a.orgUnitId).where('item_code', '=', item.code).executeTakeFirst();
          let id: number;
          if (version === null) {
            if (before) throw conflict(`第 ${item.code} 项的自评材料已由他人填写，请查看后再修改`, await current(trx));
            id = (
              await trx
                .insertInto('self_report')
                .values({ cycle_id: a.cycle.id, unit_id: a.orgUnitId, item_code: item.code, text, version: 1, updated_by: me.id, updated_at: now })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id;
          } else {
            if (!before) throw conflict(`第 ${item.code} 项的自评材料不存在，请刷新后重试`, null);
            const r = await trx.updateTable('self_report').set({ text, version: version + 1, updated_by: me.id, updated_at: now }).where('id', '=', before.id).where('version', '=', version).executeTakeFirst();
            if (Number(r.numUpdatedRows) === 0) throw conflict(`第 ${item.code} 项的自评材料已被他人修改，请查看后再保存`, await current(trx));
            id = before.id;
          }
          await audit({
            action: before ? 'selfReport.update' : 'selfReport.create',
            entityType: 'self_report',
            entityId: id,
            before: before ? { itemCode: item.code, text: before.text, version: before.version } : undefined,
            after: { itemCode: item.code, text, version: before ? version! + 1 : 1 },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(`第 ${item.code} 项的自评材料已由他人填写，请查看后再修改`, await current());
        throw e;
      }
      return (await current())!;
    },
  }),
];
