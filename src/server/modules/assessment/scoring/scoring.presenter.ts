/** 评分: rows → response shapes (grid cells, criterion definitions, submissions, self-reports, an upload's problems). Pure. */
import type { Framework } from '../../../../shared/scoring/framework-schema';
import type { UnitResult } from '../../../../shared/scoring';
import type { CriterionDef, ScoreCell, SelfReportItem, SubmissionInfo } from '../../../../shared/contracts/scoring';
import type { EvidenceItem } from '../../../../shared/contracts/evidence';
import { SCORE_SUBMISSION_WORKFLOW, type SubmissionStatus } from '../../../../shared/workflow/assessment';
import type { UploadProblem } from '../../../../shared/contracts/declarations';
import { badRequest, conflict, type AppError } from '../../../core/errors';
import { withCellProblems } from '../../../io/excel/cell-problems';
import { problemField } from '../../../io/excel/declaration-template';
import type { SheetPlan } from './scoring.sheet';

/** a department with no submission row yet is simply still scoring */
export const OPEN_SUBMISSION = (departmentId: number) => ({ department_id: departmentId, status: 'open' as SubmissionStatus, submitted_at: null, reopen_reason: null });

export const presentSubmission = (r: { department_id: number; status: SubmissionStatus; submitted_at: string | null; reopen_reason: string | null }): SubmissionInfo => ({
  departmentId: r.department_id,
  status: r.status,
  statusLabel: SCORE_SUBMISSION_WORKFLOW.states[r.status] ?? r.status,
  submittedAt: r.submitted_at,
  reopenReason: r.reopen_reason,
});

export function findCriterionResult(r: UnitResult, itemCode: string, criterionCode: string) {
  for (const s of r.sections) for (const i of s.items) if (i.code === itemCode) return i.criteria.find((c) => c.code === `${itemCode}.${criterionCode}`);
  return undefined;
}

const by = (id: number | null, names: Map<number, string>) => (id !== null ? { id, name: names.get(id) ?? '' } : null);

/** A stored score as a grid cell; `answer` is its answer_json parsed (the caller has it parsed already). */
export function presentCell(
  r: { id: number; unit_id: number; item_code: string; criterion_code: string; comment: string | null; version: number; updated_by: number | null; updated_at: string },
  answer: unknown,
  cr: { score: string; explanation: string } | undefined,
  names: Map<number, string>,
  evidence: EvidenceItem[],
): ScoreCell {
  return {
    id: r.id,
    unitId: r.unit_id,
    itemCode: r.item_code,
    criterionCode: r.criterion_code,
    answer,
    comment: r.comment,
    version: r.version,
    updatedBy: by(r.updated_by, names),
    updatedAt: r.updated_at,
    score: cr?.score ?? null,
    explanation: cr?.explanation ?? null,
    evidence,
  };
}

export function presentSelfReport(
  r: { id: number; unit_id: number; unit_name: string; item_code: string; text: string; version: number; updated_by: number | null; updated_at: string },
  names: Map<number, string>,
  evidence: EvidenceItem[],
): SelfReportItem {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    itemCode: r.item_code,
    text: r.text,
    version: r.version,
    updatedBy: by(r.updated_by, names),
    updatedAt: r.updated_at,
    evidence,
  };
}

/** The criteria (by "item.criterion" key) shown in the grid, with their evaluators' names; `editable` keys are the caller's. */
export function criterionDefs(fw: Framework, keys: Set<string>, orgNames: Map<string, string>, editable: Set<string>): CriterionDef[] {
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

/**
 * Why an uploaded 评分表 is not imported, or null: the cells the file could not give (`cells`), with every other
 * problem of the rows — one upload says all (400); else scores changed since the sheet was downloaded (409).
 */
export function sheetUploadRefusal(cells: readonly UploadProblem[], plan: Pick<SheetPlan, 'problems' | 'stale' | 'staleBy' | 'staleCleared'>): AppError | null {
  if (cells.length || plan.problems.length) {
    const all = withCellProblems(cells, [...plan.problems, ...plan.stale]);
    return badRequest(`上传的评分表有${all.length}处问题，未导入任何评分；请按列表修改后重新上传`, all.map(problemField));
  }
  if (plan.stale.length) {
    const done = plan.staleCleared === 0 ? '修改' : plan.staleCleared === plan.stale.length ? '清除' : '修改或清除';
    const by = plan.staleBy.length ? `已由${plan.staleBy.join('、')}${done}` : `已被他人${done}`;
    return conflict(`有${plan.stale.length}项评分在下载评分表后${by}，为免覆盖，未导入任何评分；请重新下载评分表后再填`, null, plan.stale.map(problemField));
  }
  return null;
}
