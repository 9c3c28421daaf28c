/** The incentive policies (激励政策): list with the expiry warning, one policy, add / edit, repeal, supersede. */
import type { Kysely } from 'kysely';
import { idParam } from '../../../../shared/contracts/common';
import { policyBody, policyList, policyUpdateBody, policyView, supersedeBody, versionBody } from '../../../../shared/contracts/honours';
import { chinaDate } from '../../../../shared/deadline';
import { notFound } from '../../../core/errors';
import { route, type RouteDef } from '../../../core/route';
import type { Database } from '../../../db/schema';
import type { SessionUser } from '../../../core/session';
import { mayManagePolicies, policyForReader, policyWriteRefusal } from '../honours.policy';
import { nowOf } from '../honours.routes';
import { orgsByIds } from '../honours.queries';
import { createPolicy, editPolicy, repealPolicy, supersedePolicy } from './policies.commands';
import { presentPolicy } from './policies.presenter';
import { findPolicy, listPolicies, type PolicyRow } from './policies.queries';

const TAGS = ['激励政策'];

/** the policies as the user sees them; `now` (the route's clock, config.now) is the day their expiry counts from, as the 待办's */
async function present(db: Kysely<Database>, user: SessionUser, rows: PolicyRow[], now: Date) {
  const orgs = await orgsByIds(db, rows.map((r) => r.region_org_id));
  const all = await listPolicies(db);
  const titles = new Map(all.map((p) => [p.id, p.title]));
  const today = chinaDate(now);
  return rows.map((r) => presentPolicy(r, orgs, titles, today, (region) => policyWriteRefusal(user, region) === null));
}

/** every policy, with the abilities of the list and the one 奖励测算 opens on for this reader */
async function presentList(db: Kysely<Database>, user: SessionUser, now: Date) {
  const rows = await listPolicies(db);
  const orgs = await orgsByIds(db, rows.map((r) => r.region_org_id));
  const forReader = policyForReader(user, rows.map((r) => ({ id: r.id, status: r.status, region: orgs.get(r.region_org_id) })));
  return { items: await present(db, user, rows, now), abilities: { manage: mayManagePolicies(user) }, forReader };
}

async function one(db: Kysely<Database>, user: SessionUser, id: number, now: Date) {
  const p = await findPolicy(db, id);
  if (!p) throw notFound(`激励政策${id}不存在`);
  return (await present(db, user, [p], now))[0]!;
}

export const policyRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/incentive-policies',
    access: 'honours.read',
    summary: '激励政策（发布机关、文号、级别、施行与失效日期、状态、奖励规则；临近失效或已过期仍现行的标出）',
    tags: TAGS,
    response: policyList,
    handler: async (ctx) => presentList(ctx.db, ctx.me(), nowOf(ctx)),
  }),
  route({
    method: 'GET',
    url: '/api/incentive-policies/:id',
    access: 'honours.read',
    summary: '一项激励政策及其奖励规则',
    tags: TAGS,
    params: idParam,
    response: policyView,
    handler: async (ctx) => one(ctx.db, ctx.me(), ctx.params.id, nowOf(ctx)),
  }),
  route({
    method: 'POST',
    url: '/api/incentive-policies',
    access: 'policies.manage',
    summary: '登记一项激励政策（奖励规则为数据：类别、上限或定额或“从其规定”、对象）',
    tags: TAGS,
    body: policyBody,
    response: policyView,
    status: 201,
    handler: async (ctx) => ctx.tx(async (c) => one(c.trx, c.user, await createPolicy(c, ctx.body), nowOf(ctx))),
  }),
  route({
    method: 'PUT',
    url: '/api/incentive-policies/:id',
    access: 'policies.manage',
    summary: '修改一项激励政策（带版本号，他人已修改则409）',
    tags: TAGS,
    params: idParam,
    body: policyUpdateBody,
    response: policyView,
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await editPolicy(c, ctx.params.id, ctx.body);
        return one(c.trx, c.user, ctx.params.id, nowOf(ctx));
      }),
  }),
  route({
    method: 'POST',
    url: '/api/incentive-policies/:id/repeal',
    access: 'policies.manage',
    summary: '废止一项现行政策',
    tags: TAGS,
    params: idParam,
    body: versionBody,
    response: policyView,
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await repealPolicy(c, ctx.params.id, ctx.body.version);
        return one(c.trx, c.user, ctx.params.id, nowOf(ctx));
      }),
  }),
  route({
    method: 'POST',
    url: '/api/incentive-policies/:id/supersede',
    access: 'policies.manage',
    summary: '标记一项现行政策已被新政策替代',
    tags: TAGS,
    params: idParam,
    body: supersedeBody,
    response: policyView,
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await supersedePolicy(c, ctx.params.id, ctx.body);
        return one(c.trx, c.user, ctx.params.id, nowOf(ctx));
      }),
  }),
];
