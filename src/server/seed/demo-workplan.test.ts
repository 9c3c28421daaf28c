/**
 * The demo work plan (first start in demo mode), seen on 2023-07-25 through the API: the 2023 工作要点 published with
 * its 13 tasks, first-half reports for all but task 7, whose lead got a 催办 and a 督办单 and shows red; task 8's
 * approved extension; task 1 closed; task 2's closure, asked by office, waiting on office2's 待办 (never office's); task 13's
 * closure sent back; 岳阳市's returned sub-report waiting in its 待办.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';

describe.each(testDialects())('the demo work plan on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2023-07-25T02:00:00Z');
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
  });
  afterAll(() => t.close());

  it('the 2023 plan is published with 13 tasks; lights as of 2023-07-25', async () => {
    const leader = await login(t.app, 'leader');
    const plan = (await leader.request('GET', '/api/work-plans')).json.items.find((p: any) => p.year === 2023);
    expect(plan).toMatchObject({ year: 2023, status: 'published', tasks: 13, issuer: { name: '省质强办' } });
    const detail = (await leader.request('GET', `/api/work-plans/${plan.id}`)).json;
    const light = (n: number) => detail.taskRows.find((r: any) => r.number === n).light.light;
    expect(light(1)).toBe('done');
    expect(light(7)).toBe('red');
    expect(detail.taskRows.find((r: any) => r.number === 7).light.reasons).toEqual(['2023-07-10应报送的进展未报送', '尚未报送进度，序时进度已达56%']);
    expect(detail.taskRows.find((r: any) => r.number === 8)).toMatchObject({ dueOn: '2023-12-31', deadline: '2024-03-31' });
    expect(detail.taskRows.filter((r: any) => r.progress !== null)).toHaveLength(12);
    expect(plan.lights.done + plan.lights.red + plan.lights.yellow + plan.lights.green).toBe(13);
  });

  it('task 7: the lead has a 督办单 after a 催办, and its 待办 says so', async () => {
    const miit = await login(t.app, 'miit');
    const office = await login(t.app, 'office');
    const plan = (await office.request('GET', '/api/work-plans')).json.items.find((p: any) => p.year === 2023);
    const t7 = (await office.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows.find((r: any) => r.number === 7);
    const page = (await miit.request('GET', `/api/work-tasks/${t7.id}`)).json;
    expect(page.notices.map((n: any) => [n.kindLabel, n.issuedAt.slice(0, 10)])).toEqual([
      ['催办', '2023-07-12'],
      ['督办单', '2023-07-17'],
    ]);
    expect(page.reports.map((r: any) => r.org.name).sort()).toEqual(['岳阳市', '长沙市']);
    const todo = (await miit.request('GET', '/api/todos')).json.items.find((x: any) => x.key === `workplan.report:${t7.id}:2023-H1`);
    expect(todo.detail).toContain('督办单');
    const officeView = (await office.request('GET', `/api/work-tasks/${t7.id}`)).json;
    expect(officeView.overdue.find((o: any) => o.org.name === '省工业和信息化厅')).toMatchObject({ stage: 'order' });
  });

  it('task 13: closure sent back with a reason; task 5: 岳阳市 must correct its returned sub-report', async () => {
    const samr = await login(t.app, 'samr');
    const yueyang = await login(t.app, 'yueyang');
    const plan = (await samr.request('GET', '/api/work-plans')).json.items.find((p: any) => p.year === 2023);
    const rows = (await samr.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows;
    const t13 = (await samr.request('GET', `/api/work-tasks/${rows.find((r: any) => r.number === 13).id}`)).json;
    expect(t13.task.status).toBe('open');
    expect(t13.closures[0]).toMatchObject({ status: 'returned', statusLabel: '已退回' });
    const t5 = rows.find((r: any) => r.number === 5);
    const todo = (await yueyang.request('GET', '/api/todos')).json.items.find((x: any) => x.key === `workplan.report:${t5.id}:2023-H1`);
    expect(todo.title).toContain('修改后重新报送');
    expect(todo.detail).toContain('湖南名品');
  });

  it('nobody decided their own request: task 1’s closure was asked by office (唐碧辉) and accepted by office2 (刘思远)', async () => {
    const name = (id: number | null) => (id === null ? null : t.db.db.selectFrom('app_user').select('username').where('id', '=', id).executeTakeFirstOrThrow().then((u) => u.username));
    for (const table of ['work_task_closure', 'work_task_extension'] as const) {
      const rows = await t.db.db.selectFrom(table).select(['created_by', 'decided_by']).where('decided_by', 'is not', null).execute();
      for (const r of rows) expect(r.decided_by, table).not.toBe(r.created_by);
    }
    const office = await login(t.app, 'office');
    const plan = (await office.request('GET', '/api/work-plans')).json.items.find((p: any) => p.year === 2023);
    const t1 = (await office.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows.find((r: any) => r.number === 1);
    const closure = await t.db.db.selectFrom('work_task_closure').select(['created_by', 'decided_by']).where('task_id', '=', t1.id).executeTakeFirstOrThrow();
    expect([await name(closure.created_by), await name(closure.decided_by)]).toEqual(['office', 'office2']);
  });

  it('task 2’s closure, asked by office (唐碧辉), waits on office2 (刘思远): on office2’s 待办, never on office’s', async () => {
    const office = await login(t.app, 'office');
    const office2 = await login(t.app, 'office2');
    const plan = (await office.request('GET', '/api/work-plans')).json.items.find((p: any) => p.year === 2023);
    const t2 = (await office.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows.find((r: any) => r.number === 2);
    const closure = await t.db.db.selectFrom('work_task_closure as c').innerJoin('app_user as u', 'u.id', 'c.created_by').select(['c.id', 'c.status', 'c.created_at', 'u.username']).where('c.task_id', '=', t2.id).executeTakeFirstOrThrow();
    expect(closure).toMatchObject({ status: 'pending', username: 'office', created_at: '2023-07-24T02:00:00.000Z' });
    const item = (await office2.request('GET', '/api/todos')).json.items.find((x: any) => x.key === `workplan.closure:${closure.id}`);
    expect(item).toMatchObject({ kind: 'workplan.review', title: '审核办结申请：第2项“贯彻落实质量强国、质量强省纲要”', detail: '省质强办申请办结，请销号或退回' });
    const mine = (await office.request('GET', '/api/todos')).json.items.map((x: any) => x.key);
    expect(mine).not.toContain(`workplan.closure:${closure.id}`);
    // the task page: office2 may decide it, office is told why not
    expect((await office2.request('GET', `/api/work-tasks/${t2.id}`)).json.closures[0]).toMatchObject({ status: 'pending', abilities: { decide: true }, decideRefusal: null });
    expect((await office.request('GET', `/api/work-tasks/${t2.id}`)).json.closures[0]).toMatchObject({ abilities: { decide: false }, decideRefusal: '不能审核本人提出的办结申请，请由质强办其他工作人员审核' });
  });

  it('years later the plan is a record: lights as of the end of supervision, no more to-dos, and 回看 replays a day', async () => {
    now = new Date('2026-11-28T02:00:00Z');
    const office = await login(t.app, 'office');
    const plan = (await office.request('GET', '/api/work-plans')).json.items.find((p: any) => p.year === 2023);
    // task 8's extension to 2024-03-31, plus 5 grace and 10 notice days
    expect(plan).toMatchObject({ asOf: '2024-04-15', supervisionEnd: '2024-04-15' });
    const todos = (await office.request('GET', '/api/todos')).json.items;
    expect(todos.filter((x: any) => x.kind.startsWith('workplan.'))).toEqual([]);
    // but the request still waits on the colleague who is to decide it (a record raises no reminders, a request waits)
    const office2 = await login(t.app, 'office2');
    const waiting = (await office2.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind.startsWith('workplan.'));
    expect(waiting.map((x: any) => x.title)).toEqual(['审核办结申请：第2项“贯彻落实质量强国、质量强省纲要”']);
    const replay = (await office.request('GET', `/api/work-plans/${plan.id}?asOf=2023-07-25`)).json;
    expect(replay.asOf).toBe('2023-07-25');
    expect(replay.taskRows.find((r: any) => r.number === 7).light.reasons).toEqual(['2023-07-10应报送的进展未报送', '尚未报送进度，序时进度已达56%']);
    const bad = await office.request('GET', `/api/work-plans/${plan.id}?asOf=2023-13-01`);
    expect(bad.status).toBe(400);
    now = new Date('2023-07-25T02:00:00Z');
  });
});
