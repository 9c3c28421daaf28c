/**
 * An expert's score sheet is its seat's on the approved plan. An expert with a seat on a draft revision only (named in
 * the new version, not yet approved) reads the application and the plan, but has no sheet: GET …/sheet answered 404
 * while PUT …/sheet/1.1/a, 提交 and 重新打开 of the same sheet by the same expert answered 403. Every sheet route now
 * refuses such an expert alike, with the 404 of a sheet the caller may not see; an expert on the approved plan who
 * may not score yet (回避 not declared) keeps the 403 of a sheet it sees but may not change, on read and write alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan, fullAnswer, planBody, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

const NO_SHEET = '评分表不存在或您无权查看：您不在本申请已批准的评价工作方案中';

describe.each(testDialects())('creation evaluation: the sheet routes refuse an expert alike on read and write, on %s', (dialect) => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof acceptedApplication>>;
  const url = () => `/api/evaluation-applications/${s.app.id}/sheet`;
  const all = (who: string) =>
    Promise.all([
      s.clients[who].request('GET', url()),
      s.clients[who].request('PUT', `${url()}/1.1/a`, { version: null, answer: fullAnswer(s.fw, '1.1', 'a') }),
      s.clients[who].request('POST', `${url()}/submit`, { version: 1 }),
      s.clients[who].request('POST', `${url()}/reopen`, { version: 1 }),
    ]).then((rs) => rs.map((r) => [r.status, r.json.message]));

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    s = await acceptedApplication(t, THREE_EXPERTS);
    await approvedPlan(s.office, s.app.id, s.fw, s.experts, ['王教授', '李高工']);
    // a new version names 陈研究员 too; it is still a draft
    const draft = await s.office.request('PUT', `/api/evaluation-applications/${s.app.id}/plan`, planBody(s.fw, s.experts, ['王教授', '李高工', '陈研究员'], { reason: '增补一名专家' }));
    expect(draft.status).toBe(200);
  });
  afterAll(() => t?.close());

  it('an expert on the draft revision only reads the application, and every sheet route answers the same 404', async () => {
    expect((await s.clients['陈研究员'].request('GET', `/api/evaluation-applications/${s.app.id}`)).status).toBe(200);
    expect(await all('陈研究员')).toEqual(Array(4).fill([404, NO_SHEET]));
    expect((await t.db.db.selectFrom('expert_sheet').select('id').where('application_id', '=', s.app.id).execute()).length).toBe(0);
  });

  it('an expert on the approved plan who has not declared 回避 sees the sheet refused with the same 403 on read and write', async () => {
    const [read, write, submit] = await all('李高工');
    expect(read).toEqual([403, '请先作出回避声明，声明无利害关系后才能查看材料和评分']);
    expect(write).toEqual(read);
    expect(submit).toEqual(read);
  });
});
