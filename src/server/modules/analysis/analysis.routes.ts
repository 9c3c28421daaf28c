/**
 * The quality analysis report (质量分析报告, DB43 4.8): the reports the caller sees, the register of who issued
 * theirs per half-year, one report with its sections, the office's edits (section text, refresh, issue) and the
 * .docx. Each handler: load access → check a rule → call one command or query → present.
 */
import type { Kysely } from 'kysely';
import { createReportBody, issueBody, refreshBody, registerView, reportList, reportParams, reportView, sectionParams, sectionTextBody } from '../../../shared/contracts/analysis';
import { DOCX_TYPE, sendDownload } from '../../core/download';
import { forbidden, notFound } from '../../core/errors';
import { route, type RouteContext, type RouteDef } from '../../core/route';
import type { Change } from '../../core/change';
import type { Database } from '../../db/schema';
import { analysisReportDocx } from '../../io/word/analysis-report';
import * as cmd from './analysis.commands';
import { abilities, ensure, mayCreate, mayEdit, readRefusal, writeRefusal, type AnalysisAccess } from './analysis.policy';
import { draftMark, presentRegister, presentReport, presentReportList } from './analysis.presenter';
import { findOrg, findReport, loadAccess, reportScope, visibleReports, type OrgRow, type ReportRow } from './analysis.queries';
import type { ReportScope } from './analysis.sections';

const TAGS = ['质量分析报告'];


async function scopeOf(db: Kysely<Database>, offices: { office: OrgRow; region: OrgRow }[], office: OrgRow): Promise<ReportScope> {
  return (await reportScope(db, office.id, offices))!;
}

async function readable(ctx: RouteContext<any, any, any>, id: number) {
  const a = await loadAccess(ctx.db, ctx.me());
  const r = await findReport(ctx.db, id);
  if (!r) throw notFound(`质量分析报告${id}不存在`);
  ensure(readRefusal(a, r));
  return { a, r };
}

/** the report as the caller sees it on `today` (the request's day: whether its half-year has ended, for 印发) */
async function view(db: Kysely<Database>, a: AnalysisAccess, r: ReportRow, today: string) {
  const [office, region] = await Promise.all([findOrg(db, r.office_org_id), findOrg(db, r.region_org_id)]);
  return presentReport(r, office!, region!, abilities(a, r, today));
}

/** a change to one report by its office, then the report as it now stands */
const onReport =
  <B>(fn: (c: Change, r: ReportRow, body: B, scope: () => Promise<ReportScope>) => Promise<void>) =>
  async (ctx: RouteContext<B, unknown, { id: number }>) => {
    const { a, r } = await readable(ctx, ctx.params.id);
    ensure(writeRefusal(a, r));
    await ctx.tx((c) => fn(c, r, ctx.body, () => scopeOf(c.trx, a.offices, a.own!.office)));
    return view(ctx.db, a, (await findReport(ctx.db, r.id))!, ctx.clock().today);
  };

export const analysisRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/analysis-reports',
    access: 'analysis.read',
    summary: '可查看的质量分析报告（省质强办看全部，市州质强办看本单位）',
    tags: TAGS,
    response: reportList,
    handler: async (ctx) => {
      const a = await loadAccess(ctx.db, ctx.me());
      const { visible, reports } = await visibleReports(ctx.db, a);
      return presentReportList(visible, reports, { create: mayCreate(a), edit: (r) => mayEdit(a, r) }, ctx.clock().today);
    },
  }),
  route({
    method: 'GET',
    url: '/api/analysis-reports/register',
    access: 'analysis.read',
    summary: '质量分析报告发布登记：各质强办每半年度是否已印发（省质强办看各市州，市州看本单位）',
    tags: TAGS,
    response: registerView,
    handler: async (ctx) => {
      const { visible, reports } = await visibleReports(ctx.db, await loadAccess(ctx.db, ctx.me()));
      return presentRegister(visible, reports, ctx.clock().today);
    },
  }),
  route({
    method: 'POST',
    url: '/api/analysis-reports',
    access: 'analysis.manage',
    summary: '新建本单位某半年度的质量分析报告（草稿，各章节数据由平台生成）',
    tags: TAGS,
    body: createReportBody,
    response: reportView,
    status: 201,
    handler: async (ctx) => {
      const a = await loadAccess(ctx.db, ctx.me());
      if (!a.own) throw forbidden('只有省、市州质强办可以编写质量分析报告');
      const own = a.own;
      const id = await cmd.reportTaken(ctx.db, own.office.id, ctx.body.period, ctx.me().id, () => ctx.tx(async (c) => cmd.createReport(c, await scopeOf(c.trx, a.offices, own.office), ctx.body.period)));
      return view(ctx.db, a, (await findReport(ctx.db, id))!, ctx.clock().today);
    },
  }),
  route({
    method: 'GET',
    url: '/api/analysis-reports/:id',
    access: 'analysis.read',
    summary: '一份质量分析报告：各章节的平台数据与质强办撰写的文字',
    tags: TAGS,
    params: reportParams,
    response: reportView,
    handler: async (ctx) => {
      const { a, r } = await readable(ctx, ctx.params.id);
      return view(ctx.db, a, r, ctx.clock().today);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/analysis-reports/:id/sections/:section',
    access: 'analysis.manage',
    summary: '保存一个章节的文字（带版本号，他人已改则409；已印发不能修改）',
    tags: TAGS,
    params: sectionParams,
    body: sectionTextBody,
    response: reportView,
    handler: async (ctx) => {
      const { a, r } = await readable(ctx, ctx.params.id);
      ensure(writeRefusal(a, r));
      await ctx.tx((c) => cmd.saveSectionText(c, r, ctx.params.section, ctx.body));
      return view(ctx.db, a, (await findReport(ctx.db, r.id))!, ctx.clock().today);
    },
  }),
  route({
    method: 'POST',
    url: '/api/analysis-reports/:id/refresh',
    access: 'analysis.manage',
    summary: '刷新各章节的平台数据（质强办撰写的文字保留）',
    tags: TAGS,
    params: reportParams,
    body: refreshBody,
    response: reportView,
    handler: onReport<{ version: number }>((c, r, body, scope) => scope().then((s) => cmd.refreshReport(c, r, s, body.version))),
  }),
  route({
    method: 'POST',
    url: '/api/analysis-reports/:id/issue',
    access: 'analysis.manage',
    summary: '印发（填写文号与印发日期），印发后不能再修改',
    tags: TAGS,
    params: reportParams,
    body: issueBody,
    response: reportView,
    handler: onReport<{ version: number; docNo: string; issuedOn: string }>((c, r, body) => cmd.issueReport(c, r, body)),
  }),
  route({
    method: 'GET',
    url: '/api/analysis-reports/:id/report.docx',
    access: 'analysis.read',
    summary: '下载质量分析报告（.docx 公文，含图表）',
    tags: TAGS,
    params: reportParams,
    raw: true,
    handler: async (ctx) => {
      const { a, r } = await readable(ctx, ctx.params.id);
      const today = ctx.clock().today;
      const v = await view(ctx.db, a, r, today);
      const buf = await analysisReportDocx(v, today);
      return sendDownload(ctx, { entityType: 'analysis_report', entityId: r.id }, `${v.title}${draftMark(r.status)}.docx`, DOCX_TYPE, buf, buf.length);
    },
  }),
];
