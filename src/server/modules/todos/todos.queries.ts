/**
 * 待办: most to-dos are derived from the workflow state on every read (loadTodoState below feeds the rule table
 * src/shared/workflow/todos.ts). Stored rows remain for notices: a to-do addressed to one user, or to every user
 * of a role (optionally within one org unit), created with addTodo() in the same transaction as the change that
 * causes it, and closed with closeTodos() when the work is done. Every SQL statement of the to-do module is here (Kysely only).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { latestRecorded, recordedChanges, recordedTallies, type RecordedChange } from '../../core/audit';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { peerTableTitle } from '../../../shared/contracts/evaluation';
import { deriveTodos, DERIVED_KINDS, type AnalysisDueState, type CycleState, type EvaluationState, type LaggingIndicatorState, type PlanSeat, type TodoState } from '../../../shared/workflow/todos';
import type { Todo } from '../../../shared/contracts/todos';
import { watchOf } from '../../db/write-watch';
import { presentDerived, presentTodo } from './todos.presenter';
import { dueOnOf, halfYear, lastEndedPeriod } from '../../../shared/analysis/periods';
import type { SessionUser } from '../../core/session';
import { loadWorkplanTodoState } from '../workplan';
import { loadRectificationTodoState, raisedFromIndicators } from '../rectification';
import { can } from '../../../shared/permissions';
import { chinaDate } from '../../../shared/deadline';
import { laggingBindingIndicators, loadIndicatorTodoState } from '../indicators';
import { loadPolicyTodoState } from '../honours';

export interface NewTodo {
  userId?: number;
  orgUnitId?: number;
  role?: Role;
  kind: string;
  title: string;
  detail?: string;
  link?: string;
  dueAt?: string;
  sourceType?: string;
  sourceId?: string;
  /** when it is raised: the change's clock (c.clock.at) */
  at: string;
}

export async function addTodo(db: Kysely<Database>, t: NewTodo): Promise<void> {
  if (t.userId === undefined && t.role === undefined) throw new Error('a to-do needs a user or a role');
  await db
    .insertInto('todo')
    .values({
      user_id: t.userId ?? null,
      org_unit_id: t.orgUnitId ?? null,
      role: t.role ?? null,
      kind: t.kind,
      title: t.title,
      detail: t.detail ?? null,
      link: t.link ?? null,
      due_at: t.dueAt ?? null,
      source_type: t.sourceType ?? null,
      source_id: t.sourceId ?? null,
      status: 'open',
      created_at: t.at,
    })
    .execute();
}

/** Close every open to-do of a kind raised by a source (e.g. all reminders for one declaration). */
export async function closeTodos(
  db: Kysely<Database>,
  done: { by: number | null; at: string },
  where: { kind: string; sourceType: string; sourceId: string },
): Promise<number> {
  const r = await db
    .updateTable('todo')
    .set({ status: 'done', done_at: done.at, done_by: done.by })
    .where('kind', '=', where.kind)
    .where('source_type', '=', where.sourceType)
    .where('source_id', '=', where.sourceId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Whether an open to-do of a kind is already raised for a source (to keep one open at a time). */
export async function hasOpenTodo(db: Kysely<Database>, where: { kind: string; sourceId: string }): Promise<boolean> {
  const r = await db
    .selectFrom('todo')
    .select('id')
    .where('kind', '=', where.kind)
    .where('source_id', '=', where.sourceId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return !!r;
}

/** Close a user's own open to-dos of a kind (e.g. "change your password" once they have), done by that user. */
export async function closeOwnTodos(db: Kysely<Database>, userId: number, kind: string, now: string): Promise<void> {
  await db
    .updateTable('todo')
    .set({ status: 'done', done_at: now, done_by: userId })
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .execute();
}

export function todosFor(db: Kysely<Database>, me: SessionUser) {
  return db.selectFrom('todo').where((eb) =>
    eb.or([
      eb('user_id', '=', me.id),
      eb.and([eb('user_id', 'is', null), eb('role', '=', me.role), eb('org_unit_id', '=', me.orgUnitId)]),
      eb.and([eb('user_id', 'is', null), eb('role', '=', me.role), eb('org_unit_id', 'is', null)]),
    ]),
  );
}

/** The caller's to-dos in one status, soonest due first (at most 500). */
export const listTodos = (db: Kysely<Database>, me: SessionUser, status: 'open' | 'done') =>
  todosFor(db, me).selectAll().where('status', '=', status).orderBy('due_at', 'asc').orderBy('id', 'desc').limit(500).execute();

export const findMyTodo = (db: Kysely<Database>, me: SessionUser, id: number) => todosFor(db, me).selectAll().where('id', '=', id).executeTakeFirst();

export const findTodo = (db: Kysely<Database>, id: number) => db.selectFrom('todo').selectAll().where('id', '=', id).executeTakeFirst();

/** Mark one open to-do done; false when someone else did first. */
export async function markDone(db: Kysely<Database>, id: number, by: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('todo')
    .set({ status: 'done', done_at: now, done_by: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ------------------------------------------------------------------------------------------------ derived to-dos

/** The state the rule table (src/shared/workflow/todos.ts) derives to-dos from, as one viewer needs it. */
export async function loadTodoState(db: Kysely<Database>, me: SessionUser, now: Date): Promise<TodoState> {
  const cycleRows = await db
    .selectFrom('assessment_cycle as c')
    .innerJoin('org_unit as o', 'o.id', 'c.office_org_id')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select([
      'p.kind as office_parent_kind',
      'p.name as office_parent_name',
      'c.preliminary_published_at',
      'c.id',
      'c.year',
      'c.title',
      'c.status',
      'c.office_org_id',
      'o.parent_id as office_parent_id',
      'c.deadline',
      'c.objection_start',
      'c.objection_end',
      'c.published_at',
    ])
    .orderBy('c.id')
    .execute();
  // Only cycles still moving carry their parts; a published cycle needs no more than its header.
  const live = cycleRows.filter((c) => c.status !== 'published').map((c) => c.id);
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const [units, decls, schemes, subs, objections, selfReports] = await Promise.all([
    live.length ? db.selectFrom('cycle_unit').select(['cycle_id', 'org_unit_id']).where('cycle_id', 'in', live).execute() : none<{ cycle_id: number; org_unit_id: number }>(),
    live.length
      ? db
          .selectFrom('declaration as d')
          .innerJoin('org_unit as o', 'o.id', 'd.department_id')
          .select(['d.id', 'd.cycle_id', 'd.department_id', 'o.name', 'd.status', 'd.late', 'd.reopened_until', 'd.return_reason'])
          .where('d.cycle_id', 'in', live)
          .orderBy('o.sort_order')
          .execute()
      : none<never>(),
    live.length ? db.selectFrom('scheme').select('cycle_id').where('status', '=', 'published').where('cycle_id', 'in', live).execute() : none<never>(),
    live.length
      ? db
          .selectFrom('score_submission as s')
          .innerJoin('org_unit as o', 'o.id', 's.department_id')
          .select(['s.cycle_id', 's.department_id', 'o.name', 's.status', 's.reopen_reason'])
          .where('s.cycle_id', 'in', live)
          .orderBy('o.sort_order')
          .execute()
      : none<never>(),
    live.length ? db.selectFrom('objection').select(['id', 'cycle_id', 'unit_id', 'department_id', 'status']).where('cycle_id', 'in', live).execute() : none<never>(),
    live.length
      ? db
          .selectFrom('self_report')
          .select(['cycle_id', 'unit_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('cycle_id', 'in', live)
          .where('text', '!=', '')
          .groupBy(['cycle_id', 'unit_id'])
          .execute()
      : none<never>(),
  ]);
  // Reminders and the reopening reason show on outstanding declarations only (read by the entity index).
  const collecting = new Set(cycleRows.filter((c) => c.status === 'collecting').map((c) => c.id));
  const outstandingIds = decls.filter((d) => collecting.has(d.cycle_id) && (d.status === 'draft' || d.status === 'returned')).map((d) => String(d.id));
  // (none outstanding: neither reads)
  const [reminders, reopens] = await Promise.all([remindersOfMany(db, outstandingIds.map(Number)), latestRecorded(db, 'declaration', outstandingIds, DECLARATION_REOPEN)]);
  const reopenReason = (id: number) => {
    const last = reopens.get(String(id));
    return last ? ((JSON.parse(last.after_json ?? '{}') as { reason?: string }).reason ?? null) : null;
  };
  const published = new Set(schemes.map((s) => s.cycle_id));

  const cycles: CycleState[] = cycleRows.map((c) => ({
    id: c.id,
    year: c.year,
    title: c.title,
    status: c.status,
    officeOrgId: c.office_org_id,
    officeParentId: c.office_parent_id,
    deadline: c.deadline,
    objectionStart: c.objection_start,
    objectionEnd: c.objection_end,
    publishedAt: c.published_at,
    assessesCounties: c.office_parent_kind === 'city',
    cityName: c.office_parent_kind === 'city' ? c.office_parent_name : null,
    unitIds: units.filter((u) => u.cycle_id === c.id).map((u) => u.org_unit_id),
    declarations: decls
      .filter((d) => d.cycle_id === c.id)
      .map((d) => ({
        id: d.id,
        departmentId: d.department_id,
        departmentName: d.name,
        status: d.status,
        late: !!Number(d.late),
        reopenedUntil: d.reopened_until,
        returnReason: d.return_reason,
        reopenReason: reopenReason(d.id),
        reminders: reminders.get(d.id) ?? null,
      })),
    hasPublishedScheme: published.has(c.id),
    submissions: subs
      .filter((s) => s.cycle_id === c.id)
      .map((s) => ({ departmentId: s.department_id, departmentName: s.name, status: s.status, reopenReason: s.reopen_reason })),
    preliminaryPublishedAt: c.preliminary_published_at,
    objections: objections.filter((o) => o.cycle_id === c.id).map((o) => ({ id: o.id, unitId: o.unit_id, departmentId: o.department_id, status: o.status })),
    selfReports: Object.fromEntries(selfReports.filter((r) => r.cycle_id === c.id).map((r) => [r.unit_id, Number(r.n)])),
  }));

  const pendingAccounts =
    me.role === 'secadmin'
      ? (
          await db
            .selectFrom('app_user as u')
            .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
            .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'o.name'])
            .where('u.status', '=', 'pending')
            .orderBy('u.id')
            .execute()
        ).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, roleLabel: ROLE_LABELS[u.role], orgUnitName: u.name }))
      : [];
  // the creation evaluation's rules serve these roles only (the others need not pay for its queries)
  const evaluations = ['office', 'department', 'unit', 'expert'].includes(me.role) ? await loadEvaluationState(db) : [];
  // plan-indicator reporting (issue 12): reporters, reviewers and the plans' offices
  const indicatorReporting = ['office', 'department', 'unit'].includes(me.role) ? await loadIndicatorTodoState(db, me, chinaDate(now)) : undefined;
  // the expiring incentive policies the office keeps (policyWriteRefusal in modules/honours)
  const policies = me.role === 'office' ? await loadPolicyTodoState(db, me) : [];
  // work plan supervision (签收, reports due, 催办 / 督办单, extensions, closure reviews)
  const workplan = ['office', 'department', 'unit'].includes(me.role) ? await loadWorkplanTodoState(db, now) : [];
  // a lagging binding plan indicator: the plan's office and its responsible departments (issue 12)
  const laggingIndicators = ['office', 'department'].includes(me.role) && can(me.role, 'indicators.read') ? await laggingWithFollowUp(db) : [];
  // the office's quality analysis report for the last ended half-year, while not issued
  const analysisDue = await loadAnalysisDue(db, me, now);
  // 整改事项 supervision (issue 13): owners report, raisers escalate and decide
  const rect = ['office', 'department', 'unit'].includes(me.role) ? await loadRectificationTodoState(db, now) : { items: [], answersOwed: [] };
  // the first answer an evaluation's applicant owes (答复整改情况): the items answerOwed marks (rectification.policy.ts)
  const rectifications = me.role === 'unit' ? rect.answersOwed : [];
  return { now, cycles, pendingAccounts, evaluations, rectifications, policies, workplan, laggingIndicators, analysisDue, rectificationItems: rect.items, ...(indicatorReporting ? { indicatorReporting } : {}) };
}

/**
 * The lagging binding indicators, each with the 整改事项 raised for that year's figure of the plan's region (owned by
 * the region itself or by a responsible department, raiseFromIndicator's rule), if any. Five queries in all.
 */
async function laggingWithFollowUp(db: Kysely<Database>): Promise<LaggingIndicatorState[]> {
  const lagging = await laggingBindingIndicators(db);
  const raised = await raisedFromIndicators(db, lagging.map((l) => l.indicatorId));
  return lagging.map((l) => ({
    ...l,
    rectificationId: raised.find((r) => r.indicatorId === l.indicatorId && r.year === l.year && (r.ownerOrgId === l.regionOrgId || l.departmentIds.includes(r.ownerOrgId)))?.id ?? null,
  }));
}

/** Applications of the creation evaluation still moving (not refused, not named), with their consultations and newest plan. */
async function loadEvaluationState(db: Kysely<Database>): Promise<EvaluationState[]> {
  const apps = await db
    .selectFrom('evaluation_application as a')
    .innerJoin('evaluation_round as r', 'r.id', 'a.round_id')
    .innerJoin('org_unit as o', 'o.id', 'a.applicant_org_id')
    .select(['a.id', 'r.year', 'r.organiser_org_id', 'a.applicant_org_id', 'o.name', 'o.kind', 'a.status', 'a.return_reason', 'a.consolidation_json'])
    .where('a.status', 'not in', ['refused', 'named'])
    .orderBy('a.id')
    .execute();
  if (!apps.length) return [];
  const ids = apps.map((a) => a.id);
  const [consultations, plans, sheets, selfs] = await Promise.all([
    db.selectFrom('eligibility_consultation').select(['id', 'application_id', 'department_id']).where('status', '=', 'pending').where('application_id', 'in', ids).execute(),
    db.selectFrom('evaluation_plan').select(['id', 'application_id', 'version_no', 'status', 'document_review_start', 'document_review_end', 'site_review_start', 'site_review_end', 'peer_table_id']).where('application_id', 'in', ids).execute(),
    db.selectFrom('expert_sheet').select(['application_id', 'expert_id', 'status', 'stage']).where('application_id', 'in', ids).execute(),
    db.selectFrom('self_assessment').select(['application_id', 'status', 'return_reason', 'checked_at']).where('application_id', 'in', ids).execute(),
  ]);
  const newest = new Map<number, (typeof plans)[number]>();
  for (const p of plans) if ((newest.get(p.application_id)?.version_no ?? 0) < p.version_no) newest.set(p.application_id, p);
  // the review runs on the plan in force (the approved version) while a revision is drafted; before any approval, the draft
  const inForce = new Map(plans.filter((p) => p.status === 'approved').map((p) => [p.application_id, p]));
  const planIds = [...new Set([...newest.values(), ...inForce.values()].map((p) => p.id))];
  const members = planIds.length
    ? await db
        .selectFrom('plan_member as m')
        .innerJoin('expert as e', 'e.id', 'm.expert_id')
        .select(['m.id', 'm.plan_id', 'm.expert_id', 'e.user_id', 'e.name', 'm.leader', 'm.status', 'm.items_json'])
        .where('m.plan_id', 'in', planIds)
        .orderBy('m.id')
        .execute()
    : [];
  const peers = await peersWaiting(db, apps.filter((a) => a.status === 'accepted' && newest.get(a.id)?.status !== 'approved'), newest, apps);
  const seatsOf = (a: { id: number }, planId: number): PlanSeat[] =>
    members
      .filter((m) => m.plan_id === planId)
      .map((m) => {
        const sheet = sheets.find((x) => x.application_id === a.id && x.expert_id === m.expert_id);
        return {
          id: m.id,
          userId: m.user_id,
          name: m.name,
          leader: m.leader === 1,
          recusal: m.status,
          sheet: sheet?.status ?? 'none',
          stage: sheet?.stage ?? 'document',
          assigned: (JSON.parse(m.items_json) as string[]).length > 0,
        };
      });
  return apps.map((a) => {
    const draft = newest.get(a.id);
    const plan = inForce.get(a.id) ?? draft;
    const revision = draft && plan && draft.id !== plan.id ? draft : undefined;
    return {
      peers: peers.get(a.id) ?? null,
      id: a.id,
      year: a.year,
      organiserOrgId: a.organiser_org_id,
      applicantOrgId: a.applicant_org_id,
      applicantName: a.name,
      status: a.status,
      returnReason: a.return_reason,
      passed: a.consolidation_json ? ((JSON.parse(a.consolidation_json) as { passed: boolean | null }).passed ?? null) : null,
      pendingConsultations: consultations.filter((c) => c.application_id === a.id).map((c) => ({ id: c.id, departmentId: c.department_id })),
      selfAssessment: selfs.find((x) => x.application_id === a.id)?.status ?? 'none',
      selfReturnReason: selfs.find((x) => x.application_id === a.id)?.return_reason ?? null,
      selfChecked: !!selfs.find((x) => x.application_id === a.id)?.checked_at,
      plan: plan
        ? {
            status: plan.status,
            documentReviewStart: plan.document_review_start,
            documentReviewEnd: plan.document_review_end,
            siteReviewStart: plan.site_review_start,
            siteReviewEnd: plan.site_review_end,
            members: seatsOf(a, plan.id),
          }
        : null,
      revision: revision ? { members: seatsOf(a, revision.id) } : null,
    };
  });
}

/**
 * For applications whose plan is being drawn up: the peer table the plan will rank against (the draft's; with no
 * plan yet, the organiser's table of the round's year and the applicant's level) and its peers without a value, or
 * 'missing' when there is none yet. A draft that uses no table needs nothing.
 * A blank left to an evaluation group is not waited on: the count of a unit that itself applies to the table's
 * organiser in the table's year (`applying`, the applications still under way) is verified by that unit's own group
 * (申请创建单位，由评价组核定), so the organiser's to-do closes once every other unit has its value.
 */
async function peersWaiting(
  db: Kysely<Database>,
  apps: { id: number; year: number; organiser_org_id: number; applicant_org_id: number; kind: string }[],
  plans: Map<number, { peer_table_id: number | null }>,
  applying: readonly { year: number; organiser_org_id: number; applicant_org_id: number }[],
): Promise<Map<number, { tableId: number; title: string; unfilled: number } | 'missing'>> {
  const out = new Map<number, { tableId: number; title: string; unfilled: number } | 'missing'>();
  if (!apps.length) return out;
  const tables = await db.selectFrom('peer_table').select(['id', 'organiser_org_id', 'year', 'level', 'metric']).where('organiser_org_id', 'in', [...new Set(apps.map((a) => a.organiser_org_id))]).orderBy('id').execute();
  const unfilled = tables.length
    ? await db.selectFrom('peer_value').select(['table_id', 'org_id']).where('table_id', 'in', tables.map((t) => t.id)).where('value', 'is', null).execute()
    : [];
  for (const a of apps) {
    const plan = plans.get(a.id);
    const level = a.kind === 'city' ? 'city' : a.kind === 'county' ? 'county' : null;
    if (!level || (plan && plan.peer_table_id === null)) continue;
    const t = plan ? tables.find((x) => x.id === plan.peer_table_id) : tables.find((x) => x.organiser_org_id === a.organiser_org_id && x.year === a.year && x.level === level);
    if (!t) {
      out.set(a.id, 'missing');
      continue;
    }
    const leftToGroup = new Set([a.applicant_org_id, ...applying.filter((x) => x.organiser_org_id === t.organiser_org_id && x.year === t.year).map((x) => x.applicant_org_id)]);
    out.set(a.id, { tableId: t.id, title: peerTableTitle(t), unfilled: unfilled.filter((v) => v.table_id === t.id && !leftToGroup.has(v.org_id)).length });
  }
  return out;
}

export const DECLARATION_REMIND = 'declaration.remind';

/** How often the office has reminded a department of one declaration, and when last. */
/**
 * A declaration with what 催办 needs: its cycle's phase and office, its department's name. Its row locked (in the
 * reminder's transaction): reminders sent at once are counted one after the other, and one sent as the department
 * submits reads the submitted state.
 */
export const declarationToRemind = async (db: Kysely<Database>, id: number) => {
  await db.selectFrom('declaration').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return db
    .selectFrom('declaration')
    .innerJoin('assessment_cycle', 'assessment_cycle.id', 'declaration.cycle_id')
    .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
    .select([
      'declaration.id',
      'declaration.status',
      'declaration.cycle_id',
      'declaration.reopened_until',
      'assessment_cycle.status as cycle_status',
      'assessment_cycle.deadline',
      'assessment_cycle.office_org_id',
      'org_unit.name as department_name',
    ])
    .where('declaration.id', '=', id)
    .executeTakeFirst();
};

/** the office's 重新开放 of a declaration (its audit action): a 催办 before it holds no other (remindedJustNow) */
export const DECLARATION_REOPEN = 'declaration.reopen';

/**
 * How often the office has reminded each of these declarations, and when last (those never reminded are absent); and
 * when the office last reopened it (null if never), after which the 10-minute hold starts afresh (remindedJustNow).
 */
export async function remindersOfMany(db: Kysely<Database>, declarationIds: readonly number[]): Promise<Map<number, { count: number; lastAt: string; reopenedAt: string | null }>> {
  // one read for both actions (the to-do state reads this for every outstanding declaration at once)
  const tallies = await recordedTallies(db, 'declaration', declarationIds, [DECLARATION_REMIND, DECLARATION_REOPEN]);
  const reopened = new Map(tallies.filter((r) => r.action === DECLARATION_REOPEN).map((r) => [r.entityId, r.lastAt]));
  return new Map(tallies.filter((r) => r.action === DECLARATION_REMIND).map((r) => [Number(r.entityId), { count: r.count, lastAt: r.lastAt, reopenedAt: reopened.get(r.entityId) ?? null }]));
}

/** remindersOfMany for one declaration, with its last 催办 as recorded (who sent it, of which unit, when; null if never reminded) */
export async function remindersOf(db: Kysely<Database>, declarationId: number): Promise<{ count: number; last: RecordedChange | null; reopenedAt: string | null }> {
  const tally = (await remindersOfMany(db, [declarationId])).get(declarationId);
  const [last] = tally ? await recordedChanges(db, 'declaration', declarationId, { action: DECLARATION_REMIND }) : [];
  return { count: tally?.count ?? 0, last: last ?? null, reopenedAt: tally?.reopenedAt ?? null };
}

/**
 * The office's quality analysis report (质量分析报告, DB43 4.8) for the last ended half-year while not issued: a
 * province's or a city's quality office only (read here, not through modules/analysis, which reads the assessment
 * module that reads this one).
 */
async function loadAnalysisDue(db: Kysely<Database>, me: SessionUser, now: Date): Promise<AnalysisDueState[]> {
  if (me.role !== 'office' || me.org.parentId === null) return [];
  const region = await db.selectFrom('org_unit').select('kind').where('id', '=', me.org.parentId).executeTakeFirst();
  if (region?.kind !== 'province' && region?.kind !== 'city') return [];
  const period = lastEndedPeriod(chinaDate(now));
  const r = await db.selectFrom('analysis_report').select(['id', 'status']).where('office_org_id', '=', me.orgUnitId).where('period', '=', period).executeTakeFirst();
  if (r?.status === 'issued') return [];
  return [{ officeOrgId: me.orgUnitId, period, periodLabel: halfYear(period).label, dueOn: dueOnOf(period), reportId: r?.id ?? null }];
}

const dueOrder = (t: { dueAt: string | null }) => (t.dueAt === null ? '9999' : t.dueAt.length === 10 ? `${t.dueAt}T24` : t.dueAt);

async function readMyTodos(db: Kysely<Database>, me: SessionUser, status: 'open' | 'done', now: Date): Promise<readonly Todo[]> {
  const stored = (await listTodos(db, me, status)).map(presentTodo);
  if (status === 'done') return stored;
  // The state decides the kinds the rule table derives; stored rows of those kinds are not shown.
  const derived = deriveTodos(await loadTodoState(db, me, now), me).map(presentDerived);
  const items = [...derived, ...stored.filter((t) => !DERIVED_KINDS.has(t.kind))];
  items.sort((a, b) => (dueOrder(a) < dueOrder(b) ? -1 : dueOrder(a) > dueOrder(b) ? 1 : 0));
  return items;
}

/** how long one user's to-do list is used again at most, and the clock slice it was derived for */
const TODO_COPY_MS = 5_000;

/**
 * The caller's to-do list (open, or done): derived from the state of every kind of work, some forty statements.
 * Every page shows it, so the list found is kept per user for at most TODO_COPY_MS, and only while this process
 * wrote nothing at all (db/write-watch.ts): the derivation reads so many tables that any change may move it. A
 * list serves only the clock slice (of the same length) it was derived in, so a deadline passing is seen within
 * that time, and a clock moved by the configuration (tests, the demo) gets a list of its own.
 */
export async function myTodos(db: Kysely<Database>, me: SessionUser, status: 'open' | 'done', now: Date): Promise<readonly Todo[]> {
  const slice = Math.floor(now.getTime() / TODO_COPY_MS);
  const read = async () => ({ slice, items: Object.freeze((await readMyTodos(db, me, status, now)).map((t) => Object.freeze(t))) });
  const watch = watchOf(db);
  if (!watch) return (await read()).items;
  const key = `${me.id}:${me.role}:${me.orgUnitId}:${status}`;
  const kept = await watch.copies<{ slice: number; items: readonly Todo[] }>('todos', { columns: 'any', ttlMs: TODO_COPY_MS, max: 5_000 }).get(key, read, (v) => v.slice === slice);
  // (a read shared with a request of another slice — the configured clock moved meanwhile — is not used)
  return kept.slice === slice ? kept.items : (await read()).items;
}
