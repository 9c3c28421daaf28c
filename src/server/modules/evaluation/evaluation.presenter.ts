/** Rounds, applications and consultations → the response shapes of src/shared/contracts/evaluation.ts. */
import type { ApplicationView, ConsultationView, RoundView } from '../../../shared/contracts/evaluation';
import { chinaDate } from '../../../shared/deadline';
import type { Consolidation } from '../../../shared/evaluation/consolidate';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { APPLICATION_WORKFLOW, CONSULTATION_WORKFLOW, ROUND_WORKFLOW, selfStatusLabel } from '../../../shared/workflow/evaluation';
import type { EvaluationPlanTable, SiteFindingTable } from '../../db/schema';
import type { DecisionDocInput, ReportDocInput } from '../../io/word/evaluation-docs';
import { parseStoredFramework } from '../frameworks';
import { abilities, acceptConcerns, consultationAnswerRefusal, isRefused, keptAcceptConcerns, mayReadAcceptConcerns, passedOf, type RoundAccess } from './evaluation.policy';
import type { ApplicationRow, ConsultationRow, Org, RoundRow } from './evaluation.queries';
import type { SessionUser } from '../../core/session';
import type { SelfRow } from './self/self.queries';
import type { Selectable } from 'kysely';

/** The round's frozen score sheet, validated (not cast) once per stored text and shared (frozen: copy before changing it). */
export const frameworkOfRound = (r: Pick<RoundRow, 'framework_id' | 'framework_json'>): Framework => parseStoredFramework({ id: r.framework_id, content_json: r.framework_json });

/** The framework's 不予受理 conditions: code → text. */
export const conditionTexts = (fw: Framework) => new Map((fw.ineligibility ?? []).map((c) => [c.code, c.text]));

const ref = (o: Org | undefined, id: number) => ({ id, name: o?.name ?? `单位${id}` });

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

/**
 * Where the 自评 stands, for the list and the application page: from 受理 on (none before it: there is no 自评 to
 * write), to everyone who reads the application but a consulted department (asked about the conditions only).
 */
function selfStage(a: RoundAccess, app: ApplicationRow, self: Pick<SelfRow, 'status' | 'return_reason' | 'checked_at'> | undefined): ApplicationView['self'] {
  if (a.as === 'department' || ['draft', 'submitted', 'refused'].includes(app.status)) return null;
  return { status: self?.status ?? 'none', label: selfStatusLabel(self?.status, self?.return_reason, !!self?.checked_at) };
}

export function presentApplication(
  a: RoundAccess,
  app: ApplicationRow,
  orgs: Map<number, Org>,
  consultations: ConsultationRow[],
  /** the applicant's 自评, if it has begun one */
  self: Pick<SelfRow, 'status' | 'return_reason' | 'checked_at'> | undefined,
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
    self: selfStage(a, app, self),
    links,
    version: app.version,
    updatedAt: app.updated_at,
  };
}

// ------------------------------------------------------------------------------------------------ the documents

/** China's date of an instant (today when there is none), YYYY-MM-DD */
export const dateOf = (iso: string | null, today: string) => (iso ? chinaDate(new Date(iso)) : today);

/** The 受理 / 不予受理通知书's decision: the condition refused on (with the sheet's text) and the reason, or the acceptance's concerns and reason. */
export function presentDecision(fw: Framework, app: ApplicationRow, today: string): Omit<DecisionDocInput, 'organiser' | 'applicant' | 'round'> {
  const refused = isRefused(app);
  const texts = conditionTexts(fw);
  return {
    decision: refused ? 'refused' : 'accepted',
    submittedAt: app.submitted_at,
    decidedOn: dateOf(app.decided_at, today),
    refusal: refused ? { code: app.refusal_condition ?? '', text: texts.get(app.refusal_condition ?? '') ?? app.refusal_condition ?? '', reason: app.refusal_reason ?? '' } : null,
    accepted: !refused && app.accept_reason ? { concerns: keptAcceptConcerns(app), reason: app.accept_reason } : null,
  };
}

/** The 通知书's file name: 受理通知书, or 不予受理通知书 for a refusal. */
export const decisionDocName = (applicant: string, app: Pick<ApplicationRow, 'status'>) => `${applicant}创建评价${isRefused(app) ? '不予受理通知书' : '受理通知书'}.docx`;

/** The experts whose scores the 综合评价 counted (by id; the report names none). */
export const expertsScored = (c: Consolidation): Set<string> => new Set(c.items.flatMap((i) => i.scores.map((s) => s.expert)));

type ReportPlan = Pick<Selectable<EvaluationPlanTable>, 'not_applicable_json' | 'method' | 'document_review_start' | 'document_review_end' | 'site_review_start' | 'site_review_end' | 'peer_table_id' | 'peer_table_title' | 'peers_json'>;

/** The peer table an approved plan ranked against, from the copy it keeps (null: none chosen). */
function peerTableOfReport(plan: { peer_table_id: number | null; peer_table_title: string | null; peers_json: string } | undefined) {
  if (!plan?.peer_table_id) return null;
  const peers = JSON.parse(plan.peers_json) as Record<string, { code: string }[]>;
  const criteria = Object.keys(peers);
  return { title: plan.peer_table_title ?? `同级比较表${plan.peer_table_id}`, criteria, peers: new Set(Object.values(peers).flatMap((rows) => rows.map((r) => r.code))).size };
}

/** every criterion of the score sheet by "item.criterion" (1.2.c) → its title: how the experts' reasons are named */
export const criterionTitles = (fw: Framework): Record<string, string> =>
  Object.fromEntries(fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((cr) => [`${i.code}.${cr.code}`, cr.title] as const))));

/**
 * The report's rows: the (approved) plan's 合理缺项 and schedule, the experts' reasons without names (`reasons`, of the
 * `experts` whose scores counted), the on-site findings.
 */
export function presentReportRows(
  fw: Framework,
  plan: ReportPlan | undefined,
  experts: number,
  reasons: Record<string, string[]>,
  findings: Pick<Selectable<SiteFindingTable>, 'item_code' | 'text'>[],
): Pick<ReportDocInput, 'notApplicable' | 'method' | 'experts' | 'schedule' | 'reasons' | 'criteria' | 'peerTable' | 'findings'> {
  const points = new Map<string, string>(fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((cr) => [`${i.code}.${cr.code}`, String(cr.points)] as const))));
  const notApplicable = plan ? (JSON.parse(plan.not_applicable_json) as { key: string; reason: string }[]).map((x) => ({ ...x, points: points.get(x.key) ?? '0' })) : [];
  return {
    notApplicable,
    method: plan?.method ?? 'mean',
    experts,
    schedule: {
      documentReviewStart: plan?.document_review_start ?? null,
      documentReviewEnd: plan?.document_review_end ?? null,
      siteReviewStart: plan?.site_review_start ?? null,
      siteReviewEnd: plan?.site_review_end ?? null,
    },
    reasons,
    criteria: criterionTitles(fw),
    peerTable: peerTableOfReport(plan),
    findings: findings.map((f) => ({ itemCode: f.item_code, text: f.text })),
  };
}
