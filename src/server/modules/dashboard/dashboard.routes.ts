/** The leader's 驾驶舱 (issue 10): one read, for leaders and the office. */
import { dashboardView } from '../../../shared/contracts/dashboard';
import { route, type RouteDef } from '../../core/route';
import { presentDashboard } from './dashboard.presenter';
import { loadDashboard } from './dashboard.queries';

export const dashboardRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/dashboard',
    access: 'dashboard.read',
    summary: '驾驶舱：本年度考核工作进展（申报、评分、异议）、最近一次发布的考核结果与最近年度工作要点的督办情况',
    tags: ['驾驶舱'],
    response: dashboardView,
    handler: async (ctx) => {
      const today = ctx.clock().today;
      return presentDashboard(await loadDashboard(ctx.db, ctx.me(), today));
    },
  }),
];
