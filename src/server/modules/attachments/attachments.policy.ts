/**
 * 附件: who may do what to an attachment. Reading and writing follow the owner (its kind's canRead / isWriter,
 * decided in the owning module's policy); a file is removed only by the person who uploaded it, while the owner
 * may still be written. Pure predicates and refusals; the commands and routes call them.
 */
import type { SessionUser } from '../../core/session';
import { badRequest, concealed, conflict, forbidden, type AppError } from '../../core/errors';
import type { AttachmentOwner } from './attachments.owners';

/** Why the caller may not add or remove files of this owner now, or null: whose it is first (403), then its state (409). */
export function writeRefusal(me: SessionUser, owner: AttachmentOwner): AppError | null {
  if (!owner.isWriter(me)) return forbidden(`只有${owner.label}的填报单位可以上传或删除附件`);
  if (owner.locked) return conflict(`${owner.label}${owner.locked}`);
  return null;
}

/**
 * Another unit's files (or those of an owner the caller may not read) do not exist for the caller: answered as
 * `missing`, the 404 of a missing id word for word, so ids cannot be probed across units; recorded as a denied attempt.
 */
export const hiddenRefusal = (missing: AppError, kindLabel: string): AppError => concealed(missing, `您无权查看该${kindLabel}的附件`);

export const mayDelete = (me: SessionUser, uploadedBy: number) => uploadedBy === me.id;

/** Why this file of a writable owner may not be removed (the owner keeps it: AttachmentOwner.keeps), a 409; null when it may. */
export function keptRefusal(owner: AttachmentOwner, file: { file_name: string; uploaded_at: string }): AppError | null {
  const why = keptReason(owner, file);
  return why ? conflict(`「${file.file_name}」${why}`) : null;
}

/** Why the owner keeps this file (AttachmentOwner.keeps), or null: the list says so and offers no delete. */
export const keptReason = (owner: AttachmentOwner, file: { uploaded_at: string }): string | null => owner.keeps?.({ uploadedAt: file.uploaded_at }) ?? null;

/** The file was removed meanwhile (a double click, another tab of the uploader, the only one who may): a 409, nothing audited twice. */
export const alreadyRemoved = (fileName: string): AppError => conflict(`附件「${fileName}」已经删除，无需再删；请刷新页面查看现有附件`);

/** The part a new file names must be one of the owner's (a 自评's item), and none for an owner without parts: 400 saying which. */
export function partRefusal(owner: AttachmentOwner, part: string | undefined): AppError | null {
  if (!owner.parts) return part === undefined ? null : badRequest(`${owner.label}的附件不分部分，无需指明所属部分`, [{ field: 'part', message: '不需要填写' }]);
  if (part === undefined) return badRequest(`请指明附件属于${owner.label}的哪一项`, [{ field: 'part', message: '请填写所属评分项' }]);
  if (!owner.parts.has(part)) return badRequest(`${owner.label}中没有第${part}项，请从评分表的评分项中选择`, [{ field: 'part', message: '请从评分表的评分项中选择' }]);
  return null;
}

/** what the audit log names as the file's owner: the owner, and its part if it has one */
export const ownerName = (kindLabel: string, owner: AttachmentOwner, part: string | null) => `${kindLabel}：${owner.label}${part ? `${owner.parts?.get(part) ?? part}` : ''}`;
