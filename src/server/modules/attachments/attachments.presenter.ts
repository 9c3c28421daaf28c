/** 附件: rows → the attachmentItem contract. */
import type { AttachmentItem } from '../../../shared/contracts/attachments';
import type { AttachmentRow } from './attachments.queries';

export const presentAttachment = (r: AttachmentRow, names: Map<number, string>, kept?: string | null): AttachmentItem => ({
  id: r.id,
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  part: r.part,
  orgId: r.org_id,
  fileName: r.file_name,
  mimeType: r.mime_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedByName: names.get(r.uploaded_by) ?? null,
  uploadedAt: r.uploaded_at,
  ...(kept === undefined ? {} : { kept }),
});
