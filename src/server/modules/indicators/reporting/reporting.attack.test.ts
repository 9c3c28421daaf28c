/**
 * Plan-indicator reporting as an attacker would use it, on SQLite and PostgreSQL: values of an indicator or unit
 * the caller does not own.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { reportingClock } from './reporting.commands';

const at = (day: string) => () => new Date(`${day}T04:00:00.000Z`);

describe.each(testDialects())('plan-indicator reporting under attack on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let samr: Client;
  let yueyang: Client;
  let period: any;
  let ids: Record<number, number>;
  let province: number;
  let yy: number;
  let cs: number;
  beforeAll(async () => {
    reportingClock.now = at('2026-11-28');
    t = await makeTestApp(dialect);
    [office, samr, yueyang] = await Promise.all(['office', 'samr', 'yueyang'].map((u) => login(t.app, u)));
    const plan = await t.db.db.selectFrom('indicator_plan').select('id').where('code', '=', 'hunan-14th').executeTakeFirstOrThrow();
    ids = Object.fromEntries((await t.db.db.selectFrom('indicator').select(['id', 'code']).where('plan_id', '=', plan.id).execute()).map((i) => [i.code, i.id]));
    province = await orgId(t.db, '430000');
    yy = await orgId(t.db, '430600');
    cs = await orgId(t.db, '430100');
    const r = await office.request('POST', '/api/indicator-reporting/periods', { planId: plan.id, year: 2024, quarter: null, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 });
    expect(r.status).toBe(201);
    period = r.json;
  });
  afterEach(() => {
    reportingClock.now = at('2026-11-28');
  });
  afterAll(async () => {
    reportingClock.now = () => new Date();
    await t.close();
  });

  const save = (c: Client, indicator: number, org: number, value: unknown, extra: Record<string, unknown> = {}) =>
    c.request('POST', '/api/indicator-reporting/values', { periodId: period.id, indicatorId: ids[indicator], orgId: org, value, ...extra });

  it('a department saving an indicator it is not responsible for, or a city another city’s value: 403 in Chinese, recorded, nothing saved', async () => {
    const denied = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'access.denied').executeTakeFirstOrThrow()).n);
    const before = await denied();
    const notMine = await save(samr, 3, province, 2600);
    expect([notMine.status, notMine.json.message]).toEqual([403, '湖南省的「绿色食品」由责任单位填报，不由您填报']);
    const cityOfDept = await save(samr, 13, yy, 90);
    expect([cityOfDept.status, cityOfDept.json.message]).toEqual([403, '岳阳市的「制造业产品质量合格率」由岳阳市填报，不由您填报']);
    const otherCity = await save(yueyang, 13, cs, 90);
    expect([otherCity.status, otherCity.json.message]).toEqual([403, '长沙市的「制造业产品质量合格率」由长沙市填报，不由您填报']);
    const provinceByCity = await save(yueyang, 13, province, 90);
    expect([provinceByCity.status, provinceByCity.json.message]).toEqual([403, '湖南省的「制造业产品质量合格率」由责任单位填报，不由您填报']);
    expect(await denied()).toBe(before + 4);
    expect(await t.db.db.selectFrom('indicator_value').select('id').execute()).toEqual([]);
  });
});
