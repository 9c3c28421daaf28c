/** The side menu, derived from the permission table: an entry shows when the user holds its permission. */
import { can, type Permission } from './permissions';
import type { Role } from './roles';

export interface MenuEntry {
  path: string;
  label: string;
  icon: string;
  permission: Permission;
}

export const MENU: readonly MenuEntry[] = [
  { path: '/dashboard', label: '驾驶舱', icon: 'dashboard', permission: 'dashboard.read' },
  { path: '/todos', label: '待办事项', icon: 'todo', permission: 'todo.read' },
  { path: '/assessment', label: '年度考核', icon: 'assessment', permission: 'cycle.read' },
  { path: '/evaluation', label: '创建评价', icon: 'evaluation', permission: 'evaluation.read' },
  { path: '/indicators', label: '规划指标监测', icon: 'indicators', permission: 'indicators.read' },
  { path: '/indicators-reporting/entry', label: '数据填报', icon: 'reporting', permission: 'indicators.report' },
  { path: '/indicators-reporting/review', label: '数据审核', icon: 'reportingReview', permission: 'indicators.review' },
  { path: '/indicators-reporting/periods', label: '填报期管理', icon: 'reportingPeriods', permission: 'indicators.manage' },
  { path: '/honours', label: '荣誉名录', icon: 'honours', permission: 'honours.read' },
  { path: '/honours/policies', label: '激励政策', icon: 'policies', permission: 'honours.read' },
  { path: '/honours/calculator', label: '奖励测算', icon: 'calculator', permission: 'honours.read' },
  { path: '/workplan', label: '工作要点督办', icon: 'workplan', permission: 'workplan.read' },
  { path: '/analysis', label: '质量分析报告', icon: 'analysis', permission: 'analysis.read' },
  { path: '/rectifications', label: '整改事项', icon: 'rectification', permission: 'workplan.read' },
  { path: '/doc-numbers', label: '文号登记', icon: 'docNumbers', permission: 'docNumber.read' },
  { path: '/frameworks', label: '指标体系', icon: 'framework', permission: 'framework.read' },
  { path: '/admin/orgs', label: '组织机构', icon: 'org', permission: 'org.read' },
  { path: '/admin/users', label: '用户管理', icon: 'user', permission: 'user.read' },
  { path: '/audit', label: '审计日志', icon: 'audit', permission: 'audit.read' },
];

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => can(role, m.permission));
}
