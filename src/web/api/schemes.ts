/** The assessment scheme (考核方案) API: versions, the draft, publication, comparison, Annex 4 downloads. */
import type { CompareResponse, RemovedScore, SchemeDetail, SchemeSummary } from '../../shared/contracts/schemes';
import type { Framework } from '../../shared/scoring/framework-schema';
import { api } from './client';

export interface PublishResult {
  scheme: SchemeDetail;
  cycleStatus: string;
  submissionsOpened: string[];
  removedScores: RemovedScore[];
}

export interface ApplyResult {
  scheme: SchemeDetail;
  applied: { departmentCode: string; departmentName: string; indicators: number; bonuses: number }[];
  notes: string[];
}

export const listSchemes = (cycleId: number) => api.get<{ items: SchemeSummary[] }>(`/api/cycles/${cycleId}/schemes`).then((r) => r.items);
export const getScheme = (id: number) => api.get<SchemeDetail>(`/api/schemes/${id}`);
export const saveScheme = (id: number, framework: Framework, version: number) => api.put<SchemeDetail>(`/api/schemes/${id}`, { framework, version });
export const newSchemeVersion = (cycleId: number, reason: string) => api.post<SchemeDetail>(`/api/cycles/${cycleId}/schemes`, { reason });
export const publishScheme = (id: number, version: number, reason?: string) =>
  api.post<PublishResult>(`/api/schemes/${id}/publish`, { version, ...(reason ? { reason } : {}) });
export const compareScheme = (cycleId: number) => api.get<CompareResponse>(`/api/cycles/${cycleId}/scheme/compare`);
export const applyDeclarations = (id: number, version: number, departmentIds?: number[]) =>
  api.post<ApplyResult>(`/api/schemes/${id}/apply-declarations`, { version, ...(departmentIds?.length ? { departmentIds } : {}) });
export const annex4Url = (id: number, ext: 'xlsx' | 'docx') => `/api/schemes/${id}/annex4.${ext}`;
