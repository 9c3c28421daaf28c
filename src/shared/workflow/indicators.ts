/**
 * The states of a reported plan-indicator value (issue 12): the reporting unit (a city's office or a member
 * department for the province's figure) fills and submits it; the responsible member department reviews it
 * (审核); the office accepts it (确认). A return always carries a comment and sends the value back to its
 * reporter. After the period's window has closed and its lock days have passed, only the office can reopen one
 * value for one unit, with a reason. Reopening a confirmed value starts its correction: the confirmed figure stays
 * in force (figureInForce) until the correction is accepted.
 */
import type { Workflow } from './workflow';

export type IndicatorValueStatus = 'draft' | 'submitted' | 'reviewed' | 'accepted' | 'returned';
export type IndicatorValueEvent = 'submit' | 'review' | 'accept' | 'return' | 'reopen';

export const INDICATOR_VALUE_WORKFLOW: Workflow<IndicatorValueStatus, IndicatorValueEvent> = {
  name: 'indicatorValue',
  states: { draft: '填报中', submitted: '待部门审核', reviewed: '待质强办确认', accepted: '已确认', returned: '已退回' },
  transitions: [
    { from: ['draft', 'returned'], event: 'submit', to: 'submitted', permission: 'indicators.report', label: '提交' },
    { from: ['submitted'], event: 'review', to: 'reviewed', permission: 'indicators.review', label: '审核通过' },
    { from: ['reviewed'], event: 'accept', to: 'accepted', permission: 'indicators.manage', label: '确认' },
    { from: ['submitted', 'reviewed'], event: 'return', to: 'returned', permission: 'indicators.review', label: '退回' },
    { from: ['accepted'], event: 'reopen', to: 'returned', permission: 'indicators.manage', label: '重新开放填报' },
  ],
};
/**
 * The office's reopening of a value (重新开放: after the lock, or of a confirmed value) is under way until the value
 * is accepted (确认) again: 已重新开放 shows and a locked window stays open for that value only while this holds. The
 * reason stays on the value for the record; the state, not a flag, says when the reopening is over.
 */
export const reopenUnderWay = (v: { status: IndicatorValueStatus; reopenReason: string | null }): boolean => v.reopenReason !== null && v.status !== 'accepted';

/** A value may be edited by its reporter in these states only. */
export const INDICATOR_VALUE_EDITABLE: readonly IndicatorValueStatus[] = ['draft', 'returned'];

/**
 * The figure in force of a reported value — the one monitoring reads (tables, statuses, lagging to-dos, exports,
 * charts): its own once accepted (已确认); while a correction of a confirmed value is under way (the office reopened
 * it; draft, returned, submitted or reviewed again), the confirmed figure kept beside it; otherwise none.
 */
export function figureInForce(v: { status: IndicatorValueStatus; value: number | null; confirmedValue: number | null }): number | null {
  return v.status === 'accepted' ? v.value : v.confirmedValue;
}
