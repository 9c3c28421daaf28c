/** Every SQL statement of work plan supervision (issue 13). Kysely only; every function takes the db or a transaction first. */
import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  SupervisionNoticeTable,
  WorkMilestoneTable,
  WorkPlanTable,
  WorkTaskClosureTable,
  WorkTaskExtensionTable,
  WorkTaskReportTable,
  WorkTaskTable,
  WorkTaskUnitTable,
} from '../../db/schema';

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
    .selectAll('work_plan')
    .select('issuer.parent_id as issuer_region_id')
    .orderBy('work_plan.year', 'desc')
    .orderBy('work_plan.id');
export type RegionalPlanRow = PlanRow & { issuer_region_id: number | null };
export const publishedPlans = (db: Kysely<Database>): Promise<RegionalPlanRow[]> => plansWithRegion(db).where('work_plan.status', '=', 'published').execute();
export const allPlans = (db: Kysely<Database>): Promise<RegionalPlanRow[]> => plansWithRegion(db).execute();
export const findPlan = (db: Kysely<Database>, id: number) => db.selectFrom('work_plan').selectAll().where('id', '=', id).executeTakeFirst();
export const findPlanOf = (db: Kysely<Database>, issuerOrgId: number, year: number) =>
  db.selectFrom('work_plan').select('id').where('issuer_org_id', '=', issuerOrgId).where('year', '=', year).executeTakeFirst();
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
    .select(['r.revision', 'r.reason', 'r.change_json', 'r.created_at', 'u.display_name as by'])
    .where('r.plan_id', '=', planId)
    .orderBy('r.revision', 'desc')
    .execute();
export type RevisionRow = Awaited<ReturnType<typeof revisionsWithAuthor>>[number];

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

/** a user's display name (who saved or reported a report, for a 409 that says so) */
export const userName = async (db: Kysely<Database>, id: number): Promise<string | undefined> =>
  (await db.selectFrom('app_user').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name;

export const orgsByCodes = (db: Kysely<Database>, codes: string[]) =>
  codes.length ? db.selectFrom('org_unit').select(['id', 'code', 'kind']).where('code', 'in', codes).execute() : Promise.resolve([]);
export const orgsByKind = (db: Kysely<Database>, kind: 'city' | 'department') =>
  db.selectFrom('org_unit').select(['id', 'code']).where('kind', '=', kind).orderBy('sort_order').execute();
export const orgsByIds = (db: Kysely<Database>, ids: number[]) =>
  ids.length ? db.selectFrom('org_unit').select(['id', 'kind', 'name']).where('id', 'in', ids).execute() : Promise.resolve([]);

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

/** The plan locked FOR UPDATE inside a transaction: a draft's tasks are added, taken out and numbered one change at a time. */
export const lockPlan = (db: Kysely<Database>, id: number) => db.selectFrom('work_plan').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
/** The task locked FOR UPDATE inside a transaction: what waits on it (a pending extension) is asked one at a time. */
export const lockTask = (db: Kysely<Database>, id: number) => db.selectFrom('work_task').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
/** The report locked FOR UPDATE inside a transaction (an attachment change re-reads its owner so). */
export const lockReport = (db: Kysely<Database>, id: number) => db.selectFrom('work_task_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
