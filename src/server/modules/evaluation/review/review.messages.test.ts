/**
 * What the 综合评价 and the sheets tell the panel when they refuse: the team leader's 确定得分 sent as a JSON number, as
 * every other score is sent ({score: 15}), is that score (not 「请填写组长确定的得分」, as if none were sent); a reason
 * too short is named as the dialog captions it (理由（讨论结果）, once 原因, the shared name of `reason`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, splitOn11, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: the 综合评价’s refusals say what happened, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  let leader: Client;
  const url = () => `/api/evaluation-applications/${f.app.id}`;
  const told = (r: { status: number; json: any }) => [r.status, r.json.message];
  const version = async () => (await leader.request('GET', `${url()}/consolidation`)).json.version;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
    leader = f.clients['王教授'];
    await splitOn11(f);
  });
  afterAll(() => t?.close());

  it('an agreed score sent as a JSON number is that score: out of range is told so, within it is recorded as text', async () => {
    expect(told(await leader.request('PUT', `${url()}/agreed/1.1`, { score: 21, reason: '讨论后确定的得分', version: await version() }))).toEqual([400, '第1.1项组长确定的得分须在0～20分之间']);
    expect(told(await leader.request('PUT', `${url()}/agreed/1.1`, { score: 12.345, reason: '讨论后确定的得分', version: await version() }))).toEqual([
      400,
      '填写的内容有误 — 得分：得分须为不小于0的数字，最多两位小数（如12.5）',
    ]);
    expect((await leader.request('PUT', `${url()}/agreed/1.1`, { score: 12.5, reason: '讨论后确定的得分', version: await version() })).status).toBe(200);
    const item = (await leader.request('GET', `${url()}/consolidation`)).json.consolidation.items.find((i: any) => i.code === '1.1');
    expect(item).toMatchObject({ agreed: { score: '12.5' }, combined: '12.5', open: false });
  });

  it('a reason too short, for 确定 or 撤销, is named by the dialog’s caption, with the fewest characters it takes', async () => {
    const short = { field: 'reason', message: '理由至少4个字' };
    const set = await leader.request('PUT', `${url()}/agreed/1.1`, { score: '15', reason: '讨论', version: await version() });
    expect([...told(set), set.json.fields]).toEqual([400, '填写的内容有误 — 理由（讨论结果）：理由至少4个字', [short]]);
    const withdraw = await leader.request('POST', `${url()}/agreed/1.1/withdraw`, { reason: '撤销', version: await version() });
    expect([...told(withdraw), withdraw.json.fields]).toEqual([400, '填写的内容有误 — 理由（讨论结果）：理由至少4个字', [short]]);
  });
});
