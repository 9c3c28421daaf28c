/**
 * Results of a cycle: every SQL statement (stored answers and comments, frozen results, the base cycle's
 * totals, unsubmitted departments) and the reads the routes answer with — preliminary results computed by
 * the scoring engine from the stored scores, or the frozen ones after publication.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { unitResultView, type PendingDepartment, type ResultsView, type UnitResultView } from '../../../../shared/contracts/results';
import { phaseAllows } from '../../../../shared/workflow/assessment';
import type { GradeBand } from '../../../../shared/scoring/grade';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { scoreFramework } from '../../../../shared/scoring/engine';
import { ScoringInputError } from '../../../../shared/scoring/errors';
import { conflict, notFound } from '../../../core/errors';
import { ensure, isPartiallyPublished, officeCodes, resultsFinal, resultsRefusal, type CycleAccess } from '../assessment.policy';
import { cycleUnits, findCycle, loadScores, publishedScheme, type CycleRow } from '../assessment.queries';
import { preliminaryDepartmentIds, preliminaryOf } from '../cycles/cycles.queries';
import { criterionIndex, evaluatorCodes } from '../framework';
import { evaluatorNames } from '../schemes/schemes.queries';
import { criterionLinesDropped, presentResultsView, presentUnitResult, scopeOf, visibleResults, type ResultsDetail } from './results.presenter';

export interface CycleUnitInfo {
  id: number;
  code: string;
  name: string;
}

export interface ComputedResults {
  schemeVersion: number;
  framework: Framework;
  units: UnitResultView[];
}

/**
 * The engine's results for every assessed unit of the cycle, from the published scheme, the stored answers
 * and the cycle's grade bands, with per criterion the score, the maximum, the explanation, the comment and the
 * evaluating department, named as the scheme names it (`evaluatorNames()`, the result documents' rule too).
 * `lines: false` leaves the criterion lines out (an answer that drops them: criterionLinesDropped), and so the
 * comments and the departments' names they are made from.
 */
export async function computeResults(db: Kysely<Database>, cycle: CycleRow, { lines = true }: { lines?: boolean } = {}): Promise<ComputedResults> {
  const scheme = await publishedScheme(db, cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案，还不能计算结果');
  const fw = scheme.framework;
  const units = await cycleUnits(db, cycle.id);
  const { answers, comments } = await loadScores(
    db,
    cycle.id,
    units.map((u) => u.id),
    { comments: lines },
  );
  const bands = JSON.parse(cycle.grade_bands_json) as GradeBand[];
  let results;
  try {
    results = scoreFramework(
      fw,
      { units: units.map((u) => ({ unit: u.code, name: u.name, answers: (answers.get(u.id) ?? {}) as never })) },
      { gradeBands: bands },
    );
  } catch (err) {
    if (err instanceof ScoringInputError) {
      const names = new Map(units.map((u) => [u.code, u.name]));
      throw conflict(
        `已保存的评分不符合考核方案，无法计算结果：${err.issues
          .slice(0, 10)
          .map((i) => `${names.get(i.unit) ?? i.unit}第${i.code}项：${i.message}`)
          .join('；')}。请相关评价部门更正后重试`,
        err.issues,
      );
    }
    throw err;
  }
  const byCode = new Map(results.units.map((r) => [r.unit, r]));
  // the evaluating departments as the scheme (附件4) and the result documents name them; 'office' is this cycle's own office
  const sources = lines ? { index: criterionIndex(fw), deptNames: await evaluatorNames(db, cycle.office_org_id) } : null;
  return {
    schemeVersion: scheme.row.version_no,
    framework: fw,
    units: units.map((u) => presentUnitResult(u, byCode.get(u.code)!, sources && { ...sources, commentOf: (code) => comments.get(`${u.id}|${code}`) ?? null })),
  };
}

/**
 * The frozen results of a published cycle, in rank order. Each row is read through the contract, so only the
 * fields of UnitResultView leave here, whatever else a row may hold.
 */
export async function frozenResults(db: Kysely<Database>, cycleId: number): Promise<UnitResultView[]> {
  const rows = await db.selectFrom('cycle_result').selectAll().where('cycle_id', '=', cycleId).orderBy('rank').orderBy('unit_id').execute();
  return rows.map((r) => {
    const parsed = unitResultView.safeParse(JSON.parse(r.detail_json));
    if (!parsed.success) throw new Error(`internal: cycle_result of cycle ${cycleId}, unit ${r.unit_id} is not a frozen UnitResultView: ${parsed.error.message}`);
    return parsed.data;
  });
}

/** The base cycle's published totals (for the year-on-year chart), or null. */
async function previousResults(db: Kysely<Database>, cycle: CycleRow): Promise<ResultsView['previous']> {
  if (!cycle.base_cycle_id) return null;
  const base = await findCycle(db, cycle.base_cycle_id);
  if (!base || !resultsFinal(base)) return null;
  const rows = await db
    .selectFrom('cycle_result')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_result.unit_id')
    .select(['org_unit.code', 'cycle_result.total', 'cycle_result.rank', 'cycle_result.grade'])
    .where('cycle_result.cycle_id', '=', base.id)
    .orderBy('cycle_result.rank')
    .execute();
  return rows.length ? { cycleId: base.id, year: base.year, units: rows.map((r) => ({ unitCode: r.code, total: r.total, rank: r.rank, grade: r.grade })) } : null;
}

/**
 * The results the caller may see: the frozen ones after publication, else computed live. At a `detail` that drops
 * the criterion lines (withDetail), live results are computed without them.
 */
export async function resultsFor(db: Kysely<Database>, a: CycleAccess, detail: ResultsDetail = 'full'): Promise<ResultsView> {
  ensure(resultsRefusal(a));
  const cycle = a.cycle;
  const final = resultsFinal(cycle);
  const scheme = await publishedScheme(db, cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案，还没有结果');
  let all: UnitResultView[];
  let schemeVersion = scheme.row.version_no;
  if (final) {
    all = await frozenResults(db, cycle.id);
  } else {
    const c = await computeResults(db, cycle, { lines: !criterionLinesDropped(scopeOf(a), detail) });
    all = [...c.units].sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0) || x.unitId - y.unitId);
    schemeVersion = c.schemeVersion;
  }
  const fw = scheme.framework;
  const scoring = phaseAllows(cycle.status, 'score');
  const pending = scoring ? await pendingDepartments(db, cycle, fw, all) : [];
  // a city (or a department) reading during scoring sees only what the office's early publication shows
  const partialCodes = isPartiallyPublished(cycle) ? await shownDepartmentCodes(db, cycle) : null;
  const v = visibleResults(a, fw, all, final, partialCodes);
  const view = presentResultsView(cycle, final, schemeVersion, fw, v, all.length, await previousResults(db, cycle), a.today);
  return {
    ...view,
    completeness: scoring ? { complete: pending.length === 0, pending: v.scope === 'all' ? pending : [] } : null,
    partial: isPartiallyPublished(cycle) ? await preliminaryOf(db, cycle) : null,
  };
}

/** How many missing cells a pending department is shown with, at most. */
const MISSING_SHOWN = 20;

/**
 * The departments that have not submitted their scores, each with the unit × key point cells it has not
 * filled (from the engine's missing codes of every unit), for the office's "评分未完成" view.
 */
async function pendingDepartments(db: Kysely<Database>, cycle: CycleRow, fw: Framework, units: UnitResultView[]): Promise<PendingDepartment[]> {
  const pending = await unsubmittedDepartments(db, cycle, fw);
  // the cycle's own office scores the key points the framework gives to 'office' (callerCodes)
  const codesOf = pending.map((d) => (d.id === cycle.office_org_id ? officeCodes(d.code) : [d.code]));
  // which of the pending departments score each key point (each at most once), found once per key point: the
  // units' missing cells are then walked once, not once per department
  const waitingOn = new Map<string, number[]>();
  for (const s of fw.sections) {
    for (const i of s.items) {
      for (const c of i.criteria) {
        const evaluators = c.evaluators ?? i.evaluators ?? [];
        waitingOn.set(`${i.code}.${c.code}`, codesOf.flatMap((codes, k) => (evaluators.some((e) => codes.includes(e)) ? [k] : [])));
      }
    }
  }
  const out: PendingDepartment[] = pending.map((d) => ({ id: d.id, code: d.code, name: d.name, missingCount: 0, missingCells: [] }));
  for (const u of units) {
    for (const m of u.missing) {
      for (const k of waitingOn.get(m) ?? []) {
        const p = out[k];
        p.missingCount += 1;
        if (p.missingCells.length < MISSING_SHOWN) p.missingCells.push(`${u.unitName} ${m}`);
      }
    }
  }
  return out;
}

/**
 * The departments whose scores an early publication shows: those the office published, as long as their
 * submission is still submitted (a department the office reopened for a correction is withheld until it
 * submits again). Their org codes, as the criterion lines name their department ('office' for the cycle's own office).
 */
async function shownDepartmentCodes(db: Kysely<Database>, cycle: CycleRow): Promise<Set<string>> {
  const ids = preliminaryDepartmentIds(cycle);
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('score_submission')
    .innerJoin('org_unit', 'org_unit.id', 'score_submission.department_id')
    .select(['org_unit.id', 'org_unit.code'])
    .where('score_submission.cycle_id', '=', cycle.id)
    .where('score_submission.status', '=', 'submitted')
    .where('score_submission.department_id', 'in', ids)
    .execute();
  // the cycle's own office scores the key points the framework gives to 'office' (a city office's org code is not 'office')
  return new Set(rows.flatMap((r) => (r.id === cycle.office_org_id ? officeCodes(r.code) : [r.code])));
}

/** Departments (by id and name) that have not submitted their scores: open submissions, and evaluators with none. */
export async function unsubmittedDepartments(db: Kysely<Database>, cycle: CycleRow, fw: Framework): Promise<{ id: number; code: string; name: string }[]> {
  const subs = await db
    .selectFrom('score_submission')
    .innerJoin('org_unit', 'org_unit.id', 'score_submission.department_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name', 'org_unit.kind', 'score_submission.status'])
    .where('score_submission.cycle_id', '=', cycle.id)
    .execute();
  const out = subs.filter((s) => s.status !== 'submitted').map((s) => ({ id: s.id, name: s.name, code: s.code }));
  const have = new Set(subs.map((s) => s.code));
  const evaluators = evaluatorCodes(fw);
  const missing = [...evaluators].filter((c) => !have.has(c));
  if (missing.length) {
    // The assessing office scores its own key points too; it has no submission unless the scoring module made one.
    const rows = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('code', 'in', missing).where('kind', '=', 'department').execute();
    for (const r of rows) out.push({ id: r.id, name: r.name, code: r.code });
  }
  return out;
}

/** Departments (by id and name) whose score submission is submitted, in the org order. */
export const submittedDepartments = (db: Kysely<Database>, cycleId: number) =>
  db
    .selectFrom('score_submission')
    .innerJoin('org_unit', 'org_unit.id', 'score_submission.department_id')
    .select(['org_unit.id', 'org_unit.name'])
    .where('score_submission.cycle_id', '=', cycleId)
    .where('score_submission.status', '=', 'submitted')
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.code')
    .execute();

/**
 * Freeze a cycle's results: one cycle_result row per assessed unit holding its full published view (the
 * UnitResultView that computeResults presents, plain JSON), which frozenResults reads back for everyone.
 * The one writer of cycle_result: publication calls it, and so does the demo seed, so the two cannot drift.
 */
export async function freezeResults(db: Kysely<Database>, cycleId: number, units: readonly UnitResultView[], publishedAt: string): Promise<void> {
  await db.deleteFrom('cycle_result').where('cycle_id', '=', cycleId).execute();
  for (const u of units) {
    if (u.total === null || u.rank === null) throw new Error(`internal: unit ${u.unitCode} has no total or rank to freeze`);
    await db
      .insertInto('cycle_result')
      .values({
        cycle_id: cycleId,
        unit_id: u.unitId,
        total: u.total,
        rank: u.rank,
        grade: u.grade ?? '',
        vetoed: u.veto ? 1 : 0,
        detail_json: JSON.stringify(u),
        published_at: publishedAt,
      })
      .execute();
  }
}

/** The results as the caller sees them, and one unit's line (404 when the cycle assesses no such unit): what a unit's documents are built from. */
export async function unitResultsOf(db: Kysely<Database>, a: CycleAccess, unitId: number): Promise<{ v: ResultsView; u: UnitResultView }> {
  const v = await resultsFor(db, a);
  const u = v.units.find((x) => x.unitId === unitId);
  if (!u) throw notFound(`本次考核没有编号为${unitId}的被考核单位`);
  return { v, u };
}

/**
 * The published yearly results of an office's cycles (one row per assessed unit: total, rank, grade), oldest
 * first, for the trend in the quality analysis report (modules/analysis). Only cycles published by `upTo`.
 */
export interface PublishedCycleResults {
  cycleId: number;
  year: number;
  title: string;
  publishedAt: string;
  rows: { unitId: number; name: string; total: number; rank: number; grade: string; vetoed: boolean }[];
}

export async function publishedResultsHistory(db: Kysely<Database>, officeOrgId: number, upTo: string): Promise<PublishedCycleResults[]> {
  const cycles = await db
    .selectFrom('assessment_cycle')
    .select(['id', 'year', 'title', 'published_at'])
    .where('office_org_id', '=', officeOrgId)
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .where('published_at', '<=', upTo)
    .orderBy('year')
    .orderBy('id')
    .execute();
  if (!cycles.length) return [];
  const rows = await db
    .selectFrom('cycle_result')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_result.unit_id')
    .select(['cycle_result.cycle_id', 'cycle_result.unit_id', 'org_unit.name', 'cycle_result.total', 'cycle_result.rank', 'cycle_result.grade', 'cycle_result.vetoed'])
    .where('cycle_result.cycle_id', 'in', cycles.map((c) => c.id))
    .orderBy('cycle_result.rank')
    .orderBy('org_unit.sort_order')
    .execute();
  return cycles.map((c) => ({
    cycleId: c.id,
    year: c.year,
    title: c.title,
    publishedAt: c.published_at!,
    rows: rows.filter((r) => r.cycle_id === c.id).map((r) => ({ unitId: r.unit_id, name: r.name, total: Number(r.total), rank: r.rank, grade: r.grade, vetoed: Boolean(r.vetoed) })),
  }));
}
