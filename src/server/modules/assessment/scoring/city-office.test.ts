/**
 * A city office's cycle (岳阳市质强办 assessing its counties, the demo cycle in scoring): the key points the scheme
 * gives to "office" are the city office's. The grid and a refusal name it — not the provincial office, which takes
 * no part in the city's cycle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('who scores the office key points of a city office cycle, on %s', (dialect) => {
  let t: TestApp;
  let cityOffice: Client;
  let samr: Client;
  let cycleId: number;
  let miluoId: number;
  const CITY_OFFICE = '岳阳市质量强市领导小组办公室';
  const PROVINCE_OFFICE = '湖南省质量强省领导小组办公室';

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    const cityOfficeId = await orgId(t.db, 'office-430600');
    cycleId = (await t.db.db.selectFrom('assessment_cycle').select('id').where('office_org_id', '=', cityOfficeId).executeTakeFirstOrThrow()).id;
    miluoId = await orgId(t.db, '430681');
    [cityOffice, samr] = await Promise.all(['yueyang.office', 'samr'].map((u) => login(t.app, u)));
  });
  afterAll(() => t?.close());

  it('a department scoring an office key point is told the city office scores it', async () => {
    const r = await samr.request('PUT', `/api/cycles/${cycleId}/scores/${miluoId}/1/a`, { answer: { score: 3 }, version: null });
    expect(r.status).toBe(403);
    expect(r.json.message).toContain(CITY_OFFICE);
    expect(r.json.message).not.toContain(PROVINCE_OFFICE);
  });

  it("the office's read-only grid names the city office as the evaluator of its key points", async () => {
    const r = await cityOffice.request('GET', `/api/cycles/${cycleId}/scoring/grid?view=all`);
    expect(r.status).toBe(200);
    const c1a = r.json.criteria.find((c: any) => c.key === '1.a');
    expect(c1a.evaluators).toEqual([{ code: 'office', name: CITY_OFFICE }]);
  });

  it("a county's to-do of the final results names its city's assessment, not the province's of the same year", async () => {
    // the cycle past its objection window (the steps there are the province's, tested in results.test.ts)
    const row = await t.db.db.selectFrom('assessment_cycle').select(['year', 'version']).where('id', '=', cycleId).executeTakeFirstOrThrow();
    await t.db.db.updateTable('assessment_cycle').set({ status: 'review', objection_start: '2000-01-01', objection_end: '2000-01-02' }).where('id', '=', cycleId).execute();
    const published = await cityOffice.request('POST', `/api/cycles/${cycleId}/publish-results`, { version: row.version, confirm: true });
    expect(published.status).toBe(200);
    const miluo = await login(t.app, 'miluo');
    const titles = (await miluo.request('GET', '/api/todos')).json.items.map((x: any) => x.title);
    expect(titles).toContainEqual(expect.stringMatching(new RegExp(`^岳阳市${row.year}年度对县市区质量工作考核最终结果已发布：汨罗市总分`)));
  });
});
