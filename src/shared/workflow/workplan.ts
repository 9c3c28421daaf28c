/**
 * The states of work plan supervision (issue 13, 督查督办):
 *
 * - a plan: draft (the office edits it freely) → published (frozen; a change is a revision with a reason);
 * - a task: open → closing (the lead asked to close it, 申请办结) → closed (销号) or back to open (退回, with a reason);
 * - a unit's report for a period: draft → submitted; the consolidating unit (for a sub-report) or the office (for
 *   the consolidated report) may return it (退回, with a reason) and the unit submits again;
 * - an extension (延期申请): pending → approved | refused (by the office);
 * - a closure request: pending → accepted | returned (by the office), moving the task with it.
 *
 * Reports move under 'workplan.read' because the office itself reports where it leads (tasks 1 and 2 of 2023)
 * and consolidates where nobody leads; who may move which report is the object rule in workplan.policy.ts.
 */
import type { Workflow } from './workflow';

export type WorkPlanStatus = 'draft' | 'published';
export type WorkPlanEvent = 'publish';
export const WORK_PLAN_WORKFLOW: Workflow<WorkPlanStatus, WorkPlanEvent> = {
  name: 'workPlan',
  states: { draft: '草稿', published: '已发布' },
  transitions: [{ from: ['draft'], event: 'publish', to: 'published', permission: 'workplan.manage', label: '发布' }],
};

export type WorkTaskStatus = 'open' | 'closing' | 'closed';
export type WorkTaskEvent = 'ask-close' | 'accept-close' | 'return-close';
export const WORK_TASK_WORKFLOW: Workflow<WorkTaskStatus, WorkTaskEvent> = {
  name: 'workTask',
  states: { open: '办理中', closing: '待销号', closed: '已销号' },
  transitions: [
    { from: ['open'], event: 'ask-close', to: 'closing', permission: 'workplan.read', label: '申请办结' },
    { from: ['closing'], event: 'accept-close', to: 'closed', permission: 'workplan.manage', label: '销号' },
    { from: ['closing'], event: 'return-close', to: 'open', permission: 'workplan.manage', label: '退回' },
  ],
};

export type TaskReportStatus = 'draft' | 'submitted' | 'returned';
export type TaskReportEvent = 'submit' | 'return';
export const TASK_REPORT_WORKFLOW: Workflow<TaskReportStatus, TaskReportEvent> = {
  name: 'taskReport',
  states: { draft: '草稿', submitted: '已报送', returned: '已退回' },
  transitions: [
    { from: ['draft', 'returned'], event: 'submit', to: 'submitted', permission: 'workplan.read', label: '报送' },
    { from: ['submitted'], event: 'return', to: 'returned', permission: 'workplan.read', label: '退回' },
  ],
};
/** A report may be edited by its unit in these states only. */
export const TASK_REPORT_EDITABLE: readonly TaskReportStatus[] = ['draft', 'returned'];

export type ExtensionStatus = 'pending' | 'approved' | 'refused';
export type ExtensionEvent = 'approve' | 'refuse';
export const EXTENSION_WORKFLOW: Workflow<ExtensionStatus, ExtensionEvent> = {
  name: 'workExtension',
  states: { pending: '待审批', approved: '已同意', refused: '未同意' },
  transitions: [
    { from: ['pending'], event: 'approve', to: 'approved', permission: 'workplan.manage', label: '同意延期' },
    { from: ['pending'], event: 'refuse', to: 'refused', permission: 'workplan.manage', label: '不同意延期' },
  ],
};

export type ClosureStatus = 'pending' | 'accepted' | 'returned';
export type ClosureEvent = 'accept' | 'return';
export const CLOSURE_WORKFLOW: Workflow<ClosureStatus, ClosureEvent> = {
  name: 'workClosure',
  states: { pending: '待审核', accepted: '已销号', returned: '已退回' },
  transitions: [
    { from: ['pending'], event: 'accept', to: 'accepted', permission: 'workplan.manage', label: '销号' },
    { from: ['pending'], event: 'return', to: 'returned', permission: 'workplan.manage', label: '退回' },
  ],
};
