/** 附件 of a plan-indicator value, a task or 整改 report, or a 自评 (per item): list (with whether the caller may change them), upload, delete. */
import type { AttachmentItem, AttachmentList, AttachmentOwnerType } from '../../shared/contracts/attachments';
import { api } from './client';

export interface AttachmentOwnerRef {
  ownerType: AttachmentOwnerType;
  ownerId: number;
  /** the owner's part a new file goes to (自评资料: the item code) */
  part?: string;
}

export const listAttachments = (owner: AttachmentOwnerRef) => api.get<AttachmentList>('/api/attachments', { ownerType: owner.ownerType, ownerId: owner.ownerId });

export async function uploadAttachment(owner: AttachmentOwnerRef, file: File): Promise<AttachmentItem> {
  const form = new FormData();
  form.append('ownerType', owner.ownerType);
  form.append('ownerId', String(owner.ownerId));
  if (owner.part !== undefined) form.append('part', owner.part);
  form.append('file', file, file.name);
  return api.upload<AttachmentItem>('/api/attachments', form);
}

/** The attachments of one owner as the shared file list (components/FileList) uses them. */
export const attachmentStore = (owner: AttachmentOwnerRef | null) => ({
  url: (id: number) => `/api/attachments/${id}`,
  upload: owner ? (file: File) => uploadAttachment(owner, file) : null,
  remove: (id: number) => api.del<{ ok: true }>(`/api/attachments/${id}`),
});
