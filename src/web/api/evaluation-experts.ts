/** The organiser's expert pool and the register of named cities and counties (creation evaluation). */
import type { ExpertBody, ExpertView, RectificationView, UpdateExpertBody } from '../../shared/contracts/evaluation';
import { api } from './client';

export interface RegisterEntry {
  applicationId: number;
  applicant: { id: number; name: string; kind: string };
  year: number;
  organiser: { id: number; name: string };
  total: string;
  namedAt: string;
  docNo: string | null;
}

export const listExperts = (all = true) => api.get<{ items: ExpertView[] }>(`/api/evaluation-experts${all ? '?all=true' : ''}`).then((r) => r.items);
export const addExpert = (body: ExpertBody) => api.post<{ items: ExpertView[] }>('/api/evaluation-experts', body).then((r) => r.items);
export const updateExpert = (id: number, body: UpdateExpertBody) => api.put<{ items: ExpertView[] }>(`/api/evaluation-experts/${id}`, body).then((r) => r.items);
export const listRegister = () => api.get<{ items: RegisterEntry[] }>('/api/evaluation-register').then((r) => r.items);

export const listRectifications = (applicationId: number) => api.get<{ items: RectificationView[] }>(`/api/evaluation-applications/${applicationId}/rectifications`).then((r) => r.items);
export const raiseRectifications = (applicationId: number, body: { itemCodes: string[]; findingIds: number[]; dueOn: string | null }) =>
  api.post<{ items: RectificationView[] }>(`/api/evaluation-applications/${applicationId}/rectifications`, body).then((r) => r.items);
export const answerRectification = (applicationId: number, id: number, body: { version: number; answer: string }) =>
  api.post<{ items: RectificationView[] }>(`/api/evaluation-applications/${applicationId}/rectifications/${id}/answer`, body).then((r) => r.items);
export const getConsolidation = (applicationId: number) =>
  api.get<{ consolidation: { items: { code: string; title: string; maximum: string; combined: string | null }[] } | null }>(`/api/evaluation-applications/${applicationId}/consolidation`);
