/** Declarations: rows → DeclarationSummary / DeclarationDetail (pure). */
import {
  declarationContent,
  overPointsOf,
  toHundredths,
  hundredthsText,
  type DeclarationContent,
  type DeclarationDetail,
  type DeclarationSummary,
} from '../../../../shared/contracts/declarations';
import { DECLARATION_WORKFLOW } from '../../../../shared/workflow/assessment';
import { declarationActions, dueDateOf, isOpenFor } from '../assessment.policy';
import type { DeclarationRow, LoadedDeclaration } from './declarations.queries';

export const parseContent = (row: DeclarationRow): DeclarationContent => declarationContent.parse(JSON.parse(row.content_json));

export function presentSummary(d: LoadedDeclaration, content = parseContent(d.row)): DeclarationSummary {
  const { row, dept, access } = d;
  const status = row.status;
  const total = content.indicators.reduce((s, r) => s + toHundredths(r.points), 0);
  return {
    id: row.id,
    cycleId: row.cycle_id,
    departmentId: dept.id,
    departmentCode: dept.code,
    departmentName: dept.name,
    status,
    statusLabel: DECLARATION_WORKFLOW.states[status],
    submittedAt: row.submitted_at,
    late: row.late === 1,
    reopenedUntil: row.reopened_until,
    returnReason: row.return_reason,
    indicatorCount: content.indicators.length,
    bonusCount: content.bonuses.length,
    totalPoints: hundredthsText(total),
    overPoints: overPointsOf(content),
    version: row.version,
    updatedAt: row.updated_at,
    dueDate: dueDateOf(access.cycle, row),
    open: isOpenFor(access.cycle, row, access.today),
    actions: declarationActions(d),
  };
}

export function presentDetail(d: LoadedDeclaration): DeclarationDetail {
  const content = parseContent(d.row);
  return {
    ...presentSummary(d, content),
    cycleTitle: d.access.cycle.title,
    year: d.access.cycle.year,
    deadline: d.access.cycle.deadline,
    content,
  };
}

