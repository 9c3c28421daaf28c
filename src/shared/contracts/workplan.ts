/** Requests and responses of work plan supervision (issue 13, 工作要点督办). */
import { z } from 'zod';
import { choiceOf, dateOnly, id, idText, text, versionOf, versionText, yearOf } from './common';
import { ESCALATION_LABELS, LATE_REASON_MIN, SCHEDULE_LABELS } from '../workplan/rules';
import { UNIT_ROLE_LABELS } from '../workplan/schema';
import { noDocNumberInLink } from './docnumbers';
import { hasWords } from '../text';
import type { NoticeIssuer } from './orgs';

export const reason = (what: string, min = 2) =>
  text({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}`, abort: true })
    .min(min, { error: `${what}至少${min}个字` }).max(2000, { error: `${what}不超过2000字` })
    // “12345” passed for a 工作进展 (or a 退回理由): written words, as a 扣分理由 must be (reasonProblem)
    .refine(hasWords, { error: `${what}只有数字或符号，请用文字写明` });

export const planParams = z.strictObject({ id: idText('工作要点编号须为正整数') });
/** 回看: the lights as of an earlier day */
export const asOfQuery = z.strictObject({ asOf: dateOnly('回看日期').optional() });
export const taskParams = z.strictObject({ id: idText('任务编号须为正整数') });
export const taskPeriodParams = z.strictObject({
  id: idText('任务编号须为正整数'),
  period: text({ error: '请指明报送期次' }).regex(/^\d{4}-(H[12]|Q[1-4]|\d{2})$/, { error: '报送期次格式应为2023-H1、2023-Q3或2023-05' }),
});
export const reportParams = z.strictObject({ id: idText('进展报告编号须为正整数') });
export const extensionParams = z.strictObject({ id: idText('延期申请编号须为正整数') });
export const closureParams = z.strictObject({ id: idText('办结申请编号须为正整数') });
export const milestoneParams = z.strictObject({ id: idText('任务编号须为正整数'), milestoneId: idText('节点编号须为正整数') });

export const importPlanBody = z.strictObject({
  source: choiceOf({ 'hunan-2023': '2023年全省质量工作要点' }, '工作要点'),
  schedule: choiceOf(SCHEDULE_LABELS, '报送周期').default('half-yearly'),
});
export const publishPlanBody = z.strictObject({ version: versionOf() });
const schedule = choiceOf(SCHEDULE_LABELS, '报送周期');
/** a quality office writes its own year's plan (a draft, then tasks one by one) */
export const createPlanBody = z.strictObject({
  year: yearOf(),
  title: text({ error: '请填写工作要点标题' }).trim().min(4, { error: '工作要点标题至少4个字' }).max(200, { error: '工作要点标题不超过200字' }),
  schedule: schedule.default('quarterly'),
});
const taskTitle = text({ error: '请填写任务标题' }).trim().min(2, { error: '任务标题至少2个字' }).max(200, { error: '任务标题不超过200字' });
const taskText = text({ error: '请填写任务内容' }).trim().min(10, { error: '任务内容至少10个字' }).max(10000, { error: '任务内容不超过10000字' });
const taskUnits = z
  .array(z.strictObject({ orgId: id('单位编号须为正整数'), role: choiceOf(UNIT_ROLE_LABELS, '单位职责') }), { error: '承办单位应为列表' })
  .max(200, { error: '承办单位不超过200个' });
export const addTaskBody = z.strictObject({ title: taskTitle, text: taskText, dueOn: dateOnly('办理期限'), units: taskUnits.min(1, { error: '请至少指定一个承办单位' }) });
export const removeTaskQuery = z.strictObject({ version: versionText() });

export const updateTaskBody = z.strictObject({
  version: versionOf(),
  title: taskTitle.optional(),
  text: taskText.optional(),
  /** the part of the plan the task belongs to: its number (一、二 …) and title */
  part: text({ error: '请填写所属部分的序号' }).trim().min(1, { error: '请填写所属部分的序号（如“一”）' }).max(10, { error: '所属部分的序号不超过10字' }).optional(),
  partTitle: text({ error: '所属部分的标题须为文字' }).trim().max(100, { error: '所属部分的标题不超过100字' }).optional(),
  dueOn: dateOnly('办理期限').optional(),
  schedule: schedule.optional(),
  units: taskUnits.optional(),
  /** required once the plan is published (a revision) */
  reason: reason('修改理由').optional(),
});

export const signBody = z.strictObject({ version: versionOf() });

/** a progress report's fields, shared by the work plan's task reports and the 整改事项 reports */
export const progressReportBody = z.strictObject({
  /** the report's version, 0 for a new one */
  version: versionOf(),
  progress: z.number({ error: '请填写进度（0–100的整数）' }),
  progressReason: text().trim().max(2000, { error: '下调原因不超过2000字' }).nullish(),
  // named as both forms (工作要点, 整改事项) label it: the shared name of `text` is 内容
  text: reason('工作进展', 5).meta({ title: '工作进展' }),
  problems: text().trim().max(5000, { error: '存在问题不超过5000字' }).nullish(),
  nextSteps: text().trim().max(5000, { error: '下一步计划不超过5000字' }).nullish(),
});
/**
 * a work plan task's report, and a 整改事项's (rectificationReportBody): the fields, and its 逾期原因 — the reply to a
 * 督办单 (required then) or given of the unit's own accord when late (lateReasonAsk in src/shared/workplan/rules.ts; the
 * server refuses a missing one, lateReasonRefusal)
 */
export const saveReportBody = progressReportBody.extend({ lateReason: reason('逾期原因', LATE_REASON_MIN).nullish() });
export const submitReportBody = z.strictObject({ version: versionOf() });
export const returnBody = z.strictObject({ version: versionOf(), reason: reason('退回理由') });

export const askExtensionBody = z.strictObject({ newDueOn: dateOnly('延期后日期'), reason: reason('延期理由') });
export const decideExtensionBody = z.strictObject({
  version: versionOf(),
  approve: z.boolean({ error: '请选择同意或不同意' }),
  reason: reason('审批意见').optional(),
  judgeAgainstOriginal: z.boolean({ error: '请选择是否按原期限判定逾期' }).default(false),
});

export const askClosureBody = z.strictObject({ version: versionOf(), summary: reason('办结情况', 5) });
export const decideClosureBody = z.strictObject({ version: versionOf(), accept: z.boolean({ error: '请选择销号或退回' }), reason: reason('审核意见').optional() });

/** what the office issues: a 催办 or a 督办单, as the escalation names them */
export const noticeKind = choiceOf({ reminder: ESCALATION_LABELS.reminder, order: ESCALATION_LABELS.order }, '类型');
export const issueNoticeBody = z.strictObject({
  orgId: id('单位编号须为正整数'),
  period: taskPeriodParams.shape.period,
  kind: noticeKind,
  text: reason('催办内容', 5).optional(),
});

export const milestoneBody = z.strictObject({ title: reason('节点名称'), dueOn: dateOnly('节点期限') });
export const milestoneDoneBody = z.strictObject({ version: versionOf() });
export const milestoneEditBody = z.strictObject({ version: versionOf(), title: reason('节点名称'), dueOn: dateOnly('节点期限') });
export const milestoneRemoveQuery = z.strictObject({ version: versionText() });

// ---------------------------------------------------------------- responses (for the OpenAPI document)

const org = z.object({ id: z.number(), name: z.string() });
const light = z.object({ light: z.enum(['green', 'yellow', 'red', 'done']), label: z.string(), expected: z.number(), reasons: z.array(z.string()) });

export const planSummary = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  issuer: org,
  status: z.enum(['draft', 'published']),
  statusLabel: z.string(),
  revision: z.number(),
  schedule: z.string(),
  asOf: z.string(),
  supervisionEnd: z.string(),
  /** the supervision has ended by the day shown: nothing but the office's decisions on earlier requests is taken (supervisionEndedRefusal) */
  ended: z.boolean(),
  tasks: z.number(),
  lights: z.record(z.string(), z.number()),
  version: z.number(),
});
export const planList = z.object({ items: z.array(planSummary), abilities: z.object({ import: z.boolean(), create: z.boolean() }) });

export const taskRow = z.object({
  id: z.number(),
  number: z.number(),
  part: z.string(),
  partTitle: z.string(),
  title: z.string(),
  unitsText: z.string(),
  lead: org.nullable(),
  status: z.string(),
  statusLabel: z.string(),
  dueOn: z.string(),
  deadline: z.string(),
  progress: z.number().nullable(),
  light,
  units: z.array(z.object({ org, role: z.string(), signed: z.boolean(), light })),
  version: z.number(),
});
export const planDetail = planSummary.extend({
  source: z.unknown(),
  targets: z.string().nullable(),
  warnings: z.array(z.string()),
  periods: z.array(z.object({ code: z.string(), label: z.string(), dueOn: z.string() })),
  revisions: z.array(z.object({ revision: z.number(), reason: z.string(), createdAt: z.string() })),
  taskRows: z.array(taskRow),
  abilities: z.object({ publish: z.boolean(), edit: z.boolean(), manage: z.boolean(), notice: z.boolean() }),
});

/** one published-plan change of a task: who, when, why and what changed (field by field, as the UI shows it) */
export const taskRevision = z.object({
  revision: z.number(),
  reason: z.string(),
  createdAt: z.string(),
  by: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
});

export const taskDetail = z.object({
  /** asOf: the day the lights are for; supervisionEnd and ended: the year's supervision, as of today (supervisionEndedRefusal) */
  plan: z.object({ id: z.number(), title: z.string(), status: z.string(), year: z.number(), issuerId: z.number(), asOf: z.string(), supervisionEnd: z.string(), ended: z.boolean() }),
  task: taskRow.extend({ text: z.string(), consolidator: org }),
  periods: z.array(z.object({ code: z.string(), label: z.string(), dueOn: z.string() })),
  milestones: z.array(z.object({ id: z.number(), title: z.string(), dueOn: z.string(), doneAt: z.string().nullable(), version: z.number() })),
  reports: z.array(z.unknown()),
  extensions: z.array(z.unknown()),
  closures: z.array(z.unknown()),
  notices: z.array(z.unknown()),
  revisions: z.array(taskRevision),
  abilities: z.record(z.string(), z.boolean()),
  /** why the lead's 申请办结 waits (a consolidated report returned, or one past its date not in), or null */
  closureWaits: z.string().nullable(),
  /** why the edit form may not move the task's lead now (a request of the lead pending: leadLockRefusal), or null */
  leadChangeRefusal: z.string().nullable(),
  /** the latest 办理期限 the office may set on such a task by an edit, its lead left as it is (ownDeadlineRefusal's bound: YYYY-MM-DD), or null */
  ownDeadlineLatest: z.string().nullable(),
  /**
   * the two deadlines that bound comes from (inForce: the deadline in force; approved: approvedDeadlineOf), so the edit
   * form names the bound for the lead it shows as the lead changes (ownDeadlineLatest in src/shared/workplan/rules.ts);
   * null when the caller may not edit the task or the plan is a draft
   */
  ownDeadlineBounds: z.object({ inForce: z.string(), approved: z.string() }).nullable(),
  myOrg: org.nullable(),
  /** the period the caller's report form opens on (workplan.presenter reportPeriodOf); null when it does not report */
  reportPeriod: z.string().nullable(),
});

// ---------------------------------------------------------------- documents (plain data the .docx / .xlsx builders take)

export const noticeQuery = z.strictObject({
  period: text({ error: '报送期次须为文字' }).max(20, { error: '报送期次过长' }).optional(),
  asOf: dateOnly('回看日期').optional(),
  docNumber: noDocNumberInLink,
});

type Lit = 'green' | 'yellow' | 'red' | 'done';
/** 工作要点落实情况通报: what the office's periodic notice says, as of a day and for a reporting period */
export interface WorkplanNotice {
  plan: { id: number; title: string; year: number };
  issuer: NoticeIssuer;
  period: { code: string; label: string; dueOn: string };
  asOf: string;
  lights: Record<Lit, number>;
  tasks: {
    number: number;
    title: string;
    lead: string;
    progress: number | null;
    light: Lit;
    lightLabel: string;
    statusLabel: string;
    /** the first line of the consolidated report of the period (or the latest one before it) */
    line: string | null;
    linePeriod: string | null;
    /**
     * the task's own last period ended by the 通报's (a half-yearly task in a quarterly plan: 2026年上半年 in the
     * 第三季度 通报), whose consolidated report is owed; null where none has ended yet
     */
    duePeriod: string | null;
  }[];
  /** units whose report is late, with the stage of the escalation ladder and the notices already issued */
  overdue: { taskNumber: number; taskTitle: string; org: string; periodLabel: string; dueOn: string; daysLate: number; stage: 'reminder' | 'order' | 'notice'; stageLabel: string; notices: string[] }[];
  /**
   * late reports that answered a 督办单 by the day (periods ended by the 通报's, as overdue): when it was issued, when
   * the report came in, and the 逾期原因 it gave (null: reported before the form asked for one)
   */
  replies: { taskNumber: number; taskTitle: string; org: string; periodLabel: string; dueOn: string; orderedOn: string; reportedOn: string; daysLate: number; lateReason: string | null }[];
  extensions: { taskNumber: number; taskTitle: string; org: string; fromDueOn: string; newDueOn: string; reason: string; decidedOn: string; judgeAgainstOriginal: boolean; /** asked after the deadline it moved (逾期后申请) */ late: boolean }[];
  closed: { taskNumber: number; taskTitle: string; org: string; closedOn: string; summary: string | null }[];
}

/** the task × unit matrix (screen and .xlsx) */
export interface WorkplanMatrix {
  plan: { id: number; title: string; year: number };
  asOf: string;
  columns: { id: number; name: string }[];
  /** label: the light's word as the task page says it (报送逾期 where only a report is late, taskLight) */
  rows: { task: { id: number; number: number; title: string }; lead: string; progress: number | null; light: Lit; label: string; cells: Record<string, { light: Lit; label: string; role: string; signed: boolean }> }[];
  periods: { code: string; label: string; dueOn: string }[];
}
