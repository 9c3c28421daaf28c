/**
 * Receiving one stored file (佐证材料, 附件): the one path from a multipart request to a blob in the store.
 * Fields come before the file; they are parsed and the caller's access is checked before a byte of the file is
 * read; then the file is staged (hashed, measured, size-limited), refused when empty or not of its type, moved to
 * its content address, and recorded by `save`. If recording fails, the blob goes unless a row still uses it.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import { EVIDENCE_MAX_BYTES } from '../../../shared/contracts/evidence';
import { badRequest } from '../../core/errors';
import { firstFile } from '../../core/upload';
import type { RouteContext } from '../../core/route';
import { parseOr400 } from '../../core/validation';
import { blobInUse } from './evidence.queries';
import { blobPath, checkType, commitBlob, discard, dropBlob, putBlobBack, restoreBlob, sanitizeFileName, setBlobAside, stageUpload, type StagedFile } from './evidence.storage';

/** A stored file as the owning row records it. */
export interface StoredFile {
  name: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
}

const fieldValue = (f: unknown): unknown => {
  const one = Array.isArray(f) ? f[0] : f;
  return one && typeof one === 'object' && 'value' in one ? (one as { value: unknown }).value : undefined;
};

/** The configured upper size of one file (never above EVIDENCE_MAX_BYTES). */
const maxBytesOf = (ctx: RouteContext<unknown, unknown, unknown>) => Math.min(ctx.deps.config.evidenceMaxBytes ?? EVIDENCE_MAX_BYTES, EVIDENCE_MAX_BYTES);

/**
 * Receive the request's file: `fields` parses the form fields (400 in Chinese), `prepare` loads and authorises
 * (throws 403/404/409 before the file is read), `save` records the stored file (in its own transaction).
 */
export async function receiveUpload<F extends Record<string, unknown>, P, T>(
  ctx: RouteContext<unknown, unknown, unknown>,
  fields: z.ZodType<F>,
  prepare: (fields: F) => Promise<P>,
  save: (prepared: P, file: StoredFile) => Promise<T>,
): Promise<T> {
  const dataDir = ctx.deps.config.dataDir;
  const maxBytes = maxBytesOf(ctx);
  const { file: data, noSecondFile } = await firstFile(ctx.req, maxBytes);
  if (!data) throw badRequest('请选择要上传的文件', [{ field: 'file', message: '请选择文件' }]);
  let staged: StagedFile | undefined;
  try {
    const shape = (fields as unknown as z.ZodObject).shape as Record<string, unknown>;
    const raw = Object.fromEntries(Object.keys(shape).map((k) => [k, fieldValue(data.fields[k])]));
    const parsed = parseOr400(fields, raw, 'body');
    const { name, ext } = sanitizeFileName(data.filename);
    const prepared = await prepare(parsed);
    staged = await stageUpload(dataDir, data.file, maxBytes);
    await noSecondFile();
    if (staged.size === 0) throw badRequest(`文件「${name}」是空文件`, [{ field: 'file', message: '空文件' }]);
    const mime = await checkType(staged, ext, name);
    await commitBlob(dataDir, staged);
    const sha = staged.sha256;
    try {
      const saved = await save(prepared, { name, mime, sizeBytes: staged.size, sha256: sha });
      // a removal of the same bytes elsewhere (another owner's file deleted) may have taken the blob before this
      // row committed: put it back from the staged copy, which is discarded only now
      await restoreBlob(dataDir, staged);
      return saved;
    } catch (e) {
      await removeBlobIfUnused(ctx.db, dataDir, sha);
      throw e;
    }
  } finally {
    if (staged) await discard(staged);
    data.file.resume(); // drain whatever was not read (refused before streaming)
  }
}

/** After a row is gone: remove its blob unless an evidence or attachment row still points at it. */
export async function removeBlobIfUnused(db: Kysely<Database>, dataDir: string, sha256: string): Promise<void> {
  if (await blobInUse(db, sha256)) return;
  // an upload of the same bytes may commit its row between the check and the removal: set the blob aside, look again
  const aside = await setBlobAside(dataDir, sha256);
  if (!aside) return;
  if (await blobInUse(db, sha256)) await putBlobBack(dataDir, sha256, aside);
  else await dropBlob(aside);
}

/** The stored file of a row, or undefined when it has gone missing from the data directory. */
export function blobFile(dataDir: string, sha256: string): string | undefined {
  const file = blobPath(dataDir, sha256);
  return fs.existsSync(file) ? file : undefined;
}
