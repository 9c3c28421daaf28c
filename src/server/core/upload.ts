/**
 * The one file of an upload request. Every upload route takes one file; a second file in the same request used to
 * be dropped without a word (the multipart reader stops at the first), so it is now refused, before anything is saved.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from './errors';

const codeOf = (e: unknown) => (e as { code?: string } | null)?.code;

const secondFile = () => badRequest('一次只能上传一个文件：请只选择一个文件后重新上传', [{ field: 'file', message: '只能上传一个文件' }]);

export interface FirstFile {
  /** the request's file part (undefined: none) */
  file: MultipartFile | undefined;
  /** once the file has been read: 400 when another file came with it */
  noSecondFile: () => Promise<void>;
}

/** The request's file, and the check — to run once its stream has been read — that it came alone. */
export async function firstFile(req: FastifyRequest, maxBytes: number): Promise<FirstFile> {
  const files = req.files({ limits: { fileSize: maxBytes, files: 1 } });
  const first = await files.next();
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
    const buffer = await file.toBuffer();
    await noSecondFile();
    return { buffer, fileName: file.filename || null };
  } catch (e) {
    if (codeOf(e) === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'too_large', `文件过大：${what}不超过 ${maxBytes / 1024 / 1024} MB`, [{ field: 'file', message: '文件过大' }]);
    throw e;
  }
}
