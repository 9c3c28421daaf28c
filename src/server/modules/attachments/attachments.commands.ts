/**
 * 附件: attaching and removing files. The owner is read again inside the transaction, its row locked, so a value
 * submitted or a task closed meanwhile refuses the change (409). Change context first; every change audited.
 */
import type { Change } from '../../core/change';
import { conflict, notFound } from '../../core/errors';
import type { StoredFile } from '../evidence';
import type { AttachmentOwner, AttachmentOwnerKind } from './attachments.owners';
import { alreadyRemoved, keptRefusal, ownerName, partRefusal, writeRefusal } from './attachments.policy';
import { presentAttachment } from './attachments.presenter';
import { deleteAttachmentRow, insertAttachment, sameAttachment, type AttachmentRow } from './attachments.queries';

/** The owner again under lock, refusing unless the caller may still write to it. */
async function lockOwner(c: Change, kind: AttachmentOwnerKind, ownerId: number): Promise<AttachmentOwner> {
  const owner = await kind.load(c.trx, ownerId, c.clock.today, true);
  if (!owner || !(await owner.canRead(c.user))) throw notFound(`${kind.label}${ownerId}不存在`);
  const refusal = writeRefusal(c.user, owner);
  if (refusal) throw refusal;
  return owner;
}

/** Record an uploaded (already stored) file as an attachment of its owner. */
export async function attachFile(c: Change, kind: AttachmentOwnerKind, ownerId: number, part: string | undefined, file: StoredFile) {
  const owner = await lockOwner(c, kind, ownerId);
  const wrongPart = partRefusal(owner, part);
  if (wrongPart) throw wrongPart;
  // (after the lock: two clicks on 上传 arrive one after the other here)
  const same = await sameAttachment(c.trx, kind.type, ownerId, file.sha256);
  if (same) throw conflict(`「${file.name}」已经上传过（与「${same.file_name}」内容相同），无需重复上传`);
  const row = await insertAttachment(c.trx, {
    owner_type: kind.type,
    owner_id: ownerId,
    part: part ?? null,
    org_id: c.user.orgUnitId,
    file_name: file.name,
    mime_type: file.mime,
    size_bytes: file.sizeBytes,
    sha256: file.sha256,
    uploaded_by: c.user.id,
    uploaded_at: c.clock.at,
  });
  const item = presentAttachment(row, new Map([[c.user.id, c.user.displayName]]));
  await c.audit({ action: 'attachment.upload', entityType: 'attachment', entityId: row.id, after: { ...item, owner: ownerName(kind.label, owner, item.part) } });
  return item;
}

/** Remove one attachment row (its stored file goes when no evidence or attachment row uses it; see the route). */
export async function removeAttachment(c: Change, kind: AttachmentOwnerKind, row: AttachmentRow): Promise<void> {
  const owner = await lockOwner(c, kind, row.owner_id);
  const kept = keptRefusal(owner, row);
  if (kept) throw kept;
  if (!(await deleteAttachmentRow(c.trx, row.id))) throw alreadyRemoved(row.file_name);
  await c.audit({ action: 'attachment.delete', entityType: 'attachment', entityId: row.id, before: { ...presentAttachment(row, new Map()), owner: ownerName(kind.label, owner, row.part) } });
}
