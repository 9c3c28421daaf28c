/**
 * An expert taken out of the pool (移出专家库) after the draft plan named them: the plan says so among its problems and
 * is not approved until the expert is replaced — the plan's save checks the pool, its approval checks it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, planBody, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: an expert who left the pool, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
  });
  afterAll(() => t?.close());

  it('a draft naming an expert since taken out of the pool lists it as a problem and is not approved; replaced, it is', async () => {
    const url = `/api/evaluation-applications/${f.app.id}/plan`;
    const draft = (await f.office.request('PUT', url, planBody(f.fw, f.experts, ['王教授', '李高工']))).json.plan;
    expect(draft.problems).toEqual([]);
    const pool = (await f.office.request('GET', '/api/evaluation-experts')).json.items;
    const li = pool.find((e: any) => e.name === '李高工');
    const left = await f.office.request('PUT', `/api/evaluation-experts/${li.id}`, { name: li.name, organisation: li.organisation, regionId: li.region?.id ?? null, field: li.field, title: li.title, username: li.username, version: li.version, active: false });
    expect(left.status).toBe(200);
    expect((await f.office.request('GET', url)).json.plan.problems).toEqual(['李高工已移出专家库，请更换专家']);
    const refused = await f.office.request('POST', `${url}/approve`, { version: draft.version });
    expect([refused.status, refused.json.message]).toEqual([409, '评价工作方案还不能批准：李高工已移出专家库，请更换专家']);
    const replaced = (await f.office.request('PUT', url, planBody(f.fw, f.experts, ['王教授', '陈研究员'], { version: draft.version }))).json.plan;
    expect(replaced.problems).toEqual([]);
    expect((await f.office.request('POST', `${url}/approve`, { version: replaced.version })).status).toBe(200);
  });
});
