/** 佐证材料: upload (multipart), list, download, delete. Visibility follows the owner (the rules: assessment.policy's evidence section). */
import fs from 'node:fs';
import { z } from 'zod';
import { idParam, okResponse } from '../../../shared/contracts/common';
import { EVIDENCE_OWNER_LABELS, evidenceItem, evidenceListQuery, evidenceUploadFields } from '../../../shared/contracts/evidence';
import { forbidden, notFound } from '../../core/errors';
import { route } from '../../core/route';
import { ownDeletedFile } from '../../core/audit';
import { cycleAccess, listEvidence } from '../assessment';
import { attachEvidence, canRead, checkWrite, removeEvidence } from './evidence.commands';
import { findEvidence, loadOwner } from './evidence.queries';
import { alreadyRemoved } from './evidence.policy';
import { blobFile, receiveUpload, removeBlobIfUnused } from './evidence.upload';
import { sendDownload } from '../../core/download';

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
          return { a, owner, check: await checkWrite(ctx.db, a, owner) };
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
      const a = await cycleAccess(ctx.db, ctx.me(), row.cycle_id, ctx.clock().today);
      const owner = await loadOwner(ctx.db, a.cycle.id, row.owner_type as never, row.owner_id);
      if (!(await canRead(ctx.db, a, owner))) throw forbidden(`您无权查看该${EVIDENCE_OWNER_LABELS[owner.type]}的佐证材料`);
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
      const row = await findEvidence(ctx.db, ctx.params.id);
      if (!row) {
        const gone = await ownDeletedFile(ctx.db, 'evidence', ctx.params.id, 'evidence.delete', me.id);
        throw gone === null ? notFound(`佐证材料 ${ctx.params.id} 不存在`) : alreadyRemoved(gone);
      }
      const a = await cycleAccess(ctx.db, me, row.cycle_id, ctx.clock().today);
      const owner = await loadOwner(ctx.db, a.cycle.id, row.owner_type as never, row.owner_id);
      if (!(await canRead(ctx.db, a, owner))) throw notFound(`佐证材料 ${ctx.params.id} 不存在`);
      if (row.uploaded_by !== me.id) throw forbidden('只能删除自己上传的佐证材料');
      const check = await checkWrite(ctx.db, a, owner);
      await ctx.tx((c) => removeEvidence(c, a, owner, check, row));
      await removeBlobIfUnused(ctx.db, ctx.deps.config.dataDir, row.sha256);
      return { ok: true as const };
    },
  }),
];
