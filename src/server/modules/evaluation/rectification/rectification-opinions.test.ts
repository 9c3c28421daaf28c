/**
 * An 整改事项 raised from a deduction carries the experts' reasons as the 评价报告 prints them: two experts who found
 * the same fault and wrote the same words give one 专家意见, not the sentence twice; and on an item of several
 * criteria (1.2 has a, b, c) each reason says which criterion it was written on, so the applicant knows what to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan, declaredInFull, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: 整改事项 from a deduction name each reason once, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  const url = () => `/api/evaluation-applications/${f.app.id}`;
  const SAME = '本年度未召开质量工作部门联席会议，城市领导亦未作出指示';

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
    const plan = await approvedPlan(f.office, f.app.id, f.fw, f.experts, ['王教授', '李高工']);
    for (const who of ['王教授', '李高工']) {
      // both find 1.2.b not met and write the same words
      const v = (await f.clients[who].request('PUT', `${url()}/sheet/1.2/b`, { version: await declaredInFull(f, plan, who), answer: false, reason: SAME })).json.version;
      expect((await f.clients[who].request('POST', `${url()}/sheet/submit`, { version: v })).status).toBe(200);
    }
    const now = (await f.office.request('GET', url())).json;
    expect((await f.clients['王教授'].request('POST', `${url()}/consolidate`, { version: now.version })).status).toBe(200);
  });
  afterAll(() => t?.close());

  it('the 整改事项 for 1.2 gives the shared reason once, named by its criterion, as the report does', async () => {
    const raised = await f.office.request('POST', `${url()}/rectifications`, { itemCodes: ['1.2'], dueOn: null });
    expect(raised.status).toBe(201);
    expect(raised.json.items[0].detail).toBe(
      `失分10分（30分中得20分）\n专家意见：1.2.b 每年至少召开一次质量工作部门联席会议并且城市领导出席会议或针对会议研究的质量工作做出指示：${SAME}`,
    );
  });
});
