/** The quality analysis report (质量分析报告, DB43 4.8): the reports, the register, one report and its edits. */
import type { z } from 'zod';
import type { RegisterView, ReportView, reportList, SectionKey } from '../../shared/contracts/analysis';
import { api } from './client';

export type { RegisterView, ReportView, SectionKey };
export type ReportList = z.infer<typeof reportList>;

export const listReports = () => api.get<ReportList>('/api/analysis-reports');
export const getRegister = () => api.get<RegisterView>('/api/analysis-reports/register');
export const createReport = (period: string) => api.post<ReportView>('/api/analysis-reports', { period });
export const getReport = (id: number) => api.get<ReportView>(`/api/analysis-reports/${id}`);
/** `base`: the section's text as the page loaded it (a save stands on another writer's save of another section) */
export const saveSection = (id: number, key: SectionKey, version: number, text: string, base: string) => api.put<ReportView>(`/api/analysis-reports/${id}/sections/${key}`, { version, text, base });
export const refreshReport = (id: number, version: number) => api.post<ReportView>(`/api/analysis-reports/${id}/refresh`, { version });
export const issueReport = (id: number, version: number, docNo: string, issuedOn: string) => api.post<ReportView>(`/api/analysis-reports/${id}/issue`, { version, docNo, issuedOn });
export const reportDocxUrl = (id: number) => `/api/analysis-reports/${id}/report.docx`;
