/** Objections (异议): every SQL statement, and the list each participant may see. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ObjectionView } from '../../../../shared/contracts/results';
import { mayScoreCriterion, objectionAnswerRefusal, type CycleAccess } from '../assessment.policy';
import { publishedScheme } from '../assessment.queries';
import { criterionIndex, evaluatorsOf } from '../framework';
import { orgsByCode, reduceFramework } from '../scoring/scoring.queries';
import { criterionDefs } from '../scoring/scoring.presenter';
import { presentObjection, type ObjectionRow } from './objections.presenter';

export type { ObjectionRow };

/**
 * Objections the caller may see: a city its own, a department those on key points it evaluates (every evaluator of a
 * key point several evaluate, and the one that answered), the office and leaders all. Each names every department it
 * went to and whether the caller may answer it.
 */
export async function listObjections(db: Kysely<Database>, a: CycleAccess, onlyId?: number): Promise<ObjectionView[]> {
  let q = db
    .selectFrom('objection')
    .innerJoin('org_unit as u', 'u.id', 'objection.unit_id')
    .innerJoin('org_unit as d', 'd.id', 'objection.department_id')
    .selectAll('objection')
    .select(['u.code as unit_code', 'u.name as unit_name', 'd.code as dept_code', 'd.name as dept_name'])
    .where('objection.cycle_id', '=', a.cycle.id);
  if (a.as === 'unit') q = q.where('objection.unit_id', '=', a.orgUnitId);
  if (onlyId !== undefined) q = q.where('objection.id', '=', onlyId);
  const all = await q.orderBy('objection.id').execute();
  const scheme = await publishedScheme(db, a.cycle.id);
  const index = scheme ? criterionIndex(scheme.framework) : new Map();
  const codesOf = (r: { item_code: string; criterion_code: string }) => (scheme && evaluatorsOf(scheme.framework, r.item_code, r.criterion_code)) ?? [];
  const rows = a.as === 'department' ? all.filter((r) => r.department_id === a.orgUnitId || mayScoreCriterion(a, codesOf(r))) : all;
  const orgs = await orgsByCode(db, [...new Set(rows.flatMap(codesOf))], a.cycle.office_org_id);
  const ids = rows.map((r) => r.id);
  const files = ids.length
    ? await db
        .selectFrom('evidence')
        .select(['id', 'owner_id', 'file_name', 'size_bytes', 'mime_type'])
        .where('owner_type', '=', 'objection')
        .where('owner_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => {
    const codes = codesOf(r);
    const evaluators = codes.flatMap((c) => orgs.get(c) ?? []).map(({ id, code, name }) => ({ id, code, name }));
    const mayAnswer = r.status === 'open' && objectionAnswerRefusal(a, codes) === null;
    // the answer dialog's input is the grid's for the key point's rule, checked against the scheme reduced to it
    const key = `${r.item_code}.${r.criterion_code}`;
    const [criterion] = mayAnswer && scheme ? criterionDefs(scheme.framework, new Set([key]), new Map(evaluators.map((e) => [e.code, e.name])), new Set([key])) : [];
    const answering = criterion ? { criterion, framework: reduceFramework(scheme!.framework, [{ itemCode: r.item_code, criterionCode: r.criterion_code }]) } : null;
    return presentObjection(r, index.get(key), files.filter((f) => f.owner_id === r.id), evaluators, mayAnswer, answering);
  });
}

export const findObjection = (db: Kysely<Database>, id: number) => db.selectFrom('objection').selectAll().where('id', '=', id).executeTakeFirst();

/** The caller's unit's latest objection on one key point in the cycle, if any (repeatObjectionRefusal judges it). */
export const latestObjectionOf = (trx: Transaction<Database>, cycleId: number, unitId: number, itemCode: string, criterionCode: string) =>
  trx
    .selectFrom('objection')
    .select(['id', 'status'])
    .where('cycle_id', '=', cycleId)
    .where('unit_id', '=', unitId)
    .where('item_code', '=', itemCode)
    .where('criterion_code', '=', criterionCode)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const orgOf = (trx: Transaction<Database>, id: number) => trx.selectFrom('org_unit').select(['code', 'name', 'short_name']).where('id', '=', id).executeTakeFirstOrThrow();

export const insertObjection = (
  trx: Transaction<Database>,
  v: { cycleId: number; unitId: number; itemCode: string; criterionCode: string; departmentId: number; reason: string; by: number; at: string },
) =>
  trx
    .insertInto('objection')
    .values({
      cycle_id: v.cycleId,
      unit_id: v.unitId,
      item_code: v.itemCode,
      criterion_code: v.criterionCode,
      department_id: v.departmentId,
      reason: v.reason,
      status: 'open',
      raised_by: v.by,
      raised_at: v.at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/** The objection again, locked FOR UPDATE. */
export const lockObjection = (trx: Transaction<Database>, id: number) => trx.selectFrom('objection').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** The stored score an objection is about, if any. */
export const objectedScore = (trx: Transaction<Database>, o: Pick<ObjectionRow, 'cycle_id' | 'unit_id' | 'item_code' | 'criterion_code'>) =>
  trx
    .selectFrom('score')
    .selectAll()
    .where('cycle_id', '=', o.cycle_id)
    .where('unit_id', '=', o.unit_id)
    .where('item_code', '=', o.item_code)
    .where('criterion_code', '=', o.criterion_code)
    .executeTakeFirst();

/** Change the objected score (and its 扣分理由) at the version read; false when it has moved on. */
export async function adjustScore(trx: Transaction<Database>, id: number, version: number, v: { answer: unknown; comment: string; by: number; at: string }): Promise<boolean> {
  const r = await trx
    .updateTable('score')
    .set({ answer_json: JSON.stringify(v.answer), comment: v.comment, version: version + 1, updated_by: v.by, updated_at: v.at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Enter the score an objection asks for when there was none. */
export const insertAdjustedScore = (trx: Transaction<Database>, o: ObjectionRow, v: { answer: unknown; comment: string; by: number; at: string }) =>
  trx
    .insertInto('score')
    .values({
      cycle_id: o.cycle_id,
      unit_id: o.unit_id,
      item_code: o.item_code,
      criterion_code: o.criterion_code,
      department_id: o.department_id,
      answer_json: JSON.stringify(v.answer),
      comment: v.comment,
      version: 1,
      updated_by: v.by,
      updated_at: v.at,
    })
    .execute();

/** Open objections of a cycle (publishing waits for them), with names for the message. */
export async function openObjections(db: Kysely<Database>, cycleId: number) {
  return db
    .selectFrom('objection')
    .innerJoin('org_unit as u', 'u.id', 'objection.unit_id')
    .innerJoin('org_unit as d', 'd.id', 'objection.department_id')
    .select(['objection.id', 'objection.unit_id', 'objection.cycle_id', 'objection.item_code', 'objection.criterion_code', 'u.name as unit_name', 'd.name as dept_name'])
    .where('objection.cycle_id', '=', cycleId)
    .where('objection.status', '=', 'open')
    .orderBy('objection.id')
    .execute();
}

