/**
 * While the office drafts a new version of an approved plan, the plan in force still governs the review (the experts
 * score and the leader confirms on it: myPlace, consolidationOf): the experts' 待办 come from the plan in force, not
 * from the newest version. An expert seated only on the draft declares 回避 from it (the declaration stands on every
 * live version), so that to-do comes from the draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan, planBody, scoreInFull, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: the experts’ to-dos while a plan revision is drafted, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  const expertTodos = async (who: string) => (await f.clients[who].request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'evaluation.expert').map((x: any) => x.title);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
    const plan = await approvedPlan(f.office, f.app.id, f.fw, f.experts, ['王教授', '李高工']);
    for (const who of ['王教授', '李高工']) {
      const m = plan.members.find((x: any) => x.expert.name === who);
      expect((await f.clients[who].request('POST', `/api/plan-members/${m.id}/recusal`, { version: m.version, conflict: false, relations: [], statement: '本人与申请单位无利害关系' })).status).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('the panel keeps its score and confirm to-dos from the plan in force; a seat only on the draft has its 回避 to-do', async () => {
    expect(await expertTodos('王教授')).toEqual(['评分：岳麓区创建评价（资料评审）']);
    // the office drafts version 2: 陈研究员 joins the panel
    const draft = await f.office.request('PUT', `/api/evaluation-applications/${f.app.id}/plan`, planBody(f.fw, f.experts, ['王教授', '李高工', '陈研究员'], { reason: '增加一名专家' }));
    expect([draft.status, draft.json.plan.status]).toEqual([200, 'draft']);
    expect(await expertTodos('王教授')).toEqual(['评分：岳麓区创建评价（资料评审）']);
    expect(await expertTodos('李高工')).toEqual(['评分：岳麓区创建评价（资料评审）']);
    expect(await expertTodos('陈研究员')).toEqual(['作出回避声明：岳麓区创建评价']);
    // both submit on the plan in force: the leader's confirmation waits on them alone, draft or not
    for (const who of ['王教授', '李高工']) {
      const v = await scoreInFull(f.clients[who], f.app.id, f.fw, f.fw.sections.flatMap((s) => s.items.map((i) => i.code)), ['3.5.b']);
      expect((await f.clients[who].request('POST', `/api/evaluation-applications/${f.app.id}/sheet/submit`, { version: v })).status).toBe(200);
    }
    expect(await expertTodos('王教授')).toEqual(['确认岳麓区的综合评价（专家已全部提交）']);
    expect(await expertTodos('李高工')).toEqual([]);
  });
});
