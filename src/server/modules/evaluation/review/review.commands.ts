/**
 * The changes of the evaluation plan and the review, one function each, change context first: write or revise the
 * plan, approve it (the application moves to review), each expert's 回避 declaration, the experts' scores (document
 * review, then revisions on site with before, after and reason), the team leader's agreed scores and the 综合评价.
 */
import type { AgreedBody, WithdrawAgreedBody, ExpertBody, PlanBody, PutSheetScoreBody, RecusalBody, UpdateExpertBody } from '../../../../shared/contracts/evaluation';
import { agreedScoreText, COMBINE_METHOD_LABELS, consolidate, planFramework, splitKey, unscoredMessage, type AgreedScore, type CombineMethod, type Consolidation } from '../../../../shared/evaluation/consolidate';
import { checkAnswer, pointsLost, reasonProblem } from '../../../../shared/scoring';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { APPLICATION_WORKFLOW, PLAN_WORKFLOW, planScheduleRefusal, RECUSAL_RELATIONS, RECUSAL_WORKFLOW, SHEET_WORKFLOW } from '../../../../shared/workflow/evaluation';
import type { Change } from '../../../core/change';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import { transition } from '../../../core/transition';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { applicantResultRefusal, decisionDocRefusal, ensure, panelReadRefusal, reportDocRefusal, reviewMaterialRefusal, selfDraftRefusal, type RoundAccess } from '../evaluation.policy';
import { criterionTitles, expertsScored, frameworkOfRound } from '../evaluation.presenter';
import { lostItems } from '../../../io/word/evaluation-docs';
import { itemOpinions } from '../../../../shared/evaluation/opinions';
import { applicationChanged, changedMeanwhile } from '../evaluation.commands';
import { lockApplication, orgById, type ApplicationRow } from '../evaluation.queries';
import { peerSnapshot, tableRefusal } from '../peers/peers.commands';
import { selfOf, type SelfRow } from '../self/self.queries';
import { defaultPeerTable, findPeerTable } from '../peers/peers.queries';
import { accountBlocked, confirmRefusal, expertNameRefusal, isLeader, itemsOf, leaderActRefusal, naKeysOf, planPeersRefusal, planWriteRefusal, planProblems, recusalRefusal, scoreRefusal, sheetAnswers, sheetReopenRefusal, undeclaredNaRefusal } from './review.policy';
import {
  expertAccount,
  expertsOf,
  findExpert,
  insertExpert,
  updateExpert,
  deleteMember,
  expertOfUser,
  expertsByIds,
  findMember,
  findPlan,
  insertMember,
  insertPlan,
  insertRevision,
  insertSheet,
  lockPlan,
  lockSheet,
  membersOf,
  orgKindOf,
  approvedPlanOf,
  plansOf,
  setConsolidation,
  sheetOf,
  sheetsOf,
  updateMember,
  updatePlan,
  updateSheet,
  type MemberRow,
  type PlanRow,
  type SheetRow,
} from './review.queries';

/** Write the draft plan, or start a new version of an approved one (version null, with a reason). */
export async function savePlan(c: Change, a: RoundAccess, seen: ApplicationRow, body: PlanBody): Promise<number> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  ensure(planWriteRefusal(a, app, '制定'));
  const fw = frameworkOfRound(a.round);
  const experts = await expertsByIds(c.trx, body.members.map((m) => m.expertId));
  body.members.forEach((m, i) => {
    const e = experts.get(m.expertId);
    if (!e || e.organiser_org_id !== a.round.organiser_org_id || e.active !== 1) throw badRequest(`专家${m.expertId}不在本单位的专家库中`, [{ field: `members.${i}.expertId`, message: '请从专家库中选择' }]);
  });
  if (new Set(body.members.map((m) => m.expertId)).size !== body.members.length) throw badRequest('同一名专家只能选一次', [{ field: 'members', message: '专家重复' }]);
  const items = new Set(fw.sections.flatMap((s) => s.items.map((i) => i.code)));
  body.members.forEach((m, i) => {
    const bad = m.items.find((code) => !items.has(code));
    if (bad) throw badRequest(`评分表中没有第${bad}项`, [{ field: `members.${i}.items`, message: '请从评分表中选择' }]);
  });
  // a draft's 合理缺项 shapes the applicant's 自评 at once: a key off the sheet is refused here, not only at approval
  const criteria = new Set(fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((cr) => `${i.code}.${cr.code}`))));
  body.notApplicable.forEach((x, i) => {
    if (!criteria.has(x.key)) throw badRequest(`评分表中没有评分细则${x.key}，合理缺项请从评分表中选择`, [{ field: `notApplicable.${i}.key`, message: '请从评分表中选择' }]);
  });
  ensure(planPeersRefusal(fw, body.peers ?? {}));
  // a date before the round's year or years ahead (a slip of the year) is refused here, as the form greys it out
  const misdated = planScheduleRefusal(body.schedule, clock.today, a.round.year);
  if (misdated) throw badRequest(misdated.message, [{ field: `schedule.${misdated.field}`, message: misdated.message }]);
  const at = clock.at;
  const latest = (await plansOf(c.trx, app.id))[0];
  const peerTable = await planPeerTable(c.trx, a, app, latest, body.peerTableId);
  const columns = {
    not_applicable_json: JSON.stringify(body.notApplicable),
    method: body.method,
    threshold: body.threshold,
    // with a table: a draft follows it (the view reads it live); the copy is taken again when the plan is approved
    peers_json: JSON.stringify(peerTable ? peerTable.peers : (body.peers ?? {})),
    peer_table_id: peerTable?.id ?? null,
    peer_table_title: peerTable?.title ?? null,
    document_review_start: body.schedule.documentReviewStart,
    document_review_end: body.schedule.documentReviewEnd,
    site_review_start: body.schedule.siteReviewStart,
    site_review_end: body.schedule.siteReviewEnd,
  };
  let planId: number;
  let before: MemberRow[] = [];
  if (!latest || latest.status !== 'draft') {
    if (body.version !== null) {
      // the page showed a draft (or the approved plan) at that version: say what happened and how to revise
      throw conflict(
        !latest
          ? '本申请还没有评价工作方案，请刷新后新建（不带版本号提交）'
          : latest.version === body.version
            ? `第${latest.version_no}版评价工作方案已批准，不能直接修改：修订须新建一个版本（不带版本号提交）并写明修订理由`
            : `评价工作方案已被他人修改或批准（现为第${latest.version_no}版，已批准），请刷新后查看；修订已批准的方案须新建版本并写明理由`,
        { version: latest?.version ?? null },
      );
    }
    if (latest && !body.reason?.trim()) throw badRequest('修订已批准的评价工作方案须写明理由', [{ field: 'reason', message: '请写明修订理由' }]);
    planId = await insertPlan(c.trx, { application_id: app.id, version_no: (latest?.version_no ?? 0) + 1, reason: latest ? body.reason!.trim() : null, created_by: c.user.id, created_at: at, at, ...columns });
    // the declarations of experts who stay on the panel carry over to the new version
    const standing = await standingDeclarations(c.trx, app.id);
    for (const m of body.members) {
      const was = standing.get(m.expertId);
      await insertMember(c.trx, { plan_id: planId, expert_id: m.expertId, leader: m.leader ? 1 : 0, items_json: JSON.stringify(m.items), status: was?.status ?? 'pending', recusal_json: was?.recusal_json ?? null, declared_at: was?.declared_at ?? null });
    }
    await c.audit({ action: 'evaluationPlan.create', entityType: 'evaluation_plan', entityId: planId, after: { applicationId: app.id, versionNo: (latest?.version_no ?? 0) + 1, ...body } });
    return planId;
  }
  if (body.version !== latest.version) throw await changedMeanwhile(c, 'plan', latest.id, '评价工作方案已在其他窗口被修改，请刷新后再改', { version: latest.version });
  planId = latest.id;
  before = await membersOf(c.trx, planId);
  if (!(await updatePlan(c.trx, planId, latest.version, { ...columns, reason: latest.version_no > 1 ? (body.reason?.trim() ?? latest.reason) : null, updated_at: at }))) throw await changedMeanwhile(c, 'plan', planId, '评价工作方案已被他人修改，请刷新后再改');
  // an expert put (back) on the draft takes the declaration standing on the plan in force
  const standing = await standingDeclarations(c.trx, app.id);
  for (const m of body.members) {
    const was = before.find((b) => b.expert_id === m.expertId);
    const declared = standing.get(m.expertId);
    if (was) await updateMember(c.trx, was.id, { leader: m.leader ? 1 : 0, items_json: JSON.stringify(m.items) });
    else await insertMember(c.trx, { plan_id: planId, expert_id: m.expertId, leader: m.leader ? 1 : 0, items_json: JSON.stringify(m.items), status: declared?.status ?? 'pending', recusal_json: declared?.recusal_json ?? null, declared_at: declared?.declared_at ?? null });
  }
  // an expert taken off the panel: gone, unless they declared a conflict (the declaration is kept, with no items)
  for (const b of before.filter((x) => !body.members.some((m) => m.expertId === x.expert_id))) {
    if (b.status === 'conflicted') await updateMember(c.trx, b.id, { leader: 0, items_json: '[]' });
    else await deleteMember(c.trx, b.id);
  }
  await c.audit({
    action: 'evaluationPlan.update',
    entityType: 'evaluation_plan',
    entityId: planId,
    before: { ...latest, members: before.map((m) => ({ expertId: m.expert_id, leader: m.leader === 1, items: itemsOf(m) })) },
    after: body,
  });
  return planId;
}

/**
 * The peer table a plan ranks against: the one chosen (null: none, the peers entered on the plan); when not said,
 * the plan's current table, or for a first plan the organiser's table of the round's year and the applicant's level.
 */
async function planPeerTable(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, latest: PlanRow | undefined, chosen: number | null | undefined) {
  const applicant = (await orgById(db, app.applicant_org_id))!;
  let id: number | null;
  if (chosen !== undefined) id = chosen;
  else if (latest) id = latest.peer_table_id;
  else {
    const level = applicant.kind === 'city' ? 'city' : applicant.kind === 'county' ? 'county' : null;
    id = level ? ((await defaultPeerTable(db, a.round.organiser_org_id, a.round.year, level))?.id ?? null) : null;
  }
  if (id === null) return null;
  const refusal = tableRefusal(await findPeerTable(db, id), a.round.organiser_org_id, applicant);
  if (refusal) throw badRequest(refusal, [{ field: 'peerTableId', message: '请选择本单位、与申请单位同级的同级比较表' }]);
  return { id, ...(await peerSnapshot(db, id, applicant.id))! };
}

/** Approve the draft: then frozen; an earlier approved version is superseded; the application moves to review. */
export async function approvePlan(c: Change, a: RoundAccess, seen: ApplicationRow, version: number): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  // a draft left open when the 综合评价 was confirmed stays a draft: the result was worked out on the plan in force
  ensure(planWriteRefusal(a, app, '批准'));
  const [latest, previous] = await plansOf(c.trx, app.id);
  if (!latest) throw conflict('尚未制定评价工作方案');
  const plan = (await lockPlan(c.trx, latest.id))!;
  if (plan.version !== version) throw await changedMeanwhile(c, 'plan', plan.id, '评价工作方案已被他人修改，请刷新后重试', { version: plan.version });
  const members = await membersOf(c.trx, plan.id);
  const problems = planProblems(frameworkOfRound(a.round), plan, members, await expertsByIds(c.trx, members.map((m) => m.expert_id)), a.round.year);
  if (problems.length) throw conflict(`评价工作方案还不能批准：${problems.join('；')}`, { problems });
  const at = clock.at;
  // the plan keeps a copy of its peer table as it stands now: a later edit of the table does not change it
  const copy = plan.peer_table_id ? await peerSnapshot(c.trx, plan.peer_table_id, app.applicant_org_id) : undefined;
  const frozen = copy ? { peers_json: JSON.stringify(copy.peers), peer_table_title: copy.title } : {};
  if (previous?.status === 'approved') {
    await transition(c, { workflow: PLAN_WORKFLOW, table: 'evaluation_plan', key: { id: previous.id }, from: 'approved', event: 'supersede', entityId: previous.id, set: { updated_at: at } });
  }
  await transition(c, { workflow: PLAN_WORKFLOW, table: 'evaluation_plan', key: { id: plan.id }, from: plan.status, event: 'approve', entityId: plan.id, set: { ...frozen, approved_at: at, approved_by: c.user.id, updated_at: at } });
  if (app.status === 'accepted') {
    await transition(c, { workflow: APPLICATION_WORKFLOW, table: 'evaluation_application', key: { id: app.id }, from: 'accepted', event: 'startReview', entityId: app.id, set: { updated_at: at } });
  }
  // an expert who submitted and now has items their sheet does not score (a replaced expert's items): the sheet opens
  // again for them, or the 综合评价 would count those items 0 for an expert who never scored them
  const sheets = await sheetsOf(c.trx, app.id);
  for (const m of members.filter((x) => x.status === 'cleared')) {
    const sheet = sheets.find((s) => s.expert_id === m.expert_id && s.status === 'submitted');
    const missing = sheet ? missingOf(frameworkOfRound(a.round), plan, m, sheet) : [];
    if (!sheet || !missing.length) continue;
    await transition(c, { workflow: SHEET_WORKFLOW, table: 'expert_sheet', key: { id: sheet.id }, from: sheet.status, event: 'reassign', entityId: sheet.id, set: { updated_at: at }, detail: { planVersion: plan.version_no, missing } });
  }
}

/** The approved plan of an application and the signed-in expert's place on it (undefined: not on it). */
export async function myPlace(db: Kysely<Database>, applicationId: number, userId: number): Promise<{ plan: PlanRow | undefined; member: MemberRow | undefined; expertId: number | undefined }> {
  const plan = await approvedPlanOf(db, applicationId);
  const mine = new Set((await expertOfUser(db, userId)).map((e) => e.id));
  const member = plan ? (await membersOf(db, plan.id)).find((m) => mine.has(m.expert_id)) : undefined;
  return { plan, member, expertId: member?.expert_id ?? [...mine][0] };
}

/**
 * 回避声明: the expert's own, about the applicant — not about one version of the plan. It is made from the expert's
 * seat on any live version (the approved plan in force, the draft revision that will replace it) and stands on every
 * live seat of the expert on that application, so the plan in force lets them read and score and the version approved
 * next keeps it (savePlan gives a seat added later the standing declaration: standingDeclarations).
 */
export async function declareRecusal(c: Change, memberId: number, body: RecusalBody): Promise<void> {
  const { clock } = c;
  const m = await findMember(c.trx, memberId);
  const mine = new Set((await expertOfUser(c.trx, c.user.id)).map((e) => e.id));
  const plan = m && (await findPlan(c.trx, m.plan_id));
  if (!m || !plan || !mine.has(m.expert_id) || plan.status === 'superseded') throw notFound(`评价组成员${memberId}不存在或不是您本人`);
  // under the application's lock: the 综合评价 confirmed meanwhile ends the review (confirmConsolidation locks it too)
  ensure(recusalRefusal((await lockApplication(c.trx, plan.application_id))!));
  if (m.version !== body.version) throw conflict('回避声明已提交，请刷新后查看');
  const unknown = body.relations.find((r) => !(r in RECUSAL_RELATIONS));
  if (unknown) throw badRequest(`没有「${unknown}」这种回避情形`, [{ field: 'relations', message: '请从列出的情形中选择' }]);
  if (body.conflict && !body.relations.length) throw badRequest('声明需回避时请选择回避情形', [{ field: 'relations', message: '请至少选择一种' }]);
  if (!body.conflict && body.relations.length) throw badRequest('选择了回避情形，却声明无利害关系：请核对', [{ field: 'conflict', message: '与所选情形不一致' }]);
  const at = clock.at;
  const set = { recusal_json: JSON.stringify({ relations: body.relations, statement: body.statement }), declared_at: at };
  const event = body.conflict ? 'declareConflict' : 'declareNone';
  await transition(c, { workflow: RECUSAL_WORKFLOW, table: 'plan_member', key: { id: m.id }, from: m.status, event, entityId: m.id, set });
  // the expert's seat on the other live version (the plan in force, or the draft revision) takes the same declaration
  for (const other of (await liveSeats(c.trx, plan.application_id)).filter((x) => x.expert_id === m.expert_id && x.id !== m.id && x.status === 'pending')) {
    await transition(c, { workflow: RECUSAL_WORKFLOW, table: 'plan_member', key: { id: other.id }, from: other.status, event, entityId: other.id, set, detail: { carriedFrom: m.id } });
  }
}

/** Every seat on the live versions of an application's plan (approved in force, draft revision), oldest plan first. */
async function liveSeats(db: Kysely<Database>, applicationId: number): Promise<MemberRow[]> {
  const out: MemberRow[] = [];
  for (const p of (await plansOf(db, applicationId)).filter((x) => x.status !== 'superseded').reverse()) out.push(...(await membersOf(db, p.id)));
  return out;
}

/** The declarations standing on an application's live plan versions, by expert: what a seat added to a draft takes. */
async function standingDeclarations(db: Kysely<Database>, applicationId: number): Promise<Map<number, Pick<MemberRow, 'status' | 'recusal_json' | 'declared_at'>>> {
  return new Map((await liveSeats(db, applicationId)).filter((m) => m.status !== 'pending').map((m) => [m.expert_id, { status: m.status, recusal_json: m.recusal_json, declared_at: m.declared_at }]));
}

/** The applicant has submitted its 自评 (the application row is locked by the caller, and so is the 自评's submission). */
export const selfSubmitted = async (db: Kysely<Database>, appId: number) => (await selfOf(db, appId))?.status === 'submitted';

/** The sheet as the plan reads it for this applicant: its 合理缺项 marked not applicable. */
export const planSheet = (fw: Framework, plan: PlanRow) => planFramework(fw, naKeysOf(plan));

/** One score of the expert's own sheet; on site every change keeps before, after and the reason. */
export async function putSheetScore(c: Change, a: RoundAccess, seen: ApplicationRow, itemCode: string, criterionCode: string, body: PutSheetScoreBody): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  const { plan, member } = await myPlace(c.trx, app.id, c.user.id);
  const at = clock.at;
  let sheet = member ? await lockSheet(c.trx, app.id, member.expert_id) : undefined;
  ensure(scoreRefusal(app, plan, member, sheet, await selfSubmitted(c.trx, app.id), clock.today));
  if (!itemsOf(member!).includes(itemCode)) throw forbidden(`第${itemCode}项不是分配给您的评分项目`);
  const fw = planSheet(frameworkOfRound(a.round), plan!);
  const key = `${itemCode}.${criterionCode}`;
  if (naKeysOf(plan!).includes(key)) throw conflict(`${key}为本申请的合理缺项，无需评分`);
  ensure(undeclaredNaRefusal(key, body.answer, naKeysOf(plan!), '评分'));
  const check = checkAnswer(fw, itemCode, criterionCode, body.answer);
  if (!check.ok) throw badRequest(`${key}的评分有误：${check.message}`, [{ field: 'answer', message: check.message }]);
  const lost = pointsLost(fw, itemCode, check, body.answer);
  const reason = body.reason?.trim() || null;
  const reasonWrong = reasonProblem(key, lost, reason);
  if (reasonWrong) throw badRequest(reasonWrong, [{ field: 'reason', message: reasonWrong }]);
  if ((sheet?.version ?? null) !== body.version) throw conflict('评分表已在其他窗口被修改，请刷新后再改', { version: sheet?.version ?? null });
  sheet ??= await insertSheet(c.trx, app.id, member!.expert_id, at);
  const answers = JSON.parse(sheet.answers_json) as Record<string, Record<string, unknown>>;
  const reasons = JSON.parse(sheet.reasons_json) as Record<string, string>;
  const previous = answers[itemCode]?.[criterionCode];
  if (sheet.stage === 'site') {
    if (!reason) throw badRequest(`现场评审修改${key}须写明理由`, [{ field: 'reason', message: '请写明修改理由' }]);
    await insertRevision(c.trx, { sheetId: sheet.id, item: itemCode, criterion: criterionCode, before: previous, after: body.answer, reason, by: c.user.id, at });
  }
  answers[itemCode] = { ...(answers[itemCode] ?? {}), [criterionCode]: body.answer };
  if (reason) reasons[key] = reason;
  else delete reasons[key];
  if (!(await updateSheet(c.trx, sheet.id, sheet.version, { answers_json: JSON.stringify(answers), reasons_json: JSON.stringify(reasons), updated_at: at }))) throw conflict('评分表已在其他窗口被修改，请刷新后再改');
  await c.audit({ action: 'expertSheet.score', entityType: 'expert_sheet', entityId: sheet.id, before: previous === undefined ? undefined : { key, answer: previous }, after: { key, answer: body.answer, reason, stage: sheet.stage } });
}

/** The criteria of the expert's items still without an answer (合理缺项 excluded; an undeclared "na" is none: sheetAnswers). */
export function missingOf(fw: Framework, plan: PlanRow, member: MemberRow, sheet: SheetRow | undefined): string[] {
  const answers = sheetAnswers(plan, sheet);
  const na = new Set(naKeysOf(plan));
  const mine = new Set(itemsOf(member));
  return fw.sections.flatMap((s) => s.items.filter((i) => mine.has(i.code)).flatMap((i) => i.criteria.map((cr) => `${i.code}.${cr.code}`).filter((k) => !na.has(k) && answers[splitItem(k)]?.[k.slice(k.lastIndexOf('.') + 1)] === undefined)));
}
const splitItem = (k: string) => k.slice(0, k.lastIndexOf('.'));

/** Submit (document review) or re-submit (after on-site revisions): every assigned criterion answered. */
export async function submitSheet(c: Change, a: RoundAccess, seen: ApplicationRow, version: number): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  const { plan, member } = await myPlace(c.trx, app.id, c.user.id);
  const sheet = member ? await lockSheet(c.trx, app.id, member.expert_id) : undefined;
  ensure(scoreRefusal(app, plan, member, sheet, await selfSubmitted(c.trx, app.id), clock.today));
  if (!sheet) throw conflict('您还没有评分');
  if (sheet.version !== version) throw conflict('评分表已在其他窗口被修改，请刷新后再提交', { version: sheet.version });
  const missing = missingOf(frameworkOfRound(a.round), plan!, member!, sheet);
  if (missing.length) throw conflict(unscoredMessage(missing), { missing });
  await transition(c, { workflow: SHEET_WORKFLOW, table: 'expert_sheet', key: { id: sheet.id }, from: sheet.status, event: 'submit', entityId: sheet.id, set: { submitted_at: clock.at, updated_at: clock.at } });
}

/** On site: the expert reopens the submitted sheet to revise it (each change then needs a reason). */
export async function reopenSheetForSite(c: Change, seen: ApplicationRow, version: number): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  const { plan, member } = await myPlace(c.trx, app.id, c.user.id);
  const locked = member ? await lockSheet(c.trx, app.id, member.expert_id) : undefined;
  ensure(sheetReopenRefusal(app, plan, member, locked, await selfSubmitted(c.trx, app.id), clock.today));
  const sheet = locked!;
  if (sheet.version !== version) throw conflict('评分表已在其他窗口被修改，请刷新后重试', { version: sheet.version });
  await transition(c, { workflow: SHEET_WORKFLOW, table: 'expert_sheet', key: { id: sheet.id }, from: sheet.status, event: 'reopenForSite', entityId: sheet.id, set: { stage: 'site', updated_at: clock.at } });
}

/** The 综合评价 of the application now, from the submitted sheets of the approved plan's cleared members. */
export async function consolidationOf(
  db: Kysely<Database>,
  a: RoundAccess,
  app: ApplicationRow,
): Promise<{ result: Consolidation; names: Map<string, string>; pending: string[]; conflicted: string[]; method: CombineMethod; plan: PlanRow } | null> {
  const plan = await approvedPlanOf(db, app.id);
  if (!plan) return null;
  // the panel: every expert the plan gives items to; only those who declared no conflict score
  const panel = (await membersOf(db, plan.id)).filter((m) => itemsOf(m).length);
  const members = panel.filter((m) => m.status === 'cleared');
  const experts = await expertsByIds(db, panel.map((m) => m.expert_id));
  const sheets = await sheetsOf(db, app.id);
  const submitted = members.filter((m) => sheets.find((s) => s.expert_id === m.expert_id)?.status === 'submitted');
  const names = new Map(panel.map((m) => [String(m.expert_id), experts.get(m.expert_id)?.name ?? `专家${m.expert_id}`]));
  const peers = JSON.parse(plan.peers_json) as Record<string, { code: string; name: string; value: number }[]>;
  const peerUnits = new Map<string, { unit: string; name: string; peerGroup: string; answers: Record<string, Record<string, { value: number }>> }>();
  for (const [key, rows] of Object.entries(peers)) {
    const item = key.slice(0, key.lastIndexOf('.'));
    const criterion = key.slice(key.lastIndexOf('.') + 1);
    for (const r of rows) {
      const u = peerUnits.get(r.code) ?? { unit: r.code, name: r.name, peerGroup: 'peers', answers: {} };
      u.answers[item] = { ...(u.answers[item] ?? {}), [criterion]: { value: r.value } };
      peerUnits.set(r.code, u);
    }
  }
  const result = consolidate({
    framework: frameworkOfRound(a.round),
    unit: { code: `application-${app.id}`, peerGroup: 'peers' },
    peers: [...peerUnits.values()],
    notApplicable: naKeysOf(plan),
    experts: submitted.map((m) => ({ expert: String(m.expert_id), items: itemsOf(m), answers: JSON.parse(sheets.find((s) => s.expert_id === m.expert_id)!.answers_json) })),
    method: plan.method,
    threshold: plan.threshold,
    agreed: app.agreed_json ? JSON.parse(app.agreed_json) : {},
  });
  const name = (m: MemberRow) => names.get(String(m.expert_id))!;
  return {
    result,
    names,
    // not yet submitted, or not yet declared (回避声明): either way their scores are still to come
    pending: panel.filter((m) => m.status !== 'conflicted' && !submitted.includes(m)).map(name),
    // declared a conflict after the plan was approved: their items wait on a new plan version
    conflicted: panel.filter((m) => m.status === 'conflicted').map(name),
    method: plan.method,
    plan,
  };
}

type Agreed = Record<string, AgreedScore>;

/**
 * The application locked for one of the team leader's acts (`act`: an agreed score, the confirmation) at the version
 * the leader saw. A change since the leader's page was read (the leader's own other window, a double click) is told
 * first, with who and when (`stale`), before the state rule's 「不在评审阶段」, which would read as if something had
 * gone wrong; then whether the caller leads this panel and may act now (leaderActRefusal).
 */
async function lockedForLeader(c: Change, seen: ApplicationRow, version: number, act: Parameters<typeof leaderActRefusal>[2], stale: string): Promise<ApplicationRow> {
  const app = (await lockApplication(c.trx, seen.id))!;
  const { member } = await myPlace(c.trx, app.id, c.user.id);
  if (isLeader(member) && app.version !== version) throw await applicationChanged(c, app.id, stale, { version: app.version });
  ensure(leaderActRefusal(member, app, act));
  return app;
}

/** The application locked for the team leader's change of an agreed score, with the agreed scores so far. */
async function agreedForLeader(c: Change, seen: ApplicationRow, version: number) {
  const app = await lockedForLeader(c, seen, version, '确定分歧项目的得分', '综合评价已在其他窗口或由他人更新（如另一项得分已确定），请刷新后查看再确定');
  return { app, agreed: app.agreed_json ? (JSON.parse(app.agreed_json) as Agreed) : {} };
}

/** The 综合评价 with `agreed` in place of the stored agreed scores (the same checks as the 综合评价 itself). */
async function consolidationWith(c: Change, a: RoundAccess, app: ApplicationRow, itemCode: string, agreed: Agreed) {
  try {
    const now = await consolidationOf(c.trx, a, { ...app, agreed_json: JSON.stringify(agreed) });
    const item = now?.result.items.find((i) => i.code === itemCode);
    if (now && !item) throw new Error(`评分表中没有第${itemCode}项`);
    return { now, item };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badRequest((e as Error).message, [{ field: 'score', message: (e as Error).message }]);
  }
}

const storeAgreed = (c: Change, app: ApplicationRow, agreed: Agreed) =>
  setConsolidation(c.trx, app.id, { agreed_json: JSON.stringify(agreed), version: app.version + 1, updated_at: c.clock.at });

/** The team leader's agreed score of one item (the discussion's outcome), with the reason. */
export async function setAgreed(c: Change, a: RoundAccess, seen: ApplicationRow, itemCode: string, body: AgreedBody): Promise<void> {
  const { app, agreed } = await agreedForLeader(c, seen, body.version);
  const before = agreed[itemCode];
  // stored as the engine reads it (15.00 typed is 15), so the stored figure and the audit row say what counts
  const score = agreedScoreText(body.score, itemCode);
  // the score within the item's maximum, the item in the score sheet
  const { now, item } = await consolidationWith(c, a, app, itemCode, { ...agreed, [itemCode]: { score, reason: body.reason } });
  // only an item the experts disagree on (or every item, when the plan has the leader decide) is the leader's to
  // settle; any other item counts at the plan's method, so a score the panel agreed on is never overridden alone
  if (now && item && !item.flagged && now.method !== 'leader') {
    throw conflict(`第${itemCode}项各专家评分没有较大分歧，按“${COMBINE_METHOD_LABELS[now.method]}”计${item.byMethod ?? '—'}分，组长不能另定得分`);
  }
  // decided on the expert scores as they stand: a later change of any of them makes it stale (consolidate)
  const decided: AgreedScore = { score, reason: body.reason, expertScores: item?.basis ?? {} };
  await storeAgreed(c, app, { ...agreed, [itemCode]: decided });
  await c.audit({
    action: 'evaluationApplication.agree',
    entityType: 'evaluation_application',
    entityId: app.id,
    before: before ? { item: itemCode, ...before } : undefined,
    after: { item: itemCode, ...decided },
  });
}

/** The team leader withdraws an agreed score, with the reason: the item counts at the plan's method again, or is open. */
export async function withdrawAgreed(c: Change, a: RoundAccess, seen: ApplicationRow, itemCode: string, body: WithdrawAgreedBody): Promise<void> {
  const { app, agreed } = await agreedForLeader(c, seen, body.version);
  const { [itemCode]: before, ...next } = agreed;
  if (!before) throw conflict(`第${itemCode}项没有组长确定的得分，无需撤销`);
  await consolidationWith(c, a, app, itemCode, next);
  await storeAgreed(c, app, next);
  await c.audit({
    action: 'evaluationApplication.agree.withdraw',
    entityType: 'evaluation_application',
    entityId: app.id,
    before: { item: itemCode, ...before },
    after: { item: itemCode, withdrawn: true, reason: body.reason },
  });
}

/** The team leader confirms the 综合评价: every expert has submitted and no item is open; the result is stored. */
export async function confirmConsolidation(c: Change, a: RoundAccess, seen: ApplicationRow, version: number): Promise<void> {
  const { clock } = c;
  const app = await lockedForLeader(c, seen, version, '确认综合评价结果', '申请已被他人处理，请刷新后重试');
  const found = await consolidationOf(c.trx, a, app);
  ensure(confirmRefusal(found, clock.today));
  const now = found!; // confirmRefusal refuses a missing 综合评价
  const at = clock.at;
  await setConsolidation(c.trx, app.id, { consolidation_json: JSON.stringify(now.result), updated_at: at });
  await transition(c, { workflow: APPLICATION_WORKFLOW, table: 'evaluation_application', key: { id: app.id }, from: app.status, event: 'consolidate', entityId: app.id, set: { updated_at: at }, detail: { total: now.result.total, passed: now.result.passed } });
}

/**
 * The expert pool's entry checked: the region is a city or county, the account is a 评价专家 that signs in (not 停用 nor
 * 待审核), not linked to another entry, and, when linked or renamed, the person the entry names (expertNameRefusal).
 */
async function expertColumns(c: Change, body: ExpertBody, selfId?: number) {
  if (body.regionId !== null) {
    const region = await orgKindOf(c.trx, body.regionId);
    if (!region || (region.kind !== 'city' && region.kind !== 'county')) throw badRequest('所在地区须为市州或县市区', [{ field: 'regionId', message: '请选择市州或县市区' }]);
  }
  let userId: number | null = null;
  if (body.username) {
    const u = await expertAccount(c.trx, body.username);
    if (!u || u.role !== 'expert') throw badRequest(`账户${body.username}不存在或不是评价专家`, [{ field: 'username', message: '请填写角色为评价专家的账户' }]);
    const pool = await expertsOf(c.trx, c.user.orgUnitId, true);
    // a stopped account, or one still 待审核, does not sign in: its expert could never declare 回避 nor score. An entry
    // linked before the account was stopped keeps its link, so that it can still be edited or taken out of the pool.
    const linked = selfId !== undefined && pool.some((e) => e.id === selfId && e.user_id === u.id);
    const blocked = accountBlocked(u.status);
    if (blocked && !linked) {
      throw badRequest(`账户${body.username}${blocked.state}，不能关联专家库：${blocked.ask}，或填写其他评价专家账户`, [{ field: 'username', message: `该账户${blocked.state}` }]);
    }
    const taken = pool.find((e) => e.user_id === u.id && e.id !== selfId);
    if (taken) throw conflict(`账户${body.username}已关联专家库中的${taken.name}`, undefined, [{ field: 'username', message: '已被其他专家使用' }]);
    // the name is checked when the link is made or the entry renamed: an entry saved as it stands keeps its link (the
    // account renamed since by the system administrator; an entry linked before this check, to be taken out of the pool)
    const kept = linked && pool.some((e) => e.id === selfId && e.name === body.name);
    if (!kept) ensure(expertNameRefusal(body.name, body.username, u.display_name));
    userId = u.id;
  }
  return { name: body.name, organisation: body.organisation, region_org_id: body.regionId, field: body.field, title: body.title || null, user_id: userId };
}

export async function addExpert(c: Change, body: ExpertBody): Promise<number> {
  const { clock } = c;
  const at = clock.at;
  const id = await insertExpert(c.trx, { organiser_org_id: c.user.orgUnitId, ...(await expertColumns(c, body)), created_at: at, updated_at: at });
  await c.audit({ action: 'expert.create', entityType: 'expert', entityId: id, after: body });
  return id;
}

export async function editExpert(c: Change, id: number, body: UpdateExpertBody): Promise<void> {
  const { clock } = c;
  const e = await findExpert(c.trx, id);
  if (!e || e.organiser_org_id !== c.user.orgUnitId) throw notFound(`专家${id}不在本单位的专家库中`);
  if (e.version !== body.version) throw await changedMeanwhile(c, 'expert', id, '该专家信息已被他人修改，请刷新后再改', { version: e.version });
  const cols = await expertColumns(c, body, id);
  if (!(await updateExpert(c.trx, id, body.version, { ...cols, active: body.active ? 1 : 0, updated_at: clock.at }))) throw await changedMeanwhile(c, 'expert', id, '该专家信息已被他人修改，请刷新后再改');
  await c.audit({ action: 'expert.update', entityType: 'expert', entityId: id, before: { name: e.name, organisation: e.organisation, regionId: e.region_org_id, field: e.field, title: e.title, active: e.active === 1 }, after: body });
}

/**
 * The experts' 扣分理由 for an application, by "item.criterion", names dropped, in item order: only the reasons of
 * the given experts (those whose scores the 综合评价 counted), for their assigned items, and only where their answer
 * actually loses points (an on-site revision up to full marks keeps its reason on the sheet, but it is no 扣分理由).
 */
export async function deductionReasons(db: Kysely<Database>, fw: Framework, applicationId: number, plan: PlanRow | undefined, experts: ReadonlySet<string>): Promise<Record<string, string[]>> {
  const members = plan ? (await membersOf(db, plan.id)).filter((m) => m.status === 'cleared' && experts.has(String(m.expert_id))) : [];
  const sheets = (await sheetsOf(db, applicationId)).filter((s) => members.some((m) => m.expert_id === s.expert_id));
  const sheet = plan ? planSheet(fw, plan) : fw;
  const reasons: Record<string, string[]> = {};
  for (const s of sheets) {
    const assigned = new Set(itemsOf(members.find((m) => m.expert_id === s.expert_id)!));
    const answers = JSON.parse(s.answers_json) as Record<string, Record<string, unknown>>;
    for (const [key, text] of Object.entries(JSON.parse(s.reasons_json) as Record<string, string>)) {
      const { item, criterion } = splitKey(key);
      if (!assigned.has(item) || !text?.trim()) continue;
      const answer = answers[item]?.[criterion];
      const check = answer === undefined ? null : checkAnswer(sheet, item, criterion, answer);
      if (check?.ok && pointsLost(sheet, item, check, answer) === null) continue;
      reasons[key] = [...(reasons[key] ?? []), text];
    }
  }
  return Object.fromEntries(Object.entries(reasons).sort(([x], [y]) => x.localeCompare(y, 'en', { numeric: true })));
}

/**
 * The experts' opinions on each item that lost points, as the 评价报告 prints them under 失分项目及专家意见 (the same
 * items, `lostItems`, and the same words, `itemOpinions`, over the same reasons): names dropped, each reason once, the
 * criterion named on an item of several. An item that lost points with no reason written has none.
 */
export async function lostItemOpinions(db: Kysely<Database>, fw: Framework, app: ApplicationRow, c: Consolidation): Promise<Record<string, string[]>> {
  const reasons = await deductionReasons(db, fw, app.id, await approvedPlanOf(db, app.id), expertsScored(c));
  const criteria = criterionTitles(fw);
  return Object.fromEntries(lostItems(c).map((i) => [i.code, itemOpinions(criteria, reasons, i.code)]));
}

/**
 * The review pages the caller may open now, by the same rules their routes apply: the plan (organiser, leader, an
 * expert on it), the 自评 and the on-site findings (reviewMaterialRefusal: the applicant, organiser, leader, an expert
 * who declared no conflict; the expert's score sheet reads the findings by this link), the expert's own sheet
 * (declared, on the approved plan, with items), the 综合评价 (organiser and leader once a plan is approved, an expert
 * after submitting, the applicant once confirmed).
 */
export async function reviewLinks(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, self: SelfRow | undefined) {
  const planned = !['draft', 'submitted', 'refused'].includes(app.status);
  const own = a.as === 'applicant' && app.applicant_org_id === a.user.orgUnitId;
  const overseer = a.as === 'organiser' || a.as === 'leader';
  // the 通知书 once decided (organiser, leader, applicant); the 评价报告 once the 综合评价 is confirmed (and cleared
  // experts): the download routes' own refusals
  const decisionDoc = decisionDocRefusal(a, app) === null;
  if (a.as !== 'expert') {
    const material = reviewMaterialRefusal(a, app, false, '自评') === null;
    const approved = overseer && (await approvedPlanOf(db, app.id)) !== undefined;
    return {
      plan: overseer && planned,
      selfAssessment: material && selfDraftRefusal(a, app, self) === null,
      findings: material,
      sheet: false,
      consolidation: approved || (own && !!app.consolidation_json && !applicantResultRefusal(a, app)),
      decisionDoc,
      reportDoc: reportDocRefusal(a, app, false) === null,
    };
  }
  const { plan, member } = await myPlace(db, app.id, a.user.id);
  const cleared = member?.status === 'cleared';
  const sheet = member ? await sheetOf(db, app.id, member.expert_id) : undefined;
  // once the evaluation is over for the panel, the expert's own sheet only (panelReadRefusal)
  const open = panelReadRefusal(a, app) === null;
  const material = reviewMaterialRefusal(a, app, cleared, '自评') === null;
  return {
    plan: true,
    selfAssessment: material && selfDraftRefusal(a, app, self) === null,
    findings: material,
    sheet: !!plan && cleared && itemsOf(member!).length > 0,
    consolidation: cleared && open && !!sheet && (sheet.status === 'submitted' || sheet.stage === 'site'),
    decisionDoc,
    reportDoc: reportDocRefusal(a, app, cleared) === null,
  };
}
