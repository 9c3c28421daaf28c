/** Plan-indicator reporting (数据填报、数据审核、填报期管理): the server's /api/indicator-reporting routes. */
import type { CreatePeriodBodyInput as CreatePeriodBody, MoveValueBodyInput as MoveValueBody, ReopenValueBodyInput as ReopenValueBody, SaveValueBodyInput as SaveValueBody } from '../../shared/contracts/indicator-reporting';
import type { CheckResult, ValueCheckInput, WindowState } from '../../shared/indicators/checks';
import type { Nature } from '../../shared/indicators/schema';
import type { StatusResult } from '../../shared/indicators/status';
import type { ValueLightFacts } from '../../shared/indicators/value-light';
import type { IndicatorValueStatus } from '../../shared/workflow/indicators';
import { api } from './client';

export interface PeriodView {
  id: number;
  planId: number;
  planTitle: string;
  year: number;
  quarter: number | null;
  label: string;
  opensOn: string;
  closesOn: string;
  lockDays: number;
  lockOn: string;
  window: WindowState;
  windowLabel: string;
  version: number;
  abilities: { manage: boolean };
}
export interface PlanSummary {
  id: number;
  code: string;
  title: string;
  baselineYear: number;
  targetYear: number;
  ownerName: string;
  abilities: { manage: boolean };
}
export interface ValueView {
  id: number;
  value: number | null;
  sourceDoc: string | null;
  explanation: string | null;
  status: IndicatorValueStatus;
  statusLabel: string;
  returnComment: string | null;
  reopenReason: string | null;
  late: boolean;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  acceptedAt: string | null;
  /** while a correction is under way: the confirmed figure still in force and its acceptance */
  confirmed: { value: number; acceptedAt: string | null; acceptedBy: string | null } | null;
  updatedAt: string;
  version: number;
}
export interface RowView {
  key: string;
  periodId: number;
  indicator: { id: number; code: number; number: number; name: string; unit: string; group: string; nature: Nature; departments: string[] };
  unit: { id: number; name: string; isRegion: boolean };
  value: ValueView | null;
  light: StatusResult | null;
  checks: CheckResult;
  /** a returned value behind the lock: the sentence saying 质强办 must reopen it before its reporter can change it */
  lockedReturn: string | null;
  /** the checks' facts and the light's (the same valueStatus as the server's) */
  facts: Omit<ValueCheckInput, 'value'> & ValueLightFacts;
  abilities: { edit: boolean; submit: boolean; review: boolean; accept: boolean; return: boolean; reopen: boolean };
}

export const listPeriods = () => api.get<{ today: string; plans: PlanSummary[]; periods: PeriodView[] }>('/api/indicator-reporting/periods');
export const createPeriod = (body: CreatePeriodBody) => api.post<PeriodView>('/api/indicator-reporting/periods', body);
export const periodRows = (id: number, scope: 'report' | 'review' | 'all') => api.get<{ period: PeriodView; rows: RowView[] }>(`/api/indicator-reporting/periods/${id}/rows`, { scope });
export const reviewRows = () => api.get<{ rows: RowView[] }>('/api/indicator-reporting/review').then((r) => r.rows);
export const saveValue = (body: SaveValueBody) => api.post<RowView>('/api/indicator-reporting/values', body);
export const moveValue = (id: number, body: MoveValueBody) => api.post<RowView>(`/api/indicator-reporting/values/${id}/transition`, body);
export const reopenValue = (periodId: number, body: ReopenValueBody) => api.post<RowView>(`/api/indicator-reporting/periods/${periodId}/reopen`, body);
