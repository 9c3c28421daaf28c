/** 佐证材料: upload (multipart), list, download, delete. Visibility follows the owner (see evidence.service.ts). */
import fs from 'node:fs';
import { z } from 'zod';
import { idParam, okResponse } from '../../../shared/contracts/common';
import { EVIDENCE_MAX_BYTES, EVIDENCE_OWNER_LABELS, evidenceItem, evidenceListQuery, evidenceUploadFields } from '../../../shared/contracts/evidence';
import { badRequest, forbidden, notFound } from '../../core/errors';
import { route } from '../../core/route';
import { parseOr400 } from '../../core/validation';
import { cycleAccess } from '../assessment';
import { canRead, loadOwner, lockWrite, requireWrite } from './evidence.service';
import { blobInUse, findEvidence, listEvidence, presentEvidence } from './evidence.repository';
import { blobPath, checkType, commitBlob, discard, removeBlob, sanitizeFileName, stageUpload } from './evidence.storage';
import { sendDownload } from '../../core/download';

const fieldValue = (f: unknown): unknown => {
  const one = Array.isArray(f) ? f[0] : f;
  return one && typeof one === 'object' && 'value' in one ? (one as { value: unknown }).value : undefined;
};

export const evidenceRoutes = [
  route({
    method: 'POST',
    url: '/api/evidence',
    access: 'cycle.read',
    summary: '上传佐证材料（multipart/form-data：先 cycleId、ownerType、ownerId 字段，后 file 文件）',
    tags: ['佐证材料'],
    response: evidenceItem,
    status: 201,
    handler: async (ctx) => {
      const me = ctx.me();
      const maxBytes = Math.min(ctx.deps.config.evidenceMaxBytes ?? EVIDENCE_MAX_BYTES, EVIDENCE_MAX_BYTES);
      const data = await ctx.req.file({ limits: { fileSize: maxBytes } });
      if (!data) throw badRequest('请选择要上传的文件', [{ field: 'file', message: '请选择文件' }]);
      let staged;
      try {
        const fields = parseOr400(
          evidenceUploadFields,
          { cycleId: fieldValue(data.fields.cycleId), ownerType: fieldValue(data.fields.ownerType), ownerId: fieldValue(data.fields.ownerId) },
          'body',
        );
        const { name, ext } = sanitizeFileName(data.filename);
        const a = await cycleAccess(ctx.db, me, fields.cycleId);
        const owner = await loadOwner(ctx.db, a.cycle.id, fields.ownerType, fields.ownerId);
        const check = await requireWrite(ctx.db, a, owner);
        staged = await stageUpload(ctx.deps.config.dataDir, data.file, maxBytes);
        if (staged.size === 0) throw badRequest(`文件「${name}」是空文件`, [{ field: 'file', message: '空文件' }]);
        const mime = await checkType(staged, ext, name);
        await commitBlob(ctx.deps.config.dataDir, staged);
        const sha = staged.sha256;
        staged = undefined;
        try {
          return await ctx.tx(async (trx, audit) => {
            await lockWrite(trx, a, owner, check);
            const row = await trx
              .insertInto('evidence')
              .values({
                cycle_id: a.cycle.id,
                unit_id: owner.unitId,
                owner_type: owner.type,
                owner_id: owner.id,
                file_name: name,
                mime_type: mime,
                size_bytes: (await fs.promises.stat(blobPath(ctx.deps.config.dataDir, sha))).size,
                sha256: sha,
                uploaded_by: me.id,
                uploaded_at: new Date().toISOString(),
              })
              .returningAll()
              .executeTakeFirstOrThrow();
            const item = presentEvidence(row, new Map([[me.id, me.displayName]]));
            await audit({ action: 'evidence.upload', entityType: 'evidence', entityId: row.id, after: { ...item, owner: owner.label } });
            return item;
          });
        } catch (e) {
          if (!(await blobInUse(ctx.db, sha))) await removeBlob(ctx.deps.config.dataDir, sha);
          throw e;
        }
      } finally {
        if (staged) await discard(staged);
        data.file.resume(); // drain whatever was not read (refused before streaming)
      }
    },
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
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.query.cycleId);
      const owner = await loadOwner(ctx.db, a.cycle.id, ctx.query.ownerType, ctx.query.ownerId);
      if (!(await canRead(ctx.db, a, owner))) throw forbidden(`您无权查看${owner.label}的佐证材料`);
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
      const row = await findEvidence(ctx.db, ctx.params.id);
      if (!row) throw notFound(`佐证材料 ${ctx.params.id} 不存在`);
      const a = await cycleAccess(ctx.db, ctx.me(), row.cycle_id);
      const owner = await loadOwner(ctx.db, a.cycle.id, row.owner_type as never, row.owner_id);
      if (!(await canRead(ctx.db, a, owner))) throw forbidden(`您无权查看该${EVIDENCE_OWNER_LABELS[owner.type]}的佐证材料`);
      const file = blobPath(ctx.deps.config.dataDir, row.sha256);
      if (!fs.existsSync(file)) throw notFound(`佐证材料「${row.file_name}」的文件已丢失，请联系系统管理员`);
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
      const row = await findEvidence(ctx.db, ctx.params.id);
      if (!row) throw notFound(`佐证材料 ${ctx.params.id} 不存在`);
      const a = await cycleAccess(ctx.db, me, row.cycle_id);
      const owner = await loadOwner(ctx.db, a.cycle.id, row.owner_type as never, row.owner_id);
      if (!(await canRead(ctx.db, a, owner))) throw notFound(`佐证材料 ${ctx.params.id} 不存在`);
      if (row.uploaded_by !== me.id) throw forbidden('只能删除自己上传的佐证材料');
      const check = await requireWrite(ctx.db, a, owner);
      await ctx.tx(async (trx, audit) => {
        await lockWrite(trx, a, owner, check);
        await trx.deleteFrom('evidence').where('id', '=', row.id).execute();
        await audit({ action: 'evidence.delete', entityType: 'evidence', entityId: row.id, cycleId: row.cycle_id, before: { ...presentEvidence(row, new Map()), owner: owner.label } });
      });
      if (!(await blobInUse(ctx.db, row.sha256))) await removeBlob(ctx.deps.config.dataDir, row.sha256);
      return { ok: true as const };
    },
  }),
];
