/**
 * The edit form's 办理期限 hint on a published task: the latest date the office may set itself, for the lead the form
 * shows now (the server's rule, ownDeadlineLatest in src/shared/workplan/rules.ts, over the deadlines the task page
 * sends), so taking the lead, clearing it or handing it on says the bound the save would be held to. `lead` is the
 * form's lead field: a unit, null when nobody leads (cleared, or a task without one), undefined while the form is not
 * yet filled (Form.useWatch's first render, or a form reset after closing) — the form is then about to show the task's
 * stored lead, so that is the lead the hint is for, and the first frame already says what the filled form says.
 */
import type { TaskPage } from '../../api/workplan';
import { ownDeadlineLatest } from '../../../shared/workplan/rules';

export function ownDeadlineHint(page: Pick<TaskPage, 'plan' | 'task' | 'ownDeadlineBounds'>, lead: number | null | undefined): string | undefined {
  if (!page.ownDeadlineBounds) return undefined;
  const latest = ownDeadlineLatest({
    published: page.plan.status === 'published',
    issuerId: page.plan.issuerId,
    leadBefore: page.task.lead?.id ?? null,
    leadAfter: lead === undefined ? (page.task.lead?.id ?? null) : lead,
    ...page.ownDeadlineBounds,
  });
  return latest ? `本办牵头（汇总）的任务，本办修改时最晚可设为${latest}，更晚须申请延期` : undefined;
}
