/** Loading the things every part of the assessment needs: the cycle and its current scheme. Only Kysely here. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AssessmentCycleTable, Database, SchemeTable } from '../../db/schema';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { frameworkOf } from './framework-cache';

export type CycleRow = Selectable<AssessmentCycleTable>;
export type SchemeRow = Selectable<SchemeTable>;

export const findCycle = (db: Kysely<Database>, id: number) =>
  db.selectFrom('assessment_cycle').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Inside a transaction: the cycle row, locked — 'share' by a change that depends on the cycle's phase (many
 * may hold it at once), 'update' by one that moves or rewrites the cycle (it waits for them, they wait for
 * it). Always the first lock a change takes (see src/server/db/sqlite-immediate.ts).
 */
export const lockCycle = (trx: Transaction<Database>, id: number, mode: 'share' | 'update') => {
  const q = trx.selectFrom('assessment_cycle').selectAll().where('id', '=', id);
  return (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirstOrThrow();
};

/** The scheme in force: the newest published version, or else the newest draft (one row read; the framework from the cache). */
export async function currentScheme(db: Kysely<Database>, cycleId: number): Promise<{ row: SchemeRow; framework: Framework } | null> {
  const row = await db
    .selectFrom('scheme')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('status', 'in', ['published', 'draft'])
    .orderBy(sql`case when status = 'published' then 0 else 1 end`)
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { row, framework: frameworkOf(row.framework_json) } : null;
}

/** The newest published scheme, or null before the first publication. */
export async function publishedScheme(db: Kysely<Database>, cycleId: number): Promise<{ row: SchemeRow; framework: Framework } | null> {
  const row = await db
    .selectFrom('scheme')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('status', '=', 'published')
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { row, framework: frameworkOf(row.framework_json) } : null;
}

/** Department codes that evaluate at least one criterion of a framework. */
export function evaluatorCodes(fw: Framework): Set<string> {
  const codes = new Set<string>();
  for (const s of fw.sections)
    for (const i of s.items) for (const c of i.criteria) for (const e of c.evaluators ?? i.evaluators ?? []) codes.add(e);
  return codes;
}

/** The criteria (as "item.criterion" codes) a department evaluates. */
export function criteriaOf(fw: Framework, departmentCode: string): { itemCode: string; criterionCode: string }[] {
  const out: { itemCode: string; criterionCode: string }[] = [];
  for (const s of fw.sections)
    for (const i of s.items)
      for (const c of i.criteria) if ((c.evaluators ?? i.evaluators ?? []).includes(departmentCode)) out.push({ itemCode: i.code, criterionCode: c.code });
  return out;
}

/** Stored answers of a cycle, per unit id: {itemCode: {criterionCode: answer}} — the engine's answer format. */
export async function loadAnswers(
  db: Kysely<Database>,
  cycleId: number,
  unitIds?: number[],
): Promise<Map<number, Record<string, Record<string, unknown>>>> {
  let q = db.selectFrom('score').select(['unit_id', 'item_code', 'criterion_code', 'answer_json']).where('cycle_id', '=', cycleId);
  if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? unitIds : [-1]);
  const out = new Map<number, Record<string, Record<string, unknown>>>();
  for (const r of await q.execute()) {
    const unit = out.get(r.unit_id) ?? {};
    (unit[r.item_code] ??= {})[r.criterion_code] = JSON.parse(r.answer_json);
    out.set(r.unit_id, unit);
  }
  return out;
}

/** The units a cycle assesses (its 14 cities, or a city's counties), in org-tree order. */
export async function cycleUnits(db: Kysely<Database>, cycleId: number): Promise<{ id: number; code: string; name: string }[]> {
  return db
    .selectFrom('cycle_unit')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_unit.org_unit_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name'])
    .where('cycle_unit.cycle_id', '=', cycleId)
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.code')
    .execute();
}
