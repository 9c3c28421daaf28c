import type { AuditChainState, AuditPage } from '../../shared/contracts/audit';
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
  /** the newest row of the listing's first page (its answer's upTo): the next pages keep to the same rows */
  upTo?: number;
}

export const listAudit = (query: AuditQuery) => api.get<AuditPage>('/api/audit', { ...query });
/** One cycle's audit rows, with business content, for the office that runs it. */
export const listCycleAudit = (cycleId: number, query: AuditQuery) => api.get<AuditPage>(`/api/cycles/${cycleId}/audit`, { ...query });
export const verifyAudit = () => api.get<AuditChainState>('/api/audit/verify');
/** The whole log under the same filters as the page, as .xlsx (the auditor's export). */
export const auditExportUrl = ({ page: _page, pageSize: _size, upTo: _upTo, ...filters }: AuditQuery) => {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  return `/api/audit/export.xlsx${q ? `?${q}` : ''}`;
};
