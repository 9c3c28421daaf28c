/** File answers (exports, templates, evidence): the one place that sets the download headers. */
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Send a file as an attachment; the Chinese file name is encoded per RFC 6266 (filename*=UTF-8''…). */
export function sendDownload(reply: FastifyReply, name: string, type: string, body: Buffer | Readable, size?: number): FastifyReply {
  reply
    .header('Content-Type', type)
    .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store');
  if (size !== undefined) reply.header('Content-Length', String(size));
  return reply.send(body);
}
