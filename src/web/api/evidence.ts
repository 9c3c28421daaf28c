/** 佐证材料: upload (multipart: the fields first, then the file), download links, delete. */
import type { EvidenceItem, EvidenceOwnerType } from '../../shared/contracts/evidence';
import { api } from './client';

export const evidenceUrl = (id: number) => `/api/evidence/${id}`;

export const deleteEvidence = (id: number) => api.del<{ ok: true }>(`/api/evidence/${id}`);

export const listEvidence = (cycleId: number, ownerType: EvidenceOwnerType, ownerId: number) =>
  api.get<{ items: EvidenceItem[] }>('/api/evidence', { cycleId, ownerType, ownerId }).then((r) => r.items);

export async function uploadEvidence(owner: { cycleId: number; ownerType: EvidenceOwnerType; ownerId: number }, file: File): Promise<EvidenceItem> {
  const form = new FormData();
  form.append('cycleId', String(owner.cycleId));
  form.append('ownerType', owner.ownerType);
  form.append('ownerId', String(owner.ownerId));
  form.append('file', file, file.name);
  return api.upload<EvidenceItem>('/api/evidence', form);
}

/** The evidence of one owner as the shared file list (components/FileList) uses it. */
export const evidenceStore = (owner: { cycleId: number; ownerType: EvidenceOwnerType; ownerId: number } | null) => ({
  url: evidenceUrl,
  upload: owner ? (file: File) => uploadEvidence(owner, file) : null,
  remove: deleteEvidence,
});
