/**
 * A city's copy of the province's scheme names the organising 质强办's key points 'office' (the framework's word, which
 * scoring gives to the cycle's own office). 岳阳市质强办 reads them under its own name in the 评价部门 column, never the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserSkipReason, launchBrowser, screenshot, settled, signIn, startServer, type Served } from './harness';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[scheme-office.e2e] 跳过浏览器测试：${skipReason}`);
const suite = skipReason ? describe.skip : describe;

suite('市州考核方案的评价部门（浏览器）', () => {
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

  it('岳阳市质强办 sees its own name, not "office", for the key points it evaluates', async () => {
    const page = await signIn(browser, served.url, 'yueyang.office', { errors: [] });
    await page.goto(`${served.url}/assessment`);
    await page.getByRole('link', { name: /对县市区政府质量工作考核/ }).click();
    await page.waitForURL(/\/assessment\/\d+/);
    await page.getByRole('tab', { name: '考核方案' }).click();
    await settled(page);
    const cells = page.locator('.ant-table-tbody td');
    await expect.poll(() => cells.filter({ hasText: '岳阳市质量强市工作领导小组办公室' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await cells.filter({ hasText: /^office$|，office|office，/ }).count()).toBe(0);
    await screenshot(page, 'scheme-city-office-evaluator');
  }, 120_000);
});
