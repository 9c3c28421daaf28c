/**
 * Scale: what the office's results page loads stays under 300 kB for a city office's 122 counties — the live
 * results at detail "totals" — and grows only by its ranking rows at 500 units (about 0.9 kB a unit); the
 * office's read-only grid of every criterion comes a page of units at a time. The full answers are measured
 * too, to say what was saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../../../test/helpers';
import { scaleCycle } from '../../../test/scale-cycle';

const LIMIT = 300 * 1024;

describe.each(testDialects())('answers that stay small at scale, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  it.each([
    [122, 2023, LIMIT],
    [500, 2024, 4 * LIMIT],
  ])('live results for the office at %i units: the ranking without criterion lines (detail "totals") stays small', async (n, year, limit) => {
    const { office, cycleId } = await scaleCycle(t, n, year);
    const full = await office.request('GET', `/api/cycles/${cycleId}/results`);
    const totals = await office.request('GET', `/api/cycles/${cycleId}/results?detail=totals`);
    expect(full.status).toBe(200);
    expect(totals.status).toBe(200);
    expect(totals.json.units).toHaveLength(n);
    expect(totals.json.units.every((u: any) => u.total !== null && u.sections.length > 0 && u.criteria.length === 0)).toBe(true);
    const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
    console.log(`results at ${n} units: full ${bytes(full.json)} B, totals ${bytes(totals.json)} B`);
    expect(bytes(totals.json)).toBeLessThan(limit);
    // the same ranking either way
    expect(totals.json.units.map((u: any) => [u.unitId, u.total, u.rank])).toEqual(full.json.units.map((u: any) => [u.unitId, u.total, u.rank]));
  }, 120_000);

  it('the scoring grid at 122 units: a department’s whole grid, the office’s read-only grid a page of units at a time', async () => {
    const { office, cycleId } = await scaleCycle(t, 122, 2025);
    const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
    const samr = await login(t.app, 'samr');
    const own = await samr.request('GET', `/api/cycles/${cycleId}/scoring/grid`);
    const all = await office.request('GET', `/api/cycles/${cycleId}/scoring/grid?view=all`);
    const first = await office.request('GET', `/api/cycles/${cycleId}/scoring/grid?view=all&page=1&pageSize=20`);
    console.log(`grid at 122 units: samr ${bytes(own.json)} B, office all ${bytes(all.json)} B, a page of 20 units ${bytes(first.json)} B`);
    expect(own.json.units).toHaveLength(122);
    expect(bytes(own.json)).toBeLessThan(LIMIT);
    expect(first.json).toMatchObject({ view: 'all', unitTotal: 122, page: 1, pageSize: 20 });
    expect(bytes(first.json)).toBeLessThan(LIMIT);
    // the pages together are the whole grid, each page with only its own units' cells
    const seen: any[] = [];
    for (let page = 1; page <= 7; page++) {
      const p = (await office.request('GET', `/api/cycles/${cycleId}/scoring/grid?view=all&page=${page}&pageSize=20`)).json;
      const ids = new Set(p.units.map((u: any) => u.id));
      expect(p.cells.every((c: any) => ids.has(c.unitId))).toBe(true);
      seen.push(...p.units);
      expect(p.cells).toEqual(all.json.cells.filter((c: any) => ids.has(c.unitId)));
    }
    expect(seen).toEqual(all.json.units);
    expect(all.json).toMatchObject({ unitTotal: 122, page: 1, pageSize: 122 });
    expect((await office.request('GET', `/api/cycles/${cycleId}/scoring/grid?view=all&pageSize=500`)).status).toBe(400);
  }, 120_000);
});
