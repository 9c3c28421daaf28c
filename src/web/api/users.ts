import type { Page } from '../../shared/contracts/common';
import type { CreateUserBody, UserSummary } from '../../shared/contracts/users';
import type { Role } from '../../shared/roles';
import { api } from './client';

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
  orgUnitId?: number;
}

export interface UpdateUserInput {
  displayName?: string;
  orgUnitId?: number;
  phone?: string | null;
  status?: UserSummary['status'];
  version: number;
}

export const listUsers = (query: UserListQuery) => api.get<Page<UserSummary>>('/api/users', { ...query });
export const createUser = (body: CreateUserBody) => api.post<UserSummary>('/api/users', body);
export const updateUser = (id: number, body: UpdateUserInput) => api.patch<UserSummary>(`/api/users/${id}`, body);
export const setUserRole = (id: number, role: Role, version: number) => api.put<UserSummary>(`/api/users/${id}/role`, { role, version });
export const unlockUser = (id: number) => api.post<UserSummary>(`/api/users/${id}/unlock`);
export const resetUserPassword = (id: number, password: string) =>
  api.post<UserSummary>(`/api/users/${id}/reset-password`, { password });
