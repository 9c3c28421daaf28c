/** 佐证材料: every SQL statement of the evidence module. Only Kysely here. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { EvidenceOwnerType } from '../../../shared/contracts/evidence';
import { notFound } from '../../core/errors';
import { keyPointInScheme, publishedScheme, type EvidenceOwner } from '../assessment';

export const findEvidence = (db: Kysely<Database>, id: number) => db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();

/** What an evidence file belongs to (a score, a self-report or an objection of the cycle). */
export interface Owner extends EvidenceOwner {
  id: number;
}

/** The 404 of an owner that is not there (the same words answer one the caller may not read: evidence.policy's hiddenRefusal). */
export function ownerMissing(type: EvidenceOwnerType, id: number) {
  if (type === 'score') return notFound(`评分记录${id}不存在（请先保存评分，再上传佐证材料）`);
  if (type === 'self_report') return notFound(`自评材料${id}不存在（请先保存自评说明，再上传佐证材料）`);
  return notFound(`异议${id}不存在`);
}

/**
 * A score's or an objection's key point by its one name (keyPointInScheme: 「7.a 产品质量安全保障」), as the owner's
 * label says it in a refusal and in the upload's and the deletion's audit rows.
 */
const keyPointOf = async (db: Kysely<Database>, cycleId: number, r: { item_code: string; criterion_code: string }) =>
  keyPointInScheme((await publishedScheme(db, cycleId))?.framework, r.item_code, r.criterion_code);

/** The owner, or 404. */
export async function loadOwner(db: Kysely<Database>, cycleId: number, type: EvidenceOwnerType, id: number): Promise<Owner> {
  if (type === 'score') {
    const r = await db.selectFrom('score').select(['id', 'unit_id', 'item_code', 'criterion_code', 'department_id']).where('id', '=', id).where('cycle_id', '=', cycleId).executeTakeFirst();
    if (!r) throw ownerMissing(type, id);
    return { type, id, unitId: r.unit_id, label: `${await keyPointOf(db, cycleId, r)}评分`, itemCode: r.item_code, criterionCode: r.criterion_code, departmentId: r.department_id, status: null };
  }
  if (type === 'self_report') {
    const r = await db.selectFrom('self_report').select(['id', 'unit_id', 'item_code']).where('id', '=', id).where('cycle_id', '=', cycleId).executeTakeFirst();
    if (!r) throw ownerMissing(type, id);
    return { type, id, unitId: r.unit_id, label: `第${r.item_code}项自评材料`, itemCode: r.item_code, criterionCode: null, departmentId: null, status: null };
  }
  const r = await db.selectFrom('objection').select(['id', 'unit_id', 'item_code', 'criterion_code', 'department_id', 'status']).where('id', '=', id).where('cycle_id', '=', cycleId).executeTakeFirst();
  if (!r) throw ownerMissing(type, id);
  return { type, id, unitId: r.unit_id, label: `${await keyPointOf(db, cycleId, r)}异议`, itemCode: r.item_code, criterionCode: r.criterion_code, departmentId: r.department_id, status: r.status };
}

/** The owner's row again, locked FOR UPDATE: a score (undefined once cleared), a self-report, or an objection's status. */
export const lockScore = (trx: Transaction<Database>, id: number) => trx.selectFrom('score').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
export const lockSelfReport = (trx: Transaction<Database>, id: number) => trx.selectFrom('self_report').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
export const lockObjectionStatus = (trx: Transaction<Database>, id: number) =>
  trx.selectFrom('objection').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();

/** the owner's evidence file with this content, if it already has one (a double click, or the same file twice) */
export const sameEvidence = (db: Kysely<Database>, cycleId: number, owner: Owner, sha256: string) =>
  db.selectFrom('evidence').select(['id', 'file_name']).where('cycle_id', '=', cycleId).where('owner_type', '=', owner.type).where('owner_id', '=', owner.id).where('sha256', '=', sha256).executeTakeFirst();

export const insertEvidence = (
  trx: Transaction<Database>,
  v: { cycleId: number; owner: Owner; fileName: string; mimeType: string; sizeBytes: number; sha256: string; by: number; at: string },
) =>
  trx
    .insertInto('evidence')
    .values({
      cycle_id: v.cycleId,
      unit_id: v.owner.unitId,
      owner_type: v.owner.type,
      owner_id: v.owner.id,
      file_name: v.fileName,
      mime_type: v.mimeType,
      size_bytes: v.sizeBytes,
      sha256: v.sha256,
      uploaded_by: v.by,
      uploaded_at: v.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/** false when the row was gone already (removed by a request that committed first) */
export async function deleteEvidenceRow(trx: Transaction<Database>, id: number): Promise<boolean> {
  const r = await trx.deleteFrom('evidence').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Whether any evidence or attachment row still points at a stored file (the blob store is shared). */
export async function blobInUse(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const ev = await db.selectFrom('evidence').select('id').where('sha256', '=', sha256).executeTakeFirst();
  if (ev) return true;
  const at = await db.selectFrom('attachment').select('id').where('sha256', '=', sha256).executeTakeFirst();
  return !!at;
}
