/** The creation evaluation (seed 004, DB43): rounds, applications and the eligibility review (受理审查). */
import type { AnswerConsultationBody, ApplicationBody, ApplicationEventBody, ApplicationView, ConsultationView, ConsultBody, CreateRoundBody, RoundView } from '../../shared/contracts/evaluation';
import { api } from './client';

export const listRounds = () => api.get<{ items: RoundView[] }>('/api/evaluation-rounds').then((r) => r.items);
export const createRound = (body: CreateRoundBody) => api.post<RoundView>('/api/evaluation-rounds', body);
export const transitionRound = (id: number, event: 'close' | 'reopen', version: number) => api.post<RoundView>(`/api/evaluation-rounds/${id}/transition`, { event, version });

/** Every application the caller may see, over all rounds. */
export const listApplications = () => api.get<{ items: ApplicationView[] }>('/api/evaluation-applications').then((r) => r.items);
export const getApplication = (id: number) => api.get<ApplicationView>(`/api/evaluation-applications/${id}`);
export const createApplication = (roundId: number, body: ApplicationBody) => api.post<ApplicationView>(`/api/evaluation-rounds/${roundId}/applications`, body);
export const updateApplication = (id: number, body: ApplicationBody & { version: number }) => api.put<ApplicationView>(`/api/evaluation-applications/${id}`, body);

/** the body of an application's move: the shared contract */
export type ApplicationEvent = ApplicationEventBody;
export const transitionApplication = (id: number, body: ApplicationEvent) => api.post<ApplicationView>(`/api/evaluation-applications/${id}/transition`, body);
export const consult = (id: number, body: ConsultBody) => api.post<ApplicationView>(`/api/evaluation-applications/${id}/consultations`, body);

/** The consultations sent to the caller's department. */
export const listConsultations = () => api.get<{ items: ConsultationView[] }>('/api/evaluation-consultations').then((r) => r.items);
export const answerConsultation = (id: number, body: AnswerConsultationBody) => api.post<ConsultationView>(`/api/evaluation-consultations/${id}/answer`, body);
