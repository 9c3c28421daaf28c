/**
 * The rules of the evaluation plan and the review, as pure predicates over loaded rows (the commands call them;
 * the views show the same verdicts):
 * - a plan is approved only when every item still scored is assigned to at least two experts who have not declared
 *   a conflict, there is exactly one team leader, the 合理缺项 are criteria the sheet allows to be left out, every rank
 *   criterion has peers to rank against, the trimmed mean has at least five experts per item, and both reviews are
 *   dated, in order (the on-site review may begin during the document review);
 * - an expert scores only the items assigned to them on the approved plan, only after declaring no conflict, only
 *   while the application is under review and inside the review window, and not after submitting (on site the
 *   sheet is reopened, and every change keeps before, after and the reason);
 * - an expert sees the other experts' scores only after submitting their own; the applicant never sees them by name.
 */
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { splitKey, TRIMMED_MIN_EXPERTS } from '../../../../shared/evaluation/consolidate';
import { checkAnswer } from '../../../../shared/scoring';
import { consolidationWaitsForSite, planEarlyDate, recusalOpen, SELF_NOT_SUBMITTED, SITE_DATES_MISSING } from '../../../../shared/workflow/evaluation';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../../../core/errors';
import type { PlanView } from '../../../../shared/contracts/evaluation';
import { applicantResultRefusal, mayManageRound, reviewClosedRefusal, type RoundAccess } from '../evaluation.policy';
import type { ApplicationRow } from '../evaluation.queries';
import type { ExpertRow, MemberRow, PlanRow, SheetRow } from './review.queries';

export const itemsOf = (m: Pick<MemberRow, 'items_json'>): string[] => JSON.parse(m.items_json) as string[];
export const naKeysOf = (p: Pick<PlanRow, 'not_applicable_json'>): string[] => (JSON.parse(p.not_applicable_json) as { key: string }[]).map((x) => x.key);

const NOT_PLAN_NA = {
  评分: '评价工作方案未将本项确定为合理缺项，请按评分方法评分（如确属合理缺项，请评价组织单位修订评价工作方案）',
  自评: '评价工作方案未将本项确定为合理缺项，请按评分方法自评（如确属合理缺项，请在说明中写明情况，由评价组织单位在评价工作方案中确定）',
} as const;

/**
 * 合理缺项 is the plan's to declare (with a reason, checked by planProblems), not the answerer's: an expert's 评分 or
 * the applicant's 自评 answering "na" to a criterion the plan (`planNa`, its 合理缺项) does not exclude is refused. An
 * expert's own "na" showed as excluded on the sheet while the 综合评价 kept the item's full points (a loss with no
 * 扣分理由); the applicant's prorated its 自评 over points the plan still counts. null: the answer may be checked.
 */
export function undeclaredNaRefusal(key: string, answer: unknown, planNa: readonly string[], what: '评分' | '自评'): AppError | null {
  if (answer !== 'na' || planNa.includes(key)) return null;
  return badRequest(`${key}的${what}有误：${NOT_PLAN_NA[what]}`, [{ field: 'answer', message: NOT_PLAN_NA[what] }]);
}

/**
 * Stored answers as the 合理缺项 rule reads them now: a "na" undeclaredNaRefusal would refuse (saved before the rule, or
 * under a plan version that declared it and was since replaced) counts as no answer — not excluded from the total, so
 * nothing is prorated, and listed as still to answer. What is stored stays as it was: a plan that declares it again
 * makes it count again.
 */
export function withoutUndeclaredNa(answers: Record<string, Record<string, unknown>>, planNa: readonly string[], what: '评分' | '自评'): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(answers).map(([item, byCriterion]) => [item, Object.fromEntries(Object.entries(byCriterion).filter(([criterion, v]) => undeclaredNaRefusal(`${item}.${criterion}`, v, planNa, what) === null))]),
  );
}

/**
 * An expert's sheet as the view and the submit check read it: its stored answers through withoutUndeclaredNa, so a "na"
 * on a criterion the plan does not declare 合理缺项 (saved before undeclaredNaRefusal) shows unanswered, is fed to no
 * engine and is listed by missingOf as 未评分. No sheet yet: no answers.
 */
export function sheetAnswers(plan: Pick<PlanRow, 'not_applicable_json'>, sheet: Pick<SheetRow, 'answers_json'> | undefined): Record<string, Record<string, unknown>> {
  return sheet ? withoutUndeclaredNa(JSON.parse(sheet.answers_json) as Record<string, Record<string, unknown>>, naKeysOf(plan), '评分') : {};
}

/**
 * What a draft plan's organiser should look at before approving, not a bar to it (planProblems bars): a peer table of
 * another year than the round's (a 2026 evaluation ranked on 2024's award counts). A later year's data may not be in
 * yet, so an earlier table may be chosen on purpose; the page says so beside 批准.
 */
export function peerTableWarnings(tableYear: number | null, roundYear: number): string[] {
  if (tableYear === null || tableYear === roundYear) return [];
  return [`所选同级比较表是${tableYear}年的数据，本批次为${roundYear}年度评价：如已有${roundYear}年的数据，请在「同级比较表」中新建${roundYear}年的表后改选；确需使用${tableYear}年数据的，可以批准`];
}

/** Items of the sheet still scored under the plan (an item whose every criterion is 合理缺项 needs no expert). */
export function scoredItems(fw: Framework, naKeys: readonly string[]): string[] {
  const na = new Set(naKeys);
  return fw.sections.flatMap((s) => s.items.filter((i) => i.criteria.some((c) => !na.has(`${i.code}.${c.code}`))).map((i) => i.code));
}

/** Peers a rank criterion needs besides the applicant, so that 前列 / 中游 / 其余 mean something. */
export const MIN_PEERS = 2;

/**
 * An expert's platform account that cannot sign in, so its expert could neither declare 回避 nor score: stopped (停用)
 * or still 待审核 (registered, never approved) — its state as the pages name it and what the system administrator is to
 * do; null for an account that signs in. The pool refuses to link such an account, the plan lists it among its problems.
 */
export function accountBlocked(status: string | null | undefined): { state: string; remedy: string; ask: string } | null {
  if (status === 'disabled') return { state: '已停用', remedy: '请系统管理员启用该账户', ask: '请联系系统管理员启用' };
  if (status === 'pending') return { state: '待审核', remedy: '请系统管理员先审核通过该账户', ask: '请系统管理员先审核通过该账户' };
  return null;
}

/**
 * A pool entry is the person whose account it links: the account's name (its 姓名, display_name, as every page and the
 * audit log name the person who signs in with it) must be the entry's. Otherwise an office could link 李敏's account to
 * an entry named 张三: 李敏 then signs in, declares 回避 and scores as 张三, the plan and the 评价报告 name 张三 as the
 * expert who did. Spaces are not counted (王 建国 is 王建国). null: the names agree.
 */
export function expertNameRefusal(name: string, username: string, accountName: string): AppError | null {
  const bare = (s: string) => s.replace(/\s/g, '');
  if (bare(name) === bare(accountName)) return null;
  return badRequest(`账户${username}的姓名是「${accountName}」，与专家姓名「${name}」不一致，不能关联：请填写${name}本人的评价专家账户，或核对专家姓名`, [
    { field: 'username', message: `该账户的姓名是「${accountName}」` },
  ]);
}

/**
 * What stops the plan from being approved, in Chinese (empty: it may be approved). `year`: the round's 评价年度 — the
 * review of an application to it is held in that year or later, never before.
 */
export function planProblems(fw: Framework, plan: PlanRow, members: MemberRow[], experts: Map<number, ExpertRow & { account_status?: string | null }>, year: number): string[] {
  const out: string[] = [];
  const naKeys = naKeysOf(plan);
  const allItems = new Set(fw.sections.flatMap((s) => s.items.map((i) => i.code)));
  const criteria = fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((c) => ({ key: `${i.code}.${c.code}`, item: i, c }))));
  const allowedNa = criteria.filter((x) => x.c.notApplicable);
  for (const key of naKeys) {
    const { item, criterion } = splitKey(key);
    const found = criteria.find((x) => x.item.code === item && x.c.code === criterion);
    if (!found) out.push(`合理缺项${key}不是评分表中的评分细则`);
    // the standard names the cases that may be left out (3.5.b: 无口岸的城市); any other exclusion would raise the
    // prorated total (总分 × 1060 ÷ (1060 − 缺项分值)) by leaving out an item the applicant might have lost points on
    else if (!found.c.notApplicable) {
      const allowed = allowedNa.map((x) => `${x.key}（${x.c.notApplicable}）`).join('、');
      out.push(`${key}不能作为合理缺项：评分表只允许${allowed || '无'}作合理缺项，请从合理缺项中删去${key}`);
    }
  }
  // a rank criterion (5.2.a: 居省内同级城市前列/中游/其余) needs the peers it ranks against: alone, the applicant is first
  const peers = JSON.parse(plan.peers_json || '{}') as Record<string, unknown[] | undefined>;
  for (const x of criteria) {
    if (x.c.rule.type !== 'rank' || naKeys.includes(x.key)) continue;
    const n = peers[x.key]?.length ?? 0;
    if (n < MIN_PEERS) {
      out.push(`第${x.key}项按同级单位排名评分（前列、中游、其余），须有至少${MIN_PEERS}个同级单位的数值才能排名（现有${n}个）：请选择同级比较表，或录入同级单位数据`);
    }
  }
  const active = members.filter((m) => m.status !== 'conflicted');
  const name = (m: MemberRow) => experts.get(m.expert_id)?.name ?? `专家${m.expert_id}`;
  for (const m of members) {
    if (m.status === 'conflicted' && itemsOf(m).length) out.push(`${name(m)}已声明需回避，请更换专家并将其评分项目分给他人`);
    // taken out of the pool (移出专家库) since the plan was saved: the save checked the pool, the approval checks it again
    if (m.status !== 'conflicted' && experts.get(m.expert_id)?.active !== 1) out.push(`${name(m)}已移出专家库，请更换专家`);
    // and one whose platform account cannot sign in: stopped since, or 待审核 (a pool entry without an account is not asked about)
    else if (m.status !== 'conflicted') {
      const blocked = accountBlocked(experts.get(m.expert_id)?.account_status);
      if (blocked) out.push(`${name(m)}的平台账户${blocked.state}，无法声明回避和评分：请更换专家，或${blocked.remedy}`);
    }
    for (const code of itemsOf(m)) if (!allItems.has(code)) out.push(`${name(m)}的评分项目${code}不在评分表中`);
  }
  const leaders = active.filter((m) => m.leader === 1);
  if (leaders.length !== 1) out.push(leaders.length ? '评价组只能有一名组长' : '请指定评价组组长');
  const few: string[] = [];
  // one line per count, not one per item: a panel not yet given its items would list all 50 items one by one
  const short = new Map<number, string[]>();
  for (const code of scoredItems(fw, naKeys)) {
    const n = active.filter((m) => itemsOf(m).includes(code)).length;
    if (n < 2) short.set(n, [...(short.get(n) ?? []), code]);
    if (n < TRIMMED_MIN_EXPERTS) few.push(`${code}（${n}名）`);
  }
  for (const [n, codes] of [...short].sort(([x], [y]) => x - y)) {
    out.push(`第${codes.join('、')}项${codes.length > 1 ? `（共${codes.length}项）各` : ''}只有${n}名专家评分，每项须至少2名专家`);
  }
  // with fewer experts the method would quietly fall back to a plain mean (shared/evaluation/consolidate.ts)
  if (plan.method === 'trimmed' && few.length) {
    out.push(
      `综合方法“去掉一个最高分和一个最低分后平均”要求每项至少${TRIMMED_MIN_EXPERTS}名专家评分，第${few.slice(0, 8).join('、')}${few.length > 8 ? `等${few.length}项` : '项'}不足：请增加专家，或改用“算术平均”`,
    );
  }
  const d = [plan.document_review_start, plan.document_review_end, plan.site_review_start, plan.site_review_end];
  if (!d[0] || !d[1]) out.push('请填写资料评审的起止日期');
  if (!d[2] || !d[3]) out.push(SITE_DATES_MISSING);
  // 资料评审和现场评审结合 (seed 004): the on-site review may begin while the document review is open (the panel
  // verifies on site what the documents claim), not before it begins, and does not end before it closes
  const [ds, de, ss, se] = d;
  if (ds && de && ds > de) out.push('资料评审的开始日期晚于截止日期');
  if (ss && se && ss > se) out.push('现场评审的开始日期晚于结束日期');
  if (ds && ss && ss < ds) out.push('现场评审不能早于资料评审开始（现场评审可在资料评审期间开始）');
  if (de && se && se < de) out.push('现场评审的结束日期不能早于资料评审的截止日期');
  // a mistyped year (2015 for 2025): refused at save since, but a draft stored before with one is not approved
  const early = planEarlyDate({ documentReviewStart: ds, documentReviewEnd: de, siteReviewStart: ss, siteReviewEnd: se }, year);
  if (early) out.push(early.message);
  return [...new Set(out)];
}


/**
 * The peers entered on a plan by hand, checked as the sheet checks a value: only for a rank criterion (5.2.a), and
 * each value inside the criterion's range (a count of enterprises is never negative), as the applicant's own is.
 */
export function planPeersRefusal(fw: Framework, peers: Record<string, { name: string; value: number }[]>): AppError | null {
  const rank = new Set(fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.filter((c) => c.rule.type === 'rank').map((c) => `${i.code}.${c.code}`))));
  for (const [key, rows] of Object.entries(peers)) {
    if (!rank.has(key)) return badRequest(`${key}不是按同级单位排名评分的细则，不需要同级单位的数值`, [{ field: `peers.${key}`, message: '只为排名类细则录入同级单位数值' }]);
    const { item, criterion } = splitKey(key);
    for (const [n, r] of rows.entries()) {
      const check = checkAnswer(fw, item, criterion, { value: r.value });
      // the engine's own check of a value: its range, and a count (5.2.a 获奖企业数量, 个) whole (src/shared/figures.ts)
      if (!check.ok) return badRequest(`同级单位${r.name}第${key}项的数值有误：${check.message}`, [{ field: `peers.${key}.${n}.value`, message: check.message }]);
    }
  }
  return null;
}

/** A plan version still a draft: it may be approved, and what stops it is shown (planProblems). */
export const isDraftPlan = (plan: Pick<PlanRow, 'status'>): boolean => plan.status === 'draft';

/** A draft follows the peer table it ranks against (read afresh); an approved plan shows the copy it took. */
export const followsPeerTable = (plan: PlanRow): plan is PlanRow & { peer_table_id: number } => isDraftPlan(plan) && !!plan.peer_table_id;

/** Only the organiser, a leader and the experts on the plan see it; the applicant sees the result, not the panel's workings. */
export const planReaderRefusal = (a: RoundAccess): AppError | null =>
  a.as !== 'organiser' && a.as !== 'leader' && a.as !== 'expert' ? forbidden('评价工作方案只有评价组织单位、领导和评价组专家可以查看') : null;

/**
 * The plan page's 回避声明: an expert's own seat still 待声明 on a live version (not superseded) of the plan shown,
 * while recusalRefusal lets it.
 */
export const mayDeclareRecusal = (a: RoundAccess, app: Pick<ApplicationRow, 'status'>, plan: Pick<PlanView, 'status' | 'members'> | null): boolean =>
  a.as === 'expert' && !!plan && plan.status !== 'superseded' && plan.members.some((m) => m.mine && m.recusalStatus === 'pending') && recusalRefusal(app) === null;

/** A plan member who declared no conflict of interest (回避声明: 无利害关系): it reads the materials and scores. */
export const isCleared = (member: Pick<MemberRow, 'status'> | undefined): boolean => member?.status === 'cleared';

/** A plan is written, revised and approved while the application is accepted or under review, not after the 综合评价. */
export const planChangeRefusal = (app: Pick<ApplicationRow, 'status'>): AppError | null =>
  app.status === 'accepted' || app.status === 'reviewing' ? null : conflict('只有已受理、评审中的申请可以制定或修订评价工作方案');

/**
 * Why the caller may not write, revise or approve the application's plan (`act`: 制定 / 批准), or null: the round's
 * organiser (403 first), while planChangeRefusal lets it. savePlan and approvePlan ask it; planAbilities is it.
 */
export function planWriteRefusal(a: RoundAccess, app: Pick<ApplicationRow, 'status'>, act: '制定' | '批准'): AppError | null {
  if (!mayManageRound(a)) return forbidden(`只有评价组织单位可以${act}评价工作方案`);
  return planChangeRefusal(app);
}

/**
 * What the plan page offers the caller (planWriteRefusal, and the newest version's state): 保存草稿 on a draft or
 * while there is none (edit), 修订为新版本 of an approved plan (revise), 批准 of a draft (approve; what still blocks it
 * is the plan's problems).
 */
export function planAbilities(a: RoundAccess, app: Pick<ApplicationRow, 'status'>, latest: Pick<PlanRow, 'status'> | undefined) {
  const may = planWriteRefusal(a, app, '制定') === null;
  return { edit: may && (!latest || latest.status === 'draft'), revise: may && latest?.status === 'approved', approve: may && latest?.status === 'draft' };
}

/**
 * An expert of the panel sees the applicant's materials and scores only once it has declared no conflict of interest
 * (回避声明): not before declaring, and not at all when it declared one (the office replaces it).
 */
export function clearedRefusal(member: MemberRow, what: '评分' | '查看材料和评分'): AppError | null {
  if (member.status === 'cleared') return null;
  return forbidden(member.status === 'conflicted' ? `您已声明需回避，不能${what}` : '请先作出回避声明，声明无利害关系后才能查看材料和评分');
}

/** Why a 回避声明 cannot be made on the application now (recusalOpen: while accepted or under review), or null. */
export const recusalRefusal = (app: Pick<ApplicationRow, 'status'>): AppError | null =>
  recusalOpen(app.status) ? null : conflict('本申请的综合评价已确认，评审已结束，无需再作回避声明');

/**
 * Another expert's scores are seen after one's own: once one's 资料评审 sheet is submitted (or during the on-site
 * review, when the sheets are reopened to be discussed). An expert without a seat on the approved plan has no sheet
 * to submit, and is told why instead: no plan approved yet (a draft names him), or not on the one in force (only a
 * draft revision does).
 */
export function othersScoresRefusal(plan: PlanRow | undefined, member: MemberRow | undefined, sheet: SheetRow | undefined): AppError | null {
  if (!plan) return forbidden('本申请的评价工作方案尚未批准，评审尚未开始，还没有专家评分可查看');
  if (!member) return forbidden('您不在本申请已批准的评价工作方案中，没有本人的评分表，不能查看其他专家的评分');
  return !sheet || (sheet.status !== 'submitted' && sheet.stage === 'document') ? forbidden('提交本人的评分后，才能查看其他专家的评分') : null;
}

/**
 * An expert's sheet is its seat's on the approved plan: without one (an expert named only in a draft revision, who
 * still reads the application and the plan) there is no sheet to read or change, and every sheet route answers the
 * same 404 (a sheet seen but not to be changed now is a 403 or 409: clearedRefusal, scoreRefusal). Asked with
 * the seat (myPlace) by the sheet view, scoreRefusal and sheetReopenRefusal.
 */
export const sheetHidden = (): AppError => notFound('评分表不存在或您无权查看：您不在本申请已批准的评价工作方案中');

/**
 * May this expert change a score on this sheet now (the item's assignment is checked by the caller)? Not before the
 * applicant submitted its 自评 (`selfSubmitted`): 资料评审 reviews the 自评报告 and the materials submitted with it.
 */
export function scoreRefusal(app: ApplicationRow, plan: PlanRow | undefined, member: MemberRow | undefined, sheet: SheetRow | undefined, selfSubmitted: boolean, today: string): AppError | null {
  if (!plan || !member) return sheetHidden();
  const uncleared = clearedRefusal(member, '评分');
  if (uncleared) return uncleared;
  const closed = reviewClosedRefusal(app, '评分');
  if (closed) return closed;
  if (!selfSubmitted) return conflict(SELF_NOT_SUBMITTED);
  if (sheet?.status === 'submitted') return conflict(sheet.stage === 'site' ? '您已提交现场评审后的评分' : '您已提交资料评审评分；现场评审时可重新打开修改（须写明理由）');
  const stage = sheet?.stage ?? 'document';
  const [start, end] = stage === 'document' ? [plan.document_review_start, plan.document_review_end] : [plan.site_review_start, plan.site_review_end];
  const label = stage === 'document' ? '资料评审' : '现场评审';
  if (start && today < start) return conflict(`${label}自${start}开始，尚不能评分`);
  if (end && today > end) return conflict(`${label}已于${end}截止，不能再评分`);
  return null;
}

/**
 * Why this expert may not reopen its submitted sheet for the on-site review now (重新打开（现场评审）); null when it may
 * (a sheet still open has nothing to reopen: the workflow table's reopenForSite is from 已提交). Reopened, the sheet is
 * scored and submitted again under the on-site review's rules (scoreRefusal at stage site): outside its window it
 * could be neither, and would hold the 综合评价 up. The command and the sheet's abilities ask this.
 */
export function sheetReopenRefusal(app: ApplicationRow, plan: PlanRow | undefined, member: MemberRow | undefined, sheet: SheetRow | undefined, selfSubmitted: boolean, today: string): AppError | null {
  if (!plan || !member) return sheetHidden();
  if (!sheet) return conflict('您尚未评分，没有可重新打开的评分表');
  const closed = reviewClosedRefusal(app, '重新打开评分表');
  if (closed) return closed;
  return sheet.status === 'submitted' ? scoreRefusal(app, plan, member, { ...sheet, status: 'open', stage: 'site' }, selfSubmitted, today) : null;
}

/** The team leader of the approved plan. */
export const isLeader = (member: MemberRow | undefined) => member?.leader === 1 && member.status === 'cleared';

/**
 * Why this expert may not act as the team leader on the 综合评价 now (确定 or 撤销 an agreed score, 确认): the team
 * leader of the approved plan, while the application is under review; null when it may. The commands and the
 * consolidation view's abilities ask this.
 */
export function leaderActRefusal(member: MemberRow | undefined, app: Pick<ApplicationRow, 'status'>, what: '确定分歧项目的得分' | '确认综合评价结果'): AppError | null {
  if (!isLeader(member)) return forbidden(`只有评价组组长可以${what}`);
  // after the 综合评价 is confirmed it says so, as scoring, reopening and findings do
  return reviewClosedRefusal(app, what);
}

/** The applicant and a consulted department read the 综合评价's result only, never the panel's workings. */
export const readsResultOnly = (a: Pick<RoundAccess, 'as'>): boolean => a.as === 'applicant' || a.as === 'department';

/**
 * Who recorded an on-site finding (现场评审发现的问题) is the panel's working, like whose score is whose: the organiser,
 * leaders and the panel read it (the audit log keeps it too); the applicant reads what was found, not which expert
 * found it (readsResultOnly).
 */
export const mayReadFindingRecorder = (a: Pick<RoundAccess, 'as'>): boolean => !readsResultOnly(a);

/**
 * Why the applicant may not read the 综合评价 now (applicantResultRefusal: once fed back; and only once confirmed), or
 * null; a consulted department never reads it.
 */
export function resultReadRefusal(a: Pick<RoundAccess, 'as'>, app: Pick<ApplicationRow, 'reported_at' | 'consolidation_json'>): AppError | null {
  if (a.as === 'department') return forbidden('综合评价只有评价组织单位、领导和评价组专家可以查看');
  const refusal = applicantResultRefusal(a, app);
  if (refusal) return refusal;
  return app.consolidation_json ? null : forbidden('综合评价确认后，申请单位可查看结果');
}

/** no team leader's act on the 综合评价 (the applicant, the organiser, a leader, another expert) */
export const NO_LEADER_ACTS = { agree: false, confirm: false, waiting: null };

/** What the 综合评价 offers the caller (leaderActRefusal, confirmRefusal; `waiting`: why the leader cannot confirm yet). */
export function consolidationAbilities(member: MemberRow | undefined, app: Pick<ApplicationRow, 'status'>, now: Parameters<typeof confirmRefusal>[0], today: string) {
  // the commands' own refusals: the team leader while under review; confirmable when nothing holds it up
  const agree = leaderActRefusal(member, app, '确认综合评价结果') === null;
  const waiting = agree ? (confirmRefusal(now, today)?.message ?? null) : null;
  return { agree, confirm: agree && waiting === null, waiting };
}

/**
 * Why the 综合评价 cannot be confirmed yet, whoever asks (the team leader's own right is leaderActRefusal): no approved
 * plan; the plan's on-site review not begun; an expert who declared a conflict after approval still holding items;
 * an expert yet to submit; an item whose disagreement the leader has not settled, or settled on expert scores that
 * have changed since (staleAgreed). The command and the page ask this.
 */
export function confirmRefusal(
  now: { plan: Pick<PlanRow, 'site_review_start' | 'site_review_end'>; conflicted: string[]; pending: string[]; result: { openItems: string[]; items: { code: string; staleAgreed: unknown }[] } } | null | undefined,
  today: string,
): AppError | null {
  if (!now) return conflict('尚无已批准的评价工作方案');
  const site = siteNotBegunRefusal(now.plan, today);
  if (site) return site;
  if (now.conflicted.length) {
    return conflict(`${now.conflicted.join('、')}已声明需回避，其评分项目须由评价组织单位在新版本的评价工作方案中改派他人，才能确认综合评价`, { conflicted: now.conflicted });
  }
  if (now.pending.length) return conflict(`${now.pending.join('、')}尚未提交评分，不能确认综合评价`);
  const { openItems } = now.result;
  if (openItems.length) {
    // an agreed score decided on other expert scores (changed on site since) is settled again, not just discussed
    const stale = now.result.items.filter((i) => i.staleAgreed && openItems.includes(i.code)).map((i) => i.code);
    const fresh = openItems.filter((code) => !stale.includes(code));
    const said = [
      ...(fresh.length ? [`第${fresh.join('、')}项专家评分分歧较大，请组长讨论确定得分`] : []),
      ...(stale.length ? [`第${stale.join('、')}项组长确定得分后专家评分有变动，请组长重新确定得分`] : []),
    ];
    return conflict(`${said.join('；')}后再确认`, { openItems });
  }
  return null;
}

/** Why the 综合评价 cannot be confirmed yet on this plan's dates (consolidationWaitsForSite), or null. */
export function siteNotBegunRefusal(plan: Pick<PlanRow, 'site_review_start' | 'site_review_end'>, today: string): AppError | null {
  if (!consolidationWaitsForSite({ siteReviewStart: plan.site_review_start }, today)) return null;
  if (!plan.site_review_start) return conflict('评价工作方案未安排现场评审日期：评价结合资料评审和现场评审进行，现场评审开始后方可确认综合评价。请评价组织单位修订评价工作方案，填写现场评审的起止日期');
  const dates = plan.site_review_end && plan.site_review_end !== plan.site_review_start ? `${plan.site_review_start}至${plan.site_review_end}` : plan.site_review_start;
  return conflict(`评价工作方案安排现场评审于${dates}进行，尚未开始：评价结合资料评审和现场评审逐项评分，现场评审开始后方可确认综合评价（确认即结束现场评审）`);
}
