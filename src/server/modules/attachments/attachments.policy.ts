/**
 * 附件: who may do what to an attachment. Reading and writing follow the owner (its kind's canRead / isWriter,
 * decided in the owning module's policy); a file is removed only by the person who uploaded it, while the owner
 * may still be written. Pure predicates and refusals; the commands and routes call them.
 */
import type { SessionUser } from '../../core/session';
import { conflict, forbidden, type AppError } from '../../core/errors';
import type { AttachmentOwner } from './attachments.owners';

/** Why the caller may not add or remove files of this owner now, or null: whose it is first (403), then its state (409). */
export function writeRefusal(me: SessionUser, owner: AttachmentOwner): AppError | null {
  if (!owner.isWriter(me)) return forbidden(`只有${owner.label}的填报单位可以上传或删除附件`);
  if (owner.locked) return conflict(`${owner.label}${owner.locked}`);
  return null;
}

export const mayDelete = (me: SessionUser, uploadedBy: number) => uploadedBy === me.id;
