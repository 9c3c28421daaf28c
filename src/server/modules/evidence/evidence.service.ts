/**
 * Who may attach, see and remove 佐证材料. An evidence file has the visibility of what it belongs to:
 * - a score: the office, the criterion's evaluating department(s); the assessed unit itself once preliminary
 *   results are out (review, published); leaders after publication. Attached/removed by the evaluating
 *   department while it may change that score.
 * - a self-report: the office, the unit itself, the departments that evaluate the item; leaders after
 *   publication. Attached/removed by the unit while it may edit self-reports.
 * - an objection: the office, the unit that raised it, the department that answers it; leaders after
 *   publication. Attached/removed by the unit while the objection awaits an answer.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { EvidenceOwnerType } from '../../../shared/contracts/evidence';
import { conflict, forbidden, notFound } from '../../core/errors';
import {
  abilities,
  callerCodes,
  checkScoreWrite,
  currentScheme,
  evaluatorsOf,
  lockCycle,
  lockScoring,
  requireParticipation,
  SUBMISSION_LOCKED,
  type CycleAccess,
} from '../assessment';

export interface Owner {
  type: EvidenceOwnerType;
  id: number;
  unitId: number;
  /** a human label for messages and audit: "长沙市 · 7.a 评分" */
  label: string;
  itemCode: string;
  criterionCode: string | null;
  departmentId: number | null;
  status: string | null;
}

export async function loadOwner(db: Kysely<Database>, cycleId: number, type: EvidenceOwnerType, id: number): Promise<Owner> {
  if (type === 'score') {
    const r = await db.selectFrom('score').select(['id', 'unit_id', 'item_code', 'criterion_code', 'department_id']).where('id', '=', id).where('cycle_id', '=', cycleId).executeTakeFirst();
    if (!r) throw notFound(`评分记录 ${id} 不存在（请先保存评分，再上传佐证材料）`);
    return { type, id, unitId: r.unit_id, label: `${r.item_code}.${r.criterion_code} 评分`, itemCode: r.item_code, criterionCode: r.criterion_code, departmentId: r.department_id, status: null };
  }
  if (type === 'self_report') {
    const r = await db.selectFrom('self_report').select(['id', 'unit_id', 'item_code']).where('id', '=', id).where('cycle_id', '=', cycleId).executeTakeFirst();
    if (!r) throw notFound(`自评材料 ${id} 不存在（请先保存自评说明，再上传佐证材料）`);
    return { type, id, unitId: r.unit_id, label: `第 ${r.item_code} 项自评材料`, itemCode: r.item_code, criterionCode: null, departmentId: null, status: null };
  }
  const r = await db.selectFrom('objection').select(['id', 'unit_id', 'item_code', 'criterion_code', 'department_id', 'status']).where('id', '=', id).where('cycle_id', '=', cycleId).executeTakeFirst();
  if (!r) throw notFound(`异议 ${id} 不存在`);
  return { type, id, unitId: r.unit_id, label: `${r.item_code}.${r.criterion_code} 异议`, itemCode: r.item_code, criterionCode: r.criterion_code, departmentId: r.department_id, status: r.status };
}

/** Does the caller evaluate the item (any of its criteria) or the given criterion in the scheme in force? */
async function evaluates(db: Kysely<Database>, a: CycleAccess, itemCode: string, criterionCode: string | null): Promise<boolean> {
  const scheme = await currentScheme(db, a.cycle.id);
  if (!scheme) return false;
  const mine = callerCodes(a);
  const item = scheme.framework.sections.flatMap((s) => s.items).find((i) => i.code === itemCode);
  if (!item) return false;
  const crits = criterionCode ? item.criteria.filter((c) => c.code === criterionCode) : item.criteria;
  return crits.some((c) => (evaluatorsOf(scheme.framework, itemCode, c.code) ?? []).some((e) => mine.includes(e)));
}

export async function canRead(db: Kysely<Database>, a: CycleAccess, o: Owner): Promise<boolean> {
  const status = a.cycle.status;
  switch (a.as) {
    case 'office':
      return true;
    case 'leader':
      return status === 'published';
    case 'unit':
      if (o.unitId !== a.orgUnitId) return false;
      return o.type !== 'score' || status === 'review' || status === 'published';
    case 'department':
      if (o.type === 'objection' && o.departmentId === a.orgUnitId) return true;
      return evaluates(db, a, o.itemCode, o.criterionCode);
  }
}

/** What requireWrite checked against: for a score, the published scheme (re-checked under lock). */
export interface WriteCheck {
  schemeId: number | null;
}

/** Throws 403/409 (with the reason) unless the caller may attach to or remove from the owner now. */
export async function requireWrite(db: Kysely<Database>, a: CycleAccess, o: Owner): Promise<WriteCheck> {
  if (o.type === 'score') {
    const { scheme } = await checkScoreWrite(db, a, o.unitId, o.itemCode, o.criterionCode!);
    return { schemeId: scheme.row.id };
  }
  const reason = `只有被考核单位本身可以为${o.label}上传或删除佐证材料`;
  requireParticipation(a, ['unit'], reason);
  if (o.unitId !== a.orgUnitId) throw forbidden(reason);
  if (o.type === 'self_report') {
    if (!abilities(a).selfReport) throw forbidden('当前阶段不能修改自评材料（结果公示或发布后自评材料锁定）');
    return { schemeId: null };
  }
  if (o.status !== 'open') throw forbidden('该异议已答复，佐证材料不能再修改');
  return { schemeId: null };
}

/**
 * Inside the upload's or removal's transaction: what requireWrite checked and can change meanwhile, read
 * again under lock — a score's submission is still open and the score still there; self-reports are still
 * editable; the objection still awaits an answer.
 */
export async function lockWrite(trx: Transaction<Database>, a: CycleAccess, o: Owner, check: WriteCheck): Promise<void> {
  if (o.type === 'score') {
    const sub = await lockScoring(trx, a, check.schemeId!);
    if (sub.status !== 'open') throw conflict(SUBMISSION_LOCKED);
    const score = await trx.selectFrom('score').select('id').where('id', '=', o.id).forUpdate().executeTakeFirst();
    if (!score) throw notFound(`评分记录 ${o.id} 已被清除，请刷新后重试`);
    return;
  }
  const cycle = await lockCycle(trx, a.cycle.id, 'share');
  if (o.type === 'self_report') {
    if (!abilities({ ...a, cycle }).selfReport) throw forbidden('当前阶段不能修改自评材料（结果公示或发布后自评材料锁定）');
    return;
  }
  const objection = await trx.selectFrom('objection').select('status').where('id', '=', o.id).forUpdate().executeTakeFirstOrThrow();
  if (objection.status !== 'open') throw forbidden('该异议已答复，佐证材料不能再修改');
}
