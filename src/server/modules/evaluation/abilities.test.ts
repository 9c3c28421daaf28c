/**
 * What the creation evaluation's pages offer is what the server would do (2026-12-01 review): the 评价工作方案 page's
 * 保存草稿 / 修订为新版本 / 批准 and the round list's 截止申请 / 重新开放申请 / 申请创建评价 come from abilities the
 * server builds from the commands' own refusals, not from the page's reading of a status. Each ability is checked
 * against its command on the demo's applications (常德市 named, 岳阳市 under review, 长沙市 accepted without a plan).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('creation evaluation abilities on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let apps: any[];
  const app = (name: string) => apps.find((a) => a.applicant.name === name);
  const planPage = async (c: Client, name: string) => (await c.request('GET', `/api/evaluation-applications/${app(name).id}/plan`)).json;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    office = await login(t.app, 'office');
    apps = (await office.request('GET', '/api/evaluation-applications')).json.items;
  });
  afterAll(() => t.close());

  it('the plan page: the office revises an approved plan only while the application is accepted or under review — as the server agrees', async () => {
    // 常德市: named, its 综合评价 confirmed long ago: nothing to change, and the server says so
    const named = await planPage(office, '常德市');
    expect([named.plan.status, named.abilities]).toEqual(['approved', { edit: false, revise: false, approve: false, declare: false }]);
    const body = (p: any) => ({ version: null, reason: '调整评价组成员', notApplicable: [], method: p.method, threshold: p.threshold, schedule: p.schedule, members: p.members.map((m: any) => ({ expertId: m.expert.id, leader: m.leader, items: m.items })) });
    const refused = await office.request('PUT', `/api/evaluation-applications/${app('常德市').id}/plan`, body(named.plan));
    expect([refused.status, refused.json.message]).toEqual([409, '只有已受理、评审中的申请可以制定或修订评价工作方案']);
    // 岳阳市: under review with an approved plan: 修订为新版本, not 保存草稿 or 批准
    expect((await planPage(office, '岳阳市')).abilities).toEqual({ edit: false, revise: true, approve: false, declare: false });
    // 长沙市: accepted, no plan yet: the office drafts one
    expect(await planPage(office, '长沙市')).toEqual({ plan: null, abilities: { edit: true, revise: false, approve: false, declare: false } });
    // an expert and a leader read the plan, and may change nothing
    for (const u of ['expert2', 'leader']) expect((await planPage(await login(t.app, u), '岳阳市')).abilities, u).toEqual({ edit: false, revise: false, approve: false, declare: false });
  });

  it('the round list: the organiser closes or reopens, an applicant applies once while the round is open — as the commands agree', async () => {
    const rounds = (await office.request('GET', '/api/evaluation-rounds')).json.items;
    const r2024 = rounds.find((r: any) => r.year === 2024);
    expect([r2024.status, r2024.abilities]).toEqual(['closed', { apply: false, events: ['reopen'] }]);
    const yueyang = await login(t.app, 'yueyang');
    // 岳阳市 has applied to the 2024 round: no second application, whatever the round's state
    const reopened = await office.request('POST', `/api/evaluation-rounds/${r2024.id}/transition`, { event: 'reopen', version: r2024.version });
    expect([reopened.status, reopened.json.abilities]).toEqual([200, { apply: false, events: ['close'] }]);
    const mine = (await yueyang.request('GET', '/api/evaluation-rounds')).json.items.find((r: any) => r.id === r2024.id);
    expect(mine.abilities).toEqual({ apply: false, events: [] });
    const decl = { contactName: '张三', contactPhone: '0730-1234567', conditions: [] };
    const twice = await yueyang.request('POST', `/api/evaluation-rounds/${r2024.id}/applications`, decl);
    expect(twice.status).toBe(409);
    expect(twice.json.message).toMatch(/^本单位在本批次已有申请（编号\d+），请在原申请上修改$/);
    // a city that has not applied (岳麓区) may, while the round is open; the command agrees
    const yuelu = await login(t.app, 'yuelu');
    const theirs = (await yuelu.request('GET', '/api/evaluation-rounds')).json.items.find((r: any) => r.id === r2024.id);
    expect(theirs.abilities).toEqual({ apply: true, events: [] });
    // closed again: nobody applies, and the command says why
    const closed = await office.request('POST', `/api/evaluation-rounds/${r2024.id}/transition`, { event: 'close', version: reopened.json.version });
    expect(closed.status).toBe(200);
    expect((await yuelu.request('GET', '/api/evaluation-rounds')).json.items.find((r: any) => r.id === r2024.id).abilities).toEqual({ apply: false, events: [] });
    const late = await yuelu.request('POST', `/api/evaluation-rounds/${r2024.id}/applications`, decl);
    expect([late.status, late.json.message]).toEqual([409, '本批次已截止申请']);
  });
});
