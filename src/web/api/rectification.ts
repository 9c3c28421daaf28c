/** 整改事项 (issue 13): the list, one item, raising from an assessment result or a plan indicator, and the supervision steps. */
import type { RectificationItemView, RectificationSummary } from '../../shared/contracts/rectification';
import { api } from './client';

export type { RectificationItemView, RectificationSummary };
export interface ListFilter {
  source?: string;
  owner?: number;
  light?: string;
  status?: string;
  sourceId?: number;
}
export const listRectifications = (f: ListFilter = {}) => api.get<{ items: RectificationSummary[]; mayRaise: boolean }>('/api/rectifications', { ...f });
export const getRectification = (id: number) => api.get<RectificationItemView>(`/api/rectifications/${id}`);
export const raiseFromAssessment = (body: { cycleId: number; unitId: number; criterionCodes: string[]; dueOn: string }) =>
  api.post<{ items: RectificationSummary[] }>('/api/rectifications/from-assessment', body);
export const raiseFromIndicator = (body: { indicatorId: number; orgId: number; year: number; dueOn: string; detail: string }) => api.post<RectificationItemView>('/api/rectifications/from-indicator', body);
const step = (id: number, what: string, body: unknown) => api.post<RectificationItemView>(`/api/rectifications/${id}/${what}`, body);
export interface ReportFields {
  progress: number;
  progressReason?: string | null;
  text: string;
  problems?: string | null;
  nextSteps?: string | null;
  /** the 逾期原因 (abilities.lateReason: required after a 督办单 on the month) */
  lateReason?: string | null;
}
/** the owner's draft (or the returned report being corrected); `version` is the report's, 0 for a new draft */
export const saveReport = (id: number, body: ReportFields & { version: number }) => api.put<RectificationItemView>(`/api/rectifications/${id}/report`, body);
export const submitReport = (id: number, reportId: number, version: number) => step(id, `reports/${reportId}/submit`, { version });
export const returnReport = (id: number, reportId: number, body: { version: number; reason: string }) => step(id, `reports/${reportId}/return`, body);
/** the office's 整改事项通报 (.docx) of a 成文日期 (its 文号: registered by the dialog's POST, useCheckedDownload) */
export const noticeDocxUrl = (o: { date?: string }) => {
  const q = new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => !!e[1])).toString();
  return `/api/rectifications/notice.docx${q ? `?${q}` : ''}`;
};
export const askExtension = (id: number, body: { newDueOn: string; reason: string }) => step(id, 'extensions', body);
export const decideExtension = (id: number, body: { extensionId: number; version: number; approve: boolean; reason?: string }) => step(id, 'extension-decision', body);
export const askClosure = (id: number, body: { version: number; summary: string }) => step(id, 'closure', body);
export const decideClosure = (id: number, body: { closureId: number; version: number; accept: boolean; reason?: string }) => step(id, 'closure-decision', body);
export const issueNotice = (id: number, body: { version: number; kind: 'reminder' | 'order' }) => step(id, 'notices', body);
