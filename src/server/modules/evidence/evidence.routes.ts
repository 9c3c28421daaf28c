/** 佐证材料: upload (multipart), list, download, delete. Visibility follows the owner (the rules: assessment.policy's evidence section). */
import fs from 'node:fs';
import { z } from 'zod';
import { idParam, okResponse } from '../../../shared/contracts/common';
import { EVIDENCE_OWNER_LABELS, evidenceItem, evidenceListQuery, evidenceUploadFields } from '../../../shared/contracts/evidence';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { forbidden, notFound } from '../../core/errors';
import { route } from '../../core/route';
import { ownDeletedFile } from '../../core/audit';
import { cycleAccess, cycleAccessOr, listEvidence } from '../assessment';
import { attachEvidence, canRead, checkWrite, removeEvidence } from './evidence.commands';
import { findEvidence, loadOwner, ownerMissing, type Owner } from './evidence.queries';
import { alreadyRemoved, hiddenRefusal } from './evidence.policy';
import { blobFile, receiveUpload, removeBlobIfUnused } from './evidence.upload';
import { sendDownload } from '../../core/download';

/**
 * The file, its cycle as the caller takes part in it, and its owner; 404 when it is missing, and the same 404 when the
 * caller takes no part in its cycle or may not read its owner (hiddenRefusal: recorded as a denied attempt, but the
 * caller is not told that it exists). A file the caller has deleted themselves is a 409 (已经删除) when `deleting`.
 */
async function readableEvidence(db: Kysely<Database>, me: SessionUser, id: number, today: string, deleting = false) {
  const row = await findEvidence(db, id);
  const missing = notFound(`佐证材料${id}不存在`);
  if (!row) {
    const gone = deleting ? await ownDeletedFile(db, 'evidence', id, 'evidence.delete', me.id) : null;
    throw gone === null ? missing : alreadyRemoved(gone);
  }
  const a = await cycleAccessOr(db, me, row.cycle_id, today, () => hiddenRefusal(missing, `您未参与佐证材料${id}所属的考核工作`));
  const owner = await loadOwner(db, a.cycle.id, row.owner_type as never, row.owner_id);
  if (!(await canRead(db, a, owner))) throw hiddenRefusal(missing, `您无权查看该${EVIDENCE_OWNER_LABELS[owner.type]}的佐证材料`);
  return { row, a, owner };
}

/** An owner the caller may not read is answered as one that is not there (hiddenRefusal). */
async function ensureReadable(db: Kysely<Database>, a: Awaited<ReturnType<typeof cycleAccess>>, owner: Owner): Promise<void> {
  if (!(await canRead(db, a, owner))) throw hiddenRefusal(ownerMissing(owner.type, owner.id), `您无权查看${owner.label}的佐证材料`);
}

export const evidenceRoutes = [
  route({
    method: 'POST',
    url: '/api/evidence',
    access: 'cycle.read',
    summary: '上传佐证材料（multipart/form-data：先 cycleId、ownerType、ownerId 字段，后 file 文件）',
    tags: ['佐证材料'],
    response: evidenceItem,
    status: 201,
    handler: async (ctx) =>
      receiveUpload(
        ctx,
        evidenceUploadFields,
        async (fields) => {
          const a = await cycleAccess(ctx.db, ctx.me(), fields.cycleId, ctx.clock().today);
          const owner = await loadOwner(ctx.db, a.cycle.id, fields.ownerType, fields.ownerId);
          // a refused upload to an owner the caller may not even read is answered as a missing owner (ensureReadable)
          const check = await checkWrite(ctx.db, a, owner).catch(async (e: unknown) => {
            await ensureReadable(ctx.db, a, owner);
            throw e;
          });
          return { a, owner, check };
        },
        ({ a, owner, check }, file) => ctx.tx((c) => attachEvidence(c, a, owner, check, file)),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/evidence',
    access: 'cycle.read',
    summary: '某条评分、自评材料或异议的佐证材料',
    tags: ['佐证材料'],
    query: evidenceListQuery,
    response: z.object({ items: z.array(evidenceItem) }),
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.query.cycleId, ctx.clock().today);
      const owner = await loadOwner(ctx.db, a.cycle.id, ctx.query.ownerType, ctx.query.ownerId);
      await ensureReadable(ctx.db, a, owner);
      return { items: (await listEvidence(ctx.db, a.cycle.id, owner.type, [owner.id])).get(owner.id) ?? [] };
    },
  }),
  route({
    method: 'GET',
    url: '/api/evidence/:id',
    access: 'cycle.read',
    summary: '下载佐证材料',
    tags: ['佐证材料'],
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const { row } = await readableEvidence(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const file = blobFile(ctx.deps.config.dataDir, row.sha256);
      if (!file) throw notFound(`佐证材料「${row.file_name}」的文件已丢失，请联系系统管理员`);
      return sendDownload(ctx, { entityType: 'evidence', entityId: row.id, cycleId: row.cycle_id }, row.file_name, row.mime_type, fs.createReadStream(file), row.size_bytes);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/evidence/:id',
    access: 'cycle.read',
    summary: '删除自己上传的佐证材料（所属记录仍可修改时）',
    tags: ['佐证材料'],
    params: idParam,
    response: okResponse,
    handler: async (ctx) => {
      const me = ctx.me();
      const { row, a, owner } = await readableEvidence(ctx.db, me, ctx.params.id, ctx.clock().today, true);
      if (row.uploaded_by !== me.id) throw forbidden('只能删除自己上传的佐证材料');
      const check = await checkWrite(ctx.db, a, owner);
      await ctx.tx((c) => removeEvidence(c, a, owner, check, row));
      await removeBlobIfUnused(ctx.db, ctx.deps.config.dataDir, row.sha256);
      return { ok: true as const };
    },
  }),
];
