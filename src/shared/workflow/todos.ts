/**
 * 待办 derived from state: one pure rule table that, from the state of every cycle, declaration, scheme,
 * scoring submission, self-report, objection and account, says which to-dos a user has. Nothing is stored:
 * a to-do exists while the state calls for it and disappears by itself when the step is done (the server
 * loads a TodoState in src/server/modules/todos/todos.queries.ts and runs deriveTodos on every read).
 *
 * Each rule names the roles it serves and derives to-dos from the state as seen by one viewer. Each to-do
 * carries a deadline where the workflow has one, and a link to the page where the step is done.
 */
import type { Role } from '../roles';
import { DECLARATION_EDITABLE, declarationDueOn, OBJECTION_PENDING, objectionEndUnsettled, phaseAllows, type CycleStatus, type DeclarationStatus, type ObjectionStatus, type SubmissionStatus } from './assessment';
import { chinaDate, formatChinaMoment, formatDeadline } from '../deadline';
import { lockedReturnNotice } from '../indicators/checks';
import { consolidationWaitsForSite, recusalOpen, type ApplicationStatus, type PlanStatus, type RecusalStatus } from './evaluation';
import { expiryText, policyExpiry, type PolicyStatus } from './honours';
import { lateReasonAsk, lateReportOwed, ORDER_ISSUERS, type EscalationStage } from '../workplan/rules';
import { joinClauses } from '../text';

export interface TodoViewer {
  id: number;
  role: Role;
  orgUnitId: number;
}

export interface DeclarationState {
  id: number;
  departmentId: number;
  departmentName: string;
  status: DeclarationStatus;
  late: boolean;
  reopenedUntil: string | null;
  returnReason: string | null;
  /** the reason of the latest reopening (from its audit row) */
  reopenReason: string | null;
  /** the office's reminders (催办) since the declaration was last submitted */
  reminders: { count: number; lastAt: string } | null;
}

export interface CycleState {
  id: number;
  year: number;
  title: string;
  status: CycleStatus;
  officeOrgId: number;
  /** the office's parent org (a leader of that org reads the cycle) */
  officeParentId: number | null;
  /** declarations due (YYYY-MM-DD, end of day China time) */
  deadline: string;
  objectionStart: string | null;
  objectionEnd: string | null;
  publishedAt: string | null;
  /** a city's office assessing its counties (the province's office assesses the cities) */
  assessesCounties: boolean;
  /** the city whose office runs the cycle when it assesses counties (岳阳市), else null */
  cityName?: string | null;
  /** assessed units (cities, or counties of a city's cycle) */
  unitIds: number[];
  declarations: DeclarationState[];
  hasPublishedScheme: boolean;
  /** one per evaluating department (a criterion of the published scheme is theirs), opened at the scheme's publication */
  submissions: { departmentId: number; departmentName: string; status: SubmissionStatus; reopenReason: string | null }[];
  /** when the office last published the submitted departments' preliminary results before all had submitted */
  preliminaryPublishedAt: string | null;
  objections: { id: number; unitId: number; departmentId: number; status: ObjectionStatus }[];
  /** how many self-report texts each unit has written */
  selfReports: Record<number, number>;
}

export interface PendingAccount {
  id: number;
  username: string;
  displayName: string;
  roleLabel: string;
  orgUnitName: string;
}

/** An expert's seat on a plan version: the 回避 declaration and where the expert's sheet is. */
export interface PlanSeat {
  id: number;
  userId: number | null;
  name: string;
  leader: boolean;
  recusal: RecusalStatus;
  /** stage: where the expert's sheet is (reopened on site after the document review: 'site') */
  sheet: 'none' | 'open' | 'submitted';
  stage: 'document' | 'site';
  assigned: boolean;
}

/** An application of the creation evaluation (seed 004) still moving, with what its next step waits on. */
export interface EvaluationState {
  id: number;
  year: number;
  organiserOrgId: number;
  applicantOrgId: number;
  applicantName: string;
  status: ApplicationStatus;
  returnReason: string | null;
  /** the stored 综合评价 passed the mark (null: not consolidated yet) */
  passed: boolean | null;
  pendingConsultations: { id: number; departmentId: number }[];
  /** the applicant's 自评 (none: not begun) */
  selfAssessment?: 'none' | 'open' | 'submitted';
  /** the organiser's reason when it returned the 自评 for correction (退回补正), until submitted again */
  selfReturnReason?: string | null;
  /** the organiser has checked the submitted 自评 (审查无误) */
  selfChecked?: boolean;
  /** the plan in force (the approved version; before any approval, the draft) and its panel */
  plan: {
    status: PlanStatus;
    documentReviewStart?: string | null;
    documentReviewEnd: string | null;
    siteReviewStart?: string | null;
    siteReviewEnd: string | null;
    members: PlanSeat[];
  } | null;
  /** a new version of the approved plan being drafted, with its panel (a seat only on it declares 回避 from it) */
  revision?: { members: PlanSeat[] } | null;
  /**
   * While the plan is being drawn up: the peer table its rank criteria will rank against (the draft's, or with no
   * plan yet the organiser's table of the year and the applicant's level) and how many peers still lack a value;
   * 'missing' when there is no such table yet; null when nothing is needed (a draft that uses none, or later on).
   */
  peers?: { tableId: number; title: string; unfilled: number } | 'missing' | null;
}

export interface TodoState {
  now: Date;
  cycles: CycleState[];
  pendingAccounts: PendingAccount[];
  evaluations: EvaluationState[];
  /** 整改事项 whose owner still owes its first answer (answerOwed in modules/rectification), whoever owns them */
  rectifications: { id: number; applicationId: number; ownerOrgId: number; title: string; dueOn: string | null }[];
  /** plan-indicator reporting as the viewer sees it (issue 12); absent where the viewer's role has none */
  indicatorReporting?: IndicatorReportingState;
  /** current incentive policies with an expiry date that the viewer keeps (policyWriteRefusal in modules/honours: a city's 质强办 its city's and counties', the provincial office the province's) */
  policies?: PolicyState[];
  /** tasks of published work plans still open (issue 13); absent where a caller loads none */
  workplan?: WorkplanTaskState[];
  /** binding (约束性) plan indicators whose latest accepted figure lags (issue 12); absent: none loaded */
  laggingIndicators?: LaggingIndicatorState[];
  /** the viewer office's quality analysis report for the last ended half-year, not yet issued; absent: none loaded */
  analysisDue?: AnalysisDueState[];
  /** 整改事项 still supervised (issue 13), with where their reports stand; absent: none loaded */
  rectificationItems?: RectificationItemState[];
}

/** A quality office's 质量分析报告 for the last ended half-year, not issued yet (loaded by loadTodoState in src/server/modules/todos). */
export interface AnalysisDueState {
  officeOrgId: number;
  period: string;
  periodLabel: string;
  dueOn: string;
  /** the draft, if the office has begun it */
  reportId: number | null;
}

/** A supervised 整改事项 (issue 13): the owner reports, the raiser escalates and decides. */
export interface RectificationItemState {
  id: number;
  title: string;
  ownerOrgId: number;
  ownerName: string;
  raisedByOrgId: number;
  /** the evaluation's applicant still owes its first answer (the rectification.answer to-do covers it) */
  answerPending: boolean;
  /** the oldest report not come in, when due within the warning days or late */
  dueReport: { periodLabel: string; dueOn: string; stage: EscalationStage; notice: 'reminder' | 'order' | null } | null;
  /** the raiser sent the closure request back and no report has come in since */
  returnedReason: string | null;
  /** the raiser sent a progress report back (退回) and the owner has not submitted it again */
  returnedReport: { id: number; reason: string } | null;
  /** late: asked after the deadline it moves (逾期申请延期), fromDueOn that deadline, daysLate the days since it */
  pendingExtension: { id: number; newDueOn: string; fromDueOn: string; late: boolean; daysLate: number } | null;
  pendingClosure: { id: number } | null;
}

/** Plan-indicator reporting (数据填报与审核), already narrowed to the viewer by the reporting policy. */
export interface IndicatorReportingState {
  /** periods whose window is open (or late) with values the viewer reports not yet submitted */
  toReport: { periodId: number; label: string; planTitle: string; missing: number; total: number; dueOn: string; late: boolean }[];
  /** values the viewer reports that were returned (退回); lockedOn: the period's lock date when the value waits behind the lock for 质强办 to reopen it */
  returned: { valueId: number; periodId: number; label: string; indicatorName: string; unitName: string; comment: string | null; lockedOn: string | null }[];
  /** returned values behind the lock of a plan the viewer's office owns: only its reopening (重新开放) lets their reporters change them */
  toReopen: { valueId: number; periodId: number; label: string; indicatorName: string; unitName: string; comment: string | null; lockedOn: string }[];
  /** submitted values waiting for the viewer's review (the responsible department) */
  toReview: { periodId: number; label: string; count: number }[];
  /** reviewed values waiting for the viewer's acceptance (the plan's office) */
  toAccept: { periodId: number; label: string; count: number }[];
}

export interface PolicyState {
  id: number;
  title: string;
  docNo: string;
  status: PolicyStatus;
  expiresOn: string | null;
}

/** A task of a published work plan, with what waits on whom (src/server/modules/workplan/workplan.todos.ts). */
export interface WorkplanTaskState {
  id: number;
  number: number;
  title: string;
  issuerOrgId: number;
  /** units that have not signed for the task (签收) */
  unsigned: number[];
  /** reports of periods begun and not submitted, due within the plan's warning days or overdue, or sent back (退回) */
  dueReports: {
    orgId: number;
    orgName: string;
    period: string;
    periodLabel: string;
    dueOn: string;
    status: 'missing' | 'draft' | 'returned';
    returnReason: string | null;
    /** the escalation stage today and the strongest notice issued for it */
    stage: EscalationStage;
    notice: 'reminder' | 'order' | null;
  }[];
  /** sub-reports submitted to the consolidating unit (lead) this task */
  consolidatorOrgId: number;
  consolidatorName: string;
  /**
   * late: asked after the deadline it moves (逾期申请延期), fromDueOn that deadline; askedBy: the user who asked, whom
   * the office's review to-do leaves out (nobody decides their own request: decideRefusal in modules/workplan)
   */
  pendingExtensions: { id: number; orgName: string; newDueOn: string; fromDueOn: string; late: boolean; askedBy: number | null }[];
  pendingClosure: { id: number; orgName: string; askedBy: number | null } | null;
  /**
   * the consolidator's latest closure request, sent back (退回) with the office's reason, while the task is open, the
   * consolidator is still the unit that asked, and it has not submitted its 汇总 report since (closureReturnedOf)
   */
  returnedClosure: { id: number; reason: string } | null;
  /** an open task (not asking to close) past its deadline in force: that deadline and the days late; null otherwise */
  overdue: { deadline: string; daysLate: number } | null;
}

/** A lagging binding plan indicator: the plan's office and each responsible department act on it. */
export interface LaggingIndicatorState {
  indicatorId: number;
  code: number;
  name: string;
  planTitle: string;
  ownerOrgId: number;
  departmentIds: number[];
  year: number;
  value: number;
  /** the indicator's unit (%, 个 …), written after the value */
  unit: string;
  reason: string;
  /** a 整改事项 raised for this year's figure of the plan's region (its follow-up from then on), or null */
  rectificationId: number | null;
}

export interface DerivedTodo {
  /** stable id: kind and the thing it is about ("declaration.fill:12") */
  key: string;
  kind: string;
  title: string;
  detail: string | null;
  link: string;
  /** YYYY-MM-DD (end of that day, China time) or an ISO instant; null where the workflow sets none */
  dueAt: string | null;
}

interface Rule {
  kind: string;
  roles: readonly Role[];
  derive: (s: TodoState, v: TodoViewer) => DerivedTodo[];
}

const evaluationLink = (e: EvaluationState) => `/evaluation/applications/${e.id}`;
const workTaskLink = (id: number) => `/workplan/tasks/${id}`;
const rectificationLink = (id: number) => `/rectifications/${id}`;
const cycleLink = (c: CycleState, tab?: string, extra = '') => `/assessment/${c.id}${tab ? `?tab=${tab}${extra}` : ''}`;
/** the late units of the office's 督办单 to-do, and those already past the 督办单's days (at 列入通报) */
const lateDetail = (late: readonly { orgName: string; stage: string; notice: string | null }[]): string => {
  const said = late.every((r) => r.stage === 'notice')
    ? `宽限期满仍未报送，已到列入通报阶段：${names([...new Set(late.map((r) => r.orgName))])}`
    : `宽限期满仍未报送：${names([...new Set(late.map((r) => (r.stage === 'notice' ? `${r.orgName}（已到列入通报阶段）` : r.orgName)))])}`;
  // a 督办单 may go out without a 催办 first; the to-do says so, as the task page's 「列入通报（尚未催办）」 does
  const all = new Set(late.map((r) => r.orgName));
  const bare = [...new Set(late.filter((r) => r.notice === null).map((r) => r.orgName))];
  if (!bare.length) return said;
  return `${said}（${bare.length < all.size ? names(bare) : all.size > 1 ? '均' : ''}尚未催办）`;
};
/** the 评分 tab; the office scoring its own key points opens on 本单位评分, not on its 评分进度 */
const scoringLink = (c: CycleState, orgId: number) => cycleLink(c, 'scoring', orgId === c.officeOrgId ? '&view=mine' : '');
const todayOf = (s: TodoState) => chinaDate(s.now);
/** The date a department's declaration is due: the cycle's deadline, or the reopening when later. */
export const declarationDue = (c: CycleState, d: DeclarationState): string => declarationDueOn(c.deadline, d.reopenedUntil);
const outstanding = (d: DeclarationState) => DECLARATION_EDITABLE.includes(d.status);
const ownCycles = (s: TodoState, v: TodoViewer) => s.cycles.filter((c) => c.officeOrgId === v.orgUnitId);
const remindText = (d: DeclarationState, now: Date) =>
  d.reminders ? `质强办已催办${d.reminders.count}次，最近${formatChinaMoment(d.reminders.lastAt, now)}` : null;
/** what a cycle's assessed units are called: the province assesses cities, a city's office its counties */
const unitWord = (c: CycleState) => (c.assessesCounties ? '县市区' : '市州');
/**
 * Whose cycle, in a department's to-do: a member department may take part in the province's cycle and in a city's
 * cycle of its counties in the same year, so a city's cycle is named by its city (岳阳市2023年度…)
 */
const whose = (c: Pick<CycleState, 'assessesCounties' | 'cityName'>) => (c.assessesCounties && c.cityName ? c.cityName : '');
/** the assessment as its assessed unit reads it: a county's is its city's (岳阳市2026年度对县市区质量工作考核), not the province's of the same year */
export const assessedIn = (c: Pick<CycleState, 'assessesCounties' | 'cityName' | 'year'>) => (c.assessesCounties ? `${whose(c)}${c.year}年度对县市区质量工作考核` : `${c.year}年度质量工作考核`);
/** today falls in the cycle's objection window (异议期); a window without a real end (objectionEndUnsettled) is not open yet */
const inObjectionWindow = (c: CycleState, today: string) =>
  !!c.objectionEnd && !objectionEndUnsettled(c, today) && today <= c.objectionEnd && (!c.objectionStart || c.objectionStart <= today);
/** an extension request's line for the one who decides it, marking one asked after the deadline it moves (逾期后申请) */
const extensionTodoDetail = (who: string, e: { newDueOn: string; fromDueOn: string; late: boolean; daysLate: number }) =>
  `${who}申请延期至${e.newDueOn}${e.late ? `（逾期后申请：原期限${e.fromDueOn}已过${e.daysLate}天）` : ''}`;
/** a to-do's detail: its clauses joined by joinClauses (no "。；" after a reason typed as a sentence), null when none */
const joinLines = (...parts: (string | null)[]) => joinClauses(parts) || null;
/** A list of names, the first few only ("省发展改革委、省教育厅等 16 个单位"). */
function names(list: string[], max = 3): string {
  if (list.length <= max) return list.join('、');
  return `${list.slice(0, max).join('、')}等${list.length}个单位`;
}

/**
 * Who has not submitted the cycle's scores, for the office that organises it. The office may be one of them (a city's
 * office scores the key points its framework gives to 'office'): it is named as 本办 after the others, with where it
 * scores, not among the departments it reminds.
 */
function outstandingLine(c: CycleState, open: CycleState['submissions']): string {
  const others = open.filter((x) => x.departmentId !== c.officeOrgId).map((x) => x.departmentName);
  const self = others.length < open.length;
  if (!self) return `未提交：${names(others)}`;
  const own = '本办负责的考核要点（在「本单位评分」中评分）';
  return others.length ? `未提交：${names(others)}；${own}也尚未提交` : `未提交：${own}`;
}

export const TODO_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- the office (the cycle's own)
  {
    kind: 'declaration.outstanding',
    roles: ['office'],
    derive: (s, v) =>
      ownCycles(s, v)
        .filter((c) => phaseAllows(c.status, 'declare') && c.declarations.length > 0)
        .flatMap((c) => {
          const open = c.declarations.filter(outstanding);
          if (!open.length) return [];
          const returned = open.filter((d) => d.status === 'returned').length;
          // past its due date (the deadline, or a reopening) a declaration is locked: the department cannot submit it
          const locked = open.filter((d) => todayOf(s) > declarationDue(c, d)).length;
          return [
            {
              key: `declaration.outstanding:${c.id}`,
              kind: 'declaration.outstanding',
              title: `${c.year}年度考核指标申报：${open.length}个成员单位未报送（共${c.declarations.length}个）`,
              detail: joinLines(
                `未报送：${names(open.map((d) => d.departmentName))}`,
                returned ? `其中${returned}份已退回待修改` : null,
                locked ? `已过截止日期、已锁定${locked}份：如需补报请重新开放，否则可结束征集` : null,
              ),
              link: cycleLink(c, 'declarations'),
              dueAt: c.deadline,
            },
          ];
        }),
  },
  {
    kind: 'declaration.review',
    roles: ['office'],
    derive: (s, v) =>
      ownCycles(s, v)
        .filter((c) => phaseAllows(c.status, 'reviewDeclarations'))
        .flatMap((c) => c.declarations.filter((d) => d.status === 'submitted').map((d) => ({ c, d })))
        .map(({ c, d }) => ({
          key: `declaration.review:${d.id}`,
          kind: 'declaration.review',
          title: `审核${d.departmentName}提交的${c.year}年度考核指标申报表${d.late ? '（逾期提交）' : ''}`,
          detail: `${c.title}：请接收或退回（须填写原因）`,
          link: cycleLink(c, 'declarations', `&declaration=${d.id}`),
          dueAt: null,
        })),
  },
  {
    kind: 'scheme.publish',
    roles: ['office'],
    derive: (s, v) =>
      ownCycles(s, v)
        .filter((c) => c.status === 'scheme')
        .map((c) => {
          const waiting = c.declarations.filter((d) => d.status === 'submitted').length;
          return {
            key: `scheme.publish:${c.id}`,
            kind: 'scheme.publish',
            title: `${c.year}年度指标征集已结束，请制定并发布考核方案`,
            detail: waiting ? `尚有${waiting}份申报表待审核` : null,
            link: cycleLink(c, 'scheme'),
            dueAt: null,
          };
        }),
  },
  {
    kind: 'scoring.outstanding',
    roles: ['office'],
    derive: (s, v) =>
      ownCycles(s, v)
        .filter((c) => c.status === 'scoring' && c.submissions.length > 0)
        .map((c) => {
          const open = c.submissions.filter((x) => x.status !== 'submitted');
          return open.length
            ? {
                key: `scoring.outstanding:${c.id}`,
                kind: 'scoring.outstanding',
                title: `${whose(c)}${c.year}年度考核评分：${open.length}/${c.submissions.length}个评价单位未提交`,
                detail: outstandingLine(c, open),
                link: cycleLink(c, 'scoring'),
                dueAt: null,
              }
            : {
                key: `scoring.allSubmitted:${c.id}`,
                kind: 'scoring.allSubmitted',
                title: `${c.year}年度质量工作考核：各评价部门已全部提交评分`,
                detail: `共${c.submissions.length}个评价单位已提交评分，可以公布初步结果、开放异议。`,
                link: cycleLink(c, 'scoring'),
                dueAt: null,
              };
        }),
  },
  {
    kind: 'objection.followUp',
    roles: ['office'],
    derive: (s, v) =>
      ownCycles(s, v)
        .filter((c) => c.status === 'review')
        .flatMap((c) => {
          const open = c.objections.filter((o) => OBJECTION_PENDING.includes(o.status)).length;
          return open
            ? [
                {
                  key: `objection.followUp:${c.id}`,
                  kind: 'objection.followUp',
                  title: `${c.year}年度考核：${open}条异议待答复`,
                  detail: '各评价单位答复后方可发布最终结果',
                  link: cycleLink(c, 'results'),
                  dueAt: c.objectionEnd,
                },
              ]
            : [];
        }),
  },
  {
    kind: 'result.publish',
    roles: ['office'],
    derive: (s, v) =>
      ownCycles(s, v)
        .filter((c) => c.status === 'review')
        .flatMap((c) =>
          // a window stored without a real end (none, or 9999-12-31): the office sets it first
          objectionEndUnsettled(c, todayOf(s))
            ? [
                {
                  key: `result.publish:${c.id}`,
                  kind: 'result.publish',
                  title: `${c.year}年度考核异议期没有实际的结束日期，请设定`,
                  detail: '各被考核单位据此提出异议，异议期结束后方可发布最终结果；请在「结果与异议」中点击「修改异议期」设定结束日期',
                  link: cycleLink(c, 'results'),
                  dueAt: null,
                },
              ]
            : c.objections.some((o) => OBJECTION_PENDING.includes(o.status)) || (c.objectionEnd !== null && c.objectionEnd >= todayOf(s))
              ? []
              : [
                  {
                    key: `result.publish:${c.id}`,
                    kind: 'result.publish',
                    title: `${c.year}年度考核异议期已结束，请发布最终结果`,
                    detail: c.objections.length ? `共${c.objections.length}条异议，均已答复` : '异议期内未收到异议',
                    link: cycleLink(c, 'results'),
                    dueAt: null,
                  },
                ],
        ),
  },
  // ---------------------------------------------------------------- an evaluating department (or the office when it scores)
  {
    kind: 'score.enter',
    roles: ['department', 'office'],
    derive: (s, v) =>
      s.cycles
        .filter((c) => c.status === 'scoring' && c.hasPublishedScheme)
        .flatMap((c) => c.submissions.filter((x) => x.departmentId === v.orgUnitId && x.status !== 'submitted').map((x) => ({ c, x })))
        .map(({ c, x }) =>
          x.reopenReason
            ? {
                key: `scoring.reopened:${c.id}:${x.departmentId}`,
                kind: 'scoring.reopened',
                title: `${whose(c)}${c.year}年度质量工作考核评分已重新开放，请修改后重新提交`,
                detail: `重新开放原因：${x.reopenReason}`,
                link: scoringLink(c, x.departmentId),
                dueAt: null,
              }
            : {
                key: `score.enter:${c.id}:${x.departmentId}`,
                kind: 'score.enter',
                title: `对${whose(c)}各${unitWord(c)}评分：${c.title}`,
                detail: `请对本单位负责的考核要点逐${unitWord(c)}评分，失分处填写扣分理由，完成后提交（提交后锁定）`,
                link: scoringLink(c, x.departmentId),
                dueAt: null,
              },
        ),
  },
  // ---------------------------------------------------------------- a member department
  {
    kind: 'declaration.fill',
    roles: ['department'],
    derive: (s, v) =>
      s.cycles
        .filter((c) => phaseAllows(c.status, 'declare'))
        .flatMap((c) => c.declarations.filter((d) => d.departmentId === v.orgUnitId && d.status === 'draft').map((d) => ({ c, d })))
        .map(({ c, d }) => {
          const due = declarationDue(c, d);
          const reopened = due !== c.deadline;
          // past the deadline and not reopened the form is locked: what waits on the department is asking the office
          // to reopen it (the office's own to-do says who has not declared), not 填报, which it cannot do
          const closed = !reopened && todayOf(s) > due;
          return {
            key: `declaration.fill:${d.id}`,
            kind: 'declaration.fill',
            title: reopened
              ? `${whose(c)}${c.year}年度考核指标申报已为本单位重新开放，请于${formatDeadline(due, s.now).at}前提交`
              : closed
                ? `${whose(c)}${c.year}年度考核指标申报已截止，本单位尚未提交`
                : `填报${whose(c)}${c.year}年度质量工作考核指标申报表和加分项申报表`,
            detail: joinLines(
              reopened ? (d.reopenReason ? `重新开放原因：${d.reopenReason}（已过原定截止日期，此时提交记为逾期补报）` : '已过原定截止日期，此时提交记为逾期补报') : null,
              closed ? '申报已截止，如需补报请联系质强办重新开放' : null,
              remindText(d, s.now),
            ),
            link: cycleLink(c, 'declarations'),
            dueAt: due,
          };
        }),
  },
  {
    kind: 'declaration.returned',
    roles: ['department'],
    derive: (s, v) =>
      s.cycles
        .filter((c) => phaseAllows(c.status, 'declare'))
        .flatMap((c) => c.declarations.filter((d) => d.departmentId === v.orgUnitId && d.status === 'returned').map((d) => ({ c, d })))
        .map(({ c, d }) => ({
          key: `declaration.returned:${d.id}`,
          kind: 'declaration.returned',
          title: `${whose(c)}${c.year}年度考核指标申报表被退回，请修改后重新提交`,
          detail: joinLines(`退回原因：${d.returnReason ?? '—'}`, remindText(d, s.now)),
          link: cycleLink(c, 'declarations'),
          dueAt: declarationDue(c, d),
        })),
  },
  // ---------------------------------------------------------------- an assessed city or county
  {
    kind: 'selfReport.write',
    roles: ['unit'],
    derive: (s, v) =>
      s.cycles
        .filter((c) => c.status === 'scoring' && c.hasPublishedScheme && c.unitIds.includes(v.orgUnitId))
        .map((c) => {
          const written = c.selfReports[v.orgUnitId] ?? 0;
          return {
            key: `selfReport.write:${c.id}`,
            kind: 'selfReport.write',
            // a county says whose assessment it is: its city's, not the province's of the same year
            title: `填报${assessedIn(c)}自评材料`,
            detail: written ? `已填写${written}项，可继续补充，评分结束前可修改` : '请逐项填写自评说明并上传佐证材料，评分结束前可修改',
            link: cycleLink(c, 'scoring'),
            dueAt: null,
          };
        }),
  },
  {
    // 提前公布的初步结果（评分未完成）: shown to each assessed unit while the cycle is still in scoring; in review,
    // outside the objection window (result.review covers the window), until the final publication
    kind: 'result.preliminary',
    roles: ['unit'],
    derive: (s, v) =>
      s.cycles
        .filter((c) => c.unitIds.includes(v.orgUnitId))
        .filter((c) => (c.status === 'scoring' && c.preliminaryPublishedAt !== null) || (c.status === 'review' && !inObjectionWindow(c, todayOf(s))))
        .map((c) => ({
          key: `result.preliminary:${c.id}`,
          kind: 'result.preliminary',
          title: `查看${assessedIn(c)}初步结果${c.status === 'scoring' ? '（评分未完成）' : ''}`,
          detail:
            c.status === 'scoring'
              ? `质强办已于${formatChinaMoment(c.preliminaryPublishedAt!, s.now)}公布已提交部门的评分；全部部门提交后公布完整的初步结果并开放异议`
              : objectionEndUnsettled(c, todayOf(s))
                ? '异议期结束日期待质强办确定；最终结果发布前可查看初步结果'
                : `异议期：${c.objectionStart ?? '—'}至${c.objectionEnd ?? '—'}；最终结果发布前可查看初步结果`,
          link: cycleLink(c, 'results'),
          dueAt: null,
        })),
  },
  {
    kind: 'result.review',
    roles: ['unit'],
    derive: (s, v) =>
      s.cycles
        .filter((c) => c.status === 'review' && c.unitIds.includes(v.orgUnitId) && inObjectionWindow(c, todayOf(s)))
        .map((c) => ({
          key: `result.review:${c.id}`,
          kind: 'result.review',
          title: `查看${assessedIn(c)}初步结果，如有异议请于${formatDeadline(c.objectionEnd!, s.now).at}前提出`,
          detail: `异议期：${c.objectionStart ?? '—'}至${c.objectionEnd}；对评分有异议的，请在异议期内逐项提出`,
          link: cycleLink(c, 'results'),
          dueAt: c.objectionEnd,
        })),
  },
  // ---------------------------------------------------------------- the security administrator
  {
    kind: 'user.review',
    roles: ['secadmin'],
    derive: (s) =>
      s.pendingAccounts.map((u) => ({
        key: `user.review:${u.id}`,
        kind: 'user.review',
        title: `账户${u.username}（${u.displayName}）待审核：${u.roleLabel}，${u.orgUnitName}`,
        detail: '系统管理员新建或申请重新启用的账户，确认角色与所属单位后方可登录。',
        link: `/admin/users?q=${encodeURIComponent(u.username)}`,
        dueAt: null,
      })),
  },
  // ---------------------------------------------------------------- a leader
  {
    kind: 'result.read',
    roles: ['leader'],
    derive: (s, v) => {
      const mine = s.cycles.filter((c) => c.status === 'published' && (c.officeParentId === v.orgUnitId || c.officeOrgId === v.orgUnitId));
      const latest = mine.sort((a, b) => b.year - a.year || b.id - a.id)[0];
      return latest
        ? [
            {
              key: `result.read:${latest.id}`,
              kind: 'result.read',
              title: `${latest.title}结果已发布，请查阅`,
              detail: latest.publishedAt ? `发布于${formatChinaMoment(latest.publishedAt, s.now)}` : null,
              link: cycleLink(latest, 'results'),
              dueAt: null,
            },
          ]
        : [];
    },
  },
  // ---------------------------------------------------------------- the creation evaluation (seed 004)
  {
    kind: 'evaluation.office',
    roles: ['office'],
    derive: (s, v) => {
      const mine = s.evaluations.filter((e) => e.organiserOrgId === v.orgUnitId);
      // one peer table ranks every application of its year and level: one to-do per table, naming them all (on the
      // first application's place in the list)
      // the peer table an accepted application waits on, while some peer still lacks a value (said once, for both uses)
      const unfilledTable = (e: EvaluationState) => (e.status === 'accepted' && e.peers && e.peers !== 'missing' && e.peers.unfilled > 0 ? e.peers : null);
      const rankedBy = new Map<number, EvaluationState[]>();
      for (const e of mine) {
        const t = unfilledTable(e);
        if (t) rankedBy.set(t.tableId, [...(rankedBy.get(t.tableId) ?? []), e]);
      }
      return mine.flatMap((e): DerivedTodo[] => {
          const base = { link: evaluationLink(e), dueAt: null };
          const who = `${e.applicantName}（${e.year}年度）`;
          switch (e.status) {
            case 'submitted': {
              const waiting = e.pendingConsultations.length;
              return [{ ...base, key: `evaluation.review:${e.id}`, kind: 'evaluation.office', title: `审查${who}的质量强市（县）创建评价申请`, detail: waiting ? `已征求意见，尚有${waiting}个成员单位未回复` : '逐项核实不予受理情形，受理或不予受理' }];
            }
            case 'accepted': {
              const out: DerivedTodo[] = [{ ...base, key: `evaluation.plan:${e.id}`, kind: 'evaluation.office', title: `制定并批准${who}的评价工作方案`, detail: e.plan?.status === 'draft' ? '方案草稿已保存，待批准' : '确定合理缺项、评价组专家及分工、日程' }];
              // the submitted 自评 waits on the organiser's look before the review begins (退回补正 is open until an expert
              // scores), until it returns it or marks it checked (审查无误)
              if (e.selfAssessment === 'submitted' && !e.selfChecked) {
                out.push({ ...base, key: `evaluation.selfReview:${e.id}`, kind: 'evaluation.office', title: `审查${who}提交的自评`, detail: '自评依据或资料不全的，可在评价专家开始评分前退回补正（写明理由）；无需退回的，标记审查无误', link: `${evaluationLink(e)}/self-assessment` });
              }
              // the rank criteria (5.2) wait on the organiser's peer table of the year
              const table = unfilledTable(e);
              if (e.peers === 'missing') {
                out.push({ key: `evaluation.peers:${e.id}`, kind: 'evaluation.office', title: `新建${e.year}年同级比较表（${e.applicantName}的排名类评分项）`, detail: '评价工作方案默认选用评价年度、与申请单位同级的比较表', link: '/evaluation/peer-tables', dueAt: null });
              } else if (table) {
                const ranked = rankedBy.get(table.tableId)!;
                if (ranked[0] === e) {
                  const names = ranked.map((x) => x.applicantName).join('、');
                  out.push({ key: `evaluation.peers:${e.id}`, kind: 'evaluation.office', title: `填写同级比较表：${table.title}`, detail: `尚有${table.unfilled}个同级单位未填数值（${names}的评价工作方案按此表排名）`, link: `/evaluation/peer-tables/${table.tableId}`, dueAt: null });
                }
              }
              return out;
            }
            case 'consolidated':
              return [{ ...base, key: `evaluation.report:${e.id}`, kind: 'evaluation.office', title: `向${who}反馈评价报告`, detail: null }];
            case 'acknowledged':
              return e.passed ? [{ ...base, key: `evaluation.publicise:${e.id}`, kind: 'evaluation.office', title: `${who}已通过评价，请公示`, detail: null }] : [];
            case 'publicised':
              return [{ ...base, key: `evaluation.name:${e.id}`, kind: 'evaluation.office', title: `${who}公示期满后命名`, detail: null }];
            default:
              return [];
          }
        });
    },
  },
  {
    kind: 'evaluation.consult',
    roles: ['department'],
    derive: (s, v) =>
      s.evaluations.flatMap((e) =>
        e.pendingConsultations
          .filter((c) => c.departmentId === v.orgUnitId)
          .map((c) => ({ key: `evaluation.consult:${c.id}`, kind: 'evaluation.consult', title: `回复${e.applicantName}创建评价的受理审查征求意见`, detail: '逐项说明是否存在不予受理情形', link: evaluationLink(e), dueAt: null })),
      ),
  },
  {
    kind: 'evaluation.applicant',
    roles: ['unit'],
    derive: (s, v) =>
      s.evaluations
        .filter((e) => e.applicantOrgId === v.orgUnitId)
        .flatMap((e): DerivedTodo[] => {
          if (e.status === 'draft' && e.returnReason) return [{ key: `evaluation.correct:${e.id}`, kind: 'evaluation.applicant', title: `补正${e.year}年度质量强市（县）创建评价申请`, detail: `退回理由：${e.returnReason}`, link: evaluationLink(e), dueAt: null }];
          if (e.status === 'reported') return [{ key: `evaluation.acknowledge:${e.id}`, kind: 'evaluation.applicant', title: `确认收到${e.year}年度创建评价报告`, detail: null, link: evaluationLink(e), dueAt: null }];
          // accepted: the experts read the 自评 with the materials, so it waits on the applicant until submitted
          if ((e.status === 'accepted' || e.status === 'reviewing') && e.selfAssessment !== undefined && e.selfAssessment !== 'submitted') {
            if (e.selfReturnReason) {
              return [{ key: `evaluation.selfCorrect:${e.id}`, kind: 'evaluation.applicant', title: `补正${e.year}年度创建评价自评`, detail: `退回理由：${e.selfReturnReason}`, link: `${evaluationLink(e)}/self-assessment`, dueAt: null }];
            }
            return [
              {
                key: `evaluation.self:${e.id}`,
                kind: 'evaluation.applicant',
                title: `填写并提交${e.year}年度创建评价自评`,
                detail: '对照评分表逐项自评并说明依据，提交后评价专家在资料评审中查阅',
                link: `${evaluationLink(e)}/self-assessment`,
                dueAt: e.plan?.status === 'approved' ? (e.plan.documentReviewStart ?? null) : null,
              },
            ];
          }
          return [];
        }),
  },
  {
    kind: 'rectification.answer',
    roles: ['unit'],
    derive: (s, v) =>
      s.rectifications
        .filter((r) => r.ownerOrgId === v.orgUnitId)
        .map((r) => ({ key: `rectification.answer:${r.id}`, kind: 'rectification.answer', title: `答复整改情况：${r.title}`, detail: null, link: `/evaluation/applications/${r.applicationId}`, dueAt: r.dueOn })),
  },
  // ---------------------------------------------------------------- plan-indicator reporting (issue 12)
  {
    kind: 'indicators.report',
    roles: ['department', 'unit'],
    derive: (s) =>
      (s.indicatorReporting?.toReport ?? [])
        .filter((p) => p.missing > 0)
        .map((p) => ({
          key: `indicators.report:${p.periodId}`,
          kind: 'indicators.report',
          title: `填报${p.label}规划指标数据（${p.missing}项未提交）`,
          detail: p.late ? `填报期已截止，逾期补报将标记为逾期；${p.planTitle}` : p.planTitle,
          link: `/indicators-reporting/entry?period=${p.periodId}`,
          dueAt: p.dueOn,
        })),
  },
  {
    kind: 'indicators.returned',
    roles: ['department', 'unit'],
    derive: (s) =>
      (s.indicatorReporting?.returned ?? []).map((r) => ({
        key: `indicators.returned:${r.valueId}`,
        kind: 'indicators.returned',
        // behind the lock the reporter cannot change it: the to-do says who must act (质强办, 重新开放) instead of "修改"
        title: r.lockedOn ? `退回的规划指标数据需质强办重新开放：${r.indicatorName}（${r.unitName}，${r.label}）` : `修改退回的规划指标数据：${r.indicatorName}（${r.unitName}，${r.label}）`,
        detail: joinLines(r.lockedOn ? `${lockedReturnNotice(r.label, r.lockedOn)}，请联系质强办` : null, r.comment ? `退回意见：${r.comment}` : null),
        // the entry page opens on that value (highlighted, its form open), not at the top of the period's list
        link: `/indicators-reporting/entry?period=${r.periodId}&value=${r.valueId}`,
        dueAt: null,
      })),
  },
  {
    kind: 'indicators.reopen',
    roles: ['office'],
    derive: (s) =>
      (s.indicatorReporting?.toReopen ?? []).map((r) => ({
        key: `indicators.reopen:${r.valueId}`,
        kind: 'indicators.reopen',
        title: `重新开放退回的规划指标数据：${r.indicatorName}（${r.unitName}，${r.label}）`,
        detail: joinLines(lockedReturnNotice(r.label, r.lockedOn), r.comment ? `退回意见：${r.comment}` : null),
        // the period's page opens on that value (on its page of the list, marked, its 重新开放 asked)
        link: `/indicators-reporting/periods?period=${r.periodId}&value=${r.valueId}`,
        dueAt: null,
      })),
  },
  {
    kind: 'indicators.review',
    roles: ['department', 'office'],
    derive: (s) =>
      (s.indicatorReporting?.toReview ?? []).map((p) => ({ key: `indicators.review:${p.periodId}`, kind: 'indicators.review', title: `审核${p.label}规划指标数据（${p.count}项待审核）`, detail: null, link: '/indicators-reporting/review', dueAt: null })),
  },
  {
    kind: 'indicators.accept',
    roles: ['office'],
    derive: (s) =>
      (s.indicatorReporting?.toAccept ?? []).map((p) => ({ key: `indicators.accept:${p.periodId}`, kind: 'indicators.accept', title: `确认${p.label}规划指标数据（${p.count}项已审核待确认）`, detail: null, link: '/indicators-reporting/review', dueAt: null })),
  },
  {
    kind: 'evaluation.expert',
    roles: ['expert'],
    derive: (s, v) =>
      s.evaluations.flatMap((e): DerivedTodo[] => {
        // scoring and the confirmation run on the plan in force; a seat only on a drafted revision declares 回避 from it
        const me = e.plan?.members.find((m) => m.userId === v.id);
        const seat = me ?? e.revision?.members.find((m) => m.userId === v.id);
        if (!e.plan || !seat) return [];
        const link = evaluationLink(e);
        if (seat.recusal === 'pending') return recusalOpen(e.status) ? [{ key: `evaluation.recusal:${seat.id}`, kind: 'evaluation.expert', title: `作出回避声明：${e.applicantName}创建评价`, detail: '声明无利害关系后才能查看材料和评分', link, dueAt: null }] : [];
        if (!me || me.recusal !== 'cleared' || e.status !== 'reviewing' || e.plan.status !== 'approved') return [];
        const out: DerivedTodo[] = [];
        if (me.assigned && me.sheet !== 'submitted') {
          // straight to the expert's own sheet (the application's page was one click short of the work); a sheet
          // reopened on site is a new piece of work, due by the end of the on-site review
          out.push(
            me.stage === 'site'
              ? { key: `evaluation.siteScore:${me.id}`, kind: 'evaluation.expert', title: `评分：${e.applicantName}创建评价（现场评审）`, detail: '修改评分须写明理由，改完后重新提交', link: `${link}/sheet`, dueAt: e.plan.siteReviewEnd }
              : {
                  key: `evaluation.score:${me.id}`,
                  kind: 'evaluation.expert',
                  title: `评分：${e.applicantName}创建评价（资料评审）`,
                  // before the 自评 is submitted, or the window opens, the sheet can be read, not saved: say what it waits on
                  detail:
                    e.selfAssessment !== undefined && e.selfAssessment !== 'submitted'
                      ? '申请单位尚未提交自评，提交后方可评分'
                      : e.plan.documentReviewStart && todayOf(s) < e.plan.documentReviewStart
                        ? `资料评审自${e.plan.documentReviewStart}开始，届时方可评分；现在可先查阅申请材料和自评`
                        : null,
                  link: `${link}/sheet`,
                  dueAt: e.plan.documentReviewEnd,
                },
          );
        }
        // the confirmation's own rule: every expert with items on the plan declared no conflict and submitted
        const panel = e.plan.members.filter((m) => m.assigned);
        if (me.leader && panel.length && panel.every((m) => m.recusal === 'cleared' && m.sheet === 'submitted')) {
          const waits = consolidationWaitsForSite({ siteReviewStart: e.plan.siteReviewStart }, todayOf(s));
          const detail = !waits
            ? '分歧较大的项目须由组长讨论确定得分'
            : e.plan.siteReviewStart
              ? `现场评审自${e.plan.siteReviewStart}开始，届时方可确认综合评价`
              : '评价工作方案未安排现场评审日期，评价组织单位修订方案、填写现场评审日期后方可确认综合评价';
          out.push({ key: `evaluation.consolidate:${e.id}`, kind: 'evaluation.expert', title: `确认${e.applicantName}的综合评价（专家已全部提交）`, detail, link, dueAt: null });
        }
        return out;
      }),
  },
  {
    // 激励政策 near its expiry (within POLICY_EXPIRY_WARNING_DAYS) or past it and still current: the office that keeps it
    // reviews it (the state holds the viewer's own only, narrowed by policyWriteRefusal on the server)
    kind: 'policy.expiry',
    roles: ['office'],
    derive: (s) =>
      (s.policies ?? []).flatMap((p): DerivedTodo[] => {
        const e = policyExpiry(p, todayOf(s));
        if (e.state !== 'near' && e.state !== 'expired') return [];
        const name = `${p.title}（${p.docNo}）`;
        return [
          {
            key: `policy.expiry:${p.id}`,
            kind: 'policy.expiry',
            title: e.state === 'expired' ? `激励政策已过期仍为现行：${name}` : `激励政策即将失效：${name}`,
            detail: expiryText(p.expiresOn, e, { expired: '请确认废止、延续或登记替代的新政策', near: '请确认是否延续或登记替代的新政策' }),
            link: '/honours/policies',
            dueAt: p.expiresOn,
          },
        ];
      }),
  },
  // ---------------------------------------------------------------- work plan supervision (issue 13)
  {
    kind: 'workplan.sign',
    roles: ['department', 'unit', 'office'],
    derive: (s, v) =>
      (s.workplan ?? [])
        .filter((t) => t.unsigned.includes(v.orgUnitId))
        .map((t) => ({ key: `workplan.sign:${t.id}`, kind: 'workplan.sign', title: `签收督办任务：第${t.number}项“${t.title}”`, detail: null, link: workTaskLink(t.id), dueAt: null })),
  },
  {
    kind: 'workplan.report',
    roles: ['department', 'unit', 'office'],
    derive: (s, v) =>
      (s.workplan ?? []).flatMap((t) =>
        t.dueReports
          .filter((r) => r.orgId === v.orgUnitId)
          .map((r) => ({
            key: `workplan.report:${t.id}:${r.period}`,
            kind: 'workplan.report',
            title: `${r.status === 'returned' ? '修改后重新报送' : '报送'}第${t.number}项“${t.title}”${r.periodLabel}进展${t.consolidatorOrgId === v.orgUnitId ? '（汇总报告）' : ''}`,
            // what the report owes, by the rule of the task page's form (lateReasonAsk on the period), as a 整改事项's
            detail: joinLines(r.returnReason ? `退回理由：${r.returnReason}` : null, lateReportOwed({ ask: lateReasonAsk({ dueOn: r.dueOn, today: todayOf(s), notices: r.notice ? [r.notice] : [] }), notice: r.notice ?? null, periodLabel: r.periodLabel, issuer: ORDER_ISSUERS.task })),
            // the task page opens its report form on this period
            link: `${workTaskLink(t.id)}?period=${encodeURIComponent(r.period)}`,
            dueAt: r.dueOn,
          })),
      ),
  },
  {
    kind: 'workplan.escalate',
    roles: ['office'],
    // the task page shows the ladder's step by days late (列入通报（尚未催办）); the to-do names the next act, and says
    // where a unit has gone past the 督办单's step without one
    derive: (s, v) =>
      (s.workplan ?? [])
        .filter((t) => t.issuerOrgId === v.orgUnitId)
        .flatMap((t): DerivedTodo[] => {
          const orders = t.dueReports.filter((r) => (r.stage === 'order' || r.stage === 'notice') && r.notice !== 'order');
          const reminders = t.dueReports.filter((r) => r.stage === 'reminder' && r.notice === null);
          const out: DerivedTodo[] = [];
          if (orders.length) out.push({ key: `workplan.order:${t.id}`, kind: 'workplan.escalate', title: `下发督办单：第${t.number}项“${t.title}”`, detail: lateDetail(orders), link: workTaskLink(t.id), dueAt: null });
          if (reminders.length) out.push({ key: `workplan.remind:${t.id}`, kind: 'workplan.escalate', title: `催办：第${t.number}项“${t.title}”`, detail: `逾期未报送：${names([...new Set(reminders.map((r) => r.orgName))])}`, link: workTaskLink(t.id), dueAt: null });
          return out;
        }),
  },
  {
    kind: 'workplan.review',
    roles: ['office'],
    derive: (s, v) =>
      (s.workplan ?? [])
        .filter((t) => t.issuerOrgId === v.orgUnitId)
        .flatMap((t): DerivedTodo[] => [
          // nobody is asked to decide their own request (the office's staff member who asked it)
          ...t.pendingExtensions
            .filter((e) => e.askedBy !== v.id)
            .map((e) => ({
              key: `workplan.extension:${e.id}`,
              kind: 'workplan.review',
              title: `审批延期申请：第${t.number}项“${t.title}”`,
              detail: extensionTodoDetail(e.orgName, { ...e, daysLate: t.overdue?.daysLate ?? 0 }),
              link: workTaskLink(t.id),
              dueAt: null,
            })),
          ...(t.pendingClosure && t.pendingClosure.askedBy !== v.id ? [{ key: `workplan.closure:${t.pendingClosure.id}`, kind: 'workplan.review', title: `审核办结申请：第${t.number}项“${t.title}”`, detail: `${t.pendingClosure.orgName}申请办结，请销号或退回`, link: workTaskLink(t.id), dueAt: null }] : []),
        ]),
  },
  {
    // a closure request sent back: the lead goes on with the task (as a 整改事项's rectification.returned)
    kind: 'workplan.closure-returned',
    roles: ['department', 'unit', 'office'],
    derive: (s, v) =>
      (s.workplan ?? [])
        .filter((t) => t.returnedClosure && t.consolidatorOrgId === v.orgUnitId)
        .map((t) => ({ key: `workplan.closure-returned:${t.returnedClosure!.id}`, kind: 'workplan.closure-returned', title: `办结申请被退回，请继续办理：第${t.number}项“${t.title}”`, detail: `退回理由：${t.returnedClosure!.reason}`, link: workTaskLink(t.id), dueAt: null })),
  },
  {
    // a task past its deadline in force without 销号: its lead (the consolidating unit) and the office that issued the
    // plan, until it is closed, asks to close or is extended (the lead may still ask, late: extensionRefusal)
    kind: 'workplan.overdue',
    roles: ['department', 'unit', 'office'],
    derive: (s, v) =>
      (s.workplan ?? [])
        .filter((t) => t.overdue && (t.consolidatorOrgId === v.orgUnitId || t.issuerOrgId === v.orgUnitId))
        .map((t) => {
          const o = t.overdue!;
          const asked = t.pendingExtensions.length ? '延期申请待质强办审批' : null;
          const detail =
            t.consolidatorOrgId !== v.orgUnitId
              ? joinLines(`${t.consolidatorName}牵头，办理期限${o.deadline}，尚未申请办结，请督促办理`, asked)
              : joinLines(`办理期限${o.deadline}已过，尚未销号：请尽快办结并申请办结；确需延期的，写明逾期原因申请延期`, asked);
          return { key: `workplan.overdue:${t.id}`, kind: 'workplan.overdue', title: `任务已逾期${o.daysLate}天：第${t.number}项“${t.title}”`, detail, link: workTaskLink(t.id), dueAt: o.deadline };
        }),
  },
  // ---------------------------------------------------------------- 整改事项 supervision (issue 13)
  {
    kind: 'rectification.report',
    roles: ['unit', 'department'],
    derive: (s, v) =>
      (s.rectificationItems ?? [])
        .filter((r) => r.ownerOrgId === v.orgUnitId && r.dueReport && !r.answerPending && !r.returnedReport)
        .map((r) => ({
          key: `rectification.report:${r.id}`,
          kind: 'rectification.report',
          title: `报送整改进展：${r.title}（${r.dueReport!.periodLabel}）`,
          // what the report owes, by the rule of the item page's form (lateReasonAsk on the month it answers)
          detail: lateReportOwed({ ...r.dueReport!, ask: lateReasonAsk({ dueOn: r.dueReport!.dueOn, today: todayOf(s), notices: r.dueReport!.notice ? [r.dueReport!.notice] : [] }), issuer: ORDER_ISSUERS.rectification }),
          link: rectificationLink(r.id),
          dueAt: r.dueReport!.dueOn,
        })),
  },
  {
    kind: 'rectification.returned',
    roles: ['unit', 'department'],
    derive: (s, v) =>
      (s.rectificationItems ?? [])
        .filter((r) => r.ownerOrgId === v.orgUnitId && r.returnedReason !== null)
        .map((r) => ({ key: `rectification.returned:${r.id}`, kind: 'rectification.returned', title: `销号申请被退回，请继续整改：${r.title}`, detail: `退回理由：${r.returnedReason}`, link: rectificationLink(r.id), dueAt: null })),
  },
  {
    kind: 'rectification.report-returned',
    roles: ['unit', 'department'],
    derive: (s, v) =>
      (s.rectificationItems ?? [])
        .filter((r) => r.ownerOrgId === v.orgUnitId && r.returnedReport !== null)
        .map((r) => ({ key: `rectification.report-returned:${r.returnedReport!.id}`, kind: 'rectification.report-returned', title: `整改进展被退回，请修改后重新报送：${r.title}`, detail: `退回理由：${r.returnedReport!.reason}`, link: rectificationLink(r.id), dueAt: null })),
  },
  {
    kind: 'rectification.escalate',
    roles: ['office', 'department'],
    derive: (s, v) =>
      (s.rectificationItems ?? [])
        .filter((r) => r.raisedByOrgId === v.orgUnitId && r.dueReport)
        .flatMap((r): DerivedTodo[] => {
          const d = r.dueReport!;
          if ((d.stage === 'order' || d.stage === 'notice') && d.notice !== 'order')
            return [{ key: `rectification.order:${r.id}`, kind: 'rectification.escalate', title: `下发督办单：${r.title}`, detail: `${r.ownerName}${d.periodLabel}整改进展宽限期满仍未报送（应于${d.dueOn}前${d.notice === null ? '，尚未催办' : '，已催办'}）`, link: rectificationLink(r.id), dueAt: null }];
          if (d.stage === 'reminder' && d.notice === null)
            return [{ key: `rectification.remind:${r.id}`, kind: 'rectification.escalate', title: `催办：${r.title}`, detail: `${r.ownerName}${d.periodLabel}整改进展逾期未报送（应于${d.dueOn}前）`, link: rectificationLink(r.id), dueAt: null }];
          return [];
        }),
  },
  {
    kind: 'rectification.review',
    roles: ['office', 'department'],
    derive: (s, v) =>
      (s.rectificationItems ?? [])
        .filter((r) => r.raisedByOrgId === v.orgUnitId)
        .flatMap((r): DerivedTodo[] => [
          ...(r.pendingExtension ? [{ key: `rectification.extension:${r.pendingExtension.id}`, kind: 'rectification.review', title: `审批整改延期申请：${r.title}`, detail: extensionTodoDetail(r.ownerName, r.pendingExtension), link: rectificationLink(r.id), dueAt: null }] : []),
          ...(r.pendingClosure ? [{ key: `rectification.closure:${r.pendingClosure.id}`, kind: 'rectification.review', title: `审核整改销号申请：${r.title}`, detail: `${r.ownerName}申请销号，请销号或退回`, link: rectificationLink(r.id), dueAt: null }] : []),
        ]),
  },
  // ---------------------------------------------------------------- plan indicators (issue 12)
  {
    kind: 'indicators.lagging',
    roles: ['office', 'department'],
    derive: (s, v) =>
      (s.laggingIndicators ?? [])
        // once a 整改事项 is raised for the figure, its own to-dos (reports due, 催办, requests) follow it up
        .filter((l) => l.rectificationId === null)
        .filter((l) => (v.role === 'office' ? l.ownerOrgId === v.orgUnitId : l.departmentIds.includes(v.orgUnitId)))
        .map((l) => ({
          key: `indicators.lagging:${l.indicatorId}:${l.year}`,
          kind: 'indicators.lagging',
          title: `约束性指标滞后：${l.name}（${l.year}年${l.value}${l.unit}）`,
          detail: `${l.planTitle}第${l.code}项：${l.reason}。${v.role === 'office' ? '请督促责任单位分析原因、采取措施' : '请分析原因、采取措施，并在下次填报时说明'}`,
          link: `/indicators/${l.indicatorId}`,
          dueAt: null,
        })),
  },
  // ---------------------------------------------------------------- quality analysis report (DB43 4.8)
  {
    kind: 'analysis.issue',
    roles: ['office'],
    derive: (s, v) =>
      (s.analysisDue ?? [])
        .filter((a) => a.officeOrgId === v.orgUnitId)
        .map((a) => ({
          key: `analysis.issue:${a.period}`,
          kind: 'analysis.issue',
          title: `印发${a.periodLabel}质量分析报告`,
          detail: a.reportId ? '草稿已建立，请完善各章节文字后印发' : '尚未编写，请新建报告（数据由平台生成）并印发',
          link: a.reportId ? `/analysis/${a.reportId}` : `/analysis?period=${a.period}`,
          dueAt: a.dueOn,
        })),
  },
];

/** The kinds this table derives (stored to-do rows of these kinds are not shown: the state is the truth). */
export const DERIVED_KINDS: ReadonlySet<string> = new Set([...TODO_RULES.map((r) => r.kind), 'scoring.allSubmitted', 'scoring.reopened']);

/** The to-dos of one viewer: every rule for the viewer's role, soonest deadline first, those without last. */
export function deriveTodos(s: TodoState, v: TodoViewer): DerivedTodo[] {
  const all = TODO_RULES.filter((r) => r.roles.includes(v.role)).flatMap((r) => r.derive(s, v));
  const dueKey = (t: DerivedTodo) => (t.dueAt === null ? '9999' : t.dueAt.length === 10 ? `${t.dueAt}T24` : t.dueAt);
  return all.sort((a, b) => (dueKey(a) < dueKey(b) ? -1 : dueKey(a) > dueKey(b) ? 1 : 0));
}
