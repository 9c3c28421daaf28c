/**
 * A 公文 downloaded with its 文号 (the results bulletin / publicity, a work plan's notice, the rectification
 * notice). Each such download has two doors at one address:
 * - GET prints the 文号 registered for the 公文 (none: the placeholder ×××〔年〕×号) and changes nothing but the
 *   download's audit row, so a link a browser prefetches or a crawler follows never registers a number;
 * - POST with `{ docNumber }` (the download dialog's 下载, same-origin and with the session's token, as every write)
 *   registers the number for the 公文 in the same transaction as the download's audit row, then answers the file.
 *   Asked again with the number already registered for it: printed, nothing registered.
 * Two POSTs registering one number at once: the unique index lets one commit, the other is answered as if it had
 * come second (the same 公文 and number: printed; another: a 409 naming the holder) — recoverDuplicate.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { noDocNumberInLink, numberedDownloadBody } from '../../../shared/contracts/docnumbers';
import { downloadRecord, sendFile, type DownloadSubject } from '../../core/download';
import type { RouteAccess } from '../../../shared/permissions';
import { route, type RouteContext, type RouteDef } from '../../core/route';
import { recoverDuplicate } from '../../db/errors';
import { numberToPrint, registerDocNumber, type PrintedDoc } from './docnumbers.commands';
import { numberTakenMeanwhile } from './docnumbers.policy';

export interface NumberedFile {
  subject: DownloadSubject;
  name: string;
  type: string;
  body: Buffer;
}

/**
 * The numbered 公文 as a file. `asked` is the 文号 of a POST's body (undefined for a GET, which only prints the
 * registered one).
 */
export async function downloadNumbered(
  ctx: RouteContext<any, any, any>,
  doc: PrintedDoc,
  asked: string | undefined,
  make: (docNo: string | null) => Promise<NumberedFile>,
): Promise<FastifyReply> {
  const me = ctx.me();
  const { docNo, fresh } = await numberToPrint(ctx.db, me, doc, asked);
  const f = await make(docNo);
  const record = downloadRecord(f.subject, f.name, f.body.length, docNo ? { docNumber: docNo, ...(fresh ? { registered: true } : {}) } : undefined);
  // in a transaction of its own, so that a POST that registers nothing still counts as audited (route())
  const printOnly = () => ctx.tx((c) => c.audit(fresh ? { ...record, after: { ...(record.after as object), registered: false } } : record));
  if (!fresh) await printOnly();
  else {
    await recoverDuplicate(
      () =>
        ctx.tx(async (c) => {
          await registerDocNumber(c, doc, docNo!);
          await c.audit(record);
        }),
      async () => {
        // another registration committed first: as it now stands, this one either prints the same number or is refused
        const again = await numberToPrint(ctx.db, me, doc, docNo!);
        if (again.fresh) throw numberTakenMeanwhile(docNo!);
        await printOnly();
      },
    );
  }
  return sendFile(ctx.reply, f.name, f.type, f.body, f.body.length);
}

/**
 * The two doors of a numbered 公文's address (above): the GET, which takes no 文号 and prints the registered one, and the
 * POST of the download dialog, whose `{ docNumber }` is registered and printed. `download(ctx, asked)` loads, checks
 * and answers through downloadNumbered; `what` names the 公文 in the API's summaries.
 */
export function numberedDownloadRoutes<P>(o: {
  url: string;
  access: RouteAccess;
  what: string;
  tags: string[];
  params: z.ZodType<P>;
  download: (ctx: RouteContext<unknown, unknown, P>, asked: string | undefined) => Promise<unknown>;
}): RouteDef<any, any, any>[] {
  const common = { url: o.url, access: o.access, tags: o.tags, params: o.params, raw: true };
  return [
    route<undefined, { docNumber?: undefined }, P>({
      ...common,
      method: 'GET',
      summary: `下载${o.what}，印已登记的文号（未登记的印“×××〔年〕×号”）；登记文号用同一地址的 POST`,
      query: z.strictObject({ docNumber: noDocNumberInLink }),
      handler: (ctx) => o.download(ctx, undefined),
    }),
    route<{ docNumber: string }, undefined, P>({
      ...common,
      method: 'POST',
      summary: `登记文号并下载${o.what}：{ docNumber } 登记为该公文的文号（与下载的审计记录同一事务）并印在版头；已登记的同一文号只印不再登记`,
      body: numberedDownloadBody,
      handler: (ctx) => o.download(ctx, ctx.body.docNumber),
    }),
  ];
}
