/** The applicant's 自评 and the panel's on-site findings. Each handler: load → check → call → present. */
import { z } from 'zod';
import { versionOf } from '../../../../shared/contracts/common';
import { applicationParams, checkSelfBody, findingBody, findingView, putSelfScoreBody, returnSelfBody, selfAssessmentView, sheetCellParams } from '../../../../shared/contracts/evaluation';
import { planFramework } from '../../../../shared/evaluation/consolidate';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { route, type RouteDef } from '../../../core/route';
import { ensure, selfCheckRefusal, selfEditRefusal, selfReturnRefusal, type RoundAccess } from '../evaluation.policy';
import { SELF_ASSESSMENT_WORKFLOW } from '../../../../shared/workflow/evaluation';
import { findTransition } from '../../../../shared/workflow/workflow';
import { materialReadRefusal, naKeys } from './self.access';
import { frameworkOfRound } from '../evaluation.presenter';
import { applicationAccess, findApplication, type ApplicationRow } from '../evaluation.queries';
import { sheetsOf } from '../review/review.queries';
import { checkSelf, putSelfScore, recordFinding, returnSelf, submitSelf } from './self.commands';
import { presentFindings, presentSelf } from './self.presenter';
import { checkerName, findingsOf, selfOf } from './self.queries';
import { rectificationsOf } from '../../rectification';

const TAGS = ['质量强市（县）创建评价'];

/** The 自评 and the findings: materialReadRefusal. */
async function ensureMaterialReader(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, what: '自评' | '现场评审发现的问题'): Promise<void> {
  ensure(await materialReadRefusal(db, a, app, what));
}

async function selfView(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow) {
  const na = await naKeys(db, app.id);
  const row = await selfOf(db, app.id);
  const editable = selfEditRefusal(a, app, row, '修改') === null;
  const returnable = a.as === 'organiser' && !!row && !!findTransition(SELF_ASSESSMENT_WORKFLOW, row.status, 'return') && selfReturnRefusal(a, app, (await sheetsOf(db, app.id)).length > 0) === null;
  const checkedBy = await checkerName(db, row);
  const checkable = selfCheckRefusal(a, app, row, checkedBy) === null;
  return presentSelf(app.id, planFramework(frameworkOfRound(a.round), na), na, row, { editable, returnable, checkable }, checkedBy);
}

/** the findings, each with the 整改事项 raised from it (if any), as the caller reads them (presentFindings) */
async function findingsView(db: Kysely<Database>, a: RoundAccess, appId: number) {
  const [findings, items] = await Promise.all([findingsOf(db, appId), rectificationsOf(db, 'evaluation_site', appId)]);
  return presentFindings(a, findings, items);
}

export const selfRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/self-assessment',
    access: 'evaluation.read',
    summary: '申请单位的自评（逐项得分、说明与引擎合计）',
    tags: TAGS,
    params: applicationParams,
    response: selfAssessmentView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      await ensureMaterialReader(ctx.db, a, app, '自评');
      return selfView(ctx.db, a, app);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/evaluation-applications/:id/self-assessment/:itemCode/:criterionCode',
    access: 'evaluation.apply',
    summary: '自评一条评分细则（按评分方法作答，可附说明）',
    tags: TAGS,
    params: sheetCellParams,
    body: putSelfScoreBody,
    response: selfAssessmentView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await putSelfScore(c, a, app, ctx.params.itemCode, ctx.params.criterionCode, ctx.body);
        return selfView(c.trx, a, (await findApplication(c.trx, app.id))!);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/self-assessment/submit',
    access: 'evaluation.apply',
    summary: '提交自评（全部评分细则须已自评；合理缺项除外）',
    tags: TAGS,
    params: applicationParams,
    body: z.strictObject({ version: versionOf('请带上版本号') }),
    response: selfAssessmentView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await submitSelf(c, a, app, ctx.body.version);
        return selfView(c.trx, a, app);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/self-assessment/return',
    access: 'evaluation.manage',
    summary: '退回自评补正（评价组织单位，须写明理由；评价专家开始评分前）',
    tags: TAGS,
    params: applicationParams,
    body: returnSelfBody,
    response: selfAssessmentView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await returnSelf(c, a, app, ctx.body);
        return selfView(c.trx, a, app);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/self-assessment/check',
    access: 'evaluation.manage',
    summary: '审查无误：评价组织单位审查已提交的自评，无需退回补正（此后仍可在专家评分前退回）',
    tags: TAGS,
    params: applicationParams,
    body: checkSelfBody,
    response: selfAssessmentView,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await checkSelf(c, a, app, ctx.body.version);
        return selfView(c.trx, a, app);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/findings',
    access: 'evaluation.read',
    summary: '现场评审发现的问题',
    tags: TAGS,
    params: applicationParams,
    response: z.object({ items: z.array(findingView) }),
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      await ensureMaterialReader(ctx.db, a, app, '现场评审发现的问题');
      return findingsView(ctx.db, a, app.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/findings',
    access: 'evaluation.read',
    summary: '记录现场评审发现的问题（评价组织单位、评价组专家）',
    tags: TAGS,
    params: applicationParams,
    body: findingBody,
    response: z.object({ items: z.array(findingView) }),
    status: 201,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await recordFinding(c, a, app, ctx.body);
        return findingsView(c.trx, a, app.id);
      });
    },
  }),
];
