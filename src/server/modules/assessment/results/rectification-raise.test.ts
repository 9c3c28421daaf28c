/**
 * Turning lost points into 整改事项 (POST /api/rectifications/from-assessment): who may not do it at all in a cycle
 * — a department that only declares indicators and scores nothing — is refused with 403 whatever the cycle's stage,
 * not told that the results are not published yet (409).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, openTestCycle, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('raising 整改事项 from an assessment, on %s', (dialect) => {
  let t: TestApp;
  let education: Client;
  let cycle: any;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ cycle } = await openTestCycle(t));
    education = await login(t.app, 'education');
  });
  afterAll(() => t?.close());

  it('a department that evaluates nothing in the cycle gets 403, before any word on the stage', async () => {
    const r = await education.request('POST', '/api/rectifications/from-assessment', { cycleId: cycle.id, unitId: await orgId(t.db, '430100'), criterionCodes: ['7.a'], dueOn: '2099-06-30' });
    expect([r.status, r.json.message]).toEqual([403, '只有组织考核的质强办或评价部门可以将失分项目转为整改事项']);
  });
});
