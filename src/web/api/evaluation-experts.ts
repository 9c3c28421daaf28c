/** The organiser's expert pool and the register of named cities and counties (creation evaluation). */
import type { ExpertBody, ExpertView, UpdateExpertBody } from '../../shared/contracts/evaluation';
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
