/**
 * A generated large cycle for size and speed tests: the 2022 scheme published, the cycle in scoring, and `units`
 * assessed units (the 14 cities plus generated counties), every criterion of every unit scored with 长沙's
 * answers from the golden file, each with a comment.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Insertable } from 'kysely';
import type { ScoreTable } from '../db/schema';
import { REPO_ROOT } from '../config';
import { openTestCycle, orgId, type Client, type TestApp } from './helpers';

export async function scaleCycle(t: TestApp, units: number, year = 2023): Promise<{ office: Client; cycleId: number; unitIds: number[] }> {
  const { office, cycle } = await openTestCycle(t, { year });
  const db = t.db.db;
  const now = new Date().toISOString();
  const extra = units - cycle.units.length;
  const parent = await orgId(t.db, '430600');
  for (let i = 0; i < extra; i += 200) {
    const rows = Array.from({ length: Math.min(200, extra - i) }, (_, k) => ({
      code: `S${year}-${String(i + k + 1).padStart(4, '0')}`,
      name: `生成县${year}-${i + k + 1}`,
      short_name: null,
      kind: 'county' as const,
      parent_id: parent,
      sort_order: 100_000 + i + k,
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    const ids = await db.insertInto('org_unit').values(rows).returning('id').execute();
    await db.insertInto('cycle_unit').values(ids.map((r) => ({ cycle_id: cycle.id, org_unit_id: r.id }))).execute();
  }
  await db.updateTable('scheme').set({ status: 'published', published_at: now }).where('cycle_id', '=', cycle.id).execute();
  await db.updateTable('assessment_cycle').set({ status: 'scoring', updated_at: now }).where('id', '=', cycle.id).execute();
  const golden = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/golden/hunan-2022-14-cities.json'), 'utf8')) as {
    units: { answers: Record<string, Record<string, unknown>> }[];
  };
  const answers = golden.units[0].answers;
  const dept = await orgId(t.db, 'samr');
  const unitIds = (await db.selectFrom('cycle_unit').select('org_unit_id').where('cycle_id', '=', cycle.id).execute()).map((r) => r.org_unit_id);
  const rows: Insertable<ScoreTable>[] = [];
  for (const u of unitIds)
    for (const [item, crits] of Object.entries(answers))
      for (const [crit, answer] of Object.entries(crits))
        rows.push({ cycle_id: cycle.id, unit_id: u, item_code: item, criterion_code: crit, department_id: dept, answer_json: JSON.stringify(answer), comment: '经现场核查，材料齐全', version: 1, updated_by: null, updated_at: now });
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('score').values(rows.slice(i, i + 500)).execute();
  return { office, cycleId: cycle.id, unitIds };
}
