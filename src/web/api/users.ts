import type { Page } from '../../shared/contracts/common';
import type { ApproveUserResult, CreateUserBody, ResetPasswordResult, UserListItem, UserSummary } from '../../shared/contracts/users';
import type { Role } from '../../shared/roles';
import { api } from './client';

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
  orgUnitId?: number;
  status?: 'active' | 'pending' | 'disabled' | 'locked' | 'throttled';
}

/** The system administrator edits name, phone and status; role and unit are the security administrator's. */
export interface UpdateUserInput {
  displayName?: string;
  phone?: string | null;
  status?: UserSummary['status'];
  version: number;
}

export const listUsers = (query: UserListQuery) => api.get<Page<UserListItem>>('/api/users', { ...query });
export const createUser = (body: CreateUserBody) => api.post<UserSummary>('/api/users', body);
export const updateUser = (id: number, body: UpdateUserInput) => api.patch<UserSummary>(`/api/users/${id}`, body);
export const setUserRole = (id: number, role: Role, orgUnitId: number, version: number) =>
  api.put<UserSummary>(`/api/users/${id}/role`, { role, orgUnitId, version });
/** The account is enabled with a one-time password the server generates, returned this once. */
export const approveUser = (id: number, version: number) => api.post<ApproveUserResult>(`/api/users/${id}/approve`, { version });
export const rejectUser = (id: number, version: number) => api.post<UserSummary>(`/api/users/${id}/reject`, { version });
export const unlockUser = (id: number) => api.post<UserSummary>(`/api/users/${id}/unlock`);
/** The server generates a one-time password and returns it once. */
export const resetUserPassword = (id: number, version: number) => api.post<ResetPasswordResult>(`/api/users/${id}/reset-password`, { version });
