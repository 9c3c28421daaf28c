/** Objections: rows → ObjectionView (pure). */
import type { ObjectionView } from '../../../../shared/contracts/results';
import { OBJECTION_WORKFLOW } from '../../../../shared/workflow/assessment';
import type { Selectable } from 'kysely';
import type { ObjectionTable } from '../../../db/schema';

export type ObjectionRow = Selectable<ObjectionTable>;

export function presentObjection(
  r: ObjectionRow & { unit_code: string; unit_name: string; dept_code: string; dept_name: string },
  meta: { itemTitle: string; title: string } | undefined,
  files: { id: number; file_name: string; size_bytes: number | string; mime_type: string }[],
  evaluators: { id: number; code: string; name: string }[],
  mayAnswer: boolean,
  answering: ObjectionView['answering'] = null,
): ObjectionView {
  return {
    id: r.id,
    cycleId: r.cycle_id,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    department: { id: r.department_id, code: r.dept_code, name: r.dept_name },
    evaluators,
    mayAnswer,
    itemCode: r.item_code,
    criterionCode: r.criterion_code,
    itemTitle: meta?.itemTitle ?? '',
    criterionTitle: meta?.title ?? '',
    reason: r.reason,
    status: r.status,
    statusLabel: OBJECTION_WORKFLOW.states[r.status] ?? r.status,
    response: r.response,
    beforeAnswer: r.before_answer_json ? JSON.parse(r.before_answer_json) : null,
    afterAnswer: r.after_answer_json ? JSON.parse(r.after_answer_json) : null,
    raisedAt: r.raised_at,
    answeredAt: r.answered_at,
    evidence: files.map((f) => ({ id: f.id, fileName: f.file_name, sizeBytes: Number(f.size_bytes), mimeType: f.mime_type })),
    version: r.version,
    answering,
  };
}
