/**
 * The reply to a 督办单 (逾期原因), through the API on the imported 2023 plan with a moved clock: a 督办单 asks the unit to
 * report 并说明逾期原因, so once one is issued the unit's report is neither saved nor reported without a 逾期原因 (a
 * Chinese message naming the field; a draft saved before the 督办单 came is refused at 报送 too); a report only past
 * due (催办'd) may give one; it is stored with the report, in the audit rows of the save and the 报送, shown to the office
 * beside the report, and the unit's 待办 and the office's list of late units let go once the reply is in.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the reply to a 督办单 (逾期原因) on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'miit' | 'yueyang' | 'changsha', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const todos = async (c: Client) => (await c.request('GET', '/api/todos')).json.items as any[];
  const mineOf = (page: any) => page.reports.find((r: any) => r.period === '2023-H1' && r.org.id === page.myOrg.id);
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const u of ['office', 'miit', 'yueyang', 'changsha'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
  });
  afterAll(() => t.close());

  it('after a 督办单 the report needs a 逾期原因: refused without it (save and 报送), stored, audited, shown to the office', async () => {
    const t7 = task(7).id;
    const miitId = await orgId(t.db, 'miit');
    const url = `/api/work-tasks/${t7}/reports/2023-H1`;
    at('2023-07-12');
    expect((await as.office.request('POST', `/api/work-tasks/${t7}/notices`, { orgId: miitId, period: '2023-H1', kind: 'reminder' })).status).toBe(201);
    // only 催办'd: a draft is saved without a 逾期原因 (the field is offered, not required)
    const draft = await as.miit.request('PUT', url, { version: 0, progress: 40, text: '制造业质量提升行动方案已起草。' });
    expect([draft.status, mineOf(draft.json).lateReason]).toEqual([200, null]);
    at('2023-07-16');
    expect((await as.office.request('POST', `/api/work-tasks/${t7}/notices`, { orgId: miitId, period: '2023-H1', kind: 'order' })).status).toBe(201);
    const message = '质强办已就2023年上半年进展下发督办单，请填写逾期原因（至少5个字），说明未按期报送的原因';
    // the draft saved before the 督办单 is not reported without its 逾期原因
    const mine = mineOf(draft.json);
    const bare = await as.miit.request('POST', `/api/work-task-reports/${mine.id}/submit`, { version: mine.version });
    expect([bare.status, bare.json.message, bare.json.fields]).toEqual([400, message, [{ field: 'lateReason', message }]]);
    const none = await as.miit.request('PUT', url, { version: mine.version, progress: 45, text: '制造业质量提升行动方案已印发。' });
    expect([none.status, none.json.fields]).toEqual([400, [{ field: 'lateReason', message }]]);
    const short = await as.miit.request('PUT', url, { version: mine.version, progress: 45, text: '制造业质量提升行动方案已印发。', lateReason: '晚了' });
    expect([short.status, short.json.fields]).toEqual([400, [{ field: 'lateReason', message: '逾期原因至少5个字' }]]);
    expect(short.json.message).toContain('逾期原因');
    const lateReason = '方案需经厅党组会审议，会期推迟至7月中旬，未能按期报送。';
    const saved = await as.miit.request('PUT', url, { version: mine.version, progress: 45, text: '制造业质量提升行动方案已印发。', lateReason });
    expect(saved.status).toBe(200);
    const r = mineOf(saved.json);
    expect(r.lateReason).toBe(lateReason);
    const sent = await as.miit.request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version });
    expect(sent.status).toBe(200);

    // the office reads it beside the unit's report
    const office = (await as.office.request('GET', `/api/work-tasks/${t7}`)).json;
    expect(office.reports.find((x: any) => x.org.id === miitId && x.period === '2023-H1')).toMatchObject({ status: 'submitted', lateReason });
    // and the unit is no longer among the late ones: neither on the page's ladder nor on any 待办 (its own or the office's)
    expect(office.overdue.some((o: any) => o.org.id === miitId && o.period === '2023-H1')).toBe(false);
    expect((await todos(as.miit)).some((x) => x.key === `workplan.report:${t7}:2023-H1`)).toBe(false);
    expect((await todos(as.office)).filter((x) => x.kind === 'workplan.escalate').some((x) => (x.detail ?? '').includes('省工业和信息化厅'))).toBe(false);

    // the audit rows of the save and of the 报送 carry it
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity_type', '=', 'work_task_report').where('entity_id', '=', String(r.id)).where('outcome', '=', 'ok').orderBy('id').execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.after_json!).lateReason ?? null])).toEqual([
      ['taskReport.save', null],
      ['taskReport.save', lateReason],
      ['taskReport.submit', lateReason],
    ]);
  });

  it('a report only past due may give a 逾期原因 (kept); one on time keeps none', async () => {
    const t3 = task(3).id;
    at('2023-07-12');
    const late = await as.yueyang.request('PUT', `/api/work-tasks/${t3}/reports/2023-H1`, { version: 0, progress: 50, text: '迎检方案已制定，开展自查。', lateReason: '县区材料汇总延误两天。' });
    expect([late.status, mineOf(late.json).lateReason]).toEqual([200, '县区材料汇总延误两天。']);
    at('2023-07-20');
    const onTime = await as.yueyang.request('PUT', `/api/work-tasks/${t3}/reports/2023-H2`, { version: 0, progress: 60, text: '下半年迎检工作推进中。', lateReason: '并未逾期但填写了原因。' });
    expect(onTime.status).toBe(200);
    expect(onTime.json.reports.find((r: any) => r.period === '2023-H2' && r.org.id === onTime.json.myOrg.id).lateReason).toBeNull();
  });

  it('the 通报 lists the 督办单 answered by its day, exactly: not one still unanswered, not a report only 催办\'d, not one answered later', async () => {
    const t7 = task(7).id;
    const [changsha, yueyang] = [await orgId(t.db, '430100'), await orgId(t.db, '430600')];
    at('2023-07-21');
    for (const orgId of [changsha, yueyang]) expect((await as.office.request('POST', `/api/work-tasks/${t7}/notices`, { orgId, period: '2023-H1', kind: 'order' })).status).toBe(201);
    at('2023-07-23');
    const lateReason = '市直部门材料汇总延误，未能按期报送。';
    const saved = await as.changsha.request('PUT', `/api/work-tasks/${t7}/reports/2023-H1`, { version: 0, progress: 30, text: '长沙市制造业质量提升工作已部署。', lateReason });
    const mine = mineOf(saved.json);
    expect((await as.changsha.request('POST', `/api/work-task-reports/${mine.id}/submit`, { version: mine.version })).status).toBe(200);
    const replies = async (asOf: string) => {
      const r = await t.app.inject({ method: 'GET', url: `/api/work-plans/${plan.id}/notice.docx?period=2023-H1&asOf=${asOf}`, headers: { cookie: as.office.cookie } });
      expect(r.statusCode).toBe(200);
      const xml = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      const from = xml.indexOf('以下单位收到督办单后');
      return from < 0 ? '' : xml.slice(from, xml.indexOf('四、延期情况'));
    };
    const title = task(7).title;
    const miit = `第7项“${title}”：省工业和信息化厅2023年上半年进展应于2023年7月10日前报送，2023年7月16日下发督办单后于2023年7月16日报送，逾期6天；逾期原因：“方案需经厅党组会审议，会期推迟至7月中旬，未能按期报送”。`;
    // 岳阳市 was sent a 督办单 but has not answered; its report of task 3 was only 催办'd
    expect(await replies('2023-07-22')).toBe(`以下单位收到督办单后已报送进展（1份）：${miit}`);
    expect(await replies('2023-07-23')).toBe(
      `以下单位收到督办单后已报送进展（2份）：${miit}第7项“${title}”：长沙市2023年上半年进展应于2023年7月10日前报送，2023年7月21日下发督办单后于2023年7月23日报送，逾期13天；逾期原因：“市直部门材料汇总延误，未能按期报送”。`,
    );
    // before the 督办单: none
    expect(await replies('2023-07-15')).toBe('');
  });
});
