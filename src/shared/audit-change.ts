/**
 * An audit row's before / after in words, for the audit pages: each field under its Chinese name, each value as a
 * person reads it (状态 已提交, 评分 14.5 分, 角色 质强办工作人员, 是 / 否), nested lists indented — never the stored
 * JSON with its English keys. A field missing from the table keeps its key after "其他字段" (add it here then).
 */
import { FIELD_LABELS } from './contracts/field-labels';
import { TODO_STATUS_LABELS } from './contracts/todos';
import { USER_STATUS_LABELS } from './contracts/users';
import { formatAnswer } from './contracts/results';
import { EVIDENCE_OWNER_LABELS } from './contracts/evidence';
import { ORG_KIND_LABELS, ROLE_LABELS } from './roles';
import { SCHEDULE_LABELS } from './workplan/rules';
import { ANALYSIS_REPORT_WORKFLOW } from './workflow/analysis';
import { CYCLE_WORKFLOW, DECLARATION_WORKFLOW, OBJECTION_WORKFLOW, SCHEME_WORKFLOW, SCORE_SUBMISSION_WORKFLOW } from './workflow/assessment';
import { APPLICATION_WORKFLOW, CONSULTATION_WORKFLOW, PLAN_WORKFLOW, RECUSAL_WORKFLOW, ROUND_WORKFLOW, SELF_ASSESSMENT_WORKFLOW, SHEET_WORKFLOW } from './workflow/evaluation';
import { POLICY_WORKFLOW } from './workflow/honours';
import { INDICATOR_VALUE_WORKFLOW } from './workflow/indicators';
import { RECTIFICATION_CLOSURE_WORKFLOW, RECTIFICATION_EXTENSION_WORKFLOW, RECTIFICATION_REPORT_WORKFLOW, RECTIFICATION_WORKFLOW } from './workflow/rectification';
import { CLOSURE_WORKFLOW, EXTENSION_WORKFLOW, TASK_REPORT_WORKFLOW, WORK_PLAN_WORKFLOW, WORK_TASK_WORKFLOW } from './workflow/workplan';

/** The names of the fields the server writes into before / after, beyond the request fields of FIELD_LABELS. */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  ...FIELD_LABELS,
  id: '编号',
  version: '版本号',
  status: '状态',
  unit: '被考核单位',
  units: '被考核单位',
  department: '成员单位',
  departments: '成员单位',
  departmentId: '成员单位',
  criterion: '考核要点',
  answer: '评分',
  comment: '扣分理由',
  reminders: '催办次数',
  nodes: '节点',
  // the id beside the name: both read 所属单位 (所属单位：6；所属单位：岳麓区)
  orgUnitId: '所属单位编号',
  orgUnitName: '所属单位',
  lockedUntil: '锁定至',
  lastLoginAt: '最近登录',
  passwordChangedAt: '密码修改时间',
  resetBy: '重置人',
  validUntil: '一次性密码有效期至',
  oneTimeExpiredAt: '一次性密码过期时间',
  owner: '所属',
  ownerType: '材料归属',
  ownerId: '所属记录编号',
  fileName: '文件名',
  mimeType: '文件类型',
  sizeBytes: '文件大小（字节）',
  sha256: '文件摘要',
  uploadedBy: '上传人',
  files: '文件',
  n: '数量',
  total: '合计',
  tables: '表格',
  ranking: '排名',
  rank: '名次',
  grade: '等级',
  schemeVersion: '考核方案版本',
  objectionId: '异议编号',
  missingUnits: '未评分的单位',
  basedOn: '依据',
  cycleId: '考核工作编号',
  ip: '来源地址',
  officeOrgId: '组织单位编号',
  officeName: '组织单位',
  demo: '演示数据',
  publishedAt: '发布时间',
  preliminary: '初步结果',
  lastYearPoints: '上年分值',
  sourceCode: '对应上年考核要点',
  domain: '考核领域',
  item: '考核内容',
  project: '加分项目',
  criteria: '要点考核内容',
  until: '重新开放至',
  response: '答复理由',
  submittedAt: '提交时间',
  updatedAt: '修改时间',
};

/**
 * A record's states in words, by its table (the audit row's entity type): every table a workflow moves
 * (transition()), so that no audit page shows 状态：answered (a test reads the modules' transitions to keep it so).
 */
export const AUDIT_STATES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  assessment_cycle: CYCLE_WORKFLOW.states,
  declaration: DECLARATION_WORKFLOW.states,
  scheme: SCHEME_WORKFLOW.states,
  score_submission: SCORE_SUBMISSION_WORKFLOW.states,
  objection: OBJECTION_WORKFLOW.states,
  analysis_report: ANALYSIS_REPORT_WORKFLOW.states,
  evaluation_round: ROUND_WORKFLOW.states,
  evaluation_application: APPLICATION_WORKFLOW.states,
  eligibility_consultation: CONSULTATION_WORKFLOW.states,
  evaluation_plan: PLAN_WORKFLOW.states,
  plan_member: RECUSAL_WORKFLOW.states,
  expert_sheet: SHEET_WORKFLOW.states,
  self_assessment: SELF_ASSESSMENT_WORKFLOW.states,
  incentive_policy: POLICY_WORKFLOW.states,
  indicator_value: INDICATOR_VALUE_WORKFLOW.states,
  rectification: RECTIFICATION_WORKFLOW.states,
  rectification_extension: RECTIFICATION_EXTENSION_WORKFLOW.states,
  rectification_closure: RECTIFICATION_CLOSURE_WORKFLOW.states,
  rectification_report: RECTIFICATION_REPORT_WORKFLOW.states,
  work_plan: WORK_PLAN_WORKFLOW.states,
  work_task: WORK_TASK_WORKFLOW.states,
  work_task_report: TASK_REPORT_WORKFLOW.states,
  work_task_extension: EXTENSION_WORKFLOW.states,
  work_task_closure: CLOSURE_WORKFLOW.states,
  user: USER_STATUS_LABELS,
  todo: TODO_STATUS_LABELS,
};

/**
 * Fields that one kind of record names apart from the shared name (answer is a score's 评分 elsewhere; here it is
 * the text the applicant or the department wrote, shown as written).
 */
const ENTITY_FIELD_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  rectification: { answer: '整改情况', answered_by: '填报人', answered_at: '填报时间' },
  eligibility_consultation: { answer: '回复意见', answered_by: '回复人', answered_at: '回复时间', findings_json: '各情形意见' },
};

export interface AuditLine {
  label: string;
  text: string;
  /** nesting depth, 0 for a top-level field */
  depth: number;
}

/** what the caller could do then (a cycle's abilities) and labels repeated beside their codes: not content */
const SKIPPED = new Set(['abilities', 'statusLabel', 'actions']);

const label = (key: string) => AUDIT_FIELD_LABELS[key] ?? `其他字段${key}`;

function scalar(key: string, v: unknown, entityType: string | null): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') {
    if (key === 'status') return AUDIT_STATES[entityType ?? '']?.[v] ?? v;
    if (key === 'role') return (ROLE_LABELS as Record<string, string>)[v] ?? v;
    if (key === 'kind') return (ORG_KIND_LABELS as Record<string, string>)[v] ?? v;
    if (key === 'ownerType') return (EVIDENCE_OWNER_LABELS as Record<string, string>)[v] ?? v;
    if (key === 'schedule') return (SCHEDULE_LABELS as Record<string, string>)[v] ?? v;
  }
  return String(v);
}

function walk(key: string, v: unknown, entityType: string | null, depth: number, out: AuditLine[]): void {
  if (SKIPPED.has(key)) return;
  const own = ENTITY_FIELD_LABELS[entityType ?? '']?.[key];
  if (own && (v === null || typeof v !== 'object')) {
    out.push({ label: own, text: scalar(key, v, entityType), depth });
    return;
  }
  if (key === 'answer') {
    out.push({ label: label(key), text: formatAnswer(v), depth });
    return;
  }
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) {
      out.push({ label: label(key), text: v.length ? v.map((x) => scalar(key, x, entityType)).join('、') : '—', depth });
      return;
    }
    out.push({ label: label(key), text: `共${v.length}项`, depth });
    v.forEach((x, i) => {
      if (x && typeof x === 'object' && !Array.isArray(x)) {
        out.push({ label: `第${i + 1}项`, text: '', depth: depth + 1 });
        for (const [k, y] of Object.entries(x)) walk(k, y, entityType, depth + 2, out);
      } else walk(`第${i + 1}项`, x, entityType, depth + 1, out);
    });
    return;
  }
  if (v && typeof v === 'object') {
    // a key holding an object may be named apart from the same key as a field ("schedule.*": 评审日程, not 报送周期)
    out.push({ label: AUDIT_FIELD_LABELS[`${key}.*`] ?? label(key), text: '', depth });
    for (const [k, y] of Object.entries(v)) walk(k, y, entityType, depth + 1, out);
    return;
  }
  out.push({ label: AUDIT_FIELD_LABELS[key] ?? (key.startsWith('第 ') ? key : label(key)), text: scalar(key, v, entityType), depth });
}

/** The lines of one before / after value (an object's fields, or the value itself). */
export function auditChangeLines(value: unknown, entityType: string | null): AuditLine[] {
  const out: AuditLine[] = [];
  if (value === null || value === undefined) return out;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) walk(k, v, entityType, 0, out);
  } else out.push({ label: '内容', text: scalar('', value, entityType), depth: 0 });
  return out;
}
