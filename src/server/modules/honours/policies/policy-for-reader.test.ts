/**
 * 奖励测算 opens on a policy of the reader's own region (policyForReader): a county's own, else its city's, else the
 * province's; a city's own, else the province's; the offices theirs. Before, it opened on the first of the list —
 * 岳阳市's for a 长沙市 reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

const rules = [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }];
const policy = (over: Record<string, unknown>) => ({ issuedOn: '2025-01-01', effectiveFrom: '2025-01-01', expiresOn: null, source: null, notes: [], rules, ...over });

describe.each(testDialects())('the policy 奖励测算 opens on, on %s', (dialect) => {
  let t: TestApp;
  let office: Client, yyOffice: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [office, yyOffice] = await Promise.all(['office', 'yueyang.office'].map((u) => login(t.app, u)));
  });
  afterAll(() => t.close());

  const opensOn = async (username: string) => {
    const list = (await (await login(t.app, username)).request('GET', '/api/incentive-policies')).json;
    return list.items.find((p: { id: number }) => p.id === list.forReader)?.title ?? null;
  };
  const yueyang = '关于深入开展质量提升行动加快推进质量强市建设的实施意见';

  it('a reader of 岳阳市 opens on 岳阳市’s; one of another city on none until the province has one', async () => {
    expect(await opensOn('yueyang')).toBe(yueyang);
    expect(await opensOn('yueyang.office')).toBe(yueyang);
    expect(await opensOn('miluo')).toBe(yueyang); // a county without its own: its city's
    expect(await opensOn('changsha')).toBeNull(); // not 岳阳市's: the page then opens on the first of the list
    expect(await opensOn('office')).toBeNull();
  });

  it('a county’s own before its city’s, a city’s own before the province’s, the province’s for the provincial readers', async () => {
    const county = await yyOffice.request('POST', '/api/incentive-policies', policy({ title: '岳阳楼区测试政策', issuer: '岳阳楼区人民政府', docNo: '岳楼政发〔2025〕1号', level: 'county', regionCode: '430602' }));
    expect(county.status).toBe(201);
    const province = await office.request('POST', '/api/incentive-policies', policy({ title: '湖南省测试政策', issuer: '湖南省人民政府', docNo: '湘政发〔2025〕1号', level: 'provincial', regionCode: '430000' }));
    expect(province.status).toBe(201);
    expect(await opensOn('yueyanglou')).toBe('岳阳楼区测试政策');
    expect(await opensOn('miluo')).toBe(yueyang);
    expect(await opensOn('yueyang')).toBe(yueyang);
    for (const who of ['changsha', 'yuelu', 'office', 'samr', 'leader']) expect([who, await opensOn(who)]).toEqual([who, '湖南省测试政策']);
    // a repealed policy is no longer current: the reader's next nearest
    expect((await yyOffice.request('POST', `/api/incentive-policies/${county.json.id}/repeal`, { version: county.json.version })).status).toBe(200);
    expect(await opensOn('yueyanglou')).toBe(yueyang);
  });
});
