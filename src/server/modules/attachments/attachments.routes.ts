/**
 * 附件: upload (multipart), list, download, delete of files attached to a plan-indicator value or a task report.
 * Each handler loads the owner through its kind (registered by the owning module) and asks it who may read and write.
 */
import fs from 'node:fs';
import { idParam, okResponse } from '../../../shared/contracts/common';
import { attachmentItem, attachmentList, attachmentListQuery, attachmentUploadFields, type AttachmentOwnerType } from '../../../shared/contracts/attachments';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { forbidden, notFound } from '../../core/errors';
import { sendDownload } from '../../core/download';
import { route } from '../../core/route';
import { ownDeletedFile } from '../../core/audit';
import { blobFile, receiveUpload, removeBlobIfUnused } from '../evidence';
import { attachFile, removeAttachment } from './attachments.commands';
import { ownerKind } from './attachments.owners';
import { alreadyRemoved, hiddenRefusal, keptReason, mayDelete, partRefusal, writeRefusal } from './attachments.policy';
import { presentAttachment } from './attachments.presenter';
import { attachmentsOf, findAttachment } from './attachments.queries';
import { userNames } from '../../core/user-names';

/**
 * The owner the caller may see: 404 when there is none, and the same 404 when it is another unit's (hiddenRefusal:
 * recorded as a denied attempt, but the caller is not told that it exists).
 */
async function readableOwner(db: Kysely<Database>, me: SessionUser, type: AttachmentOwnerType, id: number, today: string) {
  const kind = ownerKind(type);
  const owner = await kind.load(db, id, today);
  const missing = notFound(`${kind.label}${id}不存在`);
  if (!owner) throw missing;
  if (!(await owner.canRead(me))) throw hiddenRefusal(missing, kind.label);
  return { kind, owner };
}

/**
 * The attachment row and its owner, or 404 when either is missing or the caller may not see the owner (the same
 * 404, hiddenRefusal); a file the caller has deleted themselves is a 409 (已经删除) when `deleting` (a second click on 删除).
 */
async function attachmentOf(db: Kysely<Database>, me: SessionUser, id: number, today: string, deleting = false) {
  const row = await findAttachment(db, id);
  const missing = notFound(`附件${id}不存在`);
  if (!row) {
    const gone = deleting ? await ownDeletedFile(db, 'attachment', id, 'attachment.delete', me.id) : null;
    throw gone === null ? missing : alreadyRemoved(gone);
  }
  const kind = ownerKind(row.owner_type);
  const owner = await kind.load(db, row.owner_id, today);
  if (!owner) throw missing;
  if (!(await owner.canRead(me))) throw hiddenRefusal(missing, kind.label);
  return { row, kind, owner };
}

export const attachmentRoutes = [
  route({
    method: 'POST',
    url: '/api/attachments',
    access: 'attachment.upload',
    summary: '上传附件（multipart/form-data：先 ownerType、ownerId 字段（自评资料另加 part：评分项编号），后 file 文件）',
    tags: ['附件'],
    response: attachmentItem,
    status: 201,
    handler: async (ctx) =>
      receiveUpload(
        ctx,
        attachmentUploadFields,
        async (fields) => {
          const { kind, owner } = await readableOwner(ctx.db, ctx.me(), fields.ownerType, fields.ownerId, ctx.clock().today);
          const refusal = writeRefusal(ctx.me(), owner) ?? partRefusal(owner, fields.part);
          if (refusal) throw refusal;
          return { kind, ownerId: fields.ownerId, part: fields.part };
        },
        ({ kind, ownerId, part }, file) => ctx.tx((c) => attachFile(c, kind, ownerId, part, file)),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/attachments',
    access: 'attachment.read',
    summary: '某条规划指标数据、任务进展报告、整改进展报告或某份自评的附件（自评资料各带所属评分项 part）',
    tags: ['附件'],
    query: attachmentListQuery,
    response: attachmentList,
    handler: async (ctx) => {
      const me = ctx.me();
      const { owner } = await readableOwner(ctx.db, me, ctx.query.ownerType, ctx.query.ownerId, ctx.clock().today);
      const rows = await attachmentsOf(ctx.db, ctx.query.ownerType, ctx.query.ownerId);
      const names = await userNames(ctx.db, rows.map((r) => r.uploaded_by));
      return { items: rows.map((r) => presentAttachment(r, names, keptReason(owner, r))), canWrite: writeRefusal(me, owner) === null };
    },
  }),
  route({
    method: 'GET',
    url: '/api/attachments/:id',
    access: 'attachment.read',
    summary: '下载附件',
    tags: ['附件'],
    params: idParam,
    raw: true,
    handler: async (ctx) => {
      const { row } = await attachmentOf(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      const file = blobFile(ctx.deps.config.dataDir, row.sha256);
      if (!file) throw notFound(`附件「${row.file_name}」的文件已丢失，请联系系统管理员`);
      return sendDownload(ctx, { entityType: 'attachment', entityId: row.id }, row.file_name, row.mime_type, fs.createReadStream(file), row.size_bytes);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/attachments/:id',
    access: 'attachment.upload',
    summary: '删除自己上传的附件（所属数据或报告仍可修改时）',
    tags: ['附件'],
    params: idParam,
    response: okResponse,
    handler: async (ctx) => {
      const me = ctx.me();
      const { row, kind, owner } = await attachmentOf(ctx.db, me, ctx.params.id, ctx.clock().today, true);
      if (!mayDelete(me, row.uploaded_by)) throw forbidden(`只能删除自己上传的附件（「${row.file_name}」由他人上传）`);
      const refusal = writeRefusal(me, owner);
      if (refusal) throw refusal;
      await ctx.tx((c) => removeAttachment(c, kind, row));
      await removeBlobIfUnused(ctx.db, ctx.deps.config.dataDir, row.sha256);
      return { ok: true as const };
    },
  }),
];

