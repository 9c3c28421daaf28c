/**
 * 岳阳市质强办 runs its own 2023 assessment of its counties and scores the organising office's key points itself:
 * - its copy of the province's scheme names those key points 'office' (the framework's word, which scoring gives to the
 *   cycle's own office): the 评价部门 column reads the office's own name, never the code;
 * - its 评分 to-do opens 本单位评分 (not the 评分进度 it follows the others on), and 评分进度 offers no 催办 on its own row.
 */
import { expect, it } from 'vitest';
import { browserSuite, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('city-office.e2e');
const OFFICE = '岳阳市质量强市领导小组办公室';

suite('市州质强办组织的考核（浏览器）', () => {

  it('岳阳市质强办 sees its own name, not "office", for the key points it evaluates', async () => {
    const page = await signIn(browser(), served().url, 'yueyang.office', { errors: [] });
    await page.goto(`${served().url}/assessment`);
    await page.getByRole('link', { name: /对县市区政府质量工作考核/ }).click();
    await page.waitForURL(/\/assessment\/\d+/);
    await page.getByRole('tab', { name: '考核方案' }).click();
    await settled(page);
    const cells = page.locator('.ant-table-tbody td');
    await expect.poll(() => cells.filter({ hasText: OFFICE }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await cells.filter({ hasText: /^office$|，office|office，/ }).count()).toBe(0);
    await screenshot(page, 'scheme-city-office-evaluator');
    await page.context().close();
  }, 120_000);

  it('its 评分 to-do opens 本单位评分; 评分进度 reminds the departments, not the office itself', async () => {
    const page = await signIn(browser(), served().url, 'yueyang.office', { errors: [] });
    await page.goto(`${served().url}/todos`);
    const item = page.locator('[data-testid=todo-item][data-kind="score.enter"]');
    await item.waitFor();
    await item.getByRole('link', { name: /去办理/ }).click();
    await page.waitForURL(/\?tab=scoring&view=mine$/);
    await page.getByRole('tab', { name: '本单位评分', selected: true }).waitFor();
    await settled(page);
    await screenshot(page, 'scoring-city-office-mine');

    await page.getByRole('tab', { name: '评分进度' }).click();
    await page.waitForURL(/\?tab=scoring&view=progress$/);
    const own = page.locator('.ant-table-tbody tr', { hasText: OFFICE }).first();
    await own.waitFor();
    expect(await own.getByRole('button', { name: /催\s*办/ }).count()).toBe(0);
    await own.getByRole('link', { name: '到「本单位评分」评分' }).waitFor();
    // another department that has not submitted keeps its 催办
    const samr = page.locator('.ant-table-tbody tr', { hasText: '省市场监督管理局' }).first();
    await samr.getByRole('button', { name: /催\s*办/ }).waitFor();
    await screenshot(page, 'scoring-city-office-progress');
    await own.getByRole('link', { name: '到「本单位评分」评分' }).click();
    await page.getByRole('tab', { name: '本单位评分', selected: true }).waitFor();
    await page.context().close();
  }, 120_000);

  it('its 驾驶舱 card for a cycle that asked no department for indicators shows no 0/0 bar', async () => {
    const page = await signIn(browser(), served().url, 'yueyang.office', { errors: [] });
    await page.goto(`${served().url}/dashboard`);
    const card = page.locator('.ant-card', { hasText: '2023年度对县市区政府质量工作考核' }).first();
    await card.getByText('本次考核未向成员单位征集指标').waitFor();
    expect(await card.getByRole('progressbar', { name: '指标申报进度' }).count()).toBe(0);
    expect(await card.getByText('0/0').count()).toBe(0);
    await card.getByRole('progressbar', { name: '评分进度' }).waitFor();
    await screenshot(page, 'dashboard-city-office');
    await page.context().close();
  }, 120_000);
});
