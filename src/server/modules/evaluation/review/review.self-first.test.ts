/**
 * 资料评审 is the review of the applicant's 自评报告 and the materials submitted with it (DB43; seed 004 §10): an
 * expert of the approved plan, cleared of conflict, scores only once the applicant has submitted its 自评. Before,
 * a score or a submission is refused (409, in Chinese), the sheet says why, and the expert's 待办 says what it waits on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { acceptedApplication, approvedPlan, fullAnswer } from '../../../test/evaluation';
import { makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: experts score after the 自评 is submitted, on %s', (dialect) => {
  let t: TestApp;
  let office: Client, yuelu: Client;
  let e: Record<string, Client>;
  let experts: Record<string, number>;
  let app: any;
  let fw: Framework;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, yuelu, app, experts, clients: e, fw } = await acceptedApplication(t, [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
    ], { selfSubmitted: false }));
    const plan = await approvedPlan(office, app.id, fw, experts, ['王教授', '李高工']);
    for (const [name, m] of plan.members.map((x: any) => [x.expert.name, x] as const)) {
      await e[name].request('POST', `/api/plan-members/${m.id}/recusal`, { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' });
    }
  });
  afterAll(() => t?.close());

  const score = () => e['王教授'].request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.2/a`, { version: null, answer: fullAnswer(fw, '1.2', 'a') });

  it('before the 自评 is submitted an expert cannot score: 409 in Chinese; the sheet and the 待办 say it waits on the 自评', async () => {
    const r = await score();
    expect([r.status, r.json.message]).toEqual([409, '申请单位尚未提交自评：资料评审审查的是自评报告及其资料，自评提交后才能评分']);
    expect((await t.db.db.selectFrom('expert_sheet').select('id').where('application_id', '=', app.id).execute()).length).toBe(0);
    expect((await e['王教授'].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json).toMatchObject({ selfSubmitted: false, version: null });
    const todo = (await e['王教授'].request('GET', '/api/todos')).json.items.find((x: any) => x.kind === 'evaluation.expert');
    expect(todo).toMatchObject({ title: '评分：岳麓区创建评价（资料评审）', detail: '申请单位尚未提交自评，提交后方可评分' });
  });

  it('once the applicant submits its 自评 the expert scores', async () => {
    let version: number | null = null;
    for (const i of fw.sections.flatMap((s) => s.items))
      for (const c of i.criteria) {
        if (`${i.code}.${c.code}` === '3.5.b') continue;
        const r = await yuelu.request('PUT', `/api/evaluation-applications/${app.id}/self-assessment/${i.code}/${c.code}`, { version, answer: fullAnswer(fw, i.code, c.code) });
        expect(r.status, `${i.code}.${c.code}`).toBe(200);
        version = r.json.version;
      }
    expect((await yuelu.request('POST', `/api/evaluation-applications/${app.id}/self-assessment/submit`, { version })).status).toBe(200);
    expect((await score()).status).toBe(200);
    expect((await e['王教授'].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json.selfSubmitted).toBe(true);
    const todo = (await e['王教授'].request('GET', '/api/todos')).json.items.find((x: any) => x.kind === 'evaluation.expert');
    expect(todo.detail).toBeNull();
  });
});
