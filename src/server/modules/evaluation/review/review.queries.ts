/** Every SQL statement of the evaluation plan, the panel, the experts' sheets and the 综合评价. Kysely only. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EvaluationPlanTable, ExpertSheetTable, ExpertTable, PlanMemberTable } from '../../../db/schema';

export type PlanRow = Selectable<EvaluationPlanTable>;
export type MemberRow = Selectable<PlanMemberTable>;
export type ExpertRow = Selectable<ExpertTable>;
export type SheetRow = Selectable<ExpertSheetTable>;

export const orgKindOf = (db: Kysely<Database>, id: number) => db.selectFrom('org_unit').select(['kind']).where('id', '=', id).executeTakeFirst();

export const expertsOf = (db: Kysely<Database>, organiserId: number, includeInactive = false) =>
  db
    .selectFrom('expert')
    .selectAll()
    .where('organiser_org_id', '=', organiserId)
    .$if(!includeInactive, (q) => q.where('active', '=', 1))
    .orderBy('id')
    .execute();

export const findExpert = (db: Kysely<Database>, id: number) => db.selectFrom('expert').selectAll().where('id', '=', id).executeTakeFirst();

export const usernamesOf = async (db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> =>
  new Map(ids.length ? (await db.selectFrom('app_user').select(['id', 'username']).where('id', 'in', [...new Set(ids)]).execute()).map((u) => [u.id, u.username]) : []);

export const expertAccount = (db: Kysely<Database>, username: string) => db.selectFrom('app_user').select(['id', 'role', 'status', 'display_name']).where('username', '=', username).executeTakeFirst();

export async function insertExpert(db: Kysely<Database>, v: Omit<ExpertTable, 'id' | 'version' | 'active'>): Promise<number> {
  return (await db.insertInto('expert').values({ ...v, active: 1, version: 1 }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateExpert(db: Kysely<Database>, id: number, version: number, set: Partial<Omit<ExpertTable, 'id' | 'version'>>): Promise<boolean> {
  const r = await db.updateTable('expert').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** a pool entry with the status of its platform account, if it has one (a stopped account signs in no more) */
export type PoolExpert = ExpertRow & { account_status: string | null };

export const expertsByIds = async (db: Kysely<Database>, ids: number[]): Promise<Map<number, PoolExpert>> =>
  new Map(
    ids.length
      ? (
          await db
            .selectFrom('expert')
            .leftJoin('app_user', 'app_user.id', 'expert.user_id')
            .selectAll('expert')
            .select('app_user.status as account_status')
            .where('expert.id', 'in', [...new Set(ids)])
            .execute()
        ).map((e) => [e.id, e])
      : [],
  );

export const expertOfUser = (db: Kysely<Database>, userId: number) => db.selectFrom('expert').selectAll().where('user_id', '=', userId).orderBy('id').execute();

/** The plan versions of an application, newest first. */
export const plansOf = (db: Kysely<Database>, applicationId: number) => db.selectFrom('evaluation_plan').selectAll().where('application_id', '=', applicationId).orderBy('version_no', 'desc').execute();

/** The approved plan version of an application (undefined: none approved yet). */
export const approvedPlanOf = (db: Kysely<Database>, applicationId: number) =>
  db.selectFrom('evaluation_plan').selectAll().where('application_id', '=', applicationId).where('status', '=', 'approved').orderBy('version_no', 'desc').executeTakeFirst();

export const findPlan = (db: Kysely<Database>, id: number) => db.selectFrom('evaluation_plan').selectAll().where('id', '=', id).executeTakeFirst();

export const lockPlan = (trx: Transaction<Database>, id: number) => trx.selectFrom('evaluation_plan').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const membersOf = (db: Kysely<Database>, planId: number) => db.selectFrom('plan_member').selectAll().where('plan_id', '=', planId).orderBy('id').execute();

export const findMember = (db: Kysely<Database>, id: number) => db.selectFrom('plan_member').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertPlan(
  db: Kysely<Database>,
  v: Omit<EvaluationPlanTable, 'id' | 'approved_at' | 'approved_by' | 'version' | 'status' | 'updated_at'> & { at: string },
): Promise<number> {
  const { at, ...rest } = v;
  return (await db.insertInto('evaluation_plan').values({ ...rest, status: 'draft', updated_at: at, version: 1 }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePlan(db: Kysely<Database>, id: number, version: number, set: Partial<Omit<EvaluationPlanTable, 'id' | 'version'>>): Promise<boolean> {
  const r = await db.updateTable('evaluation_plan').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertMember = (db: Kysely<Database>, v: Omit<PlanMemberTable, 'id' | 'version'>) => db.insertInto('plan_member').values({ ...v, version: 1 }).execute();

export const updateMember = (db: Kysely<Database>, id: number, set: Partial<Omit<PlanMemberTable, 'id'>>) => db.updateTable('plan_member').set(set).where('id', '=', id).execute();

export const deleteMember = (db: Kysely<Database>, id: number) => db.deleteFrom('plan_member').where('id', '=', id).execute();

export const sheetsOf = (db: Kysely<Database>, applicationId: number) => db.selectFrom('expert_sheet').selectAll().where('application_id', '=', applicationId).orderBy('expert_id').execute();

export const sheetOf = (db: Kysely<Database>, applicationId: number, expertId: number) =>
  db.selectFrom('expert_sheet').selectAll().where('application_id', '=', applicationId).where('expert_id', '=', expertId).executeTakeFirst();

export const lockSheet = (trx: Transaction<Database>, applicationId: number, expertId: number) =>
  trx.selectFrom('expert_sheet').selectAll().where('application_id', '=', applicationId).where('expert_id', '=', expertId).forUpdate().executeTakeFirst();

export async function insertSheet(db: Kysely<Database>, applicationId: number, expertId: number, at: string): Promise<SheetRow> {
  await db.insertInto('expert_sheet').values({ application_id: applicationId, expert_id: expertId, answers_json: '{}', reasons_json: '{}', comment: null, status: 'open', stage: 'document', submitted_at: null, updated_at: at, version: 1 }).execute();
  return (await sheetOf(db, applicationId, expertId))!;
}

export async function updateSheet(db: Kysely<Database>, id: number, version: number, set: Partial<Omit<ExpertSheetTable, 'id' | 'version'>>): Promise<boolean> {
  const r = await db.updateTable('expert_sheet').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertRevision = (db: Kysely<Database>, v: { sheetId: number; item: string; criterion: string; before: unknown; after: unknown; reason: string; by: number; at: string }) =>
  db
    .insertInto('score_revision')
    .values({ sheet_id: v.sheetId, item_code: v.item, criterion_code: v.criterion, before_json: v.before === undefined ? null : JSON.stringify(v.before), after_json: JSON.stringify(v.after), reason: v.reason, revised_by: v.by, revised_at: v.at })
    .execute();

export const revisionsOf = (db: Kysely<Database>, sheetId: number) => db.selectFrom('score_revision').selectAll().where('sheet_id', '=', sheetId).orderBy('id').execute();

export async function setConsolidation(db: Kysely<Database>, applicationId: number, set: { agreed_json?: string | null; consolidation_json?: string | null; version?: number; updated_at: string }) {
  await db.updateTable('evaluation_application').set(set).where('id', '=', applicationId).execute();
}

/** The panel's on-site findings of an application, in the order recorded. */
export const findingsOf = (db: Kysely<Database>, applicationId: number) => db.selectFrom('site_finding').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
