/**
 * GET /api/cycles runs a fixed number of queries whatever the number of cycles (it ran two per cycle): counted
 * with a Kysely plugin that sees every query the app's database runs, with 1 and with 10 cycles, for each way of
 * taking part (office, invited department, department that only evaluates, assessed city, leader).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, login, makeTestApp, openTestCycle, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('the cycle list, on %s', (dialect) => {
  let t: TestApp;
  const users = ['office', 'samr', 'ndrc', 'changsha', 'leader', 'yueyang.office'] as const;
  const clients = new Map<string, Client>();

  /** queries run by the app while `fn` runs */
  const counted = <T>(fn: () => Promise<T>) => countStatements(t, fn);
  const list = (u: string) => counted(async () => (await clients.get(u)!.request('GET', '/api/cycles')).json.items as { year: number }[]);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    await openTestCycle(t, { year: 2023, departments: ['ndrc'] });
    for (const u of users) clients.set(u, await login(t.app, u));
  });
  afterAll(() => t.close());

  it('counts the same queries with 1 cycle and with 10, and lists exactly the cycles each takes part in', async () => {
    const one = new Map<string, number>();
    for (const u of users) {
      const r = await list(u);
      one.set(u, r.n);
      expect(r.value.map((c) => c.year)).toEqual(u === 'yueyang.office' ? [] : [2023]);
    }
    // 9 more: samr invited to the odd years only, so in the even ones it takes part as an evaluator of the scheme
    for (let year = 2024; year <= 2032; year++) await openTestCycle(t, { year, departments: year % 2 ? ['samr', 'ndrc'] : ['ndrc'] });
    const years = Array.from({ length: 10 }, (_, i) => 2032 - i);
    for (const u of users) {
      const r = await list(u);
      expect(r.value.map((c) => c.year)).toEqual(u === 'yueyang.office' ? [] : years);
      expect(r.n, `${u}: queries with 10 cycles`).toBe(one.get(u));
      expect(r.n, `${u}: queries`).toBeLessThanOrEqual(8);
      // a later page, filtered and sorted, costs the same queries as the whole list
      const paged = await counted(async () => (await clients.get(u)!.request('GET', '/api/cycles?page=2&pageSize=3&status=collecting&sort=year')).json);
      expect(paged.n, `${u}: queries for page 2`).toBe(one.get(u));
      expect(paged.value.items.map((c: { year: number }) => c.year)).toEqual(u === 'yueyang.office' ? [] : [2026, 2027, 2028]);
    }
  });
});
