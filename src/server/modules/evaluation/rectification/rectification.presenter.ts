/** An application's 整改事项 (rows of the rectification module) → the response shapes of src/shared/contracts/evaluation.ts. */
import type { RectificationView } from '../../../../shared/contracts/evaluation';
import { RECTIFICATION_WORKFLOW } from '../../../../shared/workflow/evaluation';
import type { Org } from '../evaluation.queries';
import type { RectificationRow } from '../../rectification';

export function presentRectification(r: RectificationRow, orgs: Map<number, Org>): RectificationView {
  return {
    id: r.id,
    sourceType: r.source_type === 'evaluation_site' ? ('evaluation_site' as const) : ('evaluation' as const),
    sourceRef: r.source_ref,
    owner: { id: r.owner_org_id, name: orgs.get(r.owner_org_id)?.name ?? `单位${r.owner_org_id}` },
    title: r.title,
    detail: r.detail,
    dueOn: r.due_on,
    status: r.status,
    statusLabel: RECTIFICATION_WORKFLOW.states[r.status],
    answer: r.answer,
    answeredAt: r.answered_at,
    version: r.version,
  };
}
