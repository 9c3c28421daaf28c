/**
 * 附件 (attachments): files attached to things outside an assessment cycle — a reported plan-indicator value
 * (issue 12), a work-plan task report or a 整改事项 progress report (issue 13), or a creation evaluation's 自评 (per item
 * of sheet A.1: the materials 资料评审 reviews). Uploaded one per request as multipart/form-data with the
 * fields ownerType, ownerId (and part, for an owner with parts: the 自评's item code) BEFORE the file part. File types and size limits are the evidence ones
 * (EVIDENCE_TYPES, EVIDENCE_MAX_BYTES in ./evidence).
 */
import { choiceOf, idText, z } from './common';
import { storedFileFields } from './evidence';

export const ATTACHMENT_OWNER_TYPES = ['indicator_value', 'work_report', 'rectification_report', 'self_assessment'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];
export const ATTACHMENT_OWNER_LABELS: Record<AttachmentOwnerType, string> = { indicator_value: '规划指标数据', work_report: '任务进展报告', rectification_report: '整改进展报告', self_assessment: '自评资料' };

const ownerType = choiceOf(ATTACHMENT_OWNER_LABELS, '附件归属');

export const attachmentUploadFields = z.strictObject({
  ownerType,
  ownerId: idText('所属记录编号须为正整数', '缺少所属记录编号'),
  /** the owner's part (自评资料: the item code of sheet A.1, e.g. 1.1); absent for owners without parts */
  part: z.string().trim().min(1, '附件所属部分不能为空').max(20, '附件所属部分过长').optional(),
});

export const attachmentListQuery = z.strictObject({
  ownerType,
  ownerId: idText('所属记录编号须为正整数', '缺少所属记录编号'),
});

export const attachmentItem = z.object({
  id: z.number(),
  ownerType: z.enum(ATTACHMENT_OWNER_TYPES),
  ownerId: z.number(),
  part: z.string().nullable(),
  orgId: z.number(),
  ...storedFileFields,
  /** why this file stays while its owner is being changed (the basis of a figure still in force), when it does: no delete */
  kept: z.string().nullable().optional(),
});
export type AttachmentItem = z.infer<typeof attachmentItem>;

export const attachmentList = z.object({
  items: z.array(attachmentItem),
  /** the caller may upload to this owner now (and delete own uploads) */
  canWrite: z.boolean(),
});
export type AttachmentList = z.infer<typeof attachmentList>;
