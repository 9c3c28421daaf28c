/**
 * The honours roll and the policies read the configured clock (config.now), as the to-dos do: "this year" of
 * 获奖年度不能晚于今年 (the form and the import) and "today" of a policy's expiry on the list are the server's
 * business day, not the machine's, so the list and the office's 待办 say the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HONOURS_SHEET, honoursSheetOf as sheet } from '../../io/excel/honours-sheet';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { multipart } from '../../test/multipart';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(testDialects())('the honours roll and the policies on the configured clock on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let yueyang: number;
  const now = new Date('2024-06-01T02:00:00Z');
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now });
    office = await login(t.app, 'office');
    yueyang = await orgId(t.db, '430600');
  });
  afterAll(() => t.close());

  it('an honour of a year after the clock’s year is refused, in the form and in the import', async () => {
    const body = { kind: 'luban', awardee: '岳阳时钟测试大厦工程', year: 2025, cityId: yueyang, countyId: null, sourceDoc: '建协〔2025〕1号', note: null };
    const add = await office.request('POST', '/api/honours', body);
    expect([add.status, add.json.message]).toEqual([400, '荣誉信息有误 — 获奖年度不能晚于今年（2024年）']);
    const m = multipart({}, { name: '荣誉.xlsx', data: await sheet([['鲁班奖', '岳阳时钟测试大厦工程', 2025, '岳阳市', null, '建协〔2025〕1号', null]]), type: XLSX });
    const up = await office.request('POST', '/api/honours/import', m.body, m.headers);
    expect([up.status, up.json.fields]).toEqual([400, [{ field: `${HONOURS_SHEET}·第4行·获奖年度`, message: '获奖年度不能晚于今年（2024年）' }]]);
    expect((await office.request('POST', '/api/honours', { ...body, year: 2024 })).status).toBe(201);
  });

  it('a policy’s expiry on the list counts from the clock’s today, as its 待办 does', async () => {
    const rule = { id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' };
    const base = { issuer: '湖南省市场监督管理局', level: 'provincial', regionCode: '430000', issuedOn: '2020-01-01', effectiveFrom: '2020-01-01', source: null, notes: [], rules: [rule] };
    const add = await office.request('POST', '/api/incentive-policies', { ...base, title: '时钟测试政策', docNo: '湘测〔2020〕9号', expiresOn: '2024-06-20' });
    expect([add.status, add.json.expiry]).toEqual([201, { state: 'near', daysLeft: 19 }]);
    const listed = (await office.request('GET', '/api/incentive-policies')).json.items.find((p: any) => p.id === add.json.id);
    expect(listed.expiry).toEqual({ state: 'near', daysLeft: 19 });
    const todo = ((await office.request('GET', '/api/todos')).json.items as any[]).find((x) => x.key === `policy.expiry:${add.json.id}`);
    expect(todo.detail).toBe('有效期至2024-06-20（含当日，还有19天，提前90天提醒），请确认是否延续或登记替代的新政策');
  });
});

describe.each(testDialects())('an honour after the plan’s period on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => new Date('2027-03-01T02:00:00Z') }, { demoAssessment: true });
    office = await login(t.app, 'office');
  });
  afterAll(() => t.close());

  it('a 2026 鲁班奖 (no future year, so registered) is no part of the “十四五” plan’s 2021—2025 count: past its target year no plan counts the stock', async () => {
    const counts = async (year: number) => (await office.request('GET', `/api/honours/counts?upToYear=${year}`)).json.indicators.find((i: any) => i.code === 5);
    const before = await counts(2025);
    const changsha = await orgId(t.db, '430100');
    const add = await office.request('POST', '/api/honours', { kind: 'luban', awardee: '长沙规划期后测试工程', year: 2026, cityId: changsha, countyId: null, sourceDoc: '建协〔2026〕1号', note: null });
    expect(add.status).toBe(201);
    expect(await counts(2025)).toEqual(before);
    // 2026 lies after the plan's 2025: not 「2020年基期值72项，加名录中2021—2026年的…项」 under the plan's name
    const after = await counts(2026);
    expect(after.stock).toBeNull();
    expect(after.province.entries.map((e: any) => e.awardee)).toContain('长沙规划期后测试工程');
    // the indicator's own table keeps to the plan's years
    const plan = (await office.request('GET', '/api/indicator-plans')).json.items.find((p: any) => p.code === 'hunan-14th');
    expect(plan.years.every((y: number) => y <= 2025)).toBe(true);
  });
});
