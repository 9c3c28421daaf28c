/**
 * A city's leader and the province's assessment of the cities: once the results are published the leader of 岳阳市
 * reads 岳阳市's part of them as 岳阳市's own account does — its line in detail, the other cities' totals only, its
 * own report and 反馈意见书, not another city's — and nothing of a province cycle before its publication. (The city
 * leader was refused the province's published results outright: 考核工作 1 不存在或您未参与.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';

/** a leader account at the unit `orgCode`, signed in (the demo's provincial leader's row, moved) */
async function leaderAt(t: TestApp, username: string, orgCode: string): Promise<Client> {
  const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'leader').executeTakeFirstOrThrow();
  await t.db.db.insertInto('app_user').values({ ...row, username, display_name: username, org_unit_id: await orgId(t.db, orgCode) }).execute();
  return login(t.app, username);
}

describe.each(testDialects())("a city leader reads its city's part of the province's published results, on %s", (dialect) => {
  let t: TestApp;
  let leader: Client, city: Client;
  let published: number, collecting: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    leader = await leaderAt(t, 'yueyang.leader', '430600');
    city = await login(t.app, 'yueyang');
    const cycles = (await city.request('GET', '/api/cycles')).json.items as { id: number; status: string }[];
    published = cycles.find((c) => c.status === 'published')!.id;
    collecting = cycles.find((c) => c.status !== 'published')!.id;
  });
  afterAll(() => t.close());

  it('lists the published province cycle beside its own city office cycle, not the one still collecting', async () => {
    const items = (await leader.request('GET', '/api/cycles')).json.items as { id: number; officeName: string }[];
    expect(items.map((c) => c.id)).toContain(published);
    expect(items.map((c) => c.id)).not.toContain(collecting);
    // its own city office's cycle (岳阳市 assessing its counties) as before
    expect(items.some((c) => c.officeName === '岳阳市质量强市领导小组办公室')).toBe(true);
    expect((await leader.request('GET', `/api/cycles/${collecting}`)).status).toBe(404);
    expect((await leader.request('GET', `/api/cycles/${collecting}/results`)).status).toBe(404);
  });

  it("sees the results as 岳阳市 sees them: its own line in detail, the others' totals without their key points", async () => {
    const r = await leader.request('GET', `/api/cycles/${published}/results`);
    expect(r.status).toBe(200);
    expect(r.json.scope).toBe('own');
    const yy = await orgId(t.db, '430600');
    const own = r.json.units.find((u: any) => u.unitId === yy);
    expect(own.criteria.length).toBeGreaterThan(0);
    expect(own.total).not.toBeNull();
    const others = r.json.units.filter((u: any) => u.unitId !== yy);
    expect(others).toHaveLength(13);
    for (const u of others) expect(u.criteria, u.unitName).toEqual([]);
    // exactly what the city's own account is shown
    expect(r.json).toEqual((await city.request('GET', `/api/cycles/${published}/results`)).json);
    // the leader only reads: no objection, no self-report
    const detail = (await leader.request('GET', `/api/cycles/${published}`)).json;
    expect(detail.abilities).toMatchObject({ as: 'unit', object: false, selfReport: false, manage: false, readResults: true });
  });

  it("downloads its own city's report and 反馈意见书, not another city's", async () => {
    const yy = await orgId(t.db, '430600');
    const cs = await orgId(t.db, '430100');
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: leader.cookie } });
    expect((await get(`/api/cycles/${published}/results/${yy}/report.docx`)).statusCode).toBe(200);
    expect((await get(`/api/cycles/${published}/results/${yy}/feedback.docx`)).statusCode).toBe(200);
    const other = await get(`/api/cycles/${published}/results/${cs}/report.docx`);
    expect([other.statusCode, other.json().message]).toEqual([403, '只能下载本地区的考核结果报告']);
    expect((await get(`/api/cycles/${published}/results/${cs}/feedback.docx`)).statusCode).toBe(403);
  });

  it('the province leader still reads every city in detail', async () => {
    const r = await (await login(t.app, 'leader')).request('GET', `/api/cycles/${published}/results`);
    expect(r.json.scope).toBe('all');
    expect(r.json.units.every((u: any) => u.criteria.length > 0)).toBe(true);
  });
});
