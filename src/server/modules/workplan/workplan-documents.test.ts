/**
 * The work plan's documents on the demo data (seen on 2023-07-25, as the demo test does), through the API: the
 * 工作要点落实情况通报 (.docx, unzipped: lights counted, a task's line from its consolidated report, the late
 * unit of task 7 with its 催办 and 督办单, a day later listed in the 通报; task 8's extension; task 1 closed) and
 * the task × unit matrix (.xlsx read back with ExcelJS: the light's word in each cell on the light's fill, print
 * set-up). Who may download; bad input is a Chinese 400.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExcelJS } from '../../io/excel/exceljs';
import { LIGHT_FILLS } from '../../io/excel/workplan-matrix';
import { login, makeTestApp, testDialects, type TestApp } from '../../test/helpers';

describe.each(testDialects())('work plan documents on %s', (dialect) => {
  let t: TestApp;
  const now = new Date('2023-07-25T02:00:00Z');
  let planId = 0;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    const office = await login(t.app, 'office');
    planId = (await office.request('GET', '/api/work-plans')).json.items[0].id;
  });
  afterAll(() => t.close());

  /** a GET; with a 文号, the download dialog's POST at the same address that registers it */
  const download = async (username: string, url: string, docNumber?: string) => {
    const c = await login(t.app, username);
    const r = await t.app.inject(docNumber === undefined ? { method: 'GET', url, headers: { cookie: c.cookie } } : { method: 'POST', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: { docNumber } });
    return { status: r.statusCode, type: String(r.headers['content-type']), disposition: String(r.headers['content-disposition']), body: r.rawPayload, json: () => r.json() };
  };
  const docText = async (body: Buffer) => (await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

  it('the page offers the 通报 where the server gives it (abilities.notice: one rule): a published plan, office and leader', async () => {
    for (const [user, may] of [['office', true], ['leader', true], ['samr', false]] as const) {
      const c = await login(t.app, user);
      expect((await c.request('GET', `/api/work-plans/${planId}`)).json.abilities.notice, user).toBe(may);
    }
    // a draft has nothing to report on: 409, and not offered
    const city = await login(t.app, 'yueyang.office');
    const draft = await city.request('POST', '/api/work-plans', { year: 2024, title: '岳阳市2024年质量强市工作要点' });
    expect(draft.status).toBe(201);
    expect(draft.json.abilities.notice).toBe(false);
    const early = await download('yueyang.office', `/api/work-plans/${draft.json.id}/notice.docx`);
    expect(early.status).toBe(409);
    expect(early.json().message).toBe('工作要点尚未发布，发布后才能通报落实情况');
  });

  it('the 通报 of the first half-year: lights, each task with its line, the late unit on the ladder, the extension, the closed task', async () => {
    const d = await download('office', `/api/work-plans/${planId}/notice.docx?period=2023-H1`);
    expect(d.status).toBe(200);
    expect(d.type).toContain('wordprocessingml');
    expect(decodeURIComponent(d.disposition)).toContain('2023年工作要点落实情况通报（2023年上半年）.docx');
    const xml = await docText(d.body);
    expect(xml).toContain('关于2023年工作要点落实情况的通报');
    expect(xml).toContain('（2023年上半年）');
    expect(xml).toContain('湖南省质量强省领导小组办公室文件');
    const plan = (await (await login(t.app, 'office')).request('GET', `/api/work-plans/${planId}`)).json;
    const { green, yellow, red, done } = plan.lights;
    expect(done).toBe(1);
    expect(xml).toContain(`已办结（销号）${done}项，正常推进（绿灯）${green}项，预警（黄灯）${yellow}项，逾期（红灯）${red}项`);
    // task 1's line is the first sentence of the office's consolidated report; task 7 has none
    expect(xml).toContain('（省质强办牵头，进度100%，已办结，已销号）：已调整质量强省领导小组成员单位，印发领导小组及办公室议事规则，明确成员单位职责；5月召开领导小组全体会议，部署年度重点工作。');
    expect(xml).toMatch(/7\. 开展制造业质量提升行动（省工业和信息化厅牵头，尚未报告进度，报送逾期）：2023年上半年汇总报告尚未报送。/);
    // task 7's lead: 15 days late on 2023-07-25, a 督办单 standing (5 grace days + 10 notice days)
    // (and the twelve cities that did not send their part of task 7, and 岳阳市's returned part of task 5)
    expect(xml).toContain('共有14份进展报告逾期未报送。逾期已过宽限期、应下发督办单的：岳阳市、省工业和信息化厅、株洲市');
    // one row per task and unit: its late periods, the longest delay, the step with what was issued, the notices
    expect(xml).toContain('7. 开展制造业质量提升行动省工业和信息化厅2023年上半年15督办单（已下发督办单）催办（2023年7月12日）督办单（2023年7月17日）');
    expect(xml).toContain('5. 深入推进质量品牌建设岳阳市2023年上半年15督办单（尚未催办）—');
    // the office does not 通报 itself
    expect(xml).not.toMatch(/省质强办2023年上半年\d/);
    expect(xml).not.toContain('予以通报：');
    expect(xml).toContain('9. 推进服务质量提档升级（按职责分工（省质强办汇总），进度50%，');
    // task 8's extension, task 1's closure
    expect(xml).toContain('办理期限由2023年12月31日延至2024年3月31日');
    // the reason quoted inside the sentence without its own full stop (not “…顺延。”，)
    expect(xml).toContain('建筑强企命名评审随之顺延”，省质强办于2023年7月3日批准');
    expect(xml).toContain('经审核于2023年7月20日销号');
    expect(xml).toContain('2023年7月25日');
    // the province's 主送; no 文号 given: the standard's placeholder on the 发文字号 line, not an empty line
    expect(xml).toContain('省质量强省领导小组各成员单位、各市州质量强市（州）领导小组办公室：');
    expect(xml).toContain('×××〔2023〕×号');
    // the plan cited as its title is written, without the spaces the seed's PDF text put around its figures
    expect(xml).toContain('根据《湖南省质量强省2023年工作要点》和督办工作安排');
  }, 120_000);

  it('the 通报 at the end of supervision lists the late units of a task together, not a row per unit repeating the task (232 late reports were 11 pages); a task asked to be closed owes no report meanwhile; its dates are written as in the text', async () => {
    now.setTime(Date.parse('2024-04-20T02:00:00Z'));
    try {
      const xml = await docText((await download('office', `/api/work-plans/${planId}/notice.docx?period=2023-H2`)).body);
      expect(xml).toContain('共有199份进展报告逾期未报送');
      const table = xml.slice(xml.indexOf('已发通知”栏。'), xml.indexOf('四、延期情况'));
      // one row for the 33 units of task 9 in the same state: the task named once, the units listed with their count
      expect(table.split('9. 推进服务质量提档升级').length - 1).toBe(1);
      expect(table).toMatch(/9\. 推进服务质量提档升级长沙市、株洲市、[^0-9]*、省药品监督管理局（33个单位）2023年下半年96列入通报（尚未催办）—/);
      // task 2 has waited on the office's decision on its closure since 2023-07-24 (no report is taken meanwhile):
      // none of its 33 units is named for not reporting (they were, as 33 more late reports)
      expect(table).not.toContain('贯彻落实质量强国、质量强省纲要');
      expect(xml).toMatch(/2贯彻落实质量强国、质量强省纲要省质强办100%正常/);
      // every late report is still in the table: the units of the rows add up to the 199
      const counted = [...table.matchAll(/（(\d+)个单位）/g)].reduce((a, m) => a + Number(m[1]), 0);
      expect(counted).toBeGreaterThan(180);
      // the notices issued, dated as the text dates them (not 2023-07-12)
      expect(table).toContain('催办（2023年7月12日）督办单（2023年7月17日）');
      expect(table).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    } finally {
      now.setTime(Date.parse('2023-07-25T02:00:00Z'));
    }
  }, 120_000);

  it('a task asked to be closed owes no report while the office decides: not late, not 催办\'d, on the ladder of no unit', async () => {
    now.setTime(Date.parse('2024-01-20T02:00:00Z'));
    try {
      const office = await login(t.app, 'office');
      const tasks = (await office.request('GET', `/api/work-plans/${planId}`)).json.taskRows as { id: number; number: number; status: string }[];
      const two = tasks.find((x) => x.number === 2)!;
      expect(two.status).toBe('closing');
      const pageOf = (await office.request('GET', `/api/work-tasks/${two.id}`)).json;
      expect(pageOf.task.light).toMatchObject({ light: 'green', reasons: ['已于2023-07-24申请办结，待审核'] });
      expect(pageOf.overdue).toEqual([]);
      expect(pageOf.task.units.every((u: { light: { light: string } }) => u.light.light === 'green')).toBe(true);
      const changsha = pageOf.task.units.find((u: { org: { name: string } }) => u.org.name === '长沙市').org.id;
      const remind = await office.request('POST', `/api/work-tasks/${two.id}/notices`, { orgId: changsha, period: '2023-H2', kind: 'reminder' });
      expect([remind.status, remind.json.message]).toEqual([409, '该任务已申请办结，待质强办审核，其间不报送进展，无需催办；如退回办结申请，再按期催办']);
      // an open task's late unit is still 催办'd
      const three = tasks.find((x) => x.number === 3)!;
      const late = await office.request('POST', `/api/work-tasks/${three.id}/notices`, { orgId: changsha, period: '2023-H2', kind: 'reminder' });
      expect(late.status).toBe(201);
    } finally {
      now.setTime(Date.parse('2023-07-25T02:00:00Z'));
    }
  });

  it('岳阳市质强办’s 通报 of its own plan is its own: its 版头 and 署名, its members and counties as 主送', async () => {
    const yyPlan = ((await (await login(t.app, 'yueyang.office')).request('GET', '/api/work-plans')).json.items as { id: number; issuer: { name: string } }[]).find((p) => p.issuer.name === '岳阳市质强办')!;
    const d = await download('yueyang.office', `/api/work-plans/${yyPlan.id}/notice.docx`, '岳质强办〔2026〕3号');
    expect(d.status).toBe(200);
    const xml = await docText(d.body);
    expect(xml).toContain('岳阳市质量强市领导小组办公室文件岳质强办〔2026〕3号');
    expect(xml).toContain('岳阳市质量强市领导小组各成员单位、各县市区质量强县（市、区）领导小组办公室：');
    expect(xml).not.toContain('省质量强省');
    expect(xml).not.toContain('各市州');
  }, 120_000);

  it('a day later the late lead is listed in the 通报; as of an earlier day nothing was late yet', async () => {
    now.setTime(Date.parse('2023-07-26T02:00:00Z'));
    try {
      const later = await docText((await download('leader', `/api/work-plans/${planId}/notice.docx`)).body);
      expect(later).toContain('以下单位逾期超过督办期限仍未报送，予以通报：岳阳市、省工业和信息化厅、');
      expect(later).toContain('省工业和信息化厅2023年上半年16列入通报（已下发督办单）催办（2023年7月12日）');
      const before = await download('office', `/api/work-plans/${planId}/notice.docx?asOf=2023-07-05`);
      expect(before.status).toBe(200);
      const early = await docText(before.body);
      // the period defaults to the one begun by then (H1, due 07-10): no report late, no closure, no line from a report not yet submitted
      expect(early).toContain('无逾期未报送情况');
      expect(early).toContain('本期无销号的任务。');
      expect(early).toContain('2023年上半年汇总报告尚未报送。');
      expect(early).toContain('办理期限由2023年12月31日延至2024年3月31日');
    } finally {
      now.setTime(Date.parse('2023-07-25T02:00:00Z'));
    }
  }, 120_000);

  it('回看 an earlier day: what happened later (task 1’s 销号 on 07-20, the consolidated reports of 07-09) is not yet on the lights, the page or the 通报', async () => {
    const office = await login(t.app, 'office');
    const plan = (await office.request('GET', `/api/work-plans/${planId}?asOf=2023-07-05`)).json;
    expect(plan.asOf).toBe('2023-07-05');
    expect(plan.lights.done).toBe(0);
    const t1 = plan.taskRows.find((r: any) => r.number === 1);
    expect(t1).toMatchObject({ status: 'open', statusLabel: '办理中', progress: null });
    expect(t1.light.light).not.toBe('done');
    // no consolidated report had been sent by then: no task shows a progress
    expect(plan.taskRows.map((r: any) => r.progress)).toEqual(plan.taskRows.map(() => null));
    const m = (await office.request('GET', `/api/work-plans/${planId}/matrix?asOf=2023-07-05`)).json;
    expect(m.rows.find((r: any) => r.task.number === 1).light).not.toBe('done');
    const xml = await docText((await download('office', `/api/work-plans/${planId}/notice.docx?asOf=2023-07-05`)).body);
    const { green, yellow, red } = plan.lights;
    expect(xml).toContain(`已办结（销号）0项，正常推进（绿灯）${green}项，预警（黄灯）${yellow}项，逾期（红灯）${red}项`);
    expect(xml).toContain('1. 强化协调推进（省质强办牵头，尚未报告进度，');
    expect(xml).not.toContain('已销号）');
  }, 120_000);

  it('refuses an unknown period in Chinese; other roles may not read; the download is audited', async () => {
    const bad = await download('office', `/api/work-plans/${planId}/notice.docx?period=2023-Q9`);
    expect(bad.status).toBe(400);
    expect(bad.json().message).toBe('报送期次2023-Q9不在该工作要点的报送周期内');
    expect((await download('office', `/api/work-plans/${planId}/notice.docx?asOf=2023-13-01`)).status).toBe(400);
    expect((await download('office', `/api/work-plans/99999/notice.docx`)).status).toBe(404);
    // the optional 文号 is printed in the 版头; one not written as 机关代字〔年份〕序号号 is refused
    const numbered = await download('office', `/api/work-plans/${planId}/notice.docx?period=2023-H1`, '湘质强办〔2023〕9号');
    expect(numbered.status).toBe(200);
    expect(await docText(numbered.body)).toContain('湘质强办〔2023〕9号');
    // other brackets are the same number, printed as a 公文 writes it (canonicalDocNo); a number without its year is refused
    const typed = await download('office', `/api/work-plans/${planId}/notice.docx?period=2023-H1`, '湘质强办(2023)9号');
    expect(typed.status).toBe(200);
    expect(await docText(typed.body)).toContain('湘质强办〔2023〕9号');
    const wrong = await download('office', `/api/work-plans/${planId}/notice.docx`, '湘质强办2023-9号');
    expect(wrong.status).toBe(400);
    expect(wrong.json().message).toContain('六角括号');
    // the 通报 is the office's, read by the leaders; the units read the lights on the pages
    for (const u of ['expert', 'samr', 'changsha']) expect((await download(u, `/api/work-plans/${planId}/notice.docx`)).status, u).toBe(403);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'entity_type', 'after_json']).where('action', '=', 'download').where('entity_type', '=', 'work_plan').execute();
    expect(audit.some((a) => JSON.parse(a.after_json!).fileName.endsWith('.docx'))).toBe(true);
  }, 60_000);

  it('the matrix as .xlsx: a column per unit, the light word on the light fill, A3 landscape pages with the task columns repeated', async () => {
    const x = await download('samr', `/api/work-plans/${planId}/matrix.xlsx`);
    expect(x.status).toBe(200);
    const m = (await (await login(t.app, 'samr')).request('GET', `/api/work-plans/${planId}/matrix`)).json;
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    // the province's plan has a column per unit (dozens): A3, several pages wide, the five task columns on each,
    // instead of one A4 page at about 5 pt
    const width = ws.columns.reduce((s, c) => s + (c.width ?? 0), 0);
    expect(width).toBeGreaterThan(205);
    expect(ws.pageSetup.paperSize).toBe(8);
    // 进度 is a number shown as a percentage (sortable and summable), empty where nothing is reported yet
    let progressHead = 1;
    while (ws.getCell(progressHead, 4).value !== '进度') progressHead++;
    const progressCells = m.rows.map((_r: any, i: number) => ws.getCell(progressHead + 1 + i, 4));
    const reported = m.rows.map((r: any, i: number) => [r.progress, progressCells[i].value]).filter(([p]: any) => p !== null);
    expect(reported.length).toBeGreaterThan(0);
    for (const [p, v] of reported) expect(v).toBeCloseTo(p / 100, 10);
    expect(progressCells.every((c: any) => c.value === null || c.numFmt === '0%')).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBeGreaterThan(1);
    expect(ws.pageSetup.printTitlesColumn).toBe('A:E');
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(String(ws.getCell(1, 1).value)).toContain('任务 × 单位督办矩阵');
    expect(String(ws.getCell(1, 1).value)).not.toMatch(/\d 年|省 \d/);
    // days as a printed sheet writes them, not as stored (2023-07-25)
    expect(String(ws.getCell(2, 1).value)).toBe('灯的计算日期：2023年7月25日');
    const cells: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value ?? ''))));
    expect(cells.find((c) => c.startsWith('报送期次：'))).toMatch(/^报送期次：[^（]+（\d{4}年\d{1,2}月\d{1,2}日前报送）/);
    expect(cells.join('|')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const head = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    expect(head.slice(0, 5)).toEqual(['序号', '任务', '牵头单位', '进度', '灯']);
    expect(head.slice(5)).toEqual(m.columns.map((c: any) => c.name));
    expect(head).toContain('长沙市');
    expect(head).toContain('省工业和信息化厅');
    const rowOf = (n: number) => 4 + m.rows.findIndex((r: any) => r.task.number === n);
    const col = (name: string) => 1 + head.indexOf(name);
    // task 7: the lead 省工业和信息化厅 red for its missing report alone (报送逾期, as the task page says: its deadline
    // 2023-12-31 is months away, 逾期 would read as the task missing it); task 1 closed: grey 已办结 everywhere it has a unit
    const r7 = ws.getRow(rowOf(7));
    expect(r7.getCell(5).value).toBe('报送逾期');
    expect(r7.getCell(col('省工业和信息化厅')).value).toBe('报送逾期\n（牵头）');
    expect(m.rows.find((r: any) => r.task.number === 7).label).toBe((await (await login(t.app, 'samr')).request('GET', `/api/work-tasks/${m.rows.find((r: any) => r.task.number === 7).task.id}`)).json.task.light.label);
    expect((r7.getCell(col('省工业和信息化厅')).fill as any).fgColor.argb).toBe(LIGHT_FILLS.red);
    const r1 = ws.getRow(rowOf(1));
    expect(r1.getCell(5).value).toBe('已办结');
    expect((r1.getCell(5).fill as any).fgColor.argb).toBe(LIGHT_FILLS.done);
    expect(r1.getCell(col('长沙市')).value).toBe('已办结');
    // every cell agrees with the matrix read, and a unit without a part stays empty
    let filled = 0;
    for (const r of m.rows)
      m.columns.forEach((c: any) => {
        const cell = ws.getRow(rowOf(r.task.number)).getCell(col(c.name));
        const want = r.cells[String(c.id)];
        if (!want) return expect(cell.value ?? null).toBeNull();
        filled++;
        expect(String(cell.value)).toMatch(/^(正常|预警|逾期|报送逾期|已办结)/);
        expect(String(cell.value).split('\n')[0]).toBe(want.label);
        expect((cell.fill as any).fgColor.argb).toBe(LIGHT_FILLS[want.light as keyof typeof LIGHT_FILLS]);
      });
    expect(filled).toBeGreaterThan(100);
    expect((await download('expert', `/api/work-plans/${planId}/matrix.xlsx`)).status).toBe(403);
  }, 120_000);
});
