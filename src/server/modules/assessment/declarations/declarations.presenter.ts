/** Declarations: rows → DeclarationSummary / DeclarationDetail / DeclarationList (pure). */
import type { z } from 'zod';
import {
  checkDeclaration,
  declarationContent,
  overPointsOf,
  toHundredths,
  hundredthsText,
  type declarationListQuery,
  type DeclarationContent,
  type DeclarationDetail,
  type DeclarationList,
  type DeclarationSummary,
} from '../../../../shared/contracts/declarations';
import { DECLARATION_WORKFLOW, type DeclarationStatus } from '../../../../shared/workflow/assessment';
import { BONUS_SHEET, INDICATOR_SHEET } from '../../../io/excel/declaration-template';
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
    reminders: d.reminders && { count: d.reminders.count, lastAt: d.reminders.lastAt },
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

/** One page of the invited departments' declarations, filtered by state and ordered as asked, with the counts of all. */
export function presentList(items: DeclarationSummary[], q: Pick<z.output<typeof declarationListQuery>, 'page' | 'pageSize' | 'status' | 'sort'>): DeclarationList {
  const { page, pageSize, status, sort } = q;
  const shown = items.filter((i) => !status || status.includes(i.status));
  if (sort) {
    const dir = sort === 'unit' ? 1 : -1;
    shown.sort((x, y) => dir * x.departmentName.localeCompare(y.departmentName, 'zh-CN') || x.id - y.id);
  }
  const count = (s: DeclarationStatus) => items.filter((i) => i.status === s).length;
  return {
    items: shown.slice((page - 1) * pageSize, page * pageSize),
    total: shown.length,
    page,
    pageSize,
    counts: {
      total: items.length,
      draft: count('draft'),
      submitted: count('submitted'),
      returned: count('returned'),
      accepted: count('accepted'),
      late: items.filter((i) => i.late).length,
      overPoints: items.reduce((s, i) => s + i.overPoints.length, 0),
    },
  };
}

/** One department's declaration as the 指标分值对照表 lists it. */
export const presentComparison = (d: LoadedDeclaration) => ({
  department: d.dept.name,
  statusLabel: DECLARATION_WORKFLOW.states[d.row.status],
  content: parseContent(d.row),
});

/** A problem of the strict checks as an upload warning addressed to the Excel row and column. */
const COLUMN_OF: Record<string, string> = { criteria: '要点考核内容', points: '分值', basis: '指标依据', overReason: '超过上年分值的理由' };
function excelField(field: string, indicatorRows: number[], bonusRows: number[]): string {
  const m = /^(indicators|bonuses)\.(\d+)\.(\w+)/.exec(field);
  if (!m) return '文件';
  const sheet = m[1] === 'indicators' ? INDICATOR_SHEET : BONUS_SHEET;
  const row = (m[1] === 'indicators' ? indicatorRows : bonusRows)[Number(m[2])];
  return `${sheet}·第${row}行·${COLUMN_OF[m[3]] ?? m[3]}`;
}

/** The strict checks' problems of an uploaded declaration, as warnings addressed to the workbook's rows and columns. */
export const uploadWarnings = (content: DeclarationContent, indicatorRows: number[], bonusRows: number[]) =>
  checkDeclaration(content).map((p) => ({ field: excelField(p.field, indicatorRows, bonusRows), message: p.message }));
