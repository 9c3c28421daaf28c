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
  { path: '/frameworks', label: '指标体系', icon: 'framework', permission: 'framework.read' },
  { path: '/admin/orgs', label: '组织机构', icon: 'org', permission: 'org.read' },
  { path: '/admin/users', label: '用户管理', icon: 'user', permission: 'user.read' },
  { path: '/audit', label: '审计日志', icon: 'audit', permission: 'audit.read' },
];

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => can(role, m.permission));
}
