import type { CreateCycleBody, CycleDetail, CycleSummary } from '../../shared/contracts/cycles';
import type { z } from 'zod';
import type { updateCycleBody } from '../../shared/contracts/cycles';
import { api } from './client';

export const listCycles = () => api.get<{ items: CycleSummary[] }>('/api/cycles').then((r) => r.items);
export const getCycle = (id: number) => api.get<CycleDetail>(`/api/cycles/${id}`);
export const createCycle = (body: CreateCycleBody) => api.post<CycleDetail>('/api/cycles', body);
export const updateCycle = (id: number, body: z.input<typeof updateCycleBody>) => api.patch<CycleDetail>(`/api/cycles/${id}`, body);
export const transitionCycle = (id: number, event: string, version: number) =>
  api.post<CycleDetail>(`/api/cycles/${id}/transition`, { event, version });
