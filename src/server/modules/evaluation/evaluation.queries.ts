/**
 * Every SQL statement of the creation evaluation (rounds, applications, the eligibility review). Kysely only.
 * Also the caller's access to a round: who they are to it (organiser, applicant, consulted department, leader),
 * decided by evaluation.policy.ts from the rows read here.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EligibilityConsultationTable, EvaluationApplicationTable, EvaluationRoundTable } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { recordedChanges } from '../../core/audit';
import { APPLICATION_WORKFLOW, type RoundStatus } from '../../../shared/workflow/evaluation';
import { applicationNotFound, mayReadApplication, relationTo, roundNotFound, type RoundAccess } from './evaluation.policy';

export type RoundRow = Selectable<EvaluationRoundTable>;
export type ApplicationRow = Selectable<EvaluationApplicationTable>;
export type ConsultationRow = Selectable<EligibilityConsultationTable>;

export interface Org {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
}

export const orgById = (db: Kysely<Database>, id: number): Promise<Org | undefined> =>
  db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'parent_id']).where('id', '=', id).executeTakeFirst();

export const orgsByIds = async (db: Kysely<Database>, ids: number[]): Promise<Map<number, Org>> =>
  new Map(ids.length ? (await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'parent_id']).where('id', 'in', [...new Set(ids)]).execute()).map((o) => [o.id, o]) : []);

/** The caller's unit and its two ancestors (a county's city and province): who the caller is to a round. */
export async function lineageOf(db: Kysely<Database>, orgId: number): Promise<Org[]> {
  const out: Org[] = [];
  let id: number | null = orgId;
  for (let depth = 0; id !== null && depth < 3; depth++) {
    const o = await orgById(db, id);
    if (!o) break;
    out.push(o);
    id = o.parent_id;
  }
  return out;
}

export const findRound = (db: Kysely<Database>, id: number) => db.selectFrom('evaluation_round').selectAll().where('id', '=', id).executeTakeFirst();

/** The organiser's round of a year (the unique key evaluation_round_organiser_year allows one). */
export const roundOfYear = (db: Kysely<Database>, organiserId: number, year: number) =>
  db.selectFrom('evaluation_round').select('id').where('organiser_org_id', '=', organiserId).where('year', '=', year).executeTakeFirst();

export const allRounds = (db: Kysely<Database>) => db.selectFrom('evaluation_round').selectAll().orderBy('year', 'desc').orderBy('id', 'desc').execute();

/** The round, read FOR SHARE (on SQLite the lock clause is dropped: a write transaction already holds the database). */
export const lockRound = (trx: Transaction<Database>, id: number) => trx.selectFrom('evaluation_round').selectAll().where('id', '=', id).forShare().executeTakeFirst();

/** The application, read FOR UPDATE. */
export const lockApplication = (trx: Transaction<Database>, id: number) => trx.selectFrom('evaluation_application').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const applicationCounts = async (db: Kysely<Database>, roundIds: number[]): Promise<Map<number, number>> =>
  new Map(
    roundIds.length
      ? (await db.selectFrom('evaluation_application').select(['round_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', 'in', roundIds).where('status', '!=', 'draft').groupBy('round_id').execute()).map((r) => [
          r.round_id,
          Number(r.n),
        ])
      : [],
  );

export async function insertRound(db: Kysely<Database>, v: { year: number; title: string; organiserId: number; frameworkId: string; frameworkJson: string; by: number; at: string; status: RoundStatus }) {
  return db
    .insertInto('evaluation_round')
    .values({ year: v.year, title: v.title, organiser_org_id: v.organiserId, framework_id: v.frameworkId, framework_json: v.frameworkJson, status: v.status, created_by: v.by, created_at: v.at, updated_at: v.at, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Every named applicant (命名), newest first: the register is public to everyone who reads evaluations. */
export const namedApplications = (db: Kysely<Database>) =>
  db
    .selectFrom('evaluation_application as a')
    .innerJoin('evaluation_round as r', 'r.id', 'a.round_id')
    .innerJoin('org_unit as o', 'o.id', 'a.applicant_org_id')
    .innerJoin('org_unit as g', 'g.id', 'r.organiser_org_id')
    .select(['a.id', 'a.applicant_org_id', 'o.name', 'o.kind', 'r.year', 'r.organiser_org_id', 'g.name as organiser_name', 'a.consolidation_json', 'a.named_at', 'a.naming_doc_no'])
    .where('a.status', '=', 'named')
    .orderBy('a.named_at', 'desc')
    .execute();

export const findApplication = (db: Kysely<Database>, id: number) => db.selectFrom('evaluation_application').selectAll().where('id', '=', id).executeTakeFirst();

export const applicationOf = (db: Kysely<Database>, roundId: number, applicantId: number) =>
  db.selectFrom('evaluation_application').selectAll().where('round_id', '=', roundId).where('applicant_org_id', '=', applicantId).executeTakeFirst();

export const applicationsOfRound = (db: Kysely<Database>, roundId: number) => db.selectFrom('evaluation_application').selectAll().where('round_id', '=', roundId).orderBy('id').execute();

/** The applications a department was consulted on in a round. */
export const consultedApplications = (db: Kysely<Database>, roundId: number, departmentId: number) =>
  db
    .selectFrom('evaluation_application')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('id', 'in', (eb) => eb.selectFrom('eligibility_consultation').select('application_id').where('department_id', '=', departmentId))
    .orderBy('id')
    .execute();

export async function insertApplication(
  db: Kysely<Database>,
  v: { roundId: number; applicantId: number; contactName: string; contactPhone: string; note: string | null; conditionsJson: string; by: number; at: string },
) {
  return db
    .insertInto('evaluation_application')
    .values({
      round_id: v.roundId,
      applicant_org_id: v.applicantId,
      status: 'draft',
      contact_name: v.contactName,
      contact_phone: v.contactPhone,
      note: v.note,
      conditions_json: v.conditionsJson,
      created_by: v.by,
      created_at: v.at,
      updated_at: v.at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Change a draft at the version the caller saw: false when someone else changed it first. */
export async function updateApplication(db: Kysely<Database>, id: number, version: number, v: { contactName: string; contactPhone: string; note: string | null; conditionsJson: string; at: string }): Promise<boolean> {
  const r = await db
    .updateTable('evaluation_application')
    .set({ contact_name: v.contactName, contact_phone: v.contactPhone, note: v.note, conditions_json: v.conditionsJson, updated_at: v.at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const consultationsOf = (db: Kysely<Database>, applicationIds: number[]) =>
  applicationIds.length ? db.selectFrom('eligibility_consultation').selectAll().where('application_id', 'in', applicationIds).orderBy('id').execute() : Promise.resolve([] as ConsultationRow[]);

export const consultationsOfDepartment = (db: Kysely<Database>, departmentId: number) =>
  db.selectFrom('eligibility_consultation').selectAll().where('department_id', '=', departmentId).orderBy('id', 'desc').execute();

export const findConsultation = (db: Kysely<Database>, id: number) => db.selectFrom('eligibility_consultation').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertConsultation(db: Kysely<Database>, v: { applicationId: number; departmentId: number; conditionsJson: string; question: string; by: number; at: string }) {
  return db
    .insertInto('eligibility_consultation')
    .values({ application_id: v.applicationId, department_id: v.departmentId, conditions_json: v.conditionsJson, question: v.question, status: 'pending', asked_by: v.by, asked_at: v.at, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Member departments by id (a consultation goes to a department, not to a city or an office). */
export const departmentsByIds = (db: Kysely<Database>, ids: number[]) =>
  db.selectFrom('org_unit').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();


/** The caller's access to every round it takes part in, newest first: the rounds, their organisers and the caller's lineage each read once. */
export async function roundAccesses(db: Kysely<Database>, user: SessionUser): Promise<RoundAccess[]> {
  const rounds = await allRounds(db);
  if (!rounds.length) return [];
  const organisers = new Map<number, Org[]>();
  for (const id of new Set(rounds.map((r) => r.organiser_org_id))) organisers.set(id, await lineageOf(db, id));
  const lineage = await lineageOf(db, user.orgUnitId);
  return rounds.flatMap((round) => {
    const organiserLineage = organisers.get(round.organiser_org_id) ?? [];
    const as = relationTo(user, round, organiserLineage, lineage);
    return as ? [{ round, user, as, organiser: organiserLineage[0]!, organiserLineage, lineage }] : [];
  });
}

/**
 * The caller's access to a round, or null when the round does not exist for them (who they are to it decided by
 * relationTo in evaluation.policy.ts).
 */
export async function loadRoundAccess(db: Kysely<Database>, user: SessionUser, roundId: number): Promise<RoundAccess | null> {
  const round = await findRound(db, roundId);
  if (!round) return null;
  const organiserLineage = await lineageOf(db, round.organiser_org_id);
  const lineage = await lineageOf(db, user.orgUnitId);
  const as = relationTo(user, round, organiserLineage, lineage);
  return as ? { round, user, as, organiser: organiserLineage[0]!, organiserLineage, lineage } : null;
}

/**
 * The applications the signed-in expert (by account) sits on the panel of: a member of the plan in force or of
 * the draft that will replace it. A plan version superseded by a newer approved one gives no access, so an expert
 * taken off the panel stops reading the application when the new plan is approved.
 */
export async function memberApplicationIds(db: Kysely<Database>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('plan_member')
    .innerJoin('expert', 'expert.id', 'plan_member.expert_id')
    .innerJoin('evaluation_plan', 'evaluation_plan.id', 'plan_member.plan_id')
    .select('evaluation_plan.application_id')
    .where('expert.user_id', '=', userId)
    .where('evaluation_plan.status', '!=', 'superseded')
    .execute();
  return [...new Set(rows.map((r) => r.application_id))];
}

export async function roundAccess(db: Kysely<Database>, user: SessionUser, roundId: number): Promise<RoundAccess> {
  const a = await loadRoundAccess(db, user, roundId);
  if (!a) throw roundNotFound(roundId);
  return a;
}

/** The application and the caller's access to its round, or 404 (an application you may not read does not exist for you). */
export async function applicationAccess(db: Kysely<Database>, user: SessionUser, applicationId: number): Promise<{ a: RoundAccess; app: ApplicationRow }> {
  const found = await applicationWithInvolvement(db, user, applicationId);
  const a = found ? await loadRoundAccess(db, user, found.app.round_id) : null;
  if (!found || !a) throw applicationNotFound(applicationId);
  const involved = a.as === 'department' ? found.consulted : a.as === 'expert' ? found.onPanel : false;
  if (!mayReadApplication(a, found.app, involved)) throw applicationNotFound(applicationId);
  return { a, app: found.app };
}

/** The application and, in the same query, whether the caller's unit was consulted on it and whether the caller sits on its panel (as memberApplicationIds). */
async function applicationWithInvolvement(db: Kysely<Database>, user: SessionUser, applicationId: number): Promise<{ app: ApplicationRow; consulted: boolean; onPanel: boolean } | undefined> {
  const row = await db
    .selectFrom('evaluation_application as ea')
    .selectAll('ea')
    .select((eb) => [
      eb.exists(eb.selectFrom('eligibility_consultation as c').select('c.id').whereRef('c.application_id', '=', 'ea.id').where('c.department_id', '=', user.orgUnitId)).as('consulted'),
      eb
        .exists(
          eb
            .selectFrom('plan_member as m')
            .innerJoin('expert as e', 'e.id', 'm.expert_id')
            .innerJoin('evaluation_plan as p', 'p.id', 'm.plan_id')
            .select('m.id')
            .whereRef('p.application_id', '=', 'ea.id')
            .where('e.user_id', '=', user.id)
            .where('p.status', '!=', 'superseded'),
        )
        .as('on_panel'),
    ])
    .where('ea.id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { consulted, on_panel, ...app } = row;
  // the driver decides: PostgreSQL answers a boolean, SQLite 0 or 1
  return { app: app as ApplicationRow, consulted: Boolean(Number(consulted)), onPanel: Boolean(Number(on_panel)) };
}

/** The applications of a round the caller may see: all (organiser, leader), its own (applicant), those it was consulted on (department), those of plans it is on (expert). */
export async function visibleApplications(db: Kysely<Database>, a: RoundAccess): Promise<ApplicationRow[]> {
  if (a.as === 'organiser' || a.as === 'leader') return (await applicationsOfRound(db, a.round.id)).filter((x) => a.as === 'organiser' || x.status !== 'draft');
  if (a.as === 'applicant') {
    const own = await applicationOf(db, a.round.id, a.user.orgUnitId);
    return own ? [own] : [];
  }
  if (a.as === 'expert') {
    const mine = new Set(await memberApplicationIds(db, a.user.id));
    return (await applicationsOfRound(db, a.round.id)).filter((x) => mine.has(x.id));
  }
  return consultedApplications(db, a.round.id, a.user.orgUnitId);
}


/** The organiser office as its documents name it: the full name and the short one (省质强办). */
export async function officeNames(db: Kysely<Database>, orgId: number): Promise<{ name: string; shortName: string }> {
  const o = await db.selectFrom('org_unit').select(['name', 'short_name']).where('id', '=', orgId).executeTakeFirstOrThrow();
  return { name: o.name, shortName: o.short_name ?? o.name };
}

/** Who the evaluation's documents (受理通知书, 评价报告) name: the organiser office, the applicant, the round. */
export async function partiesOf(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow) {
  const applicant = await orgById(db, app.applicant_org_id);
  return { organiser: await officeNames(db, a.round.organiser_org_id), applicant: applicant?.name ?? `单位${app.applicant_org_id}`, round: { year: a.round.year, title: a.round.title } };
}

/** When an application last moved by `event` (its audit row), e.g. the confirmation of the 综合评价; null when not recorded. */
export async function lastEventAt(db: Kysely<Database>, applicationId: number, event: string): Promise<string | null> {
  const [last] = await recordedChanges(db, 'evaluation_application', applicationId, { action: `evaluationApplication.${event}` });
  return last?.at ?? null;
}

/**
 * What the quality analysis report (modules/analysis) reads from the creation evaluation: the applications of a
 * year's rounds by the given applicants (a city and its counties, or every unit for the province), or named
 * within the period, with their state and 命名 document.
 */
export interface EvaluationOfPeriod {
  roundTitle: string;
  year: number;
  applicant: string;
  status: string;
  statusLabel: string;
  namedAt: string | null;
  namingDocNo: string | null;
}

export async function evaluationsOfPeriod(db: Kysely<Database>, o: { year: number; from: string; to: string; applicantIds: number[] | null }): Promise<EvaluationOfPeriod[]> {
  let q = db
    .selectFrom('evaluation_application')
    .innerJoin('evaluation_round', 'evaluation_round.id', 'evaluation_application.round_id')
    .innerJoin('org_unit', 'org_unit.id', 'evaluation_application.applicant_org_id')
    .select(['evaluation_round.title', 'evaluation_round.year', 'org_unit.name', 'evaluation_application.status', 'evaluation_application.named_at', 'evaluation_application.naming_doc_no'])
    .where('evaluation_application.status', '!=', 'draft')
    .where((eb) => eb.or([eb('evaluation_round.year', '=', o.year), eb.and([eb('evaluation_application.named_at', '>=', o.from), eb('evaluation_application.named_at', '<=', o.to)])]));
  if (o.applicantIds) q = q.where('evaluation_application.applicant_org_id', 'in', o.applicantIds.length ? o.applicantIds : [0]);
  const rows = await q.orderBy('evaluation_round.year').orderBy('org_unit.sort_order').execute();
  return rows.map((r) => ({ roundTitle: r.title, year: r.year, applicant: r.name, status: r.status, statusLabel: APPLICATION_WORKFLOW.states[r.status], namedAt: r.named_at, namingDocNo: r.naming_doc_no }));
}

