import type { CreateCycleBody, CycleDetail, CycleList } from '../../shared/contracts/cycles';
import type { ListQuery } from '../lib/serverTable';
import { queryOf } from '../lib/serverTable';
import type { z } from 'zod';
import type { updateCycleBody } from '../../shared/contracts/cycles';
import { api } from './client';

/** A page of the cycles the user takes part in (20 by default, newest year first). */
export const listCycles = (q: Partial<ListQuery> = {}) => api.get<CycleList>('/api/cycles', queryOf({ page: 1, pageSize: 20, ...q }));
export const getCycle = (id: number) => api.get<CycleDetail>(`/api/cycles/${id}`);
export const createCycle = (body: CreateCycleBody) => api.post<CycleDetail>('/api/cycles', body);
export const updateCycle = (id: number, body: z.input<typeof updateCycleBody>) => api.patch<CycleDetail>(`/api/cycles/${id}`, body);
export const transitionCycle = (id: number, event: string, version: number) =>
  api.post<CycleDetail>(`/api/cycles/${id}/transition`, { event, version });
