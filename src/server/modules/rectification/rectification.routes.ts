/**
 * 整改事项 (issue 13): the list (filters by source, unit, light, status), one item with its timeline, raising from
 * the yearly assessment's lost points and from a lagging plan indicator, and the supervision steps (progress
 * report, extension, closure, 催办 / 督办单). Each handler: load → check → one command → the item as the caller now
 * sees it. The clock is the work plan's (config.now in tests).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  raiseFromIndicatorBody,
  rectificationClosureBody,
  rectificationDecideClosureBody,
  rectificationDecideExtensionBody,
  rectificationExtensionBody,
  rectificationItemView,
  rectificationListQuery,
  rectificationListView,
  rectificationNoticeBody,
  rectificationNoticeQuery,
  rectificationParams,
  rectificationReportBody,
  rectificationReportParams,
  rectificationReturnReportBody,
  rectificationSubmitReportBody,
} from '../../../shared/contracts/rectification';
import { can } from '../../../shared/permissions';
import { badRequest, notFound } from '../../core/errors';
import { DOCX_TYPE } from '../../core/download';
import { rectificationNoticeDocx } from '../../io/word/rectification-notice';
import { route, type RouteContext, type RouteDef } from '../../core/route';
import type { Change } from '../../core/change';
import type { SessionUser } from '../../core/session';
import type { Database } from '../../db/schema';
import { downloadNumbered } from '../docnumbers';
import { numberedDownloadBody } from '../../../shared/contracts/docnumbers';
import { noticeIssuer } from '../orgs';
import * as cmd from './rectification.commands';
import { mayRead, noticeDateRefusal, overseenRegion, raisedAtLevelOf } from './rectification.policy';
import { noticeView, presentItem, presentSummary } from './rectification.presenter';
import { findRectification, lineageOf, lineages, listRectifications, loadItemBundle, unitsUnder, type RectificationRow } from './rectification.queries';

export const RECTIFICATION_TAGS = ['整改事项督办'];
const TAGS = RECTIFICATION_TAGS;

async function readable(db: Kysely<Database>, u: SessionUser, id: number): Promise<RectificationRow> {
  const r = await findRectification(db, id);
  if (!r || !mayRead(u, r, lineageOf(await lineages(db, [r.owner_org_id, r.raised_by_org_id]), r))) throw notFound(`整改事项${id}不存在`);
  return r;
}

/** the orgs whose items (owned or raised) a list shows the user (rectification.policy mayRead, as one filter) */
async function visibleOrgs(db: Kysely<Database>, u: SessionUser): Promise<number[]> {
  const region = overseenRegion(u);
  return region === null ? [u.orgUnitId] : [...new Set([u.orgUnitId, ...(await unitsUnder(db, region))])];
}

export async function itemView(db: Kysely<Database>, u: SessionUser, id: number, today: string) {
  const r = await readable(db, u, id);
  return presentItem(await loadItemBundle(db, [r]), u, r, today);
}

/** the items a list shows the user (also after a raise from assessment results, modules/assessment) */
export async function listView(db: Kysely<Database>, u: SessionUser, q: z.infer<typeof rectificationListQuery>, today: string) {
  const rows = await listRectifications(db, { source: q.source, sourceId: q.sourceId, ownerOrgId: q.owner, status: q.status, orgIds: await visibleOrgs(db, u) });
  const b = await loadItemBundle(db, rows);
  const items = rows.map((r) => presentSummary(b, r, today)).filter((x) => !q.light || x.light === q.light);
  return { items, mayRaise: can(u.role, 'rectification.raise') };
}

/** a step on one item, then the item as the caller now sees it */
const step =
  <B, P extends { id: number } = { id: number }>(fn: (c: Change, r: RectificationRow, body: B, params: P) => Promise<unknown>) =>
  async (ctx: RouteContext<B, unknown, P>) => {
    const r = await readable(ctx.db, ctx.me(), ctx.params.id);
    const clock = ctx.clock();
    await ctx.tx((c) => fn(c, r, ctx.body, ctx.params));
    return itemView(ctx.db, ctx.me(), r.id, clock.today);
  };

/**
 * 整改事项落实情况通报 of one 成文日期, with its 文号: the GET prints the registered one, the dialog's POST registers
 * the one asked (docnumbers.download.ts).
 */
async function noticeDownload(ctx: RouteContext<unknown, z.infer<typeof rectificationNoticeQuery>, unknown>, asked: string | undefined) {
  const me = ctx.me();
  const today = ctx.clock().today;
  const visible = await listRectifications(ctx.db, { source: ctx.query.source, orgIds: await visibleOrgs(ctx.db, me) });
  // the office's 公文 reports on the items its own level raised (itself and the member departments beside it), not on
  // those a city's office raised for its counties, which it reads but neither decides nor supervises
  const above = await lineages(ctx.db, [me.orgUnitId, ...visible.map((r) => r.raised_by_org_id)]);
  const rows = visible.filter((r) => raisedAtLevelOf(above.get(me.orgUnitId) ?? [me.orgUnitId], above.get(r.raised_by_org_id) ?? [r.raised_by_org_id]));
  const issuer = await noticeIssuer(ctx.db, me.orgUnitId);
  if (!issuer) throw badRequest('找不到您账户所在的单位，无法以本单位名义印发通报，请联系安全管理员核对账户的单位');
  const bundle = await loadItemBundle(ctx.db, rows);
  // the notice of one date (成文日期) is one 公文 of the office, with one 文号
  const date = ctx.query.date ?? today;
  const wrongDate = noticeDateRefusal(date, today);
  if (wrongDate) throw badRequest(wrongDate.message, [wrongDate]);
  const title = `整改事项落实情况通报（${date}）`;
  const doc = { officeId: me.orgUnitId, officeName: issuer.name, kind: 'rectification_notice' as const, subject: date, title };
  return downloadNumbered(ctx, doc, asked, async (docNumber) => {
    const v = noticeView(bundle, issuer, today, { docNumber, date });
    return { subject: { entityType: 'rectification', entityId: v.docNumber ?? v.date }, name: `${title}.docx`, type: DOCX_TYPE, body: await rectificationNoticeDocx(v) };
  });
}

export const rectificationRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/rectifications',
    access: 'workplan.read',
    summary: '整改事项列表（按来源、责任单位、指示灯、状态筛选）',
    tags: TAGS,
    query: rectificationListQuery,
    response: rectificationListView,
    handler: async (ctx) => listView(ctx.db, ctx.me(), ctx.query, ctx.clock().today),
  }),
  route({
    method: 'GET',
    url: '/api/rectifications/notice.docx',
    access: 'rectification.notice',
    summary: '导出整改事项落实情况通报（.docx 公文：按来源和状态列出整改事项、责任单位、期限、最近进展）；印该成文日期的通报已登记的文号（未登记的印“×××〔年〕×号”），登记文号用同一地址的 POST',
    tags: TAGS,
    query: rectificationNoticeQuery,
    raw: true,
    handler: (ctx) => noticeDownload(ctx, undefined),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/notice.docx',
    access: 'rectification.notice',
    summary: '登记文号并导出整改事项落实情况通报：{ docNumber } 登记为该成文日期的通报的文号（与下载的审计记录同一事务）并印在版头；已登记的同一文号只印不再登记',
    tags: TAGS,
    query: rectificationNoticeQuery,
    body: numberedDownloadBody,
    raw: true,
    handler: (ctx) => noticeDownload(ctx, ctx.body.docNumber),
  }),
  route({
    method: 'GET',
    url: '/api/rectifications/:id',
    access: 'workplan.read',
    summary: '一个整改事项：来源、期限与指示灯、进展报告、延期与销号、催办督办',
    tags: TAGS,
    params: rectificationParams,
    response: rectificationItemView,
    handler: async (ctx) => itemView(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/from-indicator',
    access: 'rectification.raise',
    summary: '将滞后或未达年度目标的规划指标（某单位某年度）转为整改事项',
    tags: TAGS,
    body: raiseFromIndicatorBody,
    response: rectificationItemView,
    status: 201,
    handler: async (ctx) => {
      const clock = ctx.clock();
      const id = await cmd.raisedMeanwhile(ctx.db, ctx.me().id, cmd.indicatorTargets(ctx.body), () => ctx.tx((c) => cmd.raiseFromIndicator(c, ctx.body)));
      return itemView(ctx.db, ctx.me(), id, clock.today);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/rectifications/:id/report',
    access: 'workplan.report',
    summary: '责任单位保存整改进展草稿（或修改被退回的报告）；version 为报告的版本号，新草稿为0',
    tags: TAGS,
    params: rectificationParams,
    body: rectificationReportBody,
    response: rectificationItemView,
    handler: step((c, r, body) => cmd.saveReport(c, r, body)),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/:id/reports/:reportId/submit',
    access: 'workplan.report',
    summary: '责任单位报送整改进展草稿或修改后的退回报告（报送后只读）',
    tags: TAGS,
    params: rectificationReportParams,
    body: rectificationSubmitReportBody,
    response: rectificationItemView,
    handler: step<z.infer<typeof rectificationSubmitReportBody>, z.infer<typeof rectificationReportParams>>((c, r, body, p) => cmd.submitReport(c, r, p.reportId, body.version)),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/:id/reports/:reportId/return',
    access: 'rectification.raise',
    summary: '提出单位退回最近一次报送的整改进展（须写明理由），责任单位修改后重新报送',
    tags: TAGS,
    params: rectificationReportParams,
    body: rectificationReturnReportBody,
    response: rectificationItemView,
    handler: step<z.infer<typeof rectificationReturnReportBody>, z.infer<typeof rectificationReportParams>>((c, r, body, p) => cmd.returnReport(c, r, p.reportId, body)),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/:id/extensions',
    access: 'workplan.report',
    summary: '责任单位在期限届满前申请延期',
    tags: TAGS,
    params: rectificationParams,
    body: rectificationExtensionBody,
    response: rectificationItemView,
    status: 201,
    handler: step((c, r, body) => cmd.askExtension(c, r, body)),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/:id/extension-decision',
    access: 'rectification.raise',
    summary: '提出单位同意或不同意延期',
    tags: TAGS,
    params: rectificationParams,
    body: rectificationDecideExtensionBody,
    response: rectificationItemView,
    handler: step((c, r, body) => cmd.decideExtension(c, r, body)),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/:id/closure',
    access: 'workplan.report',
    summary: '责任单位申请销号（附整改情况）',
    tags: TAGS,
    params: rectificationParams,
    body: rectificationClosureBody,
    response: rectificationItemView,
    status: 201,
    handler: step((c, r, body) => cmd.askClosure(c, r, body)),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/:id/closure-decision',
    access: 'rectification.raise',
    summary: '提出单位销号或退回（退回须写明理由）',
    tags: TAGS,
    params: rectificationParams,
    body: rectificationDecideClosureBody,
    response: rectificationItemView,
    handler: step((c, r, body) => cmd.decideClosure(c, r, body)),
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/:id/notices',
    access: 'rectification.raise',
    summary: '逾期未报送整改进展：催办，宽限期满后下发督办单',
    tags: TAGS,
    params: rectificationParams,
    body: rectificationNoticeBody,
    response: rectificationItemView,
    status: 201,
    handler: step((c, r, body) => cmd.issueNotice(c, r, body)),
  }),
];
