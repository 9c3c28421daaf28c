/** The scheme: rows → SchemeSummary / SchemeDetail (pure). */
import type { SchemeCheckReport, EvaluatorOption, SchemeDetail, SchemeSummary } from '../../../../shared/contracts/schemes';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { SCHEME_EDITABLE, SCHEME_WORKFLOW, type SchemeStatus } from '../../../../shared/workflow/assessment';
import type { SchemeRow } from '../assessment.queries';

export const presentSummary = (r: SchemeRow, names: Map<number, string>): SchemeSummary => ({
  id: r.id,
  cycleId: r.cycle_id,
  versionNo: r.version_no,
  status: r.status,
  statusLabel: SCHEME_WORKFLOW.states[r.status],
  reason: r.reason,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  publishedByName: r.published_by ? (names.get(r.published_by) ?? null) : null,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});


export function presentSchemeDetail(
  row: SchemeRow,
  fw: Framework,
  names: Map<number, string>,
  options: EvaluatorOption[],
  evaluatorLabels: Record<string, string>,
  check: SchemeCheckReport,
  mayManage: boolean,
  unapplied: SchemeDetail['unappliedDeclarations'],
): SchemeDetail {
  return {
    ...presentSummary(row, names),
    framework: fw,
    check,
    evaluatorOptions: options,
    evaluatorLabels,
    editable: SCHEME_EDITABLE.includes(row.status) && mayManage,
    unappliedDeclarations: unapplied,
  };
}

/** the mark a draft version's export names carry (草案第 n 版); none once published */
export const draftMark = (status: SchemeStatus): string => (status === 'draft' ? '草案' : '');
