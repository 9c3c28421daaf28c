/**
 * Stored and sent results are plain data (issue 8 §1, design.md "Simplicity before cleverness"): every result
 * kind survives a JSON round-trip unchanged — the engine's batch result, the
 * preliminary results computed from stored scores, the frozen results read back from cycle_result, the
 * ranking rows of a base cycle (year-on-year) and the ResultsView each participant is sent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreFramework } from '../../../../shared/scoring/engine';
import { REPO_ROOT } from '../../../config';
import { makeTestApp, orgId, testDialects, type TestApp } from '../../../test/helpers';
import { sessionOrg, type SessionUser } from '../../../core/session';
import type { CycleAccess, Participation } from '../assessment.policy';
import { findCycle } from '../assessment.queries';
import { computeResults, frozenResults, resultsFor } from './results.queries';
import { chinaDate } from '../../../../shared/deadline';

const read = (rel: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, rel), 'utf8'));

/** x is plain data: JSON gives back exactly x (no undefined fields, Dates, Maps, class instances, getters that differ). */
function expectPlain(x: unknown): void {
  expect(x).toBeDefined();
  expect(JSON.parse(JSON.stringify(x))).toStrictEqual(x);
}

describe('expectPlain', () => {
  it('fails on what JSON cannot carry', () => {
    expect(() => expectPlain({ a: 1, b: undefined })).toThrow();
    expect(() => expectPlain({ at: new Date(0) })).toThrow();
    expect(() => expectPlain({ m: new Map([[1, 2]]) })).toThrow();
    expect(() => expectPlain({ n: Number.NaN })).toThrow();
    expectPlain({ a: [1, '2', null, { b: true }] });
  });
});

describe('the engine’s batch result', () => {
  const fw = read('frameworks/hunan-assessment-2022.json');
  const golden = read('frameworks/golden/hunan-2022-14-cities.json');
  it('round-trips through JSON', () => {
    const r = scoreFramework(fw, { units: golden.units });
    expect(r.units).toHaveLength(14);
    expectPlain(r);
    for (const u of r.units) expectPlain(u);
  });
});

describe.each(testDialects())('results kept and sent, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  const cycleOf = async (year: number) => {
    const { id } = await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', year).orderBy('id').executeTakeFirstOrThrow();
    return (await findCycle(t.db.db, id))!;
  };
  const access = async (year: number, as: Participation, orgCode: string): Promise<CycleAccess> => {
    const id = await orgId(t.db, orgCode);
    const role = as === 'unit' ? 'unit' : as;
    const user: SessionUser = { id: 1, username: 'x', displayName: 'x', role, orgUnitId: id, org: await sessionOrg(t.db.db, id), mustChangePassword: false, sessionId: '', csrfToken: '' };
    return { cycle: await cycleOf(year), as, user, orgUnitId: id, orgCode, invited: false, evaluator: as === 'department', today: chinaDate(new Date()) };
  };
  const viewers: [Participation, string][] = [
    ['office', 'office'],
    ['leader', '430000'],
    ['department', 'samr'],
    ['unit', '430100'],
  ];

  it('frozen results (cycle_result) and the preliminary results computed from stored scores', async () => {
    const c22 = await cycleOf(2022);
    const frozen = await frozenResults(t.db.db, c22.id);
    expect(frozen).toHaveLength(14);
    expectPlain(frozen);
    const computed = await computeResults(t.db.db, c22);
    expect(computed.units).toHaveLength(14);
    expectPlain(computed);
  });

  it('the final ResultsView each participant is sent', async () => {
    for (const [as, code] of viewers) {
      const v = await resultsFor(t.db.db, await access(2022, as, code));
      expect(v.stage).toBe('final');
      expect(v.units).toHaveLength(14);
      expectPlain(v);
    }
  });

  it('the preliminary ResultsView, with the base cycle’s ranking rows for the year-on-year chart', async () => {
    // The 2023 demo cycle (based on 2022) in its objection window: preliminary results from its (empty) scores.
    const c23 = await cycleOf(2023);
    await t.db.db.updateTable('scheme').set({ status: 'published', published_at: new Date().toISOString() }).where('cycle_id', '=', c23.id).execute();
    await t.db.db.updateTable('assessment_cycle').set({ status: 'review', objection_start: '2024-03-01', objection_end: '2024-03-10' }).where('id', '=', c23.id).execute();
    const units = (await computeResults(t.db.db, (await findCycle(t.db.db, c23.id))!)).units;
    expectPlain(units);
    for (const [as, code] of viewers) {
      const v = await resultsFor(t.db.db, await access(2023, as, code));
      expect(v.stage).toBe('preliminary');
      if (as !== 'department') {
        expect(v.previous?.year).toBe(2022);
        expect(v.previous!.units.length).toBeGreaterThan(0);
        expectPlain(v.previous);
      }
      expectPlain(v);
    }
  });
});
