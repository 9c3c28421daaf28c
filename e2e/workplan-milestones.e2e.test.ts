/**
 * A task's milestones in the browser(), on the demo data: the lead (省市场监管局, `samr`) opens task 5 from the work
 * plan page, sees its three milestones (the first done), adds one with a due date and marks it done; a cooperating
 * city sees the list without the buttons. No console error. The rules' clock is on 2023-07-25, within the 2023 plan's
 * supervision: after its end (2024-04-15 in the demo) no milestone is changed (supervisionEndedRefusal).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserSuite, signIn } from './harness';

const { suite, served, browser } = browserSuite('workplan-milestones.e2e', {}, { now: () => new Date('2023-07-25T02:00:00Z') });

/** the lead, signed in, on task 5's page (opened from the work plan page) */
async function leadOnTask5(errors: string[]): Promise<Page> {
  const page = await signIn(browser(), served().url, 'samr', { errors, context: { viewport: { width: 1280, height: 900 } } });
  await page.goto(`${served().url}/workplan`);
  await page.getByRole('link', { name: '深入推进质量品牌建设' }).first().click();
  await page.waitForURL(/\/workplan\/tasks\/\d+$/);
  return page;
}

async function addMilestone(page: Page, title: string, dueOn: string) {
  await page.getByTestId('milestone-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('节点名称').fill(title);
  await dialog.getByLabel('节点期限').fill(dueOn);
  await dialog.getByLabel('节点期限').press('Enter');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByTestId('milestones').getByText(title).waitFor();
}

suite('任务节点（浏览器）', () => {

  it('the lead adds a milestone and marks it done; a cooperating city only reads', async () => {
    const errors: string[] = [];
    const page = await leadOnTask5(errors);
    const card = page.getByTestId('milestones');
    await card.getByText('发布首届湖南名品评价结果').waitFor();
    await expect.poll(() => card.locator('tbody tr').count()).toBe(3);
    await card.getByText(/已完成2023/).waitFor();
    const url = page.url();

    await addMilestone(page, '召开品牌建设推进会', '2023-11-20');
    const row = card.locator('tr', { hasText: '召开品牌建设推进会' });
    await row.getByText('2023-11-20').waitFor();
    await row.getByRole('button', { name: '确认完成' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await row.getByText(/已完成/).waitFor();
    expect(errors).toEqual([]);

    const city = await signIn(browser(), served().url, 'yueyang', { errors: [] });
    await city.goto(url);
    const c = city.getByTestId('milestones');
    await c.getByText('召开品牌建设推进会').waitFor();
    expect(await city.getByTestId('milestone-add').count()).toBe(0);
    expect(await c.getByRole('button', { name: '确认完成' }).count()).toBe(0);
  });

  it('a milestone added while the lead is editing its saved report leaves the unsaved edit in the form, not the saved text', async () => {
    const errors: string[] = [];
    const page = await leadOnTask5(errors);
    const form = page.getByTestId('report-form');
    await form.getByLabel('进度（%）').fill('60');
    await form.getByLabel('工作进展').fill('下半年首届湖南名品评价已启动申报。');
    await form.getByTestId('report-save').click();
    await page.getByText('已保存，确认无误后请报送').waitFor();
    await page.getByTestId('report-submit').waitFor();
    const edited = '下半年首届湖南名品评价已启动申报，收到申报材料86份。';
    await form.getByLabel('工作进展').fill(edited);

    await addMilestone(page, '完成名品评价初审', '2023-10-20');
    await expect(form.getByLabel('工作进展').inputValue()).resolves.toBe(edited);
    await expect(form.getByLabel('进度（%）').inputValue()).resolves.toBe('60');
    expect(errors).toEqual([]);
  });
});
