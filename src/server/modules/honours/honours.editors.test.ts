/**
 * Two people changing one entry of the honours roll, or one incentive policy, from pages read at the same time: the
 * second is refused (nothing overwritten) and told who changed it, of which unit, how and when — not a bare
 * 已被他人修改 that sends them to look for a change they cannot name; an entry deleted meanwhile says who deleted it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('lost races on the honours roll and the policies on %s', (dialect) => {
  let t: TestApp;
  let office: Client, samr: Client, yyOffice: Client, yyOffice2: Client;
  let yueyang: number;
  /** how a refusal names a user: person（unit's short name）, or the unit alone when the account is named after it */
  const who = async (username: string) => ({ office: '唐碧辉（省质强办）', 'yueyang.office': '岳阳市质强办' })[username];
  /** a refusal's words, <T> the moment (China time) */
  const named = (words: string) => new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('<T>', '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}')}$`);
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'yueyang.office').executeTakeFirstOrThrow();
    await t.db.db.insertInto('app_user').values({ ...row, username: 'yueyang.office2', display_name: '岳阳质强办政策专员' }).execute();
    [office, samr, yyOffice, yyOffice2] = await Promise.all(['office', 'samr', 'yueyang.office', 'yueyang.office2'].map((u) => login(t.app, u)));
    yueyang = await orgId(t.db, '430600');
  });
  afterAll(() => t.close());

  const entry = { kind: 'luban', awardee: '岳阳并发测试大厦工程', year: 2022, cityId: 0, countyId: null, sourceDoc: '建协〔2022〕9号', note: null };

  it('an entry edited meanwhile: the stale edit and the stale delete say who edited it and when; a deleted one who deleted it', async () => {
    const add = await office.request('POST', '/api/honours', { ...entry, cityId: yueyang });
    expect(add.status).toBe(201);
    const id = add.json.id;
    expect((await office.request('PUT', `/api/honours/${id}`, { ...entry, cityId: yueyang, note: '省质强办核对', version: 1 })).status).toBe(200);
    const stale = await samr.request('PUT', `/api/honours/${id}`, { ...entry, cityId: yueyang, awardee: '覆盖', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(named(`该条荣誉已由${await who('office')}于<T>修改，请刷新后查看对方的修改再保存`));
    const staleDelete = await samr.request('DELETE', `/api/honours/${id}?version=1`);
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.json.message).toMatch(named(`该条荣誉已由${await who('office')}于<T>修改，请刷新后查看对方的修改再删除`));
    expect((await office.request('DELETE', `/api/honours/${id}?version=2`)).status).toBe(200);
    const gone = await samr.request('PUT', `/api/honours/${id}`, { ...entry, cityId: yueyang, version: 2 });
    expect(gone.status).toBe(404);
    expect(gone.json.message).toMatch(named(`荣誉${id}已由${await who('office')}于<T>删除`));
    const row = await t.db.db.selectFrom('honour').select('id').where('id', '=', id).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('one person in two windows: the stale edit, the entry deleted meanwhile and the stale policy edit say 您在其他窗口, not their own name', async () => {
    const [window2, yyWindow2] = await Promise.all(['office', 'yueyang.office'].map((u) => login(t.app, u)));
    const add = await office.request('POST', '/api/honours', { ...entry, awardee: '岳阳双窗口测试工程', cityId: yueyang });
    const id = add.json.id;
    expect((await office.request('PUT', `/api/honours/${id}`, { ...entry, awardee: '岳阳双窗口测试工程', cityId: yueyang, note: '第一个窗口', version: 1 })).status).toBe(200);
    const stale = await window2.request('PUT', `/api/honours/${id}`, { ...entry, awardee: '岳阳双窗口测试工程', cityId: yueyang, note: '第二个窗口', version: 1 });
    expect([stale.status, stale.json.message]).toEqual([409, expect.stringMatching(named('该条荣誉已由您在其他窗口于<T>修改，请刷新后查看对方的修改再保存'))]);
    expect((await office.request('DELETE', `/api/honours/${id}?version=2`)).status).toBe(200);
    const gone = await window2.request('PUT', `/api/honours/${id}`, { ...entry, awardee: '岳阳双窗口测试工程', cityId: yueyang, version: 2 });
    expect([gone.status, gone.json.message]).toEqual([404, expect.stringMatching(named(`荣誉${id}已由您在其他窗口于<T>删除`))]);
    const rule = { id: 'mayor', achievement: 'mayor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'ceiling', yuan: 300000 }, text: '获市长质量奖的，给予最高 30 万元奖励' };
    const body = { title: '双窗口测试奖励办法', issuer: '岳阳市人民政府', docNo: '岳政发〔2026〕19号', level: 'city', regionCode: '430600', issuedOn: '2026-01-01', effectiveFrom: '2026-01-01', expiresOn: null, source: null, rules: [rule], notes: [] };
    const policy = (await yyOffice.request('POST', '/api/incentive-policies', body)).json.id;
    expect((await yyOffice.request('PUT', `/api/incentive-policies/${policy}`, { ...body, expiresOn: '2030-12-31', version: 1 })).status).toBe(200);
    const stalePolicy = await yyWindow2.request('PUT', `/api/incentive-policies/${policy}`, { ...body, title: '第二个窗口的办法', version: 1 });
    expect([stalePolicy.status, stalePolicy.json.message]).toEqual([409, expect.stringMatching(named('该政策已由您在其他窗口于<T>修改，请刷新后查看对方的修改再保存'))]);
  });

  it('a policy changed meanwhile: the stale edit and repeal say who changed it, how and when; a second repeal that it is already repealed', async () => {
    const rule = { id: 'mayor', achievement: 'mayor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'ceiling', yuan: 300000 }, text: '获市长质量奖的，给予最高 30 万元奖励' };
    const body = { title: '并发测试奖励办法', issuer: '岳阳市人民政府', docNo: '岳政发〔2026〕9号', level: 'city', regionCode: '430600', issuedOn: '2026-01-01', effectiveFrom: '2026-01-01', expiresOn: null, source: null, rules: [rule], notes: [] };
    const add = await yyOffice.request('POST', '/api/incentive-policies', body);
    expect(add.status).toBe(201);
    const id = add.json.id;
    expect((await yyOffice.request('PUT', `/api/incentive-policies/${id}`, { ...body, expiresOn: '2030-12-31', version: 1 })).status).toBe(200);
    const stale = await yyOffice2.request('PUT', `/api/incentive-policies/${id}`, { ...body, title: '覆盖并发测试办法', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(named(`该政策已由${await who('yueyang.office')}于<T>修改，请刷新后查看对方的修改再保存`));
    const repeal = await yyOffice2.request('POST', `/api/incentive-policies/${id}/repeal`, { version: 1 });
    expect(repeal.status).toBe(409);
    expect(repeal.json.message).toMatch(named(`该政策已由${await who('yueyang.office')}于<T>修改，请刷新后查看对方的修改再废止`));
    expect((await yyOffice.request('POST', `/api/incentive-policies/${id}/repeal`, { version: 2 })).status).toBe(200);
    const again = await yyOffice2.request('POST', `/api/incentive-policies/${id}/repeal`, { version: 2 });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(named(`该政策已由${await who('yueyang.office')}于<T>废止，请刷新后查看`));
    const p = (await yyOffice.request('GET', `/api/incentive-policies/${id}`)).json;
    expect([p.title, p.status, p.expiresOn]).toEqual(['并发测试奖励办法', 'repealed', '2030-12-31']);
  });
});
