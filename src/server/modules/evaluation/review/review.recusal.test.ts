/**
 * A 回避声明 (its relations to the applicant and the statement) is between the expert and the office that runs the
 * round: on the plan page the office, a leader and the expert themself read it; another expert of the panel sees
 * only whether the colleague is cleared or declared a conflict (and is to be replaced).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan } from '../../../test/evaluation';
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

  it('an expert reads its own declaration, of the others only cleared or conflicted', async () => {
    expect(await seen(e['王教授'])).toEqual({ 王教授: ['无利害关系', CLEAR, []], 李高工: ['待声明', null, null], 陈研究员: ['需回避', null, null] });
    expect(await seen(e['陈研究员'])).toEqual({ 王教授: ['无利害关系', null, null], 李高工: ['待声明', null, null], 陈研究员: ['需回避', CONFLICT, ['advised']] });
    // the answer to declaring is the plan as the declarer sees it
    const declared = await e['李高工'].request('POST', `/api/plan-members/${(await e['李高工'].request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan.members.find((m: any) => m.expert.name === '李高工').id}/recusal`, { version: 1, conflict: false, relations: [], statement: '无利害关系' });
    expect(declared.json.plan.members.map((m: any) => [m.expert.name, m.recusal?.statement ?? null])).toEqual([
      ['王教授', null],
      ['李高工', '无利害关系'],
      ['陈研究员', null],
    ]);
  });
});
