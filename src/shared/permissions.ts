/**
 * The one place permissions live. Every API route names one permission from this table (or 'public' /
 * 'authenticated'); the web menu is derived from the same table (see ./menu.ts); the role × route matrix
 * test walks every route against every role.
 */
import { ROLES, type Role } from './roles';

export const PERMISSIONS = {
  'todo.read': { label: '查看待办', roles: ['sysadmin', 'secadmin', 'auditor', 'office', 'department', 'unit', 'expert', 'leader'] },
  'todo.complete': { label: '办结待办', roles: ['sysadmin', 'secadmin', 'auditor', 'office', 'department', 'unit', 'expert', 'leader'] },
  'org.read': { label: '查看组织机构', roles: ['sysadmin', 'secadmin', 'office', 'leader'] },
  'org.manage': { label: '维护组织机构', roles: ['sysadmin'] },
  'user.read': { label: '查看用户', roles: ['sysadmin', 'secadmin'] },
  'user.manage': { label: '维护用户（新建账户须经安全管理员审核）', roles: ['sysadmin'] },
  'user.security': { label: '解锁账户、重置密码、分配角色与单位、审核新账户', roles: ['secadmin'] },
  'audit.read': { label: '查阅审计日志', roles: ['auditor'] },
  'framework.read': { label: '查看指标体系', roles: ['office', 'department', 'unit', 'expert', 'leader'] },
  // The yearly assessment (seed 000). Which cycles, items and units a user sees is decided per object in
  // src/server/modules/assessment/assessment.policy.ts; these say what a role may do at all.
  'cycle.read': { label: '查看考核工作', roles: ['office', 'department', 'unit', 'leader'] },
  'cycle.manage': { label: '组织考核（开启征集、设定期限与异议期、发布结果）', roles: ['office'] },
  'declaration.edit': { label: '填报考核指标申报表', roles: ['department'] },
  'declaration.review': { label: '审核指标申报（退回、接收、重新开放）', roles: ['office'] },
  'scheme.manage': { label: '制定和发布考核方案', roles: ['office'] },
  'score.enter': { label: '评分', roles: ['department', 'office'] },
  'score.monitor': { label: '查看评分进度、催办、重新开放评分', roles: ['office'] },
  'selfReport.edit': { label: '填报自评材料', roles: ['unit'] },
  'objection.raise': { label: '提出异议', roles: ['unit'] },
  'objection.answer': { label: '答复异议', roles: ['department', 'office'] },
  'result.read': { label: '查看考核结果', roles: ['office', 'department', 'unit', 'leader'] },
  'dashboard.read': { label: '查看驾驶舱（考核进展与结果）', roles: ['leader', 'office'] },
  // The creation evaluation of quality-strong cities and counties (seed 004, DB43). Which rounds and applications
  // a user sees is decided per object in src/server/modules/evaluation/evaluation.policy.ts.
  'evaluation.read': { label: '查看质量强市（县）创建评价', roles: ['office', 'department', 'unit', 'expert', 'leader'] },
  'evaluation.manage': { label: '组织创建评价（受理审查、评价工作方案、反馈、公示与命名）', roles: ['office'] },
  'evaluation.apply': { label: '申请创建评价、自评、确认评价报告', roles: ['unit'] },
  'evaluation.consult': { label: '回复受理审查征求意见', roles: ['department'] },
  'evaluation.review': { label: '评审打分（评价专家）', roles: ['expert'] },
  // Plan indicators (seed 003 专栏1, seed 000 主要目标, seed 002) — issue 12. A department reports and reviews only
  // the indicators it is responsible for; a city reports its own values (src/server/modules/indicators/indicators.policy.ts).
  'indicators.read': { label: '查看规划指标监测', roles: ['office', 'department', 'unit', 'leader'] },
  'indicators.report': { label: '填报规划指标数据', roles: ['department', 'unit'] },
  'indicators.review': { label: '审核规划指标数据（退回须写明意见）', roles: ['department', 'office'] },
  'indicators.manage': { label: '管理规划指标（年度目标、填报期、确认与重新开放）', roles: ['office'] },
  // Honours roll and incentive policies — issue 12.
  'honours.read': { label: '查看荣誉名录与激励政策', roles: ['office', 'department', 'unit', 'leader'] },
  'honours.manage': { label: '登记荣誉（获奖、认定、督查激励）', roles: ['office', 'department'] },
  'policies.manage': { label: '维护激励政策', roles: ['office'] },
  // Supervision of the yearly work plan and of rectification (seed 000 Annex 3) — issue 13.
  'workplan.read': { label: '查看工作要点督办', roles: ['office', 'department', 'unit', 'leader'] },
  'workplan.report': { label: '签收任务、报送进展、申请延期与办结', roles: ['department', 'unit'] },
  'workplan.manage': { label: '管理工作要点（发布、催办、督办、审批延期、销号）', roles: ['office'] },
  // The quality analysis report (质量分析报告, DB43 4.8): each office writes its own; the province sees every city's.
  'analysis.read': { label: '查看质量分析报告及发布登记', roles: ['office', 'leader'] },
  'analysis.manage': { label: '编写、刷新与印发本单位质量分析报告', roles: ['office'] },
  // Attachments (附件) of a reported plan-indicator value or a task report — issues 12, 13. Which owner a user may
  // read or write is decided by the owning module (its attachment owner kind, src/server/modules/attachments).
  'attachment.read': { label: '查看附件（规划指标数据、任务进展报告、整改进展报告、自评资料）', roles: ['office', 'department', 'unit', 'leader', 'expert'] },
  'attachment.upload': { label: '上传和删除附件（规划指标数据、任务进展报告、整改进展报告、自评资料）', roles: ['office', 'department', 'unit'] },
  'workplan.notice': { label: '下载工作要点落实情况通报', roles: ['office', 'leader'] },
  // 整改事项 (issue 13): the office or the evaluating department raises items from findings and supervises them;
  // owners report under workplan.report. Which items a caller may move: modules/rectification/rectification.policy.ts.
  'rectification.raise': { label: '提出整改事项并督办（催办、督办单、审批延期、销号）', roles: ['office', 'department'] },
  'rectification.notice': { label: '下载整改事项落实情况通报', roles: ['office'] },
  // The 文号 register: every 文号 an office prints on a 公文 of the platform. Each office keeps its own; the leaders
  // read it as they read the analysis reports' register (the province's every office, a city's its own).
  'docNumber.read': { label: '查看文号登记', roles: ['office', 'leader'] },
  'docNumber.void': { label: '作废本单位的文号登记', roles: ['office'] },
} as const satisfies Record<string, { label: string; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** 'public': no session needed; 'authenticated': any signed-in user. */
export type RouteAccess = Permission | 'public' | 'authenticated';

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** Each role's permissions in the table's order, listed once: the table never changes while the process runs. */
const PERMISSIONS_OF = new Map<Role, readonly Permission[]>(ROLES.map((role) => [role, ALL_PERMISSIONS.filter((p) => can(role, p))]));

/** A role's permissions (a new array each time: the caller may keep or change it). */
export function permissionsOf(role: Role): Permission[] {
  return [...(PERMISSIONS_OF.get(role) ?? [])];
}
