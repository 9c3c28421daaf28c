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
    summary: '驾驶舱：本年度考核工作进展（申报、评分、异议）与最近一次发布的考核结果',
    tags: ['驾驶舱'],
    response: dashboardView,
    handler: async (ctx) => presentDashboard(await loadDashboard(ctx.db, ctx.me())),
  }),
];
