/**
 * Scoring as fast as Excel (issue 10), in the browser: samr scores the 2023 demo cycle's cells with the keyboard
 * (type, Enter moves down, a lost point asks for its 扣分理由, Tab moves right, Esc cancels, the live total moves
 * as it types), pastes a column copied from Excel, and uploads a filled scoring sheet (.xlsx).
 * The demo cycle is brought into the scoring phase directly (collection closed through the API, the draft scheme
 * marked published, scoring opened), as the scoring API tests do.
 */
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { cycleAccess } from '../src/server/modules/assessment/assessment.queries';
import { openScoring } from '../src/server/modules/assessment/scoring/scoring.commands';
import { sessionOrg } from '../src/server/core/session';
import { browserSuite, DEMO_PASSWORD, reloadStaying, screenshot, signIn } from './harness';
import { chinaDate } from '../src/shared/deadline';

const { suite, served, browser } = browserSuite('scoring-grid.e2e');

suite('评分表格：键盘录入、从 Excel 粘贴一列、上传评分表（浏览器）', () => {
  let page: Page;
  let cycleId: number;
  let api: APIRequestContext;
  let csrf: string;

  /** the titles of the items whose key points are scored here: a cell is read by its one name, 长沙市「7.a 产品质量安全保障」评分 */
  const ITEM: Record<string, string> = { '3.a': '加强人才队伍建设', '5.a': '加强质量技术基础', '7.a': '产品质量安全保障', '21.a': '质量工作真抓实干督查激励' };
  const cellName = (unit: string, key: string) => `${unit}「${key} ${ITEM[key]}」评分`;
  const input = (unit: string, key: string) => page.getByLabel(cellName(unit, key), { exact: true });
  const active = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  const toast = (text: string | RegExp) => page.locator('.ant-message-notice').filter({ hasText: text }).first();
  const grid = async () => (await (await api.get(`/api/cycles/${cycleId}/scoring/grid`)).json()) as { units: { id: number; name: string }[]; cells: any[] };
  const stored = async (unit: string, key: string) => {
    const g = await grid();
    const u = g.units.find((x) => x.name === unit)!;
    return g.cells.find((c) => c.unitId === u.id && `${c.itemCode}.${c.criterionCode}` === key);
  };

  beforeAll(async () => {
    // the office closes the 2023 call; the scheme is marked published and scoring opened
    const office = await request.newContext({ baseURL: served().url });
    await office.post('/api/auth/login', { data: { username: 'office', password: DEMO_PASSWORD } });
    const officeCsrf = ((await (await office.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;
    const db = served().db.db;
    // the province's 2023 cycle (岳阳市's own 2023 demo cycle is opened after it)
    const cycle = await db.selectFrom('assessment_cycle').selectAll().where('year', '=', 2023).orderBy('id').executeTakeFirstOrThrow();
    cycleId = cycle.id;
    const closed = await office.post(`/api/cycles/${cycleId}/transition`, { data: { event: 'closeCollection', version: cycle.version }, headers: { 'x-csrf-token': officeCsrf } });
    expect(closed.status(), await closed.text()).toBe(200);
    await office.dispose();
    const scheme = await db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycleId).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db.updateTable('scheme').set({ status: 'published', published_at: now, version: scheme.version + 1 }).where('id', '=', scheme.id).execute();
    await db.updateTable('assessment_cycle').set({ status: 'scoring', updated_at: now }).where('id', '=', cycleId).execute();
    const u = await db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
    const me = { id: u.id, username: 'office', displayName: u.display_name, role: 'office' as const, orgUnitId: u.org_unit_id, org: await sessionOrg(db, u.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
    await openScoring(db, await cycleAccess(db, me, cycleId, chinaDate(new Date())), JSON.parse(scheme.framework_json), now);

    page = await signIn(browser(), served().url, 'samr', { landing: /\/todos$/, context: { viewport: { width: 1440, height: 900 } } });
    api = page.context().request;
    csrf = ((await (await api.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;
    expect(csrf).toBeTruthy();
  });

  it('samr scores with the keyboard, pastes a column from Excel and uploads a filled sheet', async () => {
    await page.goto(`${served().url}/assessment/${cycleId}`);
    await page.getByRole('tab', { name: '评分', exact: true }).click();
    await input('长沙市', '7.a').waitFor();
    // the full key point in the column header
    await page.getByTestId('title-7.a').filter({ hasText: '切实加强产品质量安全监管工作' }).first().waitFor();

    // ── type, Enter moves down; the live total follows the typing before anything is saved
    const total = page.getByTestId('total-430100');
    const before = (await total.textContent())!;
    await input('长沙市', '7.a').click();
    await page.keyboard.type('14.5');
    await expect.poll(async () => (await total.textContent())!).not.toBe(before);
    expect(await total.locator('strong').textContent()).toBe('14.5');
    await page.keyboard.press('Enter');
    expect(await active()).toBe(cellName('株洲市', '7.a'));
    await expect.poll(async () => (await stored('长沙市', '7.a'))?.score).toBe('14.5');

    // ── a lost point asks for its reason; Enter in the reason saves and moves on
    await page.keyboard.type('13.8');
    await page.keyboard.press('Enter');
    // typing on fast: the next cell's score lands in the prompt, and figures alone are no reason (Enter does nothing)
    await page.keyboard.type('14');
    expect(await page.getByTestId('reason-problem').textContent()).toBe('株洲市「7.a 产品质量安全保障」的扣分理由「14」只有数字或符号，请用文字写明失分原因');
    expect(await page.getByRole('dialog').getByRole('button', { name: /^保\s?存$/ }).isDisabled()).toBe(true);
    await page.keyboard.press('Enter');
    // a person reads the message, with the caret in the box, before selecting what is there (a Ctrl+A while the
    // prompt was still opening went to the grid's cell, and the reason was typed after the 「14」)
    await expect.poll(active).toBe('扣分理由');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('抽查合格率 97.6%，未达 98% 目标');
    expect(await page.getByTestId('reason-problem').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored('株洲市', '7.a'))?.comment).toBe('抽查合格率 97.6%，未达 98% 目标');
    // the move follows the save's answer in the browser(), which may come after the row is stored
    await expect.poll(active).toBe(cellName('湘潭市', '7.a'));
    await page.getByTestId('reason-430200-7.a').waitFor();

    // ── Esc cancels what was typed; Tab moves right, Shift+Tab back
    await page.keyboard.type('abc');
    await page.keyboard.press('Escape');
    expect(await input('湘潭市', '7.a').inputValue()).toBe('');
    await page.keyboard.press('Tab');
    expect(await active()).toBe(cellName('湘潭市', '21.a'));
    await page.keyboard.type('否');
    await page.keyboard.press('Shift+Tab');
    expect(await active()).toBe(cellName('湘潭市', '7.a'));
    await expect.poll(async () => (await stored('湘潭市', '21.a'))?.answer).toBe(false);
    await page.keyboard.press('ArrowUp');
    expect(await active()).toBe(cellName('株洲市', '7.a'));
    await screenshot(page, 'scoring-grid-01-keyboard');

    // ── a new score that loses other points asks its reason again, with the saved one in the box to keep or correct
    // (kept silently, 「未达 98% 目标」 written for 0.7 points would have stood beside 2.5 lost)
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await page.getByTestId('reason-was').waitFor();
    expect(await page.getByTestId('reason-was').textContent()).toContain('原扣分理由是按失分0.7分写的，评分改后失分2.5分');
    expect(await page.getByRole('textbox', { name: '扣分理由' }).inputValue()).toBe('抽查合格率 97.6%，未达 98% 目标');
    // the caret is in the box once the dialog has opened (a Ctrl+A before that selected the grid's cell, and the new
    // reason was typed after the saved one)
    await expect.poll(active).toBe('扣分理由');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('抽查合格率 95.0%，未达 98% 目标');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored('株洲市', '7.a'))?.comment).toBe('抽查合格率 95.0%，未达 98% 目标');
    expect((await stored('株洲市', '7.a')).answer).toEqual({ score: 12 });
    // ── typed, then left with a click elsewhere (no Enter): saved, not left 「（未保存）」 and lost on reload
    await input('株洲市', '21.a').click();
    await page.keyboard.type('是');
    await input('湘潭市', '7.a').click();
    await expect.poll(async () => (await stored('株洲市', '21.a'))?.answer).toBe(true);

    // ── paste a column copied from Excel (CRLF rows, trailing line break) into 5.a from 长沙市 down
    await input('长沙市', '5.a').click();
    await input('长沙市', '5.a').evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '5.5\r\n5.5\r\n5.5\r\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await toast('已粘贴3格，保存3格').waitFor();
    for (const unit of ['长沙市', '株洲市', '湘潭市']) await expect.poll(async () => (await stored(unit, '5.a'))?.answer).toEqual({ score: 5.5 });
    expect((await stored('衡阳市', '5.a')) ?? null).toBeNull();

    // ── two saves of the same cells at once (a second paste before the first is answered): the second waits for the
    // first and sends its version, so neither is a conflict with "another window" of samr's own
    await input('长沙市', '3.a').click();
    await input('长沙市', '3.a').evaluate((el) => {
      for (let i = 0; i < 2; i++) {
        const dt = new DataTransfer();
        dt.setData('text/plain', '0.5\r\n0.5\r\n');
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }
    });
    await expect.poll(() => page.locator('.ant-message-notice').filter({ hasText: '已粘贴2格，保存2格' }).count()).toBe(2);
    for (const unit of ['长沙市', '株洲市']) expect((await stored(unit, '3.a')).answer).toEqual({ score: 0.5 });
    await expect(page.getByText('其他窗口').count()).resolves.toBe(0);

    // ── download the sheet (prefilled with what was just saved), fill 衡阳市 offline, upload it back
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载评分表/ }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await streamToBuffer(await dl.createReadStream())) as any);
    const ws = wb.getWorksheet('评分表')!;
    const rowOf = (unit: string, key: string) => {
      for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 2).text === unit && ws.getCell(r, 3).text === key) return r;
      throw new Error(`no row ${unit} ${key}`);
    };
    expect(ws.getCell(rowOf('株洲市', '7.a'), 8).text).toBe('抽查合格率 95.0%，未达 98% 目标');
    ws.getCell(rowOf('衡阳市', '3.a'), 7).value = 0.5;
    ws.getCell(rowOf('衡阳市', '5.a'), 7).value = 5;
    ws.getCell(rowOf('衡阳市', '5.a'), 8).value = '一站式服务覆盖不足';
    ws.getCell(rowOf('衡阳市', '7.a'), 7).value = 14.5;
    ws.getCell(rowOf('衡阳市', '21.a'), 7).value = '否';
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    await page.locator('input[type=file][accept*=".xlsx"]').setInputFiles({ name: '评分表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await toast(/评分表已导入：保存4项评分/).waitFor();
    await expect.poll(async () => (await input('衡阳市', '5.a').inputValue())).toBe('5');
    expect((await stored('衡阳市', '5.a')).comment).toBe('一站式服务覆盖不足');
    await screenshot(page, 'scoring-grid-02-uploaded');

    // ── paste two columns from Excel (score, 扣分理由) into 5.a from 邵阳市 down: the reasons are saved with the
    //    scores; a lost point without a reason is refused for its row alone, naming the city and the criterion
    await input('邵阳市', '5.a').click();
    await input('邵阳市', '5.a').evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '5\t一站式服务覆盖不足\r\n5\t\r\n5.5\t\r\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await toast(/^已粘贴3格评分及扣分理由：保存2格，1格未保存——岳阳市「5\.a 加强质量技术基础」失分[\d.]+分，未填写扣分理由，未保存$/).waitFor();
    await expect.poll(async () => (await stored('邵阳市', '5.a'))?.comment).toBe('一站式服务覆盖不足');
    expect((await stored('邵阳市', '5.a')).answer).toEqual({ score: 5 });
    expect((await stored('常德市', '5.a')).answer).toEqual({ score: 5.5 });
    expect((await stored('岳阳市', '5.a')) ?? null).toBeNull();
    expect((await stored('邵阳市', '7.a')) ?? null).toBeNull();
    await page.getByTestId('cell-430600-5.a').getByRole('alert').filter({ hasText: '岳阳市「5.a 加强质量技术基础」失分' }).waitFor();
    await page.getByTestId('reason-430500-5.a').waitFor();
    await screenshot(page, 'scoring-grid-03-pasted-reasons');
  });

  it('the 督查激励 bonus item’s drawer lists the roll’s entries of the year its standard names (2022年度 in the 2023 assessment), and says why', async () => {
    await page.goto(`${served().url}/assessment/${cycleId}`);
    await page.getByRole('tab', { name: '评分', exact: true }).click();
    await page.getByRole('button', { name: '长沙市「21.a 质量工作真抓实干督查激励」的评分详情', exact: true }).click();
    const box = page.getByTestId('inspection-incentives');
    await box.waitFor();
    // the drawer's heading and its answer name the key point by its one name, not by 21.a alone
    const editor = page.getByTestId('score-editor-430100-21.a');
    await editor.getByText('长沙市 · 21.a 质量工作真抓实干督查激励', { exact: true }).waitFor();
    await editor.getByLabel('「21.a 质量工作真抓实干督查激励」', { exact: true }).waitFor();
    // the 2023 assessment on the 2022 scheme's words (“2022 年度…受国办督查激励”): 长沙市's 2022 国办督查激励, not its 2023 roll
    await expect(box.textContent()).resolves.toContain('荣誉名录中的督查激励（2022年度，仅供参考）');
    await expect(page.getByTestId('inspection-year-why').textContent()).resolves.toBe('按加分标准所写的2022年度列出');
    await box.getByText('督查激励（国办）').waitFor();
    await screenshot(page, 'scoring-grid-04-inspection-year');
  });

  it('a reload with a score typed and not saved yet asks first (the browser’s 离开此网站？), and staying keeps the typed score', async () => {
    await page.goto(`${served().url}/assessment/${cycleId}`);
    await page.getByRole('tab', { name: '评分', exact: true }).click();
    const cell = input('株洲市', '7.a');
    await cell.click();
    await page.keyboard.type('13');
    // without the question the reload went through and the cell showed 未评分 again, the 13 gone
    expect(await reloadStaying(page)).toEqual(['beforeunload']);
    expect(await cell.inputValue()).toBe('13');
    // Esc cancels the typing: nothing is left to lose, and a reload goes through without a question
    await cell.press('Escape');
    expect(await reloadStaying(page, 30_000)).toEqual([]);
  });
});

async function streamToBuffer(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
