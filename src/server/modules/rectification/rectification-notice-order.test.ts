/**
 * The 整改事项通报 lists the 督办单 answered in a total order — as they came in, one day's by month, owner, then item
 * (noticeReplies in rectification.presenter.ts), as the work plan's 通报 does — not as the items happen to lie:
 * replies on one day from items raised in the other order, through the API on SQLite and PostgreSQL with a moved clock.
 * Each tie-break is exercised: the month (the owner listed first answering the later month), the owner and the item.
 */
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lostCriteria } from '../../../shared/contracts/rectification';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the 整改通报\'s replies to 督办单 in a total order on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-28T02:00:00Z');
  const at = (day: string) => (now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'yueyang' | 'changsha', Client>;
  beforeEach(async () => {
    at('2026-11-28');
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    for (const u of ['office', 'yueyang', 'changsha'] as const) as[u] = await login(t.app, u);
  });
  afterEach(() => t.close());

  /** the office raises items from the unit's lost criteria of the 2022 cycle (`codes` picks them) */
  const raise = async (code: string, codes: (lost: string[]) => string[]) => {
    const cycleId = (await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2022).executeTakeFirstOrThrow()).id;
    const results = (await as.office.request('GET', `/api/cycles/${cycleId}/results`)).json;
    const lost = lostCriteria(results.units.find((u: any) => u.unitCode === code)).map((c: any) => c.code);
    const raised = await as.office.request('POST', '/api/rectifications/from-assessment', { cycleId, unitId: await orgId(t.db, code), criterionCodes: codes(lost), dueOn: '2027-01-31' });
    expect(raised.status).toBe(201);
    return raised.json.items as { id: number; title: string }[];
  };
  /** the office issues a 督办单 on the item's oldest month not reported */
  const order = async (item: { id: number }) => {
    const version = (await as.office.request('GET', `/api/rectifications/${item.id}`)).json.version;
    expect((await as.office.request('POST', `/api/rectifications/${item.id}/notices`, { version, kind: 'order' })).status).toBe(201);
  };
  /** the owner reports the month owed (with a 逾期原因 when one is asked) */
  const report = async (c: Client, item: { id: number }, lateReason?: string) => {
    const saved = await c.request('PUT', `/api/rectifications/${item.id}/report`, { version: 0, progress: 30, text: '已制定整改方案，正在落实责任分工。', ...(lateReason ? { lateReason } : {}) });
    expect(saved.status).toBe(200);
    const r = saved.json.reports.find((x: any) => x.status === 'draft');
    expect((await c.request('POST', `/api/rectifications/${item.id}/reports/${r.id}/submit`, { version: r.version })).status).toBe(200);
  };
  /** the 通报 of `day`: its replies to 督办单 as listed, 「单位：事项：月份」 */
  const listed = async (day: string) => {
    const docx = await t.app.inject({ method: 'GET', url: `/api/rectifications/notice.docx?date=${day}`, headers: { cookie: as.office.cookie } });
    expect(docx.statusCode).toBe(200);
    const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const from = xml.indexOf('以下责任单位收到督办单后');
    return [...xml.slice(from).matchAll(/(岳阳市|长沙市)：“(.+?)”(\d{4}年\d{1,2}月)进展应于/g)].map((m) => `${m[1]}：${m[2]}：${m[3]}`);
  };
  const lateReason = '整改方案须经市政府常务会议审议，未能按期报送。';

  it('one day\'s replies by owner, then by item, whatever order the items were raised in', async () => {
    // 长沙市's item first, titled before 岳阳市's (by owner alone it is listed after them); then two of 岳阳市's, the
    // later raised first by title
    const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
    let changshaCode = '';
    const changsha = await raise('430100', (lost) => [(changshaCode = [...lost].sort(byCode)[0]!)]);
    const yueyang = await raise('430600', (lost) => lost.filter((c) => byCode(c, changshaCode) > 0).slice(0, 2).reverse());
    const [first, second] = [...yueyang].sort((x, y) => y.title.localeCompare(x.title, 'zh-CN'));
    expect(first!.id).toBeLessThan(second!.id);
    expect(yueyang.every((x) => changsha[0]!.title.localeCompare(x.title, 'zh-CN') < 0)).toBe(true);
    const items = [...changsha, ...yueyang];
    // November's report (due 2026-12-10) of each item under a 督办单, all answered on one day
    at('2026-12-17');
    for (const item of items) await order(item);
    at('2026-12-18');
    for (const [item, c] of [...changsha.map((x) => [x, as.changsha] as const), ...yueyang.map((x) => [x, as.yueyang] as const)]) await report(c, item, lateReason);
    const month = '2026年11月';
    expect(await listed('2026-12-18')).toEqual([`岳阳市：${second!.title}：${month}`, `岳阳市：${first!.title}：${month}`, `长沙市：${changsha[0]!.title}：${month}`]);
  });

  it('one day\'s replies by month before owner: 长沙市\'s November before 岳阳市\'s December, 岳阳市\'s item raised first', async () => {
    const [yueyang] = await raise('430600', (lost) => lost.slice(0, 1));
    const [changsha] = await raise('430100', (lost) => lost.slice(0, 1));
    // 岳阳市 reports November on time, December (due 2027-01-10) under a 督办单; 长沙市 reports November (due
    // 2026-12-10) under one, on the day 岳阳市 reports December
    at('2026-12-05');
    await report(as.yueyang, yueyang!);
    at('2026-12-17');
    await order(changsha!);
    at('2027-01-17');
    await order(yueyang!);
    at('2027-01-18');
    await report(as.yueyang, yueyang!, '年底集中核查，未能按期报送十二月进展。');
    await report(as.changsha, changsha!, lateReason);
    expect(await listed('2027-01-18')).toEqual([`长沙市：${changsha!.title}：2026年11月`, `岳阳市：${yueyang!.title}：2026年12月`]);
  });
});
