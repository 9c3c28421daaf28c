/**
 * Work plan supervision, the follow-up rules (the review's six open defects), through the API with a moved clock:
 * a task past its deadline without 销号 is an 逾期 to-do of its lead and of the office until it is closed or extended,
 * and the lead may still ask an extension after the deadline (flagged as late, lateness kept on the original date);
 * reporting implies 签收; a published task's 报送周期 does not change; 序时进度 runs from 1 January; a new lead's
 * earlier reports become the consolidated ones; 销号 is not asked while the consolidated report stands returned.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { reportLatePeriods } from '../../test/workplan';

describe.each(testDialects())('work plan follow-up rules on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  /** the signed-in clients: the province's office, the lead of task 3, two cities on it */
  const as = {} as Record<'office' | 'samr' | 'yueyang' | 'changsha', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const page = async (c: Client, n: number) => (await c.request('GET', `/api/work-tasks/${task(n).id}`)).json;
  const todos = async (c: Client) => (await c.request('GET', '/api/todos')).json.items as any[];
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const u of ['office', 'samr', 'yueyang', 'changsha'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
  });
  afterAll(() => t.close());

  it('序时进度 runs from 1 January (the plan is the calendar year’s), not from the publication on 2023-05-17', async () => {
    at('2023-07-02');
    // 182 of the 364 days from 2023-01-01 to 2023-12-31; from the publication it would be 46 of 228 days (20%)
    expect((await page(as.office, 3)).task.light.expected).toBe(50);
  });

  it('reporting before 签收 signs for the task (audited, who and when); the 签收 to-do goes', async () => {
    at('2023-07-03');
    const t3 = task(3);
    expect((await todos(as.yueyang)).map((x) => x.key)).toContain(`workplan.sign:${t3.id}`);
    const saved = await as.yueyang.request('PUT', `/api/work-tasks/${t3.id}/reports/2023-H1`, { version: 0, progress: 40, text: '岳阳市制定考核迎检方案，开展自查。' });
    expect(saved.status).toBe(200);
    expect(saved.json.myUnit.signed).toBe(true);
    expect((await todos(as.yueyang)).map((x) => x.key)).not.toContain(`workplan.sign:${t3.id}`);
    const yy = await orgId(t.db, '430600');
    const unit = await t.db.db.selectFrom('work_task_unit').select(['id', 'signed_at', 'signed_by']).where('task_id', '=', t3.id).where('org_id', '=', yy).executeTakeFirstOrThrow();
    expect(unit.signed_at).toBe('2023-07-03T02:00:00.000Z');
    const signer = await t.db.db.selectFrom('app_user').select('username').where('id', '=', unit.signed_by).executeTakeFirstOrThrow();
    expect(signer.username).toBe('yueyang');
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'after_json', 'username']).where('entity_type', '=', 'work_task_unit').where('entity_id', '=', String(unit.id)).execute();
    expect(audit.map((a) => [a.action, a.username])).toEqual([['workTask.sign', 'yueyang']]);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ taskId: t3.id, by: '报送进展' });
    const r = saved.json.reports[0];
    expect((await as.yueyang.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version })).status).toBe(200);
  });

  it('a published task’s 报送周期 is not changed: a 409 naming the field, nothing saved', async () => {
    const t3 = (await page(as.office, 3)).task;
    const r = await as.office.request('PUT', `/api/work-tasks/${t3.id}`, { version: t3.version, schedule: 'quarterly', reason: '改为按季度报送' });
    expect(r.status).toBe(409);
    expect(r.json.message).toBe('工作要点已发布，报送周期不能修改：已报送的进展按原周期计，改周期会使其不再计入');
    expect(r.json.fields).toEqual([{ field: 'schedule', message: '已发布的任务不能修改报送周期' }]);
    expect((await page(as.office, 3)).task).toMatchObject({ schedule: 'half-yearly', version: t3.version });
    // the same schedule sent back with another change is no change of schedule
    const same = await as.office.request('PUT', `/api/work-tasks/${t3.id}`, { version: t3.version, schedule: 'half-yearly', title: `${t3.title}（修订）`, reason: '标题修订' });
    expect(same.status).toBe(200);
  });

  it('after a change of lead the new lead’s earlier report is the consolidated one: the as.office returns it, the cities see it', async () => {
    const p = await page(as.office, 3);
    const [samrId, yy] = await Promise.all([orgId(t.db, 'samr'), orgId(t.db, '430600')]);
    const units = p.task.units.map((u: any) => ({ orgId: u.org.id, role: u.org.id === yy ? 'lead' : u.org.id === samrId ? 'cooperating' : u.role }));
    const r = await as.office.request('PUT', `/api/work-tasks/${p.task.id}`, { version: p.task.version, units, reason: '岳阳市牵头迎检' });
    expect(r.status).toBe(200);
    const mine = (await page(as.yueyang, 3)).reports.find((x: any) => x.org.id === yy);
    expect(mine).toMatchObject({ consolidated: true, status: 'submitted' });
    expect((await page(as.changsha, 3)).reports.map((x: any) => [x.org.name, x.consolidated])).toEqual([['岳阳市', true]]);
    // the former lead no longer returns it; the as.office does
    expect((await as.samr.request('POST', `/api/work-task-reports/${mine.id}/return`, { version: mine.version, reason: '请补充' })).status).toBe(403);
    const back = await as.office.request('POST', `/api/work-task-reports/${mine.id}/return`, { version: mine.version, reason: '请补充县区自查数据' });
    expect(back.status).toBe(200);
  });

  it('销号 is not asked while the consolidated report stands returned: a 409 saying to report again first', async () => {
    const p = await page(as.yueyang, 3);
    const r = await as.yueyang.request('POST', `/api/work-tasks/${p.task.id}/closure`, { version: p.task.version, summary: '迎检工作已完成。' });
    expect(r.status).toBe(409);
    expect(r.json.message).toBe('该任务的汇总报告（2023年上半年）已被退回，请修改后重新报送，再申请办结');
    expect((await page(as.office, 3)).task.status).toBe('open');
    const mine = p.reports.find((x: any) => x.status === 'returned');
    const fixed = await as.yueyang.request('PUT', `/api/work-tasks/${p.task.id}/reports/2023-H1`, { version: mine.version, progress: 45, text: '补充了县区自查数据。' });
    const again = fixed.json.reports.find((x: any) => x.id === mine.id);
    expect((await as.yueyang.request('POST', `/api/work-task-reports/${mine.id}/submit`, { version: again.version })).status).toBe(200);
    const ok = await page(as.yueyang, 3);
    expect((await as.yueyang.request('POST', `/api/work-tasks/${ok.task.id}/closure`, { version: ok.task.version, summary: '迎检工作已完成。' })).status).toBe(201);
  });

  it('while the task asks to close, its 汇总 report is not returned: a 409 saying to 退回 the closure first, nothing changed', async () => {
    const p = await page(as.office, 3);
    expect(p.task.status).toBe('closing');
    const mine = p.reports.find((x: any) => x.consolidated && x.status === 'submitted');
    const r = await as.office.request('POST', `/api/work-task-reports/${mine.id}/return`, { version: mine.version, reason: '请补充县区数据' });
    expect(r.status).toBe(409);
    expect(r.json.message).toBe('该任务已申请办结，待审核：如需退回汇总报告，请先退回办结申请并写明理由，牵头单位修改汇总报告后再申请办结');
    const after = await page(as.office, 3);
    expect(after.reports.find((x: any) => x.id === mine.id)).toMatchObject({ status: 'submitted', version: mine.version });
    expect(after.closures.map((c: any) => c.status)).toEqual(['pending']);
  });

  it('no report is offered or taken for a period that begins after the deadline in force, until an extension moves it', async () => {
    const p6 = (await page(as.office, 6)).task;
    expect((await as.office.request('PUT', `/api/work-tasks/${p6.id}`, { version: p6.version, dueOn: '2023-06-30', reason: '上半年完成' })).status).toBe(200);
    expect((await page(as.samr, 6)).periods.map((x: any) => x.code)).toEqual(['2023-H1']);
    const refused = await as.samr.request('PUT', `/api/work-tasks/${p6.id}/reports/2023-H2`, { version: 0, progress: 60, text: '下半年工作。' });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe('2023年下半年自2023-07-01起，晚于该任务的办理期限2023-06-30，不能报送该期进展；确需继续办理的，请先申请延期');
    const asked = await as.samr.request('POST', `/api/work-tasks/${p6.id}/extensions`, { newDueOn: '2023-12-31', reason: '宣传月活动移至下半年' });
    const ext = asked.json.extensions[0];
    expect((await as.office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: false })).status).toBe(200);
    expect((await page(as.samr, 6)).periods.map((x: any) => x.code)).toEqual(['2023-H1', '2023-H2']);
    expect((await as.samr.request('PUT', `/api/work-tasks/${p6.id}/reports/2023-H2`, { version: 0, progress: 60, text: '下半年工作。' })).status).toBe(200);
  });

  it('the 通报 marks an extension asked after the deadline (逾期后申请)', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/work-plans/${plan.id}/notice.docx?period=2023-H1`, headers: { cookie: as.office.cookie } });
    expect(r.statusCode).toBe(200);
    const xml = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain(`第6项“${task(6).title}”：省市场监督管理局逾期后申请延期（原期限2023年6月30日届满后提出）`);
    // lateness is judged against the date missed when the late request was made (judgedDeadline), named as such:
    // “仍按原期限判定” could be read as the task's first deadline or as no lateness at all
    expect(xml).toContain('，是否逾期仍按所误的期限2023年6月30日判定。');
    expect(xml).not.toContain('是否逾期仍按原期限判定');
  });

  it('an on-time extension approved normally (task 11, to 2024-01-31)', async () => {
    at('2023-12-20');
    const asked = await as.samr.request('POST', `/api/work-tasks/${task(11).id}/extensions`, { newDueOn: '2024-01-31', reason: '年度抽查结果汇总需延至1月底' });
    const ext = asked.json.extensions[0];
    expect((await as.office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: false })).status).toBe(200);
  });

  it('past its deadline an open task is an 逾期 to-do of its lead and of the as.office, with the days late', async () => {
    at('2023-12-31');
    const t10 = task(10);
    const ecology = await login(t.app, 'ecology');
    expect((await todos(ecology)).map((x) => x.key)).not.toContain(`workplan.overdue:${t10.id}`);
    at('2024-01-02');
    const lead = (await todos(ecology)).find((x) => x.key === `workplan.overdue:${t10.id}`);
    expect(lead).toMatchObject({ kind: 'workplan.overdue', title: `任务已逾期2天：第10项“${t10.title}”`, dueAt: '2023-12-31', link: `/workplan/tasks/${t10.id}` });
    expect(lead.detail).toBe('办理期限2023-12-31已过，尚未销号：请尽快办结并申请办结；确需延期的，写明逾期原因申请延期');
    const mine = (await todos(as.office)).find((x) => x.key === `workplan.overdue:${t10.id}`);
    expect(mine).toMatchObject({ title: `任务已逾期2天：第10项“${t10.title}”` });
    expect(mine.detail).toBe('省生态环境厅牵头，办理期限2023-12-31，尚未申请办结，请督促办理');
    // a task asking to close is the office's closure review, not an 逾期 to-do (task 3 asked above)
    expect((await todos(as.office)).map((x) => x.key)).not.toContain(`workplan.overdue:${task(3).id}`);
    // another unit of the task has none
    expect((await todos(as.changsha)).map((x) => x.key)).not.toContain(`workplan.overdue:${t10.id}`);
  });

  it('the lead may ask an extension after the deadline: flagged 逾期申请, approved it ends the to-do but lateness stays on the original date', async () => {
    const t10 = task(10);
    const ecology = await login(t.app, 'ecology');
    const asked = await ecology.request('POST', `/api/work-tasks/${t10.id}/extensions`, { newDueOn: '2024-02-28', reason: '监测数据未出，需延至2月底' });
    expect(asked.status).toBe(201);
    const ext = asked.json.extensions[0];
    expect(ext).toMatchObject({ status: 'pending', fromDueOn: '2023-12-31', late: true });
    expect((await todos(as.office)).find((x) => x.key === `workplan.extension:${ext.id}`).detail).toBe('省生态环境厅申请延期至2024-02-28（逾期后申请：原期限2023-12-31已过2天）');
    // still overdue while the request waits
    expect((await todos(ecology)).find((x) => x.key === `workplan.overdue:${t10.id}`).detail).toContain('延期申请待质强办审批');
    const ok = await as.office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: false });
    expect(ok.status).toBe(200);
    expect(ok.json.extensions[0]).toMatchObject({ status: 'approved', judgeAgainstOriginal: true, late: true });
    expect(ok.json.task).toMatchObject({ deadline: '2024-02-28', light: { light: 'red' } });
    for (const c of [ecology, as.office]) expect((await todos(c)).map((x) => x.key)).not.toContain(`workplan.overdue:${t10.id}`);
  });

  it('a closed task is no 逾期 to-do; the lead no longer asks an extension of it', async () => {
    const t12 = task(12);
    expect((await todos(as.samr)).map((x) => x.key)).toContain(`workplan.overdue:${t12.id}`);
    await reportLatePeriods(as.samr, t12.id);
    const p = await page(as.samr, 12);
    const ask = await as.samr.request('POST', `/api/work-tasks/${t12.id}/closure`, { version: p.task.version, summary: '年度工作已完成。' });
    expect(ask.status).toBe(201);
    expect((await todos(as.samr)).map((x) => x.key)).not.toContain(`workplan.overdue:${t12.id}`);
    const c = ask.json.closures[0];
    expect((await as.office.request('POST', `/api/work-task-closures/${c.id}/decide`, { version: c.version, accept: true })).status).toBe(200);
    for (const x of [as.samr, as.office]) expect((await todos(x)).map((y) => y.key)).not.toContain(`workplan.overdue:${t12.id}`);
    const ext = await as.samr.request('POST', `/api/work-tasks/${t12.id}/extensions`, { newDueOn: '2024-03-31', reason: '补充材料' });
    expect([ext.status, ext.json.message]).toEqual([409, '该任务已销号，不能再申请延期']);
  });

  it('a later extension asked late is judged against the deadline it missed (2024-01-31), not the task’s first one', async () => {
    at('2024-02-05');
    const t11 = task(11);
    const asked = await as.samr.request('POST', `/api/work-tasks/${t11.id}/extensions`, { newDueOn: '2024-03-31', reason: '抽查复检未完成' });
    const ext = asked.json.extensions.find((e: any) => e.status === 'pending');
    expect(ext).toMatchObject({ fromDueOn: '2024-01-31', late: true });
    const ok = await as.office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: false });
    expect(ok.status).toBe(200);
    expect(ok.json.task.deadline).toBe('2024-03-31');
    expect(ok.json.task.light.reasons).toContain('已超过办理期限2024-01-31（已延期至2024-03-31，逾期仍按该期限判定）');
    expect(ok.json.task.light.reasons.join()).not.toContain('2023-12-31');
  });
  it('an extension is not asked beyond three years from today (a slip such as 9999-12-31): a 400 under the date, nothing saved', async () => {
    at('2024-02-06');
    const t11 = task(11);
    const before = (await page(as.samr, 11)).extensions.length;
    for (const newDueOn of ['9999-12-31', '2027-02-06']) {
      const far = await as.samr.request('POST', `/api/work-tasks/${t11.id}/extensions`, { newDueOn, reason: '抽查复检未完成' });
      expect([far.status, far.json.message, far.json.fields]).toEqual([400, '延期后日期不能晚于2027-02-05（最长3年），请核对日期', [{ field: 'newDueOn', message: '延期后日期不能晚于2027-02-05（最长3年），请核对日期' }]]);
    }
    expect((await page(as.samr, 11)).extensions).toHaveLength(before);
    // the last day allowed is taken
    const ok = await as.samr.request('POST', `/api/work-tasks/${t11.id}/extensions`, { newDueOn: '2027-02-05', reason: '抽查复检未完成' });
    expect([ok.status, ok.json.message]).toEqual([201, undefined]);
  });
});
