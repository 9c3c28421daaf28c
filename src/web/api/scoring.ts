/** 评分 (issue 4 §4): the grid, one score at a time, submission, the office's progress, reminders, reopening, self-reports. */
import type { z } from 'zod';
import type {
  remindResult,
  ReopenBody,
  ScoreCell,
  ScoringGrid,
  ScoringProgress,
  SelfReportItem,
  SelfReportList,
  SheetUploadResult,
  SubmissionInfo,
} from '../../shared/contracts/scoring';
import { api } from './client';

const cellUrl = (cycleId: number, unitId: number, itemCode: string, criterionCode: string) =>
  `/api/cycles/${cycleId}/scores/${unitId}/${encodeURIComponent(itemCode)}/${criterionCode}`;

/** paging: a page of the units (the office's read-only grid of every criterion; see gridQuery) */
export const getScoringGrid = (cycleId: number, view?: 'score' | 'all', paging?: { page: number; pageSize: number }) =>
  api.get<ScoringGrid>(`/api/cycles/${cycleId}/scoring/grid`, { view, ...paging });

/** version null creates; a 409 carries the other person's cell in ApiError.current; comment (扣分理由) omitted: the stored one is kept */
export const saveScore = (cycleId: number, unitId: number, itemCode: string, criterionCode: string, body: { answer: unknown; comment?: string | null; version: number | null }) =>
  api.put<ScoreCell>(cellUrl(cycleId, unitId, itemCode, criterionCode), body);

export const clearScore = (cycleId: number, unitId: number, itemCode: string, criterionCode: string, version: number) =>
  api.del<{ ok: true }>(`${cellUrl(cycleId, unitId, itemCode, criterionCode)}?version=${version}`);

export const submitScores = (cycleId: number) => api.post<SubmissionInfo>(`/api/cycles/${cycleId}/scoring/submit`, {});
export const reopenScores = (cycleId: number, body: ReopenBody) => api.post<SubmissionInfo>(`/api/cycles/${cycleId}/scoring/reopen`, body);
export const getScoringProgress = (cycleId: number) => api.get<ScoringProgress>(`/api/cycles/${cycleId}/scoring/progress`);
export const remindScorers = (cycleId: number, departmentIds?: number[]) =>
  api.post<z.infer<typeof remindResult>>(`/api/cycles/${cycleId}/scoring/remind`, departmentIds ? { departmentIds } : {});

export const listSelfReports = (cycleId: number, unitId?: number) => api.get<SelfReportList>(`/api/cycles/${cycleId}/self-reports`, { unitId });
export const saveSelfReport = (cycleId: number, itemCode: string, body: { text: string; version: number | null }) =>
  api.put<SelfReportItem>(`/api/cycles/${cycleId}/self-reports/${encodeURIComponent(itemCode)}`, body);

/** the department's scoring sheet (.xlsx), prefilled with what is saved */
export const scoringSheetUrl = (cycleId: number) => `/api/cycles/${cycleId}/scoring/sheet.xlsx`;

/**
 * Upload a filled scoring sheet. A refused file throws ApiError whose `fields` list every problem as
 * {field: "评分表·第7行·扣分理由", message}; nothing is imported then (409: rows changed since the download).
 */
export async function uploadScoringSheet(cycleId: number, file: File): Promise<SheetUploadResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<SheetUploadResult>(`/api/cycles/${cycleId}/scoring/upload`, form);
}
