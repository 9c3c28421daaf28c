/** The evaluation plan, the panel's 回避 declarations, the experts' sheets and the 综合评价. Each handler: load → check → call → present. */
import { z } from 'zod';
import { SHEET_WORKFLOW } from '../../../../shared/workflow/evaluation';
import type { Consolidation } from '../../../../shared/evaluation/consolidate';
import { findTransition } from '../../../../shared/workflow/workflow';
import { choiceOf, versionOf } from '../../../../shared/contracts/common';
import { agreedBody, withdrawAgreedBody, applicationParams, expertBody, expertParams, planMemberParams, expertView, itemEvidenceView, planBody, updateExpertBody, planPage, putSheetScoreBody, recusalBody, sheetCellParams, sheetView } from '../../../../shared/contracts/evaluation';
import { text } from '../../../../shared/contracts/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { route, type RouteDef } from '../../../core/route';
import { ensure, findingRefusal, isOverForPanel, mayReadRecusal, panelReadRefusal, type RoundAccess } from '../evaluation.policy';
import { frameworkOfRound } from '../evaluation.presenter';
import { applicationAccess, findApplication, lineageOf, orgsByIds, type ApplicationRow } from '../evaluation.queries';
import { addExpert, approvePlan, lostItemOpinions, confirmConsolidation, editExpert, consolidationOf, declareRecusal, missingOf, myPlace, selfSubmitted, planSheet, putSheetScore, reopenSheetForSite, savePlan, setAgreed, submitSheet, withdrawAgreed } from './review.commands';
import { peerSnapshot } from '../peers/peers.commands';
import {
  clearedRefusal,
  consolidationAbilities,
  followsPeerTable,
  isCleared,
  isDraftPlan,
  itemsOf,
  mayDeclareRecusal,
  othersScoresRefusal,
  planAbilities,
  planProblems,
  peerTableWarnings,
  planReaderRefusal,
  readsResultOnly,
  resultReadRefusal,
  scoreRefusal,
  sheetHidden,
  sheetReopenRefusal,
} from './review.policy';
import { itemEvidence } from './review.evidence';
import { presentApplicantConsolidation, presentConsolidation, presentExpert, presentPlan, presentSheet } from './review.presenter';
import { expertOfUser, expertsByIds, expertsOf, findMember, findPlan, membersOf, plansOf, revisionsOf, sheetOf, sheetsOf, usernamesOf, type PlanRow } from './review.queries';

/** an application and one item of its score sheet (the agreed-score routes) */
const agreedItemParams = z.strictObject({ id: applicationParams.shape.id, itemCode: text().max(10) });
const TAGS = ['质量强市（县）创建评价'];

/**
 * The plan page: the newest plan version as the caller sees it (null: none yet), and what the page offers
 * (planAbilities; 回避声明 on the expert's own seat still 待声明 of a live version, while recusalRefusal lets it).
 */
async function planPageOf(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow) {
  const latest = (await plansOf(db, app.id))[0];
  const plan = await planViewOf(db, a, app, latest);
  return { plan, abilities: { ...planAbilities(a, app, latest), declare: mayDeclareRecusal(a, app, plan) } };
}

/** The newest plan version (`stored`, as read by the page) as the organiser, a leader or an expert on it sees it (null: none yet). */
async function planViewOf(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, stored: PlanRow | undefined) {
  if (!stored) return null;
  const mine = new Set((await expertOfUser(db, a.user.id)).map((e) => e.id));
  // a draft follows its peer table; an approved plan shows the copy it took
  const live = followsPeerTable(stored) ? await peerSnapshot(db, stored.peer_table_id, app.applicant_org_id) : undefined;
  const plan = live ? { ...stored, peers_json: JSON.stringify(live.peers), peer_table_title: live.title } : stored;
  const members = await membersOf(db, plan.id);
  const experts = await expertsByIds(db, members.map((m) => m.expert_id));
  const lineage = await lineageOf(db, app.applicant_org_id);
  const orgs = await orgsByIds(db, [...experts.values()].flatMap((e) => (e.region_org_id ? [e.region_org_id] : [])));
  const fw = frameworkOfRound(a.round);
  const problems = isDraftPlan(plan) ? planProblems(fw, plan, members, experts, a.round.year) : [];
  const warnings = live ? peerTableWarnings(live.year, a.round.year) : [];
  return presentPlan(plan, fw, members, experts, orgs, lineage, await sheetsOf(db, app.id), problems, warnings, mine, (expertId) => mayReadRecusal(a, mine.has(expertId)));
}

async function sheetViewOf(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, userId: number, today: string) {
  const { plan, member } = await myPlace(db, app.id, userId);
  if (!plan || !member) throw sheetHidden();
  ensure(clearedRefusal(member, '查看材料和评分'));
  const fw = planSheet(frameworkOfRound(a.round), plan);
  const sheet = await sheetOf(db, app.id, member.expert_id);
  const expert = (await expertsByIds(db, [member.expert_id])).get(member.expert_id)!;
  const missing = missingOf(frameworkOfRound(a.round), plan, member, sheet);
  // the registers' evidence is the applicant's material: not once the evaluation is over for the panel
  const evidence = isOverForPanel(app) ? [] : await itemEvidence(db, itemsOf(member), app.applicant_org_id, a.round.year);
  const submittedSelf = await selfSubmitted(db, app.id);
  // what the page offers: the commands' own refusals (putSheetScore / submitSheet, reopenSheetForSite, recordFinding)
  const abilities = {
    score: scoreRefusal(app, plan, member, sheet, submittedSelf, today) === null,
    reopen: !!sheet && !!findTransition(SHEET_WORKFLOW, sheet.status, 'reopenForSite') && sheetReopenRefusal(app, plan, member, sheet, submittedSelf, today) === null,
    recordFinding: findingRefusal(a, app, a.as === 'expert' && isCleared(member)) === null,
  };
  return presentSheet(app.id, { id: expert.id, name: expert.name }, fw, plan, member, sheet, missing, sheet ? await revisionsOf(db, sheet.id) : [], submittedSelf, abilities, evidence);
}

/** The 综合评价 as the organiser, a leader or an expert of the panel sees it (an expert once its own sheet is submitted). */
async function consolidationViewOf(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, userId: number, today: string) {
  let member: Awaited<ReturnType<typeof myPlace>>['member'];
  if (a.as === 'expert') {
    ensure(panelReadRefusal(a, app));
    const place = await myPlace(db, app.id, userId);
    member = place.member;
    const sheet = member ? await sheetOf(db, app.id, member.expert_id) : undefined;
    ensure(othersScoresRefusal(place.plan, member, sheet));
  }
  const now = await consolidationOf(db, a, app);
  const evidence = await itemEvidence(db, frameworkOfRound(a.round).sections.flatMap((s) => s.items.map((i) => i.code)), app.applicant_org_id, a.round.year);
  return presentConsolidation(app, now, evidence, consolidationAbilities(member, app, now, today));
}

async function poolView(db: Kysely<Database>, organiserId: number, all: boolean) {
  const experts = await expertsOf(db, organiserId, all);
  const orgs = await orgsByIds(db, experts.flatMap((e) => (e.region_org_id ? [e.region_org_id] : [])));
  const usernames = await usernamesOf(db, experts.flatMap((e) => (e.user_id ? [e.user_id] : [])));
  return experts.map((e) => presentExpert(e, orgs, usernames));
}

const versionBody = z.strictObject({ version: versionOf('请带上版本号') });

export const reviewRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/evaluation-experts',
    access: 'evaluation.manage',
    summary: '本单位的评价专家库',
    tags: TAGS,
    response: z.object({ items: z.array(expertView) }),
    query: z.strictObject({ all: choiceOf({ true: '全部专家（含已移出）', false: '在库专家' }, '专家范围').optional() }),
    handler: async (ctx) => ({ items: await poolView(ctx.db, ctx.me().orgUnitId, ctx.query.all === 'true') }),
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-experts',
    access: 'evaluation.manage',
    summary: '专家库：新增专家（姓名、工作单位、所在地区、专业领域、职称，可关联评价专家账户）',
    tags: TAGS,
    body: expertBody,
    response: z.object({ items: z.array(expertView) }),
    status: 201,
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await addExpert(c, ctx.body);
        return { items: await poolView(c.trx, c.user.orgUnitId, true) };
      }),
  }),
  route({
    method: 'PUT',
    url: '/api/evaluation-experts/:id',
    access: 'evaluation.manage',
    summary: '专家库：修改专家信息或移出专家库（带 version）',
    tags: TAGS,
    params: expertParams,
    body: updateExpertBody,
    response: z.object({ items: z.array(expertView) }),
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await editExpert(c, ctx.params.id, ctx.body);
        return { items: await poolView(c.trx, c.user.orgUnitId, true) };
      }),
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/plan',
    access: 'evaluation.read',
    summary: '评价工作方案（最新版本；草稿附不能批准的原因）',
    tags: TAGS,
    params: applicationParams,
    response: planPage,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      ensure(planReaderRefusal(a));
      return await planPageOf(ctx.db, a, app);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/evaluation-applications/:id/plan',
    access: 'evaluation.manage',
    summary: '制定或修改评价工作方案草稿；已批准的方案修订为新版本（version 为 null，须写明理由）',
    tags: TAGS,
    params: applicationParams,
    body: planBody,
    response: planPage,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await savePlan(c, a, app, ctx.body);
        return await planPageOf(c.trx, a, app);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/plan/approve',
    access: 'evaluation.manage',
    summary: '批准评价工作方案（此后冻结；首次批准后申请进入评审）',
    tags: TAGS,
    params: applicationParams,
    body: versionBody,
    response: planPage,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await approvePlan(c, a, app, ctx.body.version);
        return await planPageOf(c.trx, a, app);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/plan-members/:id/recusal',
    access: 'evaluation.review',
    summary: '回避声明：评价组专家本人声明与申请单位无利害关系，或声明需回避（选择情形）',
    tags: TAGS,
    params: planMemberParams,
    body: recusalBody,
    response: planPage,
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await declareRecusal(c, ctx.params.id, ctx.body);
        const m = (await findMember(c.trx, ctx.params.id))!;
        const plan = (await findPlan(c.trx, m.plan_id))!;
        const { a, app } = await applicationAccess(c.trx, c.user, plan.application_id);
        return await planPageOf(c.trx, a, app);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/sheet',
    access: 'evaluation.review',
    summary: '本人的评分表（分配给本人的项目；须先声明无利害关系）',
    tags: TAGS,
    params: applicationParams,
    response: sheetView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return sheetViewOf(ctx.db, a, app, ctx.me().id, ctx.clock().today);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/evaluation-applications/:id/sheet/:itemCode/:criterionCode',
    access: 'evaluation.review',
    summary: '评一条评分细则（按评分方法作答；失分须写扣分理由；现场评审修改须写理由）',
    tags: TAGS,
    params: sheetCellParams,
    body: putSheetScoreBody,
    response: sheetView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await putSheetScore(c, a, app, ctx.params.itemCode, ctx.params.criterionCode, ctx.body);
        return sheetViewOf(c.trx, a, (await findApplication(c.trx, app.id))!, c.user.id, ctx.clock().today);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/sheet/submit',
    access: 'evaluation.review',
    summary: '提交本人的评分（分配的评分细则须全部评完）',
    tags: TAGS,
    params: applicationParams,
    body: versionBody,
    response: sheetView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await submitSheet(c, a, app, ctx.body.version);
        return sheetViewOf(c.trx, a, app, c.user.id, ctx.clock().today);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/sheet/reopen',
    access: 'evaluation.review',
    summary: '现场评审：重新打开本人已提交的评分表以便修改（每次修改保留修改前后与理由）',
    tags: TAGS,
    params: applicationParams,
    body: versionBody,
    response: sheetView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await reopenSheetForSite(c, app, ctx.body.version);
        return sheetViewOf(c.trx, a, app, c.user.id, ctx.clock().today);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/consolidation',
    access: 'evaluation.read',
    summary: '综合评价：每项各专家得分、极差、平均分、分歧标记与组长确定的得分；专家须先提交本人评分才能查看',
    tags: TAGS,
    params: applicationParams,
    response: z.object({
      consolidation: z.unknown().nullable(),
      experts: z.record(z.string(), z.string()),
      pending: z.array(z.string()),
      evidence: z.array(itemEvidenceView),
      /** the applicant's only: each item that lost points → the experts' opinions as the 评价报告 prints them, names dropped */
      opinions: z.record(z.string(), z.array(z.string())).optional(),
      /** the team leader's 确定得分 and 确认综合评价 (leaderActRefusal, confirmRefusal); `waiting`: why the leader cannot confirm yet */
      abilities: z.object({ agree: z.boolean(), confirm: z.boolean(), waiting: z.string().nullable() }),
      version: z.number(),
    }),
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      if (readsResultOnly(a)) {
        // the applicant sees the confirmed result only, once fed back, and never one expert's scores by name
        ensure(resultReadRefusal(a, app));
        const stored = JSON.parse(app.consolidation_json!) as Consolidation;
        return presentApplicantConsolidation(app, stored, await lostItemOpinions(ctx.db, frameworkOfRound(a.round), app, stored));
      }
      return consolidationViewOf(ctx.db, a, app, ctx.me().id, ctx.clock().today);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/evaluation-applications/:id/agreed/:itemCode',
    access: 'evaluation.review',
    summary: '组长确定分歧项目的得分（讨论结果，须写明理由）',
    tags: TAGS,
    params: agreedItemParams,
    body: agreedBody,
    response: z.object({ ok: z.literal(true) }),
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      await ctx.tx((c) => setAgreed(c, a, app, ctx.params.itemCode, ctx.body));
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/agreed/:itemCode/withdraw',
    access: 'evaluation.review',
    summary: '组长撤销已确定的得分（须写明理由；该项恢复按综合方法计分，仍有分歧的重新待定）',
    tags: TAGS,
    params: agreedItemParams,
    body: withdrawAgreedBody,
    response: z.object({ ok: z.literal(true) }),
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      await ctx.tx((c) => withdrawAgreed(c, a, app, ctx.params.itemCode, ctx.body));
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/consolidate',
    access: 'evaluation.review',
    summary: '组长确认综合评价结果（全部专家已提交、无待讨论的分歧项目）',
    tags: TAGS,
    params: applicationParams,
    body: versionBody,
    response: z.object({ ok: z.literal(true) }),
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      await ctx.tx((c) => confirmConsolidation(c, a, app, ctx.body.version));
      return { ok: true as const };
    },
  }),
];
