/** The organiser's yearly peer tables (同级比较表) for the rank criteria. Each handler: load → check → call → present. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { can } from '../../../../shared/permissions';
import { createPeerTableBody, fillPeerTableFromHonoursBody, peerTableParams, peerTableSummary, peerTableView, updatePeerTableBody } from '../../../../shared/contracts/evaluation';
import { notFound } from '../../../core/errors';
import type { SessionUser } from '../../../core/session';
import { route, type RouteDef } from '../../../core/route';
import type { Database } from '../../../db/schema';
import { peerTableReader } from '../evaluation.policy';
import { lineageOf } from '../evaluation.queries';
import { createPeerTable, fillPeerTableFromHonours, peerTableTaken, unitOfItems, unitsOfTable, updatePeerTable } from './peers.commands';
import { itemsOfTable, presentPeerSummary, presentPeerTable } from './peers.presenter';
import { expertOnTablePlan, findPeerTable, peerTablesOf, peerValuesOf, peerValuesOfTables, plansUsingTable } from './peers.queries';

const TAGS = ['质量强市（县）创建评价'];

async function listView(db: Kysely<Database>, organiserId: number) {
  const tables = await peerTablesOf(db, organiserId);
  const values = await peerValuesOfTables(db, tables.map((t) => t.id));
  const units = new Map<string, Awaited<ReturnType<typeof unitsOfTable>>>();
  const out = [];
  for (const t of tables) {
    if (!units.has(t.level)) units.set(t.level, await unitsOfTable(db, t));
    out.push(presentPeerSummary(t, values.filter((v) => v.table_id === t.id), units.get(t.level)!));
  }
  return { items: out };
}

/** The table as the caller may see it, or 404 (a table the caller may not read does not exist for them). */
async function tableView(db: Kysely<Database>, user: SessionUser, id: number) {
  const t = await findPeerTable(db, id);
  const organiserLineage = t ? await lineageOf(db, t.organiser_org_id) : [];
  const as = t && organiserLineage.length ? peerTableReader(user, organiserLineage, await lineageOf(db, user.orgUnitId), user.role === 'expert' && (await expertOnTablePlan(db, t.id, user.id))) : null;
  if (!t || !as) throw notFound(`同级比较表${id}不存在或您无权查看`);
  const plans = as === 'expert' ? [] : await plansUsingTable(db, t.id);
  return presentPeerTable(t, await peerValuesOf(db, t.id), await unitsOfTable(db, t), plans, as === 'organiser' && can(user.role, 'evaluation.manage'), await unitOfItems(db, itemsOfTable(t)));
}

export const peerRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/peer-tables',
    access: 'evaluation.manage',
    summary: '本单位的同级比较表（按年度；排名类评分项用）',
    tags: TAGS,
    response: z.object({ items: z.array(peerTableSummary) }),
    handler: async (ctx) => listView(ctx.db, ctx.me().orgUnitId),
  }),
  route({
    method: 'POST',
    url: '/api/peer-tables',
    access: 'evaluation.manage',
    summary: '新建同级比较表（年度、比较范围、比较指标、适用的排名评分细则、数据来源；可复制往年数值）',
    tags: TAGS,
    body: createPeerTableBody,
    response: z.object({ table: peerTableView }),
    status: 201,
    handler: async (ctx) => {
      const id = await peerTableTaken(ctx.db, ctx.me(), ctx.body, () => ctx.tx((c) => createPeerTable(c, ctx.body)));
      return { table: await tableView(ctx.db, ctx.me(), id) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/peer-tables/:id',
    access: 'evaluation.read',
    summary: '同级比较表：每个同级单位的数值（组织单位、领导，以及使用该表的评价组专家可查看）',
    tags: TAGS,
    params: peerTableParams,
    response: z.object({ table: peerTableView }),
    handler: async (ctx) => ({ table: await tableView(ctx.db, ctx.me(), ctx.params.id) }),
  }),
  route({
    method: 'PUT',
    url: '/api/peer-tables/:id',
    access: 'evaluation.manage',
    summary: '修改同级比较表的指标、来源和各单位数值（带 version；已批准的评价工作方案保留批准时的副本）',
    tags: TAGS,
    params: peerTableParams,
    body: updatePeerTableBody,
    response: z.object({ table: peerTableView }),
    handler: async (ctx) => {
      await ctx.tx((c) => updatePeerTable(c, ctx.params.id, ctx.body));
      return { table: await tableView(ctx.db, ctx.me(), ctx.params.id) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/peer-tables/:id/fill-from-honours',
    access: 'evaluation.manage',
    summary: '从荣誉名录填入同级比较表：各单位当年获政府质量奖励（含提名奖）的不同企业数，备注列出计入的名录条目；原有数值被替换（带 version）',
    tags: TAGS,
    params: peerTableParams,
    body: fillPeerTableFromHonoursBody,
    response: z.object({ table: peerTableView }),
    handler: async (ctx) => {
      await ctx.tx((c) => fillPeerTableFromHonours(c, ctx.params.id, ctx.body.version));
      return { table: await tableView(ctx.db, ctx.me(), ctx.params.id) };
    },
  }),
];
