/**
 * Results of a cycle: preliminary results computed by the scoring engine from the stored scores, the view
 * each participant may see, opening the objection window and publishing (freezing) the final results.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { unitResultView, type CriterionLine, type ResultsView, type SectionLine, type UnitResultView } from '../../../shared/contracts/results';
import type { GradeBand } from '../../../shared/scoring/grade';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { scoreFramework, type UnitResult } from '../../../shared/scoring/engine';
import { ScoringInputError } from '../../../shared/scoring/errors';
import { sub, toDecimalString, toRational } from '../../../shared/scoring/rational';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';
import { conflict, forbidden } from '../../core/errors';
import type { AuditRecord } from '../../core/audit';
import { transition } from '../../core/transition';
import { addTodo, closeTodos } from '../todos';
import { abilities, type CycleAccess } from './assessment.policy';
import { criteriaOf, cycleUnits, findCycle, loadAnswers, publishedScheme, type CycleRow } from './assessment.repository';

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

/** Every criterion of a framework by "item.criterion" code, with its item, section and first evaluator. */
export function criterionIndex(fw: Framework) {
  const out = new Map<
    string,
    { itemCode: string; criterionCode: string; itemTitle: string; title: string; sectionCode: string; role: SectionLine['role']; evaluator: string | null }
  >();
  for (const s of fw.sections)
    for (const i of s.items)
      for (const c of i.criteria)
        out.set(`${i.code}.${c.code}`, {
          itemCode: i.code,
          criterionCode: c.code,
          itemTitle: i.title,
          title: c.title,
          sectionCode: s.code,
          role: s.role,
          evaluator: (c.evaluators ?? i.evaluators ?? [])[0] ?? null,
        });
  return out;
}

const lostOf = (role: SectionLine['role'], score: string, maximum: string): string => {
  if (role === 'base') return toDecimalString(sub(toRational(maximum), toRational(score)));
  if (role === 'deduction') return score;
  return '0';
};

/**
 * The engine's results for every assessed unit of the cycle, from the published scheme, the stored answers
 * and the cycle's grade bands, with per criterion the score, the maximum, the explanation and the comment.
 */
export async function computeResults(db: Kysely<Database>, cycle: CycleRow): Promise<ComputedResults> {
  const scheme = await publishedScheme(db, cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案，还不能计算结果');
  const fw = scheme.framework;
  const units = await cycleUnits(db, cycle.id);
  const answers = await loadAnswers(
    db,
    cycle.id,
    units.map((u) => u.id),
  );
  const comments = new Map<string, string | null>();
  for (const r of await db.selectFrom('score').select(['unit_id', 'item_code', 'criterion_code', 'comment']).where('cycle_id', '=', cycle.id).execute()) {
    comments.set(`${r.unit_id}|${r.item_code}.${r.criterion_code}`, r.comment);
  }
  const deptNames = new Map(
    (await db.selectFrom('org_unit').select(['code', 'name', 'short_name']).where('kind', 'in', ['department', 'office']).execute()).map((o) => [
      o.code,
      o.short_name ?? o.name,
    ]),
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
          .map((i) => `${names.get(i.unit) ?? i.unit} 第${i.code}项：${i.message}`)
          .join('；')}。请相关评价部门更正后重试`,
        err.issues,
      );
    }
    throw err;
  }
  const index = criterionIndex(fw);
  const byCode = new Map(results.units.map((r) => [r.unit, r]));
  return {
    schemeVersion: scheme.row.version_no,
    framework: fw,
    units: units.map((u) => presentUnitResult(u, byCode.get(u.code)!, index, (code) => comments.get(`${u.id}|${code}`) ?? null, deptNames)),
  };
}

function presentUnitResult(
  u: CycleUnitInfo,
  r: UnitResult,
  index: ReturnType<typeof criterionIndex>,
  commentOf: (code: string) => string | null,
  deptNames: Map<string, string>,
): UnitResultView {
  const criteria: CriterionLine[] = [];
  for (const s of r.sections)
    for (const i of s.items)
      for (const c of i.criteria) {
        const meta = index.get(c.code);
        if (!meta) continue;
        criteria.push({
          code: c.code,
          itemCode: meta.itemCode,
          criterionCode: meta.criterionCode,
          itemTitle: meta.itemTitle,
          title: meta.title,
          sectionCode: s.code,
          role: s.role,
          status: c.status,
          score: c.score,
          maximum: c.maximum,
          lost: lostOf(s.role, c.score, c.maximum),
          explanation: c.explanation,
          comment: commentOf(c.code),
          department: meta.evaluator ? { code: meta.evaluator, name: deptNames.get(meta.evaluator) ?? meta.evaluator } : null,
        });
      }
  return {
    unitId: u.id,
    unitCode: u.code,
    unitName: u.name,
    total: r.total,
    baseScore: r.score,
    bonus: r.bonus,
    deduction: r.deduction,
    veto: r.veto,
    vetoCodes: r.vetoCodes,
    rank: r.rank,
    grade: r.grade,
    missing: r.missing,
    sections: r.sections.map((s) => ({ code: s.code, title: s.title, role: s.role, score: s.score, maximum: s.maximum })),
    criteria,
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

/** The base sections of a framework, in order: the domains of the ranking table and the radar. */
export const domainsOf = (fw: Framework) =>
  fw.sections.filter((s) => s.role === 'base').map((s) => ({ code: s.code, title: s.title, points: String(s.points) }));

/** 403 with a reason when the caller may not read results in this state. */
export function assertCanReadResults(a: CycleAccess): void {
  if (abilities(a).readResults) return;
  if (a.as === 'office') throw forbidden('考核方案发布、进入评分阶段后才能查看考核结果');
  if (a.as === 'unit') throw forbidden('初步考核结果将在质强办公布（进入异议期）后查看');
  throw forbidden('考核结果将在质强办公布初步结果后查看');
}

/** Another unit's result as a city sees it after publication: totals, rank, grade and domain subtotals, no criteria. */
const strip = (u: UnitResultView): UnitResultView => ({
  unitId: u.unitId,
  unitCode: u.unitCode,
  unitName: u.unitName,
  total: u.total,
  baseScore: u.baseScore,
  bonus: u.bonus,
  deduction: u.deduction,
  veto: u.veto,
  vetoCodes: u.vetoCodes,
  rank: u.rank,
  grade: u.grade,
  missing: [],
  sections: u.sections.map((s) => ({ code: s.code, title: s.title, role: s.role, score: s.score, maximum: s.maximum })),
  criteria: [],
});

/**
 * What the caller may see of the results: the office and leaders everything; a city its own result in detail
 * (before publication only its own; after, the others' totals and domain subtotals without criteria); a
 * department only the criteria it evaluates, for every unit (totals only after publication).
 */
export function visibleResults(a: CycleAccess, fw: Framework, units: UnitResultView[], final: boolean): { scope: ResultsView['scope']; units: UnitResultView[] } {
  if (a.as === 'office' || a.as === 'leader') return { scope: 'all', units };
  if (a.as === 'unit') {
    const own = units.filter((u) => u.unitId === a.orgUnitId);
    if (!final) return { scope: 'own', units: own };
    return { scope: 'own', units: units.map((u) => (u.unitId === a.orgUnitId ? u : strip(u))) };
  }
  const mine = new Set(criteriaOf(fw, a.orgCode).map((c) => `${c.itemCode}.${c.criterionCode}`));
  return {
    scope: 'criteria',
    units: units.map((u) => ({
      ...u,
      ...(final
        ? {}
        : { total: null, baseScore: null, bonus: null, deduction: null, veto: null, vetoCodes: [], rank: null, grade: null, sections: [] }),
      missing: u.missing.filter((m) => mine.has(m)),
      criteria: u.criteria.filter((c) => mine.has(c.code)),
    })),
  };
}

/** The base cycle's published totals (for the year-on-year chart), or null. */
async function previousResults(db: Kysely<Database>, cycle: CycleRow): Promise<ResultsView['previous']> {
  if (!cycle.base_cycle_id) return null;
  const base = await findCycle(db, cycle.base_cycle_id);
  if (!base || base.status !== 'published') return null;
  const rows = await db
    .selectFrom('cycle_result')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_result.unit_id')
    .select(['org_unit.code', 'cycle_result.total', 'cycle_result.rank', 'cycle_result.grade'])
    .where('cycle_result.cycle_id', '=', base.id)
    .orderBy('cycle_result.rank')
    .execute();
  return rows.length ? { cycleId: base.id, year: base.year, units: rows.map((r) => ({ unitCode: r.code, total: r.total, rank: r.rank, grade: r.grade })) } : null;
}

/** The results the caller may see: the frozen ones after publication, else computed live. */
export async function resultsFor(db: Kysely<Database>, a: CycleAccess): Promise<ResultsView> {
  assertCanReadResults(a);
  const cycle = a.cycle;
  const final = cycle.status === 'published';
  const scheme = await publishedScheme(db, cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案，还没有结果');
  let all: UnitResultView[];
  let schemeVersion = scheme.row.version_no;
  if (final) {
    all = await frozenResults(db, cycle.id);
  } else {
    const c = await computeResults(db, cycle);
    all = [...c.units].sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0) || x.unitId - y.unitId);
    schemeVersion = c.schemeVersion;
  }
  const v = visibleResults(a, scheme.framework, all, final);
  const prev = await previousResults(db, cycle);
  const visibleCodes = new Set(v.units.map((u) => u.unitCode));
  return {
    cycleId: cycle.id,
    year: cycle.year,
    title: cycle.title,
    stage: final ? 'final' : 'preliminary',
    stageLabel: final ? '最终结果' : '初步结果',
    scope: v.scope,
    publishedAt: cycle.published_at,
    objectionStart: cycle.objection_start,
    objectionEnd: cycle.objection_end,
    schemeVersion,
    demo: cycle.demo === 1,
    domains: domainsOf(scheme.framework),
    units: v.units,
    previous:
      prev && v.scope !== 'criteria'
        ? { ...prev, units: final || v.scope === 'all' ? prev.units : prev.units.filter((p) => visibleCodes.has(p.unitCode)) }
        : null,
  };
}

/** Departments (by id and name) that have not submitted their scores: open submissions, and evaluators with none. */
export async function unsubmittedDepartments(db: Kysely<Database>, cycle: CycleRow, fw: Framework): Promise<{ id: number; name: string }[]> {
  const subs = await db
    .selectFrom('score_submission')
    .innerJoin('org_unit', 'org_unit.id', 'score_submission.department_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name', 'org_unit.kind', 'score_submission.status'])
    .where('score_submission.cycle_id', '=', cycle.id)
    .execute();
  const out = subs.filter((s) => s.status !== 'submitted').map((s) => ({ id: s.id, name: s.name, sort: s.code }));
  const have = new Set(subs.map((s) => s.code));
  const evaluators = new Set<string>();
  for (const s of fw.sections) for (const i of s.items) for (const c of i.criteria) for (const e of c.evaluators ?? i.evaluators ?? []) evaluators.add(e);
  const missing = [...evaluators].filter((c) => !have.has(c));
  if (missing.length) {
    // The assessing office scores its own key points too; it has no submission unless the scoring module made one.
    const rows = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('code', 'in', missing).where('kind', '=', 'department').execute();
    for (const r of rows) out.push({ id: r.id, name: r.name, sort: r.code });
  }
  return out.map(({ id, name }) => ({ id, name }));
}

export interface ChangeCtx {
  trx: Transaction<Database>;
  audit: (rec: AuditRecord) => Promise<void>;
  user: SessionUser;
}

const cycleLink = (id: number) => `/assessment/${id}?tab=results`;

/** scoring → review: set the objection window and tell every assessed unit. */
export async function openReview(c: ChangeCtx, cycle: CycleRow, body: { objectionStart: string; objectionEnd: string; version: number }): Promise<void> {
  await transition({
    trx: c.trx,
    audit: c.audit,
    user: c.user,
    workflow: CYCLE_WORKFLOW,
    table: 'assessment_cycle',
    key: { id: cycle.id, version: body.version },
    from: cycle.status,
    event: 'openReview',
    set: { objection_start: body.objectionStart, objection_end: body.objectionEnd, updated_at: new Date().toISOString() },
    entityId: cycle.id,
  });
  for (const u of await cycleUnits(c.trx, cycle.id)) {
    await addTodo(c.trx, {
      role: 'unit',
      orgUnitId: u.id,
      kind: 'result.review',
      title: `查看${cycle.year}年度质量工作考核初步结果，如有异议请于 ${body.objectionEnd} 前提出`,
      detail: `异议期：${body.objectionStart} 至 ${body.objectionEnd}`,
      link: cycleLink(cycle.id),
      dueAt: body.objectionEnd,
      sourceType: 'assessment_cycle',
      sourceId: String(cycle.id),
    });
  }
}

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

/** review → published: compute, freeze into cycle_result, tell every assessed unit. */
export async function publishResults(c: ChangeCtx, cycle: CycleRow, version: number): Promise<UnitResultView[]> {
  const computed = await computeResults(c.trx, cycle);
  const now = new Date().toISOString();
  await transition({
    trx: c.trx,
    audit: c.audit,
    user: c.user,
    workflow: CYCLE_WORKFLOW,
    table: 'assessment_cycle',
    key: { id: cycle.id, version },
    from: cycle.status,
    event: 'publishResults',
    set: { published_at: now, updated_at: now },
    entityId: cycle.id,
    detail: { schemeVersion: computed.schemeVersion },
  });
  await freezeResults(c.trx, cycle.id, computed.units, now);
  await c.audit({
    action: 'result.freeze',
    entityType: 'assessment_cycle',
    entityId: cycle.id,
    after: { schemeVersion: computed.schemeVersion, ranking: computed.units.map((u) => ({ unit: u.unitCode, total: u.total, rank: u.rank, grade: u.grade })) },
  });
  await closeTodos(c.trx, c.user.id, { kind: 'result.review', sourceType: 'assessment_cycle', sourceId: String(cycle.id) });
  for (const u of computed.units) {
    await addTodo(c.trx, {
      role: 'unit',
      orgUnitId: u.unitId,
      kind: 'result.published',
      title: `${cycle.year}年度质量工作考核最终结果已发布：${u.unitName} 总分 ${u.total}，第 ${u.rank} 名，${u.grade} 级`,
      link: cycleLink(cycle.id),
      sourceType: 'assessment_cycle',
      sourceId: String(cycle.id),
    });
  }
  return computed.units;
}
