/**
 * Work plan supervision: a progress report is its unit's own until it is 报送. A cooperating unit's draft sub-report
 * (and its files) is not shown to the lead or the issuing office, nor the lead's draft 汇总 report to the office or the
 * cooperating units — on the task page and in the attachments — as a 整改事项's draft is its owner's alone. Once
 * reported it is seen as before; a report sent back (退回) stays in view of whoever returned it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';
import { multipart, PNG } from '../../test/multipart';
import { chinaMoment } from '../../../shared/deadline';

describe.each(testDialects())('work plan drafts on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'samr' | 'yueyang' | 'changsha' | 'leader', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const page = async (c: Client, n: number) => (await c.request('GET', `/api/work-tasks/${task(n).id}`)).json;
  /** the reports of a period the caller sees on the task page: unit and status */
  const seen = async (c: Client, n: number, period: string) => ((await page(c, n)).reports as any[]).filter((r) => r.period === period).map((r) => `${r.org.name}:${r.status}`).sort();
  const files = (c: Client, reportId: number) => c.request('GET', `/api/attachments?ownerType=work_report&ownerId=${reportId}`);
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-wp-drafts-'));
    t = await makeTestApp(dialect, { dataDir, now: () => clock.now });
    for (const u of ['office', 'samr', 'yueyang', 'changsha', 'leader'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a cooperating unit’s draft sub-report and its files are its own until reported: not on the lead’s or the office’s page', async () => {
    at('2023-08-12');
    expect(task(5).lead.name).toBe('省市场监督管理局');
    const saved = await as.yueyang.request('PUT', `/api/work-tasks/${task(5).id}/reports/2023-H2`, { version: 0, progress: 55, text: '岳阳市下半年品牌培育工作初稿，数据待核。' });
    expect(saved.status).toBe(200);
    const draft = saved.json.reports.find((r: any) => r.period === '2023-H2' && r.org.name === '岳阳市');
    // the same first save again from a page read before it (another window, a double click): who saved it and when
    const again = await as.yueyang.request('PUT', `/api/work-tasks/${task(5).id}/reports/2023-H2`, { version: 0, progress: 60, text: '另一窗口的初稿。' });
    expect([again.status, again.json.message]).toEqual([409, `本单位2023年下半年的进展报告在您打开后已由您在其他窗口于${chinaMoment(new Date(draft.updatedAt))}保存，请刷新后核对内容再修改`]);
    const m = multipart({ ownerType: 'work_report', ownerId: draft.id }, { name: '初稿照片.png', data: PNG });
    expect((await as.yueyang.request('POST', '/api/attachments', m.body, m.headers)).status).toBe(201);

    expect(await seen(as.yueyang, 5, '2023-H2')).toEqual(['岳阳市:draft']);
    for (const c of [as.samr, as.office, as.changsha, as.leader]) expect(await seen(c, 5, '2023-H2')).toEqual([]);
    expect((await files(as.yueyang, draft.id)).json.items.map((f: any) => f.fileName)).toEqual(['初稿照片.png']);
    for (const c of [as.samr, as.office]) expect((await files(c, draft.id)).status).toBe(404);

    // reported: the lead and the office see it and its files
    const sent = await as.yueyang.request('POST', `/api/work-task-reports/${draft.id}/submit`, { version: draft.version });
    expect(sent.status).toBe(200);
    for (const c of [as.samr, as.office]) {
      expect(await seen(c, 5, '2023-H2')).toEqual(['岳阳市:submitted']);
      expect((await files(c, draft.id)).json.items.map((f: any) => f.fileName)).toEqual(['初稿照片.png']);
    }
    // sent back by the lead: still in view of the lead while 岳阳市 corrects it
    const submitted = (await page(as.samr, 5)).reports.find((r: any) => r.id === draft.id);
    expect((await as.samr.request('POST', `/api/work-task-reports/${draft.id}/return`, { version: submitted.version, reason: '请补充获评企业数' })).status).toBe(200);
    expect(await seen(as.samr, 5, '2023-H2')).toEqual(['岳阳市:returned']);
  });

  it('the lead’s draft 汇总 report is its own until reported: not on the office’s page nor a cooperating unit’s', async () => {
    at('2023-08-13');
    const saved = await as.samr.request('PUT', `/api/work-tasks/${task(5).id}/reports/2023-H2`, { version: 0, progress: 50, text: '汇总初稿：各市州品牌培育推进情况，待岳阳市补充后定稿。' });
    expect(saved.status).toBe(200);
    const draft = saved.json.reports.find((r: any) => r.period === '2023-H2' && r.consolidated);
    expect(await seen(as.samr, 5, '2023-H2')).toEqual(['岳阳市:returned', '省市场监督管理局:draft']);
    expect(await seen(as.office, 5, '2023-H2')).toEqual(['岳阳市:returned']);
    expect(await seen(as.yueyang, 5, '2023-H2')).toEqual(['岳阳市:returned']);
    expect((await files(as.office, draft.id)).status).toBe(404);
    expect((await as.samr.request('POST', `/api/work-task-reports/${draft.id}/submit`, { version: draft.version })).status).toBe(200);
    expect(await seen(as.office, 5, '2023-H2')).toEqual(['岳阳市:returned', '省市场监督管理局:submitted']);
    expect(await seen(as.yueyang, 5, '2023-H2')).toEqual(['岳阳市:returned', '省市场监督管理局:submitted']);
  });
});
