/** Work plan supervision (工作要点督办, issue 13): plans, tasks with lights, 签收, reports, extensions, closure, 催办 / 督办单. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  asOfQuery,
  askClosureBody,
  addTaskBody,
  askExtensionBody,
  closureParams,
  createPlanBody,
  decideClosureBody,
  decideExtensionBody,
  extensionParams,
  importPlanBody,
  issueNoticeBody,
  milestoneBody,
  milestoneDoneBody,
  milestoneEditBody,
  milestoneParams,
  milestoneRemoveQuery,
  noticeQuery,
  planDetail,
  planList,
  planParams,
  publishPlanBody,
  removeTaskQuery,
  reportParams,
  returnBody,
  saveReportBody,
  signBody,
  submitReportBody,
  taskDetail,
  taskParams,
  taskPeriodParams,
  taskRow,
  updateTaskBody,
} from '../../../shared/contracts/workplan';
import { can } from '../../../shared/permissions';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../core/download';
import { numberedDownloadBody } from '../../../shared/contracts/docnumbers';
import { downloadNumbered } from '../docnumbers';
import { route, type RouteContext, type RouteDef } from '../../core/route';
import type { Change } from '../../core/change';
import type { Database } from '../../db/schema';
import { workplanMatrixXlsx } from '../../io/excel/workplan-matrix';
import { workplanNoticeDocx } from '../../io/word/workplan-notice';
import * as cmd from './workplan.commands';
import { mayCreatePlan, mayImport, planNoticeRefusal, rowMissing } from './workplan.policy';
import { matrixView, myTaskRows, noticeDocument, planSummaryView } from './workplan.presenter';
import {
  findClosure,
  findExtension,
  findMilestone,
  findReport,
  loadPlanBundle,
  noticeOf,
  orgsByCodes,
  planView,
  readablePlan,
  readablePlans,
  readableTask,
  taskView,
} from './workplan.queries';

const TAGS = ['工作要点督办'];

/** the day a read shows the lights for: today, or an earlier day asked for (?asOf=, 回看) */
const viewDay = (ctx: RouteContext<any, any, any>): string => {
  const today = ctx.clock().today;
  const asOf = (ctx.query as { asOf?: string } | undefined)?.asOf;
  return asOf && asOf < today ? asOf : today;
};


/** the change, then the task page as the caller now sees it */
const onTask =
  <B, P extends { id: number }>(fn: (c: Change, plan: Awaited<ReturnType<typeof readableTask>>['plan'], task: Awaited<ReturnType<typeof readableTask>>['task'], ctx: RouteContext<B, unknown, P>) => Promise<unknown>) =>
  async (ctx: RouteContext<B, unknown, P>) => {
    const clock = ctx.clock();
    const { plan, task } = await readableTask(ctx.db, ctx.me(), ctx.params.id);
    await ctx.tx((c) => fn(c, plan, task, ctx));
    return taskView(ctx.db, ctx.me(), task.id, clock.today);
  };

/** a report, extension or closure: load its task and plan (readable by the caller) */
async function ofTask<T extends { task_id: number }>(ctx: RouteContext<any, any, any>, row: T | undefined, what: string, id: number) {
  if (!row) throw rowMissing(what, id);
  const { plan, task } = await readableTask(ctx.db, ctx.me(), row.task_id);
  return { plan, task, row };
}

/** the change on a report, extension or closure (found by its id), then its task's page as the caller now sees it */
const onRow =
  <T extends { task_id: number }, B>(
    find: (db: Kysely<Database>, id: number) => Promise<T | undefined>,
    what: string,
    fn: (c: Change, plan: Awaited<ReturnType<typeof readableTask>>['plan'], task: Awaited<ReturnType<typeof readableTask>>['task'], row: T, body: B) => Promise<unknown>,
  ) =>
  async (ctx: RouteContext<B, unknown, { id: number }>) => {
    const clock = ctx.clock();
    const { plan, task, row } = await ofTask(ctx, await find(ctx.db, ctx.params.id), what, ctx.params.id);
    await ctx.tx((c) => fn(c, plan, task, row, ctx.body));
    return taskView(ctx.db, ctx.me(), task.id, clock.today);
  };

const periodRow = z.object({ code: z.string(), label: z.string(), dueOn: z.string() });
const lit = z.enum(['green', 'yellow', 'red', 'done']);
const matrixResponse = z.object({
  plan: z.object({ id: z.number(), title: z.string(), year: z.number() }),
  asOf: z.string(),
  columns: z.array(z.object({ id: z.number(), name: z.string() })),
  rows: z.array(
    z.object({
      task: z.object({ id: z.number(), number: z.number(), title: z.string() }),
      lead: z.string(),
      progress: z.number().nullable(),
      light: lit,
      label: z.string(),
      cells: z.record(z.string(), z.object({ light: lit, label: z.string(), role: z.string(), signed: z.boolean() })),
    }),
  ),
  periods: z.array(periodRow),
});

async function matrixOf(ctx: RouteContext<any, any, { id: number }>) {
  const plan = await readablePlan(ctx.db, ctx.me(), ctx.params.id);
  return matrixView(await loadPlanBundle(ctx.db, [plan]), plan, viewDay(ctx));
}

/**
 * 工作要点落实情况通报 of one reporting period, with its 文号: the GET prints the registered one, the dialog's POST
 * registers the one asked (docnumbers.download.ts).
 */
async function noticeDownload(ctx: RouteContext<unknown, z.infer<typeof noticeQuery>, { id: number }>, asked: string | undefined) {
  const plan = await readablePlan(ctx.db, ctx.me(), ctx.params.id);
  const refusal = planNoticeRefusal(ctx.me(), plan);
  if (refusal) throw refusal;
  const { period, issuer, view } = await noticeOf(ctx.db, plan, viewDay(ctx), ctx.query.period);
  const doc = noticeDocument(plan, issuer, period);
  return downloadNumbered(ctx, doc, asked, async (docNo) => ({
    subject: { entityType: 'work_plan', entityId: plan.id },
    name: `${doc.title}.docx`,
    type: DOCX_TYPE,
    body: await workplanNoticeDocx(view, docNo),
  }));
}

export const workplanRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/work-plans',
    access: 'workplan.read',
    summary: '工作要点列表（草稿只有发文的质强办可见）',
    tags: TAGS,
    query: asOfQuery,
    response: planList,
    handler: async (ctx) => {
      const u = ctx.me();
      const plans = await readablePlans(ctx.db, u);
      const b = await loadPlanBundle(ctx.db, plans);
      const today = viewDay(ctx);
      const [issuer] = can(u.role, 'workplan.manage') ? await orgsByCodes(ctx.db, [cmd.readWorkPlanFile('hunan-2023').issuer]) : [];
      return { items: plans.map((p) => planSummaryView(b, p, today)), abilities: { import: mayImport(u, issuer?.id), create: mayCreatePlan(u) } };
    },
  }),
  route({
    method: 'POST',
    url: '/api/work-plans',
    access: 'workplan.manage',
    summary: '质强办编写本单位的年度工作要点（先建草稿，再逐项添加任务）',
    tags: TAGS,
    body: createPlanBody,
    response: planDetail,
    status: 201,
    handler: async (ctx) => {
      const clock = ctx.clock();
      const id = await cmd.planTaken(ctx.db, ctx.me(), ctx.body.year, 'year', () => ctx.tx((c) => cmd.createPlan(c, ctx.body)));
      return planView(ctx.db, ctx.me(), id, clock.today);
    },
  }),
  route({
    method: 'POST',
    url: '/api/work-plans/:id/tasks',
    access: 'workplan.manage',
    summary: '在草稿中添加任务（标题、内容、办理期限、牵头与配合单位）',
    tags: TAGS,
    params: planParams,
    body: addTaskBody,
    response: planDetail,
    status: 201,
    handler: async (ctx) => {
      const clock = ctx.clock();
      const plan = await readablePlan(ctx.db, ctx.me(), ctx.params.id);
      await ctx.tx((c) => cmd.addTask(c, plan, ctx.body));
      return planView(ctx.db, ctx.me(), plan.id, clock.today);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/work-tasks/:id',
    access: 'workplan.manage',
    summary: '删除草稿中的任务（需带 ?version=）',
    tags: TAGS,
    params: taskParams,
    query: removeTaskQuery,
    response: planDetail,
    handler: async (ctx) => {
      const clock = ctx.clock();
      const { plan, task } = await readableTask(ctx.db, ctx.me(), ctx.params.id);
      await ctx.tx((c) => cmd.removeTask(c, plan, task, Number(ctx.query.version)));
      return planView(ctx.db, ctx.me(), plan.id, clock.today);
    },
  }),
  route({
    method: 'POST',
    url: '/api/work-plans/import',
    access: 'workplan.manage',
    summary: '从文件原文切出的数据导入年度工作要点（草稿）',
    tags: TAGS,
    body: importPlanBody,
    response: planDetail,
    status: 201,
    handler: async (ctx) => {
      const clock = ctx.clock();
      const id = await cmd.planTaken(ctx.db, ctx.me(), cmd.importedYear(ctx.body.source), 'source', () => ctx.tx((c) => cmd.importPlan(c, ctx.body)));
      return planView(ctx.db, ctx.me(), id, clock.today);
    },
  }),
  route({
    method: 'GET',
    url: '/api/work-plans/:id',
    access: 'workplan.read',
    summary: '工作要点：任务、承办单位与红黄绿灯（任务 × 单位）',
    tags: TAGS,
    params: planParams,
    query: asOfQuery,
    response: planDetail,
    handler: async (ctx) => planView(ctx.db, ctx.me(), ctx.params.id, viewDay(ctx)),
  }),
  route({
    method: 'GET',
    url: '/api/work-plans/:id/matrix',
    access: 'workplan.read',
    summary: '任务 × 单位矩阵（每格一盏灯）',
    tags: TAGS,
    params: planParams,
    query: asOfQuery,
    response: matrixResponse,
    handler: matrixOf,
  }),
  route({
    method: 'GET',
    url: '/api/work-plans/:id/matrix.xlsx',
    access: 'workplan.read',
    summary: '导出任务 × 单位矩阵（.xlsx，每格一盏灯，A4横向打印）',
    tags: TAGS,
    params: planParams,
    query: asOfQuery,
    raw: true,
    handler: async (ctx) => {
      const m = await matrixOf(ctx);
      const buf = await workplanMatrixXlsx(m);
      return sendDownload(ctx, { entityType: 'work_plan', entityId: m.plan.id }, `${m.plan.year}年工作要点督办矩阵（${m.asOf}）.xlsx`, XLSX_TYPE, buf, buf.length);
    },
  }),
  route({
    method: 'GET',
    url: '/api/work-plans/:id/notice.docx',
    access: 'workplan.notice',
    summary: '导出工作要点落实情况通报（.docx 公文：各任务进展与灯、逾期未报送单位及督办阶段、延期、销号）；印已登记的文号（未登记的印“×××〔年〕×号”），登记文号用同一地址的 POST',
    tags: TAGS,
    params: planParams,
    query: noticeQuery,
    raw: true,
    handler: (ctx) => noticeDownload(ctx, undefined),
  }),
  route({
    method: 'POST',
    url: '/api/work-plans/:id/notice.docx',
    access: 'workplan.notice',
    summary: '登记文号并导出工作要点落实情况通报：{ docNumber } 登记为该期通报的文号（与下载的审计记录同一事务）并印在版头；已登记的同一文号只印不再登记',
    tags: TAGS,
    params: planParams,
    query: noticeQuery,
    body: numberedDownloadBody,
    raw: true,
    handler: (ctx) => noticeDownload(ctx, ctx.body.docNumber),
  }),
  route({
    method: 'POST',
    url: '/api/work-plans/:id/publish',
    access: 'workplan.manage',
    summary: '发布工作要点（发布后冻结，修改须写理由并记为新版本）',
    tags: TAGS,
    params: planParams,
    body: publishPlanBody,
    response: planDetail,
    handler: async (ctx) => {
      const clock = ctx.clock();
      const plan = await readablePlan(ctx.db, ctx.me(), ctx.params.id);
      await ctx.tx((c) => cmd.publishPlan(c, plan, ctx.body.version));
      return planView(ctx.db, ctx.me(), plan.id, clock.today);
    },
  }),
  route({
    method: 'GET',
    url: '/api/work-tasks',
    access: 'workplan.read',
    summary: '本单位的督办任务（承办或汇总的；质强办为本单位发文的全部任务），每项一盏灯',
    tags: TAGS,
    query: asOfQuery,
    response: z.object({ items: z.array(taskRow.extend({ plan: z.object({ id: z.number(), title: z.string(), year: z.number() }), myRole: z.string().nullable() })) }),
    handler: async (ctx) => {
      const u = ctx.me();
      const today = viewDay(ctx);
      const plans = await readablePlans(ctx.db, u);
      return { items: myTaskRows(await loadPlanBundle(ctx.db, plans), plans, u, today) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/work-tasks/:id',
    access: 'workplan.read',
    summary: '督办任务：进展报告时间线、节点、延期、办结、催办督办',
    tags: TAGS,
    params: taskParams,
    query: asOfQuery,
    response: taskDetail,
    handler: async (ctx) => taskView(ctx.db, ctx.me(), ctx.params.id, viewDay(ctx), ctx.clock().today),
  }),
  route({
    method: 'PUT',
    url: '/api/work-tasks/:id',
    access: 'workplan.manage',
    summary: '修改任务（草稿直接修改；已发布的须写理由，记为新版本）',
    tags: TAGS,
    params: taskParams,
    body: updateTaskBody,
    response: taskDetail,
    handler: onTask((c, plan, task, ctx) => cmd.updateTask(c, plan, task, ctx.body as cmd.TaskEdit)),
  }),
  route({
    method: 'POST',
    url: '/api/work-tasks/:id/sign',
    access: 'workplan.read',
    summary: '承办单位签收任务',
    tags: TAGS,
    params: taskParams,
    body: signBody,
    response: taskDetail,
    handler: onTask((c, plan, task, ctx) => cmd.signTask(c, plan, task, (ctx.body as { version: number }).version)),
  }),
  route({
    method: 'PUT',
    url: '/api/work-tasks/:id/reports/:period',
    access: 'workplan.read',
    summary: '保存本单位本期进展（配合单位写分报告，牵头单位写汇总报告）',
    tags: TAGS,
    params: taskPeriodParams,
    body: saveReportBody,
    response: taskDetail,
    handler: onTask((c, plan, task, ctx) => cmd.saveReport(c, plan, task, (ctx.params as { period: string }).period, ctx.body as cmd.ReportInput)),
  }),
  route({
    method: 'POST',
    url: '/api/work-task-reports/:id/submit',
    access: 'workplan.read',
    summary: '报送进展报告',
    tags: TAGS,
    params: reportParams,
    body: submitReportBody,
    response: taskDetail,
    handler: onRow(findReport, '进展报告', (c, plan, task, row, body: z.infer<typeof submitReportBody>) => cmd.submitReport(c, plan, task, row, body.version)),
  }),
  route({
    method: 'POST',
    url: '/api/work-task-reports/:id/return',
    access: 'workplan.read',
    summary: '退回进展报告（牵头单位退回分报告，质强办退回汇总报告），须写理由',
    tags: TAGS,
    params: reportParams,
    body: returnBody,
    response: taskDetail,
    handler: onRow(findReport, '进展报告', (c, plan, task, row, body: z.infer<typeof returnBody>) => cmd.returnReport(c, plan, task, row, body)),
  }),
  route({
    method: 'POST',
    url: '/api/work-tasks/:id/extensions',
    access: 'workplan.read',
    summary: '牵头单位申请延期（期限届满前，写明理由和延期后日期）',
    tags: TAGS,
    params: taskParams,
    body: askExtensionBody,
    response: taskDetail,
    status: 201,
    handler: onTask((c, plan, task, ctx) => cmd.askExtension(c, plan, task, ctx.body as { newDueOn: string; reason: string })),
  }),
  route({
    method: 'POST',
    url: '/api/work-task-extensions/:id/decide',
    access: 'workplan.manage',
    summary: '质强办审批延期申请（原期限留档；可决定仍按原期限判定逾期）',
    tags: TAGS,
    params: extensionParams,
    body: decideExtensionBody,
    response: taskDetail,
    handler: onRow(findExtension, '延期申请', (c, plan, task, row, body: z.infer<typeof decideExtensionBody>) => cmd.decideExtension(c, plan, task, row, body)),
  }),
  route({
    method: 'POST',
    url: '/api/work-tasks/:id/closure',
    access: 'workplan.read',
    summary: '牵头单位申请办结',
    tags: TAGS,
    params: taskParams,
    body: askClosureBody,
    response: taskDetail,
    status: 201,
    handler: onTask((c, plan, task, ctx) => cmd.askClosure(c, plan, task, ctx.body as { version: number; summary: string })),
  }),
  route({
    method: 'POST',
    url: '/api/work-task-closures/:id/decide',
    access: 'workplan.manage',
    summary: '质强办审核办结申请：销号或退回（退回须写理由）',
    tags: TAGS,
    params: closureParams,
    body: decideClosureBody,
    response: taskDetail,
    handler: onRow(findClosure, '办结申请', (c, plan, task, row, body: z.infer<typeof decideClosureBody>) => cmd.decideClosure(c, plan, task, row, body)),
  }),
  route({
    method: 'POST',
    url: '/api/work-tasks/:id/notices',
    access: 'workplan.manage',
    summary: '对逾期未报送的单位催办，宽限期满后下发督办单',
    tags: TAGS,
    params: taskParams,
    body: issueNoticeBody,
    response: taskDetail,
    status: 201,
    handler: onTask((c, plan, task, ctx) => cmd.issueNotice(c, plan, task, ctx.body as { orgId: number; period: string; kind: 'reminder' | 'order'; text?: string })),
  }),
  route({
    method: 'POST',
    url: '/api/work-tasks/:id/milestones',
    access: 'workplan.read',
    summary: '设置任务节点（质强办或牵头单位）',
    tags: TAGS,
    params: taskParams,
    body: milestoneBody,
    response: taskDetail,
    status: 201,
    handler: onTask((c, plan, task, ctx) => cmd.addMilestone(c, plan, task, ctx.body as { title: string; dueOn: string })),
  }),
  route({
    method: 'POST',
    url: '/api/work-tasks/:id/milestones/:milestoneId/done',
    access: 'workplan.read',
    summary: '牵头单位确认节点完成',
    tags: TAGS,
    params: milestoneParams,
    body: milestoneDoneBody,
    response: taskDetail,
    handler: onTask(async (c, plan, task, ctx) => cmd.doneMilestone(c, plan, task, await findMilestone(c.trx, (ctx.params as { milestoneId: number }).milestoneId), (ctx.body as { version: number }).version)),
  }),
  route({
    method: 'PUT',
    url: '/api/work-tasks/:id/milestones/:milestoneId',
    access: 'workplan.read',
    summary: '修改未完成的任务节点（质强办或牵头单位）',
    tags: TAGS,
    params: milestoneParams,
    body: milestoneEditBody,
    response: taskDetail,
    handler: onTask(async (c, plan, task, ctx) => cmd.updateMilestone(c, plan, task, await findMilestone(c.trx, (ctx.params as { milestoneId: number }).milestoneId), ctx.body as z.infer<typeof milestoneEditBody>)),
  }),
  route({
    method: 'DELETE',
    url: '/api/work-tasks/:id/milestones/:milestoneId',
    access: 'workplan.read',
    summary: '删除未完成的任务节点（质强办或牵头单位；需带 ?version=）',
    tags: TAGS,
    params: milestoneParams,
    query: milestoneRemoveQuery,
    response: taskDetail,
    handler: async (ctx) => {
      const { plan, task } = await readableTask(ctx.db, ctx.me(), ctx.params.id);
      await ctx.tx(async (c) => cmd.removeMilestone(c, plan, task, await findMilestone(c.trx, ctx.params.milestoneId), ctx.query.version));
      return taskView(ctx.db, ctx.me(), task.id, ctx.clock().today);
    },
  }),
];
