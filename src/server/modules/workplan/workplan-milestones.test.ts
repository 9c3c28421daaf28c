/**
 * A task's milestones (节点) through the API on the demo plan (2023-07-25): the lead (省市场监管局 on task 3) or the
 * office sets, changes and removes them; a cooperating unit may not; only the lead marks one done, and a done
 * milestone stays as it is; stale versions are 409s; bad input a Chinese 400; a closed task takes none; every change
 * audited; the abilities tell the page who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('work task milestones on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let samr: Client;
  let yueyang: Client;
  let t3 = 0;
  let t1 = 0;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => new Date('2023-07-25T02:00:00Z') }, { demoAssessment: true });
    [office, samr, yueyang] = await Promise.all(['office', 'samr', 'yueyang'].map((u) => login(t.app, u)));
    const plan = (await office.request('GET', '/api/work-plans')).json.items[0];
    const rows = (await office.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows;
    t3 = rows.find((r: any) => r.number === 3).id;
    t1 = rows.find((r: any) => r.number === 1).id;
  });
  afterAll(() => t.close());

  it('the lead adds and edits a milestone, the office edits it too; stale versions are 409; a cooperating unit is refused', async () => {
    const page = (await yueyang.request('GET', `/api/work-tasks/${t3}`)).json;
    expect(page.abilities).toMatchObject({ milestones: false, milestoneDone: false });
    expect((await samr.request('GET', `/api/work-tasks/${t3}`)).json.abilities).toMatchObject({ milestones: true, milestoneDone: true });
    expect((await office.request('GET', `/api/work-tasks/${t3}`)).json.abilities).toMatchObject({ milestones: true, milestoneDone: false });

    const add = await samr.request('POST', `/api/work-tasks/${t3}/milestones`, { title: '印发考核办法', dueOn: '2023-09-30' });
    expect(add.status).toBe(201);
    const m = add.json.milestones.find((x: any) => x.title === '印发考核办法');
    expect(m).toMatchObject({ dueOn: '2023-09-30', doneAt: null, version: 1 });
    expect((await yueyang.request('POST', `/api/work-tasks/${t3}/milestones`, { title: '岳阳自定节点', dueOn: '2023-09-30' })).status).toBe(403);
    // a double click (or the same step from another window, even at once) adds it once: the second is a 409 naming who added it
    const twice = await Promise.all([1, 2, 3].map(() => samr.request('POST', `/api/work-tasks/${t3}/milestones`, { title: '印发考核办法', dueOn: '2023-09-30' })));
    expect(twice.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(twice[0].json.message).toMatch(/^该任务已有节点「印发考核办法」（期限2023-09-30），已由您在其他窗口于\d{4}-\d\d-\d\d \d\d:\d\d添加，无需重复添加$/);
    const fromOffice = await office.request('POST', `/api/work-tasks/${t3}/milestones`, { title: '印发考核办法', dueOn: '2023-09-30' });
    expect([fromOffice.status, fromOffice.json.message]).toEqual([409, expect.stringMatching(/^该任务已有节点「印发考核办法」（期限2023-09-30），已由.*省市场监督管理局.*添加，无需重复添加$/)]);
    expect((await samr.request('GET', `/api/work-tasks/${t3}`)).json.milestones.filter((x: any) => x.title === '印发考核办法')).toHaveLength(1);

    // a milestone is a step of the task: within the plan's year, not after the task's deadline in force
    const deadline = page.task.deadline;
    for (const [dueOn, message] of [
      ['1990-01-01', '节点期限1990-01-01早于工作要点的年度（2023年），请重新选择'],
      ['2030-01-01', `节点期限2030-01-01晚于任务的办理期限${deadline}，节点须在办理期限之前完成`],
    ]) {
      const early = await samr.request('POST', `/api/work-tasks/${t3}/milestones`, { title: '越界节点', dueOn });
      expect([early.status, early.json.message, early.json.fields?.[0]?.field]).toEqual([400, message, 'dueOn']);
      const moved = await samr.request('PUT', `/api/work-tasks/${t3}/milestones/${m.id}`, { version: 1, title: '印发考核办法', dueOn });
      expect([moved.status, moved.json.message]).toEqual([400, message]);
    }
    const edit = await samr.request('PUT', `/api/work-tasks/${t3}/milestones/${m.id}`, { version: 1, title: '印发考核激励办法', dueOn: '2023-10-15' });
    expect(edit.status).toBe(200);
    expect(edit.json.milestones.find((x: any) => x.id === m.id)).toMatchObject({ title: '印发考核激励办法', dueOn: '2023-10-15', version: 2 });
    expect((await office.request('PUT', `/api/work-tasks/${t3}/milestones/${m.id}`, { version: 1, title: '旧版本', dueOn: '2023-10-15' })).status).toBe(409);
    const byOffice = await office.request('PUT', `/api/work-tasks/${t3}/milestones/${m.id}`, { version: 2, title: '印发考核激励办法', dueOn: '2023-10-31' });
    expect(byOffice.status).toBe(200);
    expect((await yueyang.request('PUT', `/api/work-tasks/${t3}/milestones/${m.id}`, { version: 3, title: '岳阳改', dueOn: '2023-10-31' })).status).toBe(403);

    const bad = await samr.request('PUT', `/api/work-tasks/${t3}/milestones/${m.id}`, { version: 3, title: '', dueOn: '2023-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/节点名称|节点期限/);
    expect((await samr.request('PUT', `/api/work-tasks/${t3}/milestones/99999`, { version: 1, title: '不存在', dueOn: '2023-10-31' })).status).toBe(404);
    // a milestone of another task is not found through this one
    expect((await office.request('PUT', `/api/work-tasks/${t1}/milestones/${m.id}`, { version: 3, title: '串号', dueOn: '2023-10-31' })).status).toBe(404);
  });

  it('marked done by the lead, it may no longer change or go; another is removed (stale version 409); a closed task takes none', async () => {
    let page = (await samr.request('GET', `/api/work-tasks/${t3}`)).json;
    const m = page.milestones.find((x: any) => x.title === '印发考核激励办法');
    expect((await office.request('POST', `/api/work-tasks/${t3}/milestones/${m.id}/done`, { version: m.version })).status).toBe(403);
    const done = await samr.request('POST', `/api/work-tasks/${t3}/milestones/${m.id}/done`, { version: m.version });
    expect(done.status).toBe(200);
    const d = done.json.milestones.find((x: any) => x.id === m.id);
    expect(d.doneAt).toBe('2023-07-25T02:00:00.000Z');
    const again = await samr.request('PUT', `/api/work-tasks/${t3}/milestones/${m.id}`, { version: d.version, title: '改已完成', dueOn: '2023-10-31' });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('该节点已完成，不能再修改');
    expect((await samr.request('DELETE', `/api/work-tasks/${t3}/milestones/${m.id}?version=${d.version}`)).status).toBe(409);

    page = (await office.request('POST', `/api/work-tasks/${t3}/milestones`, { title: '开展激励评审', dueOn: '2023-11-30' })).json;
    const n = page.milestones.find((x: any) => x.title === '开展激励评审');
    expect((await samr.request('DELETE', `/api/work-tasks/${t3}/milestones/${n.id}?version=${n.version + 1}`)).status).toBe(409);
    expect((await samr.request('DELETE', `/api/work-tasks/${t3}/milestones/${n.id}`)).status).toBe(400);
    expect((await yueyang.request('DELETE', `/api/work-tasks/${t3}/milestones/${n.id}?version=${n.version}`)).status).toBe(403);
    const gone = await samr.request('DELETE', `/api/work-tasks/${t3}/milestones/${n.id}?version=${n.version}`);
    expect(gone.status).toBe(200);
    expect(gone.json.milestones.map((x: any) => x.title)).toEqual(['印发考核激励办法']);

    const closed = await office.request('POST', `/api/work-tasks/${t1}/milestones`, { title: '已销号的任务', dueOn: '2023-11-30' });
    expect(closed.status).toBe(409);
    expect((await office.request('GET', `/api/work-tasks/${t1}`)).json.abilities.milestones).toBe(false);

    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'workMilestone.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['workMilestone.add', 'workMilestone.update', 'workMilestone.update', 'workMilestone.done', 'workMilestone.add', 'workMilestone.remove']);
    expect(audit.at(-1)!.entity_id).toBe(String(n.id));
  });

  it('a milestone left open on a task that is 销号 is not marked done afterwards: 409, nothing changed, nothing audited', async () => {
    // task 1 (省质强办 leads, so the office is its consolidator) was closed on 2023-07-20 with a step still open
    const { id } = await t.db.db.insertInto('work_milestone').values({ task_id: t1, title: '销号前未完成的节点', due_on: '2023-06-30', done_at: null, version: 1 }).returning('id').executeTakeFirstOrThrow();
    expect((await office.request('GET', `/api/work-tasks/${t1}`)).json.abilities.milestoneDone).toBe(false);
    const audits = async () => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'workMilestone.done').execute()).length;
    const before = await audits();
    const r = await office.request('POST', `/api/work-tasks/${t1}/milestones/${id}/done`, { version: 1 });
    expect([r.status, r.json.message]).toEqual([409, '该任务已销号，不能再确认节点完成']);
    expect(await t.db.db.selectFrom('work_milestone').select(['done_at', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ done_at: null, version: 1 });
    expect(await audits()).toBe(before);
  });
  it('a milestone set while the lead asks to close the task at once: set before the request, or refused — never one added to a task 待销号', async () => {
    const office2 = await login(t.app, 'office2');
    const lastId = async (action: string) => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', action).orderBy('id', 'desc').executeTakeFirst())?.id ?? 0;
    for (let round = 0; round < 4; round++) {
      const page = (await samr.request('GET', `/api/work-tasks/${t3}`)).json;
      expect(page.task.status).toBe('open');
      const [add, ask] = await Promise.all([
        office.request('POST', `/api/work-tasks/${t3}/milestones`, { title: `第 ${round + 1} 个节点`, dueOn: '2023-09-30' }),
        samr.request('POST', `/api/work-tasks/${t3}/closure`, { version: page.task.version, summary: '年度工作已全部完成。' }),
      ]);
      expect([ask.status, ask.json.message]).toEqual([201, undefined]);
      if (add.status === 201) expect(await lastId('workMilestone.add'), `round ${round + 1}: added after the request`).toBeLessThan(await lastId('workTask.ask-close'));
      else expect([add.status, add.json.message]).toEqual([409, '该任务已申请办结，待质强办审核，暂不能设置节点']);
      const closure = ask.json.closures.find((x: any) => x.status === 'pending');
      const back = await office2.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: false, reason: '请补充节点完成情况' });
      expect([back.status, back.json.message]).toEqual([200, undefined]);
    }
  });
});
