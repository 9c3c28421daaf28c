import type { CreateOrgBody, OrgUnit } from '../../shared/contracts/orgs';
import { api } from './client';

export interface UpdateOrgInput {
  name?: string;
  shortName?: string | null;
  sortOrder?: number;
  version: number;
}

export const listOrgs = () => api.get<{ items: OrgUnit[] }>('/api/orgs').then((r) => r.items);
export const createOrg = (body: CreateOrgBody) => api.post<OrgUnit>('/api/orgs', body);
export const updateOrg = (id: number, body: UpdateOrgInput) => api.patch<OrgUnit>(`/api/orgs/${id}`, body);
