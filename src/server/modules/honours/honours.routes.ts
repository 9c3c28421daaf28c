/**
 * The honours roll (荣誉名录): list with filters, add / edit / delete, the .xlsx template and import, and what the
 * roll feeds — the stock counts of plan indicators 4–8, the values per city for DB43 rank items, and the 督查激励
 * entries for the yearly assessment's bonus item. Each handler: load → check the policy → call → present.
 */
import { z } from 'zod';
import {
  countsQuery,
  honourBody,
  honourCounts,
  honourList,
  honourListQuery,
  honourUpdateBody,
  honourView,
  importResult,
  inspectionEntries,
  inspectionQuery,
  peersQuery,
  peerValues,
} from '../../../shared/contracts/honours';
import { idParam, versionText } from '../../../shared/contracts/common';
import { COUNTED_INDICATORS, HONOUR_KINDS, HONOUR_LEVEL_LABELS, honourKind, INSPECTION_KINDS, QUALITY_AWARD_KINDS, ROLL_COUNT_TEXT } from '../../../shared/honours/kinds';
import { badRequest, notFound } from '../../core/errors';
import { sendDownload, XLSX_TYPE } from '../../core/download';
import { route, type RouteContext, type RouteDef } from '../../core/route';
import { uploadedWorkbook } from '../../core/upload';
import { buildHonoursTemplate, HONOURS_SHEET, MAX_HONOUR_ROWS, parseHonoursSheet } from '../../io/excel/honours-sheet';
import { MAX_UPLOAD_BYTES, problemField } from '../../io/excel/declaration-template';
import { createHonour, editHonour, importSheet, removeHonour } from './honours.commands';
import { mayManageHonours, officeCity } from './honours.policy';
import type { SessionUser } from '../../core/session';
import { presentHonour, presentIndicatorCount } from './honours.presenter';
import { findHonour, findOrg, honourCountsForPeers, honoursOfKinds, indicatorStockCounts, listHonours, orgsByIds, orgsOfKind } from './honours.queries';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

const TAGS = ['荣誉名录'];

/** the request's clock (ctx.clock(): config.now in tests) as an instant: 今年 of 获奖年度不能晚于今年, and the entries' times */
export const nowOf = (ctx: Pick<RouteContext<unknown, unknown, unknown>, 'clock'>): Date => new Date(ctx.clock().at);

async function viewOf(db: Kysely<Database>, id: number, me: SessionUser) {
  const row = await findHonour(db, id);
  if (!row) throw notFound(`荣誉${id}不存在`);
  return presentHonour(row, await orgsByIds(db, [row.city_org_id, row.county_org_id]), me);
}

const honourMeta = z.object({
  kinds: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), levelLabel: z.string(), planIndicator: z.number().nullable(), qualityAward: z.boolean(), note: z.string().nullable() })),
  /** the province and its cities and counties, with their GB/T 2260 codes (the policy form's region) */
  province: z.object({ id: z.number(), name: z.string(), code: z.string() }).nullable(),
  cities: z.array(z.object({ id: z.number(), name: z.string(), code: z.string(), counties: z.array(z.object({ id: z.number(), name: z.string(), code: z.string() })) })),
  countedIndicators: z.array(z.number()),
});

export const honourRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/honours/meta',
    access: 'honours.read',
    summary: '荣誉类别（级别、计入的规划指标）与市州、县市区',
    tags: TAGS,
    response: honourMeta,
    handler: async (ctx) => {
      const [province] = await orgsOfKind(ctx.db, 'province');
      const cities = await orgsOfKind(ctx.db, 'city');
      const counties = await orgsOfKind(ctx.db, 'county');
      return {
        province: province ? { id: province.id, name: province.name, code: province.code } : null,
        kinds: HONOUR_KINDS.map((k) => ({ code: k.code, name: k.name, level: k.level, levelLabel: HONOUR_LEVEL_LABELS[k.level], planIndicator: k.planIndicator, qualityAward: k.qualityAward, note: k.note ?? null })),
        cities: cities.map((c) => ({ id: c.id, name: c.name, code: c.code, counties: counties.filter((x) => x.parent_id === c.id).map((x) => ({ id: x.id, name: x.name, code: x.code })) })),
        countedIndicators: [...COUNTED_INDICATORS],
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/honours',
    access: 'honours.read',
    summary: '荣誉名录（按年度、市州、类别、级别筛选）',
    tags: TAGS,
    query: honourListQuery,
    response: honourList,
    handler: async (ctx) => {
      const f = ctx.query;
      const kinds = f.kind || f.level ? HONOUR_KINDS.filter((k) => (!f.kind || k.code === f.kind) && (!f.level || k.level === f.level)).map((k) => k.code) : undefined;
      const { rows, total } = await listHonours(ctx.db, { year: f.year, cityId: f.cityId, kinds, q: f.q }, f.page, f.pageSize);
      const orgs = await orgsByIds(ctx.db, rows.flatMap((r) => [r.city_org_id, r.county_org_id]));
      const me = ctx.me();
      return { items: rows.map((r) => presentHonour(r, orgs, me)), total, page: f.page, pageSize: f.pageSize, abilities: { manage: mayManageHonours(me), cityId: mayManageHonours(me) ? officeCity(me) : null } };
    },
  }),
  route({
    method: 'POST',
    url: '/api/honours',
    access: 'honours.manage',
    summary: '登记一条荣誉',
    tags: TAGS,
    body: honourBody,
    response: honourView,
    status: 201,
    handler: async (ctx) => ctx.tx(async (c) => viewOf(c.trx, await createHonour(c, ctx.body), c.user)),
  }),
  route({
    method: 'PUT',
    url: '/api/honours/:id',
    access: 'honours.manage',
    summary: '修改一条荣誉（带版本号，他人已修改则409）',
    tags: TAGS,
    params: idParam,
    body: honourUpdateBody,
    response: honourView,
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await editHonour(c, ctx.params.id, ctx.body);
        return viewOf(c.trx, ctx.params.id, c.user);
      }),
  }),
  route({
    method: 'DELETE',
    url: '/api/honours/:id',
    access: 'honours.manage',
    summary: '删除一条荣誉（需带 ?version=）',
    tags: TAGS,
    params: idParam,
    query: z.strictObject({ version: versionText() }),
    response: z.object({ ok: z.literal(true) }),
    handler: async (ctx) =>
      ctx.tx(async (c) => {
        await removeHonour(c, ctx.params.id, ctx.query.version);
        return { ok: true as const };
      }),
  }),
  route({
    method: 'GET',
    url: '/api/honours/template.xlsx',
    access: 'honours.read',
    summary: '下载荣誉名录导入模板（.xlsx）',
    tags: TAGS,
    raw: true,
    handler: async (ctx) => {
      const cities = (await orgsOfKind(ctx.db, 'city')).map((c) => c.name);
      // the audit log (and its export) shows the object as 荣誉「导入模板」: no code a reader cannot decode
      return sendDownload(ctx, { entityType: 'honour', entityId: '导入模板' }, '荣誉名录导入模板.xlsx', XLSX_TYPE, await buildHonoursTemplate(cities));
    },
  }),
  route({
    method: 'POST',
    url: '/api/honours/import',
    access: 'honours.manage',
    summary: `从 Excel 导入荣誉（.xlsx，至多${MAX_HONOUR_ROWS}行）：逐行校验，任何一行有误则全部不导入并列出行、列和原因`,
    tags: TAGS,
    response: importResult,
    status: 201,
    handler: async (ctx) => {
      const { buffer: buf, fileName } = await uploadedWorkbook(ctx.req, MAX_UPLOAD_BYTES, '荣誉名录导入表');
      const parsed = await parseHonoursSheet(buf);
      if (!parsed.ok && !parsed.rows) throw badRequest(`导入表有${parsed.problems.length}处问题，未导入任何内容；请按列表修改后重新上传`, parsed.problems.map(problemField));
      // cells that cannot stand are refused with every other problem of the rows (importSheet)
      const cellProblems = parsed.ok ? [] : parsed.problems;
      return ctx.tx(async (c) => {
        const ids = await importSheet(c, parsed.rows!, HONOURS_SHEET, fileName, cellProblems);
        return { imported: ids.length, ids };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/honours/counts',
    access: 'honours.read',
    summary: `规划指标截至某年的存量，附计入的每条荣誉：${ROLL_COUNT_TEXT}`,
    tags: TAGS,
    query: countsQuery,
    response: honourCounts,
    handler: async (ctx) => ({
      upToYear: ctx.query.upToYear,
      indicators: (await indicatorStockCounts(ctx.db, ctx.query.upToYear)).map(({ code, stock, counts }) => presentIndicatorCount(code, stock, counts)),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/honours/peers',
    access: 'honours.read',
    summary: '同级单位的获奖企业数量（DB43 5.2等排名项的同级比较表）：默认为当年获政府质量奖励（含提名奖）的不同企业数',
    tags: TAGS,
    query: peersQuery,
    response: peerValues,
    handler: async (ctx) => {
      const kinds = ctx.query.kinds ? ctx.query.kinds.split(',') : QUALITY_AWARD_KINDS.map((k) => k.code);
      const unknown = kinds.filter((k: string) => !honourKind(k));
      if (unknown.length) throw badRequest(`荣誉类别有误：${unknown.join('、')}不在列表中`, [{ field: 'kinds', message: '请使用荣誉类别代码' }]);
      const fromYear = ctx.query.fromYear ?? ctx.query.year;
      if (fromYear > ctx.query.year) throw badRequest('起始年度不能晚于年度', [{ field: 'fromYear', message: '起始年度不能晚于年度' }]);
      const values = await honourCountsForPeers(ctx.db, { year: ctx.query.year, fromYear, level: ctx.query.level, kinds });
      return { year: ctx.query.year, fromYear, kinds, values: values.map((v) => ({ org: { id: v.orgId, name: v.orgName }, value: v.value, entryIds: v.entryIds })) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/honours/inspection-incentives',
    access: 'honours.read',
    summary: '某年度某市州的督查激励（国办、省政府、所辖县市区获省政府表彰），供年度考核加分项评分参考',
    tags: TAGS,
    query: inspectionQuery,
    response: inspectionEntries,
    handler: async (ctx) => {
      const unit = await findOrg(ctx.db, ctx.query.unitId);
      if (!unit || (unit.kind !== 'city' && unit.kind !== 'county')) throw notFound('被考核单位须为市州或县市区');
      const rows = (await honoursOfKinds(ctx.db, INSPECTION_KINDS.map((k) => k.code), ctx.query.year, ctx.query.year)).filter((r) =>
        unit.kind === 'city' ? r.city_org_id === unit.id : r.county_org_id === unit.id,
      );
      const orgs = await orgsByIds(ctx.db, rows.flatMap((r) => [r.city_org_id, r.county_org_id]));
      return {
        items: rows.map((r) => {
          const k = honourKind(r.kind)!;
          return { ...presentHonour(r, orgs, ctx.me()), bonusPoints: k.inspectionBonus!.points, countyLevel: k.inspectionBonus!.countyLevel };
        }),
      };
    },
  }),
];
