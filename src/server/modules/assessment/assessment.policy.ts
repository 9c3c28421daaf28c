/**
 * The one place that decides who sees and does what in a cycle (the route permissions in
 * src/shared/permissions.ts say what a role may do at all; this says on which cycle, unit, item and object):
 * - the assessing office sees everything of its own cycles;
 * - a department sees cycles it is invited to or evaluates in, and only the items it evaluates (the office
 *   evaluates some key points too, and scores them like a department);
 * - an assessed city (or county) sees only its own scores until the results are published;
 * - a leader above the office reads progress and results; a leader of an assessed region (a city's leader in the
 *   province's assessment) reads, once the results are published, what that region itself reads (leaderStanding).
 *
 * Every rule is one pure predicate over loaded objects (a CycleAccess, loaded by assessment.queries.ts, rows,
 * the framework). The commands and routes call these predicates, and abilities() — what the client is told
 * it may do — is built from the very same ones, so a rule is written once. What a cycle phase allows is
 * read from the workflow tables (src/shared/workflow/assessment.ts).
 */
import { can } from '../../../shared/permissions';
import type { CycleAbilities } from '../../../shared/contracts/cycles';
import type { DeclarationActions } from '../../../shared/contracts/declarations';
import type { Framework } from '../../../shared/scoring/framework-schema';
import {
  CYCLE_WORKFLOW,
  DECLARATION_EDITABLE,
  deadlinePhaseRefusal,
  declarationDueOn,
  declarationRemindRefusal,
  remindedJustNow,
  DECLARATION_WORKFLOW,
  OBJECTION_PENDING,
  objectionAgainBlock,
  type DeclarationEvent,
  type DeclarationStatus,
  phaseAllows,
  type CycleStatus,
  type ObjectionStatus,
} from '../../../shared/workflow/assessment';
import { eventsFrom } from '../../../shared/workflow/workflow';
import { AppError, badRequest, conflict, forbidden } from '../../core/errors';
import type { Selectable } from 'kysely';
import type { AssessmentCycleTable, SchemeTable } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { evaluatorsOf } from './framework';

export type CycleRow = Selectable<AssessmentCycleTable>;
export type SchemeRow = Selectable<SchemeTable>;

export type Participation = 'office' | 'department' | 'unit' | 'leader';

/** The caller's part in one cycle, loaded once per request (cycleAccess, assessment.queries.ts); every rule here reads it. */
export interface CycleAccess {
  cycle: CycleRow;
  as: Participation;
  user: SessionUser;
  /** the caller's org unit (department, unit or office) */
  orgUnitId: number;
  orgCode: string;
  /** department: it has a declaration to fill in */
  invited: boolean;
  /** department: it evaluates at least one criterion of the current scheme */
  evaluator: boolean;
  /**
   * the request's day (China time, YYYY-MM-DD; core/clock.ts): the cycle's day rules — the declaration deadline and
   * its reopening, the objection window — are judged on it, by the abilities and the commands alike
   */
  today: string;
}

const roleOf = (a: CycleAccess) => a.user.role;
const statusOf = (a: CycleAccess) => a.cycle.status;
const evaluating = (a: CycleAccess) => a.as === 'department' || a.as === 'office';
/** a cycle's state as its workflow names it (评分中, 结果公示 …) */
export const cycleStatusLabel = (s: CycleStatus): string => CYCLE_WORKFLOW.states[s];
/** the cycle's results are final: published, frozen (cycle_result) and read as stored, never computed again */
export const resultsFinal = (cycle: { status: CycleStatus }): boolean => cycle.status === 'published';

// ------------------------------------------------------------------------------------------------ the cycle

export const mayManage = (a: CycleAccess) => a.as === 'office' && can(roleOf(a), 'cycle.manage');
/** The cycle's settings (dates, contacts, objection window) may still change: not once the results are out. */
export const editRefusal = (a: CycleAccess): AppError | null => (phaseAllows(statusOf(a), 'edit') ? null : conflict('结果已发布，考核工作不能再修改'));
/**
 * The office moves the objection window's end (结果与异议's 修改异议期): the change of settings the PATCH takes
 * (mayManage, editRefusal), while the cycle is in 异议期 (objectionWindowRefusal judges the day itself).
 */
export const mayChangeObjectionEnd = (a: CycleAccess): boolean => mayManage(a) && editRefusal(a) === null && phaseAllows(statusOf(a), 'objections');
/**
 * Why the caller may not move the cycle's declaration deadline (申报截止日期) now, or null: the office that runs the
 * cycle, while the call for indicators runs (deadlinePhaseRefusal). The PATCH asks it when the deadline is moved; the
 * overview's 修改 is offered by abilities.changeDeadline, the same predicate (cycleDeadlineRefusal judges the day).
 */
export function deadlineChangeRefusal(a: CycleAccess): AppError | null {
  if (!mayManage(a)) return forbidden('只有组织本次考核的质强办可以修改申报截止日期');
  const phase = deadlinePhaseRefusal(statusOf(a));
  return phase ? conflict(phase) : null;
}
export const mayChangeDeadline = (a: CycleAccess): boolean => deadlineChangeRefusal(a) === null;

/** The objection window is open on `today` (China time). */
export function isWithinObjectionWindow(cycle: CycleRow, today: string): boolean {
  if (!phaseAllows(cycle.status, 'objections') || !cycle.objection_start || !cycle.objection_end) return false;
  return cycle.objection_start <= today && today <= cycle.objection_end;
}

/**
 * Who may be invited as a 成员单位 (the i-th of the call for indicators): a department only. An office (the
 * organising one or a city's 质强办) organises or is assessed and declares nothing; a region is assessed.
 */
export function memberRefusal(org: { id: number; name: string; kind: string } | undefined, i: number, id: number): AppError | null {
  if (org?.kind === 'department') return null;
  const field = `departmentIds.${i}`;
  if (org?.kind === 'office')
    return badRequest(`第${i + 1}个成员单位「${org.name}」是质强办，不是成员单位：质强办组织考核、不申报考核指标，请只选择部门`, [{ field, message: '请选择成员单位（部门）' }]);
  return badRequest(`第${i + 1}个成员单位（${id}）不存在或不是成员单位`, [{ field, message: '请选择成员单位' }]);
}

/**
 * How a leader stands to a cycle, from the cycle and where its office sits in the org tree — the one rule behind
 * cycleAccess (participation) and the cycle list (visibleCycles), for one cycle or for all at once:
 * - 'leader': a leader of the office's parent unit (the province over its office, a city over its own) or of the
 *   office itself reads the cycle at every stage, as a leader;
 * - 'assessedRegion': any other leader, once the results are published (phase assessedLeaderReads), reads what its
 *   region reads — taking part as 'unit' — if its unit is one the cycle assesses (a city's leader in the province's
 *   assessment, a county's in its city's); whether it is, is the one fact the caller looks up (cycle_unit);
 * - null: the cycle is not the leader's to read.
 */
export function leaderStanding(
  cycle: { status: CycleStatus; office_org_id: number },
  officeParentId: number | null,
  leaderOrgId: number,
): 'leader' | 'assessedRegion' | null {
  if (officeParentId === leaderOrgId || cycle.office_org_id === leaderOrgId) return 'leader';
  return phaseAllows(cycle.status, 'assessedLeaderReads') ? 'assessedRegion' : null;
}

/**
 * The province's leaders and its quality office (质强办, which runs the province's assessment of the cities) follow the
 * cities' own assessments of their counties as a summary (the city, the year, the stage, the scoring progress) on the
 * 驾驶舱 — read-only, without opening them: each is its city office's work. `region`: the unit the caller answers for
 * (callerRegion: a leader's own, an office's parent). The province whose cities' cycles the caller follows, or null.
 */
export const cityCycleSummariesProvince = (user: { role: string }, region: { id: number; kind: string } | null): number | null =>
  (user.role === 'leader' || user.role === 'office') && region?.kind === 'province' ? region.id : null;

// ------------------------------------------------------------------------------------------------ declarations

export const mayDeclare = (a: CycleAccess) => a.as === 'department' && a.invited && can(roleOf(a), 'declaration.edit') && phaseAllows(statusOf(a), 'declare');

/**
 * Declarations (申报): the office and leaders read every invited department's, a department only its own,
 * an assessed unit none. A department edits and submits its own; the office reviews (return, accept, reopen).
 */
export function declarationAccess(a: CycleAccess, departmentId: number): { read: boolean; edit: boolean; review: boolean } {
  const own = a.as === 'department' && a.orgUnitId === departmentId;
  return {
    read: a.as === 'office' || a.as === 'leader' || own,
    edit: own && mayDeclare(a),
    review: a.as === 'office' && can(roleOf(a), 'declaration.review'),
  };
}

/**
 * Deadline rule: a department may save and submit while the cycle is collecting and today (China time) is
 * on or before its due date — the cycle's deadline, or the office's reopened_until when later. A
 * submission after the cycle's deadline is marked late (unless it answers a return by the office).
 */
/** The date a department must submit by: the cycle's deadline, or the reopened date when later. */
export const dueDateOf = (cycle: CycleRow, row: { reopened_until: string | null }): string => declarationDueOn(cycle.deadline, row.reopened_until);

/** Collection is open for this department: the cycle collects and its due date (end of day, China time) has not passed. */
export const isOpenFor = (cycle: CycleRow, row: { reopened_until: string | null }, today: string): boolean =>
  phaseAllows(cycle.status, 'declare') && today <= dueDateOf(cycle, row);

export const pastDeadline = (cycle: CycleRow, today: string): boolean => today > cycle.deadline;

/**
 * Who may move a declaration by this event at all — the department submits its own, the office that runs the
 * cycle returns and accepts — or the 403. Asked before the version and the state: a caller who may not act is
 * told so whatever version it sends, never that someone else changed the declaration.
 */
export function declarationMoveRefusal(d: { row: { department_id: number }; access: CycleAccess; rights: ReturnType<typeof declarationAccess> }, event: DeclarationEvent): AppError | null {
  if (event === 'submit') return d.access.as === 'department' && d.access.orgUnitId === d.row.department_id ? null : forbidden('只有成员单位可以提交自己的申报表');
  return d.rights.review ? null : forbidden('只有组织本次考核的质强办可以审核申报表');
}

/** What the caller may do with one declaration on the request's day (sent to the client; the commands check the same rules). */
export function declarationActions(
  d: {
    row: { status: DeclarationStatus; cycle_id: number; department_id: number; reopened_until: string | null };
    access: CycleAccess;
    rights: ReturnType<typeof declarationAccess>;
    reminders: { lastAt: string; reopenedAt: string | null } | null;
  },
): DeclarationActions {
  const { row, access, rights } = d;
  const status = row.status;
  const open = isOpenFor(access.cycle, row, access.today);
  const editable = DECLARATION_EDITABLE.includes(status);
  const reviewing = phaseAllows(access.cycle.status, 'reviewDeclarations');
  const decides = (event: DeclarationEvent) => declarationMoveRefusal(d, event) === null && status === 'submitted' && reviewing;
  return {
    edit: rights.edit && editable && open,
    submit: rights.edit && editable && open,
    return: decides('return'),
    accept: decides('accept'),
    reopen: rights.review && editable && phaseAllows(access.cycle.status, 'declare') && pastDeadline(access.cycle, access.today),
    // as the 催办 command judges a second one (remindedJustNow, on the system's clock as the audit rows')
    remind: rights.review && declarationRemindRefusal(access.cycle, { status, reopenedUntil: row.reopened_until }, access.today) === null && !remindedJustNow(d.reminders?.lastAt, Date.now(), d.reminders?.reopenedAt),
  };
}

/**
 * Why an uploaded template may not replace the declaration, from the declaration and version it was downloaded at
 * (null when the file does not say): another declaration's file, or one filled before the declaration was saved
 * again (online, or by an earlier upload) — importing it would silently drop those changes.
 */
export function templateRefusal(stamp: { id: number; version: number } | null, row: { id: number; version: number }): AppError | null {
  if (!stamp) return null;
  if (stamp.id !== row.id) return badRequest('这不是本申报表的模板（是从另一份申报表下载的），请在本申报表页面下载模板后填写', [{ field: 'file', message: '不是本申报表的模板' }]);
  if (stamp.version < row.version) {
    return conflict(
      `申报表在您下载模板之后已被保存过（下载时为第${stamp.version}版，现为第${row.version}版，包括在线修改或此前的上传）；为免覆盖这些修改，本次上传未导入。请重新下载模板，把您的修改填入后再上传`,
    );
  }
  return null;
}

/** Why the department may not change the declaration on the request's day (its rights, state and deadline window), or null. */
export function declarationEditRefusal(
  d: { row: { status: DeclarationStatus; cycle_id: number; reopened_until: string | null }; access: CycleAccess; rights: ReturnType<typeof declarationAccess> },
): AppError | null {
  const status = d.row.status;
  if (!d.rights.edit) {
    if (d.access.as === 'department' && !phaseAllows(d.access.cycle.status, 'declare')) return conflict('指标征集已结束，申报表不能再修改或提交');
    return forbidden('只有被邀请申报的成员单位可以填写、提交自己的申报表');
  }
  if (!DECLARATION_EDITABLE.includes(status)) {
    return conflict(`申报表当前状态为「${DECLARATION_WORKFLOW.states[status]}」，只有草稿或已退回的申报表可以修改`);
  }
  if (!isOpenFor(d.access.cycle, d.row, d.access.today)) {
    return conflict(
      `申报已于${dueDateOf(d.access.cycle, d.row)}截止，不能再修改或提交；如需补报，请联系质强办重新开放`,
    );
  }
  return null;
}

// ------------------------------------------------------------------------------------------------ schemes

export const mayManageScheme = (a: CycleAccess) => schemeManageRefusal(a, '') === null;

/**
 * Why the caller may not draft, edit or publish a scheme version now, or null: only the cycle's own office (403 `who`,
 * recorded as 越权访问), and only while the phase allows it (409 naming the phase: the organising office trying after
 * the results are published is told the scheme is closed, not that it is not the office).
 */
export function schemeManageRefusal(a: CycleAccess, who: string): AppError | null {
  if (a.as !== 'office' || !can(roleOf(a), 'scheme.manage')) return forbidden(who);
  if (!phaseAllows(statusOf(a), 'manageScheme')) return conflict(`当前考核状态为「${cycleStatusLabel(a.cycle.status)}」，考核方案不能再修改`);
  return null;
}

/** Which versions the caller may read: the office and leaders all; departments and units the published ones. */
export const mayReadScheme = (a: CycleAccess, r: SchemeRow) => a.as === 'office' || a.as === 'leader' || r.status !== 'draft';

/** The comparison of declarations with last year: the office (it drafts the scheme). */
export const mayCompareDeclarations = (a: CycleAccess) => a.as === 'office' || mayManageScheme(a);

// ------------------------------------------------------------------------------------------------ scoring

/**
 * The evaluator codes that stand for the caller: its org code; the assessing office also answers to "office"
 * (the schemes name the provincial office's key points by that code, and a city's office assessing its counties
 * takes the same place).
 */
export function callerCodes(a: CycleAccess): string[] {
  return a.as === 'office' ? officeCodes(a.orgCode) : [a.orgCode];
}

/** the evaluator codes of a cycle's own office: its org code, and 'office' (the framework's name for 质强办 key points) */
export const officeCodes = (orgCode: string): string[] => [...new Set([orgCode, 'office'])];

/** The scoring-phase refusal (a 409 saying what cannot be done: `what`), or null while the cycle is scoring. */
export function scoringPhaseRefusal(a: CycleAccess, what = '评分不能修改'): AppError | null {
  if (phaseAllows(statusOf(a), 'score')) return null;
  return conflict(`当前考核状态为「${cycleStatusLabel(a.cycle.status)}」，不在评分阶段，${what}`);
}

/**
 * Why the caller may not 重新开放评分 or 催办 in this cycle now, or null: only the cycle's own office (403 `who`,
 * recorded as 越权访问), and only while scoring (409 naming the phase: the organising office asking after the
 * results are out is told that scoring is over, not that it is not the office).
 */
export function scoringOversightRefusal(a: CycleAccess, who: string, what: string): AppError | null {
  if (a.as !== 'office' || !can(roleOf(a), 'score.monitor')) return forbidden(who);
  return scoringPhaseRefusal(a, what);
}

/**
 * Why the caller may not enter or submit scores in this cycle now (the cycle-level rule; which criteria is
 * mayScoreCriterion), or null. `who` is the 403's wording for a caller that does not evaluate at all.
 * Taking part comes before the phase: a caller that scores nothing in this cycle (a city, a leader, a department
 * invited only to declare) gets a plain 403 and learns nothing of where the cycle stands.
 */
export function scoreRefusal(a: CycleAccess, who = '只有评价部门可以评分'): AppError | null {
  if (!evaluating(a)) return forbidden(who);
  if (!a.evaluator) return forbidden('本单位在本次考核方案中没有需要评分的考核要点');
  return scoringPhaseRefusal(a);
}

/** May score: an evaluating department (or the office for its own key points) while the cycle is scoring. */
export const mayScore = (a: CycleAccess) => scoreRefusal(a) === null && can(roleOf(a), 'score.enter');

/** The caller evaluates this criterion (its evaluator codes, from the framework). */
export const mayScoreCriterion = (a: CycleAccess, evaluators: readonly string[]) => {
  const mine = callerCodes(a);
  return evaluators.some((e) => mine.includes(e));
};

export const mayMonitor = (a: CycleAccess) => a.as === 'office' && can(roleOf(a), 'score.monitor') && phaseAllows(statusOf(a), 'monitor');

export const maySelfReport = (a: CycleAccess) => a.as === 'unit' && can(roleOf(a), 'selfReport.edit') && phaseAllows(statusOf(a), 'selfReport');

/**
 * Which assessed units' scores the caller may see: the office and leaders all; a department all (for its own
 * items); a unit only itself until publication, and everyone's totals after.
 */
export function visibleUnitIds(a: CycleAccess, all: number[]): number[] {
  if (a.as === 'unit' && a.cycle.status !== 'published') return all.filter((id) => id === a.orgUnitId);
  return all;
}

/** Leaders read self-reports once the results are published (the others: see loadSelfReports' scoping). */
export const selfReportsRefusal = (a: CycleAccess): AppError | null =>
  a.as !== 'leader' || a.cycle.status === 'published' ? null : forbidden('结果发布前，自评材料仅质强办、评价部门和被考核单位本身可以查看');

// ------------------------------------------------------------------------------------------------ results and objections

/** The office published the submitted departments' scores early, and the cycle is still scoring (before the objection window). */
export const isPartiallyPublished = (cycle: CycleRow) => phaseAllows(cycle.status, 'partialResults') && cycle.preliminary_published_at !== null;

export const mayReadResults = (a: CycleAccess) =>
  can(roleOf(a), 'result.read') && (phaseAllows(statusOf(a), a.as === 'office' ? 'officeReadResults' : 'readResults') || isPartiallyPublished(a.cycle));

/** 403 with a reason when the caller may not read results in this state. */
export function resultsRefusal(a: CycleAccess): AppError | null {
  if (mayReadResults(a)) return null;
  if (a.as === 'office') return forbidden('考核方案发布、进入评分阶段后才能查看考核结果');
  if (a.as === 'unit') return forbidden('初步考核结果将在质强办公布（进入异议期）后查看');
  return forbidden('考核结果将在质强办公布初步结果后查看');
}

/** Why the result documents cannot be downloaded yet (the ranking, 公示/通报, unit reports, 反馈意见书), or null. */
export const resultDocumentRefusal = (a: CycleAccess): AppError | null =>
  resultsRefusal(a) ??
  (phaseAllows(statusOf(a), 'resultDocuments')
    ? null
    : conflict('评分尚未结束：排名表、初步结果公示、结果报告和反馈意见书在质强办公布初步结果、开放异议后提供（评分中未评的考核要点会被当作失分）；评分进度请在「结果与异议」查看'));

/** A city downloads only its own report. */
export const unitReportRefusal = (a: CycleAccess, unitId: number): AppError | null => {
  if (a.as === 'unit' && a.orgUnitId !== unitId) return forbidden('只能下载本地区的考核结果报告');
  if (a.as !== 'office' && isPartiallyPublished(a.cycle)) return conflict('评分尚未全部完成，结果报告将在全部评价部门提交评分、质强办公布初步结果后提供');
  return resultDocumentRefusal(a);
};

/**
 * The 反馈意见书 feeds a unit's total back: a department sees its own key points only until the final results (no
 * total), so it is refused (403) whatever the stage — before the stage's 409 (scoring unfinished), as everywhere.
 */
export const feedbackRefusal = (a: CycleAccess, unitId: number): AppError | null =>
  a.as === 'department' && a.cycle.status !== 'published'
    ? forbidden('最终结果发布前，成员单位只能查看本单位评价的考核要点，不能下载反馈意见书')
    : unitReportRefusal(a, unitId);

/** The ranking table needs every total: not for a department before publication (it sees its own key points only). */
export const rankingRefusal = (units: readonly { total: string | null }[]): AppError | null =>
  units.some((u) => u.total === null) ? forbidden('最终结果发布前，成员单位只能查看本单位评价的考核要点，不能导出排名表') : null;

export const mayObject = (a: CycleAccess) => a.as === 'unit' && can(roleOf(a), 'objection.raise') && isWithinObjectionWindow(a.cycle, a.today);

/** Why the caller cannot object now, or null. */
export function objectionRefusal(a: CycleAccess): AppError | null {
  if (a.as !== 'unit') return forbidden('只有被考核的市州可以对本地区的考核结果提出异议');
  if (mayObject(a)) return null;
  const c = a.cycle;
  if (!phaseAllows(statusOf(a), 'objections')) return forbidden('当前不在异议期：初步结果公布后、最终结果发布前才能提出异议');
  if (!isWithinObjectionWindow(c, a.today)) return forbidden(`当前不在异议期（异议期为${c.objection_start ?? '未设定'}至${c.objection_end ?? '未设定'}），不能提出异议`);
  return forbidden('您没有提出异议的权限');
}

/**
 * Why the unit may not object to this key point (`keyPoint`: its name as a sentence quotes it, 「7.a 产品质量安全保障」: keyPointInText) again, or null: its latest
 * objection on it (`latest`) still awaits an answer, or was answered 维持原评分 (objectionAgainBlock). A 409: the
 * objection on record is the answer, named by its number.
 */
export function repeatObjectionRefusal(latest: { id: number; status: ObjectionStatus } | undefined, keyPoint: string): AppError | null {
  const block = objectionAgainBlock(latest);
  if (block === 'pending') return conflict(`您对考核要点${keyPoint}的异议（编号${latest!.id}）尚待答复，请勿重复提出`);
  if (block === 'upheld')
    return conflict(`您对考核要点${keyPoint}的异议（编号${latest!.id}）已复核并维持原评分，复核结果以复核结果告知书为准；同一评分在本次异议期内不能再次提出异议`);
  return null;
}

/** The 复核结果告知书 exists once the evaluating department has answered the objection. */
export const objectionNoticeRefusal = (o: { status: string }): AppError | null =>
  o.status === 'open' ? conflict('该异议尚未答复，答复后才有复核结果告知书') : null;

export const mayAnswerObjections = (a: CycleAccess) => evaluating(a) && a.evaluator && can(roleOf(a), 'objection.answer') && phaseAllows(statusOf(a), 'objections');

/**
 * Why the caller may not answer this objection: only a department that evaluates its key point (`evaluators`: the
 * key point's codes in the published scheme; any one of several — the first answer is the answer, and closes the
 * others' to-dos; the office for its own key points), in the objection phase.
 */
export function objectionAnswerRefusal(a: CycleAccess, evaluators: readonly string[]): AppError | null {
  if (!evaluating(a) || !mayScoreCriterion(a, evaluators)) return forbidden('该异议不由您单位答复：只有评价该考核要点的部门可以答复');
  if (!mayAnswerObjections(a)) return forbidden('当前不在结果公示（异议）阶段，不能答复异议');
  return null;
}

/**
 * Who may turn a unit's lost points into 整改事项 in this cycle at all — its office, or a department that evaluates
 * in it (which criteria: rectification's mayRaiseFromCriterion) — or the 403, asked before the cycle's stage.
 */
export const rectificationRaiseRefusal = (a: CycleAccess): AppError | null =>
  a.as === 'office' || (a.as === 'department' && a.evaluator) ? null : forbidden('只有组织考核的质强办或评价部门可以将失分项目转为整改事项');

// ------------------------------------------------------------------------------------------------ evidence

/** What an evidence file belongs to, as the evidence rules need it (evidence.queries loads it). */
export interface EvidenceOwner {
  type: 'score' | 'self_report' | 'objection';
  unitId: number;
  itemCode: string;
  criterionCode: string | null;
  departmentId: number | null;
  status: string | null;
  /** a human label for messages and audit: "7.a 评分" */
  label: string;
}

/**
 * Who sees 佐证材料. An evidence file has the visibility of what it belongs to:
 * - a score: the office, the criterion's evaluating department(s); the assessed unit itself once preliminary
 *   results are out (review, published); leaders after publication.
 * - a self-report: the office, the unit itself, the departments that evaluate the item; leaders after publication.
 * - an objection: the office, the unit that raised it, every department that evaluates its key point (and the one
 *   that answered it); leaders after publication.
 * `fw` is the scheme in force (a department sees what it evaluates there).
 */
export function mayReadEvidence(a: CycleAccess, o: EvidenceOwner, fw: Framework | null): boolean {
  const status = a.cycle.status;
  switch (a.as) {
    case 'office':
      return true;
    case 'leader':
      return status === 'published';
    case 'unit':
      if (o.unitId !== a.orgUnitId) return false;
      return o.type !== 'score' || status === 'review' || status === 'published';
    case 'department': {
      if (o.type === 'objection' && o.departmentId === a.orgUnitId) return true;
      const item = fw?.sections.flatMap((s) => s.items).find((i) => i.code === o.itemCode);
      if (!fw || !item) return false;
      const crits = o.criterionCode ? item.criteria.filter((c) => c.code === o.criterionCode) : item.criteria;
      return crits.some((c) => mayScoreCriterion(a, evaluatorsOf(fw, o.itemCode, c.code) ?? []));
    }
  }
}

/**
 * Who attaches and removes 佐证材料 of a self-report or an objection (a score's evidence follows the score's
 * own rule, see scoring's checkScoreWrite): the unit itself, while it may edit self-reports / while the
 * objection awaits an answer and the objection window is open. Checked before the upload, and again under lock with the re-read cycle and status.
 */
export function evidenceWriteRefusal(a: CycleAccess, o: EvidenceOwner): AppError | null {
  const reason = `只有被考核单位本身可以为${o.label}上传或删除佐证材料`;
  if (a.as !== 'unit' || o.unitId !== a.orgUnitId) return forbidden(reason);
  if (o.type === 'self_report') return maySelfReport(a) ? null : forbidden('当前阶段不能修改自评材料（结果公示或发布后自评材料锁定）');
  if (o.status === null || !OBJECTION_PENDING.includes(o.status as ObjectionStatus)) return forbidden('该异议已答复，佐证材料不能再修改');
  // an objection's evidence is part of the objection: in by the window's end, as the objection itself
  if (!isWithinObjectionWindow(a.cycle, a.today)) return forbidden(`异议期已于${a.cycle.objection_end ?? '—'}结束，异议的佐证材料不能再上传或删除`);
  return null;
}

// ------------------------------------------------------------------------------------------------ abilities

/** What the caller may do in the cycle, sent to the client: built from the predicates above. */
export function abilities(a: CycleAccess): CycleAbilities {
  return {
    as: a.as,
    events: a.as === 'office' ? eventsFrom(CYCLE_WORKFLOW, statusOf(a)).filter((t) => can(roleOf(a), t.permission)).map((t) => t.event) : [],
    manage: mayManage(a),
    declare: mayDeclare(a),
    manageScheme: mayManageScheme(a),
    score: mayScore(a),
    monitor: mayMonitor(a),
    selfReport: maySelfReport(a),
    object: mayObject(a),
    answerObjections: mayAnswerObjections(a),
    readResults: mayReadResults(a),
    changeObjectionEnd: mayChangeObjectionEnd(a),
    changeDeadline: mayChangeDeadline(a),
  };
}

/** Throw the refusal, if any. */
export function ensure(refusal: AppError | null): void {
  if (refusal) throw refusal;
}

/** Throw 403 with the Chinese reason unless the predicate holds. */
export function ensureAllowed(allowed: boolean, reason: string): void {
  if (!allowed) throw forbidden(reason);
}

/** Throw 403 with the Chinese reason unless the caller takes part in the cycle in one of the allowed ways. */
export function requireParticipation(a: CycleAccess, allowed: readonly Participation[], reason: string): void {
  if (!allowed.includes(a.as)) throw forbidden(reason);
}
