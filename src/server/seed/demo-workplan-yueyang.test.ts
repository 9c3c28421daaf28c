/**
 * 岳阳市质强办's live 2026 work plan in the demo (demo-workplan-yueyang.ts), seen on the demo's day 2026-11-28: the
 * lights of its five tasks, and the 待办 of every account it waits on — the city office (task 4 逾期, closure,
 * extension, 督办单), 岳阳市 (task 4 逾期, 签收, reports) and 汨罗市 (签收, reports, the 督办单 already issued);
 * 岳阳楼区 has nothing waiting.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';

describe.each(testDialects())('the demo’s live 2026 work plan of 岳阳市 on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => new Date('2026-11-28T02:00:00Z') }, { demoAssessment: true });
  });
  afterAll(() => t.close());
  const workTodos = async (username: string) =>
    ((await (await login(t.app, username)).request('GET', '/api/todos')).json.items as any[]).filter((x) => x.kind.startsWith('workplan.')).map((x) => [x.kind, x.title, x.detail]);

  it('is published by 岳阳市质强办, quarterly, marked 演示数据 with its seed section; lights as of today', async () => {
    const office = await login(t.app, 'yueyang.office');
    const list = (await office.request('GET', '/api/work-plans')).json;
    // the province's 2023 plan is the province office's to import, not a city office's
    expect(list.abilities.import).toBe(false);
    expect((await (await login(t.app, 'office')).request('GET', '/api/work-plans')).json.abilities.import).toBe(true);
    const plan = list.items.find((p: any) => p.year === 2026);
    expect(plan).toMatchObject({ title: '岳阳市2026年质量强市工作要点（演示数据）', issuer: { name: '岳阳市质强办' }, status: 'published', schedule: 'quarterly', tasks: 5, asOf: '2026-11-28' });
    const detail = (await office.request('GET', `/api/work-plans/${plan.id}`)).json;
    expect(detail.source.source).toMatchObject({ seed: '002_42231ee3001d2f8f.txt', section: '三、工作举措（三）（四）（六）（七）（十一）' });
    expect(detail.source.source.note).toContain('演示数据');
    expect(detail.taskRows.map((r: any) => [r.number, r.lead.name, r.status, r.light.light, r.progress])).toEqual([
      [1, '岳阳市', 'closing', 'green', 85],
      [2, '汨罗市', 'open', 'red', 60],
      // its lead 岳阳楼区 is on time, its 配合单位 岳阳市 behind: the task is as severe as its worst unit (taskLightOf)
      [3, '岳阳楼区', 'open', 'yellow', 85],
      [4, '岳阳市', 'open', 'red', 85],
      [5, '岳阳市', 'open', 'red', null],
    ]);
    expect(detail.taskRows[1].light.reasons[0]).toBe('2026-10-10应报送的进展未报送');
    expect(detail.taskRows[3].light.reasons[0]).toBe('已超过办理期限2026-10-31');
    expect(detail.taskRows[2].light).toMatchObject({ label: '预警', reasons: ['岳阳市：进度80%落后于序时进度91%'] });
    expect(detail.taskRows[2].units.map((u: any) => [u.org.name, u.light.light])).toEqual([
      ['岳阳楼区', 'green'],
      ['岳阳市', 'yellow'],
    ]);
    expect(detail.taskRows[4].units.map((u: any) => [u.org.name, u.signed])).toEqual([
      ['岳阳市', false],
      ['汨罗市', false],
    ]);
  });

  it("each user lands on the plan of their own region: the province's for its leader and departments, 岳阳市's for its units", async () => {
    const first = async (username: string) => ((await (await login(t.app, username)).request('GET', '/api/work-plans')).json.items as any[]).map((p) => [p.year, p.issuer.name]);
    const province = [2023, expect.stringContaining('质强办')];
    expect((await first('leader'))[0]).toEqual(province);
    expect((await first('leader'))[0][1]).not.toBe('岳阳市质强办');
    expect((await first('miit'))[0]).toEqual((await first('leader'))[0]);
    expect((await first('miluo'))[0]).toEqual([2026, '岳阳市质强办']);
    expect((await first('yueyang'))[0]).toEqual([2026, '岳阳市质强办']);
    expect((await first('yueyang.office'))[0]).toEqual([2026, '岳阳市质强办']);
    // a city with no plan of its own (长沙市, 岳麓区) lands on the province's, on which it reports, not on 岳阳市's newer one
    expect((await first('changsha'))[0]).toEqual(province);
    expect((await first('yuelu'))[0]).toEqual(province);
    // the 驾驶舱 card follows the same rule: the province leader sees the province's 2023 plan, not a city's newer one
    const card = (await (await login(t.app, 'leader')).request('GET', '/api/dashboard')).json.workPlans as any[];
    expect(card.map((p) => p.year)).toEqual([2023]);
    expect(card[0].title).not.toContain('岳阳');
  });

  it('岳阳市质强办 reviews the closure and the extension and is to issue 督办单 on task 5', async () => {
    expect(await workTodos('yueyang.office')).toEqual([
      // task 4 is past its deadline without 销号: the first to-do (its deadline is the earliest)
      ['workplan.overdue', '任务已逾期28天：第4项“加强产品质量安全监管”', '岳阳市牵头，办理期限2026-10-31，尚未申请办结，请督促办理'],
      ['workplan.escalate', '下发督办单：第5项“推动制造业高质量发展”', '宽限期满仍未报送，已到列入通报阶段：岳阳市、汨罗市（均尚未催办）'],
      ['workplan.review', '审核办结申请：第1项“提升检验检测能力水平”', '岳阳市申请办结，请销号或退回'],
      ['workplan.review', '审批延期申请：第3项“深入推进质量基础设施“一站式”服务”', '岳阳楼区申请延期至2027-03-31'],
    ]);
    // the province's office supervises its own plan only
    expect(await workTodos('office')).toEqual([]);
  });

  it('岳阳市 and 汨罗市 sign for task 5 and report; 汨罗市 sees the 督办单 on task 2; 岳阳楼区 has nothing waiting', async () => {
    expect((await workTodos('yueyang')).sort()).toEqual([
      ['workplan.overdue', '任务已逾期28天：第4项“加强产品质量安全监管”', '办理期限2026-10-31已过，尚未销号：请尽快办结并申请办结；确需延期的，写明逾期原因申请延期'],
      ['workplan.report', '报送第5项“推动制造业高质量发展”2026年上半年进展（汇总报告）', null],
      ['workplan.sign', '签收督办任务：第5项“推动制造业高质量发展”', null],
    ]);
    expect((await workTodos('miluo')).sort()).toEqual([
      ['workplan.report', '报送第2项“提升质量管理水平”2026年第三季度进展（汇总报告）', '质强办已就2026年第三季度进展下发督办单，请即报送并填写逾期原因（至少5个字），说明未按期报送的原因'],
      ['workplan.report', '报送第5项“推动制造业高质量发展”2026年上半年进展', null],
      ['workplan.sign', '签收督办任务：第5项“推动制造业高质量发展”', null],
    ]);
    expect(await workTodos('yueyanglou')).toEqual([]);
    // a report's to-do opens the task page on the period it names
    const links = ((await (await login(t.app, 'miluo')).request('GET', '/api/todos')).json.items as any[]).filter((x) => x.kind === 'workplan.report').map((x) => x.link);
    expect(links.map((l: string) => l.replace(/\d+/, 'N')).sort()).toEqual(['/workplan/tasks/N?period=2026-H1', '/workplan/tasks/N?period=2026-Q3']);
  });

  it('task 3: 岳阳楼区 answered the 督办单 on its 第三季度 report with a 逾期原因, which the office reads beside the report', async () => {
    const office = await login(t.app, 'yueyang.office');
    const plan = ((await office.request('GET', '/api/work-plans')).json.items as any[]).find((p) => p.year === 2026);
    const task3 = (await office.request('GET', `/api/work-tasks/${(await office.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows[2].id}`)).json;
    expect(task3.notices.map((n: any) => [n.org.name, n.period, n.kindLabel])).toEqual([
      ['岳阳楼区', '2026-Q3', '催办'],
      ['岳阳楼区', '2026-Q3', '督办单'],
    ]);
    const reply = task3.reports.find((r: any) => r.org.name === '岳阳楼区' && r.period === '2026-Q3');
    expect(reply).toMatchObject({ status: 'submitted', submittedAt: '2026-10-20T02:00:00.000Z', lateReason: expect.stringContaining('未能按期报送') });
    // answered: no longer among the late units, nothing left to press for
    expect(task3.overdue).toEqual([]);
  });
  it('task 4, past its deadline 2026-10-31, may still ask an extension: marked 逾期申请 for the office, the 逾期 to-do stays while it waits', async () => {
    const yueyang = await login(t.app, 'yueyang');
    const items = (await yueyang.request('GET', '/api/work-tasks')).json.items.filter((x: any) => x.plan.year === 2026);
    const t4 = items.find((x: any) => x.number === 4);
    const r = await yueyang.request('POST', `/api/work-tasks/${t4.id}/extensions`, { newDueOn: '2027-01-31', reason: '抽查批次未完成：第四季度抽样机构调整，剩余 60 批次须至明年 1 月完成' });
    expect(r.status).toBe(201);
    expect(r.json.extensions[0]).toMatchObject({ fromDueOn: '2026-10-31', newDueOn: '2027-01-31', status: 'pending', late: true });
    expect((await workTodos('yueyang.office')).find((x) => x[0] === 'workplan.review' && String(x[1]).includes('第4项'))).toEqual([
      'workplan.review',
      '审批延期申请：第4项“加强产品质量安全监管”',
      '岳阳市申请延期至2027-01-31（逾期后申请：原期限2026-10-31已过28天）',
    ]);
    expect((await workTodos('yueyang')).find((x) => x[0] === 'workplan.overdue')?.[2]).toContain('延期申请待质强办审批');
  });
  it('the 第三季度 通报 names the half-yearly task 5 by its own period: 2026年上半年 is owed, not a 第三季度 report it has none of', async () => {
    const office = await login(t.app, 'yueyang.office');
    const plan = ((await office.request('GET', '/api/work-plans')).json.items as any[]).find((p) => p.year === 2026);
    const task5 = (await office.request('GET', `/api/work-tasks/${(await office.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows[4].id}`)).json;
    expect(task5.periods.map((p: any) => p.code)).toEqual(['2026-H1', '2026-H2']);
    const r = await t.app.inject({ method: 'GET', url: `/api/work-plans/${plan.id}/notice.docx?period=2026-Q3`, headers: { cookie: office.cookie } });
    expect(r.statusCode).toBe(200);
    const text = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('5. 推动制造业高质量发展（岳阳市牵头，尚未报告进度，报送逾期）：2026年上半年汇总报告尚未报送。');
    expect(text).not.toContain('2026年第三季度汇总报告尚未报送');
    // the 督办单 岳阳楼区 answered on task 3: when it was issued, when the report came in, and why it was late
    expect(text).toContain('以下单位收到督办单后已报送进展（1份）：');
    expect(text).toContain('第3项“深入推进质量基础设施“一站式”服务”：岳阳楼区2026年第三季度进展应于2026年10月10日前报送，2026年10月17日下发督办单后于2026年10月20日报送，逾期10天；逾期原因：“石化产业服务中心检验检测设备招标结果10月中旬才公示，为如实反映建设进度，待结果确定后汇总报送，未能按期报送”。');
  });
  it('task 4, 逾期 on 2026-10-31: the office may not move the missed deadline by an edit (the 逾期 would vanish); the lead asks a late extension', async () => {
    const office = await login(t.app, 'yueyang.office');
    const plan = ((await office.request('GET', '/api/work-plans')).json.items as any[]).find((p) => p.year === 2026);
    const row = (await office.request('GET', `/api/work-plans/${plan.id}`)).json.taskRows[3];
    expect([row.number, row.dueOn, row.light.label]).toEqual([4, '2026-10-31', '逾期']);
    const moved = await office.request('PUT', `/api/work-tasks/${row.id}`, { version: row.version, dueOn: '2026-12-31', reason: '调整办理期限' });
    expect([moved.status, moved.json.message, moved.json.fields]).toEqual([
      409,
      '办理期限2026-10-31已过，不能直接修改（修改会抹去逾期记录）；确需顺延的，请由牵头单位申请延期（逾期后申请），经质强办审批',
      [{ field: 'dueOn', message: '办理期限2026-10-31已过，不能直接修改（修改会抹去逾期记录）；确需顺延的，请由牵头单位申请延期（逾期后申请），经质强办审批' }],
    ]);
    const after = (await office.request('GET', `/api/work-tasks/${row.id}`)).json.task;
    expect([after.dueOn, after.light.label, after.version]).toEqual(['2026-10-31', '逾期', row.version]);
    // the rest of the task is still edited as before
    expect((await office.request('PUT', `/api/work-tasks/${row.id}`, { version: row.version, title: '加强产品质量安全监管工作', reason: '标题规范' })).status).toBe(200);
  });
});
