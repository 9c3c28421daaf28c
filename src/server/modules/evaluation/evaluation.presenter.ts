/** Rounds, applications and consultations → the response shapes of src/shared/contracts/evaluation.ts. */
import type { ApplicationView, ConsultationView, RoundView } from '../../../shared/contracts/evaluation';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { APPLICATION_WORKFLOW, CONSULTATION_WORKFLOW, ROUND_WORKFLOW } from '../../../shared/workflow/evaluation';
import { parseStoredFramework } from '../frameworks';
import { abilities, acceptConcerns, consultationAnswerRefusal, keptAcceptConcerns, mayReadAcceptConcerns, passedOf, type RoundAccess } from './evaluation.policy';
import type { ApplicationRow, ConsultationRow, Org, RoundRow } from './evaluation.queries';
import type { SessionUser } from '../../core/session';

/** The round's frozen score sheet (validated, not cast). */
export const frameworkOfRound = (r: Pick<RoundRow, 'framework_id' | 'framework_json'>): Framework => parseStoredFramework({ id: r.framework_id, content_json: r.framework_json });

/** The framework's 不予受理 conditions: code → text. */
export const conditionTexts = (fw: Framework) => new Map((fw.ineligibility ?? []).map((c) => [c.code, c.text]));

const ref = (o: Org | undefined, id: number) => ({ id, name: o?.name ?? `单位 ${id}` });

export function presentRound(r: RoundRow, organiser: Org | undefined, applications: number, abilities: RoundView['abilities']): RoundView {
  const fw = frameworkOfRound(r);
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    organiser: ref(organiser, r.organiser_org_id),
    frameworkId: r.framework_id,
    frameworkTitle: fw.title,
    totalPoints: String(fw.totalPoints),
    passMark: fw.passMark === undefined ? null : String(fw.passMark),
    status: r.status,
    statusLabel: ROUND_WORKFLOW.states[r.status],
    applications,
    version: r.version,
    createdAt: r.created_at,
    abilities,
  };
}

interface Declared {
  code: string;
  applies: boolean;
  statement: string;
}

export const parseDeclared = (json: string): Declared[] => JSON.parse(json) as Declared[];

export function presentConsultation(u: SessionUser, c: ConsultationRow, orgs: Map<number, Org>, applicantId: number, texts: Map<string, string>): ConsultationView {
  return {
    id: c.id,
    applicationId: c.application_id,
    applicant: ref(orgs.get(applicantId), applicantId),
    department: ref(orgs.get(c.department_id), c.department_id),
    conditions: (JSON.parse(c.conditions_json) as string[]).map((code) => ({ code, text: texts.get(code) ?? code })),
    question: c.question,
    status: c.status,
    statusLabel: CONSULTATION_WORKFLOW.states[c.status],
    findings: c.findings_json ? (JSON.parse(c.findings_json) as { code: string; applies: boolean }[]) : null,
    answer: c.answer,
    askedAt: c.asked_at,
    answeredAt: c.answered_at,
    version: c.version,
    mayAnswer: consultationAnswerRefusal(u, c) === null,
  };
}

export function presentApplication(
  a: RoundAccess,
  app: ApplicationRow,
  orgs: Map<number, Org>,
  consultations: ConsultationRow[],
  /** the review pages the caller may open now (reviewLinks: the same rule for the list and the detail) */
  links: ApplicationView['links'],
  /** the day the abilities are judged on (the request's clock) */
  today: string,
): ApplicationView {
  const fw = frameworkOfRound(a.round);
  const texts = conditionTexts(fw);
  const declared = new Map(parseDeclared(app.conditions_json).map((d) => [d.code, d]));
  const applicant = orgs.get(app.applicant_org_id);
  // a department sees only what it was asked
  const shown = a.as === 'department' ? consultations.filter((c) => c.department_id === a.user.orgUnitId) : consultations;
  return {
    id: app.id,
    round: { id: a.round.id, year: a.round.year, title: a.round.title, organiser: ref(a.organiser, a.round.organiser_org_id) },
    applicant: { ...ref(applicant, app.applicant_org_id), kind: applicant?.kind ?? '' },
    status: app.status,
    statusLabel: APPLICATION_WORKFLOW.states[app.status],
    contactName: app.contact_name,
    contactPhone: app.contact_phone,
    note: app.note,
    conditions: [...texts].map(([code, text]) => ({ code, text, applies: declared.get(code)?.applies ?? null, statement: declared.get(code)?.statement ?? '' })),
    returnReason: app.return_reason,
    refusal: app.refusal_condition ? { code: app.refusal_condition, text: texts.get(app.refusal_condition) ?? app.refusal_condition, reason: app.refusal_reason ?? '' } : null,
    // who reads them, mayReadAcceptConcerns; before 受理 as they stand, once decided those kept with the decision
    acceptConcerns: !mayReadAcceptConcerns(a, app) ? [] : app.status === 'submitted' ? acceptConcerns(consultations, orgs, texts) : keptAcceptConcerns(app),
    // the office's reason for accepting over them: read with the concerns it answers
    acceptReason: mayReadAcceptConcerns(a, app) ? app.accept_reason : null,
    submittedAt: app.submitted_at,
    decidedAt: app.decided_at,
    // the 综合评价's total for those who read the 评价报告 (reportDocRefusal, as links.reportDoc): the organiser and
    // leaders, the applicant once fed back, the cleared panel while the evaluation is theirs — not a consulted
    // department, nor an expert kept on the plan after declaring a conflict
    result: app.consolidation_json && links.reportDoc ? { total: (JSON.parse(app.consolidation_json) as { total: string }).total, passed: passedOf(app) } : null,
    reportedAt: app.reported_at,
    acknowledgedAt: app.acknowledged_at,
    publicity: app.publicity_start && app.publicity_end ? { start: app.publicity_start, end: app.publicity_end } : null,
    namedAt: app.named_at,
    namingDocNo: app.naming_doc_no,
    consultations: shown.map((c) => presentConsultation(a.user, c, orgs, app.applicant_org_id, texts)),
    abilities: abilities(a, app, today),
    links,
    version: app.version,
    updatedAt: app.updated_at,
  };
}
