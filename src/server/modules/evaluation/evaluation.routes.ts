/** The creation evaluation's routes: rounds, applications and the eligibility review. Each handler: load → check → call → present. */
import { z } from 'zod';
import {
  answerConsultationBody,
  applicationEventBody,
  applicationParams,
  applicationView,
  registerEntry,
  consultationParams,
  consultationView,
  consultBody,
  createApplicationBody,
  createRoundBody,
  roundParams,
  roundView,
  updateApplicationBody,
} from '../../../shared/contracts/evaluation';
import { choiceOf, versionOf } from '../../../shared/contracts/common';
import { ROUND_WORKFLOW } from '../../../shared/workflow/evaluation';
import { eventLabels } from '../../../shared/workflow/workflow';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { route, type RouteDef } from '../../core/route';
import { reviewLinks } from './review/review.commands';
import { selfOf } from './self/self.queries';
import { answerConsultation, applicationTaken, consult, createApplication, createRound, editApplication, moveApplication, moveRound, namingRegistered, roundTaken } from './evaluation.commands';
import { roundAbilities, roundNotFound, type RoundAccess } from './evaluation.policy';
import { conditionTexts, frameworkOfRound, presentApplication, presentConsultation, presentRound } from './evaluation.presenter';
import {
  applicationAccess,
  applicationCounts,
  applicationOf,
  consultationsOf,
  consultationsOfDepartment,
  findApplication,
  findRound,
  loadRoundAccess,
  namedApplications,
  orgsByIds,
  roundAccess,
  roundAccesses,
  visibleApplications,
  type ApplicationRow,
} from './evaluation.queries';

const TAGS = ['质量强市（县）创建评价'];

/** the round's abilities for the caller (roundAbilities), with its unit's application to it where it applies */
async function roundAbilitiesOf(db: Kysely<Database>, a: RoundAccess) {
  return roundAbilities(a, a.as === 'applicant' ? await applicationOf(db, a.round.id, a.user.orgUnitId) : undefined);
}

async function viewOf(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, today: string) {
  const consultations = await consultationsOf(db, [app.id]);
  const orgs = await orgsByIds(db, [app.applicant_org_id, ...consultations.map((c) => c.department_id)]);
  const self = await selfOf(db, app.id);
  return presentApplication(a, app, orgs, consultations, self, await reviewLinks(db, a, app, self), today);
}

/** Applications of one round as a list: each with the same links as its own view (reviewLinks decides for both). */
async function presentList(db: Kysely<Database>, a: RoundAccess, apps: ApplicationRow[], today: string) {
  const consultations = await consultationsOf(db, apps.map((x) => x.id));
  const orgs = await orgsByIds(db, [...apps.map((x) => x.applicant_org_id), ...consultations.map((c) => c.department_id)]);
  const out = [];
  for (const app of apps) {
    const self = await selfOf(db, app.id);
    out.push(presentApplication(a, app, orgs, consultations.filter((c) => c.application_id === app.id), self, await reviewLinks(db, a, app, self), today));
  }
  return out;
}

export const evaluationRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/evaluation-rounds',
    access: 'evaluation.read',
    summary: '创建评价批次列表（组织单位：本单位的；市县：可申请的；领导：所辖的；成员单位：征求过意见的）',
    tags: TAGS,
    response: z.object({ items: z.array(roundView) }),
    handler: async (ctx) => {
      const visible: RoundAccess[] = [];
      for (const a of await roundAccesses(ctx.db, ctx.me())) {
        if ((a.as !== 'department' && a.as !== 'expert') || (await visibleApplications(ctx.db, a)).length) visible.push(a);
      }
      const counts = await applicationCounts(ctx.db, visible.map((a) => a.round.id));
      const items = [];
      for (const a of visible) items.push(presentRound(a.round, a.organiser, counts.get(a.round.id) ?? 0, await roundAbilitiesOf(ctx.db, a)));
      return { items };
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-rounds',
    access: 'evaluation.manage',
    summary: '开启一个年度的创建评价批次（本单位为评价组织单位，评分表为 DB43表A.1）',
    tags: TAGS,
    body: createRoundBody,
    response: roundView,
    status: 201,
    handler: async (ctx) =>
      roundTaken(ctx.db, ctx.me().orgUnitId, ctx.me().id, ctx.body.year, () =>
        ctx.tx(async (c) => {
          const roundId = await createRound(c, ctx.body);
          const a = (await loadRoundAccess(c.trx, c.user, roundId))!;
          return presentRound(a.round, a.organiser, 0, await roundAbilitiesOf(c.trx, a));
        }),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-rounds/:id',
    access: 'evaluation.read',
    summary: '一个创建评价批次',
    tags: TAGS,
    params: roundParams,
    response: roundView,
    handler: async (ctx) => {
      const a = await roundAccess(ctx.db, ctx.me(), ctx.params.id);
      if ((a.as === 'department' || a.as === 'expert') && !(await visibleApplications(ctx.db, a)).length) throw roundNotFound(ctx.params.id);
      return presentRound(a.round, a.organiser, (await applicationCounts(ctx.db, [a.round.id])).get(a.round.id) ?? 0, await roundAbilitiesOf(ctx.db, a));
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-rounds/:id/transition',
    access: 'evaluation.manage',
    summary: '截止申请（close）或重新开放申请（reopen）',
    tags: TAGS,
    params: roundParams,
    body: z.strictObject({ event: choiceOf(eventLabels(ROUND_WORKFLOW), '操作'), version: versionOf('请带上版本号') }),
    response: roundView,
    handler: async (ctx) => {
      const a = await roundAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await moveRound(c, a, ctx.body.event, ctx.body.version);
        const round = (await findRound(c.trx, a.round.id))!;
        return presentRound(round, a.organiser, (await applicationCounts(c.trx, [round.id])).get(round.id) ?? 0, await roundAbilitiesOf(c.trx, { ...a, round }));
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-rounds/:id/applications',
    access: 'evaluation.read',
    summary: '本批次的申请（按身份可见范围）',
    tags: TAGS,
    params: roundParams,
    response: z.object({ items: z.array(applicationView) }),
    handler: async (ctx) => {
      const a = await roundAccess(ctx.db, ctx.me(), ctx.params.id);
      return { items: await presentList(ctx.db, a, await visibleApplications(ctx.db, a), ctx.clock().today) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-rounds/:id/applications',
    access: 'evaluation.apply',
    summary: '申请创建评价（草稿）：联系人，并逐项说明四种不予受理情形均不存在',
    tags: TAGS,
    params: roundParams,
    body: createApplicationBody,
    response: applicationView,
    status: 201,
    handler: async (ctx) => {
      const a = await roundAccess(ctx.db, ctx.me(), ctx.params.id);
      return applicationTaken(ctx.db, a.round.id, ctx.me().orgUnitId, ctx.me().id, () =>
        ctx.tx(async (c) => viewOf(c.trx, a, (await findApplication(c.trx, await createApplication(c, a, ctx.body)))!, ctx.clock().today)),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-applications',
    access: 'evaluation.read',
    summary: '我能看到的全部创建评价申请（各批次，新的在前）',
    tags: TAGS,
    response: z.object({ items: z.array(applicationView) }),
    handler: async (ctx) => {
      const items = [];
      for (const a of await roundAccesses(ctx.db, ctx.me())) {
        items.push(...(await presentList(ctx.db, a, await visibleApplications(ctx.db, a), ctx.clock().today)));
      }
      return { items };
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id',
    access: 'evaluation.read',
    summary: '一份创建评价申请（申请单位、组织单位、领导；被征求意见的成员单位）',
    tags: TAGS,
    params: applicationParams,
    response: applicationView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return viewOf(ctx.db, a, app, ctx.clock().today);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/evaluation-applications/:id',
    access: 'evaluation.apply',
    summary: '修改申请草稿（带 version，版本不符返回409）',
    tags: TAGS,
    params: applicationParams,
    body: updateApplicationBody,
    response: applicationView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await editApplication(c, a, app, ctx.body);
        return viewOf(c.trx, a, (await findApplication(c.trx, app.id))!, ctx.clock().today);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/transition',
    access: 'evaluation.read',
    summary: '提交申请（submit，申请单位）；受理（accept）、不予受理（refuse，须选情形并写明理由）、退回补正（return，须写明理由）（组织单位）',
    tags: TAGS,
    params: applicationParams,
    body: applicationEventBody,
    response: applicationView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return namingRegistered(ctx.db, a.round, ctx.body, () =>
        ctx.tx(async (c) => {
          await moveApplication(c, a, app, ctx.body);
          return viewOf(c.trx, a, (await findApplication(c.trx, app.id))!, ctx.clock().today);
        }),
      );
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/consultations',
    access: 'evaluation.manage',
    summary: '受理审查：就不予受理情形征求成员单位意见（每个成员单位一份）',
    tags: TAGS,
    params: applicationParams,
    body: consultBody,
    response: applicationView,
    status: 201,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await consult(c, a, app, ctx.body);
        return viewOf(c.trx, a, (await findApplication(c.trx, app.id))!, ctx.clock().today);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-register',
    access: 'evaluation.read',
    summary: '已命名的质量强市（县）名录：年度、得分、命名文号',
    tags: TAGS,
    response: z.object({ items: z.array(registerEntry) }),
    handler: async (ctx) => ({
      items: (await namedApplications(ctx.db)).map((r) => ({
        applicationId: r.id,
        applicant: { id: r.applicant_org_id, name: r.name, kind: r.kind },
        year: r.year,
        organiser: { id: r.organiser_org_id, name: r.organiser_name },
        total: r.consolidation_json ? (JSON.parse(r.consolidation_json) as { total: string }).total : '',
        namedAt: r.named_at ?? '',
        docNo: r.naming_doc_no,
      })),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-consultations',
    access: 'evaluation.consult',
    summary: '发给本单位的受理审查征求意见',
    tags: TAGS,
    response: z.object({ items: z.array(consultationView) }),
    handler: async (ctx) => {
      const me = ctx.me();
      const rows = await consultationsOfDepartment(ctx.db, me.orgUnitId);
      const out = [];
      for (const r of rows) {
        const app = (await findApplication(ctx.db, r.application_id))!;
        const round = (await findRound(ctx.db, app.round_id))!;
        const orgs = await orgsByIds(ctx.db, [app.applicant_org_id, r.department_id]);
        out.push(presentConsultation(me, r, orgs, app.applicant_org_id, conditionTexts(frameworkOfRound(round))));
      }
      return { items: out };
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-consultations/:id/answer',
    access: 'evaluation.consult',
    summary: '回复受理审查征求意见：逐项说明是否存在该情形，并写明意见',
    tags: TAGS,
    params: consultationParams,
    body: answerConsultationBody,
    response: consultationView,
    handler: async (ctx) => {
      const me = ctx.me();
      return ctx.tx(async (c) => {
        await answerConsultation(c, ctx.params.id, ctx.body);
        const rows = await consultationsOfDepartment(c.trx, me.orgUnitId);
        const r = rows.find((x) => x.id === ctx.params.id)!;
        const app = (await findApplication(c.trx, r.application_id))!;
        const round = (await findRound(c.trx, app.round_id))!;
        return presentConsultation(c.user, r, await orgsByIds(c.trx, [app.applicant_org_id, r.department_id]), app.applicant_org_id, conditionTexts(frameworkOfRound(round)));
      });
    },
  }),
];
