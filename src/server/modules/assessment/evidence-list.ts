/**
 * The evidence of many owners of one type, read by the scoring grid and by the evidence module. It lives here,
 * not in modules/evidence, because evidence depends on assessment: a copy there would make the two modules
 * import each other. Only Kysely here.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, EvidenceTable } from '../../db/schema';
import type { EvidenceItem, EvidenceOwnerType } from '../../../shared/contracts/evidence';

export type EvidenceRow = Selectable<EvidenceTable>;

export function presentEvidence(r: EvidenceRow, names: Map<number, string>): EvidenceItem {
  return {
    id: r.id,
    cycleId: r.cycle_id,
    ownerType: r.owner_type,
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

/** The evidence of many owners of one type, per owner id, oldest first. */
export async function listEvidence(
  db: Kysely<Database>,
  cycleId: number,
  ownerType: EvidenceOwnerType,
  ownerIds: number[],
): Promise<Map<number, EvidenceItem[]>> {
  const out = new Map<number, EvidenceItem[]>();
  if (!ownerIds.length) return out;
  const rows: EvidenceRow[] = [];
  // chunks keep the IN list short on both databases
  for (let i = 0; i < ownerIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('evidence')
        .selectAll()
        .where('cycle_id', '=', cycleId)
        .where('owner_type', '=', ownerType)
        .where('owner_id', 'in', ownerIds.slice(i, i + 500))
        .orderBy('id')
        .execute()),
    );
  }
  const userIds = [...new Set(rows.map((r) => r.uploaded_by))];
  const names = new Map<number, string>();
  if (userIds.length) for (const u of await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds).execute()) names.set(u.id, u.display_name);
  for (const r of rows) {
    const list = out.get(r.owner_id) ?? [];
    list.push(presentEvidence(r, names));
    out.set(r.owner_id, list);
  }
  return out;
}
