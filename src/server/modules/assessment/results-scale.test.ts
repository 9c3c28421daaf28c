/**
 * Scale: what the office's results page loads stays under 300 kB for a city office's 122 counties — the live
 * results at detail "totals" — and grows only by its ranking rows at 500 units (about 0.9 kB a unit). The full
 * answers are measured too, to say what was saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, testDialects, type TestApp } from '../../test/helpers';
import { scaleCycle } from '../../test/scale-cycle';

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
});
