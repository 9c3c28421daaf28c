/**
 * 佐证材料 (evidence): files attached to a score (by the evaluating department), a city's self-report, or an
 * objection. Uploaded one per request as multipart/form-data with the fields cycleId, ownerType, ownerId
 * BEFORE the file part.
 */
import { choiceOf, idText, z } from './common';

export const EVIDENCE_OWNER_TYPES = ['score', 'self_report', 'objection'] as const;
export type EvidenceOwnerType = (typeof EVIDENCE_OWNER_TYPES)[number];
export const EVIDENCE_OWNER_LABELS: Record<EvidenceOwnerType, string> = { score: '评分', self_report: '自评材料', objection: '异议' };

/**
 * Allowed file types: by extension AND by the file's first bytes (a .docx renamed .pdf is refused).
 * OFD is China's national standard for electronic official documents (GB/T 33190), a zip containing OFD.xml.
 */
export const EVIDENCE_TYPES = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;
export type EvidenceExtension = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_EXTENSIONS = Object.keys(EVIDENCE_TYPES) as EvidenceExtension[];
/** the default upper size of one evidence file (the server may be configured lower, never higher than 20 MB) */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_ACCEPT = EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',');

export const evidenceUploadFields = z.strictObject({
  cycleId: idText('考核工作编号须为正整数', '缺少考核工作编号'),
  ownerType: choiceOf(EVIDENCE_OWNER_LABELS, '材料归属'),
  ownerId: idText('所属记录编号须为正整数', '缺少所属记录编号'),
});
export type EvidenceUploadFields = z.infer<typeof evidenceUploadFields>;

/** What every stored file says of itself (佐证材料 here, 附件 in ./attachments). */
export const storedFileFields = {
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.number(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
};

export const evidenceItem = z.object({
  id: z.number(),
  cycleId: z.number(),
  ownerType: z.enum(EVIDENCE_OWNER_TYPES),
  ownerId: z.number(),
  unitId: z.number().nullable(),
  ...storedFileFields,
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const evidenceListQuery = z.strictObject({
  cycleId: idText('考核工作编号须为正整数'),
  ownerType: choiceOf(EVIDENCE_OWNER_LABELS, '材料归属'),
  ownerId: idText('所属记录编号须为正整数'),
});

/** "1.2 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
