/** Results: the engine's unit results → the views each participant may see (pure). */
import type { CriterionLine, ResultsQuery, ResultsView, SectionLine, UnitResultView, VetoItem } from '../../../../shared/contracts/results';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { objectionEndShown } from '../../../../shared/workflow/assessment';
import type { UnitResult } from '../../../../shared/scoring/engine';
import { sub, toDecimalString, toRational } from '../../../../shared/scoring/rational';
import type { CycleAccess, CycleRow } from '../assessment.queries';
import { criteriaOf, type criterionIndex } from '../framework';

const lostOf = (role: SectionLine['role'], score: string, maximum: string): string => {
  if (role === 'base') return toDecimalString(sub(toRational(maximum), toRational(score)));
  if (role === 'deduction') return score;
  return '0';
};

/** What a unit's criterion lines are made from: its key points' names and departments, and the stored comments. */
export interface LineSources {
  index: ReturnType<typeof criterionIndex>;
  commentOf: (code: string) => string | null;
  deptNames: Map<string, string>;
}

/** A unit's result; its criterion lines only when `lines` is given (null: an answer that drops them, criterionLinesDropped). */
export function presentUnitResult(u: { id: number; code: string; name: string }, r: UnitResult, lines: LineSources | null): UnitResultView {
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
    criteria: lines ? criterionLines(r, lines) : [],
  };
}

function criterionLines(r: UnitResult, { index, commentOf, deptNames }: LineSources): CriterionLine[] {
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
  return criteria;
}

/** The base sections of a framework, in order: the domains of the ranking table and the radar. */
export const domainsOf = (fw: Framework) =>
  fw.sections.filter((s) => s.role === 'base').map((s) => ({ code: s.code, title: s.title, points: String(s.points) }));

/** The veto key points of a framework ("23.a", "发生重大质量安全事故", its wording): how documents name a struck veto. */
export const vetoItemsOf = (fw: Framework): VetoItem[] =>
  fw.sections
    .filter((s) => s.role === 'veto')
    .flatMap((s) => s.items.flatMap((i) => i.criteria.map((c) => ({ code: `${i.code}.${c.code}`, itemTitle: i.title, title: c.title }))));

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

const withoutTotals = (u: UnitResultView): UnitResultView => ({
  ...u,
  total: null,
  baseScore: null,
  bonus: null,
  deduction: null,
  veto: null,
  vetoCodes: [],
  rank: null,
  grade: null,
  sections: [],
});

/** Who sees which part of the results (visibleResults): the office and leaders all, a city its own, a department its criteria. */
export const scopeOf = (a: Pick<CycleAccess, 'as'>): ResultsView['scope'] => (a.as === 'office' || a.as === 'leader' ? 'all' : a.as === 'unit' ? 'own' : 'criteria');

export type ResultsDetail = NonNullable<ResultsQuery['detail']>;

/** Whether the answer at this detail has no criterion lines and no missing cells (see resultsQuery): "totals" of scope "all". */
export const criterionLinesDropped = (scope: ResultsView['scope'], detail: ResultsDetail): boolean => detail === 'totals' && scope === 'all';

/** The results at the detail asked for (see resultsQuery): "totals" drops the criterion lines of scope "all". */
export function withDetail(v: ResultsView, detail: ResultsDetail): ResultsView {
  if (!criterionLinesDropped(v.scope, detail)) return v;
  return { ...v, units: v.units.map((u) => ({ ...u, criteria: [], missing: [] })) };
}

/**
 * What the caller may see of the results: the office and leaders everything; a city its own result in detail
 * (before publication only its own; after, the others' totals and domain subtotals without criteria); a
 * department only the criteria it evaluates, for every unit (totals only after publication).
 */
export function visibleResults(
  a: CycleAccess,
  fw: Framework,
  units: UnitResultView[],
  final: boolean,
  /** while scoring, after the office's early publication: the codes of the departments whose scores it shows */
  partial: ReadonlySet<string> | null = null,
): { scope: ResultsView['scope']; units: UnitResultView[] } {
  const scope = scopeOf(a);
  if (scope === 'all') return { scope, units };
  if (scope === 'own') {
    const own = units.filter((u) => u.unitId === a.orgUnitId);
    // scoring is not finished: the published departments' key points only, no total, rank, grade or subtotal
    if (partial) return { scope: 'own', units: own.map((u) => ({ ...withoutTotals(u), missing: [], criteria: u.criteria.filter((c) => c.department !== null && partial.has(c.department.code)) })) };
    if (!final) return { scope: 'own', units: own };
    return { scope: 'own', units: units.map((u) => (u.unitId === a.orgUnitId ? u : strip(u))) };
  }
  const mine = new Set(criteriaOf(fw, a.orgCode).map((c) => `${c.itemCode}.${c.criterionCode}`));
  return {
    scope: 'criteria',
    units: units.map((u) => ({
      ...u,
      ...(final ? {} : withoutTotals(u)),
      missing: u.missing.filter((m) => mine.has(m)),
      criteria: u.criteria.filter((c) => mine.has(c.code)),
    })),
  };
}

/** The results view: the cycle, the stage, what the caller may see, last year's totals (for the chart). */
export function presentResultsView(
  cycle: CycleRow,
  final: boolean,
  schemeVersion: number,
  fw: Framework,
  v: ReturnType<typeof visibleResults>,
  /** every unit the cycle assesses, whatever the caller sees */
  unitCount: number,
  prev: ResultsView['previous'],
  today: string,
): Omit<ResultsView, 'completeness' | 'partial'> {
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
    // an end stored before the rule that is none (9999-12-31): not printed on the 公示 and its documents (objectionEndShown)
    objectionEnd: objectionEndShown({ status: cycle.status, objectionStart: cycle.objection_start, objectionEnd: cycle.objection_end }, today),
    schemeVersion,
    demo: cycle.demo === 1,
    domains: domainsOf(fw),
    units: v.units,
    unitCount,
    vetoItems: vetoItemsOf(fw),
    previous:
      prev && v.scope !== 'criteria'
        ? { ...prev, units: final || v.scope === 'all' ? prev.units : prev.units.filter((p) => visibleCodes.has(p.unitCode)) }
        : null,
  };
}
