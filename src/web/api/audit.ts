import type { AuditChainState, AuditEntry } from '../../shared/contracts/audit';
import type { Page } from '../../shared/contracts/common';
import { api } from './client';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditQuery {
  page: number;
  pageSize: number;
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  entityType?: string;
  outcome?: AuditOutcome;
}

export const listAudit = (query: AuditQuery) => api.get<Page<AuditEntry>>('/api/audit', { ...query });
/** One cycle's audit rows, with business content, for the office that runs it. */
export const listCycleAudit = (cycleId: number, query: AuditQuery) => api.get<Page<AuditEntry>>(`/api/cycles/${cycleId}/audit`, { ...query });
export const verifyAudit = () => api.get<AuditChainState>('/api/audit/verify');
