/**
 * 附件 (attachments): files attached to things outside an assessment cycle — a reported plan-indicator value
 * (issue 12), a work-plan task report or a 整改事项 progress report (issue 13). Uploaded one per request as multipart/form-data with the
 * fields ownerType, ownerId BEFORE the file part. File types and size limits are the evidence ones
 * (EVIDENCE_TYPES, EVIDENCE_MAX_BYTES in ./evidence).
 */
import { idText, z } from './common';
import { storedFileFields } from './evidence';

export const ATTACHMENT_OWNER_TYPES = ['indicator_value', 'work_report', 'rectification_report'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];
export const ATTACHMENT_OWNER_LABELS: Record<AttachmentOwnerType, string> = { indicator_value: '规划指标数据', work_report: '任务进展报告', rectification_report: '整改进展报告' };

const ownerType = z.enum(ATTACHMENT_OWNER_TYPES, { error: '附件归属须为规划指标数据（indicator_value）、任务进展报告（work_report）或整改进展报告（rectification_report）' });

export const attachmentUploadFields = z.strictObject({
  ownerType,
  ownerId: idText('所属记录编号须为正整数', '缺少所属记录编号'),
});

export const attachmentListQuery = z.strictObject({
  ownerType,
  ownerId: idText('所属记录编号须为正整数', '缺少所属记录编号'),
});

export const attachmentItem = z.object({
  id: z.number(),
  ownerType: z.enum(ATTACHMENT_OWNER_TYPES),
  ownerId: z.number(),
  orgId: z.number(),
  ...storedFileFields,
});
export type AttachmentItem = z.infer<typeof attachmentItem>;

export const attachmentList = z.object({
  items: z.array(attachmentItem),
  /** the caller may upload to this owner now (and delete own uploads) */
  canWrite: z.boolean(),
});
export type AttachmentList = z.infer<typeof attachmentList>;
