/**
 * 佐证材料: attaching and removing files. Who may is decided in the assessment module's policy
 * (mayReadEvidence, evidenceWriteRefusal; a score's evidence follows the score's own rule). Each change takes
 * the change context {trx, audit, user} first.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Change } from '../../core/change';
import { conflict, notFound } from '../../core/errors';
import {
  checkScoreWrite,
  currentScheme,
  ensure,
  evidenceWriteRefusal,
  lockCycle,
  lockOpenScoring,
  requireOpenSubmission,
  mayReadEvidence,
  presentEvidence,
  type CycleAccess,
  type EvidenceRow,
} from '../assessment';
import { alreadyRemoved } from './evidence.policy';
import { deleteEvidenceRow, insertEvidence, lockObjectionStatus, lockScore, lockSelfReport, sameEvidence, type Owner } from './evidence.queries';

/** May the caller see the owner's evidence (the scheme in force decides what a department evaluates)? */
export async function canRead(db: Kysely<Database>, a: CycleAccess, o: Owner): Promise<boolean> {
  const fw = a.as === 'department' ? ((await currentScheme(db, a.cycle.id))?.framework ?? null) : null;
  return mayReadEvidence(a, o, fw);
}

/** What checkWrite checked against: for a score, the published scheme (re-checked under lock). */
export interface WriteCheck {
  schemeId: number | null;
}

/** Throws 403/409 (with the reason) unless the caller may attach to or remove from the owner now. */
export async function checkWrite(db: Kysely<Database>, a: CycleAccess, o: Owner): Promise<WriteCheck> {
  if (o.type === 'score') {
    const { schemeId } = await checkScoreWrite(db, a, o.unitId, o.itemCode, o.criterionCode!);
    await requireOpenSubmission(db, a);
    return { schemeId };
  }
  ensure(evidenceWriteRefusal(a, o));
  return { schemeId: null };
}

/**
 * Inside the upload's or removal's transaction: what checkWrite checked and can change meanwhile, read
 * again under lock — a score's submission is still open and the score still there; self-reports are still
 * editable; the objection still awaits an answer.
 */
async function lockWrite(c: Change, a: CycleAccess, o: Owner, check: WriteCheck): Promise<void> {
  if (o.type === 'score') {
    await lockOpenScoring(c, a, check.schemeId!);
    if (!(await lockScore(c.trx, o.id))) throw notFound(`评分记录${o.id}已被清除，请刷新后重试`);
    return;
  }
  const cycle = await lockCycle(c.trx, a.cycle.id, 'share');
  // the owner's row, so that two uploads of one file to it (the cycle's share lock lets both in) meet here
  if (o.type === 'self_report' && !(await lockSelfReport(c.trx, o.id))) throw notFound(`${o.label}已不存在，请刷新后重试`);
  const status = o.type === 'objection' ? (await lockObjectionStatus(c.trx, o.id)).status : o.status;
  ensure(evidenceWriteRefusal({ ...a, cycle }, { ...o, status }));
}

/** Record an uploaded (already stored) file as evidence of its owner. */
export async function attachEvidence(
  c: Change,
  a: CycleAccess,
  owner: Owner,
  check: WriteCheck,
  file: { name: string; mime: string; sizeBytes: number; sha256: string },
) {
  await lockWrite(c, a, owner, check);
  // (after the lock: two clicks on 上传 arrive one after the other here)
  const same = await sameEvidence(c.trx, a.cycle.id, owner, file.sha256);
  if (same) throw conflict(`「${file.name}」已经上传过（与「${same.file_name}」内容相同），无需重复上传`);
  const row = await insertEvidence(c.trx, {
    cycleId: a.cycle.id,
    owner,
    fileName: file.name,
    mimeType: file.mime,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    by: c.user.id,
    at: c.clock.at,
  });
  const item = presentEvidence(row, new Map([[c.user.id, c.user.displayName]]));
  await c.audit({ action: 'evidence.upload', entityType: 'evidence', entityId: row.id, after: { ...item, owner: owner.label } });
  return item;
}

/** Remove one evidence row (the stored file goes when nothing else points at it; see the route). */
export async function removeEvidence(c: Change, a: CycleAccess, owner: Owner, check: WriteCheck, row: EvidenceRow): Promise<void> {
  await lockWrite(c, a, owner, check);
  if (!(await deleteEvidenceRow(c.trx, row.id))) throw alreadyRemoved(row.file_name);
  await c.audit({ action: 'evidence.delete', entityType: 'evidence', entityId: row.id, cycleId: row.cycle_id, before: { ...presentEvidence(row, new Map()), owner: owner.label } });
}
