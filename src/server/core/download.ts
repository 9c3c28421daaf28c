/**
 * File answers (exports, templates, evidence): the one place that sets the download headers and records who
 * read which file (an audit row `download` naming the object and the file, written before the file is sent).
 */
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import type { Database } from '../db/schema';
import { writeAudit, type AuditActor, type AuditRecord } from './audit';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What a download needs from the route context. */
export interface DownloadContext {
  reply: FastifyReply;
  db: Kysely<Database>;
  actor(): AuditActor;
}

/** The object the file comes from, for the audit row (e.g. the cycle of a ranking, the evidence row). */
export interface DownloadSubject {
  entityType: string;
  entityId: string | number;
  cycleId?: number;
}

/**
 * A file name for filename*= (RFC 5987): encodeURIComponent leaves ' ( ) * ! as they are, which that header does not
 * allow — a name with an apostrophe ("张三's报告.pdf") was saved by the browser under the download's number instead.
 */
export const rfc5987 = (name: string) => encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The plain filename="…" that goes before filename*= (RFC 6266 §4.3): a client that does not read filename* (curl -J,
 * wget, some download managers) takes this one. Printable ASCII only, without the characters a quoted string or a
 * path cannot hold (" \ / and %, which some browsers percent-decode); a name with anything else (Chinese) becomes
 * kaoping-<its ASCII words>.<extension> — 「2023年度考核结果排名（最终）.xlsx」 kaoping-2023.xlsx, 「岳阳市抽检报告.pdf」
 * kaoping-download.pdf.
 */
export function asciiFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && /^\.[A-Za-z0-9]{1,10}$/.test(name.slice(dot)) ? name.slice(dot) : '';
  const stem = name.slice(0, name.length - ext.length);
  if (/^[\x20-\x7e]+$/.test(name)) {
    const plain = stem.replace(/["\\/%]/g, '_').trim().slice(0, 150);
    if (/[A-Za-z0-9]/.test(plain)) return `${plain}${ext}`;
  }
  const words = (stem.match(/[A-Za-z0-9]+/g) ?? []).join('-').slice(0, 100).replace(/-$/, '');
  return `kaoping-${words || 'download'}${ext}`;
}

/** Content-Disposition of a download: the ASCII fallback first, then the real name (RFC 6266 §4.3, RFC 5987) */
export const attachmentDisposition = (name: string) => `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${rfc5987(name)}`;

/**
 * Audit the download, then send the file as an attachment; the Chinese file name is encoded per RFC 6266
 * (filename*=UTF-8''…), after an ASCII filename="…" for clients that read only that.
 */
export async function sendDownload(
  ctx: DownloadContext,
  subject: DownloadSubject,
  name: string,
  type: string,
  body: Buffer | Readable,
  size?: number,
): Promise<FastifyReply> {
  // a HEAD (a link checker, a download manager asking the size) is answered the headers only: nobody read the file,
  // so the append-only audit log records no 下载
  if (ctx.reply.request.method !== 'HEAD') await writeAudit(ctx.db, ctx.actor(), downloadRecord(subject, name, size));
  return sendFile(ctx.reply, name, type, body, size);
}

/**
 * The audit row of a download (`download`, the object, the file's name and size, and what else the download
 * recorded, e.g. the 文号 it printed). sendDownload writes it on its own; a download that also changes something
 * (registering the 文号 it prints) writes it with c.audit in the change's transaction, then calls sendFile.
 */
export const downloadRecord = (subject: DownloadSubject, name: string, size?: number, extra?: Record<string, unknown>): AuditRecord => ({
  action: 'download',
  ...subject,
  after: { fileName: name, ...(size !== undefined ? { sizeBytes: size } : {}), ...extra },
});

/** The download's headers and body (its audit row written before: sendDownload, or downloadRecord in a change). */
export function sendFile(reply: FastifyReply, name: string, type: string, body: Buffer | Readable, size?: number): FastifyReply {
  reply
    .header('Content-Type', type)
    .header('Content-Disposition', attachmentDisposition(name))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store');
  if (size !== undefined) reply.header('Content-Length', String(size));
  return reply.send(body);
}
