/**
 * Work plan supervision as an attacker and two careless colleagues would use it, on SQLite and PostgreSQL: a unit, a
 * city's 质强办, a leader acting on a task, report, extension, closure or milestone that is not theirs; another
 * office's draft probed by id (404, as a missing id); and a draft task edited while the plan is being published (the
 * editor is told who published it, and nothing is changed outside a revision).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, orgId, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('work plan under attack on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2026-07-10T02:00:00Z') };
  let office: Client, samr: Client, ndrc: Client, yueyang: Client, yyOffice: Client, leader: Client, miluo: Client;
  let task: any, other: any;
  let cityDraftTask: number;
  const audits = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', 'not in', ['access.denied', 'auth.login']).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    [office, samr, ndrc, yueyang, yyOffice, leader, miluo] = await Promise.all(['office', 'samr', 'ndrc', 'yueyang', 'yueyang.office', 'leader', 'miluo'].map((u) => login(t.app, u)));
    const [samrId, ndrcId, yyId, miluoId] = await Promise.all(['samr', 'ndrc', '430600', '430681'].map((c) => orgId(t.db, c)));
    const draft = (await office.request('POST', '/api/work-plans', { year: 2026, title: '湖南省质量强省2026年工作要点' })).json;
    const text = '组织开展质量提升专项行动，年内完成并报送总结。';
    await office.request('POST', `/api/work-plans/${draft.id}/tasks`, { title: '质量提升专项任务', text, dueOn: '2026-12-31', units: [{ orgId: samrId, role: 'lead' }, { orgId: ndrcId, role: 'cooperating' }, { orgId: yyId, role: 'cooperating' }] });
    await office.request('POST', `/api/work-plans/${draft.id}/tasks`, { title: '标准化专项任务', text: `${text}（标准化）`, dueOn: '2026-12-31', units: [{ orgId: ndrcId, role: 'lead' }] });
    const v = (await office.request('GET', `/api/work-plans/${draft.id}`)).json;
    const published = await office.request('POST', `/api/work-plans/${draft.id}/publish`, { version: v.version });
    expect(published.status).toBe(200);
    [task, other] = published.json.taskRows;
    // 岳阳市质强办's own draft, with a task for 汨罗市
    const cityDraft = (await yyOffice.request('POST', '/api/work-plans', { year: 2026, title: '岳阳市2026年质量强市工作要点' })).json;
    const added = await yyOffice.request('POST', `/api/work-plans/${cityDraft.id}/tasks`, { title: '一站式服务站点建设', text: '推进质量基础设施一站式服务站点建设，年内覆盖全部县市区。', dueOn: '2026-12-31', units: [{ orgId: miluoId, role: 'lead' }] });
    expect(added.status).toBe(201);
    cityDraftTask = (await t.db.db.selectFrom('work_task').select('id').where('plan_id', '=', cityDraft.id).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('another office’s draft task probed by id: 404 as a missing id, for a read and for every change', async () => {
    const before = await audits();
    const probes = [
      await office.request('GET', `/api/work-tasks/${cityDraftTask}`),
      await office.request('PUT', `/api/work-tasks/${cityDraftTask}`, { version: 1, title: '省质强办改的标题' }),
      await office.request('DELETE', `/api/work-tasks/${cityDraftTask}?version=1`),
      await miluo.request('POST', `/api/work-tasks/${cityDraftTask}/sign`, { version: 1 }),
    ];
    for (const r of probes) expect([r.status, r.json.message]).toEqual([404, `督办任务${cityDraftTask}不存在`]);
    expect(await audits()).toBe(before);
  });

  it('a unit, a city’s 质强办 and a leader acting on what is not theirs: 403 in Chinese, nothing changed', async () => {
    const before = await audits();
    // 签收 by a unit not on the task, by a leader, by a city's office whose city (not the office) is on it
    for (const c of [samr, leader, yyOffice]) expect((await c.request('POST', `/api/work-tasks/${other.id}/sign`, { version: 1 })).status).toBe(403);
    // a cooperating unit asks neither extension nor closure; a leader writes no report
    expect((await ndrc.request('POST', `/api/work-tasks/${task.id}/extensions`, { newDueOn: '2027-03-31', reason: '需待验收' })).json.message).toBe('只有牵头单位可以申请延期');
    expect((await yueyang.request('POST', `/api/work-tasks/${task.id}/closure`, { version: task.version, summary: '年度任务已全部完成。' })).json.message).toBe('只有牵头单位可以申请办结');
    expect((await leader.request('PUT', `/api/work-tasks/${task.id}/reports/2026-Q3`, { version: 0, progress: 50, text: '已完成半年工作' })).status).toBe(403);
    // a city's office runs no province task: no revision, no 催办, no milestone
    expect((await yyOffice.request('PUT', `/api/work-tasks/${task.id}`, { version: task.version, title: '岳阳改的标题', reason: '试一试' })).status).toBe(403);
    expect((await yyOffice.request('POST', `/api/work-tasks/${task.id}/milestones`, { title: '中期检查', dueOn: '2026-09-30' })).status).toBe(403);
    expect(await audits()).toBe(before);
  });

  it('reports, extensions and milestones of someone else: not submitted, returned, decided or done by the wrong hand', async () => {
    // the lead's 汇总 report, and 岳阳市's sub-report, both reported
    const lead = await samr.request('PUT', `/api/work-tasks/${task.id}/reports/2026-Q3`, { version: 0, progress: 50, text: '上半年完成专项行动部署' });
    expect(lead.status).toBe(200);
    const leadReport = lead.json.reports.find((r: any) => r.org.name === '省市场监督管理局' && r.period === '2026-Q3');
    const sub = await yueyang.request('PUT', `/api/work-tasks/${task.id}/reports/2026-Q3`, { version: 0, progress: 40, text: '岳阳市上半年完成部署' });
    const subReport = sub.json.reports.find((r: any) => r.period === '2026-Q3' && r.org.name === '岳阳市');
    const before = await audits();
    // someone else's draft is not there for them to 报送: the 404 of an unknown id, as for 退回 (it does not say a draft exists)
    for (const [who, r] of [[ndrc, leadReport], [samr, subReport]] as const) {
      const refused = await who.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version });
      expect([refused.status, refused.json.message]).toEqual([404, `进展报告${r.id}不存在`]);
    }
    expect(await audits()).toBe(before);
    expect((await samr.request('POST', `/api/work-task-reports/${leadReport.id}/submit`, { version: leadReport.version })).status).toBe(200);
    expect((await yueyang.request('POST', `/api/work-task-reports/${subReport.id}/submit`, { version: subReport.version })).status).toBe(200);
    // a report the caller reads (the lead reads 岳阳市's sub-report once reported) but that is not its own unit's: a 403
    const notOwn = await samr.request('POST', `/api/work-task-reports/${subReport.id}/submit`, { version: subReport.version + 1 });
    expect([notOwn.status, notOwn.json.message]).toEqual([403, '只能报送本单位的进展报告']);
    const [leadNow, subNow] = await Promise.all([leadReport.id, subReport.id].map((id) => t.db.db.selectFrom('work_task_report').select('version').where('id', '=', id).executeTakeFirstOrThrow()));
    const afterSubmit = await audits();
    // a cooperating unit returns neither the lead's nor another unit's (which it does not read: the 404 of an unknown
    // id); the lead does not return its own 汇总 report
    expect((await ndrc.request('POST', `/api/work-task-reports/${subReport.id}/return`, { version: subNow.version, reason: '请补充数据' })).json.message).toBe(`进展报告${subReport.id}不存在`);
    expect((await yueyang.request('POST', `/api/work-task-reports/${leadReport.id}/return`, { version: leadNow.version, reason: '请补充数据' })).json.message).toBe('汇总报告只能由质强办退回');
    expect((await samr.request('POST', `/api/work-task-reports/${leadReport.id}/return`, { version: leadNow.version, reason: '请补充数据' })).json.message).toBe('汇总报告只能由质强办退回');
    // a city's office decides no extension of the province's task
    const asked = await samr.request('POST', `/api/work-tasks/${task.id}/extensions`, { newDueOn: '2027-03-31', reason: '需待国家局验收后办结' });
    const ext = asked.json.extensions.find((x: any) => x.status === 'pending');
    const afterAsk = await audits();
    expect(afterAsk).toBe(afterSubmit + 1);
    expect((await yyOffice.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true })).json.message).toBe('只有发文的质强办可以审批延期');
    // a milestone reached through another task's address is no milestone of that task
    const ms = (await samr.request('POST', `/api/work-tasks/${task.id}/milestones`, { title: '中期检查', dueOn: '2026-09-30' })).json.milestones[0];
    const afterMilestone = await audits();
    const across = await ndrc.request('POST', `/api/work-tasks/${other.id}/milestones/${ms.id}/done`, { version: ms.version });
    expect([across.status, across.json.message]).toEqual([404, '任务节点不存在']);
    expect((await ndrc.request('DELETE', `/api/work-tasks/${other.id}/milestones/${ms.id}?version=${ms.version}`)).status).toBe(404);
    expect((await ndrc.request('POST', `/api/work-tasks/${task.id}/milestones/${ms.id}/done`, { version: ms.version })).json.message).toBe('只有牵头单位可以确认节点完成');
    expect(await audits()).toBe(afterMilestone);
    // done twice: the second a 409 in Chinese, one audit row
    expect((await samr.request('POST', `/api/work-tasks/${task.id}/milestones/${ms.id}/done`, { version: ms.version })).status).toBe(200);
    const twice = await samr.request('POST', `/api/work-tasks/${task.id}/milestones/${ms.id}/done`, { version: ms.version });
    expect([twice.status, twice.json.message]).toEqual([409, '该节点已完成']);
    expect(await audits()).toBe(afterMilestone + 1);
  });

  it('odd ids and periods: a Chinese 400 naming what to fix, never a 500', async () => {
    for (const path of ['1e3', '-1', '1.5', '０１']) {
      const r = await samr.request('POST', `/api/work-tasks/${path}/sign`, { version: 1 });
      expect([r.status, r.json.message]).toEqual([400, expect.stringMatching(/任务编号须为正整数/)]);
    }
    const period = await samr.request('PUT', `/api/work-tasks/${task.id}/reports/2026-H3`, { version: 0, progress: 50, text: '上半年完成' });
    expect([period.status, period.json.message]).toEqual([400, expect.stringMatching(/报送期次格式应为/)]);
    const progress = await ndrc.request('PUT', `/api/work-tasks/${other.id}/reports/2026-Q3`, { version: 0, progress: -1.5, text: '上半年完成' });
    expect(progress.status).toBe(400);
    expect(progress.json.message).toMatch(/[\u4e00-\u9fff]/);
    const date = await samr.request('POST', `/api/work-tasks/${task.id}/milestones`, { title: '中期检查', dueOn: '2026-02-30' });
    expect(date.status).toBe(400);
    expect(date.json.message).toMatch(/[\u4e00-\u9fff]/);
    const spaces = await samr.request('POST', `/api/work-tasks/${task.id}/milestones`, { title: '   ', dueOn: '2026-09-30' });
    expect([spaces.status, spaces.json.message]).toEqual([400, expect.stringMatching(/节点名称/)]);
  });

  it.runIf(dialect === 'postgres')('a draft task edited while a colleague publishes the plan: a 409 naming who published it and when, never a silent change of a published plan', async () => {
    const samrId = await orgId(t.db, 'samr');
    const colleague = await t.db.db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', 'office2').executeTakeFirstOrThrow();
    const draft = (await office.request('POST', '/api/work-plans', { year: 2027, title: '湖南省质量强省2027年工作要点' })).json;
    const added = await office.request('POST', `/api/work-plans/${draft.id}/tasks`, { title: '质量提升专项任务', text: '组织开展质量提升专项行动，年内完成并报送总结。', dueOn: '2027-12-31', units: [{ orgId: samrId, role: 'lead' }] });
    const row = added.json.taskRows[0];
    // the colleague's 发布, held uncommitted: the edit read the plan as a draft before it
    const res = await raceAgainstHeld(
      t.db,
      (trx) => trx.updateTable('work_plan').set({ status: 'published', published_at: new Date().toISOString(), published_by: colleague.id, revision: 1, version: draft.version + 1 }).where('id', '=', draft.id).execute(),
      () => office.request('PUT', `/api/work-tasks/${row.id}`, { version: row.version, title: '质量提升专项任务（改）' }),
    );
    expect([res.status, res.json.message]).toEqual([409, expect.stringMatching(named(`该工作要点已由${colleague.display_name}（省质强办）于<T>发布，您对第1项任务的修改未保存；已发布的工作要点修改须填写理由，请刷新后重新提交`))]);
    expect((await t.db.db.selectFrom('work_task').select('title').where('id', '=', row.id).executeTakeFirstOrThrow()).title).toBe('质量提升专项任务');
  });
});
