/**
 * Work plan supervision, one rule each (2026-12-01 review), through the API with a moved clock on the imported 2023
 * plan: 确认节点完成 is one rule, applied to the task as it stands under its lock (a 销号 landing at the same moment is
 * seen); a 报送 meeting a save made meanwhile says so about the report; a closure request sent back (退回) is a to-do
 * of the lead with the office's reason; the lead is not changed under a pending closure request.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { reportLatePeriods } from '../../test/workplan';

describe.each(testDialects())('work plan rules on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'samr' | 'yueyang' | 'ecology' | 'housing', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const page = async (c: Client, n: number) => (await c.request('GET', `/api/work-tasks/${task(n).id}`)).json;
  const todos = async (c: Client) => (await c.request('GET', '/api/todos')).json.items as any[];
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const [k, u] of [['office', 'office'], ['samr', 'samr'], ['yueyang', 'yueyang'], ['ecology', 'ecology'], ['housing', 'housing']] as const) as[k] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
  });
  afterAll(() => t.close());

  it('确认节点完成 is one rule for the page and the server: the lead, on a published plan, while the task is not 销号', async () => {
    at('2023-08-11');
    const t10 = await page(as.ecology, 10);
    const added = await as.ecology.request('POST', `/api/work-tasks/${t10.task.id}/milestones`, { title: '印发蓝天保卫战年度方案', dueOn: '2023-09-30' });
    const m = added.json.milestones[0];
    for (const [c, may] of [[as.ecology, true], [as.office, false], [as.yueyang, false]] as const) {
      expect((await c.request('GET', `/api/work-tasks/${t10.task.id}`)).json.abilities.milestoneDone).toBe(may);
    }
    const refused = await as.office.request('POST', `/api/work-tasks/${t10.task.id}/milestones/${m.id}/done`, { version: m.version });
    expect([refused.status, refused.json.message]).toEqual([403, '只有牵头单位可以确认节点完成']);
    const ok = await as.ecology.request('POST', `/api/work-tasks/${t10.task.id}/milestones/${m.id}/done`, { version: m.version });
    expect(ok.status).toBe(200);
  });

  it('a 报送 meeting a save made meanwhile is a 409 about the report: who saved it and when (here the unit’s own other window), to check it before reporting', async () => {
    at('2023-08-12');
    const t7 = task(7).id;
    const first = await as.yueyang.request('PUT', `/api/work-tasks/${t7}/reports/2023-H2`, { version: 0, progress: 40, text: '岳阳市制造业质量提升行动下半年进展初稿。' });
    const r = first.json.reports.find((x: any) => x.period === '2023-H2' && x.org.name === '岳阳市');
    const second = await as.yueyang.request('PUT', `/api/work-tasks/${t7}/reports/2023-H2`, { version: r.version, progress: 45, text: '岳阳市制造业质量提升行动下半年进展，补充了重点产业链数据。' });
    expect(second.status).toBe(200);
    const stale = await as.yueyang.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version });
    expect([stale.status, stale.json.message]).toEqual([409, '该进展报告在您打开后又有修改（您在其他窗口于2023-08-12 10:00保存），请刷新后核对内容再报送']);

    // the same when the save lands while the 报送 is under way: every 报送 that lost says so
    const tasks = plan.taskRows.filter((x: any) => ![3, 7].includes(x.number) && x.units.some((u: any) => u.org.name === '岳阳市')).map((x: any) => x.id);
    const drafts: { task: number; id: number; version: number }[] = [];
    for (const id of tasks) {
      const saved = await as.yueyang.request('PUT', `/api/work-tasks/${id}/reports/2023-H2`, { version: 0, progress: 55, text: '岳阳市下半年工作进展初稿。' });
      if (saved.status !== 200) continue;
      const x = saved.json.reports.find((y: any) => y.period === '2023-H2' && y.org.name === '岳阳市');
      drafts.push({ task: id, id: x.id, version: x.version });
    }
    const pairs = await Promise.all(
      drafts.map((d) =>
        Promise.all([
          as.yueyang.request('POST', `/api/work-task-reports/${d.id}/submit`, { version: d.version }),
          as.yueyang.request('PUT', `/api/work-tasks/${d.task}/reports/2023-H2`, { version: d.version, progress: 70, text: '岳阳市下半年工作进展修改稿，补充了数据。' }),
        ]),
      ),
    );
    for (const [submit] of pairs.filter(([s]) => s.status === 409)) expect(submit.json.message).toMatch(/^该进展报告在您打开后又有修改（您在其他窗口于2023-08-12 10:00保存），请刷新后核对内容再报送$/);
    expect(pairs.filter(([a, b]) => a.status === 200 && b.status === 200)).toEqual([]);
  });

  it('a closure request sent back (退回) is a to-do of the lead with the office’s reason, until it asks again or reports on', async () => {
    at('2023-08-13');
    const t8 = task(8);
    const closureTodos = async (c: Client) => (await todos(c)).filter((x) => x.kind === 'workplan.closure-returned');
    await reportLatePeriods(as.housing, t8.id);
    const ask = async (summary: string) => {
      const p = await page(as.housing, 8);
      const r = await as.housing.request('POST', `/api/work-tasks/${t8.id}/closure`, { version: p.task.version, summary });
      expect(r.status).toBe(201);
      return r.json.closures.find((x: any) => x.status === 'pending');
    };
    const sendBack = async (c: { id: number; version: number }, reason: string) =>
      expect((await as.office.request('POST', `/api/work-task-closures/${c.id}/decide`, { version: c.version, accept: false, reason })).status).toBe(200);

    const first = await ask('建筑强企命名活动已完成，申请办结。');
    expect(await closureTodos(as.housing)).toEqual([]);
    await sendBack(first, '请补充在建公路、水利工程的质量抽查情况');
    const returned = await closureTodos(as.housing);
    expect(returned).toHaveLength(1);
    expect(returned).toMatchObject([
      { key: `workplan.closure-returned:${first.id}`, kind: 'workplan.closure-returned', title: `办结申请被退回，请继续办理：第8项“${t8.title}”`, detail: '退回理由：请补充在建公路、水利工程的质量抽查情况', link: `/workplan/tasks/${t8.id}`, dueAt: null },
    ]);
    // the lead's alone: not the office's, not a cooperating unit's
    expect(await closureTodos(as.office)).toEqual([]);
    expect(await closureTodos(as.yueyang)).toEqual([]);

    // asked again: gone; sent back again: the new reason
    const second = await ask('已补充在建工程质量抽查情况，申请办结。');
    expect(await closureTodos(as.housing)).toEqual([]);
    await sendBack(second, '抽查情况请附通报文件');
    expect((await closureTodos(as.housing)).map((x) => [x.key, x.detail])).toEqual([[`workplan.closure-returned:${second.id}`, '退回理由：抽查情况请附通报文件']]);

    // the lead reports on (its 汇总 report after the return): the task has moved on, the to-do ends
    at('2023-08-14');
    const saved = await as.housing.request('PUT', `/api/work-tasks/${t8.id}/reports/2023-H2`, { version: 0, progress: 80, text: '已按退回意见补充在建工程质量抽查情况，并附通报文件。' });
    const r = saved.json.reports.find((x: any) => x.period === '2023-H2' && x.consolidated);
    expect((await as.housing.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version })).status).toBe(200);
    expect(await closureTodos(as.housing)).toEqual([]);
  });

  it('the lead is not changed while its closure request is pending: a 409 naming it, nothing saved; decided, the lead changes', async () => {
    at('2023-08-15');
    const t4 = task(4).id;
    const [samr, housing] = await Promise.all([orgId(t.db, 'samr'), orgId(t.db, 'housing')]);
    await reportLatePeriods(as.samr, t4);
    const asked = await as.samr.request('POST', `/api/work-tasks/${t4}/closure`, { version: (await page(as.samr, 4)).task.version, summary: '质量基础设施体系建设任务已完成，申请办结。' });
    expect(asked.status).toBe(201);
    const before = (await page(as.office, 4)).task;
    const units = before.units.map((u: any) => ({ orgId: u.org.id, role: u.org.id === samr ? 'cooperating' : u.role }));
    const moved = [...units, { orgId: housing, role: 'lead' }];
    const revisions = async () => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'workPlan.revise').execute()).length;
    const n = await revisions();
    const refused = await as.office.request('PUT', `/api/work-tasks/${t4}`, { version: before.version, units: moved, reason: '调整牵头单位' });
    expect([refused.status, refused.json.message, refused.json.fields]).toEqual([409, '省市场监督管理局的办结申请待审核：请先销号或退回该申请，再调整牵头单位', [{ field: 'units', message: '办结申请待审核，暂不能调整牵头单位' }]]);
    expect((await page(as.office, 4)).leadChangeRefusal).toBe('省市场监督管理局的办结申请待审核：请先销号或退回该申请，再调整牵头单位');
    expect((await page(as.office, 4)).task).toMatchObject({ version: before.version, lead: { name: '省市场监督管理局' } });
    expect(await revisions()).toBe(n);
    // what does not move the lead is changed as before
    const text = await as.office.request('PUT', `/api/work-tasks/${t4}`, { version: before.version, title: '加强全面质量管理，夯实质量基础设施', reason: '标题补充完整' });
    expect(text.status).toBe(200);
    // the request sent back, the office changes the lead
    const closure = text.json.closures.find((x: any) => x.status === 'pending');
    expect((await as.office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: false, reason: '牵头单位调整，请新牵头单位汇总后再申请办结' })).status).toBe(200);
    const now = (await page(as.office, 4)).task;
    const ok = await as.office.request('PUT', `/api/work-tasks/${t4}`, { version: now.version, units: moved, reason: '调整牵头单位' });
    expect([ok.status, ok.json.task.lead?.name]).toEqual([200, '省住房城乡建设厅']);
  });

  it('the lead is not changed while its extension request is pending: a 409 naming it and what to do first; the page is told the same', async () => {
    at('2023-08-16');
    const t5 = task(5).id;
    const [samr, housing] = await Promise.all([orgId(t.db, 'samr'), orgId(t.db, 'housing')]);
    const asked = await as.samr.request('POST', `/api/work-tasks/${t5}/extensions`, { newDueOn: '2024-01-31', reason: '年度工作总结需延至1月底' });
    expect(asked.status).toBe(201);
    const before = (await page(as.office, 5)).task;
    const units = before.units.map((u: any) => ({ orgId: u.org.id, role: u.org.id === samr ? 'cooperating' : u.role }));
    const moved = [...units, { orgId: housing, role: 'lead' }];
    const office = await page(as.office, 5);
    // the edit form says why before anyone tries (the same refusal)
    expect(office.leadChangeRefusal).toBe('省市场监督管理局的延期申请待审批：请先审批该申请（同意或不同意延期），再调整牵头单位');
    const refused = await as.office.request('PUT', `/api/work-tasks/${t5}`, { version: before.version, units: moved, reason: '调整牵头单位' });
    expect([refused.status, refused.json.message, refused.json.fields]).toEqual([409, '省市场监督管理局的延期申请待审批：请先审批该申请（同意或不同意延期），再调整牵头单位', [{ field: 'units', message: '延期申请待审批，暂不能调整牵头单位' }]]);
    expect((await page(as.office, 5)).task).toMatchObject({ version: before.version, lead: { name: '省市场监督管理局' } });
    // decided, the lead changes (and the page no longer warns)
    const ext = office.extensions.find((x: any) => x.status === 'pending');
    expect((await as.office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: false, reason: '牵头单位调整，请新牵头单位视情况申请' })).status).toBe(200);
    expect((await page(as.office, 5)).leadChangeRefusal).toBeNull();
    const ok = await as.office.request('PUT', `/api/work-tasks/${t5}`, { version: before.version, units: moved, reason: '调整牵头单位' });
    expect([ok.status, ok.json.task.lead?.name]).toEqual([200, '省住房城乡建设厅']);
  });

  it('a 销号 and a 确认节点完成 sent together: the milestone is done before the task closed, or the 完成 is a 409 — never done on a closed task', async () => {
    at('2023-12-10');
    // a plan of sixteen tasks 省市场监管局 leads, each with a milestone open and its closure asked
    const samr = await orgId(t.db, 'samr');
    const draft = (await as.office.request('POST', '/api/work-plans', { year: 2024, title: '湖南省质量强省2024年工作要点' })).json;
    for (let k = 1; k <= 16; k++) {
      const added = await as.office.request('POST', `/api/work-plans/${draft.id}/tasks`, { title: `质量提升专项任务${k}`, text: '组织开展质量提升专项行动，年内完成并报送总结。', dueOn: '2024-12-31', units: [{ orgId: samr, role: 'lead' }] });
      expect(added.status).toBe(201);
    }
    const v = (await as.office.request('GET', `/api/work-plans/${draft.id}`)).json;
    const published = (await as.office.request('POST', `/api/work-plans/${draft.id}/publish`, { version: v.version })).json;
    const cases: { task: number; milestone: { id: number; version: number }; closure: { id: number; version: number } }[] = [];
    for (const row of published.taskRows) {
      const added = await as.samr.request('POST', `/api/work-tasks/${row.id}/milestones`, { title: '完成年度工作总结', dueOn: '2024-11-30' });
      expect(added.status).toBe(201);
      const m = added.json.milestones[0];
      const asked = await as.samr.request('POST', `/api/work-tasks/${row.id}/closure`, { version: added.json.task.version, summary: '年度任务已全部完成，申请办结。' });
      expect(asked.status).toBe(201);
      expect(asked.json.abilities.milestoneDone).toBe(true);
      const c = asked.json.closures.find((x: any) => x.status === 'pending');
      cases.push({ task: row.id, milestone: { id: m.id, version: m.version }, closure: { id: c.id, version: c.version } });
    }
    const pairs = await Promise.all(
      cases.map(async (k, i) => {
        const close = () => as.office.request('POST', `/api/work-task-closures/${k.closure.id}/decide`, { version: k.closure.version, accept: true });
        const done = () => as.samr.request('POST', `/api/work-tasks/${k.task}/milestones/${k.milestone.id}/done`, { version: k.milestone.version });
        // sent in either order: the 完成 read its task before or after the 销号 began
        if (i % 2) return Promise.all([close(), done()]);
        const d = done();
        return Promise.all([close(), d]);
      }),
    );
    for (const [k, [close, done]] of pairs.entries()) {
      expect(close.status).toBe(200);
      expect([200, 409]).toContain(done.status);
      if (done.status === 409) expect(done.json.message).toBe('该任务已销号，不能再确认节点完成');
      const audit = await t.db.db
        .selectFrom('audit_log')
        .select(['id', 'action'])
        .where((eb) => eb.or([eb.and([eb('action', '=', 'workTask.accept-close'), eb('entity_id', '=', String(cases[k]!.task))]), eb.and([eb('action', '=', 'workMilestone.done'), eb('entity_id', '=', String(cases[k]!.milestone.id))])]))
        .orderBy('id')
        .execute();
      // a milestone done is done while the task was still open to it: its audit row comes before the 销号's
      expect(audit.map((a) => a.action)).toEqual(done.status === 200 ? ['workMilestone.done', 'workTask.accept-close'] : ['workTask.accept-close']);
      const m = await t.db.db.selectFrom('work_milestone').select('done_at').where('id', '=', cases[k]!.milestone.id).executeTakeFirstOrThrow();
      expect(m.done_at === null).toBe(done.status === 409);
    }
  });
  // PostgreSQL only (row locks while another transaction waits; SQLite runs one writer at a time): not registered on SQLite
  if (dialect === 'postgres') it('a 销号 committed while a 确认节点完成 is under way is seen by it: the 完成 reads its task under the task’s lock', async () => {
    at('2023-12-11');
    const samr = await orgId(t.db, 'samr');
    const draft = (await as.office.request('POST', '/api/work-plans', { year: 2025, title: '湖南省质量强省2025年工作要点' })).json;
    await as.office.request('POST', `/api/work-plans/${draft.id}/tasks`, { title: '质量提升专项任务', text: '组织开展质量提升专项行动，年内完成并报送总结。', dueOn: '2025-12-31', units: [{ orgId: samr, role: 'lead' }] });
    const v = (await as.office.request('GET', `/api/work-plans/${draft.id}`)).json;
    const row = (await as.office.request('POST', `/api/work-plans/${draft.id}/publish`, { version: v.version })).json.taskRows[0];
    const m = (await as.samr.request('POST', `/api/work-tasks/${row.id}/milestones`, { title: '完成年度工作总结', dueOn: '2025-11-30' })).json.milestones[0];
    const asked = (await as.samr.request('POST', `/api/work-tasks/${row.id}/closure`, { version: row.version, summary: '年度任务已全部完成，申请办结。' })).json;
    const closure = asked.closures.find((x: any) => x.status === 'pending');
    // hold the milestone's row, so the 完成 (its task read as 待销号) waits inside its transaction
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const holder = t.db.db.transaction().execute(async (trx) => {
      await trx.selectFrom('work_milestone').select('id').where('id', '=', m.id).forUpdate().execute();
      held();
      await new Promise<void>((r) => (release = r));
    });
    await holding;
    const waiting = async () => Number((await sql<{ n: string }>`select count(*) as n from pg_locks where not granted`.execute(t.db.db)).rows[0]!.n);
    const done = as.samr.request('POST', `/api/work-tasks/${row.id}/milestones/${m.id}/done`, { version: m.version });
    for (let k = 0; k < 100 && (await waiting()) === 0; k++) await new Promise((r) => setTimeout(r, 20));
    // the 销号 meanwhile: it waits for the 完成 (which holds the task) or is committed before the 完成 looks
    const close = as.office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: true });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await holder;
    const [d, c] = await Promise.all([done, close]);
    expect(c.status).toBe(200);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where((eb) => eb.or([eb.and([eb('action', '=', 'workTask.accept-close'), eb('entity_id', '=', String(row.id))]), eb.and([eb('action', '=', 'workMilestone.done'), eb('entity_id', '=', String(m.id))])]))
      .orderBy('id')
      .execute();
    expect([d.status, audit.map((a) => a.action)]).toEqual(d.status === 200 ? [200, ['workMilestone.done', 'workTask.accept-close']] : [409, ['workTask.accept-close']]);
  });
});
