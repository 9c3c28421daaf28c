/** Plan indicators (规划指标监测): plans, the table of a year, an indicator's detail, the city matrix, completeness, target edits, exports. */
import type { CityMatrix, CompletenessView, IndicatorDetail, IndicatorTable, PlanView, QuarterView, RevertTargetBody, SetTargetBody } from '../../shared/contracts/indicators';
import { api } from './client';

export const listPlans = () => api.get<{ items: PlanView[] }>('/api/indicator-plans').then((r) => r.items);
export const getTable = (planId: number, year?: number, quarter?: number | null) =>
  api.get<IndicatorTable>(`/api/indicator-plans/${planId}/indicators`, year || quarter ? { ...(year ? { year } : {}), ...(quarter ? { quarter } : {}) } : undefined);
export const getQuarters = (id: number, year?: number) => api.get<QuarterView>(`/api/indicators/${id}/quarters`, year ? { year } : undefined);
export const revertTarget = (id: number, year: number, body: RevertTargetBody) => api.post<IndicatorDetail>(`/api/indicators/${id}/targets/${year}/revert`, body);
export const getIndicator = (id: number) => api.get<IndicatorDetail>(`/api/indicators/${id}`);
export const setTarget = (id: number, year: number, body: SetTargetBody) => api.put<IndicatorDetail>(`/api/indicators/${id}/targets/${year}`, body);
export const getMatrix = (planId: number, year?: number) => api.get<CityMatrix>(`/api/indicator-plans/${planId}/matrix`, year ? { year } : undefined);
export const getCompleteness = (planId: number) => api.get<CompletenessView>(`/api/indicator-plans/${planId}/completeness`);
export const tableXlsxUrl = (planId: number, year: number) => `/api/indicator-plans/${planId}/export.xlsx?year=${year}`;
export const reportDocxUrl = (planId: number, year: number) => `/api/indicator-plans/${planId}/report.docx?year=${year}`;
