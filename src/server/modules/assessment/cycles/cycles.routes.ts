import { idParam } from '../../../../shared/contracts/common';
import { createCycleBody, cycleDetail, cycleList, cycleListQuery, cycleTransitionBody, updateCycleBody } from '../../../../shared/contracts/cycles';
import { route } from '../../../core/route';
import { ensureAllowed, mayManage } from '../assessment.policy';
import { cycleAccess, visibleCycles } from '../assessment.queries';
import { checkCycleMove, checkCycleUpdate, createCycle, cycleTaken, moveCycle, updateCycle } from './cycles.commands';
import { presentCycleSummary } from './cycles.presenter';
import { loadBaseFramework, loadCycleDetail, officeNames } from './cycles.queries';

export const cycleRoutes = [
  route({
    method: 'GET',
    url: '/api/cycles',
    access: 'cycle.read',
    summary: '我参与的考核工作（分页；可按状态筛选、按年度排序）',
    tags: ['年度考核'],
    query: cycleListQuery,
    response: cycleList,
    handler: async (ctx) => {
      const { page, pageSize, status, sort } = ctx.query;
      // the visible cycles come from a fixed number of queries (the caller's part is decided in memory), so the
      // filter, the order and the page are taken here: as many queries for the 5th page as for the 1st
      const shown = (await visibleCycles(ctx.db, ctx.me())).filter((c) => !status || status.includes(c.status));
      const dir = sort === 'year' ? 1 : -1;
      shown.sort((a, b) => dir * (a.year - b.year) || dir * (a.id - b.id));
      const offices = await officeNames(ctx.db);
      const items = shown.slice((page - 1) * pageSize, page * pageSize).map((c) => presentCycleSummary(c, offices.get(c.office_org_id) ?? ''));
      return { items, total: shown.length, page, pageSize };
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
      const base = await loadBaseFramework(ctx.db, ctx.me().orgUnitId, ctx.body);
      // a 文号 (or year) taken by an opening that committed after this one's checks: the unique key decides, 409
      return cycleTaken(ctx.db, ctx.me().orgUnitId, ctx.me().id, ctx.body, () => ctx.tx((c) => createCycle(c, ctx.body, base)));
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
    handler: async (ctx) => loadCycleDetail(ctx.db, await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today)),
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensureAllowed(mayManage(a), '只有组织本次考核的质强办可以修改');
      const { version: _version, ...changes } = ctx.body;
      checkCycleUpdate(a, changes);
      return ctx.tx((c) => updateCycle(c, a, ctx.body));
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensureAllowed(mayManage(a), '只有组织本次考核的质强办可以操作');
      await checkCycleMove(ctx.db, a, ctx.body);
      return ctx.tx((c) => moveCycle(c, a, ctx.body));
    },
  }),
];

