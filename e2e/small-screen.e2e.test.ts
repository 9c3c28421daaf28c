/**
 * A 1024×768 screen (issue 10, "words a user understands"): the side menu folds to its icons, and no table
 * squeezes a name into one character per line. Each role opens the pages it works on most.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('small-screen.e2e');

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
  beforeAll(async () => {
  }, 120_000);

  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/(todos|dashboard)$/, context: { viewport: { width: 1024, height: 768 } } });

  const pages: [string, string[]][] = [
    ['office', ['/todos', '/assessment']],
    ['leader', ['/dashboard']],
    ['secadmin', ['/admin/users']],
    ['auditor', ['/audit']],
  ];

  for (const [username, paths] of pages) {
    it(`${username}: the menu is folded and no table cell wraps a name one character per line`, async () => {
      const page = await user(username);
      await page.locator('.ant-layout-sider-collapsed').waitFor({ timeout: 10_000 });
      for (const p of paths) {
        await page.goto(`${served().url}${p}`);
        await page.locator('.ant-card, .ant-table').first().waitFor();
        await page.waitForLoadState('networkidle');
        await settled(page);
        await screenshot(page, `small-screen-${username}${p.replace(/\//g, '-')}`);
        expect(await squeezedCells(page), p).toEqual([]);
      }
      // the office's cycle page, where the declaration table is widest
      if (username === 'office') {
        // the cycle list filters by state: 结果已发布 leaves the 2022 demo cycle alone
        await page.goto(`${served().url}/assessment`);
        const rows = page.locator('.ant-table-tbody tr.ant-table-row');
        await rows.first().waitFor();
        await expect(rows.count()).resolves.toBe(2);
        await page.locator('th').filter({ hasText: '状态' }).locator('.ant-table-filter-trigger').click();
        await page.locator('.ant-dropdown .ant-dropdown-menu-item').filter({ hasText: '结果已发布' }).click();
        // the server filters (and pages): the list asks for the state, not the browser
        const filtered = page.waitForResponse((r) => r.url().includes('/api/cycles?') && r.url().includes('status=published'));
        await page.locator('.ant-dropdown').getByRole('button', { name: /确\s*定/ }).click();
        expect((await filtered).status()).toBe(200);
        await expect.poll(() => rows.count()).toBe(1);
        await expect(rows.first().textContent()).resolves.toContain('2022');
        await page.goto(`${served().url}/assessment`);
        await page.locator('.ant-table-row a').filter({ hasText: '2023' }).first().click();
        await page.locator('.ant-tabs').waitFor();
        await page.waitForLoadState('networkidle');
        await settled(page);
        await screenshot(page, 'small-screen-office-cycle');
        expect(await squeezedCells(page), 'cycle page').toEqual([]);

        // a deep page: 首页 / 年度考核 / the cycle / the open tab, every crumb but the last a link
        const header = page.getByTestId('page-header');
        const crumbs = header.getByTestId('breadcrumb').locator('li .ant-breadcrumb-link');
        const cycleTitle = '2023年度省政府对市州政府质量工作考核';
        await page.getByRole('tab', { name: '指标征集与申报', exact: true }).click();
        await expect.poll(() => crumbs.allTextContents()).toEqual(['首页', '年度考核', cycleTitle, '指标征集与申报']);
        await expect(crumbs.locator('a').allTextContents()).resolves.toEqual(['首页', '年度考核', cycleTitle]);
        await expect(page.getByTestId('page-title').textContent()).resolves.toBe(cycleTitle);
        // at 1024 px the header keeps 返回, the title and its tags on one line
        const [back, title, tag] = await Promise.all([
          page.getByTestId('page-back').boundingBox(),
          page.getByTestId('page-title').boundingBox(),
          header.locator('.ant-tag').first().boundingBox(),
        ]);
        expect(title!.height).toBeLessThan(40);
        expect(Math.abs(back!.y + back!.height / 2 - (title!.y + title!.height / 2))).toBeLessThan(8);
        expect(Math.abs(tag!.y + tag!.height / 2 - (title!.y + title!.height / 2))).toBeLessThan(8);

        // the declaration table sorts on the server by member unit
        const declRows = page.locator('.ant-tabs-tabpane-active .ant-table-tbody tr.ant-table-row');
        await declRows.first().waitFor();
        const sorted = page.waitForResponse((r) => r.url().includes('/declarations?') && r.url().includes('sort=unit'));
        await page.locator('.ant-tabs-tabpane-active .ant-table-thead th.ant-table-column-has-sorters').filter({ hasText: /^成员单位$/ }).click();
        expect((await sorted).status()).toBe(200);
        await settled(page);
        const column = await page.locator('.ant-tabs-tabpane-active .ant-table-thead th').evaluateAll((ths) => ths.findIndex((th) => th.textContent?.trim() === '成员单位'));
        expect(column).toBeGreaterThanOrEqual(0);
        const names = await declRows.locator(`td:nth-child(${column + 1})`).allTextContents();
        expect(names.length).toBeGreaterThan(2);
        expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
        await screenshot(page, 'small-screen-office-declarations');
        expect(await squeezedCells(page), 'declarations').toEqual([]);

        // 返回 goes to the parent page: the cycle list
        await page.getByTestId('page-back').click();
        await page.waitForURL(/\/assessment$/);
        await expect.poll(() => page.getByTestId('breadcrumb').locator('.ant-breadcrumb-link').allTextContents()).toEqual(['首页', '年度考核']);
        await expect(page.getByTestId('page-back').count()).resolves.toBe(0);
      }
    }, 120_000);
  }
});
