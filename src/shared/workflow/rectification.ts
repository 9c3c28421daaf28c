/**
 * The states of a rectification item (整改事项, issue 13) — supervised with the work plan's machinery:
 *
 * - an item: open → (the owner answers an evaluation deduction: answered) → closing (the owner asked to close it,
 *   申请办结) → closed (销号) or back to open (退回, with a reason);
 * - an extension (延期申请): pending → approved | refused (by the raiser);
 * - a closure request: pending → accepted | returned (by the raiser), moving the item with it;
 * - a progress report: draft (the owner edits it) → submitted (read-only); the raiser may send the latest submitted
 *   report back (退回, with a reason) → returned (the owner corrects it) → submitted again.
 *
 * Who may move which item is the object rule in modules/rectification/rectification.policy.ts.
 */
import type { Workflow } from './workflow';
import type { ClosureStatus, ExtensionStatus } from './workplan';

export type RectificationStatus = 'open' | 'answered' | 'closing' | 'closed';
export type RectificationEvent = 'answer' | 'ask-close' | 'accept-close' | 'return-close';

export const RECTIFICATION_WORKFLOW: Workflow<RectificationStatus, RectificationEvent> = {
  name: 'rectification',
  states: { open: '待整改', answered: '已答复整改情况', closing: '待销号', closed: '已销号' },
  transitions: [
    { from: ['open'], event: 'answer', to: 'answered', permission: 'evaluation.apply', label: '答复整改情况' },
    { from: ['open', 'answered'], event: 'ask-close', to: 'closing', permission: 'workplan.read', label: '申请销号' },
    { from: ['closing'], event: 'accept-close', to: 'closed', permission: 'rectification.raise', label: '销号' },
    { from: ['closing'], event: 'return-close', to: 'open', permission: 'rectification.raise', label: '退回' },
  ],
};
/** an item takes reports, extension requests and a closure request in these states */
export const RECTIFICATION_LIVE: readonly RectificationStatus[] = ['open', 'answered'];

export const RECTIFICATION_EXTENSION_WORKFLOW: Workflow<ExtensionStatus, 'approve' | 'refuse'> = {
  name: 'rectificationExtension',
  states: { pending: '待审批', approved: '已同意', refused: '未同意' },
  transitions: [
    { from: ['pending'], event: 'approve', to: 'approved', permission: 'rectification.raise', label: '同意延期' },
    { from: ['pending'], event: 'refuse', to: 'refused', permission: 'rectification.raise', label: '不同意延期' },
  ],
};

export const RECTIFICATION_CLOSURE_WORKFLOW: Workflow<ClosureStatus, 'accept' | 'return'> = {
  name: 'rectificationClosure',
  states: { pending: '待审核', accepted: '已销号', returned: '已退回' },
  transitions: [
    { from: ['pending'], event: 'accept', to: 'accepted', permission: 'rectification.raise', label: '销号' },
    { from: ['pending'], event: 'return', to: 'returned', permission: 'rectification.raise', label: '退回' },
  ],
};

export type RectificationReportStatus = 'draft' | 'submitted' | 'returned';
export const RECTIFICATION_REPORT_WORKFLOW: Workflow<RectificationReportStatus, 'submit' | 'return'> = {
  name: 'rectificationReport',
  states: { draft: '草稿', submitted: '已报送', returned: '已退回' },
  transitions: [
    { from: ['draft', 'returned'], event: 'submit', to: 'submitted', permission: 'workplan.report', label: '报送' },
    { from: ['submitted'], event: 'return', to: 'returned', permission: 'rectification.raise', label: '退回' },
  ],
};
/** the owner edits (and attaches files to) a report in these states only */
export const RECTIFICATION_REPORT_EDITABLE: readonly RectificationReportStatus[] = ['draft', 'returned'];

/**
 * The units a 整改事项 is asked of (its 责任单位): those whose staff answer it — report progress, ask for an
 * extension or closure (workplan.report: a member department, a city's or a county's units). Not the province
 * itself (the provincial office owns the province's plan; a lagging provincial figure is followed up with its
 * responsible departments) nor an office. The server's check and the indicator page's choices (`abilities.raiseFor`).
 */
export const RECTIFICATION_OWNER_KINDS = ['city', 'county', 'department'] as const;
export const mayOwnRectification = (kind: string): boolean => (RECTIFICATION_OWNER_KINDS as readonly string[]).includes(kind);
