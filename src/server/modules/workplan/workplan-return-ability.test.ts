/**
 * The task page's 退回 of a progress report is the server's: each report carries abilities.return (and, where the
 * caller would return it but may not now, returnRefusal), from reportReturnRefusal — the refusal returnReport answers
 * with. Checked against the command itself: a report the page offers is returned (200), one it does not offer is
 * refused by the command in the page's own words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the task page’s 退回 and the return command agree on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const as = {} as Record<'office' | 'samr' | 'yueyang' | 'changsha', Client>;
  let taskId = 0;
  const page = async (c: Client) => (await c.request('GET', `/api/work-tasks/${taskId}`)).json;
  const reportOf = async (c: Client, orgCode: string, consolidated: boolean) => {
    const org = await orgId(t.db, orgCode);
    return (await page(c)).reports.find((r: any) => r.org.id === org && r.consolidated === consolidated);
  };
  const returnIt = (c: Client, r: any) => c.request('POST', `/api/work-task-reports/${r.id}/return`, { version: r.version, reason: '请补充具体数据' });

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const u of ['office', 'samr', 'yueyang', 'changsha'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    const plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
    taskId = plan.taskRows.find((r: any) => r.number === 3).id;
    clock.now = new Date('2023-07-03T02:00:00Z');
    // 岳阳市 reports its part, the lead (省市场监管局) its consolidated report
    for (const c of [as.yueyang, as.samr]) {
      const saved = await c.request('PUT', `/api/work-tasks/${taskId}/reports/2023-H1`, { version: 0, progress: 40, text: '开展自查，制定迎检方案。' });
      expect(saved.json.message ?? saved.status).toBe(200);
      const mine = saved.json.reports.find((r: any) => r.org.id === saved.json.myOrg.id);
      expect((await c.request('POST', `/api/work-task-reports/${mine.id}/submit`, { version: mine.version })).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('who is offered 退回 of a submitted report is who the command lets return it', async () => {
    // the sub-report: the lead returns it; the office and another city do not (403)
    expect(await reportOf(as.samr, '430600', false)).toMatchObject({ abilities: { return: true }, returnRefusal: null });
    expect(await reportOf(as.office, '430600', false)).toMatchObject({ abilities: { return: false }, returnRefusal: null });
    expect((await returnIt(as.office, await reportOf(as.office, '430600', false))).status).toBe(403);
    // the consolidated report: the office returns it; the lead does not return its own
    expect(await reportOf(as.office, 'samr', true)).toMatchObject({ abilities: { return: true }, returnRefusal: null });
    expect(await reportOf(as.samr, 'samr', true)).toMatchObject({ abilities: { return: false }, returnRefusal: null });
    expect((await returnIt(as.samr, await reportOf(as.samr, 'samr', true))).status).toBe(403);
  });

  it('another unit’s draft is not there for the lead: 退回 by its id is the 404 of an unknown id, not 「尚未报送」', async () => {
    const saved = await as.changsha.request('PUT', `/api/work-tasks/${taskId}/reports/2023-H1`, { version: 0, progress: 20, text: '正在制定迎检方案。' });
    expect(saved.json.message ?? saved.status).toBe(200);
    const draft = saved.json.reports.find((r: any) => r.org.id === saved.json.myOrg.id);
    expect(draft.status).toBe('draft');
    expect(await reportOf(as.samr, '430100', false)).toBeUndefined();
    const unknown = await returnIt(as.samr, { id: 99_999_999, version: 1 });
    expect([unknown.status, unknown.json.message]).toEqual([404, '进展报告99999999不存在']);
    for (const version of [draft.version, draft.version + 1]) {
      const refused = await returnIt(as.samr, { id: draft.id, version });
      expect([refused.status, refused.json.message]).toEqual([404, `进展报告${draft.id}不存在`]);
    }
  });

  it('while the task asks to close, neither is offered: the page’s words are the command’s 409', async () => {
    const p = await page(as.samr);
    expect((await as.samr.request('POST', `/api/work-tasks/${taskId}/closure`, { version: p.task.version, summary: '迎检工作已完成。' })).status).toBe(201);
    for (const [c, code, consolidated] of [[as.samr, '430600', false], [as.office, 'samr', true]] as const) {
      const r = await reportOf(c, code, consolidated);
      expect(r.abilities.return).toBe(false);
      expect(r.returnRefusal).toMatch(/^该任务已申请办结/);
      const refused = await returnIt(c, r);
      expect(refused.status).toBe(409);
      expect(refused.json.message).toBe(r.returnRefusal);
    }
  });

  it('once the closure is sent back the office is offered 退回 again and the command takes it; a returned report is offered nothing', async () => {
    const closure = (await page(as.office)).closures.find((c: any) => c.status === 'pending');
    expect((await as.office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: false, reason: '请补充县区数据' })).status).toBe(200);
    const r = await reportOf(as.office, 'samr', true);
    expect(r).toMatchObject({ abilities: { return: true }, returnRefusal: null });
    expect((await returnIt(as.office, r)).status).toBe(200);
    const returned = await reportOf(as.office, 'samr', true);
    expect(returned).toMatchObject({ status: 'returned', abilities: { return: false }, returnRefusal: null });
    expect((await returnIt(as.office, returned)).status).toBe(409);
  });
});
