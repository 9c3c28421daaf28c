/**
 * 评分: every SQL statement of scoring (scores, submissions, self-reports) and the reads the routes answer with
 * (the grid, the progress, the self-reports). Data functions take the db (or a transaction) first.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { scoreUnit, type UnitResult } from '../../../../shared/scoring';
import type { ScoreCell, SelfReportItem } from '../../../../shared/contracts/scoring';
import { missingLabel } from '../../../../shared/contracts/results';
import { SCORE_SUBMISSION_WORKFLOW, type SubmissionStatus } from '../../../../shared/workflow/assessment';
import { conflict, forbidden, notFound } from '../../../core/errors';
import { callerCodes, ensure, mayScore, maySelfReport, selfReportsRefusal, type CycleAccess } from '../assessment.policy';
import { currentScheme, cycleUnits, listEvidence, publishedScheme } from '../assessment.queries';
import { userNames } from '../../../core/user-names';
import { recordedChanges, recordedInCycle, recordedTallies, type RecordedChange } from '../../../core/audit';
import { criteriaOf, evaluatorCodes, itemTitleIn } from '../framework';
import { criterionDefs, findCriterionResult, OPEN_SUBMISSION, presentCell, presentSelfReport, presentSubmission } from './scoring.presenter';

export type Unit = { id: number; code: string; name: string };
export type Cell = { itemCode: string; criterionCode: string };
export const cellKey = (c: Cell) => `${c.itemCode}.${c.criterionCode}`;

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

/** the reduced frameworks made from each framework, by the criteria kept (a department's own, the office's all) */
const reducedOf = new WeakMap<Framework, Map<string, Framework>>();

/**
 * The framework reduced to some criteria (items and sections without any are dropped), for live totals. The same
 * object for the same framework and criteria, so that the engine's compiled form of it (compileFramework, cached per
 * object) is made once, not at every read of a department's grid. Not to be mutated, as the framework it comes from.
 */
export function reduceFramework(fw: Framework, keep: Cell[]): Framework {
  const keys = new Set(keep.map(cellKey));
  const id = [...keys].sort().join(' ');
  let made = reducedOf.get(fw);
  if (!made) reducedOf.set(fw, (made = new Map()));
  const hit = made.get(id);
  if (hit) return hit;
  const reduced: Framework = {
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
  made.set(id, reduced);
  return reduced;
}

// ------------------------------------------------------------------------------------------------ org units

/**
 * The org units of a scheme's evaluator codes, by code: "office" is the cycle's own office (`officeOrgId`: the
 * provincial office, or the city office assessing its counties), any other code the department of that code.
 * The one place of that rule: who scores' names, the reminders, and whom an objection goes to (its `kind` says
 * whether that is the office's to-do or a department's).
 */
export async function orgsByCode(db: Kysely<Database>, codes: readonly string[], officeOrgId: number): Promise<Map<string, { id: number; code: string; name: string; kind: string }>> {
  const named = codes.filter((c) => c !== 'office');
  const rows = named.length ? await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('code', 'in', named).execute() : [];
  const out = new Map(rows.map((r) => [r.code, r]));
  if (codes.includes('office')) out.set('office', await findOrg(db, officeOrgId));
  return out;
}

export const findOrg = (db: Kysely<Database>, id: number) => db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('id', '=', id).executeTakeFirstOrThrow();

/** The evaluating departments (and the office, when it scores) of a published scheme, in scheme order. */
export async function evaluatingOrgs(db: Kysely<Database>, a: CycleAccess, fw: Framework) {
  const codes = [...evaluatorCodes(fw)];
  const byCode = await orgsByCode(db, codes, a.cycle.office_org_id);
  const out: { id: number; code: string; name: string; criteria: Cell[] }[] = [];
  for (const code of codes) {
    const found = byCode.get(code);
    const org = found && { ...found };
    if (!org) continue;
    const existing = out.find((o) => o.id === org.id);
    const crit = criteriaOf(fw, code);
    if (existing) existing.criteria.push(...crit);
    else out.push({ ...org, criteria: crit });
  }
  return out;
}

/** An assessed unit of the cycle, or undefined. */
export const findCycleUnit = (db: Kysely<Database>, cycleId: number, unitId: number) =>
  db
    .selectFrom('cycle_unit')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_unit.org_unit_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name'])
    .where('cycle_unit.cycle_id', '=', cycleId)
    .where('cycle_unit.org_unit_id', '=', unitId)
    .executeTakeFirst();

// ------------------------------------------------------------------------------------------------ submissions

export async function submissionOf(db: Kysely<Database>, cycleId: number, departmentId: number) {
  return db.selectFrom('score_submission').selectAll().where('cycle_id', '=', cycleId).where('department_id', '=', departmentId).executeTakeFirst();
}

/** A department's submission row, created 'open' on first use (the scheme publication normally creates them). */
export async function ensureSubmission(db: Kysely<Database>, cycleId: number, departmentId: number, at: string) {
  const row = await submissionOf(db, cycleId, departmentId);
  if (row) return row;
  await db
    .insertInto('score_submission')
    .values({ cycle_id: cycleId, department_id: departmentId, status: 'open', submitted_at: null, reopen_reason: null, version: 1, updated_at: at })
    .onConflict((oc) => oc.columns(['cycle_id', 'department_id']).doNothing())
    .execute();
  return (await submissionOf(db, cycleId, departmentId))!;
}

/** A department's submission row, locked FOR UPDATE (serialises its score writes against its submission). */
/**
 * A department's submission row, locked. A score save takes it FOR SHARE: saves of one department run side by
 * side (each cell has its own version and unique key), while the submission itself (FOR UPDATE) waits for them all.
 */
export const lockSubmission = (trx: Transaction<Database>, cycleId: number, departmentId: number, mode: 'share' | 'update' = 'update') => {
  const q = trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', cycleId).where('department_id', '=', departmentId);
  return (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
};

/**
 * The submissions of these departments, locked FOR UPDATE in one statement, in department order (two callers that
 * lock the same rows so take them in the same order: one waits for the other, neither deadlocks).
 */
export const lockSubmissions = (trx: Transaction<Database>, cycleId: number, departmentIds: readonly number[]) =>
  departmentIds.length === 0
    ? Promise.resolve([])
    : trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', cycleId).where('department_id', 'in', departmentIds).orderBy('department_id').forUpdate().execute();

/**
 * When the office last reopened each of these departments' submissions (their audit rows, one read for all; those
 * never reopened are absent): a 催办 from before a 重新开放 holds none (remindedJustNow).
 */
export async function lastReopenings(db: Kysely<Database>, cycleId: number, departmentIds: readonly number[]): Promise<Map<number, string>> {
  const tallies = await recordedTallies(db, 'score_submission', departmentIds.map((d) => `${cycleId}:${d}`), ['scoreSubmission.reopen']);
  return new Map(tallies.map((r) => [Number(r.entityId.split(':')[1]), r.lastAt]));
}

/** The submitted submissions of a cycle, locked FOR UPDATE. */
export const lockSubmitted = (trx: Transaction<Database>, cycleId: number) =>
  trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', cycleId).where('status', '=', 'submitted').forUpdate().execute();

export const submissionsOf = (db: Kysely<Database>, cycleId: number) => db.selectFrom('score_submission').selectAll().where('cycle_id', '=', cycleId).execute();

// ------------------------------------------------------------------------------------------------ scores

type ScoreRow = { id: number; unit_id: number; item_code: string; criterion_code: string; answer_json: string; comment: string | null; version: number; updated_by: number | null; updated_at: string };

export async function loadScoreRows(db: Kysely<Database>, cycleId: number, cells?: Cell[], unitIds?: number[]): Promise<ScoreRow[]> {
  if (cells?.length === 0) return [];
  let q = db
    .selectFrom('score')
    .select(['id', 'unit_id', 'item_code', 'criterion_code', 'answer_json', 'comment', 'version', 'updated_by', 'updated_at'])
    .where('cycle_id', '=', cycleId);
  if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? unitIds : [-1]);
  // only the rows of the cells' items are read (a department's grid shows a few of the cycle's items), then only the cells
  if (cells) q = q.where('item_code', 'in', [...new Set(cells.map((c) => c.itemCode))]);
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

export const insertScore = (
  trx: Transaction<Database>,
  v: { cycleId: number; unitId: number; itemCode: string; criterionCode: string; departmentId: number; answer: unknown; comment: string | null; by: number; at: string },
) =>
  trx
    .insertInto('score')
    .values({
      cycle_id: v.cycleId,
      unit_id: v.unitId,
      item_code: v.itemCode,
      criterion_code: v.criterionCode,
      department_id: v.departmentId,
      answer_json: JSON.stringify(v.answer),
      comment: v.comment,
      version: 1,
      updated_by: v.by,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Change a score at the version the caller saw; false when it has moved on. */
export async function updateScore(
  trx: Transaction<Database>,
  id: number,
  version: number,
  v: { answer: unknown; comment: string | null; departmentId: number; by: number; at: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('score')
    .set({ answer_json: JSON.stringify(v.answer), comment: v.comment, version: version + 1, updated_by: v.by, updated_at: v.at, department_id: v.departmentId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Delete a score at the version the caller saw; false when it has moved on. */
export async function deleteScoreRow(trx: Transaction<Database>, id: number, version: number): Promise<boolean> {
  const r = await trx.deleteFrom('score').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export const scoreHasEvidence = async (db: Kysely<Database>, scoreId: number) =>
  !!(await db.selectFrom('evidence').select('id').where('owner_type', '=', 'score').where('owner_id', '=', scoreId).executeTakeFirst());

/** Stored scores as grid cells, with the engine's score per cell and their evidence. */
export async function presentCells(db: Kysely<Database>, cycleId: number, fw: Framework, units: Unit[], rows: ScoreRow[]): Promise<ScoreCell[]> {
  const names = await userNames(db, rows.map((r) => r.updated_by));
  const evidence = await listEvidence(db, cycleId, 'score', rows.map((r) => r.id));
  // one engine run per unit over that unit's shown answers
  const results = new Map<number, UnitResult | null>();
  const rowsOf = new Map<number, ScoreRow[]>();
  for (const r of rows) {
    const own = rowsOf.get(r.unit_id);
    if (own) own.push(r);
    else rowsOf.set(r.unit_id, [r]);
  }
  // each stored answer parsed once: the engine reads it, and the cell shows it
  const answerOf = new Map<ScoreRow, unknown>();
  for (const u of units) {
    const answers: Record<string, Record<string, unknown>> = {};
    for (const r of rowsOf.get(u.id) ?? []) {
      const answer = JSON.parse(r.answer_json);
      answerOf.set(r, answer);
      (answers[r.item_code] ??= {})[r.criterion_code] = answer;
    }
    try {
      results.set(u.id, scoreUnit(fw, { unit: u.code, answers: answers as never }));
    } catch {
      results.set(u.id, null); // a stored answer the (new) scheme no longer accepts: shown without an engine score
    }
  }
  return rows.map((r) => {
    const res = results.get(r.unit_id);
    return presentCell(r, answerOf.has(r) ? answerOf.get(r) : JSON.parse(r.answer_json), res ? findCriterionResult(res, r.item_code, r.criterion_code) : undefined, names, evidence.get(r.id) ?? []);
  });
}

/** "长沙市「7.a 产品质量安全保障」未评分" for every (unit × own criterion of the scheme `fw`) without a stored score. */
export async function missingOf(db: Kysely<Database>, cycleId: number, fw: Framework, cells: Cell[], units: Unit[]): Promise<{ unit: Unit; key: string; label: string }[]> {
  return missingAmong(await loadScoreRows(db, cycleId, cells), fw, cells, units);
}

/** missingOf over score rows read already (the cycle's, once, for several departments: a 催办 of many) */
export function missingAmong(rows: readonly Pick<ScoreRow, 'unit_id' | 'item_code' | 'criterion_code'>[], fw: Framework, cells: Cell[], units: Unit[]): { unit: Unit; key: string; label: string }[] {
  const have = new Set(rows.map((r) => `${r.unit_id}/${r.item_code}.${r.criterion_code}`));
  const out: { unit: Unit; key: string; label: string }[] = [];
  for (const u of units)
    for (const c of cells) {
      const key = cellKey(c);
      if (!have.has(`${u.id}/${key}`)) out.push({ unit: u, key, label: missingLabel(u.name, key, itemTitleIn(fw, c.itemCode)) });
    }
  return out;
}

// ------------------------------------------------------------------------------------------------ self-reports

export const findSelfReport = (db: Kysely<Database>, cycleId: number, unitId: number, itemCode: string) =>
  db.selectFrom('self_report').selectAll().where('cycle_id', '=', cycleId).where('unit_id', '=', unitId).where('item_code', '=', itemCode).executeTakeFirst();

export const insertSelfReport = (trx: Transaction<Database>, v: { cycleId: number; unitId: number; itemCode: string; text: string; by: number; at: string }) =>
  trx
    .insertInto('self_report')
    .values({ cycle_id: v.cycleId, unit_id: v.unitId, item_code: v.itemCode, text: v.text, version: 1, updated_by: v.by, updated_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Change a self-report at the version the caller saw; false when it has moved on. */
export async function updateSelfReport(trx: Transaction<Database>, id: number, version: number, v: { text: string; by: number; at: string }): Promise<boolean> {
  const r = await trx.updateTable('self_report').set({ text: v.text, version: version + 1, updated_by: v.by, updated_at: v.at }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
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
  return rows.map((r) => presentSelfReport(r, names, evidence.get(r.id) ?? []));
}

// ------------------------------------------------------------------------------------------------ the reads

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
  const editable = view === 'score' && mayScore(a) && sub?.status === 'open';
  // a page of the units (the office's read-only grid at scale), or all of them
  const allUnits = await cycleUnits(db, a.cycle.id);
  const pageSize = paging.pageSize ?? Math.max(1, allUnits.length);
  const page = paging.pageSize ? (paging.page ?? 1) : 1;
  const units = paging.pageSize ? allUnits.slice((page - 1) * pageSize, page * pageSize) : allUnits;
  const unitIds = paging.pageSize ? units.map((u) => u.id) : undefined;
  const reduced = reduceFramework(fw, shown);
  const rows = await loadScoreRows(db, a.cycle.id, shown, unitIds);
  const names = new Map([...(await orgsByCode(db, [...evaluatorCodes(fw)], a.cycle.office_org_id))].map(([code, o]) => [code, o.name]));
  const ownKeys = new Set(own.map(cellKey));
  return {
    cycleId: a.cycle.id,
    view,
    editable,
    submission: sub ? presentSubmission(sub) : null,
    framework: reduced,
    criteria: criterionDefs(fw, new Set(shown.map(cellKey)), names, editable ? ownKeys : new Set()),
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
  const subs = await submissionsOf(db, a.cycle.id);
  let scoredAll = 0;
  let totalAll = 0;
  const departments = orgs.map((o) => {
    const keys = new Set(o.criteria.map(cellKey));
    const mine = rows.filter((r) => keys.has(`${r.item_code}.${r.criterion_code}`));
    const cells = units.map((u) => ({ unitId: u.id, scored: mine.filter((r) => r.unit_id === u.id).length, total: keys.size }));
    const sub = subs.find((s) => s.department_id === o.id);
    const status: SubmissionStatus = sub?.status ?? 'open';
    const scored = mine.length;
    const total = keys.size * units.length;
    scoredAll += scored;
    totalAll += total;
    return {
      id: o.id,
      code: o.code,
      name: o.name,
      own: o.id === a.cycle.office_org_id,
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
  ensure(selfReportsRefusal(a));
  const scheme = await currentScheme(db, a.cycle.id);
  const items = scheme
    ? scheme.framework.sections.filter((s) => s.role === 'base' || s.role === undefined || s.role === 'bonus').flatMap((s) => s.items.map((i) => ({ code: i.code, title: i.title, sectionTitle: s.title })))
    : [];
  if (a.as === 'unit') {
    if (q !== undefined && q !== a.orgUnitId) throw notFound('只能查看本单位的自评材料');
    return { items, reports: await presentSelfReports(db, a.cycle.id, { unitIds: [a.orgUnitId] }), editable: maySelfReport(a) };
  }
  if (a.as === 'department') {
    const codes = scheme ? [...new Set(ownCriteria(scheme.framework, a).map((x) => x.itemCode))] : [];
    return {
      items: items.filter((i) => codes.includes(i.code)),
      reports: await presentSelfReports(db, a.cycle.id, { itemCodes: codes, ...(q !== undefined ? { unitIds: [q] } : {}) }),
      editable: false,
    };
  }
  return { items, reports: await presentSelfReports(db, a.cycle.id, q !== undefined ? { unitIds: [q] } : {}), editable: false };
}

/**
 * The latest clearing of one cell (its score.delete audit row, matched on the unit and key point it recorded; unit
 * names are unique among a cycle's units): who cleared it and when, for the 409 of whoever still held the cell. The
 * score row is gone, so its id is found among the cycle's latest clearings (the last 200 are ample for the moments a
 * race spans). Undefined when none is recorded.
 */
export async function lastClearing(db: Kysely<Database>, cycleId: number, unitName: string, criterion: string): Promise<RecordedChange | undefined> {
  const rows = await recordedInCycle(db, cycleId, 'score.delete', 200);
  for (const r of rows) {
    const before = r.before_json ? (JSON.parse(r.before_json) as { unit?: string; criterion?: string }) : {};
    if (before.unit === unitName && before.criterion === criterion && r.entityId) return (await recordedChanges(db, 'score', r.entityId, { action: 'score.delete' }))[0];
  }
  return undefined;
}
