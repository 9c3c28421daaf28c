/**
 * An expert taken out of the pool (移出专家库) after the draft plan named them: the plan says so among its problems and
 * is not approved until the expert is replaced — the plan's save checks the pool, its approval checks it again. So
 * for an expert whose platform account has been stopped (停用) since: they could neither declare 回避 nor score.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, planBody, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: an expert who left the pool or whose account was stopped, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
  });
  afterAll(() => t?.close());

  it('a draft naming an expert whose account has since been stopped (停用) says so and is not approved: that expert could neither declare nor score', async () => {
    const url = `/api/evaluation-applications/${f.app.id}/plan`;
    const draft = (await f.office.request('PUT', url, planBody(f.fw, f.experts, ['王教授', '李高工']))).json.plan;
    expect(draft.problems).toEqual([]);
    const li = (await f.office.request('GET', '/api/evaluation-experts')).json.items.find((e: any) => e.name === '李高工');
    expect(li.username).not.toBeNull();
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('username', '=', li.username).execute();
    const said = '李高工的平台账户已停用，无法声明回避和评分：请更换专家，或请系统管理员启用该账户';
    expect((await f.office.request('GET', url)).json.plan.problems).toEqual([said]);
    const refused = await f.office.request('POST', `${url}/approve`, { version: draft.version });
    expect([refused.status, refused.json.message]).toEqual([409, `评价工作方案还不能批准：${said}`]);
    // an account set back to 待审核 signs in no more either
    await t.db.db.updateTable('app_user').set({ status: 'pending' }).where('username', '=', li.username).execute();
    const waits = '李高工的平台账户待审核，无法声明回避和评分：请更换专家，或请系统管理员先审核通过该账户';
    expect((await f.office.request('GET', url)).json.plan.problems).toEqual([waits]);
    const held = await f.office.request('POST', `${url}/approve`, { version: draft.version });
    expect([held.status, held.json.message]).toEqual([409, `评价工作方案还不能批准：${waits}`]);
    await t.db.db.updateTable('app_user').set({ status: 'active' }).where('username', '=', li.username).execute();
    expect((await f.office.request('GET', url)).json.plan.problems).toEqual([]);
  });

  it('a draft naming an expert since taken out of the pool lists it as a problem and is not approved; replaced, it is', async () => {
    const url = `/api/evaluation-applications/${f.app.id}/plan`;
    // the draft of the case above, its problems gone again
    const draft = (await f.office.request('GET', url)).json.plan;
    expect([draft.status, draft.problems]).toEqual(['draft', []]);
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
