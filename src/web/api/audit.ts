import type { AuditEntry } from '../../shared/contracts/audit';
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
