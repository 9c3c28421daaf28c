/**
 * A city office writes its own work plan in the browser (issue 13: "a city office the same for its own"):
 * 岳阳市质强办 creates its 2027 plan (a draft), adds a task with an empty form (the Chinese errors show beside the
 * fields), then with its lead and a cooperating unit, and publishes it; the task row shows its lead.
 * Screenshots: test-results/workplan-authoring-01-draft, -02-published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserSkipReason, launchBrowser, screenshot, settled, signIn, startServer, type Served } from './harness';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[workplan-authoring.e2e] 跳过浏览器测试：${skipReason}`);
const suite = skipReason ? describe.skip : describe;

suite('工作要点：质强办编写本单位的年度工作要点（浏览器）', { timeout: 240_000 }, () => {
  let served: Served;
  let browser: Browser;
  const errors: string[] = [];
  beforeAll(async () => {
    served = await startServer({}, { now: () => new Date('2026-11-28T02:00:00Z') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('岳阳市质强办 creates its 2027 plan, adds a task (empty fields refused beside them) and publishes it', async () => {
    const page = await signIn(browser, served.url, 'yueyang.office', { landing: /\/todos$/, errors, ignoreFailedRequests: true });
    await page.goto(`${served.url}/workplan`);
    await page.getByTestId('plan-create').click();
    const create = page.locator('.ant-modal').filter({ hasText: '新建工作要点（草稿）' });
    await create.locator('input#title').fill('岳阳市2027年质量强市工作要点');
    await create.getByRole('button', { name: /新\s*建/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已新建' }).first().waitFor();
    await page.getByTestId('task-add').click();
    const add = page.locator('.ant-modal').filter({ hasText: '添加任务：岳阳市2027年质量强市工作要点' });
    await add.getByRole('button', { name: /添\s*加/ }).click();
    await add.locator('.ant-form-item-explain-error').filter({ hasText: '请填写任务标题' }).waitFor();
    await expect(add.locator('.ant-form-item-explain-error').filter({ hasText: '请至少指定一个承办单位' }).count()).resolves.toBe(1);
    await add.locator('input#title').fill('质量基础设施一站式服务');
    await add.locator('textarea#text').fill('推进质量基础设施“一站式”服务站点建设，年内覆盖全部县市区。');
    await add.locator('input#dueOn').fill('2027-12-31');
    await add.locator('input#dueOn').press('Enter');
    const pick = async (field: string, name: string) => {
      await add.locator('.ant-select', { has: page.locator(`#${field}`) }).click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${name}$`) }).first().click();
    };
    await pick('lead', '岳阳市');
    await pick('cooperating', '汨罗市');
    await add.getByRole('button', { name: /添\s*加/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已添加任务' }).first().waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: '质量基础设施一站式服务' });
    await expect(row.textContent()).resolves.toContain('岳阳市');
    await settled(page);
    await screenshot(page, 'workplan-authoring-01-draft');
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已发布' }).first().waitFor();
    await expect(page.locator('.ant-tag').filter({ hasText: '已发布' }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'workplan-authoring-02-published');
    const plans = (await (await page.request.get(`${served.url}/api/work-plans`)).json()) as { items: { year: number; status: string; tasks: number }[] };
    expect(plans.items.find((p) => p.year === 2027)).toMatchObject({ status: 'published', tasks: 1 });
    expect(errors).toEqual([]);
  });
});
