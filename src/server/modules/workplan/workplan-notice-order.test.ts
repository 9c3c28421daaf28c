/**
 * The 落实情况通报 lists the 督办单 answered in a total order — by task, then as they came in, one day's replies by period,
 * then by unit (noticeView in workplan.presenter.ts) — not as the 督办单 happen to lie: replies on one day, issued in
 * the other order, through the API on the imported 2023 plan with a moved clock.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the 通报\'s replies to 督办单 in a total order on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'miit' | 'yueyang' | 'changsha', Client>;
  let plan: any;
  let t7: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const u of ['office', 'miit', 'yueyang', 'changsha'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
    t7 = plan.taskRows.find((r: any) => r.number === 7).id;
  });
  afterAll(() => t.close());

  const order = async (org: number, period: string) => expect((await as.office.request('POST', `/api/work-tasks/${t7}/notices`, { orgId: org, period, kind: 'order' })).status).toBe(201);
  const reply = async (c: Client, period: string, lateReason: string) => {
    const saved = await c.request('PUT', `/api/work-tasks/${t7}/reports/${period}`, { version: 0, progress: 40, text: '制造业质量提升工作推进中。', lateReason });
    expect(saved.status).toBe(200);
    const mine = saved.json.reports.find((r: any) => r.period === period && r.org.id === saved.json.myOrg.id);
    expect((await c.request('POST', `/api/work-task-reports/${mine.id}/submit`, { version: mine.version })).status).toBe(200);
  };
  /** who answered which period, in the order the 通报 of `period` as of `asOf` lists them */
  const replies = async (period: string, asOf: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/work-plans/${plan.id}/notice.docx?period=${period}&asOf=${asOf}`, headers: { cookie: as.office.cookie } });
    expect(r.statusCode).toBe(200);
    const xml = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const from = xml.indexOf('以下单位收到督办单后');
    return [...xml.slice(from, xml.indexOf('四、延期情况')).matchAll(/第7项“[^”]+”：(.+?)(2023年[上下]半年)进展应于/g)].map((m) => `${m[1]} ${m[2]}`);
  };

  it('one day\'s replies by period, then by unit, whatever order the 督办单 were issued in', async () => {
    const [changsha, yueyang, miit] = [await orgId(t.db, '430100'), await orgId(t.db, '430600'), await orgId(t.db, 'miit')];
    // 长沙市's 督办单 first, both answered on one day: listed 岳阳市, 长沙市 (by name, zh-CN), not as issued
    at('2023-07-21');
    await order(changsha, '2023-H1');
    await order(yueyang, '2023-H1');
    at('2023-07-23');
    await reply(as.changsha, '2023-H1', '市直部门材料汇总延误，未能按期报送。');
    await reply(as.yueyang, '2023-H1', '县区材料汇总延误，未能按期报送。');
    expect(await replies('2023-H1', '2023-07-23')).toEqual(['岳阳市 2023年上半年', '长沙市 2023年上半年']);
    // 省工业和信息化厅's second half-year's 督办单 before its first's, both answered on one day: the first half-year first
    at('2024-01-20');
    await order(miit, '2023-H2');
    await order(miit, '2023-H1');
    at('2024-01-22');
    await reply(as.miit, '2023-H1', '方案需经厅党组会审议，未能按期报送。');
    await reply(as.miit, '2023-H2', '年底集中开展检查，未能按期报送。');
    expect(await replies('2023-H2', '2024-01-22')).toEqual(['岳阳市 2023年上半年', '长沙市 2023年上半年', '省工业和信息化厅 2023年上半年', '省工业和信息化厅 2023年下半年']);
  });
});
