// What the shell (App.tsx, routes.tsx) and the pages it loads lazily both need. It lives here, importing
// nothing, so that a page never imports the shell that loads it (no import circle).

/** Where a signed-in user starts. */
export const HOME = '/todos';

/** A leader starts on the 驾驶舱; everyone else on the to-dos. */
export const homeFor = (role: string | undefined): string => (role === 'leader' ? '/dashboard' : HOME);

/** What the login page receives when the app sends the user there. */
export interface LoginState {
  from?: { pathname: string; search?: string };
  reason?: string;
}

/**
 * The breadcrumb table: each page of the route table (src/web/routes.tsx) with its crumb title and the page
 * above it. The page header (components/PageHeader.tsx) walks it from the current route up to 首页; a page with
 * a parent gets a 返回 button to it. A crumb of a path with a parameter (/assessment/:id) shows the loaded
 * object's name when the page gives it.
 */
export interface PageCrumb {
  path: string;
  title: string;
  parent?: string;
}

export const PAGE_CRUMBS: readonly PageCrumb[] = [
  { path: '/todos', title: '待办事项' },
  { path: '/dashboard', title: '驾驶舱' },
  { path: '/account/password', title: '修改密码' },
  { path: '/assessment', title: '年度考核' },
  { path: '/assessment/:id', title: '考核工作', parent: '/assessment' },
  { path: '/evaluation', title: '创建评价' },
  { path: '/evaluation/applications/:id', title: '创建评价申请', parent: '/evaluation' },
  { path: '/evaluation/experts', title: '专家库', parent: '/evaluation' },
  { path: '/evaluation/register', title: '已命名名录', parent: '/evaluation' },
  { path: '/evaluation/peer-tables', title: '同级比较表', parent: '/evaluation' },
  { path: '/evaluation/peer-tables/:id', title: '同级比较表详情', parent: '/evaluation/peer-tables' },
  { path: '/indicators-reporting/entry', title: '数据填报' },
  { path: '/indicators-reporting/review', title: '数据审核' },
  { path: '/indicators-reporting/periods', title: '填报期管理' },
  { path: '/honours', title: '荣誉名录' },
  { path: '/honours/policies', title: '激励政策' },
  { path: '/honours/calculator', title: '奖励测算' },
  { path: '/workplan', title: '工作要点督办' },
  { path: '/workplan/tasks/:id', title: '督办任务', parent: '/workplan' },
  { path: '/rectifications', title: '整改事项' },
  { path: '/rectifications/:id', title: '整改事项详情', parent: '/rectifications' },
  { path: '/doc-numbers', title: '文号登记' },
  { path: '/analysis', title: '质量分析报告' },
  { path: '/analysis/:id', title: '质量分析报告', parent: '/analysis' },
  { path: '/indicators', title: '规划指标监测' },
  { path: '/indicators/matrix', title: '市州矩阵', parent: '/indicators' },
  { path: '/indicators/completeness', title: '填报情况', parent: '/indicators' },
  { path: '/indicators/:id', title: '规划指标', parent: '/indicators' },
  { path: '/frameworks', title: '指标体系' },
  { path: '/frameworks/:id', title: '指标体系详情', parent: '/frameworks' },
  { path: '/admin/orgs', title: '组织机构' },
  { path: '/admin/users', title: '用户管理' },
  { path: '/audit', title: '审计日志' },
  // the creation evaluation's review pages, under the application (创建评价 › the application › …)
  { path: '/evaluation/applications/:id/plan', title: '评价工作方案', parent: '/evaluation/applications/:id' },
  { path: '/evaluation/applications/:id/sheet', title: '专家评分表', parent: '/evaluation/applications/:id' },
  { path: '/evaluation/applications/:id/consolidation', title: '综合评价', parent: '/evaluation/applications/:id' },
  { path: '/evaluation/applications/:id/self-assessment', title: '自评', parent: '/evaluation/applications/:id' },
];

/** The crumb entry of a route pattern. */
export const crumbOf = (path: string): PageCrumb | undefined => PAGE_CRUMBS.find((c) => c.path === path);

/** The chain of crumb entries from the top page down to `path` (the route pattern). */
export function crumbChain(path: string): PageCrumb[] {
  const chain: PageCrumb[] = [];
  for (let at = crumbOf(path); at && chain.length < 10; at = at.parent ? crumbOf(at.parent) : undefined) chain.unshift(at);
  return chain;
}

/** A route pattern filled with the current parameters ("/assessment/:id" with {id: "3"} → "/assessment/3"). */
export const fillPath = (pattern: string, params: Record<string, string | undefined>): string =>
  pattern.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
