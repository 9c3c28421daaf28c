/**
 * Kysely table types. Both dialects store: timestamps as ISO-8601 text (UTC), booleans as 0/1 integers,
 * JSON as text, exact decimals as text. The driver decides runtime types, so these stay portable.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EvidenceOwnerType } from '../../shared/contracts/evidence';
import type { AttachmentOwnerType } from '../../shared/contracts/attachments';
import type { DocKind } from '../../shared/contracts/docnumbers';
import type { Role } from '../../shared/roles';
import type {
  CycleStatus,
  DeclarationStatus,
  ObjectionStatus,
  SchemeStatus,
  SubmissionStatus,
} from '../../shared/workflow/assessment';
import type { ApplicationStatus, ConsultationStatus, PlanStatus, RecusalStatus, RectificationStatus, RoundStatus, SheetStatus } from '../../shared/workflow/evaluation';
import type { RectificationReportStatus } from '../../shared/workflow/rectification';
import type { CombineMethod } from '../../shared/evaluation/consolidate';
import type { IndicatorValueStatus } from '../../shared/workflow/indicators';
import type { ClosureStatus, ExtensionStatus, TaskReportStatus, WorkPlanStatus, WorkTaskStatus } from '../../shared/workflow/workplan';
import type { Direction, Measure, Nature } from '../../shared/indicators/schema';

export interface OrgUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  kind: 'province' | 'city' | 'county' | 'department' | 'office';
  parent_id: number | null;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  org_unit_id: number;
  phone: string | null;
  password_hash: string;
  status: 'active' | 'disabled' | 'pending';
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
  last_login_at: string | null;
  password_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** who reset the password last ("安全管理员 secadmin"), and when; cleared when the user sets their own */
  password_reset_by: string | null;
  password_reset_at: string | null;
  /**
   * what the one-time password in force was issued for ('reset', 'approval'), or 'voided': a password the system
   * administrator typed when it asked for the account (before 2026-11-30), which signs in no more; null otherwise
   */
  password_issued_for: 'reset' | 'approval' | 'voided' | null;
}

/** Failed logins per (typed username, source IP); see modules/auth/lockout.ts. */
export interface LoginFailureTable {
  username: string;
  ip: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

/** The hashes of a user's recent passwords (the last 5 may not be used again). */
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: string;
}

export interface SessionTable {
  id: string; // SHA-256 of the cookie token
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  method: string | null;
  path: string | null;
  entity_type: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  /** the assessment cycle a business row belongs to (null for administrative rows) */
  cycle_id: number | null;
  /** position in the hash chain (1, 2, …), assigned under the append lock */
  seq: number | null;
  /** row_hash of the previous row (64 zeros for the first) */
  prev_hash: string | null;
  /** SHA-256 (hex) of this row's content and prev_hash, see core/audit-chain.ts */
  row_hash: string | null;
  /** the HTTP request that wrote the row (its log lines carry the same reqId); null for CLI/seed and older rows */
  request_id: string | null;
}

/** The hash chain's head (one row, id 1), so that emptying audit_log is detected. */
export interface AuditAnchorTable {
  id: number;
  seq: number;
  hash: string;
  updated_at: string;
}

export interface TodoTable {
  id: Generated<number>;
  /** addressed to one user, or to every user of a role in an org unit */
  user_id: number | null;
  org_unit_id: number | null;
  role: Role | null;
  kind: string;
  title: string;
  detail: string | null;
  link: string | null;
  due_at: string | null;
  source_type: string | null;
  source_id: string | null;
  status: 'open' | 'done';
  created_at: string;
  done_at: string | null;
  done_by: number | null;
}

export interface FrameworkTable {
  id: string;
  version: string;
  title: string;
  kind: 'assessment' | 'evaluation';
  total_points: string;
  content_json: string;
  content_sha256: string;
  imported_at: string;
}

export interface AssessmentCycleTable {
  id: Generated<number>;
  year: number;
  /** the assessing quality office (省质强办, or a city's office assessing its counties) */
  office_org_id: number;
  title: string;
  base_cycle_id: number | null;
  /** the framework file the cycle was opened on, when not copied from an earlier cycle (base_cycle_id) */
  base_framework_id: string | null;
  /** the states and moves: CYCLE_WORKFLOW in src/shared/workflow/assessment.ts */
  status: CycleStatus;
  notice_no: string | null;
  issued_on: string | null; // YYYY-MM-DD
  deadline: string; // YYYY-MM-DD, declarations due (end of that day, China time)
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  grade_bands_json: string;
  objection_start: string | null;
  objection_end: string | null;
  published_at: string | null;
  /** the office's latest publication of preliminary results before every department had submitted */
  preliminary_published_at: string | null;
  preliminary_reason: string | null;
  /** JSON array of the org_unit ids of the departments whose scores that publication shows */
  preliminary_departments_json: string | null;
  demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CycleUnitTable {
  cycle_id: number;
  org_unit_id: number;
}

export interface DeclarationTable {
  id: Generated<number>;
  cycle_id: number;
  department_id: number;
  /** DECLARATION_WORKFLOW in src/shared/workflow/assessment.ts */
  status: DeclarationStatus;
  content_json: string;
  submitted_at: string | null;
  late: number;
  reopened_until: string | null;
  return_reason: string | null;
  version: number;
  updated_at: string;
  updated_by: number | null;
}

export interface SchemeTable {
  id: Generated<number>;
  cycle_id: number;
  version_no: number;
  /** SCHEME_WORKFLOW in src/shared/workflow/assessment.ts */
  status: SchemeStatus;
  /** a framework in the shape of src/shared/scoring/framework-schema.ts */
  framework_json: string;
  reason: string | null;
  published_at: string | null;
  published_by: number | null;
  /** JSON { "<declaration id>": <declaration version> }: the accepted declarations written into this version */
  applied_declarations_json: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ScoreTable {
  id: Generated<number>;
  cycle_id: number;
  unit_id: number;
  item_code: string;
  criterion_code: string;
  department_id: number;
  /** an answer in the engine's format (src/shared/scoring/answers.ts) */
  answer_json: string;
  comment: string | null;
  version: number;
  updated_by: number | null;
  updated_at: string;
}

export interface ScoreSubmissionTable {
  cycle_id: number;
  department_id: number;
  /** SCORE_SUBMISSION_WORKFLOW in src/shared/workflow/assessment.ts */
  status: SubmissionStatus;
  submitted_at: string | null;
  reopen_reason: string | null;
  version: number;
  updated_at: string;
}

export interface SelfReportTable {
  id: Generated<number>;
  cycle_id: number;
  unit_id: number;
  item_code: string;
  text: string;
  version: number;
  updated_by: number | null;
  updated_at: string;
}

/** The columns of a stored file (the blob store is shared by evidence and attachment rows). */
export interface StoredFileColumns {
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: string;
}

export interface EvidenceTable extends StoredFileColumns {
  id: Generated<number>;
  cycle_id: number;
  unit_id: number | null;
  owner_type: EvidenceOwnerType;
  owner_id: number;
}

/** A file attached to something outside an assessment cycle (issues 12, 13); the blob store is the evidence one. */
export interface AttachmentTable extends StoredFileColumns {
  id: Generated<number>;
  owner_type: AttachmentOwnerType;
  owner_id: number;
  /** the part of the owner the file belongs to (a 自评's item code), null for owners without parts */
  part: string | null;
  /** the uploading unit */
  org_id: number;
}

export interface ObjectionTable {
  id: Generated<number>;
  cycle_id: number;
  unit_id: number;
  item_code: string;
  criterion_code: string;
  department_id: number;
  reason: string;
  /** OBJECTION_WORKFLOW in src/shared/workflow/assessment.ts */
  status: ObjectionStatus;
  response: string | null;
  before_answer_json: string | null;
  after_answer_json: string | null;
  raised_by: number;
  raised_at: string;
  answered_by: number | null;
  answered_at: string | null;
  version: number;
}

export interface CycleResultTable {
  cycle_id: number;
  unit_id: number;
  total: string;
  rank: number;
  grade: string;
  vetoed: number;
  detail_json: string;
  published_at: string;
}

export interface Database {
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  session: SessionTable;
  login_failure: LoginFailureTable;
  password_history: PasswordHistoryTable;
  audit_log: AuditLogTable;
  audit_anchor: AuditAnchorTable;
  todo: TodoTable;
  framework: FrameworkTable;
  assessment_cycle: AssessmentCycleTable;
  cycle_unit: CycleUnitTable;
  declaration: DeclarationTable;
  scheme: SchemeTable;
  score: ScoreTable;
  score_submission: ScoreSubmissionTable;
  self_report: SelfReportTable;
  evidence: EvidenceTable;
  attachment: AttachmentTable;
  objection: ObjectionTable;
  cycle_result: CycleResultTable;
  evaluation_round: EvaluationRoundTable;
  evaluation_application: EvaluationApplicationTable;
  eligibility_consultation: EligibilityConsultationTable;
  expert: ExpertTable;
  evaluation_plan: EvaluationPlanTable;
  plan_member: PlanMemberTable;
  expert_sheet: ExpertSheetTable;
  score_revision: ScoreRevisionTable;
  site_finding: SiteFindingTable;
  self_assessment: SelfAssessmentTable;
  rectification: RectificationTable;
  rectification_report: RectificationReportTable;
  rectification_extension: RectificationExtensionTable;
  rectification_closure: RectificationClosureTable;
  rectification_notice: RectificationNoticeTable;
  indicator_plan: IndicatorPlanTable;
  indicator: IndicatorTable;
  indicator_target: IndicatorTargetTable;
  indicator_period: IndicatorPeriodTable;
  indicator_value: IndicatorValueTable;
  peer_table: PeerTableTable;
  peer_value: PeerValueTable;
  honour: HonourTable;
  incentive_policy: IncentivePolicyTable;
  work_plan: WorkPlanTable;
  analysis_report: AnalysisReportTable;
  doc_number: DocNumberTable;
  work_plan_revision: WorkPlanRevisionTable;
  work_task: WorkTaskTable;
  work_task_unit: WorkTaskUnitTable;
  work_milestone: WorkMilestoneTable;
  work_task_report: WorkTaskReportTable;
  work_task_extension: WorkTaskExtensionTable;
  work_task_closure: WorkTaskClosureTable;
  supervision_notice: SupervisionNoticeTable;
}

/** A plan of indicators kept by an office (issue 12); migration 2026-11-28T1600-indicators */
export interface IndicatorPlanTable {
  id: Generated<number>;
  /** the plan file's id (frameworks/plan-indicators/*.json) */
  code: string;
  title: string;
  owner_org_id: number;
  region_org_id: number;
  baseline_year: number;
  target_year: number;
  plan_json: string;
  /** {ahead, onTrack}: shares of the required progress (Open SDG: 0.95 / 0.6) */
  thresholds_json: string;
  created_at: string;
  version: number;
}

export interface IndicatorTable {
  id: Generated<number>;
  plan_id: number;
  code: number;
  group_name: string;
  name: string;
  unit: string;
  baseline: number | null;
  /** Target (src/shared/indicators/schema.ts) */
  target_json: string;
  nature: Nature;
  direction: Direction;
  measure: Measure;
  /** department codes, JSON array */
  departments_json: string;
  assumed: number;
  note: string | null;
  source: string;
}

/** A stored yearly target: only overrides of the interpolated path */
export interface IndicatorTargetTable {
  id: Generated<number>;
  indicator_id: number;
  year: number;
  target_json: string;
  origin: 'work-plan' | 'office';
  reason: string;
  set_by: number | null;
  set_at: string;
  version: number;
}

export interface IndicatorPeriodTable {
  id: Generated<number>;
  plan_id: number;
  year: number;
  /** null: the year; 1–4: a quarter */
  quarter: number | null;
  opens_on: string;
  closes_on: string;
  lock_days: number;
  created_by: number | null;
  created_at: string;
  version: number;
}

/** One reported value; INDICATOR_VALUE_WORKFLOW */
export interface IndicatorValueTable {
  id: Generated<number>;
  period_id: number;
  indicator_id: number;
  org_id: number;
  value: number | null;
  source_doc: string | null;
  explanation: string | null;
  status: IndicatorValueStatus;
  return_comment: string | null;
  reopen_reason: string | null;
  demo: number;
  submitted_by: number | null;
  submitted_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  accepted_by: number | null;
  accepted_at: string | null;
  /**
   * while a correction of a confirmed value is under way (reopened after acceptance, until the correction is
   * accepted): the confirmed figure, still in force (accepted_by / accepted_at are its acceptance); null otherwise.
   * Migration 2026-11-29T1300; read through figureInForce() in src/shared/workflow/indicators.ts.
   */
  confirmed_value: number | null;
  updated_at: string;
  version: number;
}

/** A creation evaluation round (seed 004); ROUND_WORKFLOW in src/shared/workflow/evaluation.ts */
export interface EvaluationRoundTable {
  id: Generated<number>;
  year: number;
  title: string;
  organiser_org_id: number;
  framework_id: string;
  /** the score sheet as it stood when the round opened (frozen) */
  framework_json: string;
  status: RoundStatus;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One applicant's application in a round; APPLICATION_WORKFLOW */
export interface EvaluationApplicationTable {
  id: Generated<number>;
  round_id: number;
  applicant_org_id: number;
  status: ApplicationStatus;
  contact_name: string;
  contact_phone: string;
  note: string | null;
  /** [{code, applies, statement}] for the framework's 不予受理 conditions */
  conditions_json: string;
  return_reason: string | null;
  refusal_condition: string | null;
  refusal_reason: string | null;
  /** why it was accepted although a consulted department found a 不予受理 condition or had not answered (else null) */
  accept_reason: string | null;
  /** the concerns then, as the 受理通知书 prints them (a JSON array of text), with accept_reason */
  accept_concerns_json: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
  /** the team leader's agreed scores {item: {score, reason}} and the stored 综合评价 (src/shared/evaluation/consolidate.ts) */
  agreed_json: string | null;
  consolidation_json: string | null;
  reported_at: string | null;
  acknowledged_at: string | null;
  publicity_start: string | null;
  publicity_end: string | null;
  named_at: string | null;
  naming_doc_no: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** 受理审查征求意见; CONSULTATION_WORKFLOW */
export interface EligibilityConsultationTable {
  id: Generated<number>;
  application_id: number;
  department_id: number;
  /** the condition codes asked about, a JSON array */
  conditions_json: string;
  question: string;
  status: ConsultationStatus;
  /** [{code, applies}] once answered (a consultation still pending when the application is decided is closed unanswered) */
  findings_json: string | null;
  answer: string | null;
  asked_by: number;
  asked_at: string;
  answered_by: number | null;
  answered_at: string | null;
  version: number;
}

/** The organiser's expert pool */
export interface ExpertTable {
  id: Generated<number>;
  organiser_org_id: number;
  name: string;
  organisation: string;
  /** the region (city or county org) the expert's organisation sits in; null: provincial or outside */
  region_org_id: number | null;
  field: string;
  title: string | null;
  user_id: number | null;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** 评价工作方案, versioned; PLAN_WORKFLOW */
export interface EvaluationPlanTable {
  id: Generated<number>;
  application_id: number;
  version_no: number;
  status: PlanStatus;
  /** [{key: "3.5.b", reason}] */
  not_applicable_json: string;
  method: CombineMethod;
  threshold: string;
  /** {"5.2.a": [{code, name, value}]} the peer table used for rank criteria */
  peers_json: string;
  /** the organiser's peer table the plan ranks against (null: the peers were entered on the plan itself) */
  peer_table_id: number | null;
  /** the table as named when the plan was approved ("2024年 省内同级城市 获奖企业数量") */
  peer_table_title: string | null;
  document_review_start: string | null;
  document_review_end: string | null;
  site_review_start: string | null;
  site_review_end: string | null;
  reason: string | null;
  approved_at: string | null;
  approved_by: number | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export type PeerLevel = 'city' | 'county';

/** An organiser's yearly peer table for rank criteria: one metric, the units of one level (migration 2026-11-28T1610) */
export interface PeerTableTable {
  id: Generated<number>;
  organiser_org_id: number;
  year: number;
  level: PeerLevel;
  metric: string;
  /** the rank criteria it serves, ["5.2.a"] */
  items_json: string;
  source: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One unit's value in a peer table (decimal text; null: not entered) */
export interface PeerValueTable {
  id: Generated<number>;
  table_id: number;
  org_id: number;
  value: string | null;
  note: string | null;
}

export interface PlanMemberTable {
  id: Generated<number>;
  plan_id: number;
  expert_id: number;
  leader: number;
  /** item codes this expert scores */
  items_json: string;
  /** the recusal declaration: RECUSAL_WORKFLOW */
  status: RecusalStatus;
  /** {relations: string[], statement} */
  recusal_json: string | null;
  declared_at: string | null;
  version: number;
}

export interface ExpertSheetTable {
  id: Generated<number>;
  application_id: number;
  expert_id: number;
  answers_json: string;
  reasons_json: string;
  comment: string | null;
  status: SheetStatus;
  stage: 'document' | 'site';
  submitted_at: string | null;
  updated_at: string;
  version: number;
}

export interface ScoreRevisionTable {
  id: Generated<number>;
  sheet_id: number;
  item_code: string;
  criterion_code: string;
  before_json: string | null;
  after_json: string;
  reason: string;
  revised_by: number;
  revised_at: string;
}

/** 自评: the applicant's own scores of the sheet */
export interface SelfAssessmentTable {
  id: Generated<number>;
  application_id: number;
  answers_json: string;
  /** {"item.criterion": note} */
  notes_json: string;
  status: SheetStatus;
  submitted_at: string | null;
  /** 退回补正: the organiser's reason, standing until the applicant submits again (null otherwise) */
  return_reason: string | null;
  /** 审查无误: when and by whom the organiser checked the submitted 自评 (null until then; cleared by a return) */
  checked_at: string | null;
  checked_by: number | null;
  updated_by: number;
  updated_at: string;
  version: number;
}

/** 整改事项: RECTIFICATION_WORKFLOW in src/shared/workflow/rectification.ts (issue 13) */
export interface RectificationTable {
  id: Generated<number>;
  /** where it came from: 'evaluation' (an application's deduction), 'evaluation_site' (an application's on-site finding), 'assessment' (a cycle's lost criterion), 'indicator' (a lagging plan indicator) */
  source_type: RectificationSource;
  /** evaluation, evaluation_site: the application; assessment: the cycle; indicator: the indicator */
  source_id: number;
  /** evaluation: the item code; evaluation_site: the site_finding id; assessment: '<unit id>:<criterion code>'; indicator: '<org id>:<year>' */
  source_ref: string;
  /** how the source reads in a link back ('2022年度…考核 · 第 7.a 项'); null for items raised before issue 13 */
  source_label: string | null;
  owner_org_id: number;
  raised_by_org_id: number;
  title: string;
  detail: string;
  /** the original deadline (extensions are rows of rectification_extension) */
  due_on: string | null;
  /** the day supervision began (YYYY-MM-DD); monthly reports are due from its month on */
  started_on: string | null;
  status: RectificationStatus;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  closed_at: string | null;
  created_by: number;
  created_at: string;
  version: number;
}
export type RectificationSource = 'evaluation' | 'evaluation_site' | 'assessment' | 'indicator';

export interface RectificationReportTable {
  id: Generated<number>;
  rectification_id: number;
  period: string;
  progress: number;
  progress_reason: string | null;
  text: string;
  problems: string | null;
  next_steps: string | null;
  org_id: number;
  /** null while a draft */
  submitted_by: number | null;
  submitted_at: string | null;
  /** RECTIFICATION_REPORT_WORKFLOW: draft → submitted → returned (退回) → submitted */
  status: RectificationReportStatus;
  /** the 逾期原因: the owner's reply to a 督办单 on the month (required then), or given of its own accord when late (lateReasonAsk) */
  late_reason: string | null;
  return_reason: string | null;
  returned_by: number | null;
  returned_at: string | null;
  updated_by: number | null;
  updated_at: string | null;
  version: number;
}

export interface RectificationExtensionTable {
  id: Generated<number>;
  rectification_id: number;
  from_due_on: string;
  new_due_on: string;
  reason: string;
  status: ExtensionStatus;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_by: number;
  created_at: string;
  version: number;
}

export interface RectificationClosureTable {
  id: Generated<number>;
  rectification_id: number;
  summary: string;
  status: ClosureStatus;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_by: number;
  created_at: string;
  version: number;
}

export interface RectificationNoticeTable {
  id: Generated<number>;
  rectification_id: number;
  period: string;
  kind: 'reminder' | 'order';
  text: string;
  reply_by: string | null;
  issued_by: number;
  issued_at: string;
}

export interface SiteFindingTable {
  id: Generated<number>;
  application_id: number;
  item_code: string | null;
  text: string;
  recorded_by: number;
  recorded_at: string;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type TodoRow = Selectable<TodoTable>;
export type AuditRow = Selectable<AuditLogTable>;

/** One entry of the honours roll (issue 12); migration 2026-11-28T1620-honours. `kind` is a code of src/shared/honours/kinds.ts. */
export interface HonourTable {
  id: Generated<number>;
  kind: string;
  awardee: string;
  year: number;
  city_org_id: number;
  county_org_id: number | null;
  source_doc: string;
  note: string | null;
  demo: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An incentive policy (激励政策) with its rules as JSON (src/shared/incentives/schema.ts PolicyRule[]). */
export interface IncentivePolicyTable {
  id: Generated<number>;
  code: string | null;
  title: string;
  issuer: string;
  doc_no: string;
  level: 'national' | 'provincial' | 'city' | 'county';
  region_org_id: number;
  issued_on: string;
  effective_from: string;
  expires_on: string | null;
  status: 'current' | 'repealed' | 'superseded';
  superseded_by_id: number | null;
  source: string | null;
  rules_json: string;
  notes_json: string;
  demo: number;
  created_at: string;
  updated_at: string;
  version: number;
}
// ---- issue 13: work plan supervision (工作要点督办); migration 2026-11-28T1630-workplan

export interface WorkPlanTable {
  id: Generated<number>;
  code: string | null;
  year: number;
  issuer_org_id: number;
  title: string;
  status: WorkPlanStatus;
  schedule: 'monthly' | 'quarterly' | 'half-yearly';
  policy_json: string;
  source_json: string;
  revision: number;
  published_at: string | null;
  published_by: number | null;
  created_by: number | null;
  created_at: string;
  version: number;
}

export interface WorkPlanRevisionTable {
  id: Generated<number>;
  plan_id: number;
  revision: number;
  reason: string;
  change_json: string;
  created_by: number | null;
  created_at: string;
}

export interface WorkTaskTable {
  id: Generated<number>;
  plan_id: number;
  number: number;
  part: string;
  part_title: string;
  title: string;
  text: string;
  units_text: string;
  lead_org_id: number | null;
  schedule: 'monthly' | 'quarterly' | 'half-yearly';
  due_on: string;
  status: WorkTaskStatus;
  closed_at: string | null;
  version: number;
}

export interface WorkTaskUnitTable {
  id: Generated<number>;
  task_id: number;
  org_id: number;
  role: 'lead' | 'cooperating' | 'responsible';
  signed_at: string | null;
  signed_by: number | null;
  version: number;
}

export interface WorkMilestoneTable {
  id: Generated<number>;
  task_id: number;
  title: string;
  due_on: string;
  done_at: string | null;
  version: number;
}

export interface WorkTaskReportTable {
  id: Generated<number>;
  task_id: number;
  org_id: number;
  period: string;
  consolidated: number;
  progress: number;
  progress_reason: string | null;
  text: string;
  problems: string | null;
  next_steps: string | null;
  status: TaskReportStatus;
  return_reason: string | null;
  submitted_at: string | null;
  submitted_by: number | null;
  /** the last 退回 (kept when the report is submitted again): when and by whom; see bundleOn for what 回看 reads of it */
  returned_at: string | null;
  returned_by: number | null;
  /** the 逾期原因: the unit's reply to a 督办单 (required then), or given of its own accord when late (lateReasonAsk) */
  late_reason: string | null;
  updated_by: number | null;
  updated_at: string;
  version: number;
}

export interface WorkTaskExtensionTable {
  id: Generated<number>;
  task_id: number;
  org_id: number;
  from_due_on: string;
  new_due_on: string;
  reason: string;
  status: ExtensionStatus;
  decision_reason: string | null;
  judge_against_original: number;
  decided_by: number | null;
  decided_at: string | null;
  created_by: number | null;
  created_at: string;
  version: number;
}

export interface WorkTaskClosureTable {
  id: Generated<number>;
  task_id: number;
  org_id: number;
  summary: string;
  status: ClosureStatus;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_by: number | null;
  created_at: string;
  version: number;
}

export interface SupervisionNoticeTable {
  id: Generated<number>;
  task_id: number;
  org_id: number;
  period: string;
  kind: 'reminder' | 'order';
  text: string;
  reply_by: string | null;
  issued_by: number | null;
  issued_at: string;
}

// ---- the quality analysis report (质量分析报告, DB43 4.8); migration 2026-11-28T1730-analysis-reports

export interface AnalysisReportTable {
  id: Generated<number>;
  office_org_id: number;
  region_org_id: number;
  /** YYYY-H1 | YYYY-H2 */
  period: string;
  /** ANALYSIS_REPORT_WORKFLOW in src/shared/workflow/analysis.ts */
  status: 'draft' | 'issued';
  data_json: string;
  texts_json: string;
  refreshed_at: string;
  doc_no: string | null;
  issued_on: string | null;
  issued_at: string | null;
  issued_by: number | null;
  demo: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

// ---- the 文号 register (every 文号 an office prints on a 公文 of the platform); migration 2026-11-30T1200-doc-number-register

export interface DocNumberTable {
  id: Generated<number>;
  /** the issuing office */
  office_org_id: number;
  /** trimmed (the docNumber contract's reading) */
  doc_no: string;
  /** DOC_KINDS in src/shared/contracts/docnumbers.ts */
  kind: DocKind;
  /** what it was printed for: a cycle id, a report id, "planId:period", a rectification notice's date */
  subject: string;
  title: string;
  registered_by: number | null;
  registered_at: string;
  voided_at: string | null;
  voided_by: number | null;
  void_reason: string | null;
  version: number;
}
export type DocNumberRow = Selectable<DocNumberTable>;
