/**
 * What the 综合评价 and the sheets tell the panel when they refuse: the team leader's 确定得分 sent as a JSON number, as
 * every other score is sent ({score: 15}), is that score (not 「请填写组长确定的得分」, as if none were sent); a reason
 * too short is named as the dialog captions it (理由（讨论结果）, once 原因, the shared name of `reason`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, planBody, splitOn11, THREE_EXPERTS } from '../../../test/evaluation';
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

  it('the API description says the agreed score is a JSON number or decimal text, as the route takes both (it said text only)', async () => {
    const doc = (await leader.request('GET', '/api/openapi.json')).json;
    const body = doc.paths['/api/evaluation-applications/{id}/agreed/{itemCode}'].put.requestBody.content['application/json'].schema;
    expect(body.required).toContain('score');
    expect(body.properties.score).toMatchObject({ type: ['number', 'string'], minimum: 0, pattern: '^\\d+(\\.\\d{1,2})?$' });
    expect(body.properties.score.description).toContain('JSON数字');
    // what it describes is what the route takes: a number and its text are one score; text outside the pattern is refused
    const pattern = new RegExp(body.properties.score.pattern);
    for (const score of [12.5, '12.5']) {
      expect(typeof score === 'string' ? pattern.test(score) : score >= body.properties.score.minimum).toBe(true);
      expect((await leader.request('PUT', `${url()}/agreed/1.1`, { score, reason: '讨论后确定的得分', version: await version() })).status, String(score)).toBe(200);
    }
    expect(pattern.test('12.345')).toBe(false);
    expect((await leader.request('PUT', `${url()}/agreed/1.1`, { score: '12.345', reason: '讨论后确定的得分', version: await version() })).status).toBe(400);
  });

  it('once the 综合评价 is confirmed, reopening a sheet, recording a finding and the team leader’s acts are told the on-site review closed with it', async () => {
    expect((await leader.request('POST', `${url()}/consolidate`, { version: await version() })).status).toBe(200);
    const closed = (act: string) => `本申请的综合评价已确认，现场评审随之结束，不能再${act}；评分和现场评审发现的问题以确认时为准，写入评价报告`;
    const sheet = (await leader.request('GET', `${url()}/sheet`)).json;
    expect(told(await leader.request('POST', `${url()}/sheet/reopen`, { version: sheet.version }))).toEqual([409, closed('重新打开评分表')]);
    expect(told(await leader.request('POST', `${url()}/findings`, { itemCode: '1.1', text: '现场核查发现规划文件未出台' }))).toEqual([409, closed('记录现场评审发现的问题')]);
    // and the team leader's own acts, asked at the current version (a stale one is told who confirmed it, and when)
    expect(told(await leader.request('PUT', `${url()}/agreed/1.1`, { score: '15', reason: '讨论后确定的得分', version: await version() }))).toEqual([409, closed('确定分歧项目的得分')]);
    expect(told(await leader.request('POST', `${url()}/consolidate`, { version: await version() }))).toEqual([409, closed('确认综合评价结果')]);
  });

  it('a reason too short, for 确定 or 撤销, is named by the dialog’s caption, with the fewest characters it takes', async () => {
    const short = { field: 'reason', message: '理由至少4个字' };
    const set = await leader.request('PUT', `${url()}/agreed/1.1`, { score: '15', reason: '讨论', version: await version() });
    expect([...told(set), set.json.fields]).toEqual([400, '填写的内容有误 — 理由（讨论结果）：理由至少4个字', [short]]);
    const withdraw = await leader.request('POST', `${url()}/agreed/1.1/withdraw`, { reason: '撤销', version: await version() });
    expect([...told(withdraw), withdraw.json.fields]).toEqual([400, '填写的内容有误 — 理由（讨论结果）：理由至少4个字', [short]]);
  });
});

describe.each(testDialects())('creation evaluation: an expert without a sheet is told why the 综合评价 is not his to read, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  const url = () => `/api/evaluation-applications/${f.app.id}`;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
  });
  afterAll(() => t?.close());

  it('on a draft plan only: the plan is not approved yet, not 「提交本人的评分后」 — he has no sheet to submit', async () => {
    expect((await f.office.request('PUT', `${url()}/plan`, planBody(f.fw, f.experts, ['王教授', '李高工']))).status).toBe(200);
    const r = await f.clients['王教授'].request('GET', `${url()}/consolidation`);
    expect([r.status, r.json.message]).toEqual([403, '本申请的评价工作方案尚未批准，评审尚未开始，还没有专家评分可查看']);
  });

  it('named only in a draft revision of the approved plan: he is not on the plan in force, so has no sheet', async () => {
    const approve = await f.office.request('POST', `${url()}/plan/approve`, { version: (await f.office.request('GET', `${url()}/plan`)).json.plan.version });
    expect(approve.status).toBe(200);
    const revised = await f.office.request('PUT', `${url()}/plan`, planBody(f.fw, f.experts, ['王教授', '李高工', '陈研究员'], { version: null, reason: '增加评价专家' }));
    expect(revised.status).toBe(200);
    const r = await f.clients['陈研究员'].request('GET', `${url()}/consolidation`);
    expect([r.status, r.json.message]).toEqual([403, '您不在本申请已批准的评价工作方案中，没有本人的评分表，不能查看其他专家的评分']);
    // on the plan in force without a submitted sheet, the old rule stands
    const own = await f.clients['李高工'].request('GET', `${url()}/consolidation`);
    expect([own.status, own.json.message]).toEqual([403, '提交本人的评分后，才能查看其他专家的评分']);
  });
});
