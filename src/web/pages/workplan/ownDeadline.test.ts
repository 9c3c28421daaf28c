/** The edit form's 办理期限 hint follows the lead chosen in the form, as the server's rule would bind the save. */
import { describe, expect, it } from 'vitest';
import type { TaskPage } from '../../api/workplan';
import { ownDeadlineHint } from './ownDeadline';

const OFFICE = 1;
const DEPT = 7;
const page = (lead: number | null, bounds: TaskPage['ownDeadlineBounds'] = { inForce: '2023-12-31', approved: '2023-11-30' }, status = 'published') =>
  ({ plan: { status, issuerId: OFFICE }, task: { lead: lead === null ? null : { id: lead, name: '单位' } }, ownDeadlineBounds: bounds }) as Pick<TaskPage, 'plan' | 'task' | 'ownDeadlineBounds'>;
const hint = (date: string) => `本办牵头（汇总）的任务，本办修改时最晚可设为${date}，更晚须申请延期`;

describe('ownDeadlineHint', () => {
  it('a task a department leads: no hint while it keeps a department lead; clearing the lead (the office leads) names the approved deadline', () => {
    expect(ownDeadlineHint(page(DEPT), DEPT)).toBeUndefined();
    expect(ownDeadlineHint(page(DEPT), 8)).toBeUndefined();
    expect(ownDeadlineHint(page(DEPT), null)).toBe(hint('2023-11-30'));
    expect(ownDeadlineHint(page(DEPT), OFFICE)).toBe(hint('2023-11-30'));
  });
  it('the office’s own task: the approved deadline; handed to a department in the same edit, the deadline in force still binds', () => {
    expect(ownDeadlineHint(page(null), null)).toBe(hint('2023-11-30'));
    expect(ownDeadlineHint(page(null), DEPT)).toBe(hint('2023-12-31'));
  });
  it('before the form is filled (the lead field undefined) the hint is for the stored lead the form is about to show', () => {
    expect(ownDeadlineHint(page(DEPT), undefined)).toBeUndefined();
    expect(ownDeadlineHint(page(OFFICE), undefined)).toBe(hint('2023-11-30'));
    expect(ownDeadlineHint(page(null), undefined)).toBe(hint('2023-11-30'));
  });
  it('no bounds sent (a draft, or a caller who may not edit): no hint', () => {
    expect(ownDeadlineHint(page(null, null), undefined)).toBeUndefined();
    expect(ownDeadlineHint(page(null, { inForce: '2023-12-31', approved: '2023-11-30' }, 'draft'), undefined)).toBeUndefined();
  });
});
