/**
 * The creation evaluation's end in the browser (issue 11), on the demo data, from where the demo leaves 岳阳市: the
 * team leader (王建国, `expert`) fills his sheet (through his session's API, one answer off on 2.1 with its reason)
 * and submits it in the page; the 综合评价 flags 2.1 (李敏 15, 陈志强 5, 王建国 5); he records the agreed score and
 * confirms; the office sends the 评价报告 (downloaded and opened), 岳阳市 acknowledges it, the office publicises
 * (a window already past) and names it; the register lists 岳阳市.
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chinaDay, scoreRestThroughApi } from './evaluation-sheet';
import { browserSuite, screenshot, signIn } from './harness';

const { suite, served, browser } = browserSuite('evaluation-journey.e2e');

suite('创建评价：组长确定分歧项目、确认综合评价，反馈报告、确认、公示与命名（浏览器）', () => {
  let appId: number;
  const errors: string[] = [];

  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/todos$/, errors, ignoreFailedRequests: true });
  const popconfirm = async (page: Page, ok: RegExp) => page.locator('.ant-popover:visible').getByRole('button', { name: ok }).click();

  it('组长专家评完并提交，确定分歧项目得分，确认综合评价', async () => {
    const page = await user('expert');
    const api = page.request;
    const apps = ((await (await api.get(`${served().url}/api/evaluation-applications`)).json()) as { items: { id: number; applicant: { name: string } }[] }).items;
    appId = apps.find((a) => a.applicant.name === '岳阳市')!.id;
    expect(await scoreRestThroughApi(page, served().url, appId, { '2.1.a': { answer: { level: 5 }, reason: '质量文化建设缺少年度活动计划' } })).toBe(109);
    await page.goto(`${served().url}/evaluation/applications/${appId}/sheet`);
    await page.getByTestId('submit-sheet').click();
    await popconfirm(page, /提交评分/);
    await page.getByText('评分已提交').first().waitFor();

    await page.goto(`${served().url}/evaluation/applications/${appId}/consolidation`);
    // 2.1: 15, 5, 5 → mean 8.33; 李敏 is 6.67 from it, more than 30% of 15 = 4.5 → to be settled
    await page.getByTestId('agree-2.1').click();
    const dialog = page.getByRole('dialog');
    // typed as 10.00: shown as the server reads it, 10分 beside 采用得分's 10 (not the typed 「10.00分」)
    await dialog.getByLabel('确定的得分').fill('10.00');
    await dialog.getByLabel('理由（讨论结果）').fill('现场核实已开展质量月活动但缺少年度计划，评价组讨论按10分确定');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row21 = page.locator('tr[data-row-key="2.1"]');
    await expect(row21.locator('td').filter({ hasText: '评价组讨论' }).textContent()).resolves.toMatch(/^10分现场核实/);
    await page.getByRole('button', { name: '确认综合评价' }).click();
    await popconfirm(page, /确\s*认/);
    await page.getByText('已确认').first().waitFor();
    // the adopted score stays in the window beside the item, however wide the experts' columns and the agreed reason
    const viewport = page.viewportSize()!;
    for (const header of ['项目', '采用得分']) {
      const box = (await page.locator('.ant-table-thead th', { hasText: new RegExp(`^${header}$`) }).first().boundingBox())!;
      expect(box.x, header).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, header).toBeLessThanOrEqual(viewport.width);
    }
    await screenshot(page, 'evaluation-journey-consolidated');
    await page.context().close();
  });

  it('质强办反馈评价报告（下载并打开），岳阳市确认收到，质强办公示并命名，名录列出岳阳市', async () => {
    const office = await user('office');
    await office.goto(`${served().url}/evaluation/applications/${appId}`);
    await office.getByTestId('application-result').waitFor();
    await expect(office.getByTestId('application-result').textContent()).resolves.toMatch(/综合评价：[\d.]+分（800分通过），通过/);
    await office.getByTestId('application-send-report').click();
    await popconfirm(office, /确\s*定|OK/);
    await office.getByTestId('application-acknowledge').or(office.getByText('已反馈评价报告').first()).first().waitFor();
    // the office sends it as a 公文 of its own: the download dialog registers its 文号, printed under the 发文机关标志
    await office.getByTestId('application-report-docx').click();
    await office.getByTestId('application-report-docx-no').fill('湘质强办〔2025〕192号');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('application-report-docx-ok').click()]);
    const file = await download.path();
    const xml = await (await JSZip.loadAsync(fs.readFileSync(file!))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('湘质强办〔2025〕192号');
    expect(text).toMatch(/你市创建质量强市评价总分为[\d.]+分/);
    expect(text).toContain('现场核实已开展质量月活动但缺少年度计划');
    expect(text).not.toContain('王建国');

    const yueyang = await user('yueyang');
    await yueyang.goto(`${served().url}/evaluation/applications/${appId}`);
    await yueyang.getByTestId('application-acknowledge').click();
    await popconfirm(yueyang, /确\s*定|OK/);
    await yueyang.getByText('申请单位已确认').first().waitFor();
    // its 综合评价 says under 2.1, which lost points, what the report says there: the experts' reasons, no names
    await yueyang.goto(`${served().url}/evaluation/applications/${appId}/consolidation`);
    await expect(yueyang.getByTestId('opinions-2.1').textContent()).resolves.toContain('质量文化建设缺少年度活动计划');
    expect(await yueyang.getByText('王建国').count()).toBe(0);
    await yueyang.context().close();

    await office.reload();
    await office.getByTestId('application-publicise').click();
    const publicity = office.getByRole('dialog');
    const inputs = publicity.locator('.ant-picker-input input');
    await inputs.nth(0).click();
    // a 公示 begins today at the earliest (a window already past is refused)
    await inputs.nth(0).fill(chinaDay(0));
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(chinaDay(6));
    await inputs.nth(1).press('Enter');
    await publicity.getByRole('button', { name: /公\s*示/ }).click();
    await publicity.waitFor({ state: 'hidden' });
    // the window has passed (set back as if a week went by)
    await served().db.db.updateTable('evaluation_application').set({ publicity_start: chinaDay(-8), publicity_end: chinaDay(-1) }).where('status', '=', 'publicised').execute();
    await office.reload();
    await office.getByTestId('application-name').click();
    const naming = office.getByRole('dialog');
    await naming.getByLabel('命名文件文号').fill('湘质强发〔2024〕9号');
    await naming.getByRole('button', { name: /命\s*名/ }).click();
    await naming.waitFor({ state: 'hidden' });
    await expect(office.getByTestId('application-result').textContent()).resolves.toContain('命名（湘质强发〔2024〕9号）');
    await screenshot(office, 'evaluation-journey-named');
    await office.goto(`${served().url}/evaluation/register`);
    await office.getByRole('cell', { name: '岳阳市' }).waitFor();
    await screenshot(office, 'evaluation-journey-register');
    expect(errors).toEqual([]);
  });
});
