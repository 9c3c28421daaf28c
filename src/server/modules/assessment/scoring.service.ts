/**
 * 评分: who scores what, the grid, answers checked by the scoring engine, submission (lock), completeness,
 * reminders. Data functions take the db (or a transaction) first.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { scoreUnit, ScoringInputError, type UnitResult } from '../../../shared/scoring';
import type { CriterionDef, ScoreCell, SelfReportItem, SubmissionInfo } from '../../../shared/contracts/scoring';
import { missingLabel } from '../../../shared/contracts/scoring';
import { SCORE_SUBMISSION_WORKFLOW, CYCLE_WORKFLOW, type CycleStatus, type SubmissionStatus } from '../../../shared/workflow/assessment';
import { badRequest, conflict, forbidden, notFound } from '../../core/errors';
import { addTodo, closeTodos } from '../todos/todos.service';
import type { AuditRecord } from '../../core/audit';
import type { SessionUser } from '../../core/session';
import { transition } from '../../core/transition';
import { listEvidence } from '../evidence/evidence.repository';
import { abilities, requireParticipation, type CycleAccess } from './assessment.policy';
import { criteriaOf, currentScheme, cycleUnits, evaluatorCodes, lockCycle, publishedScheme, type CycleRow } from './assessment.repository';

export type Unit = { id: number; code: string; name: string };
export type Cell = { itemCode: string; criterionCode: string };
export const cellKey = (c: Cell) => `${c.itemCode}.${c.criterionCode}`;

/** to-do kinds raised by scoring */
export const TODO = {
  fill: 'score.enter', // the kind the scheme publication uses (schemes.service openSubmissions)
  remind: 'scoring.remind',
  reopened: 'scoring.reopened',
  allSubmitted: 'scoring.allSubmitted',
} as const;
export const submissionSource = (cycleId: number, departmentId: number) => ({ sourceType: 'score_submission', sourceId: `${cycleId}:${departmentId}` });

/**
 * The evaluator codes that stand for the caller: its org code; the assessing office also answers to "office"
 * (the schemes name the provincial office's key points by that code, and a city's office assessing its counties
 * takes the same place).
 */
export function callerCodes(a: CycleAccess): string[] {
  return a.as === 'office' ? [...new Set([a.orgCode, 'office'])] : [a.orgCode];
}

export function evaluatorsOf(fw: Framework, itemCode: string, criterionCode: string): string[] | null {
  for (const s of fw.sections)
    for (const i of s.items)
      if (i.code === itemCode) {
        const c = i.criteria.find((x) => x.code === criterionCode);
        return c ? (c.evaluators ?? i.evaluators ?? []) : null;
      }
  return null;
}

/** The criteria the caller scores (department: its own; office: those evaluated by the office). */
export function ownCriteria(fw: Framework, a: CycleAccess): Cell[] {
  const seen = new Set<string>();
  const out: Cell[] = [];
  for (const code of callerCodes(a))
    for (const c of criteriaOf(fw, code)) {
      if (seen.has(cellKey(c))) continue;
      seen.add(cellKey(c));
      out.push(c);
    }
  return out;
}

export function allCriteria(fw: Framework): Cell[] {
  return fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((c) => ({ itemCode: i.code, criterionCode: c.code }))));
}

/** The framework reduced to some criteria (items and sections without any are dropped), for live totals. */
export function reduceFramework(fw: Framework, keep: Cell[]): Framework {
  const keys = new Set(keep.map(cellKey));
  return {
    ...fw,
    sections: fw.sections
      .map((s) => ({
        ...s,
        items: s.items
          .map((i) => ({ ...i, criteria: i.criteria.filter((c) => keys.has(`${i.code}.${c.code}`)) }))
          .filter((i) => i.criteria.length > 0),
      }))
      .filter((s) => s.items.length > 0),
  };
}

export async function orgsByCode(db: Kysely<Database>, codes: string[]): Promise<Map<string, { id: number; code: string; name: string }>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** The evaluating departments (and the office, when it scores) of a published scheme, in scheme order. */
export async function evaluatingOrgs(db: Kysely<Database>, a: CycleAccess, fw: Framework) {
  const codes = [...evaluatorCodes(fw)];
  const byCode = await orgsByCode(db, codes);
  const out: { id: number; code: string; name: string; criteria: Cell[] }[] = [];
  for (const code of codes) {
    const org = code === 'office' ? { ...(await db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', '=', a.cycle.office_org_id).executeTakeFirstOrThrow()) } : byCode.get(code);
    if (!org) continue;
    const existing = out.find((o) => o.id === org.id);
    const crit = criteriaOf(fw, code);
    if (existing) existing.criteria.push(...crit);
    else out.push({ ...org, criteria: crit });
  }
  return out;
}

/** The published scheme, or 409: scores are entered only against a published scheme. */
export async function requirePublished(db: Kysely<Database>, cycleId: number) {
  const s = await publishedScheme(db, cycleId);
  if (!s) throw conflict('考核方案尚未发布，暂不能评分');
  return s;
}

export function requireScoringPhase(a: CycleAccess): void {
  if (a.cycle.status !== 'scoring') {
    throw conflict(`当前考核状态为「${CYCLE_WORKFLOW.states[a.cycle.status as CycleStatus] ?? a.cycle.status}」，不在评分阶段，评分不能修改`);
  }
}

/** the 409 of a score change after the department's submission */
export const SUBMISSION_LOCKED = '本部门的评分已提交锁定，不能再修改；如需修改，请联系省质强办重新开放评分';

/**
 * The preconditions of every change to a department's scores, read inside the change's transaction under
 * lock: the cycle (FOR SHARE) is still scoring, the scheme the caller was checked against is still the
 * published one, and the department's submission row (FOR UPDATE; created 'open' if missing) — which
 * serialises score writes against the submission. A score save takes it FOR SHARE (mode 'share'): saves of one
 * department run side by side (each cell has its own version and unique key), and the submission, which takes
 * it FOR UPDATE, still waits for them all. Returns the locked submission; the caller checks its status.
 */
export async function lockScoring(trx: Transaction<Database>, a: CycleAccess, schemeId: number, departmentId = a.orgUnitId, mode: 'share' | 'update' = 'update') {
  const cycle = await lockCycle(trx, a.cycle.id, 'share');
  requireScoringPhase({ ...a, cycle });
  const scheme = await publishedScheme(trx, a.cycle.id);
  if (!scheme) throw conflict('考核方案尚未发布，暂不能评分');
  if (scheme.row.id !== schemeId) throw conflict('考核方案已发布新版本，请刷新页面后按新版本评分');
  const locked = () => {
    const q = trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).where('department_id', '=', departmentId);
    return mode === 'share' ? q.forShare() : q.forUpdate();
  };
  // one read in the usual case (the publication made the row); created 'open' on first use otherwise
  const row = await locked().executeTakeFirst();
  if (row) return row;
  await ensureSubmission(trx, a.cycle.id, departmentId);
  return locked().executeTakeFirstOrThrow();
}

export async function submissionOf(db: Kysely<Database>, cycleId: number, departmentId: number) {
  return db.selectFrom('score_submission').selectAll().where('cycle_id', '=', cycleId).where('department_id', '=', departmentId).executeTakeFirst();
}

/** A department's submission row, created 'open' on first use (the scheme publication normally creates them). */
export async function ensureSubmission(db: Kysely<Database>, cycleId: number, departmentId: number) {
  const row = await submissionOf(db, cycleId, departmentId);
  if (row) return row;
  await db
    .insertInto('score_submission')
    .values({ cycle_id: cycleId, department_id: departmentId, status: 'open', submitted_at: null, reopen_reason: null, version: 1, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['cycle_id', 'department_id']).doNothing())
    .execute();
  return (await submissionOf(db, cycleId, departmentId))!;
}

/** a department with no submission row yet is simply still scoring */
export const OPEN_SUBMISSION = (departmentId: number) => ({ department_id: departmentId, status: 'open', submitted_at: null, reopen_reason: null });

export const presentSubmission = (r: { department_id: number; status: string; submitted_at: string | null; reopen_reason: string | null }): SubmissionInfo => ({
  departmentId: r.department_id,
  status: r.status as SubmissionStatus,
  statusLabel: SCORE_SUBMISSION_WORKFLOW.states[r.status as SubmissionStatus] ?? r.status,
  submittedAt: r.submitted_at,
  reopenReason: r.reopen_reason,
});

/**
 * Everything that must hold before the caller changes one score: scoring phase, published scheme, the criterion
 * exists and is the caller's, the unit is assessed in the cycle. A quick answer before any transaction; the
 * change itself re-reads what can change under it, and checks the caller's submission is open, with lockScoring.
 */
export async function checkScoreWrite(db: Kysely<Database>, a: CycleAccess, unitId: number, itemCode: string, criterionCode: string) {
  requireParticipation(a, ['department', 'office'], '只有评价部门可以评分');
  requireScoringPhase(a);
  const scheme = await requirePublished(db, a.cycle.id);
  const evaluators = evaluatorsOf(scheme.framework, itemCode, criterionCode);
  if (!evaluators) throw notFound(`考核方案中没有考核要点 ${itemCode}.${criterionCode}`);
  const mine = callerCodes(a);
  if (!evaluators.some((e) => mine.includes(e))) {
    const names = [...(await orgsByCode(db, evaluators)).values()].map((o) => o.name);
    throw forbidden(`考核要点 ${itemCode}.${criterionCode} 由${names.join('、') || '其他部门'}评分，您无权评分`);
  }
  const unit = await db
    .selectFrom('cycle_unit')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_unit.org_unit_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name'])
    .where('cycle_unit.cycle_id', '=', a.cycle.id)
    .where('cycle_unit.org_unit_id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw notFound(`被考核单位 ${unitId} 不在本次考核范围内`);
  // the submission's state (SUBMISSION_LOCKED) is checked once, under lock, by the change itself (lockScoring)
  return { scheme, unit };
}

/** The engine's verdict on one answer: its score and explanation, or a 400 with the engine's own message. */
export function engineCheck(fw: Framework, unitCode: string, itemCode: string, criterionCode: string, answer: unknown): { score: string; explanation: string } {
  let r: UnitResult;
  try {
    r = scoreUnit(fw, { unit: unitCode, answers: { [itemCode]: { [criterionCode]: answer as never } } });
  } catch (e) {
    if (e instanceof ScoringInputError) {
      const msg = e.issues.map((i) => i.message).join('；');
      throw badRequest(`${itemCode}.${criterionCode} 的评分有误：${msg}`, [{ field: 'answer', message: msg }]);
    }
    throw e;
  }
  const cr = findCriterionResult(r, itemCode, criterionCode);
  return { score: cr?.score ?? '0', explanation: cr?.explanation ?? '' };
}

export function findCriterionResult(r: UnitResult, itemCode: string, criterionCode: string) {
  for (const s of r.sections) for (const i of s.items) if (i.code === itemCode) return i.criteria.find((c) => c.code === `${itemCode}.${criterionCode}`);
  return undefined;
}

type ScoreRow = { id: number; unit_id: number; item_code: string; criterion_code: string; answer_json: string; comment: string | null; version: number; updated_by: number | null; updated_at: string };

export async function userNames(db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Stored scores as grid cells, with the engine's score per cell and their evidence. */
export async function presentCells(db: Kysely<Database>, cycleId: number, fw: Framework, units: Unit[], rows: ScoreRow[]): Promise<ScoreCell[]> {
  const names = await userNames(db, rows.map((r) => r.updated_by));
  const evidence = await listEvidence(db, cycleId, 'score', rows.map((r) => r.id));
  // one engine run per unit over that unit's shown answers
  const results = new Map<number, UnitResult | null>();
  for (const u of units) {
    const answers: Record<string, Record<string, unknown>> = {};
    for (const r of rows) if (r.unit_id === u.id) (answers[r.item_code] ??= {})[r.criterion_code] = JSON.parse(r.answer_json);
    try {
      results.set(u.id, scoreUnit(fw, { unit: u.code, answers: answers as never }));
    } catch {
      results.set(u.id, null); // a stored answer the (new) scheme no longer accepts: shown without an engine score
    }
  }
  return rows.map((r) => {
    const res = results.get(r.unit_id);
    const cr = res ? findCriterionResult(res, r.item_code, r.criterion_code) : undefined;
    return {
      id: r.id,
      unitId: r.unit_id,
      itemCode: r.item_code,
      criterionCode: r.criterion_code,
      answer: JSON.parse(r.answer_json),
      comment: r.comment,
      version: r.version,
      updatedBy: r.updated_by !== null ? { id: r.updated_by, name: names.get(r.updated_by) ?? '' } : null,
      updatedAt: r.updated_at,
      score: cr?.score ?? null,
      explanation: cr?.explanation ?? null,
      evidence: evidence.get(r.id) ?? [],
    };
  });
}

export async function loadScoreRows(db: Kysely<Database>, cycleId: number, cells?: Cell[], unitIds?: number[]): Promise<ScoreRow[]> {
  let q = db
    .selectFrom('score')
    .select(['id', 'unit_id', 'item_code', 'criterion_code', 'answer_json', 'comment', 'version', 'updated_by', 'updated_at'])
    .where('cycle_id', '=', cycleId);
  if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? unitIds : [-1]);
  const rows = await q.orderBy('id').execute();
  if (!cells) return rows;
  const keys = new Set(cells.map(cellKey));
  return rows.filter((r) => keys.has(`${r.item_code}.${r.criterion_code}`));
}

export async function findScore(db: Kysely<Database>, cycleId: number, unitId: number, itemCode: string, criterionCode: string) {
  return db
    .selectFrom('score')
    .select(['id', 'unit_id', 'item_code', 'criterion_code', 'answer_json', 'comment', 'version', 'updated_by', 'updated_at', 'department_id'])
    .where('cycle_id', '=', cycleId)
    .where('unit_id', '=', unitId)
    .where('item_code', '=', itemCode)
    .where('criterion_code', '=', criterionCode)
    .executeTakeFirst();
}

export function criterionDefs(fw: Framework, keep: Cell[], orgNames: Map<string, string>, editable: Set<string>): CriterionDef[] {
  const keys = new Set(keep.map(cellKey));
  const out: CriterionDef[] = [];
  for (const s of fw.sections)
    for (const i of s.items)
      for (const c of i.criteria) {
        const key = `${i.code}.${c.code}`;
        if (!keys.has(key)) continue;
        out.push({
          key,
          itemCode: i.code,
          criterionCode: c.code,
          sectionCode: s.code,
          sectionTitle: s.title,
          role: s.role ?? 'base',
          itemTitle: i.title,
          method: i.method ?? null,
          title: c.title,
          points: c.points,
          rule: c.rule,
          evaluators: (c.evaluators ?? i.evaluators ?? []).map((code) => ({ code, name: orgNames.get(code) ?? code })),
          details: c.details ?? [],
          basis: c.basis ?? null,
          notApplicable: c.notApplicable ?? null,
          editable: editable.has(key),
        });
      }
  return out;
}

/** "长沙市 · 7.a 未评分" for every (unit × own criterion) without a stored score. */
export async function missingOf(db: Kysely<Database>, cycleId: number, cells: Cell[], units: Unit[]): Promise<{ unit: Unit; key: string; label: string }[]> {
  const rows = await loadScoreRows(db, cycleId, cells);
  const have = new Set(rows.map((r) => `${r.unit_id}/${r.item_code}.${r.criterion_code}`));
  const out: { unit: Unit; key: string; label: string }[] = [];
  for (const u of units)
    for (const c of cells) {
      const key = cellKey(c);
      if (!have.has(`${u.id}/${key}`)) out.push({ unit: u, key, label: missingLabel(u.name, key) });
    }
  return out;
}

/** Self-reports as presented, with their evidence. */
export async function presentSelfReports(
  db: Kysely<Database>,
  cycleId: number,
  filter: { unitIds?: number[]; itemCodes?: string[] },
): Promise<SelfReportItem[]> {
  let q = db
    .selectFrom('self_report')
    .innerJoin('org_unit', 'org_unit.id', 'self_report.unit_id')
    .select(['self_report.id', 'self_report.unit_id', 'org_unit.name as unit_name', 'self_report.item_code', 'self_report.text', 'self_report.version', 'self_report.updated_by', 'self_report.updated_at'])
    .where('self_report.cycle_id', '=', cycleId);
  if (filter.unitIds) q = q.where('self_report.unit_id', 'in', filter.unitIds.length ? filter.unitIds : [-1]);
  if (filter.itemCodes) q = q.where('self_report.item_code', 'in', filter.itemCodes.length ? filter.itemCodes : ['\u0000']);
  const rows = await q.orderBy('self_report.unit_id').orderBy('self_report.id').execute();
  const names = await userNames(db, rows.map((r) => r.updated_by));
  const evidence = await listEvidence(db, cycleId, 'self_report', rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    itemCode: r.item_code,
    text: r.text,
    version: r.version,
    updatedBy: r.updated_by !== null ? { id: r.updated_by, name: names.get(r.updated_by) ?? '' } : null,
    updatedAt: r.updated_at,
    evidence: evidence.get(r.id) ?? [],
  }));
}

/**
 * The scoring grid: the assessed units × the caller's criteria (view "score"), or, for the office, every
 * criterion read-only (view "all"; the default when the office scores nothing itself).
 */
export async function loadGrid(db: Kysely<Database>, a: CycleAccess, requested: 'score' | 'all' | undefined, paging: { page?: number; pageSize?: number } = {}) {
  const scheme = await publishedScheme(db, a.cycle.id);
  if (!scheme) throw conflict('考核方案尚未发布，还没有评分表');
  const fw = scheme.framework;
  const own = ownCriteria(fw, a);
  const view = a.as === 'office' && (requested === 'all' || (requested === undefined && own.length === 0)) ? 'all' : 'score';
  if (a.as === 'department' && own.length === 0) throw forbidden('本部门在本次考核方案中没有需要评分的考核要点');
  const shown: Cell[] = view === 'all' ? allCriteria(fw) : own;
  const sub = own.length ? ((await submissionOf(db, a.cycle.id, a.orgUnitId)) ?? OPEN_SUBMISSION(a.orgUnitId)) : null;
  const editable = view === 'score' && abilities(a).score && sub?.status === 'open';
  const allUnits = await cycleUnits(db, a.cycle.id);
  const pageSize = paging.pageSize ?? Math.max(1, allUnits.length);
  const page = paging.pageSize ? (paging.page ?? 1) : 1;
  const units = paging.pageSize ? allUnits.slice((page - 1) * pageSize, page * pageSize) : allUnits;
  const unitIds = paging.pageSize ? units.map((u) => u.id) : undefined;
  const reduced = reduceFramework(fw, shown);
  const rows = await loadScoreRows(db, a.cycle.id, shown, unitIds);
  const names = new Map([...(await orgsByCode(db, [...evaluatorCodes(fw)])).values()].map((o) => [o.code, o.name]));
  const ownKeys = new Set(own.map(cellKey));
  return {
    cycleId: a.cycle.id,
    view,
    editable,
    submission: sub ? presentSubmission(sub) : null,
    framework: reduced,
    criteria: criterionDefs(fw, shown, names, editable ? ownKeys : new Set()),
    units,
    unitTotal: allUnits.length,
    page,
    pageSize,
    cells: await presentCells(db, a.cycle.id, reduced, units, rows),
    selfReports: await presentSelfReports(db, a.cycle.id, { itemCodes: [...new Set(shown.map((c) => c.itemCode))], ...(unitIds ? { unitIds } : {}) }),
  };
}

/** Scoring progress: every evaluating department × assessed unit, with submission states and totals. */
export async function loadProgress(db: Kysely<Database>, a: CycleAccess) {
  const scheme = await publishedScheme(db, a.cycle.id);
  if (!scheme) throw conflict('考核方案尚未发布，还没有评分进度');
  const units = await cycleUnits(db, a.cycle.id);
  const orgs = await evaluatingOrgs(db, a, scheme.framework);
  const rows = await loadScoreRows(db, a.cycle.id);
  const subs = await db.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).execute();
  let scoredAll = 0;
  let totalAll = 0;
  const departments = orgs.map((o) => {
    const keys = new Set(o.criteria.map(cellKey));
    const mine = rows.filter((r) => keys.has(`${r.item_code}.${r.criterion_code}`));
    const cells = units.map((u) => ({ unitId: u.id, scored: mine.filter((r) => r.unit_id === u.id).length, total: keys.size }));
    const sub = subs.find((s) => s.department_id === o.id);
    const status = (sub?.status ?? 'open') as SubmissionStatus;
    const scored = mine.length;
    const total = keys.size * units.length;
    scoredAll += scored;
    totalAll += total;
    return {
      id: o.id,
      code: o.code,
      name: o.name,
      criteria: [...keys],
      status,
      statusLabel: SCORE_SUBMISSION_WORKFLOW.states[status],
      submittedAt: sub?.submitted_at ?? null,
      reopenReason: sub?.reopen_reason ?? null,
      lastActivity: mine.reduce<string | null>((m, r) => (m === null || r.updated_at > m ? r.updated_at : m), null),
      scored,
      total,
      cells,
    };
  });
  return { cycleId: a.cycle.id, units, departments, scored: scoredAll, total: totalAll, submitted: departments.filter((d) => d.status === 'submitted').length };
}

/**
 * Self-reports: an assessed unit its own; a department those on the items it scores; the office all; leaders
 * all once the results are published.
 */
export async function loadSelfReports(db: Kysely<Database>, a: CycleAccess, q: number | undefined) {
  const scheme = await currentScheme(db, a.cycle.id);
  const items = scheme
    ? scheme.framework.sections.filter((s) => s.role === 'base' || s.role === undefined || s.role === 'bonus').flatMap((s) => s.items.map((i) => ({ code: i.code, title: i.title, sectionTitle: s.title })))
    : [];
  if (a.as === 'unit') {
    if (q !== undefined && q !== a.orgUnitId) throw notFound('只能查看本单位的自评材料');
    return { items, reports: await presentSelfReports(db, a.cycle.id, { unitIds: [a.orgUnitId] }), editable: abilities(a).selfReport };
  }
  if (a.as === 'department') {
    const codes = scheme ? [...new Set(ownCriteria(scheme.framework, a).map((x) => x.itemCode))] : [];
    return {
      items: items.filter((i) => codes.includes(i.code)),
      reports: await presentSelfReports(db, a.cycle.id, { itemCodes: codes, ...(q !== undefined ? { unitIds: [q] } : {}) }),
      editable: false,
    };
  }
  if (a.as === 'office') return { items, reports: await presentSelfReports(db, a.cycle.id, q !== undefined ? { unitIds: [q] } : {}), editable: false };
  if (a.cycle.status === 'published') return { items, reports: await presentSelfReports(db, a.cycle.id, q !== undefined ? { unitIds: [q] } : {}), editable: false };
  throw forbidden('结果发布前，自评材料仅质强办、评价部门和被考核单位本身可以查看');
}

/**
 * For the scheme publication (another module): open scoring — one 'open' submission per evaluating department
 * (and the office when it scores) and a 待办 for each. Idempotent.
 */
export async function openScoring(db: Kysely<Database>, a: CycleAccess, fw: Framework): Promise<void> {
  for (const org of await evaluatingOrgs(db, a, fw)) {
    const existing = await submissionOf(db, a.cycle.id, org.id);
    if (existing) continue;
    await ensureSubmission(db, a.cycle.id, org.id);
    await addTodo(db, {
      role: org.id === a.cycle.office_org_id ? 'office' : 'department',
      orgUnitId: org.id,
      kind: TODO.fill,
      title: `对${a.cycle.year}年度质量工作考核的 ${org.criteria.length} 个考核要点评分`,
      detail: `评分要点：${org.criteria.map(cellKey).join('、')}。评分完成后请提交（提交后锁定）。`,
      link: `/assessment/${a.cycle.id}?tab=scoring`,
      ...submissionSource(a.cycle.id, org.id),
    });
  }
}

/**
 * For the scheme publication (another module), in the scoring phase: a new version can remove stored scores
 * (pruned) or add key points, leaving a submitted department incomplete. Such a submission is reopened
 * (audited, with the reason as a 待办), so a submitted submission is always complete. The caller holds the
 * cycle FOR UPDATE; the submissions are locked here. Returns the reopened departments' codes.
 */
/**
 * A department's submission back to open (the office's reopen, or a new scheme version that leaves it incomplete):
 * the workflow transition with its audit row, and the department's to-do saying why. The caller holds the locks.
 */
export async function reopenSubmission(
  trx: Transaction<Database>,
  audit: (rec: AuditRecord) => Promise<void>,
  me: SessionUser,
  cycle: CycleRow,
  org: { id: number; name: string },
  from: SubmissionStatus,
  r: { reason: string; detail: Record<string, unknown>; todoTitle: string; todoDetail: string },
): Promise<void> {
  await transition({
    trx,
    audit,
    user: me,
    workflow: SCORE_SUBMISSION_WORKFLOW,
    table: 'score_submission',
    key: { cycle_id: cycle.id, department_id: org.id },
    from,
    event: 'reopen',
    set: { reopen_reason: r.reason, submitted_at: null, updated_at: new Date().toISOString() },
    entityId: `${cycle.id}:${org.id}`,
    detail: r.detail,
  });
  await closeTodos(trx, me.id, { kind: TODO.allSubmitted, sourceType: 'assessment_cycle', sourceId: String(cycle.id) });
  await closeTodos(trx, me.id, { kind: TODO.reopened, ...submissionSource(cycle.id, org.id) });
  await addTodo(trx, {
    role: org.id === cycle.office_org_id ? 'office' : 'department',
    orgUnitId: org.id,
    kind: TODO.reopened,
    title: r.todoTitle,
    detail: r.todoDetail,
    link: `/assessment/${cycle.id}?tab=scoring`,
    ...submissionSource(cycle.id, org.id),
  });
}

export async function reopenIncomplete(trx: Transaction<Database>, audit: (rec: AuditRecord) => Promise<void>, me: SessionUser, a: CycleAccess, fw: Framework, versionNo: number): Promise<string[]> {
  const subs = await trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).where('status', '=', 'submitted').forUpdate().execute();
  if (!subs.length) return [];
  const units = await cycleUnits(trx, a.cycle.id);
  const orgs = await evaluatingOrgs(trx, a, fw);
  const reopened: string[] = [];
  for (const s of subs) {
    const org = orgs.find((o) => o.id === s.department_id);
    const missing = org ? await missingOf(trx, a.cycle.id, org.criteria, units) : [];
    if (!org || !missing.length) continue;
    const reason = `考核方案第 ${versionNo} 版发布后，本部门有 ${missing.length} 项评分需要补充或重新评分`;
    await reopenSubmission(trx, audit, me, a.cycle, org, 'submitted', {
      reason,
      detail: { department: org.name, schemeVersion: versionNo, missing: missing.slice(0, 50).map((m) => m.label) },
      todoTitle: `${a.cycle.year}年度质量工作考核评分已重新开放，请补充后重新提交`,
      todoDetail: `${reason}：${missing.slice(0, 10).map((m) => m.label).join('；')}${missing.length > 10 ? '……' : ''}`,
    });
    reopened.push(org.code);
  }
  return reopened;
}

export async function closeScoringTodos(db: Kysely<Database>, by: number, cycleId: number, departmentId: number): Promise<void> {
  for (const kind of [TODO.fill, TODO.remind, TODO.reopened]) await closeTodos(db, by, { kind, ...submissionSource(cycleId, departmentId) });
}
