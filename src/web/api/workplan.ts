/** Work plan supervision (工作要点督办, issue 13): plans, the task × unit lights, a task's reports, extensions, closure and notices. */
import type { z } from 'zod';
import type { planDetail, planSummary, saveReportBody, taskDetail, taskRevision, updateTaskBody } from '../../shared/contracts/workplan';
import type { Light } from '../../shared/workplan/rules';
import { api } from './client';

export type PlanSummary = z.infer<typeof planSummary> & { publishedAt: string | null };
export interface LightView {
  light: Light;
  label: string;
  expected: number;
  reasons: string[];
}
export interface UnitCell {
  org: { id: number; name: string };
  role: 'lead' | 'cooperating' | 'responsible';
  roleLabel: string;
  signed: boolean;
  light: LightView;
}
export interface TaskRowView {
  id: number;
  number: number;
  part: string;
  partTitle: string;
  title: string;
  unitsText: string;
  lead: { id: number; name: string } | null;
  consolidator: { id: number; name: string };
  status: 'open' | 'closing' | 'closed';
  statusLabel: string;
  dueOn: string;
  deadline: string;
  scheduleLabel: string;
  progress: number | null;
  light: LightView;
  units: UnitCell[];
  version: number;
}
export type PlanDetail = Omit<z.infer<typeof planDetail>, 'taskRows'> & { taskRows: TaskRowView[]; publishedAt: string | null };

export interface ReportView {
  id: number;
  org: { id: number; name: string };
  period: string;
  periodLabel: string;
  consolidated: boolean;
  progress: number;
  progressReason: string | null;
  text: string;
  problems: string | null;
  nextSteps: string | null;
  status: 'draft' | 'submitted' | 'returned';
  statusLabel: string;
  returnReason: string | null;
  /** the 逾期原因: the unit's reply to a 督办单, or given of its own accord when late (lateReasonAsk) */
  lateReason: string | null;
  submittedAt: string | null;
  updatedAt: string;
  version: number;
  /** return: the caller may 退回 it now (the return command's own refusal, reportReturnRefusal) */
  abilities: { return: boolean };
  /** why a submitted report the caller would return may not be returned now (the task asks to close), or null */
  returnRefusal: string | null;
}
/** a pending extension or closure request as the caller may decide it (the server's decideRefusal) */
export interface RequestDecision {
  /** decide: the caller may 同意 / 不同意 (延期) or 销号 / 退回 (办结) it now */
  abilities: { decide: boolean };
  /** why the office's staff member who asked it may not decide it (another of the office's staff decides), or null */
  decideRefusal: string | null;
}
export type TaskRevision = z.infer<typeof taskRevision>;
export interface TaskPage extends Omit<z.infer<typeof taskDetail>, 'task' | 'reports' | 'extensions' | 'closures' | 'notices'> {
  task: TaskRowView & { text: string; schedule: 'monthly' | 'quarterly' | 'half-yearly' };
  reports: ReportView[];
  extensions: ({ id: number; org: { name: string }; fromDueOn: string; newDueOn: string; reason: string; status: string; statusLabel: string; decisionReason: string | null; judgeAgainstOriginal: boolean; /** asked after the deadline it moves (逾期申请延期) */ late: boolean; createdAt: string; version: number } & RequestDecision)[];
  closures: ({ id: number; org: { name: string }; summary: string; status: string; statusLabel: string; decisionReason: string | null; createdAt: string; decidedAt: string | null; version: number } & RequestDecision)[];
  notices: { id: number; org: { id: number; name: string }; period: string; kind: string; kindLabel: string; text: string; replyBy: string | null; issuedAt: string }[];
  overdue: { org: { id: number; name: string }; period: string; periodLabel: string; dueOn: string; stage: string; stageLabel: string }[];
  myUnit: { id: number; role: string; signed: boolean; signedAt: string | null; version: number } | null;
}

const q = (asOf?: string) => (asOf ? { asOf } : undefined);
export const listPlans = () => api.get<{ items: PlanSummary[]; abilities: { import: boolean; create: boolean } }>('/api/work-plans');
export interface NewPlan {
  year: number;
  title: string;
  schedule: 'monthly' | 'quarterly' | 'half-yearly';
}
export interface NewTask {
  title: string;
  text: string;
  dueOn: string;
  units: { orgId: number; role: 'lead' | 'cooperating' | 'responsible' }[];
}
export const createPlan = (body: NewPlan) => api.post<PlanDetail>('/api/work-plans', body);
export const addTask = (planId: number, body: NewTask) => api.post<PlanDetail>(`/api/work-plans/${planId}/tasks`, body);
export const removeTask = (taskId: number, version: number) => api.del<PlanDetail>(`/api/work-tasks/${taskId}?version=${version}`);
export const getPlan = (id: number, asOf?: string) => api.get<PlanDetail>(`/api/work-plans/${id}`, q(asOf));
export const importPlan = () => api.post<PlanDetail>('/api/work-plans/import', { source: 'hunan-2023', schedule: 'half-yearly' });
export const publishPlan = (id: number, version: number) => api.post<PlanDetail>(`/api/work-plans/${id}/publish`, { version });

export const listMyTasks = () => api.get<{ items: (TaskRowView & { plan: { id: number; title: string; year: number }; myRole: string | null })[] }>('/api/work-tasks').then((r) => r.items);
export const getTask = (id: number, asOf?: string) => api.get<TaskPage>(`/api/work-tasks/${id}`, q(asOf));
export type TaskEdit = z.input<typeof updateTaskBody>;
/** the task as it now stands, sent with a 409 when someone else changed it first */
export interface TaskNow {
  version: number;
  title: string;
  text: string;
  part: string;
  partTitle: string;
  dueOn: string;
  leadOrgId: number | null;
  units: { orgId: number; role: 'lead' | 'cooperating' | 'responsible' }[];
}
export const updateTask = (id: number, body: TaskEdit) => api.put<TaskPage>(`/api/work-tasks/${id}`, body);
export const signTask = (id: number, version: number) => api.post<TaskPage>(`/api/work-tasks/${id}/sign`, { version });
export type ReportForm = z.input<typeof saveReportBody>;
export const saveReport = (id: number, period: string, body: ReportForm) => api.put<TaskPage>(`/api/work-tasks/${id}/reports/${period}`, body);
export const submitReport = (reportId: number, version: number) => api.post<TaskPage>(`/api/work-task-reports/${reportId}/submit`, { version });
export const returnReport = (reportId: number, version: number, reason: string) => api.post<TaskPage>(`/api/work-task-reports/${reportId}/return`, { version, reason });
export const askExtension = (id: number, newDueOn: string, reason: string) => api.post<TaskPage>(`/api/work-tasks/${id}/extensions`, { newDueOn, reason });
export const decideExtension = (extId: number, body: { version: number; approve: boolean; reason?: string; judgeAgainstOriginal: boolean }) => api.post<TaskPage>(`/api/work-task-extensions/${extId}/decide`, body);
export const askClosure = (id: number, version: number, summary: string) => api.post<TaskPage>(`/api/work-tasks/${id}/closure`, { version, summary });
export const decideClosure = (closureId: number, body: { version: number; accept: boolean; reason?: string }) => api.post<TaskPage>(`/api/work-task-closures/${closureId}/decide`, body);
export const issueNotice = (id: number, body: { orgId: number; period: string; kind: 'reminder' | 'order' }) => api.post<TaskPage>(`/api/work-tasks/${id}/notices`, body);

export type Milestone = TaskPage['milestones'][number];
export const addMilestone = (id: number, body: { title: string; dueOn: string }) => api.post<TaskPage>(`/api/work-tasks/${id}/milestones`, body);
export const editMilestone = (id: number, m: Milestone, body: { title: string; dueOn: string }) => api.put<TaskPage>(`/api/work-tasks/${id}/milestones/${m.id}`, { version: m.version, ...body });
export const removeMilestone = (id: number, m: Milestone) => api.del<TaskPage>(`/api/work-tasks/${id}/milestones/${m.id}?version=${m.version}`);
export const doneMilestone = (id: number, m: Milestone) => api.post<TaskPage>(`/api/work-tasks/${id}/milestones/${m.id}/done`, { version: m.version });

/** downloads: the 通报 (.docx) for a period as of a day, the task × unit matrix (.xlsx) */
const qs = (o: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return s ? `?${s}` : '';
};
export const noticeDocxUrl = (planId: number, period?: string, asOf?: string) => `/api/work-plans/${planId}/notice.docx${qs({ period, asOf })}`;
export const matrixXlsxUrl = (planId: number, asOf?: string) => `/api/work-plans/${planId}/matrix.xlsx${qs({ asOf })}`;
