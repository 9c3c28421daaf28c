/** 整改事项 of an application: list, raise from deductions and on-site findings (organiser), answer (applicant). */
import { z } from 'zod';
import { answerRectificationBody, applicationParams, raiseRectificationsBody, rectificationView } from '../../../../shared/contracts/evaluation';
import { idText } from '../../../../shared/contracts/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { forbidden } from '../../../core/errors';
import { route, type RouteDef } from '../../../core/route';
import { isOwnApplication, type RoundAccess } from '../evaluation.policy';
import { applicationAccess, orgsByIds, type ApplicationRow } from '../evaluation.queries';
import { answerRectification, raiseRectifications } from './rectification.commands';
import { rectificationsOf } from '../../rectification';
import { presentRectification } from './rectification.presenter';

const TAGS = ['质量强市（县）创建评价'];

/** the organiser, leaders and the applicant see an application's rectification items */
function ensureReader(a: RoundAccess, app: ApplicationRow) {
  if (!(a.as === 'organiser' || a.as === 'leader' || isOwnApplication(a, app))) throw forbidden('整改事项只有评价组织单位、领导和申请单位可以查看');
}

async function listView(db: Kysely<Database>, app: ApplicationRow) {
  const rows = [...(await rectificationsOf(db, 'evaluation', app.id)), ...(await rectificationsOf(db, 'evaluation_site', app.id))];
  const orgs = await orgsByIds(db, rows.map((r) => r.owner_org_id));
  return { items: rows.map((r) => presentRectification(r, orgs)) };
}

const response = z.object({ items: z.array(rectificationView) });

export const evaluationRectificationRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/evaluation-applications/:id/rectifications',
    access: 'evaluation.read',
    summary: '整改事项（评价组织单位就失分项目提出，申请单位答复整改情况）',
    tags: TAGS,
    params: applicationParams,
    response,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      ensureReader(a, app);
      return listView(ctx.db, app);
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/rectifications',
    access: 'evaluation.manage',
    summary: '就综合评价的失分项目和现场评审发现的问题提出整改要求（每项、每个问题一条，附失分与专家意见或问题描述）',
    tags: TAGS,
    params: applicationParams,
    body: raiseRectificationsBody,
    response,
    status: 201,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await raiseRectifications(c, a, app, ctx.body);
        return listView(c.trx, app);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluation-applications/:id/rectifications/:rectificationId/answer',
    access: 'evaluation.apply',
    summary: '申请单位答复整改情况',
    tags: TAGS,
    params: z.strictObject({ id: applicationParams.shape.id, rectificationId: idText('整改事项编号须为正整数') }),
    body: answerRectificationBody,
    response,
    handler: async (ctx) => {
      const { a, app } = await applicationAccess(ctx.db, ctx.me(), ctx.params.id);
      return ctx.tx(async (c) => {
        await answerRectification(c, a, app, ctx.params.rectificationId, ctx.body);
        return listView(c.trx, app);
      });
    },
  }),
];
