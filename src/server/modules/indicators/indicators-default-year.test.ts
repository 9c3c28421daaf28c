/**
 * The year the monitoring opens on when none is asked (defaultYear): the latest year with figures in force of the
 * region; a plan with none yet (岳阳市's own plan) opens on the current reporting year — the latest year a 填报期 of the
 * plan has opened for by today, else this year — within the plan's years, not on the year after its base year (2021).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the default year of a plan’s monitoring, on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  let office: Client, cityOffice: Client;
  const planOf = async (c: Client, code: string) => ((await c.request('GET', '/api/indicator-plans')).json.items as any[]).find((p) => p.code === code);
  const opened = async (c: Client, code: string) => {
    const plan = await planOf(c, code);
    const table = (await c.request('GET', `/api/indicator-plans/${plan.id}/indicators`)).json;
    const matrix = await c.request('GET', `/api/indicator-plans/${plan.id}/matrix`);
    return { years: plan.years, defaultYear: plan.defaultYear, table: table.year, matrix: matrix.status === 200 ? matrix.json.year : null };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now }, { demoAssessment: true });
    [office, cityOffice] = [await login(t.app, 'office'), await login(t.app, 'yueyang.office')];
  });
  afterAll(() => t?.close());

  it('a plan without data opens on this year, within the plan’s years; one with data on its latest year', async () => {
    at('2023-05-17');
    expect(await opened(cityOffice, 'yueyang-2025')).toMatchObject({ years: [], defaultYear: 2023, table: 2023 });
    // early in 2024, before any 填报期 opens: 2024; once the office opens the 2023 annual period (figures of 2023 are
    // collected in 2024), the current reporting year is 2023
    at('2024-02-10');
    expect(await opened(cityOffice, 'yueyang-2025')).toMatchObject({ years: [], defaultYear: 2024, table: 2024 });
    const plan = await planOf(cityOffice, 'yueyang-2025');
    const period = await cityOffice.request('POST', '/api/indicator-reporting/periods', { planId: plan.id, year: 2023, opensOn: '2024-02-10', closesOn: '2024-03-31', lockDays: 0 });
    expect(period.status, period.json.message).toBe(201);
    expect(await opened(cityOffice, 'yueyang-2025')).toMatchObject({ years: [], defaultYear: 2023, table: 2023 });
    at('2027-03-01');
    expect(await opened(cityOffice, 'yueyang-2025')).toMatchObject({ years: [], defaultYear: 2025, table: 2025 });
    const province = await opened(office, 'hunan-14th');
    expect(province.years.length).toBeGreaterThan(0);
    expect([province.defaultYear, province.table, province.matrix]).toEqual(Array(3).fill(province.years.at(-1)));
  });
});
