import type { AnswerObjectionBody, ObjectionView, OpenReviewBody, PublishPreliminaryBody, RaiseObjectionBody, ResultsView } from '../../shared/contracts/results';
import type { CycleDetail } from '../../shared/contracts/cycles';
import { uploadEvidence } from './evidence';
import { api } from './client';

/** detail "totals": the office and leaders get no criterion lines (the results tab shows none to them; see resultsQuery) */
export const getResults = (cycleId: number, detail?: 'full' | 'totals') => api.get<ResultsView>(`/api/cycles/${cycleId}/results`, detail ? { detail } : undefined);
export const openReview = (cycleId: number, body: OpenReviewBody) => api.post<CycleDetail>(`/api/cycles/${cycleId}/review`, body);
/** confirm: the office was told how many objections are unanswered and publishes anyway (they close as 维持原评分) */
export const publishResults = (cycleId: number, version: number, confirm?: boolean) =>
  api.post<CycleDetail>(`/api/cycles/${cycleId}/publish-results`, confirm ? { version, confirm } : { version });
/** the submitted departments' scores, before every department has submitted (with a reason) */
export const publishPreliminary = (cycleId: number, body: PublishPreliminaryBody) => api.post<CycleDetail>(`/api/cycles/${cycleId}/preliminary`, body);
export const listObjections = (cycleId: number) => api.get<{ items: ObjectionView[] }>(`/api/cycles/${cycleId}/objections`).then((r) => r.items);
export const raiseObjection = (cycleId: number, body: RaiseObjectionBody) => api.post<ObjectionView>(`/api/cycles/${cycleId}/objections`, body);
export const answerObjection = (id: number, body: AnswerObjectionBody) => api.post<ObjectionView>(`/api/objections/${id}/answer`, body);

export const rankingXlsxUrl = (cycleId: number) => `/api/cycles/${cycleId}/results/ranking.xlsx`;
export const cityReportUrl = (cycleId: number, unitId: number) => `/api/cycles/${cycleId}/results/${unitId}/report.docx`;
export const bulletinDocxUrl = (cycleId: number) => `/api/cycles/${cycleId}/results/bulletin.docx`;
export const feedbackDocxUrl = (cycleId: number, unitId: number) => `/api/cycles/${cycleId}/results/${unitId}/feedback.docx`;
export const signedSheetUrl = (cycleId: number) => `/api/cycles/${cycleId}/scoring/signed-sheet.xlsx`;
export const objectionNoticeUrl = (objectionId: number) => `/api/objections/${objectionId}/notice.docx`;
export const evidenceDownloadUrl = (id: number) => `/api/evidence/${id}`;

/**
 * Evidence for an objection goes through the evidence API (POST /api/evidence, multipart: the fields first,
 * then one file); the objection's id is the owner.
 */
/** Evidence for an objection: the evidence API with owner type 'objection'. */
export const uploadObjectionEvidence = (cycleId: number, objectionId: number, file: File) =>
  uploadEvidence({ cycleId, ownerType: 'objection', ownerId: objectionId }, file);
