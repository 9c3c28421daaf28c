/** The honours roll (荣誉名录) and the incentive policies (激励政策), issue 12. */
import type { HonourBody, HonourView, PolicyBody, PolicyList, PolicyView } from '../../shared/contracts/honours';
import { api, withQuery } from './client';

export interface HonourMeta {
  kinds: { code: string; name: string; level: string; levelLabel: string; planIndicator: number | null; qualityAward: boolean; note: string | null }[];
  province: { id: number; name: string; code: string } | null;
  cities: { id: number; name: string; code: string; counties: { id: number; name: string; code: string }[] }[];
  countedIndicators: number[];
}
export interface HonourFilter {
  year?: number;
  cityId?: number;
  kind?: string;
  level?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}
export interface HonourPage {
  items: HonourView[];
  total: number;
  page: number;
  pageSize: number;
  /** cityId: the one city a city office registers for (null: any city) */
  abilities: { manage: boolean; cityId: number | null };
}
export interface OrgCount {
  org: { id: number; name: string };
  count: number;
  entries: { id: number; awardee: string; year: number; kindName: string }[];
}
export interface HonourCounts {
  upToYear: number;
  indicators: {
    code: number;
    name: string;
    kinds: string[];
    /** the plan's count (province: baseline + entries after the baseline year; cities: their entries after it); null: the roll's entries */
    stock: { baseline: number; baselineYear: number; entryCount: number; text: string } | null;
    province: OrgCount;
    cities: OrgCount[];
  }[];
}
export type InspectionEntry = HonourView & { bonusPoints: string; countyLevel: boolean };

export const honourMeta = () => api.get<HonourMeta>('/api/honours/meta');
export const listHonours = (f: HonourFilter) => api.get<HonourPage>('/api/honours', { ...f });
export const addHonour = (body: HonourBody) => api.post<HonourView>('/api/honours', body);
export const updateHonour = (id: number, body: HonourBody & { version: number }) => api.put<HonourView>(`/api/honours/${id}`, body);
export const deleteHonour = (id: number, version: number) => api.del<{ ok: true }>(withQuery(`/api/honours/${id}`, { version }));
export const importHonours = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<{ imported: number; ids: number[] }>('/api/honours/import', form);
};
export const HONOURS_TEMPLATE_URL = '/api/honours/template.xlsx';
export const honourCounts = (upToYear: number) => api.get<HonourCounts>('/api/honours/counts', { upToYear });
export const inspectionIncentives = (year: number, unitId: number) =>
  api.get<{ items: InspectionEntry[] }>('/api/honours/inspection-incentives', { year, unitId }).then((r) => r.items);

export const listPolicies = () => api.get<PolicyList>('/api/incentive-policies');
export const addPolicy = (body: PolicyBody) => api.post<PolicyView>('/api/incentive-policies', body);
export const updatePolicy = (id: number, body: PolicyBody & { version: number }) => api.put<PolicyView>(`/api/incentive-policies/${id}`, body);
export const repealPolicy = (id: number, version: number) => api.post<PolicyView>(`/api/incentive-policies/${id}/repeal`, { version });
export const supersedePolicy = (id: number, version: number, supersededById: number) => api.post<PolicyView>(`/api/incentive-policies/${id}/supersede`, { version, supersededById });
