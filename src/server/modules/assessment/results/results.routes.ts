/** Results, the objection window, final publication and the result exports (issue 4 §5); objections are in ../objections. */
import { idParam } from '../../../../shared/contracts/common';
import { unitDocSubject } from '../../../../shared/contracts/docnumbers';
import { cycleDetail } from '../../../../shared/contracts/cycles';
import { openReviewBody, publishPreliminaryBody, publishResultsBody, resultsQuery, resultsView, unitReportParams } from '../../../../shared/contracts/results';
import { forbidden } from '../../../core/errors';
import { route, type RouteContext, type RouteDef } from '../../../core/route';
import { rankingWorkbook } from '../../../io/excel/ranking';
import { departmentSheetWorkbook } from '../../../io/excel/department-sheet';
import { cityReportDocx } from '../../../io/word/city-report';
import { feedbackDocx, preliminaryPublicityDocx, resultsBulletinDocx } from '../../../io/word/results-docs';
import { DOCX_TYPE, sendDownload, XLSX_TYPE } from '../../../core/download';
import { ensure, ensureAllowed, feedbackRefusal, mayManage, rankingRefusal, rectificationRaiseRefusal, requireParticipation, resultDocumentRefusal, resultsFinal, unitReportRefusal } from '../assessment.policy';
import { loadGrid } from '../scoring/scoring.queries';
import { officeOf } from '../declarations/declarations.queries';
import { evaluatorNames } from '../schemes/schemes.queries';
import { cycleAccess, orgName } from '../assessment.queries';
import { loadCycleDetail } from '../cycles/cycles.queries';
import { listObjections } from '../objections/objections.queries';
import { openReview, publishPreliminary, publishResults } from './results.commands';
import { resultsFor, unitResultsOf } from './results.queries';
import { sendPublishedResults } from './results-cache';
import { withDetail } from './results.presenter';
import { chinaDayOf } from '../../../../shared/deadline';
import { raiseFromAssessmentBody, rectificationListView } from '../../../../shared/contracts/rectification';
import { assessmentTargets, raisedMeanwhile, raiseFromAssessment, RECTIFICATION_TAGS, rectificationListOf } from '../../rectification';
import { downloadNumbered, numberedDownloadRoutes } from '../../docnumbers';

const TAGS = ['考核结果'];

/**
 * The results bulletin (before the final results: the 公示 of the preliminary ones), with its 文号: the GET prints
 * the registered one, the dialog's POST registers the one asked (docnumbers.download.ts).
 */
async function bulletinDownload(ctx: RouteContext<unknown, unknown, { id: number }>, asked: string | undefined) {
  const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
  ensureAllowed(mayManage(a), '考核结果通报由组织本次考核的质强办印发');
  ensure(resultDocumentRefusal(a));
  const v = await resultsFor(ctx.db, a);
  ensure(rankingRefusal(v.units));
  const office = await officeOf(ctx.db, a.cycle);
  // before the final results: the 公示 of the preliminary ones with the objection window; each its own 公文 and 文号
  const title = v.stage === 'final' ? `${v.year}年度考核结果通报` : `${v.year}年度考核初步结果公示`;
  const doc = { officeId: a.cycle.office_org_id, officeName: office.name, kind: v.stage === 'final' ? ('results_bulletin' as const) : ('results_publicity' as const), subject: String(a.cycle.id), title };
  await downloadNumbered(ctx, doc, asked, async (docNo) => {
    const date = { date: v.publishedAt ? chinaDayOf(v.publishedAt) : a.today, docNo };
    const buf = v.stage === 'final' ? await resultsBulletinDocx(v, office, date) : await preliminaryPublicityDocx(v, office, date);
    return { subject: { entityType: 'assessment_cycle', entityId: a.cycle.id }, name: `${title}.docx`, type: DOCX_TYPE, body: buf };
  });
}

type UnitDocContext = RouteContext<unknown, unknown, { id: number; unitId: number }>;

/**
 * What the two 公文 the office sends one assessed unit share (its 反馈意见书 and its 考核结果报告, of the results'
 * stage): the cycle as the caller may see it, refused as the 公文's own rule says, the unit's results, the office, and
 * the 公文 as the 文号 register names it.
 */
async function unitDocOf(ctx: UnitDocContext, refusal: typeof feedbackRefusal, kind: 'results_feedback' | 'results_report', docName: string) {
  const clock = ctx.clock();
  const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, clock.today);
  ensure(refusal(a, ctx.params.unitId));
  const { v, u } = await unitResultsOf(ctx.db, a, ctx.params.unitId);
  const office = await officeOf(ctx.db, a.cycle);
  const title = `${v.year}年度${u.unitName}${docName}（${v.stage === 'final' ? '最终' : '初步'}）`;
  const doc = { officeId: a.cycle.office_org_id, officeName: office.name, kind, subject: unitDocSubject(a.cycle.id, u.unitId, v.stage), title };
  return { clock, a, v, u, office, doc, evaluators: await evaluatorNames(ctx.db, a.cycle.office_org_id) };
}

/** a unit's 公文 with its 文号, numbered one by one as the office numbers every 公文 it sends (downloadNumbered: the GET prints the registered one, the dialog's POST registers the one asked) */
const sendUnitDoc = (ctx: UnitDocContext, d: Awaited<ReturnType<typeof unitDocOf>>, asked: string | undefined, build: (docNo: string | null) => Promise<Buffer>) =>
  downloadNumbered(ctx, d.doc, asked, async (docNo) => ({ subject: { entityType: 'assessment_cycle', entityId: d.a.cycle.id }, name: `${d.doc.title}.docx`, type: DOCX_TYPE, body: await build(docNo) }));

/** a unit's 考核反馈意见书: each point lost, why, and who scored it; dated the day the results were published */
async function feedbackDownload(ctx: UnitDocContext, asked: string | undefined) {
  const d = await unitDocOf(ctx, feedbackRefusal, 'results_feedback', '考核反馈意见书');
  // feedbackRefusal leaves no caller without the unit's total; should one appear, it is refused, not fed back empty
  if (d.u.total === null) throw forbidden('最终结果发布前，只能查看部分考核要点，不能下载反馈意见书');
  const date = d.v.publishedAt ? chinaDayOf(d.v.publishedAt) : d.a.today;
  return sendUnitDoc(ctx, d, asked, (docNo) => feedbackDocx(d.v, d.u, d.office, { date, evaluators: d.evaluators, docNo }));
}

/** a unit's 考核结果报告 (to its government), with the unit's objections and their replies */
async function unitReportDownload(ctx: UnitDocContext, asked: string | undefined) {
  const d = await unitDocOf(ctx, unitReportRefusal, 'results_report', '考核结果报告');
  return sendUnitDoc(ctx, d, asked, async (docNo) => {
    const objections = (await listObjections(ctx.db, d.a)).filter((o) => o.unit.id === d.u.unitId);
    return cityReportDocx(d.v, d.u, objections, d.office, { evaluators: d.evaluators, generatedAt: d.clock.at, docNo });
  });
}

export const resultRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/cycles/:id/results',
    access: 'result.read',
    summary: '考核结果：发布前为按已存评分实时计算的初步结果，发布后为冻结的最终结果（按身份可见范围）',
    tags: TAGS,
    params: idParam,
    query: resultsQuery,
    response: resultsView,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const detail = ctx.query.detail ?? 'full';
      // final results are frozen: served as the text built at the first read, with an ETag (results-cache.ts)
      return resultsFinal(a.cycle) ? sendPublishedResults(ctx.db, a, detail, ctx.req, ctx.reply) : withDetail(await resultsFor(ctx.db, a, detail), detail);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/review',
    access: 'cycle.manage',
    summary: '公布初步结果并开放异议期（须全部评价部门已提交评分）',
    tags: TAGS,
    params: idParam,
    body: openReviewBody,
    response: cycleDetail,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensureAllowed(mayManage(a), '只有组织本次考核的质强办可以公布初步结果');
      return ctx.tx(async (c) => loadCycleDetail(c.trx, { ...a, cycle: await openReview(c, a, ctx.body) }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/publish-results',
    access: 'cycle.manage',
    summary: '发布最终结果（冻结）：有待答复的异议时须确认（confirm），异议按维持原评分办结',
    tags: TAGS,
    params: idParam,
    body: publishResultsBody,
    response: cycleDetail,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensureAllowed(mayManage(a), '只有组织本次考核的质强办可以发布最终结果');
      return ctx.tx(async (c) => loadCycleDetail(c.trx, { ...a, cycle: await publishResults(c, a, ctx.body.version, ctx.body.confirm === true) }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/preliminary',
    access: 'cycle.manage',
    summary: '评分未全部完成时，公布已提交评分部门的初步结果（须说明原因）；各市州只看到这些部门的评分',
    tags: TAGS,
    params: idParam,
    body: publishPreliminaryBody,
    response: cycleDetail,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensureAllowed(mayManage(a), '只有组织本次考核的质强办可以公布初步结果');
      return ctx.tx(async (c) => loadCycleDetail(c.trx, { ...a, cycle: await publishPreliminary(c, a, ctx.body) }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/results/ranking.xlsx',
    access: 'result.read',
    summary: '下载考核结果排名表（.xlsx）',
    tags: TAGS,
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      ensure(resultDocumentRefusal(a));
      const v = await resultsFor(ctx.db, a);
      ensure(rankingRefusal(v.units));
      const buf = await rankingWorkbook(v, (await officeOf(ctx.db, a.cycle)).unitsWord);
      await sendDownload(ctx, { entityType: 'assessment_cycle', entityId: ctx.params.id }, `${v.year}年度考核结果排名（${v.stage === 'final' ? '最终' : '初步'}）.xlsx`, XLSX_TYPE, buf);
    },
  }),
  ...numberedDownloadRoutes({
    url: '/api/cycles/:id/results/:unitId/report.docx',
    access: 'result.read',
    what: '某市州的考核结果报告（公文 .docx，发该地区政府；初步结果和最终结果的各是一份公文）',
    tags: TAGS,
    params: unitReportParams,
    download: unitReportDownload,
  }),
  ...numberedDownloadRoutes({
    url: '/api/cycles/:id/results/bulletin.docx',
    access: 'result.read',
    what: '考核结果通报（公文 .docx，发各被考核地区政府；最终结果发布前为初步结果公示）',
    tags: TAGS,
    params: idParam,
    download: bulletinDownload,
  }),
  ...numberedDownloadRoutes({
    url: '/api/cycles/:id/results/:unitId/feedback.docx',
    access: 'result.read',
    what: '某市州的考核反馈意见书（公文 .docx：每个失分点、原因和评价部门；初步结果和最终结果的各是一份公文）',
    tags: TAGS,
    params: unitReportParams,
    download: feedbackDownload,
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/scoring/signed-sheet.xlsx',
    access: 'score.enter',
    summary: '下载本部门评分表（.xlsx，供签字盖章：每个考核要点×被考核单位的分值、得分和失分原因）',
    tags: TAGS,
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      requireParticipation(a, ['office', 'department'], '只有评价部门和质强办有本单位的评分表');
      const g = await loadGrid(ctx.db, a, 'score');
      const dept = await orgName(ctx.db, a.orgUnitId);
      const cells = new Map(g.cells.map((c) => [`${c.unitId}:${c.itemCode}.${c.criterionCode}`, c]));
      const lines = g.criteria.flatMap((cr) =>
        g.units.map((u) => {
          const c = cells.get(`${u.id}:${cr.key}`);
          return { code: cr.key, itemTitle: cr.itemTitle, title: cr.title, points: cr.points, role: cr.role, unitName: u.name, score: c?.score == null ? null : Number(c.score), comment: c?.comment ?? null };
        }),
      );
      const buf = await departmentSheetWorkbook({ cycleTitle: a.cycle.title, department: dept.name, statusLabel: g.submission?.statusLabel ?? '评分中', lines });
      await sendDownload(ctx, { entityType: 'assessment_cycle', entityId: a.cycle.id }, `${a.cycle.title}评分表（${dept.name}）.xlsx`, XLSX_TYPE, buf);
    },
  }),
  route({
    method: 'POST',
    url: '/api/rectifications/from-assessment',
    access: 'rectification.raise',
    summary: '将年度考核中某市州的失分项目（含否决项）转为整改事项',
    tags: RECTIFICATION_TAGS,
    body: raiseFromAssessmentBody,
    response: rectificationListView,
    status: 201,
    // here, not in modules/rectification: who takes part in the cycle is the assessment's rule (cycleAccess), settled
    // before anything about the cycle is said; the raise itself (what was lost, who scored it) is the item's
    handler: async (ctx) => {
      ensure(rectificationRaiseRefusal(await cycleAccess(ctx.db, ctx.me(), ctx.body.cycleId, ctx.clock().today)));
      const clock = ctx.clock();
      await raisedMeanwhile(ctx.db, ctx.me().id, assessmentTargets(ctx.body), () => ctx.tx((c) => raiseFromAssessment(c, ctx.body)));
      return rectificationListOf(ctx.db, ctx.me(), { source: 'assessment', sourceId: ctx.body.cycleId, owner: ctx.body.unitId }, clock.today);
    },
  }),
];
