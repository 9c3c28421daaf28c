import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, testDialects, type TestApp } from '../../test/helpers';
import { loadIndicatorPlans } from './indicators.commands';

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
});
