import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, testDialects, type TestApp } from '../../test/helpers';
import { loadIndicatorPlans } from './indicators.commands';
import { rewriteThresholds, up as thresholdsMigration } from '../../db/migrations/2026-11-28T1710-indicator-thresholds';
import { thresholdsOf } from '../../../shared/indicators';

describe.each(testDialects())('loading the plan indicators on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  it('the seed loads the province plan (24 indicators, 9 overrides for 2023) and Yueyang plan (7 + 16 own)', async () => {
    const db = t.db.db;
    const plans = await db.selectFrom('indicator_plan').innerJoin('org_unit', 'org_unit.id', 'indicator_plan.region_org_id').select(['indicator_plan.id', 'indicator_plan.code', 'org_unit.name']).orderBy('indicator_plan.id').execute();
    expect(plans.map((p) => [p.code, p.name])).toEqual([
      ['hunan-14th', '湖南省'],
      ['yueyang-2025', '岳阳市'],
    ]);
    const count = async (planId: number) => (await db.selectFrom('indicator').select('code').where('plan_id', '=', planId).orderBy('code').execute()).map((r) => r.code);
    expect(await count(plans[0]!.id)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const yy = await count(plans[1]!.id);
    expect(yy.filter((c) => c < 101).sort((a, b) => a - b)).toEqual([13, 14, 15, 16, 17, 22, 23]);
    expect(yy.filter((c) => c >= 101)).toEqual(Array.from({ length: 16 }, (_, i) => 101 + i));
    const m13 = await db
      .selectFrom('indicator_target')
      .innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
      .select(['indicator_target.year', 'indicator_target.target_json', 'indicator_target.origin'])
      .where('indicator.plan_id', '=', plans[0]!.id)
      .where('indicator.code', '=', 13)
      .executeTakeFirstOrThrow();
    expect(m13).toEqual({ year: 2023, target_json: JSON.stringify({ bound: 'min', value: 94 }), origin: 'work-plan' });
    expect((await db.selectFrom('indicator_target').select('id').execute()).length).toBe(9);
  });

  it('loading again changes nothing', async () => {
    expect(await loadIndicatorPlans(t.db.db)).toEqual([]);
    expect((await t.db.db.selectFrom('indicator').select('id').execute()).length).toBe(24 + 23);
  });

  it('stores the thresholds in the one shape {onTrack, fair}; the 1710 migration turns an old row into it', async () => {
    const db = t.db.db;
    const stored = async () => (await db.selectFrom('indicator_plan').select(['code', 'thresholds_json']).orderBy('id').execute()).map((r) => [r.code, JSON.parse(r.thresholds_json)]);
    // the loader writes the new shape
    expect(await stored()).toEqual([
      ['hunan-14th', { onTrack: 0.95, fair: 0.6 }],
      ['yueyang-2025', { onTrack: 0.95, fair: 0.6 }],
    ]);
    // an old row (as loaded before the migration) and one an office had tuned
    await db.updateTable('indicator_plan').set({ thresholds_json: JSON.stringify({ ahead: 1, onTrack: 0.95, lagging: 0.6 }) }).where('code', '=', 'hunan-14th').execute();
    await db.updateTable('indicator_plan').set({ thresholds_json: JSON.stringify({ ahead: 1, onTrack: 0.9, lagging: 0.5 }) }).where('code', '=', 'yueyang-2025').execute();
    await thresholdsMigration(db);
    expect(await stored()).toEqual([
      ['hunan-14th', { onTrack: 0.95, fair: 0.6 }],
      ['yueyang-2025', { onTrack: 0.9, fair: 0.5 }],
    ]);
    // running it again changes nothing; the status code reads what it wrote
    await thresholdsMigration(db);
    const yy = await db.selectFrom('indicator_plan').select('thresholds_json').where('code', '=', 'yueyang-2025').executeTakeFirstOrThrow();
    expect(thresholdsOf(yy.thresholds_json)).toEqual({ onTrack: 0.9, fair: 0.5 });
    // the text rule: a new shape is kept, an unreadable one becomes Open SDG's
    expect(rewriteThresholds('{"onTrack":0.8,"fair":0.4}')).toBe('{"onTrack":0.8,"fair":0.4}');
    expect(rewriteThresholds('not json')).toBe('{"onTrack":0.95,"fair":0.6}');
    await db.updateTable('indicator_plan').set({ thresholds_json: JSON.stringify({ onTrack: 0.95, fair: 0.6 }) }).execute();
  });
});
