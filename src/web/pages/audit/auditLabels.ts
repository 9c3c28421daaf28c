/** The audit page's labels: the Chinese names come from src/shared/audit-labels.ts (the server presents with the same table). */
export { ACTION_FAMILY_LABELS, ACTION_LABELS, ENTITY_LABELS, EVENT_ACTIONS, OUTCOME_LABELS } from '../../../shared/audit-labels';
export const OUTCOME_COLORS = { ok: 'green', denied: 'orange', failed: 'red' } as const;
