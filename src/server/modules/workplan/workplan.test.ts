/**
 * Work plan supervision through the API (issue 13), with a controllable clock (config.now), no sleeps: the office
 * imports the 2023 工作要点 as a draft, edits and publishes it; a change after publication is a revision with a
 * reason; units sign and report, the lead sees the sub-reports and consolidates, returns are corrected; an overdue
 * report escalates 催办 → 督办单; an extension is asked before the deadline and approved; closure is returned,
 * then accepted; bad input is refused in Chinese with nothing saved; lost updates are 409; every change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { reportLatePeriods } from '../../test/workplan';
import { chinaMoment } from '../../../shared/deadline';

describe.each(testDialects())('work plan supervision on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2023-05-17T02:00:00Z');
  const at = (iso: string) => (now = new Date(`${iso}T02:00:00Z`));
  let office: Client;
  let samr: Client;
  let yueyang: Client;
  let changsha: Client;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const todos = async (c: Client) => (await c.request('GET', '/api/todos')).json.items as any[];
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now });
    [office, samr, yueyang, changsha] = await Promise.all(['office', 'samr', 'yueyang', 'changsha'].map((u) => login(t.app, u)));
  });
  afterAll(() => t.close());

  it('the office imports the 2023 plan as a draft that only it sees; a second import is a 409', async () => {
    const r = await office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' });
    expect(r.status).toBe(201);
    plan = r.json;
    expect(plan).toMatchObject({ year: 2023, status: 'draft', statusLabel: '草稿', revision: 0, tasks: 13, targets: 'hunan-2023-targets', abilities: { publish: true } });
    expect(plan.warnings.length).toBeGreaterThan(5);
    expect(task(1).lead.name).toBe('省质强办');
    expect(task(8)).toMatchObject({ lead: { name: '省住房城乡建设厅' }, unitsText: '省住房城乡建设厅，省交通运输厅、省水利厅，各州市配合' });
    expect(task(9).lead).toBeNull();
    expect(task(9).consolidator.name).toBe('省质强办');
    // 各市州 → 14 cities; 各成员单位 → every member department; 相关成员单位 names nobody yet
    expect(task(1).units.filter((u: any) => u.role === 'cooperating')).toHaveLength(14 + 19);
    expect(task(3).units).toHaveLength(1 + 14);
    expect((await samr.request('GET', `/api/work-plans/${plan.id}`)).status).toBe(404);
    expect((await samr.request('GET', '/api/work-plans')).json.items).toEqual([]);
    const again = await office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' });
    expect([again.status, again.json.message, again.json.fields]).toEqual([409, expect.stringMatching(named('本单位2023年度已有工作要点，已由您在其他窗口于<T>导入，请刷新后查看')), [{ field: 'source', message: '该年度已有工作要点' }]]);
    expect((await samr.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).status).toBe(403);
    const bad = await office.request('POST', '/api/work-plans/import', { source: 'nowhere' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('填写的内容有误 — 来源：工作要点应为2023年全省质量工作要点（hunan-2023）');
  });

  it('a draft task is edited freely (相关成员单位 named); a stale version is a 409', async () => {
    const [samrId, miit, yy, cs] = await Promise.all(['samr', 'miit', '430600', '430100'].map((c) => orgId(t.db, c)));
    const t3 = task(3);
    const units = [
      { orgId: samrId, role: 'lead' },
      { orgId: miit, role: 'cooperating' },
      { orgId: yy, role: 'cooperating' },
      { orgId: cs, role: 'cooperating' },
    ];
    const r = await office.request('PUT', `/api/work-tasks/${t3.id}`, { version: t3.version, units });
    expect(r.status).toBe(200);
    expect(r.json.task.units.map((u: any) => u.org.name)).toEqual(['省市场监督管理局', '省工业和信息化厅', '岳阳市', '长沙市']);
    expect((await office.request('PUT', `/api/work-tasks/${t3.id}`, { version: t3.version, title: '旧版本' })).status).toBe(409);
    const two = await office.request('PUT', `/api/work-tasks/${t3.id}`, { version: r.json.task.version, units: [{ orgId: samrId, role: 'lead' }, { orgId: miit, role: 'lead' }] });
    expect(two.status).toBe(400);
    expect(two.json.message).toBe('一项任务只能有一个牵头单位');
  });

  it('publishes (stale version 409); afterwards a change needs a reason and becomes revision 2', async () => {
    expect((await office.request('POST', `/api/work-plans/${plan.id}/publish`, { version: plan.version + 5 })).status).toBe(409);
    const r = await office.request('POST', `/api/work-plans/${plan.id}/publish`, { version: plan.version });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'published', revision: 1 });
    // 发布 again from another window of the same person: said as theirs, not as someone else's change; a colleague is told who
    const again = await office.request('POST', `/api/work-plans/${plan.id}/publish`, { version: plan.version });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/^该工作要点已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}发布，请刷新后查看$/);
    const colleague = await login(t.app, 'office2');
    const theirs = await colleague.request('POST', `/api/work-plans/${plan.id}/publish`, { version: plan.version });
    expect(theirs.json.message).toMatch(/^该工作要点已由唐碧辉（省质强办）于\d{4}-\d{2}-\d{2} \d{2}:\d{2}发布，请刷新后查看$/);
    plan = r.json;
    const t13 = task(13);
    const noReason = await office.request('PUT', `/api/work-tasks/${t13.id}`, { version: t13.version, dueOn: '2023-11-30' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields).toEqual([{ field: 'reason', message: '请填写修改理由' }]);
    const ok = await office.request('PUT', `/api/work-tasks/${t13.id}`, { version: t13.version, dueOn: '2023-11-30', reason: '领导小组会议要求提前完成' });
    expect(ok.status).toBe(200);
    expect(ok.json.task.dueOn).toBe('2023-11-30');
    plan = (await office.request('GET', `/api/work-plans/${plan.id}`)).json;
    expect(plan.revision).toBe(2);
    expect(plan.revisions).toEqual([{ revision: 2, reason: '领导小组会议要求提前完成', createdAt: '2023-05-17T02:00:00.000Z' }]);
    expect((await samr.request('GET', '/api/work-plans')).json.items.map((p: any) => p.id)).toEqual([plan.id]);
  });

  it('units sign for their tasks once; the to-do disappears', async () => {
    const t3 = task(3);
    expect((await todos(yueyang)).map((x) => x.key)).toContain(`workplan.sign:${t3.id}`);
    const page = (await yueyang.request('GET', `/api/work-tasks/${t3.id}`)).json;
    expect(page.abilities).toMatchObject({ sign: true, report: true, consolidate: false, askClosure: false });
    const r = await yueyang.request('POST', `/api/work-tasks/${t3.id}/sign`, { version: page.myUnit.version });
    expect(r.status).toBe(200);
    expect(r.json.myUnit.signed).toBe(true);
    expect((await yueyang.request('POST', `/api/work-tasks/${t3.id}/sign`, { version: r.json.myUnit.version })).json.message).toMatch(/^本单位已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}签收该任务$/);
    expect((await todos(yueyang)).map((x) => x.key)).not.toContain(`workplan.sign:${t3.id}`);
    // a unit that is not on the task
    const t8 = task(8);
    expect((await samr.request('POST', `/api/work-tasks/${t8.id}/sign`, { version: 1 })).status).toBe(403);
  });

  let subReport: any;
  it('a cooperating unit reports its part; the lead sees it, another city does not; the lead consolidates and the city sees that', async () => {
    at('2023-06-28');
    const t3 = task(3);
    const early = await yueyang.request('PUT', `/api/work-tasks/${t3.id}/reports/2023-H2`, { version: 0, progress: 10, text: '下半年工作已经开始' });
    expect(early.status).toBe(400);
    expect(early.json.message).toBe('2023年下半年尚未开始，不能报送');
    // the report to-do appears within the warning days before its due date
    expect((await todos(yueyang)).map((x) => x.key)).not.toContain(`workplan.report:${t3.id}:2023-H1`);
    at('2023-07-03');
    expect((await todos(yueyang)).find((x) => x.key === `workplan.report:${t3.id}:2023-H1`)).toMatchObject({ dueAt: '2023-07-10' });
    // the form opens on the next period due; a unit that does not report on the task has none
    expect((await yueyang.request('GET', `/api/work-tasks/${t3.id}`)).json.reportPeriod).toBe('2023-H1');
    expect((await office.request('GET', `/api/work-tasks/${t3.id}`)).json.reportPeriod).toBeNull();
    // digits alone are no 工作进展: refused beside the field, nothing saved
    const digits = await yueyang.request('PUT', `/api/work-tasks/${t3.id}/reports/2023-H1`, { version: 0, progress: 40, text: '12345' });
    expect([digits.status, digits.json.fields]).toEqual([400, [{ field: 'text', message: '工作进展只有数字或符号，请用文字写明' }]]);
    expect((await yueyang.request('GET', `/api/work-tasks/${t3.id}`)).json.reports).toEqual([]);
    const saved = await yueyang.request('PUT', `/api/work-tasks/${t3.id}/reports/2023-H1`, { version: 0, progress: 40, text: '岳阳市制定考核迎检方案，开展自查。', problems: '部分县区材料不全' });
    expect(saved.status).toBe(200);
    subReport = saved.json.reports[0];
    expect(subReport).toMatchObject({ consolidated: false, status: 'draft', progress: 40, periodLabel: '2023年上半年' });
    const sub = await yueyang.request('POST', `/api/work-task-reports/${subReport.id}/submit`, { version: subReport.version });
    expect(sub.status).toBe(200);
    subReport = sub.json.reports[0];
    expect(subReport.status).toBe('submitted');
    expect((await samr.request('GET', `/api/work-tasks/${t3.id}`)).json.reports.map((r: any) => r.org.name)).toEqual(['岳阳市']);
    expect((await changsha.request('GET', `/api/work-tasks/${t3.id}`)).json.reports).toEqual([]);
    const cons = await samr.request('PUT', `/api/work-tasks/${t3.id}/reports/2023-H1`, { version: 0, progress: 50, text: '汇总：各市州已开展自查，迎检方案已印发。', nextSteps: '9月完成迎检' });
    const mine = cons.json.reports.find((r: any) => r.consolidated);
    expect(mine).toMatchObject({ org: { name: '省市场监督管理局' }, progress: 50 });
    expect((await samr.request('POST', `/api/work-task-reports/${mine.id}/submit`, { version: mine.version })).status).toBe(200);
    const seen = (await changsha.request('GET', `/api/work-tasks/${t3.id}`)).json;
    expect(seen.reports.map((r: any) => [r.org.name, r.consolidated])).toEqual([['省市场监督管理局', true]]);
    expect(seen.task.progress).toBe(50);
  });

  it('the lead returns a sub-report; the city may not lower its progress without a reason, then corrects it', async () => {
    const t3 = task(3);
    // another city's sub-report is not changsha's to read (the task page above shows it none): the 404 of an unknown id
    expect((await changsha.request('POST', `/api/work-task-reports/${subReport.id}/return`, { version: subReport.version, reason: '请补充数据' })).status).toBe(404);
    const back = await samr.request('POST', `/api/work-task-reports/${subReport.id}/return`, { version: subReport.version, reason: '请补充县区自查数据' });
    expect(back.status).toBe(200);
    const returned = back.json.reports.find((r: any) => r.id === subReport.id);
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请补充县区自查数据' });
    const todo = (await todos(yueyang)).find((x) => x.key === `workplan.report:${t3.id}:2023-H1`);
    expect(todo.title).toContain('修改后重新报送');
    expect(todo.detail).toContain('退回理由：请补充县区自查数据');
    const lower = await yueyang.request('PUT', `/api/work-tasks/${t3.id}/reports/2023-H1`, { version: returned.version, progress: 30, text: '补充了县区数据。' });
    expect(lower.status).toBe(400);
    expect(lower.json.message).toBe('进度30%低于上次报送的40%，请说明下调原因');
    expect(lower.json.fields[0].field).toBe('progressReason');
    const stored = await t.db.db.selectFrom('work_task_report').select(['progress', 'text']).where('id', '=', subReport.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ progress: 40, text: '岳阳市制定考核迎检方案，开展自查。' });
    const ok = await yueyang.request('PUT', `/api/work-tasks/${t3.id}/reports/2023-H1`, { version: returned.version, progress: 30, progressReason: '两个县区自查未完成，重新核算', text: '补充了县区数据。' });
    expect(ok.status).toBe(200);
    const again = ok.json.reports.find((r: any) => r.id === subReport.id);
    expect((await yueyang.request('POST', `/api/work-task-reports/${subReport.id}/submit`, { version: again.version })).status).toBe(200);
    expect((await yueyang.request('POST', `/api/work-task-reports/${subReport.id}/submit`, { version: again.version + 1 })).status).toBe(409);
  });

  it('an overdue report escalates: no 催办 before the due date, 催办 after it, 督办单 only after the grace days; lights turn red', async () => {
    const t7 = task(7);
    const miit = await login(t.app, 'miit');
    const miitId = await orgId(t.db, 'miit');
    at('2023-07-10');
    const early = await office.request('POST', `/api/work-tasks/${t7.id}/notices`, { orgId: miitId, period: '2023-H1', kind: 'reminder' });
    expect(early.status).toBe(409);
    expect(early.json.message).toBe('2023年上半年的进展报送期限为2023-07-10，尚未逾期，不能催办');
    at('2023-07-12');
    // the late unit's form opens on the half-year it owes, not on the one now running
    expect((await miit.request('GET', `/api/work-tasks/${t7.id}`)).json.reportPeriod).toBe('2023-H1');
    let page = (await office.request('GET', `/api/work-tasks/${t7.id}`)).json;
    expect(page.task.light.light).toBe('red');
    expect(page.overdue.find((o: any) => o.org.id === miitId)).toMatchObject({ stage: 'reminder', stageLabel: '催办' });
    expect((await todos(office)).map((x) => x.key)).toContain(`workplan.remind:${t7.id}`);
    const order = await office.request('POST', `/api/work-tasks/${t7.id}/notices`, { orgId: miitId, period: '2023-H1', kind: 'order' });
    expect(order.status).toBe(409);
    expect(order.json.message).toContain('宽限期');
    expect((await office.request('POST', `/api/work-tasks/${t7.id}/notices`, { orgId: miitId, period: '2023-H1', kind: 'reminder' })).status).toBe(201);
    expect((await office.request('POST', `/api/work-tasks/${t7.id}/notices`, { orgId: miitId, period: '2023-H1', kind: 'reminder' })).status).toBe(409);
    at('2023-07-16');
    expect((await todos(office)).map((x) => x.key)).toContain(`workplan.order:${t7.id}`);
    const issued = await office.request('POST', `/api/work-tasks/${t7.id}/notices`, { orgId: miitId, period: '2023-H1', kind: 'order' });
    expect(issued.status).toBe(201);
    expect(issued.json.notices.map((n: any) => n.kindLabel)).toEqual(['催办', '督办单']);
    expect(issued.json.notices[1].replyBy).toBe('2023-07-21');
    // the 督办单 says more than the 催办: the day to report by, and that the reason for the delay is due
    expect(issued.json.notices[0].text).toMatch(/现已逾期\d+天，请即报送。$/);
    expect(issued.json.notices[1].text).toMatch(/逾期仍未报送，现下发督办单，请于2023年7月21日前报送并说明逾期原因。$/);
    const miitTodo = (await todos(miit)).find((x) => x.key === `workplan.report:${t7.id}:2023-H1`);
    expect(miitTodo.detail).toBe('质强办已就2023年上半年进展下发督办单，请即报送并填写逾期原因（至少5个字），说明未按期报送的原因');
    page = (await miit.request('GET', `/api/work-tasks/${t7.id}`)).json;
    expect(page.notices).toHaveLength(2);
    // the matrix: one light per task and unit
    const m = (await office.request('GET', `/api/work-plans/${plan.id}/matrix`)).json;
    expect(m.rows.find((r: any) => r.task.number === 7).light).toBe('red');
    expect(m.columns.length).toBeGreaterThan(14);
  });

  it('an extension is asked before the deadline and approved; the original deadline stays; after the deadline it is asked late', async () => {
    const housing = await login(t.app, 'housing');
    const t8 = task(8);
    at('2023-12-01');
    expect((await samr.request('POST', `/api/work-tasks/${t8.id}/extensions`, { newDueOn: '2024-03-31', reason: '工程验收推迟' })).status).toBe(403);
    const noReason = await housing.request('POST', `/api/work-tasks/${t8.id}/extensions`, { newDueOn: '2023-12-15', reason: '验收推迟' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.message).toBe('延期后的日期须晚于现行期限2023-12-31');
    const r = await housing.request('POST', `/api/work-tasks/${t8.id}/extensions`, { newDueOn: '2024-03-31', reason: '部分工程验收推迟至一季度' });
    expect(r.status).toBe(201);
    const ext = r.json.extensions[0];
    expect(ext).toMatchObject({ status: 'pending', fromDueOn: '2023-12-31', newDueOn: '2024-03-31' });
    expect((await todos(office)).map((x) => x.key)).toContain(`workplan.extension:${ext.id}`);
    const refuseBare = await office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: false });
    expect(refuseBare.status).toBe(400);
    expect(refuseBare.json.message).toBe('不同意延期须写明理由');
    const ok = await office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: true });
    expect(ok.status).toBe(200);
    expect(ok.json.task).toMatchObject({ dueOn: '2023-12-31', deadline: '2024-03-31' });
    expect(ok.json.extensions[0]).toMatchObject({ status: 'approved', judgeAgainstOriginal: true });
    expect((await office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ok.json.extensions[0].version, approve: true })).status).toBe(409);
    // task 10's deadline has passed: the lead may still ask (逾期申请延期), for a date after today, marked late
    const ecology = await login(t.app, 'ecology');
    at('2024-01-02');
    const past = await ecology.request('POST', `/api/work-tasks/${task(10).id}/extensions`, { newDueOn: '2024-01-02', reason: '监测数据未出' });
    expect([past.status, past.json.message]).toEqual([400, '办理期限2023-12-31已过，延期后的日期须晚于今天2024-01-02']);
    expect(await t.db.db.selectFrom('work_task_extension').select('id').where('task_id', '=', task(10).id).execute()).toEqual([]);
    const late = await ecology.request('POST', `/api/work-tasks/${task(10).id}/extensions`, { newDueOn: '2024-02-28', reason: '监测数据未出' });
    expect(late.status).toBe(201);
    expect(late.json.extensions[0]).toMatchObject({ status: 'pending', late: true });
    // task 8's extension was approved 逾期仍按原期限判定: past 2023-12-31 it is late, on the page and in the plan's lights
    const t8now = (await office.request('GET', `/api/work-tasks/${t8.id}`)).json.task;
    expect(t8now).toMatchObject({ dueOn: '2023-12-31', deadline: '2024-03-31', light: { light: 'red' } });
    expect(t8now.light.reasons).toContain('已超过办理期限2023-12-31（已延期至2024-03-31，逾期仍按该期限判定）');
    expect(t8now.units.find((u: any) => u.org.name === '省住房城乡建设厅').light.reasons).toContain('已超过办理期限2023-12-31（已延期至2024-03-31，逾期仍按该期限判定）');
  });

  it('closure: the lead asks, the office returns with a reason, the lead asks again, the office closes; no report after that', async () => {
    at('2023-11-20');
    let t13 = (await samr.request('GET', `/api/work-tasks/${task(13).id}`)).json.task;
    // its 2023 上半年 汇总 report is late: 办结 waits for it (asked, the late report, its 催办 and its red would vanish)
    expect(t13.light).toMatchObject({ light: 'red', label: '报送逾期' });
    const waits = '该任务2023年上半年的汇总报告已过报送期限仍未报送，请先报送，再申请办结';
    expect((await samr.request('GET', `/api/work-tasks/${t13.id}`)).json).toMatchObject({ closureWaits: waits, abilities: { askClosure: true } });
    const early = await samr.request('POST', `/api/work-tasks/${t13.id}/closure`, { version: t13.version, summary: '质量监测指标体系已建立，调查已完成。' });
    expect([early.status, early.json.message]).toEqual([409, waits]);
    expect((await t.db.db.selectFrom('work_task').select('status').where('id', '=', t13.id).executeTakeFirstOrThrow()).status).toBe('open');
    await reportLatePeriods(samr, t13.id);
    t13 = (await samr.request('GET', `/api/work-tasks/${t13.id}`)).json.task;
    expect((await samr.request('GET', `/api/work-tasks/${t13.id}`)).json.closureWaits).toBeNull();
    const ask = await samr.request('POST', `/api/work-tasks/${t13.id}/closure`, { version: t13.version, summary: '质量监测指标体系已建立，调查已完成。' });
    expect([ask.status, ask.json.message]).toEqual([201, undefined]);
    expect(ask.json.task.status).toBe('closing');
    const closure = ask.json.closures[0];
    expect((await todos(office)).map((x) => x.key)).toContain(`workplan.closure:${closure.id}`);
    const blocked = await samr.request('PUT', `/api/work-tasks/${t13.id}/reports/2023-H2`, { version: 0, progress: 90, text: '申请办结期间的报告' });
    expect(blocked.json.message).toBe('该任务已申请办结，待质强办审核，暂不能报送进展');
    const noReason = await office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: false });
    expect(noReason.json.message).toBe('退回办结申请须写明理由');
    const back = await office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: false, reason: '缺少质量指数研究成果' });
    expect(back.status).toBe(200);
    expect(back.json.task.status).toBe('open');
    expect(back.json.closures[0]).toMatchObject({ status: 'returned', decisionReason: '缺少质量指数研究成果' });
    t13 = back.json.task;
    const again = await samr.request('POST', `/api/work-tasks/${t13.id}/closure`, { version: t13.version, summary: '已补充质量指数研究报告。' });
    const second = again.json.closures[1];
    const done = await office.request('POST', `/api/work-task-closures/${second.id}/decide`, { version: second.version, accept: true });
    expect(done.json.task).toMatchObject({ status: 'closed', statusLabel: '已销号', light: { light: 'done' } });
    const after = await samr.request('PUT', `/api/work-tasks/${t13.id}/reports/2023-H2`, { version: 0, progress: 100, text: '办结后的报告' });
    expect(after.status).toBe(409);
    expect(after.json.message).toBe('该任务已销号，不能再报送进展');
    // nothing after the 销号: the one report is the 上半年's, made before the request
    expect((await t.db.db.selectFrom('work_task_report').select('period').where('task_id', '=', t13.id).execute()).map((r) => r.period)).toEqual(['2023-H1']);
    // a task 销号 is a record: a unit that never signed for it (长沙市, one of the 各市州) is no longer offered 签收, nor may it sign
    const page = (await changsha.request('GET', `/api/work-tasks/${t13.id}`)).json;
    expect(page.myUnit.signed).toBe(false);
    expect(page.abilities.sign).toBe(false);
    const sign = await changsha.request('POST', `/api/work-tasks/${t13.id}/sign`, { version: page.myUnit.version });
    expect(sign.status).toBe(409);
    expect(sign.json.message).toMatch(/^该任务已由.+于\d{4}-\d{2}-\d{2} \d{2}:\d{2}销号，不能再签收$/);
  });

  it('a pending extension is decided before the task is closed: 销号 with one waiting is a 409 saying so, nothing changes', async () => {
    at('2023-11-21');
    const t11 = task(11);
    await reportLatePeriods(samr, t11.id);
    const asked = await samr.request('POST', `/api/work-tasks/${t11.id}/extensions`, { newDueOn: '2024-02-28', reason: '进出口商品风险预警机制尚待省政府审定' });
    expect(asked.status).toBe(201);
    // one pending at a time: the page no longer offers 申请延期 (the command refuses a second, naming the first)
    expect(asked.json.abilities).toMatchObject({ askExtension: false, askClosure: true });
    const second = await samr.request('POST', `/api/work-tasks/${t11.id}/extensions`, { newDueOn: '2024-03-31', reason: '再申请一次' });
    expect([second.status, second.json.message]).toEqual([409, `该任务已由您于${chinaMoment(now)}申请延期至2024-02-28，待质强办审批`]);
    const ext = asked.json.extensions[0];
    const ask = await samr.request('POST', `/api/work-tasks/${t11.id}/closure`, { version: asked.json.task.version, summary: '监管机制已建立，各项工作已完成。' });
    expect(ask.status).toBe(201);
    const closure = ask.json.closures[0];
    const early = await office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: true });
    expect(early.status).toBe(409);
    expect(early.json.message).toBe('该任务还有一项延期申请待审批，请先审批延期申请（同意或不同意并写明理由），再决定销号');
    const page = (await office.request('GET', `/api/work-tasks/${t11.id}`)).json;
    expect(page.task.status).toBe('closing');
    expect(page.closures[0].status).toBe('pending');
    expect(page.extensions[0].status).toBe('pending');
    const refused = await office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: false, reason: '任务已申请办结，无需延期' });
    expect(refused.status).toBe(200);
    const done = await office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: true });
    expect(done.status).toBe(200);
    expect(done.json.task).toMatchObject({ status: 'closed', deadline: '2023-12-31' });
    // nothing of task 11 waits on the office any more
    expect((await todos(office)).filter((x) => x.link === `/workplan/tasks/${t11.id}`)).toEqual([]);
  });

  it('each unit lists its own tasks with their lights; the office lists all of its plan', async () => {
    const mine = (await yueyang.request('GET', '/api/work-tasks')).json.items;
    // 岳阳市 is one of the 各市州 of every task but 3 (named on the draft) and cooperates on 3 too
    expect(mine.map((x: any) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(mine.find((x: any) => x.number === 3)).toMatchObject({ myRole: 'cooperating', plan: { year: 2023 } });
    const samrTasks = (await samr.request('GET', '/api/work-tasks')).json.items;
    expect(samrTasks.filter((x: any) => x.myRole === 'lead').map((x: any) => x.number)).toEqual([3, 4, 5, 6, 11, 12, 13]);
    expect((await office.request('GET', '/api/work-tasks')).json.items).toHaveLength(13);
  });

  it('audits every change with a labelled action', async () => {
    const rows = await t.db.db.selectFrom('audit_log').select('action').where('entity_type', 'in', ['work_plan', 'work_task', 'work_task_unit', 'work_task_report', 'work_task_extension', 'work_task_closure', 'supervision_notice']).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['workPlan.import', 'workPlan.publish', 'workPlan.revise', 'workTask.update', 'workTask.sign', 'taskReport.save', 'taskReport.submit', 'taskReport.return', 'supervisionNotice.issue', 'workExtension.ask', 'workExtension.approve', 'workClosure.ask', 'workClosure.return', 'workClosure.accept', 'workTask.ask-close', 'workTask.accept-close', 'workTask.return-close']) {
      expect(actions, a).toContain(a);
    }
  });
});
