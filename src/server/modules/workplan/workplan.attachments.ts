/**
 * The attachment owner kind `work_report` (附件 of a task's progress report): loads the report with its task,
 * plan and units, and answers read / write with this module's policy (mayReadReport, mayAttachToReport,
 * reportAttachmentLock). Registered with the attachments module by ./index.ts.
 */
import { ATTACHMENT_OWNER_LABELS } from '../../../shared/contracts/attachments';
import type { AttachmentOwnerKind } from '../attachments';
import { mayAttachToReport, mayReadPlan, mayReadReport, reportAttachmentLock } from './workplan.policy';
import { findPlan, findReport, findTask, lockReport, orgNames, supervisionIn, unitsOf } from './workplan.queries';

export const workReportAttachments: AttachmentOwnerKind = {
  type: 'work_report',
  label: ATTACHMENT_OWNER_LABELS.work_report,
  async load(db, id, today, lock) {
    const report = lock ? await lockReport(db, id) : await findReport(db, id);
    const task = report && (await findTask(db, report.task_id));
    const plan = task && (await findPlan(db, task.plan_id));
    if (!report || !task || !plan) return undefined;
    const units = await unitsOf(db, [task.id]);
    const org = (await orgNames(db, [report.org_id])).get(report.org_id) ?? '';
    const locked = reportAttachmentLock(task, report, await supervisionIn(db, plan, today));
    return {
      label: `第${task.number}项任务${org}${report.consolidated ? '汇总' : ''}进展报告（${report.period}）`,
      orgId: report.org_id,
      locked,
      canRead: (me) => mayReadPlan(me, plan) && mayReadReport(me, plan, task, report),
      isWriter: (me) => mayAttachToReport(me, plan, task, units, report),
    };
  },
};
