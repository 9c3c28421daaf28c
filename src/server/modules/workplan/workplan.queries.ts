/** Every SQL statement of work plan supervision (issue 13). Kysely only; every function takes the db or a transaction first. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  Database,
  SupervisionNoticeTable,
  WorkMilestoneTable,
  WorkPlanRevisionTable,
  WorkPlanTable,
  WorkTaskClosureTable,
  WorkTaskExtensionTable,
  WorkTaskReportTable,
  WorkTaskTable,
  WorkTaskUnitTable,
} from '../../db/schema';
import { badRequest, notFound } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import { noticeIssuer } from '../orgs';
import { isPublished, mayReadPlan, ownRegionFirst, type Supervision } from './workplan.policy';
import { myUnitView, noticePeriod, noticeView, planDay, planDetailView, revisionChange, revisionOrgIds, supervisionOf, taskDetailView } from './workplan.presenter';

export type PlanRow = Selectable<WorkPlanTable>;
export type TaskRow = Selectable<WorkTaskTable>;
export type UnitRow = Selectable<WorkTaskUnitTable>;
export type ReportRow = Selectable<WorkTaskReportTable>;
export type ExtensionRow = Selectable<WorkTaskExtensionTable>;
export type ClosureRow = Selectable<WorkTaskClosureTable>;
export type NoticeRow = Selectable<SupervisionNoticeTable>;
export type MilestoneRow = Selectable<WorkMilestoneTable>;

/** plans newest first, each with the region its issuing office serves (the office's parent: the province or a city) */
const plansWithRegion = (db: Kysely<Database>) =>
  db
    .selectFrom('work_plan')
    .innerJoin('org_unit as issuer', 'issuer.id', 'work_plan.issuer_org_id')
    .leftJoin('org_unit as region', 'region.id', 'issuer.parent_id')
    .selectAll('work_plan')
    .select(['issuer.parent_id as issuer_region_id', 'region.kind as issuer_region_kind'])
    .orderBy('work_plan.year', 'desc')
    .orderBy('work_plan.id');
export type RegionalPlanRow = PlanRow & { issuer_region_id: number | null; issuer_region_kind?: string | null };
export const publishedPlans = (db: Kysely<Database>): Promise<RegionalPlanRow[]> => plansWithRegion(db).where('work_plan.status', '=', 'published').execute();
export const allPlans = (db: Kysely<Database>): Promise<RegionalPlanRow[]> => plansWithRegion(db).execute();
/**
 * The published plans the 待办 reads, in one query: those of `fromYear` on (a plan is supervised into the next year at
 * most; its end is checked by the caller) and older ones with a request still waiting on their office (a task asking to
 * close, 待销号, or a pending extension).
 */
export const plansForTodos = (db: Kysely<Database>, fromYear: number): Promise<RegionalPlanRow[]> =>
  plansWithRegion(db)
    .where('work_plan.status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('work_plan.year', '>=', fromYear),
        eb.exists(
          eb
            .selectFrom('work_task as t')
            .select('t.id')
            .whereRef('t.plan_id', '=', 'work_plan.id')
            .where((w) => w.or([w('t.status', '=', 'closing'), w.exists(w.selectFrom('work_task_extension as e').select('e.id').whereRef('e.task_id', '=', 't.id').where('e.status', '=', 'pending'))])),
        ),
      ]),
    )
    .execute();
export const findPlan = (db: Kysely<Database>, id: number) => db.selectFrom('work_plan').selectAll().where('id', '=', id).executeTakeFirst();
/** the issuer's plan of a year, if any, with who made it and when (a second plan of the year names them) */
export const findPlanOf = (db: Kysely<Database>, issuerOrgId: number, year: number) =>
  db.selectFrom('work_plan').select(['id', 'code', 'created_by', 'created_at']).where('issuer_org_id', '=', issuerOrgId).where('year', '=', year).executeTakeFirst();
/** the plan an office has issued (published) for a year, if any: a draft is the office's own until it is issued */
export const issuedPlanOf = (db: Kysely<Database>, issuerOrgId: number, year: number) =>
  db.selectFrom('work_plan').select(['id', 'title']).where('issuer_org_id', '=', issuerOrgId).where('year', '=', year).where('status', '=', 'published').executeTakeFirst();
/**
 * The words of the plan an office has issued for a year — its title and each task as the plan states it — or null
 * when it has issued none (the 征集通知 attaches it as its 工作要点, src/server/io/word/work-points.ts).
 */
export async function issuedPlanText(db: Kysely<Database>, issuerOrgId: number, year: number) {
  const plan = await issuedPlanOf(db, issuerOrgId, year);
  if (!plan) return null;
  const tasks = await tasksOf(db, [plan.id]);
  return {
    title: plan.title,
    tasks: tasks.map((t) => ({ number: t.number, part: t.part, partTitle: t.part_title, title: t.title, text: t.text, unitsText: t.units_text })),
  };
}
export const tasksOf = (db: Kysely<Database>, planIds: number[]) =>
  planIds.length ? db.selectFrom('work_task').selectAll().where('plan_id', 'in', planIds).orderBy('plan_id').orderBy('number').execute() : Promise.resolve([] as TaskRow[]);
export const findTask = (db: Kysely<Database>, id: number) => db.selectFrom('work_task').selectAll().where('id', '=', id).executeTakeFirst();

const byTasks =
  <T extends 'work_task_unit' | 'work_task_report' | 'work_task_extension' | 'work_task_closure' | 'supervision_notice' | 'work_milestone'>(table: T) =>
  (db: Kysely<Database>, taskIds: number[]) =>
    taskIds.length
      ? ((db as Kysely<any>).selectFrom(table).selectAll().where('task_id', 'in', taskIds).orderBy('id').execute() as Promise<Selectable<Database[T]>[]>)
      : Promise.resolve([] as Selectable<Database[T]>[]);
export const unitsOf = byTasks('work_task_unit');
export const reportsOf = byTasks('work_task_report');
export const extensionsOf = byTasks('work_task_extension');
export const closuresOf = byTasks('work_task_closure');
export const noticesOf = byTasks('supervision_notice');
export const milestonesOf = byTasks('work_milestone');

export const revisionsOf = (db: Kysely<Database>, planId: number) =>
  db.selectFrom('work_plan_revision').select(['revision', 'reason', 'created_at']).where('plan_id', '=', planId).orderBy('revision').execute();

/** a plan's revisions with the name of who made each (the task page picks its own task's) */
export const revisionsWithAuthor = (db: Kysely<Database>, planId: number) =>
  db
    .selectFrom('work_plan_revision as r')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select(['r.revision', 'r.reason', 'r.change_json', 'r.created_by', 'r.created_at', 'u.display_name as by'])
    .where('r.plan_id', '=', planId)
    .orderBy('r.revision', 'desc')
    .execute();
export type RevisionRow = Awaited<ReturnType<typeof revisionsWithAuthor>>[number];

/** what each revision of a plan changed (its change_json), oldest first: a task's approved deadline is read from them */
export const revisionChangesOf = (db: Kysely<Database>, planId: number) => db.selectFrom('work_plan_revision').select('change_json').where('plan_id', '=', planId).orderBy('revision').execute();

export const findReport = (db: Kysely<Database>, id: number) => db.selectFrom('work_task_report').selectAll().where('id', '=', id).executeTakeFirst();
export const findReportOf = (db: Kysely<Database>, taskId: number, orgId: number, period: string) =>
  db.selectFrom('work_task_report').selectAll().where('task_id', '=', taskId).where('org_id', '=', orgId).where('period', '=', period).executeTakeFirst();
export const findExtension = (db: Kysely<Database>, id: number) => db.selectFrom('work_task_extension').selectAll().where('id', '=', id).executeTakeFirst();
export const findClosure = (db: Kysely<Database>, id: number) => db.selectFrom('work_task_closure').selectAll().where('id', '=', id).executeTakeFirst();
export const findMilestone = (db: Kysely<Database>, id: number) => db.selectFrom('work_milestone').selectAll().where('id', '=', id).executeTakeFirst();

export async function orgNames(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name', 'short_name']).where('id', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.id, r.short_name ?? r.name]));
}


export const orgsByCodes = (db: Kysely<Database>, codes: string[]) =>
  codes.length ? db.selectFrom('org_unit').select(['id', 'code', 'kind']).where('code', 'in', codes).execute() : Promise.resolve([]);
export const orgsByKind = (db: Kysely<Database>, kind: 'city' | 'department') =>
  db.selectFrom('org_unit').select(['id', 'code']).where('kind', '=', kind).orderBy('sort_order').execute();
/** every unit with its parent (a few hundred rows): where a task's units sit (checkUnits) */
export const orgTree = async (db: Kysely<Database>) =>
  new Map((await db.selectFrom('org_unit').select(['id', 'kind', 'name', 'short_name', 'parent_id']).execute()).map((o) => [o.id, o]));

/** a plan with everything its views need, read in one pass per table */
export async function loadPlanBundle(db: Kysely<Database>, plans: PlanRow[]) {
  const tasks = await tasksOf(db, plans.map((p) => p.id));
  const ids = tasks.map((t) => t.id);
  const [units, reports, extensions, closures, notices, milestones] = await Promise.all([
    unitsOf(db, ids),
    reportsOf(db, ids),
    extensionsOf(db, ids),
    closuresOf(db, ids),
    noticesOf(db, ids),
    milestonesOf(db, ids),
  ]);
  const names = await orgNames(db, [...plans.map((p) => p.issuer_org_id), ...units.map((u) => u.org_id), ...tasks.flatMap((t) => (t.lead_org_id ? [t.lead_org_id] : []))]);
  return { plans, tasks, units, reports, extensions, closures, notices, milestones, names };
}
export type PlanBundle = Awaited<ReturnType<typeof loadPlanBundle>>;

// ------------------------------------------------------------------------------------------------ what the caller reads

/** the plans the caller reads (a draft only its issuing office), those of its own region first */
export const readablePlans = async (db: Kysely<Database>, u: SessionUser): Promise<RegionalPlanRow[]> => ownRegionFirst(u, (await allPlans(db)).filter((p) => mayReadPlan(u, p)));

export async function readablePlan(db: Kysely<Database>, u: SessionUser, id: number) {
  const plan = await findPlan(db, id);
  if (!plan || !mayReadPlan(u, plan)) throw notFound(`工作要点${id}不存在`);
  return plan;
}
export async function readableTask(db: Kysely<Database>, u: SessionUser, id: number) {
  const task = await findTask(db, id);
  if (!task) throw notFound(`督办任务${id}不存在`);
  const plan = await findPlan(db, task.plan_id);
  if (!plan || !mayReadPlan(u, plan)) throw notFound(`督办任务${id}不存在`);
  return { plan, task };
}

/** a plan's page as the caller sees it on a day */
export async function planView(db: Kysely<Database>, u: SessionUser, id: number, today: string) {
  const plan = await readablePlan(db, u, id);
  return planDetailView(await loadPlanBundle(db, [plan]), plan, await revisionsOf(db, plan.id), u, today);
}
/**
 * a task's page as the caller sees it on a day (`today`: the day looked back on, or today): its revisions once the plan
 * is published, the caller's own unit on it; what it offers is as of `now`, the real today
 */
export async function taskView(db: Kysely<Database>, u: SessionUser, id: number, today: string, now: string = today) {
  const { plan, task } = await readableTask(db, u, id);
  const b = await loadPlanBundle(db, [plan]);
  const revisionRows = isPublished(plan) ? (await revisionsWithAuthor(db, plan.id)).filter((r) => revisionChange(r).taskId === task.id) : [];
  const names = revisionRows.length ? await orgNames(db, revisionOrgIds(revisionRows)) : new Map<number, string>();
  const view = taskDetailView(b, plan, b.tasks.find((t) => t.id === task.id)!, u, today, revisionRows, names, now);
  return { ...view, myUnit: myUnitView(b.units.find((x) => x.task_id === task.id && x.org_id === u.orgUnitId)) };
}

/**
 * What the 工作要点落实情况通报 of one reporting period (`code`) is printed from: the plan's lights on the day it shows
 * (planDay), the period (400 when the plan has no such period) and the issuing office (400 when the org tree lacks it).
 */
export async function noticeOf(db: Kysely<Database>, plan: PlanRow, today: string, code: string | undefined) {
  const b = await loadPlanBundle(db, [plan]);
  const day = planDay(b, plan, today);
  const period = noticePeriod(plan, day, code);
  if (!period) {
    // no period asked for and none in the plan's schedule: nothing to name in the message but the plan's own want of one
    throw code === undefined
      ? badRequest('该工作要点的报送周期中没有报送期次，无法生成通报；请先核对工作要点的报送安排', [{ field: 'period', message: '没有报送期次' }])
      : badRequest(`报送期次${code}不在该工作要点的报送周期内`, [{ field: 'period', message: '期次不存在' }]);
  }
  const issuer = await noticeIssuer(db, plan.issuer_org_id);
  if (!issuer) throw badRequest('找不到该工作要点的发文单位，请联系系统管理员核对组织机构');
  return { period, issuer, view: noticeView(b, plan, issuer, period, day) };
}

/** the plan's supervision on `today` (its end from its tasks' deadlines in force), as a change reads it in its transaction */
export async function supervisionIn(db: Kysely<Database>, plan: PlanRow, today: string): Promise<Supervision> {
  const tasks = await tasksOf(db, [plan.id]);
  return supervisionOf({ tasks, extensions: await extensionsOf(db, tasks.map((t) => t.id)) }, plan, today);
}

/** The plan locked FOR UPDATE inside a transaction: a draft's tasks are added, taken out and numbered one change at a time. */
export const lockPlan = (db: Kysely<Database>, id: number) => db.selectFrom('work_plan').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
/** The task locked FOR UPDATE inside a transaction: what waits on it (a pending extension) is asked one at a time. */
export const lockTask = (db: Kysely<Database>, id: number) => db.selectFrom('work_task').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
/** The report locked FOR UPDATE inside a transaction (an attachment change re-reads its owner so). */
export const lockReport = (db: Kysely<Database>, id: number) => db.selectFrom('work_task_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

// ---------------------------------------------------------------- the changes' writes (workplan.commands.ts, in c.trx)

/** a new plan's own columns; it starts a draft (revision 0, unpublished, no policy of its own) */
export type NewPlan = Pick<WorkPlanTable, 'code' | 'year' | 'issuer_org_id' | 'title' | 'schedule' | 'source_json' | 'created_by' | 'created_at'>;
/** inserts a draft plan (an import or an office's own); a second plan of the issuer's year fails on the unique key */
export const insertPlan = (db: Kysely<Database>, v: NewPlan) =>
  db
    .insertInto('work_plan')
    .values({
      code: v.code,
      year: v.year,
      issuer_org_id: v.issuer_org_id,
      title: v.title,
      status: 'draft',
      schedule: v.schedule,
      policy_json: JSON.stringify({}),
      source_json: v.source_json,
      revision: 0,
      published_at: null,
      published_by: null,
      created_by: v.created_by,
      created_at: v.created_at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/**
 * The plan's next revision, from the revision the change read (a published plan's task revised); false when
 * another revision was made meanwhile.
 */
export async function bumpPlanRevision(db: Kysely<Database>, planId: number, fromRevision: number): Promise<boolean> {
  const revision = fromRevision + 1;
  const r = await db
    .updateTable('work_plan')
    .set((eb) => ({ revision, version: eb('version', '+', 1) }))
    .where('id', '=', planId)
    .where('revision', '=', fromRevision)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
export const insertPlanRevision = (db: Kysely<Database>, v: Insertable<WorkPlanRevisionTable>) => db.insertInto('work_plan_revision').values(v).execute();

/** a new task's own columns; it starts open */
export type NewTask = Omit<Insertable<WorkTaskTable>, 'id' | 'status' | 'closed_at' | 'version'>;
export const insertTask = (db: Kysely<Database>, v: NewTask) =>
  db
    .insertInto('work_task')
    .values({ ...v, status: 'open', closed_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

/** what an edit of a task sets */
export type TaskChange = Pick<Updateable<WorkTaskTable>, 'title' | 'text' | 'part' | 'part_title' | 'due_on' | 'schedule' | 'lead_org_id'>;
/** a task's edit at the version seen; false when it moved meanwhile */
export async function updateTaskAt(db: Kysely<Database>, id: number, version: number, set: TaskChange): Promise<boolean> {
  const r = await db
    .updateTable('work_task')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** a task of a draft moved to another number (a new version, so a form open on it reloads) */
export const renumberTask = (db: Kysely<Database>, id: number, number: number) =>
  db
    .updateTable('work_task')
    .set((eb) => ({ number, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

/** a draft's task taken out: its milestones, its units, then the task */
export async function deleteTask(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('work_milestone').where('task_id', '=', id).execute();
  await deleteTaskUnits(db, id);
  await db.deleteFrom('work_task').where('id', '=', id).execute();
}

/** a unit put on a task (its 签收, if any, carried over by the caller) */
export type NewTaskUnit = Pick<WorkTaskUnitTable, 'task_id' | 'org_id' | 'role' | 'signed_at' | 'signed_by'>;
export const insertTaskUnit = (db: Kysely<Database>, v: NewTaskUnit) => db.insertInto('work_task_unit').values({ ...v, version: 1 }).execute();
export const deleteTaskUnits = (db: Kysely<Database>, taskId: number) => db.deleteFrom('work_task_unit').where('task_id', '=', taskId).execute();

/**
 * A unit's 签收 by a user at an instant, while it has none — at the version given, or whatever it is (null); false when
 * someone got there first.
 */
export async function signUnit(db: Kysely<Database>, unitId: number, version: number | null, userId: number, at: string): Promise<boolean> {
  let q = db
    .updateTable('work_task_unit')
    .set((eb) => ({ signed_at: at, signed_by: userId, version: eb('version', '+', 1) }))
    .where('id', '=', unitId)
    .where('signed_at', 'is', null);
  if (version !== null) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** the task's reports of this unit become the consolidated ones, every other unit's a sub-report */
export async function setConsolidator(db: Kysely<Database>, taskId: number, orgId: number): Promise<void> {
  await db.updateTable('work_task_report').set({ consolidated: 1 }).where('task_id', '=', taskId).where('org_id', '=', orgId).execute();
  await db.updateTable('work_task_report').set({ consolidated: 0 }).where('task_id', '=', taskId).where('org_id', '!=', orgId).execute();
}

/** a report's written content (reportValues() in workplan.commands.ts, and its 逾期原因) and who wrote it when */
export type ReportContent = Pick<WorkTaskReportTable, 'progress' | 'progress_reason' | 'text' | 'problems' | 'next_steps' | 'late_reason' | 'updated_by' | 'updated_at'>;
/** a report's content saved at the version seen; false when it moved meanwhile */
export async function updateReportAt(db: Kysely<Database>, id: number, version: number, content: ReportContent): Promise<boolean> {
  const r = await db
    .updateTable('work_task_report')
    .set((eb) => ({ ...content, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
/** a unit's new draft report for a period; a second one for the same (task, unit, period) fails on the unique key */
export const insertReport = (db: Kysely<Database>, v: ReportContent & Pick<WorkTaskReportTable, 'task_id' | 'org_id' | 'period' | 'consolidated'>) =>
  db
    .insertInto('work_task_report')
    .values({ ...v, status: 'draft', return_reason: null, submitted_at: null, submitted_by: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

/** a pending extension request */
export const insertExtension = (db: Kysely<Database>, v: Pick<WorkTaskExtensionTable, 'task_id' | 'org_id' | 'from_due_on' | 'new_due_on' | 'reason' | 'created_by' | 'created_at'>) =>
  db
    .insertInto('work_task_extension')
    .values({ ...v, status: 'pending', decision_reason: null, judge_against_original: 0, decided_by: null, decided_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

/** a pending closure request (办结申请) */
export const insertClosure = (db: Kysely<Database>, v: Pick<WorkTaskClosureTable, 'task_id' | 'org_id' | 'summary' | 'created_by' | 'created_at'>) =>
  db
    .insertInto('work_task_closure')
    .values({ ...v, status: 'pending', decision_reason: null, decided_by: null, decided_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

/** a 催办 or 督办单; a second of the same kind for the same (task, unit, period) fails on the unique key */
export const insertNotice = (db: Kysely<Database>, v: Omit<Insertable<SupervisionNoticeTable>, 'id'>) => db.insertInto('supervision_notice').values(v).returning('id').executeTakeFirstOrThrow();

export const insertMilestone = (db: Kysely<Database>, v: Pick<WorkMilestoneTable, 'task_id' | 'title' | 'due_on'>) =>
  db
    .insertInto('work_milestone')
    .values({ ...v, done_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
/** a milestone marked done at the version seen; false when it moved meanwhile */
export async function markMilestoneDone(db: Kysely<Database>, id: number, version: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('work_milestone')
    .set((eb) => ({ done_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
/** a milestone's title and date changed at the version seen, while not done; false when it moved or was done meanwhile */
export async function updateMilestoneAt(db: Kysely<Database>, id: number, version: number, set: Pick<WorkMilestoneTable, 'title' | 'due_on'>): Promise<boolean> {
  const r = await db
    .updateTable('work_milestone')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
/** a milestone taken out at the version seen, while not done; false when it moved or was done meanwhile */
export async function deleteMilestoneAt(db: Kysely<Database>, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('work_milestone').where('id', '=', id).where('version', '=', version).where('done_at', 'is', null).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
