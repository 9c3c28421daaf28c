/**
 * 文号登记 in the browser: the province's office downloads the 整改通报 with a 文号 (registered), finds it filled in
 * when it opens the dialog again, is told on the page (not by a JSON page) when it gives the same 文号 to the notice
 * of another date, sees the entry (and the demo call for indicators' 文号) on 文号登记, and voids it with a reason
 * (required). Screenshot: doc-numbers. 岳阳市质强办 numbers a period's 工作要点落实情况通报 on the work-plan page: the
 * download registers it (a POST), and the period's notice shows it filled in afterwards. The 公文 sent one city at a
 * time (a 反馈意见书 from the ranking table) open a 文号 dialog for the office: the download registers it, the dialog
 * fills it in again, the file carries it.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, settled, signIn as signInWith } from './harness';

const { suite, served, browser } = browserSuite('docnumbers.e2e');

suite('文号登记（浏览器）', () => {
  const noticeDialog = async (page: Page) => {
    await page.goto(`${served().url}/rectifications`);
    await page.getByTestId('rectification-notice').click();
    return page.locator('.ant-modal');
  };

  it('registers the 整改通报’s 文号, fills it in again, refuses it for another date on the page, and voids it with a reason', async () => {
    const page = await signInWith(browser(), served().url, 'office', { landing: /\/todos$/ });
    const no = '湘质强办〔2026〕77号';
    let modal = await noticeDialog(page);
    await page.getByTestId('rectification-notice-no').fill(no);
    const [download] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: /下\s*载/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^整改事项落实情况通报（\d{4}-\d{2}-\d{2}）\.docx$/);

    // the same day's notice again: its registered 文号 is filled in
    modal = await noticeDialog(page);
    await expect.poll(() => page.getByTestId('rectification-notice-no').inputValue()).toBe(no);
    await modal.getByText(`该日的通报已登记文号${no}`).waitFor();
    // another date: the number is another 公文's — the server's 409 is a message on the page, the dialog stays
    await modal.locator('.ant-picker input').fill('2026-01-05');
    await page.keyboard.press('Enter');
    await page.getByTestId('rectification-notice-no').fill(no);
    await modal.getByRole('button', { name: /下\s*载/ }).click();
    await page.getByText(new RegExp(`文号${no}已用于《整改事项落实情况通报（.*）》`)).waitFor();
    expect(new URL(page.url()).pathname).toBe('/rectifications');
    await modal.getByRole('button', { name: /取\s*消/ }).click();

    await page.getByRole('menuitem', { name: /文号登记/ }).click();
    await page.waitForURL(/\/doc-numbers$/);
    const row = page.locator('tr', { hasText: no });
    await row.waitFor();
    await page.locator('tr', { hasText: '湘质强办发〔2023〕8号' }).getByText('指标征集通知', { exact: true }).waitFor();
    await settled(page);
    await screenshot(page, 'doc-numbers');
    await row.getByRole('button', { name: /作\s*废/ }).click();
    const voidModal = page.locator('.ant-modal', { hasText: `作废文号${no}` });
    // the reason has the caret once the dialog has opened (useCaretOnOpen): typed without clicking it, a blank is refused
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('doc-number-void-reason');
    await page.keyboard.type(' ');
    await expect(page.getByTestId('doc-number-void-reason').inputValue()).resolves.toBe(' ');
    await voidModal.getByRole('button', { name: /作\s*废/ }).click();
    await voidModal.getByText('请填写作废原因').waitFor();
    await page.getByTestId('doc-number-void-reason').fill('文号录错');
    await voidModal.getByRole('button', { name: /作\s*废/ }).click();
    await page.getByText(`已作废文号${no}`).waitFor();
    await row.getByText('已作废').waitFor();
    expect(await row.getByRole('button', { name: /作\s*废/ }).count()).toBe(0);
  }, 120_000);

  it('岳阳市质强办 numbers a period’s 工作要点落实情况通报 on the work-plan page: the download registers it, and it is filled in again', async () => {
    const page = await signInWith(browser(), served().url, 'yueyang.office', { landing: /\/todos$/ });
    const no = '岳质强办〔2026〕31号';
    const choosePeriod = async () => {
      await page.goto(`${served().url}/workplan`);
      await page.getByTestId('notice-docx').waitFor();
      await page.locator('.ant-select', { hasText: '最近一期' }).click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      const label = (await option.textContent()) ?? '';
      await option.click();
      return label;
    };
    const period = await choosePeriod();
    await expect.poll(() => page.getByTestId('notice-doc-no').inputValue()).toBe('');
    await page.getByTestId('notice-doc-no').fill(no);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const entries = ((await (await page.request.get(`${served().url}/api/doc-numbers`)).json()) as { items: { docNo: string; kind: string; title: string }[] }).items;
    expect(entries.find((e) => e.docNo === no)).toMatchObject({ kind: 'workplan_notice' });
    // the same period again: its registered 文号 is filled in
    expect(await choosePeriod()).toBe(period);
    await expect.poll(() => page.getByTestId('notice-doc-no').inputValue()).toBe(no);
  }, 120_000);

  it('the office numbers one city’s 反馈意见书 from the ranking table: a dialog, the download registers it, and it is filled in again', async () => {
    const page = await signInWith(browser(), served().url, 'office', { landing: /\/todos$/ });
    const cycles = ((await (await page.request.get(`${served().url}/api/cycles`)).json()) as { items: { id: number; year: number }[] }).items;
    const cycle = cycles.find((c) => c.year === 2022)!;
    const units = ((await (await page.request.get(`${served().url}/api/cycles/${cycle.id}/results`)).json()) as { units: { unitId: number; unitName: string }[] }).units;
    const cs = units.find((u) => u.unitName === '长沙市')!;
    const no = '湘质强办〔2026〕78号';
    const open = async () => {
      await page.goto(`${served().url}/assessment/${cycle.id}?tab=results`);
      await page.getByTestId(`feedback-docx-${cs.unitId}`).click();
      return page.locator('.ant-modal', { hasText: '长沙市考核反馈意见书' });
    };
    let modal = await open();
    await page.getByTestId(`feedback-docx-${cs.unitId}-no`).fill(no);
    const [download] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: /下\s*载/ }).click()]);
    expect(download.suggestedFilename()).toBe('2022年度长沙市考核反馈意见书（最终）.docx');
    const entries = ((await (await page.request.get(`${served().url}/api/doc-numbers`)).json()) as { items: { docNo: string; kind: string; title: string }[] }).items;
    expect(entries.find((e) => e.docNo === no)).toMatchObject({ kind: 'results_feedback', title: '2022年度长沙市考核反馈意见书（最终）' });
    // again: the registered 文号 is filled in; the dialog closed after the download
    expect(await modal.count()).toBe(0);
    modal = await open();
    await expect.poll(() => page.getByTestId(`feedback-docx-${cs.unitId}-no`).inputValue()).toBe(no);
    await settled(page);
    await screenshot(page, 'doc-numbers-unit');
  }, 120_000);
});
