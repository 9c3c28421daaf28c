/** The 文号 register: the offices' lists, the registered 文号 of one 公文 (download dialogs), 作废. */
import { currentQuery, currentView, docNumberList, docNumberParams, docNumberView, voidBody } from '../../../shared/contracts/docnumbers';
import { notFound } from '../../core/errors';
import { route, type RouteDef } from '../../core/route';
import { voidDocNumber } from './docnumbers.commands';
import { presentEntry } from './docnumbers.presenter';
import { currentEntry, findEntry, listEntries, readableOffices } from './docnumbers.queries';

const TAGS = ['文号登记'];

export const docNumberRoutes: RouteDef<any, any, any>[] = [
  route({
    method: 'GET',
    url: '/api/doc-numbers',
    access: 'docNumber.read',
    summary: '文号登记：本单位印发公文所用的文号（种类、公文、登记人与时间、是否作废），新登记的在前；省领导看各质强办的，市州领导看本市质强办的',
    tags: TAGS,
    response: docNumberList,
    handler: async (ctx) => {
      const me = ctx.me();
      const rows = await listEntries(ctx.db, await readableOffices(ctx.db, me));
      return { items: rows.map((r) => presentEntry(r, me)) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/doc-numbers/current',
    access: 'docNumber.read',
    summary: '某份公文已登记的文号（下载对话框预填；未登记为 null）',
    tags: TAGS,
    query: currentQuery,
    response: currentView,
    handler: async (ctx) => {
      const e = await currentEntry(ctx.db, await readableOffices(ctx.db, ctx.me()), ctx.query.kind, ctx.query.subject);
      return { docNo: e?.doc_no ?? null };
    },
  }),
  route({
    method: 'POST',
    url: '/api/doc-numbers/:id/void',
    access: 'docNumber.void',
    summary: '作废一个文号登记（须写原因；作废后该文号可再用，该公文可另登记文号）',
    tags: TAGS,
    params: docNumberParams,
    body: voidBody,
    response: docNumberView,
    handler: async (ctx) => {
      const me = ctx.me();
      const offices = await readableOffices(ctx.db, me);
      const e = await findEntry(ctx.db, ctx.params.id);
      if (!e || !offices.includes(e.office_org_id)) throw notFound(`文号登记${ctx.params.id}不存在`);
      const at = ctx.clock().at;
      // the answer is the voided entry alone, as this change left it (its new version for the next change)
      return presentEntry(await ctx.tx((c) => voidDocNumber(c, e.id, ctx.body, at)), me);
    },
  }),
];
