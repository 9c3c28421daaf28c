/**
 * 待办 in the browser (issue 10): the office's home shows the outstanding-declarations to-do of the demo
 * 2023 cycle, with its deadline from the shared formatter, a link that opens the declarations tab, and the
 * side menu's badges; the department sees the office's 催办 on its to-do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, DEMO_PASSWORD, launchBrowser, screenshot, settled, startServer, type Served } from './harness';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[todos.e2e] 跳过浏览器测试：${skipReason}`);
const suite = skipReason ? describe.skip : describe;

suite('待办驱动工作（浏览器）', () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    served = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${served.url}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/todos$/);
    return page;
  }

  it('质强办首页：18 份申报未报送的待办，截止时间与逾期天数，链接打开申报页，菜单显示待办数', async () => {
    const page = await signIn('office');
    const item = page.locator('[data-testid=todo-item][data-kind="declaration.outstanding"]');
    await item.waitFor();
    await expect(item.locator('.ant-list-item-meta-title').textContent()).resolves.toBe('2023年度考核指标申报：18/18 未报送');
    const deadline = (await item.getByTestId('deadline').textContent()) ?? '';
    expect(deadline).toMatch(/^截止：2023年7月10日 24:00已逾期 \d+ 天$/);
    // no 办结 button beside 去办理: the to-do closes itself when the declarations are in
    await expect(item.getByRole('button', { name: /办结/ }).count()).resolves.toBe(0);
    // the badges: one open to-do in all, and it belongs to 年度考核
    await expect(page.getByTestId('menu-badge-/todos').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('menu-badge-/assessment').textContent()).resolves.toBe('1');
    await screenshot(page, 'todos-office-home');

    await item.getByRole('button', { name: /去办理/ }).click();
    await page.waitForURL(/\/assessment\/\d+\?tab=declarations$/);
    await page.getByRole('tab', { name: '指标征集与申报', selected: true }).waitFor();
    // the declaration list shows each department's deadline from the same formatter, the reopened ones' new date
    const samrRow = page.locator('tr', { hasText: '省市场监督管理局' });
    await expect(samrRow.getByTestId('deadline').textContent()).resolves.toMatch(/^\d+年?\d+月\d+日 24:00剩 \d+ 天$/);
    const ndrcRemind = page.getByTestId('remind-ndrc');
    await ndrcRemind.click();
    await settled(page);
    const answered = page.waitForResponse((r) => r.url().endsWith('/remind') && r.request().method() === 'POST');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await answered).status()).toBe(200);
    await page.getByText(/已催办省发展改革委（第 1 次/).waitFor();

    // 批量催办: tick two outstanding departments, one confirmation, one reminder each
    for (const name of ['省教育厅', '省公安厅']) await page.locator('tr', { hasText: name }).locator('.ant-checkbox-input').check();
    await page.getByTestId('batch-remind').click();
    await settled(page);
    await page.locator('.ant-popconfirm').filter({ hasText: '催办所选 2 个' }).getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已催办 2 个成员单位').waitFor();
    await page.context().close();
  });

  it('成员单位首页：重新开放后的截止日期和质强办的催办', async () => {
    const page = await signIn('ndrc');
    const item = page.locator('[data-testid=todo-item][data-kind="declaration.fill"]');
    await item.waitFor();
    await expect(item.locator('.ant-list-item-meta-title').textContent()).resolves.toMatch(/^2023年度考核指标申报已为本单位重新开放，请于 (\d{4}年)?\d+月\d+日 24:00 前提交$/);
    await expect(item.textContent()).resolves.toMatch(/质强办已催办 1 次，最近 \d+月\d+日 \d{2}:\d{2}/);
    await expect(item.getByTestId('deadline').textContent()).resolves.toMatch(/剩 \d+ 天$/);
    await screenshot(page, 'todos-department-home');
    await page.context().close();
  });
});
