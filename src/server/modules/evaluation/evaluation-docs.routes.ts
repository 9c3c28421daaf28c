/**
 * The creation evaluation's documents (公文 .docx, src/server/io/word/evaluation-docs.ts): the 受理 / 不予受理
 * 通知书 and the 评价报告. Each handler: load → check → build → send (the download is audited).
 * Who may read them: the organiser, a leader above it and the applicant; the report also the experts on the
 * approved plan (cleared of 回避); member departments never. The report names no expert.
 */
import type { Kysely } from 'kysely';
import { applicationParams } from '../../../shared/contracts/evaluation';
import type { Consolidation } from '../../../shared/evaluation/consolidate';
import { DOCX_TYPE, sendDownload } from '../../core/download';
import { route, type RouteDef } from '../../core/route';
import type { Database } from '../../db/schema';
import { decisionDocx, evaluationReportDocx } from '../../io/word/evaluation-docs';
import { decisionDocRefusal, ensure, keptAcceptConcerns, reportDocRefusal, type RoundAccess } from './evaluation.policy';
import { conditionTexts, frameworkOfRound } from './evaluation.presenter';
import { applicationAccess, lastEventAt, officeNames, orgById, type ApplicationRow } from './evaluation.queries';
import { deductionReasons, myPlace } from './review/review.commands';

import { findingsOf, plansOf } from './review/review.queries';
import { chinaDate } from '../../../shared/deadline';

const TAGS = ['质量强市（县）创建评价'];

/** China's date of an instant (today when there is none), YYYY-MM-DD */
const dateOf = (iso: string | null, today: string) => (iso ? chinaDate(new Date(iso)) : today);

async function parties(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow) {
  const applicant = await orgById(db, app.applicant_org_id);
  return { organiser: await officeNames(db, a.round.organiser_org_id), applicant: applicant?.name ?? `单位 ${app.applicant_org_id}`, round: { year: a.round.year, title: a.round.title } };
}

/** The peer table an approved plan ranked against, from the copy it keeps (null: none chosen). */
function peerTableOfReport(plan: { peer_table_id: number | null; peer_table_title: string | null; peers_json: string } | undefined) {
  if (!plan?.peer_table_id) return null;
  const peers = JSON.parse(plan.peers_json) as Record<string, { code: string }[]>;
  const criteria = Object.keys(peers);
  return { title: plan.peer_table_title ?? `同级比较表 ${plan.peer_table_id}`, criteria, peers: new Set(Object.values(peers).flatMap((rows) => rows.map((r) => r.code))).size };
}

/** The report's rows: the plan's 合理缺项 and schedule, the experts' reasons without names, the on-site findings. */
async function reportInput(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, c: Consolidation) {
  const fw = frameworkOfRound(a.round);
  const plan = (await plansOf(db, app.id)).find((p) => p.status === 'approved');
  const points = new Map<string, string>(fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((cr) => [`${i.code}.${cr.code}`, String(cr.points)] as const))));
  const notApplicable = plan ? (JSON.parse(plan.not_applicable_json) as { key: string; reason: string }[]).map((x) => ({ ...x, points: points.get(x.key) ?? '0' })) : [];
  // the experts' reasons for the points they took off, in item order, names dropped
  const scored = new Set(c.items.flatMap((i) => i.scores.map((s) => s.expert)));
  const ordered = await deductionReasons(db, fw, app.id, plan, scored);
  return {
    notApplicable,
    method: plan?.method ?? 'mean',
    experts: scored.size,
    schedule: {
      documentReviewStart: plan?.document_review_start ?? null,
      documentReviewEnd: plan?.document_review_end ?? null,
      siteReviewStart: plan?.site_review_start ?? null,
      siteReviewEnd: plan?.site_review_end ?? null,
    },
    reasons: ordered,
    criteria: Object.fromEntries(fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((cr) => [`${i.code}.${cr.code}`, cr.title] as const)))),
    peerTable: peerTableOfReport(plan),
    findings: (await findingsOf(db, app.id)).map((f) => ({ itemCode: f.item_code, text: f.text })),
  };
}

export const evaluationDocRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/decision.docx',
    access: 'evaluation.read',
    summary: '下载受理通知书或不予受理通知书（公文 .docx，评价组织单位发申请单位；作出受理决定后）',
    tags: TAGS,
    params: applicationParams,
    raw: true,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      ensure(decisionDocRefusal(a, app));
      const refused = app.status === 'refused';
      const texts = conditionTexts(frameworkOfRound(a.round));
      const p = await parties(ctx.db, a, app);
      const buf = await decisionDocx({
        ...p,
        decision: refused ? 'refused' : 'accepted',
        submittedAt: app.submitted_at,
        decidedOn: dateOf(app.decided_at, ctx.clock().today),
        refusal: refused ? { code: app.refusal_condition ?? '', text: texts.get(app.refusal_condition ?? '') ?? app.refusal_condition ?? '', reason: app.refusal_reason ?? '' } : null,
        accepted: !refused && app.accept_reason ? { concerns: keptAcceptConcerns(app), reason: app.accept_reason } : null,
      });
      await sendDownload(ctx, { entityType: 'evaluation_application', entityId: app.id }, `${p.applicant}创建评价${refused ? '不予受理通知书' : '受理通知书'}.docx`, DOCX_TYPE, buf);
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/report.docx',
    access: 'evaluation.read',
    summary: '下载评价报告（公文 .docx：评价结果、各指标项和评价项目得分、失分项目及专家意见、组长确定的得分、现场评审发现的问题；综合评价确认后）',
    tags: TAGS,
    params: applicationParams,
    raw: true,
    handler: async (ctx) => {
      const me = ctx.me();
      const { a, app } = await applicationAccess(ctx.db, me, ctx.params.id);
      const cleared = a.as === 'expert' && (await myPlace(ctx.db, app.id, me.id)).member?.status === 'cleared';
      ensure(reportDocRefusal(a, app, cleared));
      const c = JSON.parse(app.consolidation_json!) as Consolidation;
      const p = await parties(ctx.db, a, app);
      const buf = await evaluationReportDocx({
        ...p,
        consolidation: c,
        ...(await reportInput(ctx.db, a, app, c)),
        acceptedAt: app.decided_at,
        acknowledged: app.acknowledged_at !== null,
        // the day the report was sent to the applicant; before that, the day the 综合评价 was confirmed (a draft)
        date: dateOf(app.reported_at ?? (await lastEventAt(ctx.db, app.id, 'consolidate')), ctx.clock().today),
      });
      await sendDownload(ctx, { entityType: 'evaluation_application', entityId: app.id }, `${p.applicant}创建评价报告.docx`, DOCX_TYPE, buf);
    },
  }),
];
