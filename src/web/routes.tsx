/**
 * The route table: every page of the signed-in application, the permission it needs (the same names as the
 * side menu in src/shared/menu.ts) and its lazily loaded component. Each page is its own chunk, named after
 * its file, so the login page downloads none of them.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../shared/permissions';

export interface AppRoute {
  path: string;
  /** null: any signed-in user */
  permission: Permission | null;
  title: string;
  page: LazyExoticComponent<ComponentType>;
}

export const APP_ROUTES: readonly AppRoute[] = [
  { path: '/todos', permission: 'todo.read', title: '待办事项', page: lazy(() => import('./pages/todos/TodosPage')) },
  { path: '/account/password', permission: null, title: '修改密码', page: lazy(() => import('./pages/account/ChangePasswordPage')) },
  { path: '/assessment', permission: 'cycle.read', title: '年度考核', page: lazy(() => import('./pages/assessment/CyclesPage')) },
  { path: '/assessment/:id', permission: 'cycle.read', title: '考核工作', page: lazy(() => import('./pages/assessment/CycleDetailPage')) },
  { path: '/honours', permission: 'honours.read', title: '荣誉名录', page: lazy(() => import('./pages/honours/HonoursPage')) },
  { path: '/honours/policies', permission: 'honours.read', title: '激励政策', page: lazy(() => import('./pages/honours/PoliciesPage')) },
  { path: '/honours/calculator', permission: 'honours.read', title: '奖励测算', page: lazy(() => import('./pages/honours/CalculatorPage')) },
  { path: '/evaluation', permission: 'evaluation.read', title: '创建评价', page: lazy(() => import('./pages/evaluation/EvaluationPage')) },
  { path: '/evaluation/experts', permission: 'evaluation.manage', title: '专家库', page: lazy(() => import('./pages/evaluation/ExpertsPage')) },
  { path: '/evaluation/register', permission: 'evaluation.read', title: '已命名名录', page: lazy(() => import('./pages/evaluation/RegisterPage')) },
  { path: '/evaluation/peer-tables', permission: 'evaluation.manage', title: '同级比较表', page: lazy(() => import('./pages/evaluation/PeerTablesPage')) },
  { path: '/evaluation/peer-tables/:id', permission: 'evaluation.read', title: '同级比较表详情', page: lazy(() => import('./pages/evaluation/PeerTablePage')) },
  {
    path: '/evaluation/applications/:id',
    permission: 'evaluation.read',
    title: '创建评价申请',
    page: lazy(() => import('./pages/evaluation/ApplicationPage')),
  },
  { path: '/workplan', permission: 'workplan.read', title: '工作要点督办', page: lazy(() => import('./pages/workplan/WorkplanPage')) },
  { path: '/workplan/tasks/:id', permission: 'workplan.read', title: '督办任务', page: lazy(() => import('./pages/workplan/TaskPage')) },
  // the quality analysis report (DB43 4.8)
  { path: '/analysis', permission: 'analysis.read', title: '质量分析报告', page: lazy(() => import('./pages/analysis/AnalysisPage')) },
  { path: '/analysis/:id', permission: 'analysis.read', title: '质量分析报告', page: lazy(() => import('./pages/analysis/ReportPage')) },
  { path: '/rectifications', permission: 'workplan.read', title: '整改事项', page: lazy(() => import('./pages/rectification/RectificationsPage')) },
  { path: '/rectifications/:id', permission: 'workplan.read', title: '整改事项详情', page: lazy(() => import('./pages/rectification/RectificationPage')) },
  { path: '/doc-numbers', permission: 'docNumber.read', title: '文号登记', page: lazy(() => import('./pages/docnumbers/DocNumbersPage')) },
  // plan-indicator monitoring (issue 12)
  { path: '/indicators', permission: 'indicators.read', title: '规划指标监测', page: lazy(() => import('./pages/indicators/IndicatorsPage')) },
  { path: '/indicators/matrix', permission: 'indicators.read', title: '市州矩阵', page: lazy(() => import('./pages/indicators/MatrixPage')) },
  { path: '/indicators/completeness', permission: 'indicators.read', title: '填报情况', page: lazy(() => import('./pages/indicators/CompletenessPage')) },
  { path: '/indicators/:id', permission: 'indicators.read', title: '规划指标', page: lazy(() => import('./pages/indicators/IndicatorPage')) },
  { path: '/frameworks', permission: 'framework.read', title: '指标体系', page: lazy(() => import('./pages/frameworks/FrameworksPage')) },
  {
    path: '/frameworks/:id',
    permission: 'framework.read',
    title: '指标体系详情',
    page: lazy(() => import('./pages/frameworks/FrameworkDetailPage')),
  },
  { path: '/admin/orgs', permission: 'org.read', title: '组织机构', page: lazy(() => import('./pages/admin/OrgsPage')) },
  { path: '/admin/users', permission: 'user.read', title: '用户管理', page: lazy(() => import('./pages/admin/UsersPage')) },
  { path: '/audit', permission: 'audit.read', title: '审计日志', page: lazy(() => import('./pages/audit/AuditPage')) },
  { path: '/dashboard', permission: 'dashboard.read', title: '驾驶舱', page: lazy(() => import('./pages/dashboard/DashboardPage')) },
  // plan-indicator reporting (issue 12)
  { path: '/indicators-reporting/entry', permission: 'indicators.report', title: '数据填报', page: lazy(() => import('./pages/indicators-reporting/EntryPage')) },
  { path: '/indicators-reporting/review', permission: 'indicators.review', title: '数据审核', page: lazy(() => import('./pages/indicators-reporting/ReviewPage')) },
  { path: '/indicators-reporting/periods', permission: 'indicators.manage', title: '填报期管理', page: lazy(() => import('./pages/indicators-reporting/PeriodsPage')) },
  // the creation evaluation's review (issue 11): under an application's page
  { path: '/evaluation/applications/:id/plan', permission: 'evaluation.read', title: '评价工作方案', page: lazy(() => import('./pages/evaluation-review/PlanPage')) },
  { path: '/evaluation/applications/:id/sheet', permission: 'evaluation.review', title: '专家评分表', page: lazy(() => import('./pages/evaluation-review/SheetPage')) },
  {
    path: '/evaluation/applications/:id/consolidation',
    permission: 'evaluation.read',
    title: '综合评价',
    page: lazy(() => import('./pages/evaluation-review/ConsolidationPage')),
  },
  {
    path: '/evaluation/applications/:id/self-assessment',
    permission: 'evaluation.read',
    title: '自评',
    page: lazy(() => import('./pages/evaluation-review/SelfAssessmentPage')),
  },
];

export const LoginPage = lazy(() => import('./pages/auth/LoginPage'));
export const AppLayout = lazy(() => import('./layout/AppLayout'));
export const NotFoundPage = lazy(() => import('./pages/errors/NotFoundPage'));
export const ForbiddenPage = lazy(() => import('./pages/errors/ForbiddenPage'));
/** Shown instead of the application while the password must be changed (initial, one-time or expired). */
export const PasswordChangeGate = lazy(() => import('./pages/account/PasswordChangeGate'));
