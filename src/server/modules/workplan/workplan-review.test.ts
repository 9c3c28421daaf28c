/**
 * Work plan supervision, what a review as users found (2026-11-30), through the API with a moved clock on the imported
 * 2023 plan: a city's quality office named as a unit of a province task signs and reports like any unit (its 签收 and
 * 报送 to-dos end); a report sent back (退回) is a to-do of its unit at once, not only near its due date; a task's
 * deadline is not moved before a milestone still open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('work plan review findings on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'samr' | 'yueyang' | 'yyOffice', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const page = async (c: Client, n: number) => (await c.request('GET', `/api/work-tasks/${task(n).id}`)).json;
  const todoKeys = async (c: Client) => ((await c.request('GET', '/api/todos')).json.items as any[]).map((x) => x.key);
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const [k, u] of [['office', 'office'], ['samr', 'samr'], ['yueyang', 'yueyang'], ['yyOffice', 'yueyang.office']] as const) as[k] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
  });
  afterAll(() => t.close());

  it('a city’s quality office named as a unit signs and reports its part; its 签收 and 报送 to-dos end', async () => {
    at('2023-05-20');
    const t3 = await page(as.office, 3);
    const yyOffice = await orgId(t.db, 'office-430600');
    const units = t3.task.units.map((u: any) => ({ orgId: u.org.id, role: u.role }));
    const added = await as.office.request('PUT', `/api/work-tasks/${t3.task.id}`, { version: t3.task.version, units: [...units, { orgId: yyOffice, role: 'cooperating' }], reason: '岳阳市质强办承担本市考核迎检的组织工作' });
    expect(added.status).toBe(200);
    expect(await todoKeys(as.yyOffice)).toContain(`workplan.sign:${t3.task.id}`);
    const mine = await page(as.yyOffice, 3);
    expect(mine.abilities).toMatchObject({ sign: true, consolidate: false, manage: false, decide: false });
    const signed = await as.yyOffice.request('POST', `/api/work-tasks/${t3.task.id}/sign`, { version: mine.myUnit.version });
    expect(signed.status).toBe(200);
    expect(signed.json.myUnit.signed).toBe(true);
    expect(await todoKeys(as.yyOffice)).not.toContain(`workplan.sign:${t3.task.id}`);

    at('2023-07-05');
    expect(await todoKeys(as.yyOffice)).toContain(`workplan.report:${t3.task.id}:2023-H1`);
    const saved = await as.yyOffice.request('PUT', `/api/work-tasks/${t3.task.id}/reports/2023-H1`, { version: 0, progress: 50, text: '岳阳市质强办组织各县市区开展考核迎检自查。' });
    expect(saved.status).toBe(200);
    const r = saved.json.reports.find((x: any) => x.org.id === yyOffice);
    expect(r).toMatchObject({ consolidated: false, status: 'draft' });
    expect((await as.yyOffice.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version })).status).toBe(200);
    expect(await todoKeys(as.yyOffice)).not.toContain(`workplan.report:${t3.task.id}:2023-H1`);
    // it acts for its own office only: not the lead's part, not the office's decisions
    expect((await as.yyOffice.request('POST', `/api/work-tasks/${t3.task.id}/closure`, { version: (await page(as.yyOffice, 3)).task.version, summary: '岳阳市质强办申请办结' })).status).toBe(403);
    expect((await as.yyOffice.request('POST', `/api/work-tasks/${t3.task.id}/milestones`, { title: '岳阳自定节点', dueOn: '2023-09-30' })).status).toBe(403);
    const audit = await t.db.db.selectFrom('audit_log').select(['action']).where('action', 'in', ['workTask.sign', 'taskReport.save', 'taskReport.submit']).where('user_id', '=', (await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'yueyang.office').executeTakeFirstOrThrow()).id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['workTask.sign', 'taskReport.save', 'taskReport.submit']);
  });

  it('a report sent back (退回) months before its due date is its unit’s to-do at once, until it is reported again', async () => {
    at('2023-08-02');
    const t3 = task(3).id;
    const key = `workplan.report:${t3}:2023-H2`;
    // the second half is due on 2024-01-10: nothing is asked of 岳阳市 yet
    expect(await todoKeys(as.yueyang)).not.toContain(key);
    const saved = await as.yueyang.request('PUT', `/api/work-tasks/${t3}/reports/2023-H2`, { version: 0, progress: 60, text: '岳阳市下半年考核迎检工作提前完成自查。' });
    const r = saved.json.reports.find((x: any) => x.period === '2023-H2' && x.org.name === '岳阳市');
    expect((await as.yueyang.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version })).status).toBe(200);
    const back = await as.samr.request('POST', `/api/work-task-reports/${r.id}/return`, { version: r.version + 1, reason: '请补充各县市区自查发现的问题' });
    expect(back.status).toBe(200);
    const todo = ((await as.yueyang.request('GET', '/api/todos')).json.items as any[]).find((x) => x.key === key);
    expect(todo).toMatchObject({ title: '修改后重新报送第3项“加强考核督查与激励引导”2023年下半年进展', detail: '退回理由：请补充各县市区自查发现的问题', dueAt: '2024-01-10' });
    const now = (await page(as.yueyang, 3)).reports.find((x: any) => x.id === r.id);
    const again = await as.yueyang.request('PUT', `/api/work-tasks/${t3}/reports/2023-H2`, { version: now.version, progress: 60, text: '岳阳市下半年考核迎检自查发现问题 3 个，已整改 2 个。' });
    expect(again.status).toBe(200);
    const fixed = again.json.reports.find((x: any) => x.id === r.id);
    expect((await as.yueyang.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: fixed.version })).status).toBe(200);
    expect(await todoKeys(as.yueyang)).not.toContain(key);
  });

  it('a task’s deadline is not moved before a milestone still open: a 400 naming the milestone, nothing saved', async () => {
    at('2023-08-05');
    const t5 = task(5).id;
    const set = await as.samr.request('POST', `/api/work-tasks/${t5}/milestones`, { title: '开展品牌宣传周', dueOn: '2023-11-30' });
    expect(set.status).toBe(201);
    const before = await page(as.office, 5);
    const revisions = async () => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'workPlan.revise').execute()).length;
    const n = await revisions();
    const early = await as.office.request('PUT', `/api/work-tasks/${t5}`, { version: before.task.version, dueOn: '2023-10-31', reason: '按省政府要求提前完成' });
    expect([early.status, early.json.message, early.json.fields?.[0]?.field]).toEqual([400, '办理期限2023-10-31早于未完成的节点“开展品牌宣传周”（期限2023-11-30），请先调整或删除该节点', 'dueOn']);
    expect((await page(as.office, 5)).task).toMatchObject({ dueOn: '2023-12-31', version: before.task.version });
    expect(await revisions()).toBe(n);
    // on the milestone's day it is within the deadline, as when a milestone is set
    const ok = await as.office.request('PUT', `/api/work-tasks/${t5}`, { version: before.task.version, dueOn: '2023-11-30', reason: '按省政府要求提前完成' });
    expect([ok.status, ok.json.task.dueOn]).toEqual([200, '2023-11-30']);
  });

  it('tasks added to a draft at the same moment are numbered one after another, never a 500', async () => {
    at('2023-08-07');
    const draft = (await as.yyOffice.request('POST', '/api/work-plans', { year: 2024, title: '岳阳市2024年质量强市工作要点' })).json;
    const yueyang = await orgId(t.db, '430600');
    const add = (k: number) =>
      as.yyOffice.request('POST', `/api/work-plans/${draft.id}/tasks`, { title: `并发添加的任务${k}`, text: '推进质量基础设施“一站式”服务站点建设，年内覆盖全部县市区。', dueOn: '2024-12-31', units: [{ orgId: yueyang, role: 'lead' }] });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(add));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const rows = (await as.yyOffice.request('GET', `/api/work-plans/${draft.id}`)).json.taskRows;
    expect(rows.map((r: any) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('tasks taken out of a draft at the same moment leave it numbered 1..n: a removal that finds its task renumbered is a 409', async () => {
    const draft = (await as.yyOffice.request('GET', '/api/work-plans')).json.items.find((p: any) => p.year === 2024 && p.status === 'draft');
    const before = (await as.yyOffice.request('GET', `/api/work-plans/${draft.id}`)).json.taskRows;
    const results = await Promise.all(before.slice(0, 3).map((r: any) => as.yyOffice.request('DELETE', `/api/work-tasks/${r.id}?version=${r.version}`)));
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 409)).toEqual([]);
    const rows = (await as.yyOffice.request('GET', `/api/work-plans/${draft.id}`)).json.taskRows;
    expect(rows.map((r: any) => r.number)).toEqual(rows.map((_: any, k: number) => k + 1));
    expect(rows).toHaveLength(6 - results.filter((r) => r.status === 200).length);
  });

  it('extension requests sent at once make one pending request, not several: the others a 409 naming who asked and when', async () => {
    at('2023-08-08');
    const t6 = task(6).id;
    const ask = (k: number) => as.samr.request('POST', `/api/work-tasks/${t6}/extensions`, { newDueOn: `2024-01-${String(10 + k).padStart(2, '0')}`, reason: '宣传活动档期调整，需顺延办理期限' });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(ask));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const pending = await t.db.db.selectFrom('work_task_extension').select('id').where('task_id', '=', t6).where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
  });

  it('a report is not submitted over a save made meanwhile: of a save and a 报送 sent together on the same version, one is a 409', async () => {
    at('2023-08-09');
    const tasks = plan.taskRows.filter((r: any) => r.number !== 3 && r.units.some((u: any) => u.org.name === '岳阳市')).map((r: any) => r.id);
    const drafts: { task: number; id: number; version: number }[] = [];
    for (const id of tasks) {
      const saved = await as.yueyang.request('PUT', `/api/work-tasks/${id}/reports/2023-H2`, { version: 0, progress: 55, text: '岳阳市下半年工作进展初稿。' });
      if (saved.status !== 200) continue;
      const r = saved.json.reports.find((x: any) => x.period === '2023-H2' && x.org.name === '岳阳市');
      drafts.push({ task: id, id: r.id, version: r.version });
    }
    expect(drafts.length).toBeGreaterThan(3);
    const pairs = await Promise.all(
      drafts.map((d) =>
        Promise.all([
          as.yueyang.request('POST', `/api/work-task-reports/${d.id}/submit`, { version: d.version }),
          as.yueyang.request('PUT', `/api/work-tasks/${d.task}/reports/2023-H2`, { version: d.version, progress: 70, text: '岳阳市下半年工作进展修改稿，补充了数据。' }),
        ]),
      ),
    );
    expect(pairs.map(([a, b]) => [a.status, b.status]).filter(([a, b]) => a === 200 && b === 200)).toEqual([]);
  });
});

