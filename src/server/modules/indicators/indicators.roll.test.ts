/**
 * 名录计数 (issue 12) on the demo, SQLite and PostgreSQL: the stock indicators 4–8 of the province plan count the
 * plan's 2020 baseline (from the plan file) + the roll's entries after 2020 up to the year, read from the honour table
 * here, not copied from output; the count's status when no accepted value exists, the accepted value's once one does;
 * the detail lists the entries with their city, the per-city counts and the link to the filtered roll.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindsOfIndicator } from '../../../shared/honours/kinds';
import { login, makeTestApp, testDialects, type TestApp } from '../../test/helpers';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const planFile = JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/plan-indicators/hunan-14th.json'), 'utf8')) as { indicators: { code: number; baseline: number | null; unit: string }[] };

describe.each(testDialects())('名录计数 of the plan indicators 4–8 on %s', (dialect) => {
  let t: TestApp;
  let province: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    const office = await login(t.app, 'office');
    province = (await office.request('GET', '/api/indicator-plans')).json.items.find((p: any) => p.code === 'hunan-14th').id;
  });
  afterAll(() => t.close());

  /** the demo roll's entries of an indicator's kinds, 2020 < year ≤ upTo */
  const rollRows = async (code: number, upTo: number) => {
    const kinds = kindsOfIndicator(code).map((k) => k.code);
    return t.db.db
      .selectFrom('honour as h')
      .innerJoin('org_unit as o', 'o.id', 'h.city_org_id')
      .select(['h.id', 'h.awardee', 'h.year', 'o.id as cityId', 'o.name as cityName'])
      .where('h.kind', 'in', kinds)
      .where('h.year', '>', 2020)
      .where('h.year', '<=', upTo)
      .orderBy('h.id')
      .execute();
  };
  const baselineOf = (code: number) => planFile.indicators.find((i) => i.code === code)!.baseline!;
  const unitOf = (code: number) => planFile.indicators.find((i) => i.code === code)!.unit;

  it('the table counts baseline + roll entries for 4–8 and only for them; the status is the count’s', async () => {
    const office = await login(t.app, 'office');
    for (const year of [2022, 2023]) {
      const r = await office.request('GET', `/api/indicator-plans/${province}/indicators?year=${year}`);
      expect(r.status).toBe(200);
      expect(r.json.rows.filter((x: any) => x.rollCount).map((x: any) => x.code)).toEqual([4, 5, 6, 7, 8]);
      for (const code of [4, 5, 6, 7, 8]) {
        const rows = await rollRows(code, year);
        expect(rows.length).toBeGreaterThan(0);
        const row = r.json.rows.find((x: any) => x.code === code);
        expect(row.rollCount).toMatchObject({ year, baseline: baselineOf(code), baselineYear: 2020, entryCount: rows.length, value: baselineOf(code) + rows.length, usedForStatus: true });
        expect(row.rollCount.text).toBe(`2020年基期值${baselineOf(code)}${unitOf(code)}，加名录中${year === 2021 ? '2021年' : `2021—${year}年`}的${rows.length}项`);
        expect(row.actual).toBeNull();
        expect(row.status.yearTarget).toBe(row.yearTarget.target.value);
        expect(row.status.metYear).toBe(row.rollCount.value >= row.yearTarget.target.value);
      }
    }
    // 5 鲁班奖 in 2023: the 序时进度 of the count = (72 + n − 72) / (the year's target − 72)
    const r = await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2023`);
    const luban = r.json.rows.find((x: any) => x.code === 5);
    const n = (await rollRows(5, 2023)).length;
    expect(luban.status.ratio).toBeCloseTo(n / (luban.yearTarget.target.value - baselineOf(5)), 4);
  });

  it('the detail lists the counted entries with their city, the count year by year, per city, and links to the roll', async () => {
    const office = await login(t.app, 'office');
    const table = await office.request('GET', `/api/indicator-plans/${province}/indicators`);
    const id = table.json.rows.find((x: any) => x.code === 5).id;
    const d = await office.request('GET', `/api/indicators/${id}`);
    expect(d.status).toBe(200);
    const rows = await rollRows(5, 2023);
    expect(d.json.roll.count).toMatchObject({ year: 2023, value: 72 + rows.length, entryCount: rows.length });
    expect(d.json.roll.entries).toEqual(rows.map((e) => ({ id: e.id, awardee: e.awardee, year: e.year, city: { id: e.cityId, name: e.cityName } })));
    expect(d.json.roll.series.map((s: any) => [s.year, s.value])).toEqual([2021, 2022, 2023].map((y) => [y, 72 + rows.filter((e) => e.year <= y).length]));
    expect(d.json.roll.cities).toHaveLength(14);
    for (const c of d.json.roll.cities) expect(c.count).toBe(rows.filter((e) => e.cityId === c.org.id).length);
    expect(d.json.roll.link).toBe('/honours?kind=luban');
    // the detail's current status is the table's (the count's, no value accepted), and the count judges each year
    const row = table.json.rows.find((x: any) => x.code === 5);
    expect(row.status).not.toBeNull();
    expect(d.json.indicator.status).toEqual(row.status);
    expect(d.json.indicator.rollCount).toEqual(row.rollCount);
    expect(d.json.statuses).toEqual(d.json.roll.series.map((s: any) => ({ year: s.year, status: s.status })));
    // a city user sees only its own city's count
    const changsha = await login(t.app, 'changsha');
    const cd = await changsha.request('GET', `/api/indicators/${id}`);
    expect(cd.json.roll.cities.map((c: any) => c.org.name)).toEqual(['长沙市']);
    // not counted from the roll: indicator 13
    const other = await office.request('GET', `/api/indicators/${table.json.rows.find((x: any) => x.code === 13).id}`);
    expect(other.json.roll).toBeNull();
  });

  it('an accepted value of the year wins for the status; both are shown', async () => {
    const office = await login(t.app, 'office');
    const table = await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2023`);
    const ind = table.json.rows.find((x: any) => x.code === 7);
    const period = await t.db.db.selectFrom('indicator_period').select('id').where('plan_id', '=', province).where('year', '=', 2023).where('quarter', 'is', null).executeTakeFirstOrThrow();
    const region = table.json.plan.region.id;
    const existing = await t.db.db.selectFrom('indicator_value').select('id').where('period_id', '=', period.id).where('indicator_id', '=', ind.id).where('org_id', '=', region).executeTakeFirst();
    const now = new Date().toISOString();
    // the target of 2025 reached: an accepted figure the count (below it) does not reach
    const accepted = { value: planTarget(7), status: 'accepted' as const, updated_at: now, accepted_at: now };
    if (existing) await t.db.db.updateTable('indicator_value').set(accepted).where('id', '=', existing.id).execute();
    else await t.db.db.insertInto('indicator_value').values({ period_id: period.id, indicator_id: ind.id, org_id: region, demo: 0, version: 1, ...accepted }).execute();
    const r = await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2023`);
    const row = r.json.rows.find((x: any) => x.code === 7);
    expect(row.actual).toMatchObject({ year: 2023, value: planTarget(7) });
    expect(row.rollCount).toMatchObject({ value: baselineOf(7) + (await rollRows(7, 2023)).length, usedForStatus: false });
    // the 2020 baseline 6 holds the 提名奖 (seed 003: 中国质量奖1个、提名奖5个): the demo roll's 2 awards and 2 提名奖 all count
    expect(row.rollCount).toMatchObject({ value: 6 + 4, entryCount: 4 });
    expect(row.rollCount.value).toBeLessThan(planTarget(7));
    expect(row.status.status).toBe('ahead');
    // the detail: the accepted value judges 2023, the count the years without one
    const d = (await office.request('GET', `/api/indicators/${ind.id}`)).json;
    expect(d.indicator.status).toEqual(row.status);
    const s2023 = d.statuses.find((s: any) => s.year === 2023).status;
    expect(s2023.status).toBe('ahead');
    expect(d.statuses.map((s: any) => s.year)).toEqual(d.roll.series.map((s: any) => s.year));
  });
});

function planTarget(code: number): number {
  const raw = JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/plan-indicators/hunan-14th.json'), 'utf8')) as { indicators: { code: number; target: { value?: number } }[] };
  return raw.indicators.find((i) => i.code === code)!.target.value!;
}
