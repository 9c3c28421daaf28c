/**
 * 回看 of a report sent back (退回): the plan's lights as of a day before the 退回 show the report as it stood then,
 * submitted, not 已退回; as of the 退回's day and until it is submitted again, 已退回; once submitted again, submitted.
 * The report keeps when and by whom it was returned (returned_at, returned_by), and keeps its last 退回 when submitted again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('回看 of a returned report on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const as = {} as Record<'office' | 'samr' | 'yueyang', Client>;
  let planId = 0;
  let taskId = 0;
  let yueyang = 0;
  const onDay = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const page = async (c: Client) => (await c.request('GET', `/api/work-tasks/${taskId}`)).json;
  const mine = async () => (await page(as.yueyang)).reports.find((r: any) => r.org.id === yueyang);
  /** 岳阳市's light on the task as the office's plan page shows it as of a day */
  const yueyangAsOf = async (day: string) => {
    const plan = (await as.office.request('GET', `/api/work-plans/${planId}?asOf=${day}`)).json;
    expect(plan.asOf).toBe(day);
    const row = plan.taskRows.find((r: any) => r.id === taskId);
    return { unit: row.units.find((u: any) => u.org.id === yueyang).light.reasons.join('；'), task: row.light.reasons.join('；') };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const u of ['office', 'samr', 'yueyang'] as const) as[u] = await login(t.app, u);
    yueyang = await orgId(t.db, '430600');
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    const plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
    planId = plan.id;
    taskId = plan.taskRows.find((r: any) => r.number === 3).id;
    onDay('2023-07-03');
    const saved = await as.yueyang.request('PUT', `/api/work-tasks/${taskId}/reports/2023-H1`, { version: 0, progress: 40, text: '开展自查，制定迎检方案。' });
    expect(saved.json.message ?? saved.status).toBe(200);
    const draft = await mine();
    expect((await as.yueyang.request('POST', `/api/work-task-reports/${draft.id}/submit`, { version: draft.version })).status).toBe(200);
    onDay('2023-07-06');
    const sent = await mine();
    expect((await as.samr.request('POST', `/api/work-task-reports/${sent.id}/return`, { version: sent.version, reason: '请补充具体数据' })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('records when and by whom the report was returned', async () => {
    const row = await t.db.db.selectFrom('work_task_report').select(['status', 'returned_at', 'returned_by']).where('task_id', '=', taskId).where('org_id', '=', yueyang).executeTakeFirstOrThrow();
    const samr = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'samr').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'returned', returned_at: '2023-07-06T02:00:00.000Z', returned_by: samr.id });
  });

  it('as of a day before the 退回 the report stands submitted; from the 退回’s day on, 已退回', async () => {
    const before = await yueyangAsOf('2023-07-05');
    expect(before.unit).not.toContain('已退回');
    expect(before.task).not.toContain('已退回');
    const on = await yueyangAsOf('2023-07-06');
    expect(on.unit).toContain('2023-07-10应报送的进展已退回，待修改后重新报送');
  });

  it('submitted again: 已退回 between the 退回 and the new 报送, submitted from then on; the last 退回 is kept', async () => {
    onDay('2023-07-08');
    const returned = await mine();
    const saved = await as.yueyang.request('PUT', `/api/work-tasks/${taskId}/reports/2023-H1`, { version: returned.version, progress: 45, text: '开展自查，制定迎检方案；已补充具体数据。' });
    expect(saved.json.message ?? saved.status).toBe(200);
    const corrected = await mine();
    expect((await as.yueyang.request('POST', `/api/work-task-reports/${corrected.id}/submit`, { version: corrected.version })).status).toBe(200);
    onDay('2023-07-09');
    expect((await yueyangAsOf('2023-07-07')).unit).toContain('2023-07-10应报送的进展已退回，待修改后重新报送');
    expect((await yueyangAsOf('2023-07-08')).unit).not.toContain('已退回');
    const row = await t.db.db.selectFrom('work_task_report').select(['status', 'returned_at']).where('task_id', '=', taskId).where('org_id', '=', yueyang).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'submitted', returned_at: '2023-07-06T02:00:00.000Z' });
  });
});
