/**
 * The one file of an upload request. Every upload route takes one file; a second file in the same request used to
 * be dropped without a word (the multipart reader stops at the first), so it is now refused, before anything is saved.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError, badRequest } from './errors';
import { brokenMultipart } from './framework-errors';

const codeOf = (e: unknown) => (e as { code?: string } | null)?.code;

const secondFile = () => badRequest('一次只能上传一个文件：请只选择一个文件后重新上传', [{ field: 'file', message: '只能上传一个文件' }]);

export interface FirstFile {
  /** the request's file part (undefined: none) */
  file: MultipartFile | undefined;
  /** once the file has been read: 400 when another file came with it */
  noSecondFile: () => Promise<void>;
}

/**
 * A body that ends inside the file part (a client that stops sending, a dropped connection): the multipart reader
 * destroys the file's stream, or only emits an error on it (neither ending nor destroying it), and a read begun after
 * that (the file is read once the caller is authorised) waited for ever — Node's pipeline never settles on a stream
 * already destroyed — so the request was never answered and held its temporary file; a read under way failed with a
 * bare "Premature close" (a 500). An error on the stream destroys it with the 400, and ensureUnbroken() is asked just
 * before the stream is read.
 */
function failOnCutOff(stream: Readable): void {
  stream.on('error', () => {
    if (!stream.destroyed) stream.destroy(brokenMultipart());
  });
}

/** Before an upload's file stream is read: a 400 when it is already gone (cut off, see failOnCutOff). */
export function ensureUnbroken(stream: Readable): void {
  if (stream.destroyed) throw brokenMultipart();
}

/** what reading a file stream that was cut off (or closed under the reader) threw: the 400, or the error itself */
export const cutOffAs400 = (e: unknown): unknown =>
  codeOf(e) === 'ERR_STREAM_PREMATURE_CLOSE' || /terminated early/.test((e as Error | null)?.message ?? '') ? brokenMultipart() : e;

/** The request's file, and the check — to run once its stream has been read — that it came alone. */
export async function firstFile(req: FastifyRequest, maxBytes: number): Promise<FirstFile> {
  const files = req.files({ limits: { fileSize: maxBytes, files: 1 } });
  const first = await files.next();
  if (!first.done) failOnCutOff(first.value.file);
  return {
    file: first.done ? undefined : first.value,
    noSecondFile: async () => {
      let next: IteratorResult<MultipartFile>;
      try {
        next = await files.next();
      } catch (e) {
        if (codeOf(e) === 'FST_FILES_LIMIT') throw secondFile();
        throw e;
      }
      if (!next.done) {
        next.value.file.resume();
        throw secondFile();
      }
    },
  };
}

/**
 * A workbook upload read into memory (declarations, scoring sheets, the honours roll): 400 without a file or with a
 * second one, 413 over `maxBytes`; `what` names the file in the messages ("申报表", "评分表", "导入表").
 */
export async function uploadedWorkbook(req: FastifyRequest, maxBytes: number, what: string): Promise<{ buffer: Buffer; fileName: string | null }> {
  try {
    const { file, noSecondFile } = await firstFile(req, maxBytes);
    if (!file) throw badRequest(`请选择要上传的${what}文件（.xlsx）`, [{ field: 'file', message: '未收到文件' }]);
    ensureUnbroken(file.file);
    const buffer = await file.toBuffer();
    await noSecondFile();
    return { buffer, fileName: file.filename || null };
  } catch (e) {
    if (codeOf(e) === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'too_large', `文件过大：${what}不超过${maxBytes / 1024 / 1024} MB`, [{ field: 'file', message: '文件过大' }]);
    throw cutOffAs400(e);
  }
}
