/** 创建评价的评审 (issue 11): the plan and its panel, 回避, the expert's sheet, the 综合评价, the applicant's 自评, findings. */
import type { z } from 'zod';
import type { ApplicationView, ExpertView, findingView, ItemEvidenceView, PlanBody, PlanPage, SelfAssessmentView, SheetView } from '../../shared/contracts/evaluation';
import type { Consolidation } from '../../shared/evaluation/consolidate';
import { api } from './client';

const base = (id: number) => `/api/evaluation-applications/${id}`;
const cell = (itemCode: string, criterionCode: string) => `${encodeURIComponent(itemCode)}/${encodeURIComponent(criterionCode)}`;

export type Finding = z.infer<typeof findingView>;
export interface ConsolidationResponse {
  consolidation: Consolidation | null;
  /** expert id → name (empty for the applicant) */
  experts: Record<string, string>;
  /** the experts who have not submitted yet */
  pending: string[];
  /** registers shown beside items (4.8: the 质量分析报告 register); none for the applicant */
  evidence?: ItemEvidenceView[];
  /** the applicant's only: each item that lost points → the experts' opinions as the 评价报告 prints them (no names) */
  opinions?: Record<string, string[]>;
  /** the team leader's 确定得分 and 确认综合评价 now (the server's own refusals); `waiting`: why it cannot confirm yet */
  abilities: { agree: boolean; confirm: boolean; waiting: string | null };
  /** the application's version this view was read at (the leader's agreed scores and confirmation carry it) */
  version: number;
}

/** the sheet every round scores against today (seed 004's table A.1) */
export const EVALUATION_FRAMEWORK_ID = 'db43-quality-city';

export const getApplication = (id: number) => api.get<ApplicationView>(base(id));

export const listExperts = () => api.get<{ items: ExpertView[] }>('/api/evaluation-experts').then((r) => r.items);
/** the plan page: the newest version (null: none yet) and the server's abilities for it */
export const getPlan = (id: number) => api.get<PlanPage>(`${base(id)}/plan`);
export const savePlan = (id: number, body: PlanBody) => api.put<PlanPage>(`${base(id)}/plan`, body);
export const approvePlan = (id: number, version: number) => api.post<PlanPage>(`${base(id)}/plan/approve`, { version });
export const declareRecusal = (memberId: number, body: { version: number; conflict: boolean; relations: string[]; statement: string }) =>
  api.post<PlanPage>(`/api/plan-members/${memberId}/recusal`, body);

export const getSheet = (id: number) => api.get<SheetView>(`${base(id)}/sheet`);
export const putSheetScore = (id: number, itemCode: string, criterionCode: string, body: { version: number | null; answer: unknown; reason?: string }) =>
  api.put<SheetView>(`${base(id)}/sheet/${cell(itemCode, criterionCode)}`, body);
export const submitSheet = (id: number, version: number) => api.post<SheetView>(`${base(id)}/sheet/submit`, { version });
export const reopenSheet = (id: number, version: number) => api.post<SheetView>(`${base(id)}/sheet/reopen`, { version });

export const getConsolidation = (id: number) => api.get<ConsolidationResponse>(`${base(id)}/consolidation`);
export const setAgreed = (id: number, itemCode: string, body: { score: string; reason: string; version: number }) => api.put<{ ok: true }>(`${base(id)}/agreed/${encodeURIComponent(itemCode)}`, body);
export const withdrawAgreed = (id: number, itemCode: string, body: { reason: string; version: number }) =>
  api.post<{ ok: true }>(`${base(id)}/agreed/${encodeURIComponent(itemCode)}/withdraw`, body);
export const confirmConsolidation = (id: number, version: number) => api.post<{ ok: true }>(`${base(id)}/consolidate`, { version });

export const getSelfAssessment = (id: number) => api.get<SelfAssessmentView>(`${base(id)}/self-assessment`);
export const putSelfScore = (id: number, itemCode: string, criterionCode: string, body: { version: number | null; answer: unknown; note?: string }) =>
  api.put<SelfAssessmentView>(`${base(id)}/self-assessment/${cell(itemCode, criterionCode)}`, body);
export const submitSelfAssessment = (id: number, version: number) => api.post<SelfAssessmentView>(`${base(id)}/self-assessment/submit`, { version });
export const checkSelfAssessment = (id: number, version: number) => api.post<SelfAssessmentView>(`${base(id)}/self-assessment/check`, { version });
export const returnSelfAssessment = (id: number, body: { version: number; reason: string }) => api.post<SelfAssessmentView>(`${base(id)}/self-assessment/return`, body);

export const listFindings = (id: number) => api.get<{ items: Finding[] }>(`${base(id)}/findings`).then((r) => r.items);
export const recordFinding = (id: number, body: { itemCode: string | null; text: string }) => api.post<{ items: Finding[] }>(`${base(id)}/findings`, body).then((r) => r.items);
