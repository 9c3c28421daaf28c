/**
 * The one place that decides who sees and does what in a creation evaluation (the route permissions in
 * src/shared/permissions.ts say what a role may do at all; this says on which round and application):
 * - the organiser (the office that runs the round) sees everything of its rounds;
 * - a leader reads the rounds of its own region and below, read-only (leadsOrganiser): the provincial leader every
 *   round, the province's and those a city office runs for its counties; a city's leader its own city office's;
 * - a city or county sees the open rounds of an organiser above it (the provincial office: cities and counties;
 *   a city office: its counties), and only its own application;
 * - a member department sees the applications it was consulted on, for the eligibility review;
 * - an expert sees the applications of plans they are on; the materials and scores only after declaring no
 *   conflict (回避声明); another expert's scores only after submitting their own;
 * - the applicant never sees one expert's scores against their name: only the consolidated result, and that once
 *   the organiser has fed it back (反馈评价报告: applicantResultRefusal);
 * - once the applicant is named the evaluation is over for the panel (panelReadRefusal): an expert keeps its own
 *   sheet, no longer the applicant's materials, the other experts' scores or the report.
 * Pure predicates over loaded objects; the commands call them and abilities() is built from the same ones.
 */
import { can } from '../../../shared/permissions';
import { APPLICATION_EDITABLE, APPLICATION_WORKFLOW, CONSULTATION_WORKFLOW, ROUND_WORKFLOW, SELF_RETURNED_NOTICE, type RoundEvent, type SheetStatus } from '../../../shared/workflow/evaluation';
import { eventsFrom, findTransition } from '../../../shared/workflow/workflow';
import { conflict, forbidden, notFound, type AppError } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import type { ApplicationRow, ConsultationRow, Org, RoundRow } from './evaluation.queries';
import { bareClause } from '../../../shared/text';

export type RoundRelation = 'organiser' | 'leader' | 'applicant' | 'department' | 'expert';

export interface RoundAccess {
  round: RoundRow;
  user: SessionUser;
  as: RoundRelation;
  /** the organiser office and the region it serves (its parent: the province or a city) */
  organiser: Org;
  /** the organiser office and its ancestors, nearest first (the office, its city if any, the province) */
  organiserLineage: Org[];
  /** the caller's unit and its ancestors, nearest first */
  lineage: Org[];
}

/** Who the caller is to a round, or null (then the round does not exist for them). */
export function relationTo(user: SessionUser, round: RoundRow, organiserLineage: Org[], lineage: Org[]): RoundRelation | null {
  const mine = lineage[0];
  const organiser = organiserLineage[0];
  if (!organiser) return null;
  if (!mine) return null;
  switch (user.role) {
    case 'office':
      return round.organiser_org_id === mine.id ? 'organiser' : null;
    case 'leader':
      return leadsOrganiser(mine, organiserLineage) ? 'leader' : null;
    case 'unit':
      return mayApplyTo(organiser, lineage) ? 'applicant' : null;
    case 'department':
      // a department takes part only where consulted; which applications, the queries decide
      return 'department';
    case 'expert':
      // an expert, only in the applications of plans they are on (the queries decide)
      return 'expert';
    default:
      return null;
  }
}

/**
 * A leader reads the evaluations run in its own region and below: its unit is the organiser office itself or a region
 * above it (a city office's round: that city's leader and the provincial leader; the provincial office's: the
 * provincial leader). A city's leader does not read the province's rounds, nor another city's.
 */
export const leadsOrganiser = (mine: Pick<Org, 'id'>, organiserLineage: readonly Pick<Org, 'id'>[]): boolean => organiserLineage.some((o) => o.id === mine.id);

/**
 * The organiser's region is an ancestor of the applicant: the provincial office takes cities and counties, a city
 * office its own counties. Only cities and counties apply.
 */
export function mayApplyTo(organiser: Org, lineage: Org[]): boolean {
  const [mine, ...above] = lineage;
  if (!mine || (mine.kind !== 'city' && mine.kind !== 'county')) return false;
  return organiser.parent_id !== null && above.some((o) => o.id === organiser.parent_id);
}

export const mayManageRound = (a: RoundAccess) => a.as === 'organiser' && can(a.user.role, 'evaluation.manage');

/** The applicant's own application. */
export const isOwnApplication = (a: RoundAccess, app: ApplicationRow) => a.as === 'applicant' && app.applicant_org_id === a.user.orgUnitId;

/**
 * May read an application: the organiser, a leader, the applicant itself; a department only where consulted
 * (`involved`); an expert only where on the plan (`involved`).
 */
export function mayReadApplication(a: RoundAccess, app: ApplicationRow, involved: boolean): boolean {
  if (a.as === 'organiser' || a.as === 'leader') return true;
  if (a.as === 'applicant') return isOwnApplication(a, app);
  return (a.as === 'department' || a.as === 'expert') && involved;
}

/**
 * The evaluation is over for its panel once the applicant is named (已命名, the last step). An expert then keeps
 * reading its own score sheet — what it signed, read-only (the review's scoreRefusal refuses changes outside 评审中)
 * — but the applicant's materials (自评, the registers' evidence beside the items, on-site findings), the other
 * experts' scores (综合评价) and the evaluation report end with the evaluation: the panel's task is done, the
 * material is the applicant's, and the organiser keeps the record. Null for everyone else and before naming.
 */
export const isOverForPanel = (app: Pick<ApplicationRow, 'status'>): boolean => app.status === 'named';

export function panelReadRefusal(a: RoundAccess, app: Pick<ApplicationRow, 'status'>): AppError | null {
  if (a.as !== 'expert' || !isOverForPanel(app)) return null;
  return forbidden('评价已结束（已命名）：评价组专家只能查看本人的评分表，申请材料、其他专家的评分和评价报告不再开放');
}

/** The organiser decided not to accept the application (不予受理): its 通知书 is the 不予受理通知书. */
export const isRefused = (app: Pick<ApplicationRow, 'status'>): boolean => app.status === 'refused';

/**
 * Why the user may not download the 受理 / 不予受理通知书; null when they may: the organiser, a leader and the
 * applicant itself, once the organiser decided. The download route and the application's `decisionDoc` link ask this.
 */
export function decisionDocRefusal(a: RoundAccess, app: ApplicationRow): AppError | null {
  if (!(a.as === 'organiser' || a.as === 'leader' || isOwnApplication(a, app))) return forbidden('受理通知书只有评价组织单位、领导和申请单位可以下载');
  if (app.status === 'draft' || app.status === 'submitted' || !app.decided_at) return conflict('尚未作出受理决定，受理或不予受理后才能下载通知书');
  return null;
}

/**
 * Why the applicant may not read its result yet (the 综合评价's total, verdict and item scores, the 评价报告); null when
 * it may, and for everyone else (the organiser, leaders and the panel read the confirmed result at once). Seed 004:
 * 「评价后，由评价组织单位将评价结果反馈给被评价单位」 — the result reaches the applicant when the organiser feeds it
 * back (反馈评价报告), not when the team leader confirms it. The application's result and links, the 综合评价 and the
 * report's download ask this.
 */
export function applicantResultRefusal(a: Pick<RoundAccess, 'as'>, app: Pick<ApplicationRow, 'reported_at'>): AppError | null {
  if (a.as !== 'applicant' || app.reported_at) return null;
  return forbidden('评价组织单位反馈评价报告后，申请单位可查看评价结果');
}

/**
 * Why the user may not download the 评价报告; null when they may: the organiser, a leader, the applicant itself, and
 * an expert of the approved panel who declared no conflict (`cleared`) while the evaluation is open for the panel —
 * once the 综合评价 is confirmed; the applicant once it is fed back (applicantResultRefusal). The download route and
 * the application's `reportDoc` link ask this.
 */
export function reportDocRefusal(a: RoundAccess, app: ApplicationRow, cleared: boolean): AppError | null {
  if (a.as === 'expert') {
    const closed = panelReadRefusal(a, app);
    if (closed) return closed;
    if (!cleared) return forbidden('只有已批准评价工作方案中的评价组专家可以下载评价报告');
  } else if (!(a.as === 'organiser' || a.as === 'leader' || isOwnApplication(a, app))) {
    return forbidden('评价报告只有评价组织单位、领导、申请单位和评价组专家可以下载');
  }
  if (!app.consolidation_json) return conflict('评价组组长确认综合评价后，才能生成评价报告');
  return applicantResultRefusal(a, app);
}

/**
 * Who reads what the applicant is evaluated on — its 自评 and the on-site review's findings (their routes; the
 * application's `selfAssessment` and `findings` links say the same): the applicant, the organiser, a leader, and an
 * expert of the panel who declared no conflict (`cleared`), while the evaluation is open for the panel
 * (panelReadRefusal). Not an expert who declared a conflict, though still on the plan in force until a new one is
 * approved; not a consulted department, which was asked about the four conditions before acceptance and reads its
 * own consultation.
 */
export function reviewMaterialRefusal(a: RoundAccess, app: ApplicationRow, cleared: boolean, what: '自评' | '现场评审发现的问题'): AppError | null {
  if (a.as === 'organiser' || a.as === 'leader' || isOwnApplication(a, app)) return null;
  const over = panelReadRefusal(a, app);
  if (over) return over;
  if (a.as === 'expert' && cleared) return null;
  return forbidden(`${what}只有申请单位、评价组织单位、领导和已声明无利害关系的评价组专家可以查看`);
}

/**
 * A 自评 not submitted (not begun, being filled in, or returned for 补正) is the applicant's working copy: only the
 * applicant reads it and its materials; the organiser, leaders and the cleared experts read it once submitted (资料评审
 * reviews what the applicant submitted, not its drafts). After reviewMaterialRefusal, for the 自评 only.
 */
export function selfDraftRefusal(a: RoundAccess, app: ApplicationRow, self: { status: SheetStatus; return_reason?: string | null } | undefined): AppError | null {
  if (isOwnApplication(a, app) || self?.status === 'submitted') return null;
  // one returned for 补正 was submitted once: the office that returned it is told so, not that it never was
  if (self?.return_reason) return forbidden(SELF_RETURNED_NOTICE);
  return forbidden('自评尚未提交：提交前只有申请单位可以查看');
}

/**
 * A 回避声明's relations to the applicant and statement are between the expert and the office: the organiser, a leader
 * and the expert who made it (`own`) read them; another expert of the panel sees only the outcome (cleared, or a
 * conflict and so to be replaced), not what a colleague disclosed.
 */
export const mayReadRecusal = (a: RoundAccess, own: boolean): boolean => a.as === 'organiser' || a.as === 'leader' || own;

/**
 * Why the 自评 (its scores, notes and materials) cannot be changed now, or null: the applicant works on it from its
 * draft application (also one returned for 补正) until the experts' review is over, and not once it submitted it.
 */
export function selfLock(app: Pick<ApplicationRow, 'status'>, self: { status: SheetStatus } | undefined): 'over' | 'submitted' | null {
  if (!['draft', 'submitted', 'accepted', 'reviewing'].includes(app.status)) return 'over';
  return self?.status === 'submitted' ? 'submitted' : null;
}

/**
 * Why the user may not change (修改) or submit (提交) the 自评 now; null when they may: the applicant's own, while
 * selfLock lets it (not once submitted, nor once the application is refused or its review over). The page's
 * `editable` (its inputs and 提交自评) asks the same.
 */
export function selfEditRefusal(a: RoundAccess, app: ApplicationRow, self: { status: SheetStatus } | undefined, act: '修改' | '提交'): AppError | null {
  if (!isOwnApplication(a, app)) return forbidden(act === '提交' ? '只有申请单位可以提交自评' : '只有申请单位可以自评');
  const lock = selfLock(app, self);
  if (lock === 'over') return conflict(`本申请${app.status === 'refused' ? '不予受理' : '的评审已结束'}，自评不能再${act}`);
  if (lock === 'submitted') return conflict(act === '提交' ? '自评已提交，无需再次提交' : '自评已提交，不能再修改');
  return null;
}

/** the application's states after the team leader confirmed the 综合评价 (确认即结束现场评审) */
const REVIEW_CONCLUDED: readonly ApplicationRow['status'][] = ['consolidated', 'reported', 'acknowledged', 'publicised', 'named'];

/**
 * Why the panel's work on the sheets (评分, 重新打开, 记录现场问题) is not open on the application now, or null while it
 * is under review: once the 综合评价 is confirmed the on-site review is over, and what was scored and found then stands
 * (the 评价报告 is drawn from it), rather than the bare 「不在评审阶段」, which says neither.
 */
export function reviewClosedRefusal(app: Pick<ApplicationRow, 'status'>, act: string): AppError | null {
  if (app.status === 'reviewing') return null;
  if (REVIEW_CONCLUDED.includes(app.status)) return conflict(`本申请的综合评价已确认，现场评审随之结束，不能再${act}；评分和现场评审发现的问题以确认时为准，写入评价报告`);
  return conflict(`本申请不在评审阶段，不能${act}`);
}

/**
 * Why the user may not record a problem found on site (现场评审发现的问题) now; null when they may: the organiser or
 * an expert of the approved panel who declared no conflict (`onPanel`), while the application is under review. The
 * command and the expert sheet's abilities ask this.
 */
export function findingRefusal(a: RoundAccess, app: Pick<ApplicationRow, 'status'>, onPanel: boolean): AppError | null {
  if (!(a.as === 'organiser' || (a.as === 'expert' && onPanel))) return forbidden('只有评价组织单位和评价组专家可以记录现场评审发现的问题');
  return reviewClosedRefusal(app, '记录现场评审发现的问题');
}

/**
 * 退回补正 of a submitted 自评 (the workflow table allows it from 已提交 only): the organiser, while the review is on and
 * before any expert has scored (`scored`). 资料评审 scores the 自评 as submitted: a correction under scores already
 * given would leave them on a text no longer there, so from then on what needs checking is checked on site.
 */
export function selfReturnRefusal(a: RoundAccess, app: Pick<ApplicationRow, 'status'>, scored: boolean): AppError | null {
  if (!mayManageRound(a)) return forbidden('只有评价组织单位可以退回自评补正');
  if (app.status !== 'accepted' && app.status !== 'reviewing') return conflict('评审已结束，自评不能再退回补正');
  if (scored) return conflict('评价专家已开始资料评审评分，自评不能再退回补正；需要核实的情况请在现场评审中核实并记入问题清单');
  return null;
}

/**
 * 审查无误 of a submitted 自评: the organiser records that it looked and found nothing to return, which ends its to-do
 * (审查…提交的自评). While the review is on; once per submission (`checkedBy`, the name of whoever checked it, or null).
 * A later 退回补正 is still possible (selfReturnRefusal) and clears the mark.
 */
export function selfCheckRefusal(a: RoundAccess, app: Pick<ApplicationRow, 'status'>, self: { status: SheetStatus } | undefined, checkedBy: string | null): AppError | null {
  if (!mayManageRound(a)) return forbidden('只有评价组织单位可以审查自评');
  if (app.status !== 'accepted' && app.status !== 'reviewing') return conflict('评审已结束，无需再审查自评');
  if (self?.status !== 'submitted') return conflict('自评尚未提交，无需审查');
  if (checkedBy !== null) return conflict(`自评已由${checkedBy}审查，无需再次审查`);
  return null;
}

/** The signed-in user is of the applicant's unit and may apply (writes its 自评); the round aside. */
export const isApplicantUser = (me: SessionUser, app: Pick<ApplicationRow, 'applicant_org_id'>) => me.orgUnitId === app.applicant_org_id && can(me.role, 'evaluation.apply');

/**
 * Why the caller may not apply to the round (申请创建评价), or null: a city or county the round's organiser takes, while
 * the round takes applications, once (`existing`: its unit's application to the round, if any — it edits that one).
 * createApplication asks it (the round read under its lock), and the round list's abilities.apply is it.
 */
export function applyRefusal(a: RoundAccess, existing: { id: number } | undefined): AppError | null {
  if (a.as !== 'applicant' || !can(a.user.role, 'evaluation.apply')) return forbidden('只有市州、县市区可以申请创建评价');
  if (a.round.status !== 'open') return conflict('本批次已截止申请');
  if (existing) return conflict(`本单位在本批次已有申请（编号${existing.id}），请在原申请上修改`);
  return null;
}

/** Why the caller may not close or reopen the round (截止申请 / 重新开放申请), or null: its organiser. The state is the workflow table's. */
export const roundMoveRefusal = (a: RoundAccess): AppError | null => (mayManageRound(a) ? null : forbidden('只有评价组织单位可以截止或重新开放申请'));

/** what the round list offers the caller: 申请创建评价 (applyRefusal) and the round's moves (roundMoveRefusal, from its state) */
export function roundAbilities(a: RoundAccess, existing: { id: number } | undefined): { apply: boolean; events: RoundEvent[] } {
  return {
    apply: applyRefusal(a, existing) === null,
    events: roundMoveRefusal(a) === null ? eventsFrom(ROUND_WORKFLOW, a.round.status).map((t) => t.event) : [],
  };
}

export function editRefusal(a: RoundAccess, app: ApplicationRow): AppError | null {
  if (!isOwnApplication(a, app) || !can(a.user.role, 'evaluation.apply')) return forbidden('只有申请单位可以修改本单位的申请');
  if (!APPLICATION_EDITABLE.includes(app.status)) return conflict('申请已提交，不能再修改；如需补正，请联系评价组织单位退回');
  return null;
}

/**
 * 提交: the applicant's own draft while the round takes applications — or after it closed, one the organiser returned
 * for correction (退回补正, its return reason standing): it was submitted in time, and the correction asked for is no
 * new application.
 */
export function submitRefusal(a: RoundAccess, app: ApplicationRow): AppError | null {
  const refusal = editRefusal(a, app);
  if (refusal) return refusal;
  if (a.round.status !== 'open' && !app.return_reason) return conflict('本批次已截止申请，不能再提交');
  return null;
}

/** The organiser decides (受理、不予受理、退回补正) and consults departments while the application is under review. */
export function decideRefusal(a: RoundAccess, app: ApplicationRow): AppError | null {
  if (!mayManageRound(a)) return forbidden('只有评价组织单位可以审查申请');
  if (app.status !== 'submitted') return conflict('只有受理审查中的申请可以征求意见或作出受理决定');
  return null;
}

/**
 * What the member departments said against accepting the application: a 不予受理 condition a department found, or a
 * question it has not answered yet. Accepting despite them takes a written reason, which the 受理通知书 then carries.
 */
export function acceptConcerns(consultations: ConsultationRow[], orgs: Map<number, Org>, texts: Map<string, string>): string[] {
  const out: string[] = [];
  const dept = (c: ConsultationRow) => orgs.get(c.department_id)?.name ?? `成员单位${c.department_id}`;
  for (const c of consultations) {
    if (c.status === 'pending') out.push(`${dept(c)}尚未回复征求意见`);
    const found = c.status === 'answered' && c.findings_json ? (JSON.parse(c.findings_json) as { code: string; applies: boolean }[]).filter((f) => f.applies) : [];
    for (const f of found) out.push(`${dept(c)}认为存在不予受理情形“${bareClause(texts.get(f.code) ?? f.code)}”${c.answer ? `（${bareClause(c.answer)}）` : ''}`);
  }
  return out;
}

/**
 * Who reads the concerns an application was accepted over (acceptConcerns): never a consulted department (they hold
 * the other departments' findings, and a department sees only its own consultation); while 受理审查中 not the
 * applicant (they are being weighed, not yet the applicant's to read); otherwise whoever reads the application — once
 * decided the applicant too, whose 受理通知书 prints them.
 */
export const mayReadAcceptConcerns = (a: Pick<RoundAccess, 'as'>, app: Pick<ApplicationRow, 'status'>): boolean =>
  a.as !== 'department' && !(app.status === 'submitted' && a.as === 'applicant');

/** the concerns kept with a 受理 over them (with its written reason); none otherwise */
export const keptAcceptConcerns = (app: Pick<ApplicationRow, 'accept_reason' | 'accept_concerns_json'>): string[] =>
  app.accept_reason && app.accept_concerns_json ? (JSON.parse(app.accept_concerns_json) as string[]) : [];

/** the stored 综合评价 passed the mark (null: not confirmed yet) */
export const passedOf = (app: Pick<ApplicationRow, 'consolidation_json'>): boolean | null =>
  app.consolidation_json ? ((JSON.parse(app.consolidation_json) as { passed: boolean | null }).passed ?? null) : null;

/** After the 综合评价: the organiser sends the report, publicises a passing applicant and names it after the window. */
export function laterStepRefusal(a: RoundAccess, app: ApplicationRow, event: 'sendReport' | 'acknowledge' | 'publicise' | 'name', today: string): AppError | null {
  if (event === 'acknowledge') return isOwnApplication(a, app) && can(a.user.role, 'evaluation.apply') ? null : forbidden('只有申请单位可以确认收到评价报告');
  if (!mayManageRound(a)) return forbidden('只有评价组织单位可以反馈评价报告、公示和命名');
  if (event === 'publicise') {
    // not evaluated yet is not failed: the state it is in, and what comes first
    const passed = passedOf(app);
    if (passed === null) return conflict(`该申请当前为「${APPLICATION_WORKFLOW.states[app.status]}」，综合评价确认且达到通过分数后方可公示`);
    if (!passed) return conflict('未通过评价的申请不能公示');
  }
  if (event === 'name' && app.publicity_end && today <= app.publicity_end) return conflict(`公示期至${app.publicity_end}，期满后方可命名`);
  return null;
}

/** the moves of an application its page offers (批准方案 and 综合评价 start the review and end it elsewhere) */
export type ApplicationMove = 'submit' | 'accept' | 'return' | 'refuse' | 'sendReport' | 'acknowledge' | 'publicise' | 'name';
const APPLICATION_MOVES: readonly ApplicationMove[] = ['submit', 'accept', 'return', 'refuse', 'sendReport', 'acknowledge', 'publicise', 'name'];

/**
 * Why the user may not make this move on the application now; null when they may. Who may comes first (a 403, said
 * before any 409 — a state, or a stale version the command checks after this); the workflow table has the last word
 * on the state (transition()). The command and abilities() both ask this.
 */
export function applicationMoveRefusal(a: RoundAccess, app: ApplicationRow, event: ApplicationMove, today: string): AppError | null {
  switch (event) {
    case 'submit':
      return submitRefusal(a, app);
    case 'accept':
    case 'return':
    case 'refuse':
      return decideRefusal(a, app);
    default:
      return laterStepRefusal(a, app, event, today);
  }
}

export function abilities(a: RoundAccess, app: ApplicationRow, today: string) {
  // the moves the workflow table allows from the application's state, and the user may make (the command's check)
  const allowed = new Set<string>(eventsFrom(APPLICATION_WORKFLOW, app.status).map((t) => t.event));
  const events: string[] = APPLICATION_MOVES.filter((e) => allowed.has(e) && applicationMoveRefusal(a, app, e, today) === null);
  return {
    edit: editRefusal(a, app) === null,
    submit: events.includes('submit'),
    decide: decideRefusal(a, app) === null,
    consult: decideRefusal(a, app) === null,
    events,
  };
}

export function ensure(refusal: AppError | null): void {
  if (refusal) throw refusal;
}

export const roundNotFound = (id: number) => notFound(`评价批次${id}不存在或您未参与`);
export const applicationNotFound = (id: number) => notFound(`创建评价申请${id}不存在或您无权查看`);

/**
 * Who reads an organiser's peer table (同级比较表): the organiser office edits it; a leader of its region or above
 * reads it (leadsOrganiser); an expert reads the table a plan they are on ranks against (`onPlan`); nobody else (then it does not
 * exist for them).
 */
export function peerTableReader(user: SessionUser, organiserLineage: Org[], lineage: Org[], onPlan: boolean): 'organiser' | 'leader' | 'expert' | null {
  const mine = lineage[0];
  if (!mine) return null;
  if (user.role === 'office' && organiserLineage[0]?.id === mine.id) return 'organiser';
  if (user.role === 'leader' && leadsOrganiser(mine, organiserLineage)) return 'leader';
  if (user.role === 'expert' && onPlan) return 'expert';
  return null;
}

/**
 * Why the user may not answer (回复) the eligibility consultation now, or null: only a member department answers
 * (403), only the one consulted (404: another's consultation is not shown to it), and only while it waits (待回复: the
 * workflow table; answered once, or closed by the organiser's decision). answerConsultation answers with it; each
 * consultation carries it as mayAnswer, which the application page's answer form and the round list's 回复 / 查看 follow.
 */
export function consultationAnswerRefusal(u: SessionUser, c: ConsultationRow): AppError | null {
  if (u.role !== 'department') return forbidden('只有成员单位可以回复征求意见');
  if (c.department_id !== u.orgUnitId) return notFound(`征求意见${c.id}不存在或不是发给本单位的`);
  if (!findTransition(CONSULTATION_WORKFLOW, c.status, 'answer')) {
    return conflict(c.status === 'closed' ? '评价组织单位已对该申请作出受理决定（受理、退回补正或不予受理），本次征求意见已结束，无需再回复' : '本单位已回复该征求意见，无需再次回复');
  }
  return null;
}
