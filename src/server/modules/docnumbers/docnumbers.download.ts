/**
 * A 公文 downloaded with its 文号 (the results bulletin / publicity, a work plan's notice, the rectification
 * notice): the number asked for is registered for the 公文 in the same transaction as the download's audit row;
 * none asked, the registered one is printed. Two downloads registering one number at once: the unique index lets one
 * commit, the other is answered as if it had come second (the same 公文 and number: printed; another: a 409 naming
 * the holder).
 */
import type { FastifyReply } from 'fastify';
import { writeAudit } from '../../core/audit';
import { downloadRecord, sendFile, type DownloadSubject } from '../../core/download';
import type { RouteContext } from '../../core/route';
import { isUniqueViolation } from '../../db/errors';
import { numberToPrint, registerDocNumber, type PrintedDoc } from './docnumbers.commands';
import { numberTakenMeanwhile } from './docnumbers.policy';

export interface NumberedFile {
  subject: DownloadSubject;
  name: string;
  type: string;
  body: Buffer;
}

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
  if (!fresh) await writeAudit(ctx.db, ctx.actor, record);
  else {
    try {
      await ctx.tx(async (c) => {
        await registerDocNumber(c, doc, docNo!, { at: (ctx.deps.config.now?.() ?? new Date()).toISOString() });
        await c.audit(record);
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // another download committed first: as it now stands, this one either prints the same registered number or is refused
      const again = await numberToPrint(ctx.db, me, doc, docNo!);
      if (again.fresh) throw numberTakenMeanwhile(docNo!);
      await writeAudit(ctx.db, ctx.actor, { ...record, after: { ...(record.after as object), registered: false } });
    }
  }
  return sendFile(ctx.reply, f.name, f.type, f.body, f.body.length);
}
