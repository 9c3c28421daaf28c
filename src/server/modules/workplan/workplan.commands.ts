/**
 * Work plan supervision (issue 13): the changes. One exported function per change, the change context first;
 * each writes its rows and its audit row in the change's transaction. States move through transition() with
 * the workflows of src/shared/workflow/workplan.ts; a stale version is a 409; bad input a 400 naming the field.
 * `today` (YYYY-MM-DD, China time) and `at` (an ISO instant) come from the route's clock.
 */
import { byWhomWhen, recordedChanges } from '../../core/audit';
import { personAt, requesterAt } from '../../core/user-names';
import { dayText } from '../../../shared/deadline';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { saveReportBody } from '../../../shared/contracts/workplan';
import { ESCALATION_LABELS, type AfterSupervision, addDays, closureWaitsForExtension, deadlineRefusal, daysBetween, extensionRefusal, escalationStage, lateReasonAsk, lateReasonKept, lateReasonRefusal, milestoneDateRefusal, noticeText, periodAfterDeadline, planTitleYearRefusal, progressRefusal, TASK_UNIT_KINDS, taskDueOnRefusal, withinRegion } from '../../../shared/workplan/rules';
import { isUnitGroup, workPlanFile, type WorkPlanFile } from '../../../shared/workplan/schema';
import { CLOSURE_WORKFLOW, EXTENSION_WORKFLOW, TASK_REPORT_WORKFLOW, TASK_REPORT_EDITABLE, WORK_PLAN_WORKFLOW, WORK_TASK_WORKFLOW } from '../../../shared/workflow/workplan';
import type { Change } from '../../core/change';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../core/errors';
import { requestDecided, transition } from '../../core/transition';
import { onDuplicate } from '../../db/errors';
import type { Database } from '../../db/schema';
import { REPO_ROOT } from '../../config';
import { consolidatorOf, decideRefusal, passedDeadlineEditRefusal, ownDeadlineRefusal, isConsolidator, leadChangeRefusal, mayImport, pendingOfLead, mayManage, mayPlanMilestones, milestoneDoneRefusal, mayReportOn, maySign, reportReturnRefusal, reportSubmitRefusal, reportingOrgs, supervisionRefusal } from './workplan.policy';
import { approvedDeadlineOf, closureWaitsOf, deadlineOf, duePeriodsOf, extensionLate, lastSubmitted, periodsOf, policyOf, revisionChange } from './workplan.presenter';
import {
  bumpPlanRevision,
  closuresOf,
  deleteMilestoneAt,
  deleteTask,
  deleteTaskUnits,
  extensionsOf,
  insertClosure,
  insertExtension,
  insertMilestone,
  insertNotice,
  insertPlan,
  insertPlanRevision,
  insertReport,
  insertTask,
  insertTaskUnit,
  markMilestoneDone,
  renumberTask,
  setConsolidator,
  signUnit,
  updateMilestoneAt,
  updateReportAt,
  updateTaskAt,
  findPlan,
  findPlanOf,
  milestonesOf,
  noticesOf,
  findTask,
  findClosure,
  findExtension,
  findReport,
  findReportOf,
  lockPlan,
  lockTask,
  orgsByCodes,
  orgNames,
  orgTree,
  orgsByKind,
  reportsOf,
  revisionChangesOf,
  revisionsWithAuthor,
  supervisionIn,
  tasksOf,
  unitsOf,
  type ClosureRow,
  type ExtensionRow,
  type MilestoneRow,
  type PlanRow,
  type ReportRow,
  type TaskRow,
  type UnitRow,
} from './workplan.queries';

export type Schedule = 'monthly' | 'quarterly' | 'half-yearly';
import type { Clock } from '../../core/clock';
export type { Clock };

export function readWorkPlanFile(id: string): WorkPlanFile {
  return workPlanFile.parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/work-plans', `${id}.json`), 'utf8')));
}

/**
 * Inserts a plan file as a draft: its tasks, and each task's units with the groups expanded (各市州 → the 14
 * cities, 各成员单位 → every member department; 相关成员单位 names nobody and stays for the office to fill in).
 * Used by the office's import and by the demo seed. Returns the plan's id.
 */
export async function insertPlanFromFile(db: Kysely<Database>, file: WorkPlanFile, o: { issuerOrgId: number; schedule: Schedule; createdBy: number | null; at: string }): Promise<number> {
  const codes = [...new Set(file.tasks.flatMap((t) => t.units.map((u) => u.ref)).filter((r) => !isUnitGroup(r)))];
  const byCode = new Map((await orgsByCodes(db, codes)).map((r) => [r.code, r.id]));
  const cities = (await orgsByKind(db, 'city')).map((r) => r.id);
  const departments = (await orgsByKind(db, 'department')).map((r) => r.id);
  const { id: planId } = await insertPlan(db, {
    code: file.id,
    year: file.year,
    issuer_org_id: o.issuerOrgId,
    title: file.title,
    schedule: o.schedule,
    source_json: JSON.stringify({ source: file.source, parts: file.parts, warnings: file.warnings, targets: file.targets }),
    created_by: o.createdBy,
    created_at: o.at,
  });
  const partTitle = new Map(file.parts.map((p) => [p.number, p.title]));
  for (const t of file.tasks) {
    const lead = t.units.find((u) => u.role === 'lead');
    const leadId = lead ? (byCode.get(lead.ref) ?? null) : null;
    const { id: taskId } = await insertTask(db, {
      plan_id: planId,
      number: t.number,
      part: t.part,
      part_title: partTitle.get(t.part) ?? '',
      title: t.title,
      text: t.text,
      units_text: t.unitsText,
      lead_org_id: leadId,
      schedule: o.schedule,
      due_on: `${file.year}-12-31`,
    });
    const seen = new Set<number>();
    for (const u of t.units) {
      const ids = u.ref === 'all-cities' ? cities : u.ref === 'all-departments' ? departments : u.ref === 'related-departments' ? [] : [byCode.get(u.ref)!];
      for (const orgId of ids) {
        if (orgId === undefined || seen.has(orgId)) continue;
        seen.add(orgId);
        await insertTaskUnit(db, { task_id: taskId, org_id: orgId, role: orgId === leadId ? 'lead' : u.role, signed_at: null, signed_by: null });
      }
    }
  }
  return planId;
}

export async function importPlan(c: Change, body: { source: 'hunan-2023'; schedule: Schedule }): Promise<number> {
  const { clock } = c;
  const file = readWorkPlanFile(body.source);
  const [issuer] = await orgsByCodes(c.trx, [file.issuer]);
  if (!issuer || !mayImport(c.user, issuer.id)) throw forbidden('该工作要点由省质强办发布，只有省质强办可以导入');
  if (await findPlanOf(c.trx, issuer.id, file.year)) throw await yearPlanned(c.trx, issuer.id, file.year, c.user.id, 'source');
  // a draft of the year made at the same moment: the unique key decides, planTaken() (around the route's transaction) tells the loser
  const id = await insertPlanFromFile(c.trx, file, { issuerOrgId: issuer.id, schedule: body.schedule, createdBy: c.user.id, at: clock.at });
  await c.audit({ action: 'workPlan.import', entityType: 'work_plan', entityId: id, after: { source: file.id, year: file.year, tasks: file.tasks.length, schedule: body.schedule } });
  return id;
}

const stale = (what: string) => conflict(`${what}已被他人修改，请刷新后重试`);

/**
 * 409 once the plan's year's supervision has ended (supervisionRefusal: the plan is a record as of its end), checked
 * after who may act and before anything else; the office's decisions on requests asked before the end do not call it.
 */
async function ensureSupervising(c: Change, plan: PlanRow, action: AfterSupervision): Promise<void> {
  const refusal = supervisionRefusal(await supervisionIn(c.trx, plan, c.clock.today), action);
  if (refusal) throw refusal;
}

export async function publishPlan(c: Change, plan: PlanRow, version: number): Promise<void> {
  const { clock } = c;
  if (!mayManage(c.user, plan)) throw forbidden('只有发文的质强办可以发布工作要点');
  if (plan.version !== version) throw await publishedMeanwhile(c, plan.id);
  if (!(await tasksOf(c.trx, [plan.id])).length) throw badRequest('工作要点还没有任务，请先添加任务再发布');
  await transition(c, { workflow: WORK_PLAN_WORKFLOW, table: 'work_plan', key: { id: plan.id }, from: plan.status, event: 'publish', entityId: plan.id, set: { published_at: clock.at, published_by: c.user.id, revision: 1 }, onStale: () => publishedMeanwhile(c, plan.id) });
}

/**
 * the 409 of a 发布, or of a draft's edit, that found the plan moved: who published it and when — the caller's own other
 * window said so — then `then`, what the caller does now
 */
async function publishedMeanwhile(c: Change, planId: number, then = '请刷新后查看') {
  const now = await findPlan(c.trx, planId);
  if (!now?.published_at) return stale('工作要点');
  return conflict(`该工作要点已由${await personAt(c.trx, now.published_by, now.published_at, c.user.id)}发布，${then}`);
}

export interface TaskEdit {
  version: number;
  title?: string;
  text?: string;
  part?: string;
  partTitle?: string;
  dueOn?: string;
  schedule?: Schedule;
  units?: { orgId: number; role: 'lead' | 'cooperating' | 'responsible' }[];
  reason?: string;
}

/** A task's units are real units, each once, with one lead (or all 按职责分工负责); returns the lead (null: none). */
async function checkUnits(c: Change, plan: PlanRow, units: NonNullable<TaskEdit['units']>): Promise<number | null> {
  const ids = units.map((u) => u.orgId);
  if (new Set(ids).size !== ids.length) throw badRequest('承办单位有重复', [{ field: 'units', message: '同一单位只能出现一次' }]);
  const tree = await orgTree(c.trx);
  const issuer = tree.get(plan.issuer_org_id);
  const region = issuer?.parent_id !== null && issuer?.parent_id !== undefined ? tree.get(issuer.parent_id) : undefined;
  for (const [k, u] of units.entries()) {
    const org = tree.get(u.orgId);
    if (!org) throw badRequest(`承办单位第${k + 1}项不存在`, [{ field: `units.${k}.orgId`, message: '单位不存在' }]);
    // a unit that exists but carries no task (the province itself): said as what it is, not as missing
    if (!TASK_UNIT_KINDS.includes(org.kind)) {
      throw badRequest(`承办单位第${k + 1}项（${org.name}）不能承办任务：承办单位须为成员单位、市州、县市区或质强办`, [{ field: `units.${k}.orgId`, message: '该单位不能承办任务' }]);
    }
    if (region && !withinRegion(org.id, region.id, (id) => tree.get(id)?.parent_id)) {
      throw badRequest(`承办单位第${k + 1}项（${org.name}）不在${region.name}范围内：${issuer!.short_name ?? issuer!.name}的工作要点只能由${region.name}及其所属单位承办`, [{ field: `units.${k}.orgId`, message: `请选择${region.name}范围内的单位` }]);
    }
  }
  const leads = units.filter((u) => u.role === 'lead');
  if (leads.length > 1) throw badRequest('一项任务只能有一个牵头单位', [{ field: 'units', message: '牵头单位多于一个' }]);
  if (!leads.length && !units.some((u) => u.role === 'responsible')) throw badRequest('请指定牵头单位，或将各单位设为按职责分工负责', [{ field: 'units', message: '缺少牵头单位' }]);
  return leads[0]?.orgId ?? null;
}

/** 400 when a task's 办理期限 lies outside its plan's year (taskDueOnRefusal) */
function checkDueOn(plan: PlanRow, dueOn: string): void {
  const refusal = taskDueOnRefusal(plan.year, dueOn);
  if (refusal) throw badRequest(refusal.message, [{ field: refusal.field, message: `须在${plan.year}年内` }]);
}

/**
 * The 409 of a second plan of an office's year: the plan there, who made it (新建, or 导入 from a seed's file) and when
 * (您在其他窗口 when it was the caller), read through `db`; `field` is the request's field it answers (a draft's year, an import's source).
 */
async function yearPlanned(db: Kysely<Database>, issuerOrgId: number, year: number, me: number, field: 'year' | 'source') {
  const plan = await findPlanOf(db, issuerOrgId, year);
  const by = plan?.created_by != null ? `，已由${await personAt(db, plan.created_by, plan.created_at, me)}${plan.code ? '导入' : '新建'}` : '';
  return conflict(`本单位${year}年度已有工作要点${by}，请刷新后查看`, undefined, [{ field, message: '该年度已有工作要点' }]);
}

/**
 * A draft that passed createPlan's check while another draft of the office's year, not yet committed, was being made
 * (a colleague, or the caller's other window): the unique key work_plan_issuer_year refused it (its transaction is
 * gone, nothing of it saved) and the 409 names the plan that won, read after the fact. Wraps the route's ctx.tx.
 */
export const planTaken = <T>(
  db: Kysely<Database>,
  me: { id: number; orgUnitId: number },
  year: number,
  field: 'year' | 'source',
  work: () => Promise<T>,
): Promise<T> => onDuplicate(work, () => yearPlanned(db, me.orgUnitId, year, me.id, field));

/** the year of the plan a seed's file holds (what importPlan would make), for planTaken around the import */
export const importedYear = (source: 'hunan-2023'): number => readWorkPlanFile(source).year;

/** A quality office writes its own year's plan (a city office for its city): a draft with no task yet. */
export async function createPlan(c: Change, body: { year: number; title: string; schedule: Schedule }): Promise<number> {
  const { clock } = c;
  if (c.user.org.kind !== 'office') throw forbidden('只有质强办可以编写工作要点');
  const titleYear = planTitleYearRefusal(body.year, body.title);
  if (titleYear) throw badRequest(titleYear.message, [titleYear]);
  if (await findPlanOf(c.trx, c.user.orgUnitId, body.year)) throw await yearPlanned(c.trx, c.user.orgUnitId, body.year, c.user.id, 'year');
  // two drafts of the year at once: the unique key decides, planTaken() (around the route's transaction) tells the loser
  const { id } = await insertPlan(c.trx, {
    code: null,
    year: body.year,
    issuer_org_id: c.user.orgUnitId,
    title: body.title,
    schedule: body.schedule,
    source_json: JSON.stringify({ source: null, parts: [], warnings: [], targets: null }),
    created_by: c.user.id,
    created_at: clock.at,
  });
  await c.audit({ action: 'workPlan.create', entityType: 'work_plan', entityId: id, after: body });
  return id;
}

/** The issuing office adds a task to its draft (numbered after the last); a published plan changes only by revising a task. */
export async function addTask(c: Change, plan: PlanRow, body: { title: string; text: string; dueOn: string; units: NonNullable<TaskEdit['units']> }): Promise<number> {
  if (!mayManage(c.user, plan)) throw forbidden('只有发文的质强办可以添加任务');
  // the plan as it stands under its lock: tasks added at the same moment take the next numbers in turn (not one number
  // twice, a unique-key failure), and none is added to a plan published meanwhile
  if ((await lockPlan(c.trx, plan.id))?.status !== 'draft') throw conflict('工作要点已发布，不能再添加任务；如需调整，请修改已有任务并写明理由');
  checkDueOn(plan, body.dueOn);
  const leadId = await checkUnits(c, plan, body.units);
  const tasks = await tasksOf(c.trx, [plan.id]);
  // a double click or a second window adds the same task twice: read under the plan's lock, the first one is seen
  const same = tasks.find((t) => t.title === body.title && t.text === body.text);
  if (same) {
    const [added] = await recordedChanges(c.trx, 'work_task', same.id, { action: 'workTask.create' });
    throw conflict(`工作要点中已有内容相同的第${same.number}项任务「${same.title}」${added ? `，已由${byWhomWhen(added, c.user.id)}添加` : ''}，无需重复添加`);
  }
  const number = tasks.reduce((n, t) => Math.max(n, t.number), 0) + 1;
  const { id } = await insertTask(c.trx, { plan_id: plan.id, number, part: '一', part_title: '', title: body.title, text: body.text, units_text: '', lead_org_id: leadId, schedule: plan.schedule, due_on: body.dueOn });
  for (const u of body.units) await insertTaskUnit(c.trx, { task_id: id, org_id: u.orgId, role: u.role, signed_at: null, signed_by: null });
  await c.audit({ action: 'workTask.create', entityType: 'work_task', entityId: id, after: { planId: plan.id, number, ...body } });
  return id;
}

/** A draft's task can be taken out again (nothing has been reported on a draft). */
export async function removeTask(c: Change, plan: PlanRow, task: TaskRow, version: number): Promise<void> {
  if (!mayManage(c.user, plan)) throw forbidden('只有发文的质强办可以删除任务');
  if ((await lockPlan(c.trx, plan.id))?.status !== 'draft') throw conflict('工作要点已发布，任务不能删除');
  // the task as it stands under the plan's lock: one taken out meanwhile moved it up (a new version), or took it
  const now = await findTask(c.trx, task.id);
  if (!now || now.version !== version) throw stale('该任务');
  task = now;
  await deleteTask(c.trx, task.id);
  // the tasks after it move up one (a plan is numbered 1..n, as its documents and to-dos cite 第n项), in order so that no
  // number is held twice; each moved task is a new version, so a form still open on it is told to reload
  const after = (await tasksOf(c.trx, [plan.id])).filter((t) => t.number > task.number).sort((a, b) => a.number - b.number);
  for (const t of after) {
    await renumberTask(c.trx, t.id, t.number - 1);
    // each moved task's own history says why its number (and version) changed: a form open on it is told by whom
    await c.audit({ action: 'workTask.renumber', entityType: 'work_task', entityId: t.id, before: { number: t.number }, after: { number: t.number - 1, removedTaskId: task.id } });
  }
  await c.audit({ action: 'workTask.remove', entityType: 'work_task', entityId: task.id, before: { planId: plan.id, number: task.number, title: task.title }, after: after.length ? { renumbered: after.map((t) => ({ taskId: t.id, from: t.number, to: t.number - 1 })) } : undefined });
}

/** what a task holds that an edit changes (the audit's and the revision's before / after) */
const editable = (t: TaskRow) => ({ title: t.title, text: t.text, part: t.part, partTitle: t.part_title, dueOn: t.due_on, schedule: t.schedule, leadOrgId: t.lead_org_id });

/** a stale task version: a 409 carrying the task as it now stands, so the form can show the other person's change */
async function staleTask(c: Change, taskId: number) {
  const now = await findTask(c.trx, taskId);
  const units = now ? (await unitsOf(c.trx, [taskId])).map((u) => ({ orgId: u.org_id, role: u.role })) : [];
  // who changed it last and when (您在其他窗口 when it was the caller), from the task's own latest audit row
  const [last] = await recordedChanges(c.trx, 'work_task', taskId, { family: 'workTask' });
  const by = last ? `已由${byWhomWhen(last, c.user.id)}${last.action === 'workTask.renumber' ? '调整序号（前面的任务删除）' : '修改'}` : '已被他人修改';
  return conflict(`该任务${by}，已载入最新内容，请核对后再保存`, now ? { version: now.version, ...editable(now), units } : null);
}

/** A draft is edited freely; a published plan only with a reason, which makes a new revision of the plan. */
export async function updateTask(c: Change, plan: PlanRow, task: TaskRow, body: TaskEdit): Promise<void> {
  const { clock } = c;
  if (!mayManage(c.user, plan)) throw forbidden('只有发文的质强办可以修改工作要点');
  // the plan as it stands under its lock (发布 moves it; addTask and removeTask take it too): a draft published since the
  // editor's page was read is not changed as a draft (no reason, no revision) — the editor is told who published it
  if ((await lockPlan(c.trx, plan.id))?.status !== plan.status) throw await publishedMeanwhile(c, plan.id, `您对第${task.number}项任务的修改未保存；已发布的工作要点修改须填写理由，请刷新后重新提交`);
  if (task.status === 'closed') throw conflict('该任务已销号，不能再修改');
  if (task.version !== body.version) throw await staleTask(c, task.id);
  const published = plan.status === 'published';
  if (published && !body.reason) throw badRequest('工作要点已发布，修改须填写理由（将记为新版本）', [{ field: 'reason', message: '请填写修改理由' }]);
  const leadId = body.units ? await checkUnits(c, plan, body.units) : task.lead_org_id;
  // a deadline set before the rule (outside the year) stays until it is changed
  const dueOn = body.dueOn ?? task.due_on;
  if (dueOn !== task.due_on) checkDueOn(plan, dueOn);
  const taskExtensions = dueOn !== task.due_on || leadId !== task.lead_org_id ? await extensionsOf(c.trx, [task.id]) : [];
  if (dueOn !== task.due_on) {
    const passed = published ? passedDeadlineEditRefusal(deadlineOf(task, taskExtensions), clock.today) : null;
    if (passed) throw conflict(passed.message, undefined, [passed]);
  }
  // the office does not move its own task's deadline later by itself — nor back up to where an earlier edit took it
  // from, nor by taking the lead of a task whose deadline was moved later while a department led it: it asks, a
  // colleague approves
  if (published && (dueOn !== task.due_on || leadId !== task.lead_org_id)) {
    const approved = approvedDeadlineOf(task, await revisionChangesOf(c.trx, plan.id), taskExtensions);
    const own = ownDeadlineRefusal(plan, task, leadId, { inForce: deadlineOf(task, taskExtensions), approved, next: deadlineOf({ ...task, due_on: dueOn }, taskExtensions) });
    if (own) throw own;
  }
  if (dueOn !== task.due_on) {
    const open = (await milestonesOf(c.trx, [task.id])).filter((m) => m.done_at === null).map((m) => ({ title: m.title, dueOn: m.due_on }));
    const refusal = deadlineRefusal(deadlineOf({ ...task, due_on: dueOn }, taskExtensions), open);
    if (refusal) throw badRequest(refusal.message, [refusal]);
  }
  // the reports already made are filed under the schedule's periods ('2023-H1'): another schedule would leave them
  // outside every period, so the last progress, the lights and the 通报 would stop counting them
  if (published && body.schedule !== undefined && body.schedule !== task.schedule) {
    throw conflict('工作要点已发布，报送周期不能修改：已报送的进展按原周期计，改周期会使其不再计入', undefined, [{ field: 'schedule', message: '已发布的任务不能修改报送周期' }]);
  }
  if (leadId !== task.lead_org_id) {
    // the task as it stands under its lock (申请延期 takes it too, 申请办结 moves it): a request sent meanwhile is seen
    const locked = (await lockTask(c.trx, task.id)) ?? task;
    const closures = await closuresOf(c.trx, [task.id]);
    const extensions = await extensionsOf(c.trx, [task.id]);
    const names = await orgNames(c.trx, [...closures, ...extensions].map((x) => x.org_id));
    const refusal = leadChangeRefusal(plan, locked, leadId, pendingOfLead(locked, closures, extensions, (id) => names.get(id)));
    if (refusal) throw refusal;
  }
  const set = {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.text !== undefined ? { text: body.text } : {}),
    ...(body.part !== undefined ? { part: body.part } : {}),
    ...(body.partTitle !== undefined ? { part_title: body.partTitle } : {}),
    ...(body.dueOn !== undefined ? { due_on: body.dueOn } : {}),
    ...(body.schedule !== undefined ? { schedule: body.schedule } : {}),
    lead_org_id: leadId,
  };
  const before = editable(task);
  const after = { ...before, ...(body.title !== undefined ? { title: body.title } : {}), ...(body.text !== undefined ? { text: body.text } : {}), ...(body.part !== undefined ? { part: body.part } : {}), ...(body.partTitle !== undefined ? { partTitle: body.partTitle } : {}), ...(body.dueOn ? { dueOn: body.dueOn } : {}), ...(body.schedule ? { schedule: body.schedule } : {}), leadOrgId: leadId };
  const unitKey = (us: readonly { orgId: number; role: string }[]) => JSON.stringify([...us].map((u) => `${u.orgId}:${u.role}`).sort());
  const unitsBefore = (await unitsOf(c.trx, [task.id])).map((u) => ({ orgId: u.org_id, role: u.role }));
  // a new revision of a published plan records a change: one that changes nothing is refused, not versioned
  if (published && JSON.stringify(before) === JSON.stringify(after) && (!body.units || unitKey(body.units) === unitKey(unitsBefore))) {
    throw badRequest('没有修改任何内容：已发布的工作要点只在内容确有修改时记为新版本', [{ field: 'reason', message: '没有修改任何内容' }]);
  }
  if (!(await updateTaskAt(c.trx, task.id, body.version, set))) throw await staleTask(c, task.id);
  let unitChange: { before: unknown; after: unknown } | null = null;
  if (body.units && unitKey(body.units) !== unitKey(unitsBefore)) {
    const rows = await unitsOf(c.trx, [task.id]);
    // a unit kept on the task keeps its 签收 (who and when)
    const keep = new Map(rows.map((u) => [u.org_id, u]));
    await deleteTaskUnits(c.trx, task.id);
    for (const u of body.units) {
      const old = keep.get(u.orgId);
      await insertTaskUnit(c.trx, { task_id: task.id, org_id: u.orgId, role: u.role, signed_at: old?.signed_at ?? null, signed_by: old?.signed_by ?? null });
    }
    unitChange = { before: unitsBefore, after: body.units };
  }
  if (leadId !== task.lead_org_id) await markConsolidated(c, plan, { ...task, lead_org_id: leadId });
  if (published) {
    const revision = plan.revision + 1;
    if (!(await bumpPlanRevision(c.trx, plan.id, plan.revision))) throw await revisedMeanwhile(c, plan.id, task.number);
    await insertPlanRevision(c.trx, { plan_id: plan.id, revision, reason: body.reason!, change_json: JSON.stringify({ taskId: task.id, number: task.number, before, after, units: unitChange }), created_by: c.user.id, created_at: clock.at });
    await c.audit({ action: 'workPlan.revise', entityType: 'work_plan', entityId: plan.id, before: { revision: plan.revision, task: before }, after: { revision, task: after, reason: body.reason } });
  } else {
    await c.audit({ action: 'workTask.update', entityType: 'work_task', entityId: task.id, before, after: { ...after, ...(unitChange ? { units: unitChange.after } : {}) } });
  }
}

/**
 * The 409 of a revision of a published plan that lost to another revision (of any of its tasks: each moves the plan's
 * revision): who revised the plan and when, from its latest workPlan.revise audit row read after the miss; this task was
 * not changed (the transaction rolls back), so the user is asked to submit it again.
 */
async function revisedMeanwhile(c: Change, planId: number, number: number) {
  const [last] = await recordedChanges(c.trx, 'work_plan', planId, { action: 'workPlan.revise' });
  const mine = `您对第${number}项任务的修改未保存，请刷新后重新提交`;
  return conflict(last ? `工作要点已由${byWhomWhen(last, c.user.id)}修改，${mine}` : `工作要点已被他人修改，${mine}`);
}

/**
 * A change of lead moves the consolidated report with it: each report of the task is the consolidated one when its
 * unit now consolidates (the new lead's earlier reports; the former lead's become sub-reports), so the office returns
 * the new lead's, the new lead returns the former lead's, and the cooperating units read the new lead's.
 */
async function markConsolidated(c: Change, plan: PlanRow, task: TaskRow): Promise<void> {
  const consolidator = consolidatorOf(plan, task);
  const moved = (await reportsOf(c.trx, [task.id])).filter((r) => r.consolidated !== (r.org_id === consolidator ? 1 : 0));
  if (!moved.length) return;
  await setConsolidator(c.trx, task.id, consolidator);
  await c.audit({ action: 'taskReport.reconsolidate', entityType: 'work_task', entityId: task.id, after: { consolidatorOrgId: consolidator, reports: moved.map((r) => ({ reportId: r.id, orgId: r.org_id, period: r.period, consolidated: r.org_id === consolidator })) } });
}

/**
 * Reporting on a task is receiving it: a unit that saves its report before it signed (签收) signs by it, recorded
 * with who and when and audited as a 签收 (by 报送进展), so its 签收 to-do goes. A unit that is not on the task's list
 * (the office consolidating a task nobody leads) has nothing to sign.
 */
async function signByReporting(c: Change, task: TaskRow): Promise<void> {
  const unit = (await unitsOf(c.trx, [task.id])).find((u) => u.org_id === c.user.orgUnitId);
  // signed meanwhile by a colleague: that 签收 stands
  if (unit && unit.signed_at === null) await recordSign(c, task, unit, null, '报送进展');
}

export async function signTask(c: Change, plan: PlanRow, task: TaskRow, version: number): Promise<void> {
  const mine = (units: UnitRow[]) => units.find((u) => u.org_id === c.user.orgUnitId);
  if (!mine(await unitsOf(c.trx, [task.id]))) throw forbidden('本单位不是该任务的承办单位');
  await ensureSupervising(c, plan, 'sign');
  // the task and its units as they stand under the task's lock (a save rewrites the units, a 销号 closes the task, a
  // 报送 signs by reporting): the 签收 is decided after those, never beside them, so none of them undoes it
  task = (await lockTask(c.trx, task.id)) ?? task;
  const unit = mine(await unitsOf(c.trx, [task.id]));
  if (!unit) throw await unitRemoved(c, plan, task);
  if (unit.signed_at !== null) throw await signedBy(c, unit);
  // a task 销号 is a record: nobody signs for it any more (its 签收 to-do is gone with it)
  if (task.status === 'closed') throw await closedBy(c, task, '签收');
  if (!maySign(c.user, plan, task, unit)) throw forbidden('工作要点发布后，承办单位才能签收任务');
  // signed meanwhile (a colleague at the same moment): who signed and when, read after the miss
  const signedMeanwhile = async () => {
    const now = (await unitsOf(c.trx, [task.id])).find((u) => u.id === unit.id);
    return now?.signed_at ? signedBy(c, now) : stale('签收状态');
  };
  if (unit.version !== version) throw await signedMeanwhile();
  if (!(await recordSign(c, task, unit, version))) throw await signedMeanwhile();
}

/** the 409 of a change on a task 销号 meanwhile: who accepted its closure and when */
async function closedBy(c: Change, task: TaskRow, verb: string) {
  const accepted = (await closuresOf(c.trx, [task.id])).filter((x) => x.status === 'accepted' && x.decided_at !== null).at(-1);
  return conflict(accepted ? `该任务已由${await personAt(c.trx, accepted.decided_by, accepted.decided_at!, c.user.id)}销号，不能再${verb}` : `该任务已销号，不能再${verb}`);
}

/** the 409 of a 签收 by a unit a revision of the task took off it meanwhile: who revised the task, when and why */
async function unitRemoved(c: Change, plan: PlanRow, task: TaskRow) {
  const revision = (await revisionsWithAuthor(c.trx, plan.id)).find((r) => revisionChange(r).taskId === task.id);
  if (!revision) return conflict('本单位已不是该任务的承办单位，请刷新后查看');
  return conflict(`该任务已由${await personAt(c.trx, revision.created_by, revision.created_at, c.user.id)}修改（修改理由：${revision.reason}），本单位已不是该任务的承办单位，请刷新后查看`);
}

/** the 409 of a 签收 already made: who signed for the unit and when */
async function signedBy(c: Change, unit: UnitRow) {
  return conflict(`本单位已由${await personAt(c.trx, unit.signed_by, unit.signed_at, c.user.id)}签收该任务`);
}

/** writes a unit's 签收 (at the version given, or whatever it is) and its audit row; false when someone got there first */
async function recordSign(c: Change, task: TaskRow, unit: UnitRow, version: number | null, by?: string): Promise<boolean> {
  const { clock } = c;
  if (!(await signUnit(c.trx, unit.id, version, c.user.id, clock.at))) return false;
  await c.audit({ action: 'workTask.sign', entityType: 'work_task_unit', entityId: unit.id, after: { taskId: task.id, orgId: unit.org_id, role: unit.role, ...(by ? { by } : {}) } });
  return true;
}

function ensureOpenTask(task: TaskRow, verb: string) {
  if (task.status === 'closed') throw conflict(`该任务已销号，不能再${verb}`);
  if (task.status === 'closing') throw conflict(`该任务已申请办结，待质强办审核，暂不能${verb}`);
}

export type ReportInput = z.infer<typeof saveReportBody>;

/**
 * A progress report's stored columns from its body, once the progress rule passed (no lower progress than `previous`
 * without a reason): the work plan's task reports and the 整改事项 reports share the shape and the rule.
 */
export function reportValues(body: ReportInput, previous: number | null, userId: number, at: string) {
  const refusal = progressRefusal({ previous, next: body.progress, reason: body.progressReason });
  if (refusal) throw badRequest(refusal.message, [refusal]);
  return {
    progress: body.progress,
    progress_reason: body.progressReason?.trim() || null,
    text: body.text,
    problems: body.problems?.trim() || null,
    next_steps: body.nextSteps?.trim() || null,
    updated_by: userId,
    updated_at: at,
  };
}

/**
 * The 409 of a report save at a version that moved since the page was read: who saved it and when (您在其他窗口 when it
 * was the caller), as every other lost save says it — the report read afresh; 他人 when it cannot be read.
 */
async function reportSavedMeanwhile(c: Change, taskId: number, period: string, label: string): Promise<AppError> {
  const now = await findReportOf(c.trx, taskId, c.user.orgUnitId, period);
  if (!now) return stale('该进展报告');
  const by = await personAt(c.trx, now.updated_by, now.updated_at, c.user.id);
  return conflict(`本单位${label}的进展报告在您打开后已由${by}保存，请刷新后核对内容再修改`, { version: now.version });
}

/** Saves the caller's unit's report for a period (a draft, or a returned one being corrected). */
export async function saveReport(c: Change, plan: PlanRow, task: TaskRow, period: string, body: ReportInput): Promise<number> {
  const { clock } = c;
  const units = await unitsOf(c.trx, [task.id]);
  if (!mayReportOn(c.user, plan, task, units)) throw forbidden('只有该任务的承办单位可以报送进展');
  await ensureSupervising(c, plan, 'report');
  // the task as it stands under its lock (申请办结 takes it too): a closure asked meanwhile is seen
  ensureOpenTask((await lockTask(c.trx, task.id)) ?? task, '报送进展');
  const p = periodsOf(plan, task).find((x) => x.code === period);
  if (!p) throw badRequest(`报送期次${period}不在该任务的报送周期内`, [{ field: 'period', message: '期次不存在' }]);
  if (p.startOn > clock.today) throw badRequest(`${p.label}尚未开始，不能报送`, [{ field: 'period', message: '期次尚未开始' }]);
  const afterDeadline = periodAfterDeadline(p, deadlineOf(task, await extensionsOf(c.trx, [task.id])));
  if (afterDeadline) throw badRequest(afterDeadline.message, [afterDeadline]);
  const existing = await findReportOf(c.trx, task.id, c.user.orgUnitId, period);
  if (existing && !TASK_REPORT_EDITABLE.includes(existing.status)) throw conflict(`${p.label}的进展已报送；如需修改，请由审核单位退回后再改`);
  if ((existing?.version ?? 0) !== body.version) throw await reportSavedMeanwhile(c, task.id, period, p.label);
  const reports = await reportsOf(c.trx, [task.id]);
  const earlier = lastSubmitted(plan, task, reports, c.user.orgUnitId, period);
  const previous = Math.max(earlier?.progress ?? -1, existing?.submitted_at ? existing.progress : -1);
  const values = reportValues(body, previous < 0 ? null : previous, c.user.id, clock.at);
  // the reply to a 督办单 says why it is late (required then; given of the unit's accord when late, kept; else none)
  const lateness = { dueOn: p.dueOn, today: clock.today, notices: await noticeKindsOf(c, task, c.user.orgUnitId, period), periodLabel: p.label, lateReason: body.lateReason };
  const noReason = lateReasonRefusal(lateness);
  if (noReason) throw badRequest(noReason.message, [noReason]);
  const late_reason = lateReasonKept(lateReasonAsk(lateness), body.lateReason);
  let id: number;
  if (existing) {
    if (!(await updateReportAt(c.trx, existing.id, body.version, { ...values, late_reason }))) throw await reportSavedMeanwhile(c, task.id, period, p.label);
    id = existing.id;
  } else {
    const consolidated = c.user.orgUnitId === consolidatorOf(plan, task) ? 1 : 0;
    ({ id } = await onDuplicate(
      () => insertReport(c.trx, { ...values, late_reason, task_id: task.id, org_id: c.user.orgUnitId, period, consolidated }),
      // a first save committed meanwhile (the unique key; on PostgreSQL this transaction is gone, so nothing is read)
      () => conflict(`本单位${p.label}的进展报告已由本单位其他人员（或您在其他窗口）同时新建，请刷新后在其基础上修改`),
    ));
  }
  await signByReporting(c, task);
  await c.audit({ action: 'taskReport.save', entityType: 'work_task_report', entityId: id, before: existing ? { progress: existing.progress, text: existing.text, ...(existing.late_reason ? { lateReason: existing.late_reason } : {}) } : undefined, after: { taskId: task.id, period, progress: body.progress, progressReason: values.progress_reason, ...(late_reason || existing?.late_reason ? { lateReason: late_reason } : {}) } });
  return id;
}

/** the kinds of notice (催办, 督办单) the office issued to a unit for a period of a task */
async function noticeKindsOf(c: Change, task: TaskRow, orgId: number, period: string): Promise<string[]> {
  return (await noticesOf(c.trx, [task.id])).filter((n) => n.org_id === orgId && n.period === period).map((n) => n.kind);
}

export async function submitReport(c: Change, plan: PlanRow, task: TaskRow, report: ReportRow, version: number): Promise<void> {
  const { clock } = c;
  const refused = reportSubmitRefusal(c.user, plan, task, report, await unitsOf(c.trx, [task.id]));
  if (refused) throw refused;
  await ensureSupervising(c, plan, 'report');
  // the task as it stands under its lock (申请办结 takes it too and then reads the reports): a report is in before the
  // request or refused, never reported onto a task 待销号
  ensureOpenTask((await lockTask(c.trx, task.id)) ?? task, '报送进展');
  if (report.version !== version) throw await reportChanged(c, report.id);
  // a draft saved before the 督办单 came is not reported without the 逾期原因 it asks for
  const p = periodsOf(plan, task).find((x) => x.code === report.period);
  const noReason = p && lateReasonRefusal({ dueOn: p.dueOn, today: clock.today, notices: await noticeKindsOf(c, task, report.org_id, report.period), periodLabel: p.label, lateReason: report.late_reason });
  if (noReason) throw badRequest(noReason.message, [noReason]);
  // at the version the sender saw: a save made meanwhile (a draft stays a draft) is not submitted unseen, it is a 409
  await transition(c, { workflow: TASK_REPORT_WORKFLOW, table: 'work_task_report', key: { id: report.id, version }, from: report.status, event: 'submit', entityId: report.id, set: { submitted_at: clock.at, submitted_by: c.user.id }, detail: { taskId: task.id, period: report.period, progress: report.progress, ...(report.late_reason ? { lateReason: report.late_reason } : {}) }, onStale: () => reportChanged(c, report.id) });
}

/**
 * The 409 of a 报送 or 退回 on a version no longer current, about the report as it now stands, read after the miss so it
 * sees the change that won: reported meanwhile (by whom, when), sent back (by whom, when: the 退回's audit row), or saved
 * again (by whom, when) — what was about to be reported or sent back is not what the report says now, so the sender
 * looks at it first.
 */
async function reportChanged(c: Change, reportId: number, doing: 'submit' | 'return' = 'submit') {
  const now = await findReport(c.trx, reportId);
  if (!now) return notFound('进展报告不存在');
  if (now.status === 'submitted') {
    const by = await personAt(c.trx, now.submitted_by, now.submitted_at, c.user.id);
    if (doing === 'return') return conflict(`该进展报告在您打开后又由${by}重新报送，请刷新后核对内容再决定是否退回`);
    return conflict(`该进展报告已由${by}报送，无需再次报送`);
  }
  if (now.status === 'returned' && doing === 'return') {
    const [back] = await recordedChanges(c.trx, 'work_task_report', now.id, { action: 'taskReport.return' });
    if (back) return conflict(`该进展报告已由${byWhomWhen(back, c.user.id)}退回，无需再次退回`);
  }
  return conflict(`该进展报告在您打开后又有修改（${await personAt(c.trx, now.updated_by, now.updated_at, c.user.id)}保存），请刷新后核对内容再${doing === 'return' ? '退回' : '报送'}`);
}

export async function returnReport(c: Change, plan: PlanRow, task: TaskRow, report: ReportRow, body: { version: number; reason: string }): Promise<void> {
  // the page's 退回 (abilities.return) is this refusal: 404 (a report the caller may not read) and 403 first, then the version, then the task's and report's state
  const supervision = await supervisionIn(c.trx, plan, c.clock.today);
  const forbids = reportReturnRefusal(c.user, plan, task, report, supervision);
  if (forbids && forbids.status !== 409) throw forbids;
  // the task as it stands under its lock (申请办结 takes it too): a closure asked meanwhile is seen, and one asked after
  // waits for this 退回 and sees the report returned — never a task 待销号 on a returned 汇总 report
  const locked = (await lockTask(c.trx, task.id)) ?? task;
  if (report.version !== body.version) throw await reportChanged(c, report.id, 'return');
  const refusal = reportReturnRefusal(c.user, plan, locked, report, supervision);
  if (refusal) throw refusal;
  // at the version the returner saw: a report returned meanwhile (or returned and reported again) is a 409 saying so
  await transition(c, { workflow: TASK_REPORT_WORKFLOW, table: 'work_task_report', key: { id: report.id, version: body.version }, from: report.status, event: 'return', entityId: report.id, set: { return_reason: body.reason, returned_at: c.clock.at, returned_by: c.user.id }, onStale: () => reportChanged(c, report.id, 'return') });
}

export async function askExtension(c: Change, plan: PlanRow, task: TaskRow, body: { newDueOn: string; reason: string }): Promise<number> {
  const { clock } = c;
  const leads = (t: TaskRow) => isConsolidator(c.user, plan, t) && plan.status === 'published';
  if (!leads(task)) throw forbidden('只有牵头单位可以申请延期');
  await ensureSupervising(c, plan, 'extension');
  // everything decided on is read under the task's lock: requests sent at once see each other (one pending at a time),
  // a task that asked to close or was closed meanwhile takes none, and a deadline or lead revised meanwhile is the one
  // judged (the task the route loaded before the transaction may be older)
  task = (await lockTask(c.trx, task.id)) ?? task;
  if (!leads(task)) throw forbidden('只有牵头单位可以申请延期');
  ensureOpenTask(task, '申请延期');
  const extensions = await extensionsOf(c.trx, [task.id]);
  // one pending at a time: a second asker (a colleague at the same moment, or a form left open) is told whose request waits
  const pending = extensions.find((e) => e.status === 'pending');
  if (pending) {
    throw conflict(`该任务已由${await requesterAt(c.trx, pending.created_by, pending.created_at, c.user.id)}申请延期至${pending.new_due_on}，待质强办审批`, undefined, [{ field: 'newDueOn', message: '已有延期申请待审批' }]);
  }
  const deadline = deadlineOf(task, extensions);
  // past the deadline the lead may still ask (逾期申请延期): the request is marked late by its dates (extensionLate)
  const refusal = extensionRefusal({ today: clock.today, deadline, newDueOn: body.newDueOn, reason: body.reason, lateAllowed: true });
  if (refusal) throw badRequest(refusal.message, [refusal]);
  const { id } = await insertExtension(c.trx, { task_id: task.id, org_id: c.user.orgUnitId, from_due_on: deadline, new_due_on: body.newDueOn, reason: body.reason, created_by: c.user.id, created_at: clock.at });
  await c.audit({ action: 'workExtension.ask', entityType: 'work_task_extension', entityId: id, after: { taskId: task.id, originalDueOn: task.due_on, fromDueOn: deadline, newDueOn: body.newDueOn, reason: body.reason, late: clock.today > deadline } });
  return id;
}

export async function decideExtension(c: Change, plan: PlanRow, task: TaskRow, ext: ExtensionRow, body: { version: number; approve: boolean; reason?: string; judgeAgainstOriginal: boolean }): Promise<void> {
  const { clock } = c;
  // the office decides, never the person who asked (403 before the version and the body)
  const refusal = decideRefusal(c.user, plan, 'extension', ext);
  if (refusal) throw refusal;
  if (!body.approve && !body.reason) throw badRequest('不同意延期须写明理由', [{ field: 'reason', message: '请填写审批意见' }]);
  // decided meanwhile: the loser is told who decided, how and when (the request read after the miss)
  const decided = async () => requestDecided(c.trx, '延期申请', EXTENSION_WORKFLOW, await findExtension(c.trx, ext.id), c.user.id);
  if (ext.version !== body.version || ext.status !== 'pending') throw await decided();
  if (body.approve) {
    // the deadline as it stands under the task's lock: the office may have moved the task's 办理期限 since the request
    // was sent, to the date asked for or past it; approving would then move nothing, while the record would say the
    // task was extended from a 原期限 it no longer has
    const locked = (await lockTask(c.trx, task.id)) ?? task;
    const inForce = deadlineOf(locked, (await extensionsOf(c.trx, [task.id])).filter((e) => e.id !== ext.id));
    if (ext.new_due_on <= inForce) {
      throw conflict(`申请提出后该任务的办理期限已调整为${inForce}，不早于申请延期至的${ext.new_due_on}，批准不会改变期限；请选择不同意并写明理由（如“期限已调整，无需延期”）`, undefined, [{ field: 'approve', message: '期限已调整，无需延期' }]);
    }
  }
  // asked after the deadline it moves: the task was late already, so an approval keeps lateness on that deadline
  const late = extensionLate(ext);
  await transition(c, {
    workflow: EXTENSION_WORKFLOW,
    table: 'work_task_extension',
    key: { id: ext.id },
    from: ext.status,
    event: body.approve ? 'approve' : 'refuse',
    entityId: ext.id,
    set: { decision_reason: body.reason ?? null, decided_by: c.user.id, decided_at: clock.at, judge_against_original: body.approve && (body.judgeAgainstOriginal || late) ? 1 : 0 },
    detail: { taskId: task.id, originalDueOn: task.due_on, newDueOn: ext.new_due_on, ...(late ? { askedLate: true } : {}) },
    onStale: decided,
  });
}

/**
 * The 409 of 申请办结 on a task whose version moved since the asker's page was loaded, the task open (a request pending
 * or a 销号 are said before): what moved it last — a revision of the task (who, when, why) or its closure request sent
 * back (who, when, the reason) — so the asker looks at it before asking.
 */
async function changedBeforeClosure(c: Change, plan: PlanRow, task: TaskRow) {
  const revision = (await revisionsWithAuthor(c.trx, plan.id)).find((r) => revisionChange(r).taskId === task.id);
  const returned = (await closuresOf(c.trx, [task.id])).filter((x) => x.status === 'returned' && x.decided_at !== null).at(-1);
  if (revision && revision.created_at >= (returned?.decided_at ?? '')) {
    return conflict(`该任务在您打开后已由${await personAt(c.trx, revision.created_by, revision.created_at, c.user.id)}修改（修改理由：${revision.reason}），请刷新后核对任务内容再申请办结`);
  }
  if (returned) return conflict(`该任务的办结申请已由${await personAt(c.trx, returned.decided_by, returned.decided_at!, c.user.id)}退回（退回理由：${returned.decision_reason ?? '未填写'}），请刷新后查看再申请办结`);
  return stale('该任务');
}

export async function askClosure(c: Change, plan: PlanRow, task: TaskRow, body: { version: number; summary: string }): Promise<number> {
  const { clock } = c;
  if (!isConsolidator(c.user, plan, task) || plan.status !== 'published') throw forbidden('只有牵头单位可以申请办结');
  await ensureSupervising(c, plan, 'closure');
  // the task as it stands under its lock (退回 of a report takes it too): a 汇总 report returned meanwhile is seen below
  task = (await lockTask(c.trx, task.id)) ?? task;
  if (task.status === 'closed') throw conflict('该任务已销号');
  // asked meanwhile (a colleague at the same moment): whose request waits, and since when
  const asked = task.status === 'closing' ? (await closuresOf(c.trx, [task.id])).find((x) => x.status === 'pending') : undefined;
  if (asked) throw conflict(`该任务已由${await requesterAt(c.trx, asked.created_by, asked.created_at, c.user.id)}申请办结，待质强办审核`);
  if (task.version !== body.version) throw await changedBeforeClosure(c, plan, task);
  const waits = closureWaitsOf(plan, task, await reportsOf(c.trx, [task.id]), await extensionsOf(c.trx, [task.id]), clock.today);
  if (waits) throw conflict(waits);
  await transition(c, { workflow: WORK_TASK_WORKFLOW, table: 'work_task', key: { id: task.id }, from: task.status, event: 'ask-close', entityId: task.id });
  const { id } = await insertClosure(c.trx, { task_id: task.id, org_id: c.user.orgUnitId, summary: body.summary, created_by: c.user.id, created_at: clock.at });
  await c.audit({ action: 'workClosure.ask', entityType: 'work_task_closure', entityId: id, after: { taskId: task.id, summary: body.summary } });
  return id;
}

export async function decideClosure(c: Change, plan: PlanRow, task: TaskRow, closure: ClosureRow, body: { version: number; accept: boolean; reason?: string }): Promise<void> {
  const { clock } = c;
  const refusal = decideRefusal(c.user, plan, 'closure', closure);
  if (refusal) throw refusal;
  if (!body.accept && !body.reason) throw badRequest('退回办结申请须写明理由', [{ field: 'reason', message: '请填写退回理由' }]);
  const decided = async () => requestDecided(c.trx, '办结申请', CLOSURE_WORKFLOW, await findClosure(c.trx, closure.id), c.user.id);
  if (closure.version !== body.version || closure.status !== 'pending') throw await decided();
  // the task locked before anything is written: what reads it under that lock (确认节点完成, 申请延期) is decided
  // before or after this, never under it; taken before the audit chain's head, so the two never wait on each other
  task = (await lockTask(c.trx, task.id)) ?? task;
  const waits = body.accept ? closureWaitsForExtension('该任务', (await extensionsOf(c.trx, [task.id])).some((e) => e.status === 'pending')) : null;
  if (waits) throw conflict(waits);
  await transition(c, { workflow: CLOSURE_WORKFLOW, table: 'work_task_closure', key: { id: closure.id }, from: closure.status, event: body.accept ? 'accept' : 'return', entityId: closure.id, set: { decision_reason: body.reason ?? null, decided_by: c.user.id, decided_at: clock.at }, detail: { taskId: task.id }, onStale: decided });
  await transition(c, { workflow: WORK_TASK_WORKFLOW, table: 'work_task', key: { id: task.id }, from: task.status, event: body.accept ? 'accept-close' : 'return-close', entityId: task.id, set: body.accept ? { closed_at: clock.at } : {}, detail: body.reason ? { reason: body.reason } : undefined });
}

/**
 * The 409 of a 催办 or 督办单 already issued to the unit for the period (by a colleague meanwhile, or from a page opened
 * before it): who issued it and when (您于 … when it was the caller, from whichever window: requesterAt). A 催办 after the 督办单 is refused the same way (the stronger step has gone; the
 * page offers none).
 */
async function noticeIssued(c: Change, task: TaskRow, orgId: number, p: { code: string; label: string }, kind: 'reminder' | 'order') {
  const issued = (await noticesOf(c.trx, [task.id])).filter((n) => n.org_id === orgId && n.period === p.code);
  const found = issued.find((n) => n.kind === 'order') ?? (kind === 'reminder' ? issued.find((n) => n.kind === 'reminder') : undefined);
  if (!found) return null;
  const org = (await orgNames(c.trx, [orgId])).get(orgId) ?? '该单位';
  const by = await requesterAt(c.trx, found.issued_by, found.issued_at, c.user.id);
  if (found.kind === 'order') return conflict(`${org}${p.label}进展的督办单已由${by}下发，${kind === 'reminder' ? '无需再催办，' : ''}请刷新后查看`);
  return conflict(`${org}${p.label}进展的催办已由${by}发出，请刷新后查看`);
}

/** 催办 after the due date; 督办单 after the plan's grace days; never for a report already submitted. */
export async function issueNotice(c: Change, plan: PlanRow, task: TaskRow, body: { orgId: number; period: string; kind: 'reminder' | 'order'; text?: string }): Promise<number> {
  const { clock } = c;
  if (!mayManage(c.user, plan) || plan.status !== 'published') throw forbidden('只有发文的质强办可以催办或下发督办单');
  await ensureSupervising(c, plan, 'notice');
  // the task as it stands under its lock: two of the office's staff issuing at once are served in turn, and the second
  // sees the first's notice (below), so it is told who issued it rather than meeting the unique key
  task = (await lockTask(c.trx, task.id)) ?? task;
  if (task.status === 'closed') throw conflict('该任务已销号，无需催办');
  if (task.status === 'closing') throw conflict('该任务已申请办结，待质强办审核，其间不报送进展，无需催办；如退回办结申请，再按期催办');
  if (!reportingOrgs(plan, task, await unitsOf(c.trx, [task.id])).includes(body.orgId)) throw badRequest('该单位不是该任务的承办单位', [{ field: 'orgId', message: '不是承办单位' }]);
  const p = duePeriodsOf(plan, task, clock.today, await extensionsOf(c.trx, [task.id])).find((x) => x.code === body.period);
  if (!p) throw badRequest(`报送期次${body.period}尚未开始或不在报送周期内`, [{ field: 'period', message: '期次无效' }]);
  const report = await findReportOf(c.trx, task.id, body.orgId, body.period);
  const stage = escalationStage({ dueOn: p.dueOn, submittedOn: report?.status === 'submitted' ? (report.submitted_at ?? clock.at) : null, today: clock.today }, policyOf(plan));
  if (stage === 'none') throw conflict(`${p.label}的进展已报送，无需催办`);
  if (stage === 'due') throw conflict(`${p.label}的进展报送期限为${p.dueOn}，尚未逾期，不能催办`);
  const issued = await noticeIssued(c, task, body.orgId, p, body.kind);
  if (issued) throw issued;
  if (body.kind === 'order' && stage === 'reminder') throw conflict(`逾期未满${policyOf(plan).graceDays}天（宽限期），请先催办；宽限期满后才能下发督办单`);
  const what = ESCALATION_LABELS[body.kind];
  const replyBy = body.kind === 'order' ? addDays(clock.today, policyOf(plan).graceDays) : null;
  const text = body.text ?? noticeText(`第${task.number}项“${task.title}”${p.label}进展应于${dayText(p.dueOn)}前报送`, daysBetween(p.dueOn, clock.today), replyBy);
  const { id } = await onDuplicate(
    () => insertNotice(c.trx, { task_id: task.id, org_id: body.orgId, period: body.period, kind: body.kind, text, reply_by: replyBy, issued_by: c.user.id, issued_at: clock.at }),
    () => conflict(`已对该单位就${p.label}发出过${what}`),
  );
  await c.audit({ action: 'supervisionNotice.issue', entityType: 'supervision_notice', entityId: id, after: { taskId: task.id, orgId: body.orgId, period: body.period, kind: body.kind, stage } });
  return id;
}


/** 400 when a milestone's date lies outside the plan's year or after the task's deadline in force. */
async function checkMilestoneDate(c: Change, plan: PlanRow, task: TaskRow, dueOn: string): Promise<void> {
  const refusal = milestoneDateRefusal({ year: plan.year, deadline: deadlineOf(task, await extensionsOf(c.trx, [task.id])), dueOn });
  if (refusal) throw badRequest(refusal.message, [refusal]);
}

export async function addMilestone(c: Change, plan: PlanRow, task: TaskRow, body: { title: string; dueOn: string }): Promise<number> {
  if (!mayPlanMilestones(c.user, plan, task)) throw forbidden('只有质强办或牵头单位可以设置任务节点');
  await ensureSupervising(c, plan, 'milestone');
  // the task as it stands under its lock (申请办结 and 销号 take it too): a closure asked meanwhile is seen
  task = (await lockTask(c.trx, task.id)) ?? task;
  ensureOpenTask(task, '设置节点');
  await checkMilestoneDate(c, plan, task, body.dueOn);
  // a double click or a second window adds the same step twice: read under the task's lock, the first one is seen
  const same = (await milestonesOf(c.trx, [task.id])).find((m) => m.done_at === null && m.title === body.title && m.due_on === body.dueOn);
  if (same) {
    const [added] = await recordedChanges(c.trx, 'work_milestone', same.id, { family: 'workMilestone' });
    throw conflict(`该任务已有节点「${same.title}」（期限${same.due_on}）${added ? `，已由${byWhomWhen(added, c.user.id)}添加` : ''}，无需重复添加`);
  }
  const { id } = await insertMilestone(c.trx, { task_id: task.id, title: body.title, due_on: body.dueOn });
  await c.audit({ action: 'workMilestone.add', entityType: 'work_milestone', entityId: id, after: { taskId: task.id, title: body.title, dueOn: body.dueOn } });
  return id;
}

export async function doneMilestone(c: Change, plan: PlanRow, task: TaskRow, m: MilestoneRow | undefined, version: number): Promise<void> {
  const { clock } = c;
  if (!m || m.task_id !== task.id) throw notFound('任务节点不存在');
  // the task as it stands under its lock: a 销号 committed meanwhile is seen (the rule refuses it), and one decided
  // after waits for this change (decideClosure takes the same lock first)
  const refusal = milestoneDoneRefusal(c.user, plan, (await lockTask(c.trx, task.id)) ?? task, await supervisionIn(c.trx, plan, clock.today));
  if (refusal) throw refusal;
  if (m.done_at) throw conflict('该节点已完成');
  if (!(await markMilestoneDone(c.trx, m.id, version, clock.at))) throw stale('该节点');
  await c.audit({ action: 'workMilestone.done', entityType: 'work_milestone', entityId: m.id, after: { taskId: task.id, doneAt: clock.at } });
}

/** a milestone of this task, not yet done, that the caller may change (the task read under its lock, as addMilestone reads it) */
async function changeableMilestone(c: Change, plan: PlanRow, task: TaskRow, m: MilestoneRow | undefined, version: number, verb: string): Promise<MilestoneRow> {
  if (!m || m.task_id !== task.id) throw notFound('任务节点不存在');
  if (!mayPlanMilestones(c.user, plan, task)) throw forbidden(`只有质强办或牵头单位可以${verb}任务节点`);
  await ensureSupervising(c, plan, 'milestone');
  ensureOpenTask((await lockTask(c.trx, task.id)) ?? task, `${verb}节点`);
  if (m.done_at) throw conflict(`该节点已完成，不能再${verb}`);
  if (m.version !== version) throw stale('该节点');
  return m;
}

export async function updateMilestone(c: Change, plan: PlanRow, task: TaskRow, found: MilestoneRow | undefined, body: { version: number; title: string; dueOn: string }): Promise<void> {
  const m = await changeableMilestone(c, plan, task, found, body.version, '修改');
  await checkMilestoneDate(c, plan, task, body.dueOn);
  if (!(await updateMilestoneAt(c.trx, m.id, body.version, { title: body.title, due_on: body.dueOn }))) throw stale('该节点');
  await c.audit({ action: 'workMilestone.update', entityType: 'work_milestone', entityId: m.id, before: { title: m.title, dueOn: m.due_on }, after: { taskId: task.id, title: body.title, dueOn: body.dueOn } });
}

export async function removeMilestone(c: Change, plan: PlanRow, task: TaskRow, found: MilestoneRow | undefined, version: number): Promise<void> {
  const m = await changeableMilestone(c, plan, task, found, version, '删除');
  if (!(await deleteMilestoneAt(c.trx, m.id, version))) throw stale('该节点');
  await c.audit({ action: 'workMilestone.remove', entityType: 'work_milestone', entityId: m.id, before: { taskId: task.id, title: m.title, dueOn: m.due_on } });
}
