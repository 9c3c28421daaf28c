import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { createCycleBody, cycleDetail, cycleSummary, cycleTransitionBody, updateCycleBody } from '../../../shared/contracts/cycles';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';
import { badRequest, conflict } from '../../core/errors';
import { route } from '../../core/route';
import { transition } from '../../core/transition';
import { closeTodos } from '../todos';
import { cycleAccess, require, visibleCycles } from './assessment.policy';
import { findCycle, lockCycle } from './assessment.repository';
import { loadBaseFramework, openCycle, presentCycle, presentCycleSummary } from './cycles.service';

/** Events moved by this generic route; the others have their own routes because they do more (scheme publication, review, results). */
const GENERIC_EVENTS = new Set(['closeCollection', 'reopenCollection']);

export const cycleRoutes = [
  route({
    method: 'GET',
    url: '/api/cycles',
    access: 'cycle.read',
    summary: '我参与的考核工作',
    tags: ['年度考核'],
    response: z.object({ items: z.array(cycleSummary) }),
    handler: async (ctx) => {
      const rows = await visibleCycles(ctx.db, ctx.me());
      const offices = new Map(
        (await ctx.db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'office').execute()).map((o) => [o.id, o.name]),
      );
      return { items: rows.map((c) => presentCycleSummary(c, offices.get(c.office_org_id) ?? '')) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles',
    access: 'cycle.manage',
    summary: '开启年度考核：发起指标征集（基于上一年度方案，邀请成员单位申报）',
    tags: ['年度考核'],
    body: createCycleBody,
    response: cycleDetail,
    status: 201,
    handler: async (ctx) => {
      const me = ctx.me();
      const base = await loadBaseFramework(ctx.db, me.orgUnitId, ctx.body);
      return ctx.tx(async (trx, audit) => {
        const id = await openCycle(trx, me, ctx.body, base);
        const detail = await presentCycle(trx, await cycleAccess(trx, me, id));
        await audit({ action: 'cycle.open', entityType: 'assessment_cycle', entityId: id, after: detail });
        return detail;
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id',
    access: 'cycle.read',
    summary: '考核工作详情（含当前用户可执行的操作）',
    tags: ['年度考核'],
    params: idParam,
    response: cycleDetail,
    handler: async (ctx) => presentCycle(ctx.db, await cycleAccess(ctx.db, ctx.me(), ctx.params.id)),
  }),
  route({
    method: 'PATCH',
    url: '/api/cycles/:id',
    access: 'cycle.manage',
    summary: '修改截止日期、联系人、等级划分或异议期',
    tags: ['年度考核'],
    params: idParam,
    body: updateCycleBody,
    response: cycleDetail,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      require(a, 'manage', '只有组织本次考核的质强办可以修改');
      if (a.cycle.status === 'published') throw conflict('结果已发布，考核工作不能再修改');
      const { version, ...b } = ctx.body;
      if (b.gradeBands !== undefined) {
        // one source of truth: the scheme's framework.gradeBands (versioned; copied to the cycle on publication)
        throw badRequest('等级划分随考核方案管理，请在「考核方案」中修改', [{ field: 'gradeBands', message: '请在「考核方案」中修改等级划分' }]);
      }
      const start = b.objectionStart !== undefined ? b.objectionStart : a.cycle.objection_start;
      const end = b.objectionEnd !== undefined ? b.objectionEnd : a.cycle.objection_end;
      if (start && end && start > end) {
        throw badRequest('异议期结束日期不能早于开始日期', [{ field: 'objectionEnd', message: '结束日期不能早于开始日期' }]);
      }
      return ctx.tx(async (trx, audit) => {
        // the state and the version, read under lock (publication takes the same lock)
        const cycle = await lockCycle(trx, a.cycle.id, 'update');
        if (cycle.status === 'published') throw conflict('结果已发布，考核工作不能再修改');
        const before = await presentCycle(trx, { ...a, cycle });
        const r = await trx
          .updateTable('assessment_cycle')
          .set({
            ...(b.title !== undefined ? { title: b.title } : {}),
            ...(b.deadline !== undefined ? { deadline: b.deadline } : {}),
            ...(b.contactName !== undefined ? { contact_name: b.contactName } : {}),
            ...(b.contactPhone !== undefined ? { contact_phone: b.contactPhone } : {}),
            ...(b.contactEmail !== undefined ? { contact_email: b.contactEmail } : {}),
            ...(b.gradeBands !== undefined ? { grade_bands_json: JSON.stringify(b.gradeBands) } : {}),
            ...(b.objectionStart !== undefined ? { objection_start: b.objectionStart } : {}),
            ...(b.objectionEnd !== undefined ? { objection_end: b.objectionEnd } : {}),
            version: version + 1,
            updated_at: new Date().toISOString(),
          })
          .where('id', '=', a.cycle.id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) {
          throw conflict('该考核已被他人修改，请查看最新内容后重试', await presentCycle(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! }));
        }
        const after = await presentCycle(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! });
        await audit({ action: 'cycle.update', entityType: 'assessment_cycle', entityId: a.cycle.id, before, after });
        return after;
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/transition',
    access: 'cycle.manage',
    summary: '结束征集（进入方案制定）或重新开放征集',
    tags: ['年度考核'],
    params: idParam,
    body: cycleTransitionBody,
    response: cycleDetail,
    handler: async (ctx) => {
      const me = ctx.me();
      const a = await cycleAccess(ctx.db, me, ctx.params.id);
      require(a, 'manage', '只有组织本次考核的质强办可以操作');
      if (!GENERIC_EVENTS.has(ctx.body.event)) {
        throw badRequest(`「${CYCLE_WORKFLOW.transitions.find((t) => t.event === ctx.body.event)!.label}」请在对应页面操作`);
      }
      if (a.cycle.version !== ctx.body.version) throw conflict('该考核已被他人修改，请刷新后重试');
      return ctx.tx(async (trx, audit) => {
        // state and version read under lock: changes that depend on the phase (declarations) hold it shared
        const cycle = await lockCycle(trx, a.cycle.id, 'update');
        if (cycle.version !== ctx.body.version) throw conflict('该考核已被他人修改，请刷新后重试');
        await transition({
          trx,
          audit,
          user: me,
          workflow: CYCLE_WORKFLOW,
          table: 'assessment_cycle',
          key: { id: a.cycle.id, version: ctx.body.version },
          from: cycle.status,
          event: ctx.body.event,
          set: { updated_at: new Date().toISOString() },
          entityId: a.cycle.id,
        });
        if (ctx.body.event === 'closeCollection') {
          const decls = await trx.selectFrom('declaration').select('id').where('cycle_id', '=', a.cycle.id).execute();
          for (const d of decls) await closeTodos(trx, me.id, { kind: 'declaration.fill', sourceType: 'declaration', sourceId: String(d.id) });
        }
        return presentCycle(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! });
      });
    },
  }),
];

