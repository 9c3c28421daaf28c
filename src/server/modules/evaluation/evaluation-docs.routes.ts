/**
 * The creation evaluation's documents (公文 .docx, src/server/io/word/evaluation-docs.ts): the 受理 / 不予受理
 * 通知书 and the 评价报告. Each handler: load → check → build → send (the download is audited).
 * Who may read them: the organiser, a leader above it and the applicant; the report also the experts on the
 * approved plan (cleared of 回避); member departments never. The report names no expert.
 */
import type { Kysely } from 'kysely';
import { applicationParams } from '../../../shared/contracts/evaluation';
import type { Consolidation } from '../../../shared/evaluation/consolidate';
import { DOCX_TYPE } from '../../core/download';
import type { RouteContext, RouteDef } from '../../core/route';
import { downloadNumbered, numberedDownloadRoutes } from '../docnumbers';
import type { Database } from '../../db/schema';
import { decisionDocx, evaluationReportDocx, type EvaluationParties } from '../../io/word/evaluation-docs';
import { decisionDocRefusal, ensure, reportDocRefusal, type RoundAccess } from './evaluation.policy';
import { dateOf, decisionDocName, expertsScored, frameworkOfRound, presentDecision, presentReportRows } from './evaluation.presenter';
import { applicationAccess, lastEventAt, partiesOf, type ApplicationRow } from './evaluation.queries';
import { deductionReasons, myPlace } from './review/review.commands';
import { isCleared } from './review/review.policy';
import { approvedPlanOf, findingsOf } from './review/review.queries';

const TAGS = ['质量强市（县）创建评价'];

/**
 * What the 评价报告 is written from: the parties, the confirmed 综合评价, the approved plan's rows (presentReportRows),
 * the experts' reasons without names and the on-site findings. Read here, not in evaluation.queries.ts: the reasons
 * are review.commands' deductionReasons, which reads through evaluation.queries.ts.
 */
async function reportOf(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, p: EvaluationParties, today: string) {
  const fw = frameworkOfRound(a.round);
  const c = JSON.parse(app.consolidation_json!) as Consolidation;
  const plan = await approvedPlanOf(db, app.id);
  // the experts' reasons for the points they took off, in item order, names dropped
  const scored = expertsScored(c);
  const reasons = await deductionReasons(db, fw, app.id, plan, scored);
  return {
    ...p,
    consolidation: c,
    ...presentReportRows(fw, plan, scored.size, reasons, await findingsOf(db, app.id)),
    acceptedAt: app.decided_at,
    acknowledged: app.acknowledged_at !== null,
    // the day the report was sent to the applicant; before that, the day the 综合评价 was confirmed (a draft)
    date: dateOf(app.reported_at ?? (await lastEventAt(db, app.id, 'consolidate')), today),
  };
}

/** the two 公文 the organiser sends one applicant, each numbered one by one as the office numbers every 公文 it sends */
const APPLICATION_DOCS = {
  decision: { kind: 'evaluation_decision', what: '受理通知书或不予受理通知书（公文 .docx，评价组织单位发申请单位；作出受理决定后）' },
  report: { kind: 'evaluation_report', what: '评价报告（公文 .docx：评价结果、各指标项和评价项目得分、失分项目及专家意见、组长确定的得分、现场评审发现的问题；综合评价确认后）' },
} as const;

/**
 * An application's 受理决定 or 评价报告 with its 文号 (the bulletin's rule, docnumbers.download.ts): the GET prints the
 * registered one (none: ×××〔年〕×号), the dialog's POST registers the one asked — by the organising office only.
 */
async function applicationDocDownload(ctx: RouteContext<unknown, unknown, { id: number }>, which: keyof typeof APPLICATION_DOCS, asked: string | undefined) {
  const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
  if (which === 'decision') ensure(decisionDocRefusal(a, app));
  else ensure(reportDocRefusal(a, app, a.as === 'expert' && isCleared((await myPlace(ctx.db, app.id, ctx.me().id)).member)));
  const p = await partiesOf(ctx.db, a, app);
  const name = which === 'decision' ? decisionDocName(p.applicant, app) : `${p.applicant}创建评价报告.docx`;
  const doc = { officeId: a.round.organiser_org_id, officeName: p.organiser.name, kind: APPLICATION_DOCS[which].kind, subject: String(app.id), title: name.replace(/\.docx$/, '') };
  const today = ctx.clock().today;
  return downloadNumbered(ctx, doc, asked, async (docNo) => ({
    subject: { entityType: 'evaluation_application', entityId: app.id },
    name,
    type: DOCX_TYPE,
    body:
      which === 'decision'
        ? await decisionDocx({ ...p, ...presentDecision(frameworkOfRound(a.round), app, today), docNo })
        : await evaluationReportDocx({ ...(await reportOf(ctx.db, a, app, p, today)), docNo }),
  }));
}

export const evaluationDocRoutes: RouteDef<any, any, any>[] = (['decision', 'report'] as const).flatMap((which) =>
  numberedDownloadRoutes({
    url: `/api/evaluation-applications/:id/${which}.docx`,
    access: 'evaluation.read',
    what: APPLICATION_DOCS[which].what,
    tags: TAGS,
    params: applicationParams,
    download: (ctx, asked) => applicationDocDownload(ctx, which, asked),
  }),
);
