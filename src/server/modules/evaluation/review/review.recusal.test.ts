/**
 * A 回避声明 (its relations to the applicant and the statement) is between the expert and the office that runs the
 * round: on the plan page the office, a leader and the expert themself read it; another expert of the panel sees
 * only whether the colleague is cleared or declared a conflict (and is to be replaced).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan, planBody, THREE_EXPERTS } from '../../../test/evaluation';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: who reads a 回避声明, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let e: Record<string, Client>;
  let app: any;
  const CLEAR = '本人近三年未在岳麓区任职，与申请单位无利害关系';
  const CONFLICT = '2023年曾为该区编写质量工作材料';

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    let experts: Record<string, number>;
    let fw;
    ({ office, app, experts, clients: e, fw } = await acceptedApplication(t, [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
      ['陈研究员', 'expert3'],
    ]));
    const plan = await approvedPlan(office, app.id, fw, experts, ['王教授', '李高工', '陈研究员']);
    const member = (name: string) => plan.members.find((m: any) => m.expert.name === name).id;
    await e['王教授'].request('POST', `/api/plan-members/${member('王教授')}/recusal`, { version: 1, conflict: false, relations: [], statement: CLEAR });
    await e['陈研究员'].request('POST', `/api/plan-members/${member('陈研究员')}/recusal`, { version: 1, conflict: true, relations: ['advised'], statement: CONFLICT });
  });
  afterAll(() => t?.close());

  const seen = async (c: Client) =>
    Object.fromEntries(((await c.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan.members as any[]).map((m) => [m.expert.name, [m.recusalLabel, m.recusal?.statement ?? null, m.recusal?.relations ?? null]]));

  it('the office and a leader read every declaration', async () => {
    const all = { 王教授: ['无利害关系', CLEAR, []], 李高工: ['待声明', null, null], 陈研究员: ['需回避', CONFLICT, ['advised']] };
    expect(await seen(office)).toEqual(all);
    expect(await seen(await login(t.app, 'leader'))).toEqual(all);
  });

  it('an expert who declared a conflict sees neither materials nor the sheet, and is told why (not asked to declare)', async () => {
    const r = await e['陈研究员'].request('GET', `/api/evaluation-applications/${app.id}/sheet`);
    expect([r.status, r.json.message]).toEqual([403, '您已声明需回避，不能查看材料和评分']);
  });

  it('an expert reads its own declaration, of the others only cleared or conflicted', async () => {
    expect(await seen(e['王教授'])).toEqual({ 王教授: ['无利害关系', CLEAR, []], 李高工: ['待声明', null, null], 陈研究员: ['需回避', null, null] });
    expect(await seen(e['陈研究员'])).toEqual({ 王教授: ['无利害关系', null, null], 李高工: ['待声明', null, null], 陈研究员: ['需回避', CONFLICT, ['advised']] });
    // the plan page offers 回避声明 to an expert whose seat is still 待声明 while the review is on
    expect([(await e['李高工'].request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.abilities.declare, (await e['王教授'].request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.abilities.declare]).toEqual([true, false]);
    // the answer to declaring is the plan as the declarer sees it
    const declared = await e['李高工'].request('POST', `/api/plan-members/${(await e['李高工'].request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan.members.find((m: any) => m.expert.name === '李高工').id}/recusal`, { version: 1, conflict: false, relations: [], statement: '无利害关系' });
    expect(declared.json.plan.members.map((m: any) => [m.expert.name, m.recusal?.statement ?? null])).toEqual([
      ['王教授', null],
      ['李高工', '无利害关系'],
      ['陈研究员', null],
    ]);
  });
});

/**
 * A 回避声明 is the expert's about the applicant, not about one version of the plan: made on the approved plan in force
 * or on the draft revision that will replace it (the plan page shows the newest), it stands on the expert's seat in
 * both, carries into the version approved next, and an expert put back on a draft keeps it.
 */
describe.each(testDialects())('creation evaluation: a 回避声明 carries across plan versions, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
  });
  afterAll(() => t?.close());

  it('declared on the draft revision or on the plan in force, it holds on both and after the draft is approved', async () => {
    const { office, app, fw, experts, clients: e } = f;
    const v1 = await approvedPlan(office, app.id, fw, experts, ['王教授', '李高工']);
    const seat = (p: any, who: string) => p.members.find((m: any) => m.expert.name === who);
    const declare = (who: string, m: any) => e[who].request('POST', `/api/plan-members/${m.id}/recusal`, { version: m.version, conflict: false, relations: [], statement: '本人与申请单位无利害关系' });
    // the office starts a revision adding 陈研究员
    const body = planBody(fw, experts, ['王教授', '李高工', '陈研究员'], { reason: '增加一名专家' });
    const v2 = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body)).json.plan;
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft' });
    // 李高工 declares from the plan page, which shows the draft: the plan in force knows it, the sheet opens
    expect((await declare('李高工', seat(v2, '李高工'))).status).toBe(200);
    expect((await e['李高工'].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).status).toBe(200);
    // 王教授 declares on the seat of the plan in force (a page loaded before the revision): the draft knows it too
    expect((await declare('王教授', seat(v1, '王教授'))).status).toBe(200);
    const draft = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    expect(draft.members.map((m: any) => [m.expert.name, m.recusalLabel])).toEqual([
      ['王教授', '无利害关系'],
      ['李高工', '无利害关系'],
      ['陈研究员', '待声明'],
    ]);
    // approved, nobody declares again
    const approved = (await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: draft.version })).json.plan;
    expect(approved.members.map((m: any) => [m.expert.name, m.recusalLabel])).toEqual([
      ['王教授', '无利害关系'],
      ['李高工', '无利害关系'],
      ['陈研究员', '待声明'],
    ]);
    // 陈研究员 has not declared: no materials, no sheet, until it does
    const closed = await e['陈研究员'].request('GET', `/api/evaluation-applications/${app.id}/sheet`);
    expect([closed.status, closed.json.message]).toEqual([403, '请先作出回避声明，声明无利害关系后才能查看材料和评分']);
    for (const who of ['王教授', '李高工']) {
      expect((await e[who].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).status).toBe(200);
      expect((await e[who].request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'evaluation.expert' && x.title.startsWith('作出回避声明'))).toEqual([]);
    }
  });

  it('an expert taken off a draft and put back keeps the declaration made on the plan in force', async () => {
    const { office, app, fw, experts } = f;
    const body = (names: string[], version: number | null) => planBody(fw, experts, names, { version, reason: '调整评价组' });
    let draft = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body(['王教授', '陈研究员'], null))).json.plan;
    draft = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body(['王教授', '陈研究员', '李高工'], draft.version))).json.plan;
    expect(draft.members.map((m: any) => [m.expert.name, m.recusalLabel])).toEqual([
      ['王教授', '无利害关系'],
      ['陈研究员', '待声明'],
      ['李高工', '无利害关系'],
    ]);
  });
});
