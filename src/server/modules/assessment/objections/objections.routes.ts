/** Objections (异议): the list each participant may see, raising one (a city, in the window) and answering it. */
import { z } from 'zod';
import { idParam } from '../../../../shared/contracts/common';
import { answerObjectionBody, keyPointLabel, objectionParams, objectionView, raiseObjectionBody } from '../../../../shared/contracts/results';
import { objectionNoticeSubject } from '../../../../shared/contracts/docnumbers';
import { DOCX_TYPE } from '../../../core/download';
import { notFound } from '../../../core/errors';
import { route, type RouteContext, type RouteDef } from '../../../core/route';
import { downloadNumbered, numberedDownloadRoutes } from '../../docnumbers';
import { objectionNoticeDocx } from '../../../io/word/results-docs';
import { officeOf } from '../declarations/declarations.queries';
import { cycleAccess, cycleAccessOr } from '../assessment.queries';
import { ensure, objectionNoticeRefusal } from '../assessment.policy';
import { answerObjection, raiseObjection } from './objections.commands';
import { findObjection, listObjections } from './objections.queries';

const TAGS = ['考核结果'];

/**
 * The 异议复核结果告知书 of one objection with its 文号, numbered as the office numbers every 公文 it sends (the
 * bulletin's rule, docnumbers.download.ts): the GET prints the registered one, the dialog's POST registers the one asked.
 */
async function noticeDownload(ctx: RouteContext<unknown, unknown, { id: number }>, asked: string | undefined) {
  const row = await findObjection(ctx.db, ctx.params.id);
  if (!row) throw notFound(`异议${ctx.params.id}不存在`);
  const a = await cycleAccessOr(ctx.db, ctx.me(), row.cycle_id, ctx.clock().today, () => notFound(`异议${ctx.params.id}不存在`));
  // listObjections keeps to what the caller may see: another city's or department's objection is not found
  const o = (await listObjections(ctx.db, a, row.id))[0];
  if (!o) throw notFound(`异议${ctx.params.id}不存在`);
  ensure(objectionNoticeRefusal(o));
  const office = await officeOf(ctx.db, a.cycle);
  const title = `${o.unit.name}异议复核结果告知书（${keyPointLabel(`${o.itemCode}.${o.criterionCode}`, o.itemTitle)}）`;
  const doc = { officeId: a.cycle.office_org_id, officeName: office.name, kind: 'objection_notice' as const, subject: objectionNoticeSubject(a.cycle.id, o.id), title };
  return downloadNumbered(ctx, doc, asked, async (docNo) => ({
    subject: { entityType: 'objection', entityId: o.id },
    name: `${title}.docx`,
    type: DOCX_TYPE,
    body: await objectionNoticeDocx(o, a.cycle.title, office, { demo: a.cycle.demo === 1, docNo }),
  }));
}

export const objectionRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/cycles/:id/objections',
    access: 'cycle.read',
    summary: '异议列表（市州：本地区提出的；部门：向本单位提出的；质强办：全部）',
    tags: TAGS,
    params: idParam,
    response: z.object({ items: z.array(objectionView) }),
    handler: async (ctx) => ({ items: await listObjections(ctx.db, await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today)) }),
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:id/objections',
    access: 'objection.raise',
    summary: '对本地区某一考核要点的评分提出异议（仅限异议期内）',
    tags: TAGS,
    params: idParam,
    body: raiseObjectionBody,
    response: objectionView,
    status: 201,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      return ctx.tx(async (c) => (await listObjections(c.trx, a, await raiseObjection(c, a, ctx.body)))[0]);
    },
  }),
  route({
    method: 'POST',
    url: '/api/objections/:id/answer',
    access: 'objection.answer',
    summary: '答复异议：维持原评分，或调整评分（新评分按评分方法校验），均须写明理由',
    tags: TAGS,
    params: objectionParams,
    body: answerObjectionBody,
    response: objectionView,
    handler: async (ctx) => {
      const o = await findObjection(ctx.db, ctx.params.id);
      if (!o) throw notFound(`异议${ctx.params.id}不存在`);
      const a = await cycleAccessOr(ctx.db, ctx.me(), o.cycle_id, ctx.clock().today, () => notFound(`异议${ctx.params.id}不存在`));
      return ctx.tx(async (c) => {
        await answerObjection(c, a, o, ctx.body);
        return (await listObjections(c.trx, a, o.id))[0];
      });
    },
  }),
  ...numberedDownloadRoutes({
    url: '/api/objections/:id/notice.docx',
    access: 'result.read',
    what: '异议复核结果告知书（公文 .docx：提出异议的市州、答复部门和质强办可下载）',
    tags: TAGS,
    params: objectionParams,
    download: noticeDownload,
  }),
];
