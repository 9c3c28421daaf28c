/** Presenting what several parts of the assessment show: an evidence file (佐证材料) of a score, self-report or objection. */
import type { Selectable } from 'kysely';
import type { EvidenceTable } from '../../db/schema';
import type { EvidenceItem, EvidenceOwnerType } from '../../../shared/contracts/evidence';

export type EvidenceRow = Selectable<EvidenceTable>;

export function presentEvidence(r: EvidenceRow, names: Map<number, string>): EvidenceItem {
  return {
    id: r.id,
    cycleId: r.cycle_id,
    ownerType: r.owner_type as EvidenceOwnerType,
    ownerId: r.owner_id,
    unitId: r.unit_id,
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedByName: names.get(r.uploaded_by) ?? null,
    uploadedAt: r.uploaded_at,
  };
}
