/**
 * A 1024×768 screen (issue 10, "words a user understands"): the side menu folds to its icons, and no table
 * squeezes a name into one character per line. Each role opens the pages it works on most.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, DEMO_PASSWORD, launchBrowser, screenshot, settled, startServer, type Served } from './harness';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[small-screen.e2e] 跳过浏览器测试：${skipReason}`);
const suite = skipReason ? describe.skip : describe;

/** Table cells whose text (3 characters or more) is laid out one character per line. */
function squeezedCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>('.ant-table-cell')) {
      const text = (cell.innerText ?? '').trim();
      if (text.length < 3 || text.includes('\n')) continue;
      const style = getComputedStyle(cell);
      const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5715;
      const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
      const lines = Math.round((cell.getBoundingClientRect().height - padding) / line);
      if (lines >= text.length) out.push(`${text}（${lines} 行）`);
    }
    return out;
  });
}

suite('1024×768', () => {
  let served: Served;
  let browser: Browser;
  beforeAll(async () => {
    served = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${served.url}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/(todos|dashboard)$/);
    return page;
  }

  const pages: [string, string[]][] = [
    ['office', ['/todos', '/assessment']],
    ['leader', ['/dashboard']],
    ['secadmin', ['/admin/users']],
    ['auditor', ['/audit']],
  ];

  for (const [username, paths] of pages) {
    it(`${username}: the menu is folded and no table cell wraps a name one character per line`, async () => {
      const page = await signIn(username);
      await page.locator('.ant-layout-sider-collapsed').waitFor({ timeout: 10_000 });
      for (const p of paths) {
        await page.goto(`${served.url}${p}`);
        await page.locator('.ant-card, .ant-table').first().waitFor();
        await page.waitForLoadState('networkidle');
        await settled(page);
        await screenshot(page, `small-screen-${username}${p.replace(/\//g, '-')}`);
        expect(await squeezedCells(page), p).toEqual([]);
      }
      // the office's cycle page, where the declaration table is widest
      if (username === 'office') {
        // the cycle list filters by state: 结果已发布 leaves the 2022 demo cycle alone
        await page.goto(`${served.url}/assessment`);
        const rows = page.locator('.ant-table-tbody tr.ant-table-row');
        await rows.first().waitFor();
        await expect(rows.count()).resolves.toBe(2);
        await page.locator('th').filter({ hasText: '状态' }).locator('.ant-table-filter-trigger').click();
        await page.locator('.ant-dropdown .ant-dropdown-menu-item').filter({ hasText: '结果已发布' }).click();
        await page.locator('.ant-dropdown').getByRole('button', { name: /确\s*定/ }).click();
        await expect.poll(() => rows.count()).toBe(1);
        await expect(rows.first().textContent()).resolves.toContain('2022');
        await page.goto(`${served.url}/assessment`);
        await page.locator('.ant-table-row a').first().click();
        await page.locator('.ant-tabs').waitFor();
        await page.waitForLoadState('networkidle');
        await settled(page);
        await screenshot(page, 'small-screen-office-cycle');
        expect(await squeezedCells(page), 'cycle page').toEqual([]);
      }
    }, 120_000);
  }
});
