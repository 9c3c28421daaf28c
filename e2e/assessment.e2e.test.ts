/**
 * The yearly assessment (issue 4) end to end in a real browser against the real server, one journey:
 * the office opens the 2024 cycle on the 2022 published scheme → 省市场监督管理局 downloads its prefilled
 * declaration template, fills it in Excel (exceljs), uploads and submits it → the office accepts it, ends the
 * call for indicators and publishes the scheme → the departments score (samr one cell in the grid, every
 * other cell of every evaluating department through the API as that department, with the synthetic golden
 * answers of frameworks/golden) and submit → the office publishes the preliminary results and opens the
 * objection window → 长沙市 sees only its own result and objects to one of samr's key points → samr adjusts
 * the score → the office publishes the final results → the ranking (.xlsx), 长沙市's report (.docx), the
 * scheme's Annex 4 (.xlsx) and the call notice (.docx) download and re-open.
 *
 * Each user has their own browser context; the departments that only score through the API get accounts
 * created by the system administrator (POST /api/users) in beforeAll. A screenshot is kept after every step.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../src/server/config';
import { loadDepartments } from '../src/server/modules/frameworks';
import { formatDeadline } from '../src/shared/deadline';
import { ARTIFACTS, browserSuite, buttonNamed, DEMO_PASSWORD, reloadStaying, screenshot, signIn } from './harness';

const { suite, served, browser } = browserSuite('assessment.e2e');

const YEAR = 2024;
const TITLE = `${YEAR}年度省政府对市州政府质量工作考核`;
const SAMR = '省市场监督管理局';
const CHANGSHA = { code: '430100', name: '长沙市' };
const SCORER_PASSWORD = 'Scorer@2024e2e';
/** the golden answers of the 2022 seed, per unit code → item → criterion (every one of the 30 key points) */
const GOLDEN: { units: { unit: string; answers: Record<string, Record<string, unknown>> }[] } = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'frameworks/golden/hunan-2022-14-cities.json'), 'utf8'),
);
const goldenAnswer = (unitCode: string, itemCode: string, criterionCode: string) => {
  const a = GOLDEN.units.find((u) => u.unit === unitCode)?.answers[itemCode]?.[criterionCode];
  if (a === undefined) throw new Error(`no golden answer for ${unitCode} ${itemCode}.${criterionCode}`);
  return a;
};

/** YYYY-MM-DD in China time, `days` from today */
const chinaDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

/** A JSON API client with the session's CSRF token (a browser context's request, or a stand-alone one). */
interface Api {
  username: string;
  get<T = any>(url: string): Promise<{ status: number; json: T }>;
  send<T = any>(method: 'POST' | 'PUT' | 'DELETE', url: string, data?: unknown): Promise<{ status: number; json: T }>;
}

async function apiFor(req: APIRequestContext, username: string): Promise<Api> {
  const me = await req.get('/api/auth/me');
  if (me.status() !== 200) throw new Error(`GET /api/auth/me as ${username}: ${me.status()}`);
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const parse = async (r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<{ status: number; json: any }> => ({ status: r.status(), json: await r.json().catch(() => null) });
  return {
    username,
    get: async (url) => parse(await req.get(url)),
    send: async (method, url, data) => parse(await req.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } })),
  };
}

function ok<T>(r: { status: number; json: T }, what: string): T {
  if (r.status < 200 || r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 600)}`);
  return r.json;
}

/** the text of word/document.xml without tags (runs joined) */
async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

suite('年度考核全流程：开启 → 申报 → 方案 → 评分 → 异议 → 发布 → 导出（浏览器）', () => {
  const contexts: BrowserContext[] = [];
  const apiContexts: APIRequestContext[] = [];
  /** department code → API client of a department user (created here, or the demo account) */
  const scorers = new Map<string, Api>();

  beforeAll(async () => {
    // the system administrator creates one account per department that has no demo account
    const admin = await apiLogin('admin', DEMO_PASSWORD);
    const security = await apiLogin('secadmin', DEMO_PASSWORD);
    const orgs = ok(await admin.get<{ items: { id: number; code: string; kind: string }[] }>('/api/orgs'), 'GET /api/orgs').items;
    const demo: Record<string, string> = { samr: 'samr', ndrc: 'ndrc' };
    for (const dept of loadDepartments().filter((d) => d.code !== 'office')) {
      const org = orgs.find((o) => o.code === dept.code && o.kind === 'department');
      if (!org) throw new Error(`department ${dept.code} (${dept.name}) is not in GET /api/orgs`);
      if (demo[dept.code]) {
        scorers.set(dept.code, await apiLogin(demo[dept.code], DEMO_PASSWORD));
        continue;
      }
      const username = `e2e.${dept.code}`;
      const created = ok(
        await admin.send('POST', '/api/users', { username, displayName: `${dept.name}评分员`, role: 'department', orgUnitId: org.id }),
        `create ${username}`,
      );
      // 三员分立: the security administrator confirms the new account and is given its one-time password, which may only be changed.
      const { oneTimePassword } = ok(await security.send('POST', `/api/users/${created.id}/approve`, { version: created.version }), `approve ${username}`);
      const scorer = await apiLogin(username, oneTimePassword);
      ok(await scorer.send('POST', '/api/auth/password', { oldPassword: oneTimePassword, newPassword: SCORER_PASSWORD }), `first password of ${username}`);
      scorers.set(dept.code, scorer);
    }
  });

  afterAll(async () => {
    for (const c of apiContexts) await c.dispose().catch(() => undefined);
    for (const c of contexts) await c.close().catch(() => undefined);
  });

  async function apiLogin(username: string, password: string): Promise<Api> {
    const req = await request.newContext({ baseURL: served().url });
    apiContexts.push(req);
    const r = await req.post('/api/auth/login', { data: { username, password } });
    if (r.status() !== 200) throw new Error(`login ${username}: HTTP ${r.status()} ${await r.text()}`);
    return apiFor(req, username);
  }

  /** A user in their own browser context, signed in through the login form. */
  async function user(username: string): Promise<{ page: Page; api: Api }> {
    const page = await signIn(browser(), served().url, username, { landing: /\/todos$/, context: { viewport: { width: 1440, height: 900 } } });
    contexts.push(page.context());
    return { page, api: await apiFor(page.context().request, username) };
  }

  /** 年度考核 in the side menu → the cycle's link in the list. */
  async function openCycleFromMenu(page: Page): Promise<void> {
    await page.locator('.ant-layout-sider').getByText('年度考核', { exact: true }).click();
    await page.waitForURL(/\/assessment$/);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/assessment\/\d+/);
    await cardTitle(page).filter({ hasText: TITLE }).waitFor();
  }

  /** the cycle page afresh (after someone else moved the cycle on), on a tab */
  async function gotoCycle(page: Page, cycleId: number, tab: string): Promise<void> {
    await page.goto(`${served().url}/assessment/${cycleId}`);
    await cardTitle(page).filter({ hasText: TITLE }).waitFor();
    await clickTab(page, tab);
  }

  async function clickTab(page: Page, name: string): Promise<void> {
    await page.getByRole('tab', { name, exact: true }).click();
    await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
  }

  /** the page header's title (the cycle's title on its page) and its tags */
  const cardTitle = (page: Page) => page.getByTestId('page-title');
  const statusTag = (page: Page, label: string) => page.getByTestId('page-header').locator('.ant-tag').filter({ hasText: label });
  /** a small card inside the cycle page, by its title */
  const innerCard = (page: Page, title: string) => page.locator('.ant-card-small').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });
  const toast = (page: Page, text: string) => page.locator('.ant-message-notice').filter({ hasText: text }).first();

  /** Close an open date picker panel (click the dialog's title) so the form is seen whole. */
  async function closePicker(page: Page, modal: ReturnType<Page['locator']>): Promise<void> {
    await modal.locator('.ant-modal-title').click();
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
  }

  /** Keep a screenshot — after checking the page shows no error banner or error toast. */
  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const errors = await page.locator('.ant-alert-error, .ant-message-error').allTextContents();
    expect(errors, `error shown on ${name}`).toEqual([]);
    await screenshot(page, name);
  }

  /** Click something that starts a download; the file is kept in test-results/ and returned. */
  async function download(page: Page, click: () => Promise<void>, keepAs: string): Promise<{ buf: Buffer; suggested: string }> {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
    expect(await dl.failure()).toBeNull();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, keepAs);
    await dl.saveAs(file);
    return { buf: fs.readFileSync(file), suggested: dl.suggestedFilename() };
  }

  it(
    '质强办开启考核，成员单位上传申报，发布方案，各部门评分，市州异议，部门调整，发布结果并导出',
    async () => {
      // ───── 1. office (UI): 年度考核 → 开启年度考核 → 2024, base = the 2022 published scheme, deadline, all departments
      const office = await user('office');
      let page = office.page;
      await page.locator('.ant-layout-sider').getByText('年度考核', { exact: true }).click();
      await page.waitForURL(/\/assessment$/);
      await page.getByRole('link', { name: /2022年度省政府对市州政府质量工作考核/ }).waitFor(); // the list (and so the base options) loaded
      await page.getByRole('button', { name: /开启年度考核/ }).click();
      const openModal = page.locator('.ant-modal').filter({ hasText: '开启年度考核（发起指标征集）' });
      await openModal.waitFor();
      await openModal.locator('#year').fill(String(YEAR));
      const base = openModal.locator('.ant-form-item').filter({ hasText: '基础方案' }).locator('.ant-select-selection-item');
      await expect(base.textContent()).resolves.toBe('2022年度省政府对市州政府质量工作考核（演示数据）（已发布方案）');
      const deadline = chinaDate(30);
      const deadlineInput = openModal.locator('#deadline');
      await deadlineInput.click();
      await deadlineInput.fill(deadline);
      await deadlineInput.press('Enter');
      await closePicker(page, openModal);
      await expect(deadlineInput.inputValue()).resolves.toBe(deadline);
      // every department is preselected
      const departments = loadDepartments().filter((d) => d.code !== 'office');
      await openModal.locator('.ant-form-item').filter({ hasText: '须申报的成员单位' }).getByText(`+ ${departments.length - 8} ...`).waitFor();
      await screenshot(page, 'assessment-01-open-cycle-form');
      await openModal.getByRole('button', { name: '开启并发出通知' }).click();
      await page.waitForURL(/\/assessment\/\d+$/);
      const cycleId = Number(/\/assessment\/(\d+)$/.exec(page.url())![1]);
      await cardTitle(page).filter({ hasText: TITLE }).waitFor();
      await statusTag(page, '指标征集中').waitFor();
      await page.locator('.ant-descriptions').getByText(`须申报的成员单位（${departments.length}）`).waitFor();
      // the deadline as the shared formatter writes it ("12月28日 24:00"), not the ISO date
      await page.locator('.ant-descriptions').getByText(formatDeadline(deadline).at).waitFor();
      await shot(page, 'assessment-01-cycle-opened');

      // ───── 2. samr (UI): downloads the prefilled template, fills it in Excel, uploads it, submits
      const samr = await user('samr');
      await openCycleFromMenu(samr.page);
      page = samr.page;
      await clickTab(page, '指标征集与申报');
      await page.getByRole('button', { name: /下载 Excel 模板/ }).waitFor();
      const template = await download(page, () => page.getByRole('button', { name: /下载 Excel 模板/ }).click(), 'assessment-samr-template.xlsx');
      expect(template.suggested).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template.buf as unknown as ArrayBuffer);
      const a1 = wb.getWorksheet('指标申报表')!;
      expect(a1.getRow(5).getCell(1).text).toBe('考核领域');
      let declared = 0;
      const CHANGED_BASIS = '《质量强国建设纲要》；《湖南省质量强省建设实施方案》（e2e 修改）';
      for (let r = 6; r <= a1.rowCount; r++) {
        const row = a1.getRow(r);
        if (!row.getCell(1).text.trim()) continue;
        const points = Number(row.getCell(5).value);
        expect(points).toBeGreaterThan(0);
        // 要点考核内容: one criterion per line, each ending （N分）, adding up to the key point's points
        const half = Math.floor((points / 2) * 10) / 10;
        row.getCell(4).value =
          half > 0 && half < points
            ? `落实工作部署、健全工作机制（${half}分）\n完成年度目标任务、形成典型经验（${Math.round((points - half) * 100) / 100}分）`
            : `落实工作部署并完成年度目标任务（${points}分）`;
        row.getCell(6).value = declared === 0 ? CHANGED_BASIS : '《质量强国建设纲要》';
        declared++;
      }
      expect(declared).toBeGreaterThan(0);
      const a2 = wb.getWorksheet('加分项申报表')!;
      for (let r = 6; r <= a2.rowCount; r++) {
        const row = a2.getRow(r);
        if (row.getCell(2).text.trim()) row.getCell(4).value = '《湖南省质量强省工作激励办法》';
      }
      const filled = path.join(served().dataDir, '省市场监督管理局-申报表-已填写.xlsx');
      await wb.xlsx.writeFile(filled);
      await page.locator('input[type=file][accept*=".xlsx"]').setInputFiles(filled);
      await toast(page, '申报表已导入').waitFor();
      await page.getByText(`${declared}条，合计`).waitFor();
      const submitDecl = page.getByRole('button', { name: /提\s*交/ });
      await expect(submitDecl.isEnabled()).resolves.toBe(true);
      const mine = ok(await samr.api.get(`/api/cycles/${cycleId}/declarations`), 'samr declarations').items[0];
      const stored = ok(await samr.api.get(`/api/declarations/${mine.id}`), 'samr declaration');
      expect(stored.content.indicators[0].basis).toBe(CHANGED_BASIS);
      await shot(page, 'assessment-02-samr-uploaded');
      await submitDecl.click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
      await toast(page, '申报表已提交，等待质强办审核').waitFor();
      await page.locator('.ant-descriptions').locator('.ant-tag').filter({ hasText: '已提交' }).waitFor();
      await shot(page, 'assessment-02-samr-submitted');

      // ───── 3. office (UI): accepts samr's declaration, ends the call, publishes the scheme
      page = office.page;
      await clickTab(page, '指标征集与申报');
      const samrRow = page.locator('.ant-table-row').filter({ hasText: SAMR });
      await samrRow.locator('.ant-tag').filter({ hasText: '已提交' }).waitFor();
      await samrRow.getByRole('button', { name: /接\s*收/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
      await toast(page, `已接收${SAMR}的申报表`).waitFor();
      await samrRow.locator('.ant-tag').filter({ hasText: '已接收' }).waitFor();
      await shot(page, 'assessment-03-office-accepted');
      // while the call runs, no draft may be published yet: 发布方案 is greyed and the check says why
      await clickTab(page, '考核方案');
      await page.getByTestId('scheme-phase').filter({ hasText: '请先结束指标征集（进入「方案制定中」），再发布方案' }).waitFor();
      expect(await page.getByRole('button', { name: '发布方案', exact: true }).isDisabled()).toBe(true);
      expect(await page.locator('.ant-tag').filter({ hasText: '可以发布' }).count()).toBe(0);
      await clickTab(page, '概况');
      await page.getByRole('button', { name: '结束征集，制定方案' }).click();
      // the confirmation says what ending the call leaves behind (those not in, those still to review)
      await page.locator('.ant-popconfirm').getByText(/个成员单位(未提交|均已提交)/).waitFor();
      // a department left out is let in by reopening the call first (not 「对其单独重新开放」, which is then refused)
      expect(await page.locator('.ant-popconfirm').textContent()).not.toContain('单独重新开放');
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
      await toast(page, '已结束征集，制定方案').waitFor();
      await statusTag(page, '方案制定中').waitFor();
      await clickTab(page, '考核方案');
      // the accepted declaration is not in the draft yet: the check beside 发布方案 says so and writes it in
      const check = page.getByTestId('scheme-publish-check');
      await check.getByText(`以下成员单位已接收的申报尚未写入草稿：${SAMR}`).waitFor();
      await check.getByRole('button', { name: '写入草稿' }).click();
      await toast(page, `已写入${SAMR}的申报`).waitFor();
      const notes = page.locator('.ant-modal-confirm').filter({ hasText: '写入说明' });
      if (await notes.isVisible()) await notes.getByRole('button').last().click();
      await page.getByText('基本分合计100/100分').waitFor();
      await page.locator('.ant-tag').filter({ hasText: '可以发布' }).waitFor();
      await shot(page, 'assessment-03-scheme-draft');
      // an edit not saved yet: a reload asks first (staying keeps it), and going to another tab of the cycle saves it on
      // the way out (both dropped the edit without a word); the edit is then undone and saved, as the scheme was
      const firstText = page.locator('#scheme-section-0 textarea').first();
      const original = await firstText.inputValue();
      await firstText.fill(`${original}（草稿修改）`);
      await page.getByText('有未保存的修改').waitFor();
      expect(await reloadStaying(page)).toEqual(['beforeunload']);
      expect(await firstText.inputValue()).toBe(`${original}（草稿修改）`);
      await clickTab(page, '概况');
      await toast(page, '离开前已保存方案草稿的修改').waitFor();
      await clickTab(page, '考核方案');
      await expect.poll(() => page.locator('#scheme-section-0 textarea').first().inputValue()).toBe(`${original}（草稿修改）`);
      await page.locator('#scheme-section-0 textarea').first().fill(original);
      await page.getByRole('button', { name: '保存草稿', exact: true }).click();
      await toast(page, '草稿已保存').waitFor();
      await page.locator('.ant-tag').filter({ hasText: '可以发布' }).waitFor();
      await page.getByRole('button', { name: '发布方案', exact: true }).click();
      const publishModal = page.locator('.ant-modal').filter({ hasText: '发布考核方案第1版' });
      await publishModal.getByRole('button', { name: /发\s*布/ }).click();
      const published = page.locator('.ant-modal-confirm').filter({ hasText: '方案已发布' });
      await published.waitFor();
      const opened = /已向(\d+)个评价部门发送评分待办/.exec((await published.textContent()) ?? '');
      expect(opened).not.toBeNull();
      const evaluatorCount = Number(opened![1]);
      await published.locator('.ant-btn-primary').click();
      await statusTag(page, '评分中').waitFor();
      await shot(page, 'assessment-03-scheme-published');

      // ───── 4. scoring: samr scores 长沙市's 7.a in the grid (the live total changes) …
      page = samr.page;
      await gotoCycle(page, cycleId, '评分');
      const cell = page.getByRole('button', { name: `${CHANGSHA.name}「7.a 产品质量安全保障」的评分详情`, exact: true });
      await cell.waitFor();
      const changshaRow = page.locator('.ant-table-row').filter({ has: page.locator('td').first().filter({ hasText: CHANGSHA.name }) }).first();
      const totalCell = changshaRow.locator('td').last();
      const totalBefore = (await totalCell.textContent())?.trim();
      await cell.click();
      const drawer = page.locator('.ant-drawer').filter({ hasText: `${CHANGSHA.name} · 7.a 产品质量安全保障` });
      const score7a = goldenAnswer(CHANGSHA.code, '7', 'a') as { score: number };
      await drawer.getByLabel('「7.a 产品质量安全保障」得分').fill(String(score7a.score));
      await drawer.getByText(`得分${score7a.score}`).waitFor();
      // every point deducted needs a written reason (扣分理由)
      await drawer.getByLabel('扣分理由').fill('抽查合格率未达目标');
      await drawer.getByRole('button', { name: buttonNamed('保存') }).click();
      await toast(page, `已保存${CHANGSHA.name}「7.a 产品质量安全保障」`).waitFor();
      await shot(page, 'assessment-04-samr-score-cell');
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
      const live = changshaRow.getByTestId(`total-${CHANGSHA.code}`);
      await live.getByText(/已评1\//).waitFor();
      const totalAfter = (await totalCell.textContent())?.trim();
      expect(totalAfter).not.toBe(totalBefore);
      expect(await live.locator('strong').first().textContent()).toBe(String(score7a.score));

      // … every other cell of every evaluating department through the API, as that department
      const all = new Map<string, Api>([...scorers, ['office', office.api]]);
      all.set('samr', samr.api);
      const evaluating: string[] = [];
      for (const [code, api] of all) {
        const grid = await api.get(`/api/cycles/${cycleId}/scoring/grid`);
        if (grid.status === 403) continue; // no key point of this department in the scheme
        const g = ok(grid, `grid as ${api.username}`);
        evaluating.push(code);
        const have = new Set(g.cells.map((c: any) => `${c.unitId}/${c.itemCode}.${c.criterionCode}`));
        for (const unit of g.units)
          for (const c of g.criteria.filter((x: any) => x.editable)) {
            if (have.has(`${unit.id}/${c.key}`)) continue;
            ok(
              await api.send('PUT', `/api/cycles/${cycleId}/scores/${unit.id}/${encodeURIComponent(c.itemCode)}/${c.criterionCode}`, {
                answer: goldenAnswer(unit.code, c.itemCode, c.criterionCode),
                comment: '演示评分',
                version: null,
              }),
              `score ${unit.name} ${c.key} as ${api.username}`,
            );
          }
        if (code !== 'samr') expect(ok(await api.send('POST', `/api/cycles/${cycleId}/scoring/submit`, {}), `submit as ${api.username}`).status).toBe('submitted');
      }
      expect(evaluating.length).toBe(evaluatorCount);
      expect(evaluating).toContain('samr');
      // samr submits in the UI
      await page.reload();
      await page.getByText(/已评(\d+)\/\1项/).waitFor();
      await page.getByRole('button', { name: '提交评分' }).click();
      await page.locator('.ant-modal-confirm').filter({ hasText: '提交本部门评分？' }).getByRole('button', { name: /提\s*交/ }).click();
      await toast(page, '评分已提交').waitFor();
      await page.getByText('本部门评分已提交并锁定；如需修改，请联系质强办重新开放。').waitFor();
      await shot(page, 'assessment-04-samr-submitted');

      // ───── 5. office (UI): 结果与异议 → publish the preliminary results, objection window including today
      page = office.page;
      await gotoCycle(page, cycleId, '结果与异议');
      await page.getByRole('button', { name: '公布初步结果，开放异议' }).click();
      const reviewModal = page.locator('.ant-modal').filter({ hasText: '公布初步结果，开放异议期' });
      await reviewModal.waitFor();
      const [from, to] = [chinaDate(-1), chinaDate(7)];
      const rangeInputs = reviewModal.locator('.ant-picker-range input');
      await rangeInputs.nth(0).click();
      await rangeInputs.nth(0).fill(from);
      await rangeInputs.nth(0).press('Enter');
      await rangeInputs.nth(1).fill(to);
      await rangeInputs.nth(1).press('Enter');
      await closePicker(page, reviewModal);
      await expect(rangeInputs.nth(0).inputValue()).resolves.toBe(from);
      await expect(rangeInputs.nth(1).inputValue()).resolves.toBe(to);
      await screenshot(page, 'assessment-05-objection-window-form');
      await reviewModal.getByRole('button', { name: '公布并开放异议' }).click();
      await toast(page, '初步结果已公布，异议期已开放').waitFor();
      await statusTag(page, '结果公示（异议期）').waitFor();
      await page.getByText(`异议期：${from}至${to}`).waitFor();
      const ranking = innerCard(page, '排名（初步结果）');
      await ranking.waitFor();
      await expect(ranking.locator('.ant-table-row').count()).resolves.toBe(14);
      await shot(page, 'assessment-05-preliminary-ranking');

      // ───── 6. changsha (UI): only its own preliminary result; objects to one of samr's key points
      const changsha = await user('changsha');
      page = changsha.page;
      await openCycleFromMenu(page);
      await clickTab(page, '结果与异议');
      const ownCard = innerCard(page, `${CHANGSHA.name}初步结果`);
      await ownCard.waitFor();
      const own = ok(await changsha.api.get(`/api/cycles/${cycleId}/results`), 'results as changsha');
      expect(own.units.map((u: any) => u.unitName)).toEqual([CHANGSHA.name]);
      await expect(page.getByText('排名（初步结果）').count()).resolves.toBe(0);
      await expect(page.locator('.ant-table-row').filter({ hasText: '株洲市' }).count()).resolves.toBe(0);
      const target = own.units[0].criteria.find((c: any) => c.department?.code === 'samr' && c.role === 'base' && c.lost !== '0');
      expect(target, 'a key point of samr where 长沙市 lost points').toBeTruthy();
      const totalBeforeObjection = Number(own.units[0].total);
      await ownCard.getByText(String(own.units[0].total), { exact: true }).waitFor();
      const lostRow = ownCard.locator('.ant-table-row').filter({ has: page.locator('td').first().filter({ hasText: new RegExp(`^${target.code}$`) }) });
      await lostRow.getByRole('button', { name: '提出异议' }).click();
      const objectModal = page.locator('.ant-modal').filter({ hasText: `对「${target.code} ${target.itemTitle}」提出异议` });
      await objectModal.waitFor();
      const reason = `我市${target.itemTitle}工作已全部完成，相关佐证材料已于年内报送，扣分依据不足，请复核。`;
      await objectModal.locator('textarea').fill(reason);
      await screenshot(page, 'assessment-06-objection-form');
      await objectModal.getByRole('button', { name: '提出异议' }).click();
      await toast(page, '异议已提出，等待评价部门答复').waitFor();
      const myObjections = innerCard(page, '我提出的异议');
      await myObjections.locator('.ant-table-row').filter({ hasText: reason }).locator('.ant-tag').filter({ hasText: '待答复' }).waitFor();
      await lostRow.getByText('异议待答复').waitFor();
      await shot(page, 'assessment-06-objection-raised');

      // ───── 7. samr (UI): answers with 调整 (full marks) and a reason; 长沙市's total changes accordingly
      page = samr.page;
      await gotoCycle(page, cycleId, '结果与异议');
      const toSamr = innerCard(page, '向本单位提出的异议');
      const objectionRow = toSamr.locator('.ant-table-row').filter({ hasText: CHANGSHA.name });
      await objectionRow.getByRole('button', { name: /答\s*复/ }).click();
      const answerModal = page.locator('.ant-modal').filter({ hasText: `答复${CHANGSHA.name}的异议` });
      await answerModal.waitFor();
      await answerModal.getByText('调整评分', { exact: true }).click();
      await answerModal.getByLabel(`「${target.code} ${target.itemTitle}」得分`).fill(String(target.maximum));
      await answerModal.locator('textarea').fill('经复核，该市补充的佐证材料属实，按满分调整。');
      await screenshot(page, 'assessment-07-answer-form');
      await answerModal.getByRole('button', { name: '提交答复' }).click();
      await toast(page, '已答复').waitFor();
      await objectionRow.locator('.ant-tag').filter({ hasText: '已调整评分' }).waitFor();
      await objectionRow.getByText(`${target.score}分 → ${target.maximum}分`, { exact: true }).waitFor();
      await shot(page, 'assessment-07-objection-adjusted');
      const afterAdjust = ok(await changsha.api.get(`/api/cycles/${cycleId}/results`), 'results as changsha').units[0];
      const expectedTotal = Math.round((totalBeforeObjection + Number(target.lost)) * 100) / 100;
      expect(Number(afterAdjust.total)).toBeCloseTo(expectedTotal, 6);
      expect(afterAdjust.criteria.find((c: any) => c.code === target.code).score).toBe(String(target.maximum));

      // ───── 8. office (UI): publishes the final results
      page = office.page;
      await gotoCycle(page, cycleId, '结果与异议');
      await page.locator('.ant-table-row').filter({ hasText: reason }).locator('.ant-tag').filter({ hasText: '已调整评分' }).waitFor();
      await page.getByRole('button', { name: '发布最终结果' }).click();
      // the confirmation names the objection window and how many objections are unanswered (none: samr answered)
      const confirmPublish = page.locator('.ant-modal-confirm').filter({ hasText: '目前没有待答复的异议' });
      await confirmPublish.waitFor();
      await confirmPublish.getByRole('button', { name: buttonNamed('发布') }).click();
      await toast(page, '最终结果已发布并冻结').waitFor();
      await statusTag(page, '结果已发布').waitFor();
      const finalRanking = innerCard(page, '排名（最终结果）');
      await finalRanking.waitFor();
      await expect(finalRanking.locator('.ant-table-row').count()).resolves.toBe(14);
      await finalRanking.locator('.ant-table-row').filter({ hasText: CHANGSHA.name }).getByText(String(expectedTotal), { exact: true }).waitFor();
      await shot(page, 'assessment-08-final-results');

      // ───── 9. exports: the ranking (.xlsx), 长沙市's report (.docx), Annex 4 (.xlsx) and the notice (.docx)
      const rankingFile = await download(page, () => page.getByRole('link', { name: /下载排名表（Excel）/ }).click(), 'assessment-ranking.xlsx');
      expect(rankingFile.suggested).toMatch(/\.xlsx$/);
      const rb = new ExcelJS.Workbook();
      await rb.xlsx.load(rankingFile.buf as unknown as ArrayBuffer);
      const rs = rb.worksheets[0];
      expect(String(rs.getCell(1, 1).value)).toContain(TITLE);
      expect(String(rs.getCell(1, 1).value)).toContain('最终');
      const ranked: { rank: number; name: string; total: number }[] = [];
      // 总分 follows the domains, the base score, bonus, deduction and veto
      const totalCol = (rs.getRow(2).values as unknown[]).indexOf('总分');
      expect(totalCol).toBeGreaterThan(2);
      rs.eachRow((row, n) => {
        if (n > 2 && typeof row.getCell(1).value === 'number') ranked.push({ rank: row.getCell(1).value as number, name: row.getCell(2).text, total: row.getCell(totalCol).value as number });
      });
      expect(ranked).toHaveLength(14);
      expect(new Set(ranked.map((r) => r.name)).size).toBe(14);
      expect(ranked.find((r) => r.name === CHANGSHA.name)?.total).toBeCloseTo(expectedTotal, 6);
      // The charts download as PNG (for Word/WPS) and SVG.
      const chartPng = await download(page, () => page.getByRole('button', { name: '下载总分排名图片' }).click(), 'assessment-ranking-chart.png');
      expect(chartPng.suggested).toMatch(/总分排名\.png$/);
      expect(chartPng.buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(chartPng.buf.length).toBeGreaterThan(5_000);
      const radarSvg = await download(page, () => page.getByRole('button', { name: '下载各考核领域得分率 SVG' }).click(), 'assessment-radar-chart.svg');
      expect(radarSvg.buf.toString('utf8')).toContain('<svg');
      expect(radarSvg.buf.toString('utf8')).toContain('宏观质量');

      page = changsha.page;
      await page.reload();
      await page.getByText(`${CHANGSHA.name}最终结果`).waitFor();
      await shot(page, 'assessment-09-changsha-final');
      const report = await download(page, () => page.getByRole('link', { name: /下载本地区结果报告（Word）/ }).click(), 'assessment-changsha-report.docx');
      expect(report.suggested).toMatch(/\.docx$/);
      const reportText = await docxText(report.buf);
      expect(reportText).toContain(`${CHANGSHA.name}考核结果报告`);
      expect(reportText).toContain(`总分：${expectedTotal}`);
      const feedback = await download(page, () => page.getByRole('link', { name: /下载反馈意见书（Word）/ }).click(), 'assessment-changsha-feedback.docx');
      expect(feedback.suggested).toMatch(/反馈意见书.*\.docx$/);
      expect(await docxText(feedback.buf)).toContain(`${CHANGSHA.name}人民政府：`);

      page = office.page;
      await clickTab(page, '考核方案');
      const annex4 = await download(page, () => page.getByRole('link', { name: /下载附件4（Excel）/ }).click(), 'assessment-scheme-annex4.xlsx');
      expect(annex4.suggested).toMatch(/\.xlsx$/);
      const ab = new ExcelJS.Workbook();
      await ab.xlsx.load(annex4.buf as unknown as ArrayBuffer);
      const annexText: string[] = [];
      ab.worksheets[0].eachRow((row) => row.eachCell((c) => annexText.push(c.text)));
      expect(annexText.join('\n')).toContain('实施质量强省战略');
      await clickTab(page, '指标征集与申报');
      const notice = await download(page, () => page.getByRole('button', { name: /下载征集通知/ }).click(), 'assessment-notice.docx');
      expect(notice.suggested).toMatch(/\.docx$/);
      const noticeText = await docxText(notice.buf);
      expect(noticeText).toContain(String(YEAR));
      await shot(page, 'assessment-09-office-declarations-after');

      // The office reads its cycle's audit rows with the business content; the auditor sees who did what, not the content.
      await clickTab(page, '操作记录');
      const reportDownload = page.locator('.ant-table-row').filter({ hasText: '下载文件' }).filter({ hasText: 'changsha' }).first();
      await reportDownload.waitFor();
      // a download is an event, not a change: its fields (the file's name) under 记录内容, no 修改前/修改后 pair
      await reportDownload.locator('.ant-table-row-expand-icon').click();
      const record = page.getByTestId('audit-record').first();
      await expect(record.textContent()).resolves.toMatch(/^记录内容文件名：.+\.(docx|xlsx|pdf)/);
      await expect(record.textContent()).resolves.not.toContain('修改后');
      await reportDownload.locator('.ant-table-row-expand-icon').click();
      const adjusted = page.locator('.ant-table-row').filter({ hasText: '因异议调整评分' }).first();
      await adjusted.locator('.ant-table-row-expand-icon').click();
      await page.getByText('修改前', { exact: true }).first().waitFor();
      // before / after in words: the score as the scorer wrote it, no stored JSON with its English keys
      const changed = page.getByTestId('audit-fields').filter({ hasText: '异议编号' }).first();
      await expect(changed.textContent()).resolves.toMatch(/评分：[\d.]+分/);
      await expect(changed.textContent()).resolves.not.toMatch(/[{}"]|score|version/);
      await expect(page.getByText('业务内容不向审计管理员显示').count()).resolves.toBe(0);
      await shot(page, 'assessment-10-office-audit-tab');

      const auditor = await user('auditor');
      page = auditor.page;
      await page.locator('.ant-layout-sider').getByText('审计日志').click();
      await page.waitForURL(/\/audit$/);
      await page.getByText(/^审计日志哈希链完整：共\d+条$/).waitFor();
      // the action is picked by its Chinese name, as an auditor would
      await page.locator('.ant-form').getByLabel('操作').fill('因异议调整');
      await page.locator('.ant-select-item-option').filter({ hasText: /^因异议调整评分$/ }).click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      const hidden = page.locator('.ant-table-row').filter({ hasText: '因异议调整评分' }).first();
      await hidden.getByText('内容不显示').waitFor();
      await hidden.locator('.ant-table-row-expand-icon').click();
      await page.getByText('业务内容不向审计管理员显示').first().waitFor();
      await shot(page, 'assessment-11-auditor-business-hidden');
    },
    300_000,
  );
});
