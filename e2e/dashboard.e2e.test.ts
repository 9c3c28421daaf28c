/**
 * The leader's 驾驶舱 in a real browser(), on the demo data: the leader signs in and lands on it, sees the 2023
 * cycle's progress and the 2022 results, the charts (ECharts, loaded lazily, from src/shared/charts) draw SVG
 * with the cities' names whole, and nothing is written to the console as an error. The office opens it from
 * the menu; the results tab draws the same charts.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, signIn } from './harness';

const { suite, served, browser } = browserSuite('dashboard.e2e');

suite('驾驶舱（浏览器）', () => {

  /** console errors and page errors from the moment the login page has settled (its session probe's 401 is by design) */
  async function user(username: string): Promise<{ page: Page; errors: string[] }> {
    const errors: string[] = [];
    const page = await signIn(browser(), served().url, username, { errors, context: { viewport: { width: 1280, height: 900 } } });
    return { page, errors };
  }

  it('the leader lands on the 驾驶舱: the 2023 cycle and where it stands, the 2022 results and their charts, no console error', async () => {
    const { page, errors } = await user('leader');
    await page.waitForURL(/\/dashboard$/);
    await page.getByText('2023年度考核工作').waitFor();
    await expect.poll(() => page.getByText('2023年度省政府对市州政府质量工作考核').count()).toBeGreaterThan(0);
    await page.getByText('指标申报（已提交 / 应申报）').waitFor();
    await page.getByText('最近发布的考核结果').waitFor();
    await page.getByText('排名前列').waitFor();
    // the menu names it
    await expect.poll(() => page.getByRole('menuitem', { name: /驾驶舱/ }).count()).toBe(1);

    // the 2023 work plan's card: its lights add up to the 13 tasks, task 7 overdue, task 1 closed; its link leads to the plan
    const plan = page.getByTestId('dashboard-workplan');
    await plan.getByText('工作要点督办').waitFor();
    const counts = await plan.locator('.ant-statistic-content-value').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(13);
    await plan.getByText('共13项任务，已销号1项。').waitFor();
    await plan.getByRole('link', { name: '7. 开展制造业质量提升行动' }).waitFor();

    // the charts: ECharts draws an <svg> inside each chart box, with the names whole
    const ranking = page.getByRole('img', { name: '总分排名' });
    await ranking.locator('svg').waitFor();
    await expect.poll(() => ranking.locator('svg text', { hasText: '湘西土家族苗族自治州' }).count()).toBeGreaterThan(0);
    expect(await ranking.locator('svg text').allTextContents()).toContain('总分排名');
    const radar = page.getByRole('img', { name: '各考核领域平均得分率雷达图' });
    await radar.locator('svg').waitFor();
    await expect.poll(() => radar.locator('svg path').count()).toBeGreaterThan(3);
    const box = await ranking.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(300);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'dashboard-leader');
    await plan.getByRole('link', { name: /工作要点/ }).first().click();
    await page.waitForURL(/\/workplan$/);
    await page.getByTestId('notice-docx').waitFor();
    await page.getByTestId('matrix-xlsx').waitFor();
    expect(errors).toEqual([]);
  });

  it('the office opens it from the menu, and the results tab draws the same charts with ECharts', async () => {
    const { page, errors } = await user('office');
    await page.waitForURL(/\/todos$/);
    await page.getByRole('menuitem', { name: /驾驶舱/ }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole('img', { name: '总分排名' }).locator('svg').waitFor();

    // the 2022 results tab: ranking, radar, all drawn by ECharts
    await page.getByRole('button', { name: '查看结果与异议' }).click();
    await page.waitForURL(/\/assessment\/\d+\?tab=results$/);
    const ranking = page.getByRole('img', { name: '总分排名' });
    await ranking.locator('svg').waitFor();
    await expect.poll(() => ranking.locator('svg text', { hasText: '长沙市' }).count()).toBeGreaterThan(0);
    await page.getByRole('img', { name: '各考核领域得分率雷达图' }).locator('svg').waitFor();

    // the bulletin's 文号 (components/DocNumber.tsx, checked as the server checks it): a wrong one disables the
    // download and says how to write it; a right one is registered by the download itself (a POST), so the button
    // carries no link a browser could prefetch; once registered, the link (a GET without a 文号) prints it
    const docNo = page.getByTestId('bulletin-doc-no');
    const download = page.getByTestId('bulletin-docx');
    // (brackets typed otherwise, [2023] or （2023）, are taken as 〔2023〕: canonicalDocNo; a number without a year is not)
    await docNo.fill('湘质强办2023-15号');
    await page.getByText('文号应写作“机关代字〔年份〕序号号”').first().waitFor();
    await expect.poll(() => download.isDisabled()).toBe(true);
    await docNo.fill(' 湘质强办〔2023〕15号 ');
    await expect.poll(() => download.isDisabled()).toBe(false);
    expect(await download.getAttribute('href')).toBeNull();
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^\d{4}年度考核(结果通报|初步结果公示)\.docx$/);
    await expect.poll(() => download.getAttribute('href')).toBe(`${new URL(page.url()).pathname.replace(/\/assessment\/(\d+)$/, '/api/cycles/$1')}/results/bulletin.docx`);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });
});
