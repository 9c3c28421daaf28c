/**
 * 规划指标监测 in the browser (issue 12), on the demo data: the office opens the menu entry and sees the 24
 * indicators with their lights (one binding indicator 滞后), filters a group, opens 制造业产品质量合格率 with its
 * chart, adjusts the 2024 target with a reason, then the city matrix and 填报情况; 长沙市 sees its own row only.
 * No page may log an error.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, settled, signIn as signInWith } from './harness';
import { BINDING_RULE, openSdgThresholds, statusRule } from '../src/shared/indicators/status';
import { ROLL_RULE } from '../src/shared/honours/kinds';

const { suite, served, browser } = browserSuite('indicators.e2e');

suite('规划指标监测（浏览器）', () => {
  const problems: string[] = [];

  const signIn = (username: string): Promise<Page> => signInWith(browser(), served().url, username, { errors: problems });

  it('the office: 24 indicators with lights, a group filter, the detail with its chart, a 2024 target adjusted with a reason', async () => {
    const page = await signIn('office');
    await page.locator('[data-testid=side-menu] .ant-menu-item').filter({ hasText: '规划指标监测' }).click();
    await page.waitForURL((u) => u.pathname === '/indicators');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(24);
    // 10 indicators with reported data: 8 on track, 国控断面水质 lagging, 空气 unknown (the 2023 target is the state's);
    // and 4–8 counted from the honours roll: 大禹奖 ahead (3 + 2 = 5), 中国质量奖 on track (6 + 2 awards + 2 提名奖 = 10,
    // the 2023 target), 老字号, 鲁班奖, 国优 lagging
    await expect.poll(() => page.locator('.ant-table-tbody [data-testid=indicator-status]').filter({ hasText: '滞后' }).count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('.ant-table-tbody [data-testid=indicator-status]').filter({ hasText: '符合预期' }).count()).toBe(9);
    expect(await page.locator('.ant-table-tbody [data-testid=indicator-status]').filter({ hasText: '提前实现' }).count()).toBe(1);
    expect(await page.locator('.ant-table-row').filter({ hasText: '国控断面' }).locator('[data-testid=indicator-status]').textContent()).toContain('滞后');
    // the rule under the table is the sentence the .xlsx and the .docx print (statusRule, from the plan's thresholds)
    await expect.poll(() => page.locator('.ant-typography-secondary').filter({ hasText: '状态按序时进度判断' }).textContent()).toContain(statusRule(openSdgThresholds));
    // and the 名录计数 rule (专栏1 4–8 are counted from the roll) is the one the indicator detail and the documents give (ROLL_RULE)
    expect(await page.locator('.ant-typography-secondary').filter({ hasText: '状态按序时进度判断' }).textContent()).toContain(ROLL_RULE);
    // the summary over the table says how a binding indicator is judged in the rule's own words (BINDING_RULE)
    expect(await page.locator('.ant-typography-secondary').filter({ hasText: '其余无确认数据' }).textContent()).toContain(`其余无确认数据。${BINDING_RULE}。`);
    await page.getByRole('combobox', { name: '类别' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '生态环境质量' }).click();
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    await screenshot(page, 'indicators-table');
    await page.reload();
    await page.getByRole('link', { name: '制造业产品质量合格率' }).click();
    await page.waitForURL(/\/indicators\/\d+$/);
    // the lines are drawn (ECharts' line series registered): the province's 2023 label
    await page.locator('.ant-card').filter({ hasText: '目标路径与实际值' }).locator('svg text').filter({ hasText: '94.52' }).first().waitFor();
    const row2024 = page.locator('.ant-table-row').filter({ hasText: '94.73' });
    await row2024.getByRole('button', { name: /调\s*整/ }).click();
    await settled(page);
    const modal = page.locator('.ant-modal');
    // typed in a Chinese input method's full-width mode, as the work plan writes it: read as 94.8
    await modal.getByLabel('目标值（%）').fill('９４．８％');
    await modal.getByLabel('调整理由').fill('2024年工作要点：制造业产品质量合格率达到94.8%');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-table-row').filter({ hasText: '2024年工作要点：制造业产品质量合格率达到94.8%' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.ant-table-row').filter({ hasText: '2024年工作要点：制造业产品质量合格率达到94.8%' }).locator('td').nth(1).textContent()).toBe('94.8');
    await screenshot(page, 'indicator-detail');
    // put 2024 back on the interpolated path (恢复按路径插值, with a reason)
    await page.locator('.ant-table-row').filter({ hasText: '2024年工作要点：制造业产品质量合格率达到94.8%' }).getByRole('button', { name: '恢复按路径插值' }).click();
    const revert = page.locator('.ant-modal').filter({ hasText: '恢复2024年目标按路径插值' });
    // with no reason the field says so, and the refused form check is caught (it was an uncaught promise rejection)
    const uncaught: string[] = [];
    page.on('pageerror', (e) => uncaught.push(e.message));
    await revert.getByRole('button', { name: /恢\s*复/ }).click();
    await revert.getByText('请写明恢复理由（至少2个字）').waitFor();
    await page.waitForTimeout(300);
    expect(uncaught).toEqual([]);
    await revert.getByLabel('恢复理由').fill('2024年不再单独设定目标');
    await revert.getByRole('button', { name: /恢\s*复/ }).click();
    await page.locator('.ant-table-row').filter({ hasText: '2024' }).filter({ hasText: '94.73' }).waitFor();
    expect(await page.locator('.ant-table-row').filter({ hasText: '2024年工作要点' }).count()).toBe(0);
    // 季度: 2023's quarters against the quarter path, a light each (94.18 already meets ≥94: three 符合预期)
    await page.locator('.ant-segmented-item').filter({ hasText: /^季度$/ }).click();
    const quarters = page.locator('.ant-card').filter({ hasText: '季度监测' });
    await expect.poll(() => quarters.locator('.ant-table-row').count(), { timeout: 20_000 }).toBe(4);
    expect(await quarters.locator('[data-testid=indicator-status]').filter({ hasText: '符合预期' }).count()).toBe(3);
    await screenshot(page, 'indicator-quarters');
    // the table's quarter column: 2023 第3季度, three indicators with quarterly values, 满意度 already 提前实现
    await page.goto(`${served().url}/indicators?year=2023&quarter=3`);
    await expect.poll(() => page.locator('[data-testid=quarter-cell]').count(), { timeout: 20_000 }).toBe(3);
    expect(await page.locator('[data-testid=quarter-cell]').filter({ hasText: '提前实现' }).count()).toBe(1);
  });

  it('the matrix (14 cities) and 填报情况 (three years, late reports); 长沙市 sees its own row only', async () => {
    const page = await signIn('office');
    await page.goto(`${served().url}/indicators/matrix`);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(14);
    expect(await page.locator('[data-light=lagging]').count()).toBeGreaterThan(0);
    await page.getByText('填报情况', { exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/indicators/completeness');
    await page.getByText('2022年度（2023-01-05至2023-02-28）').waitFor();
    // 2021–2023 from the demo (the reporting side adds an open 2024 period)
    expect(await page.locator('.ant-card-head-title').filter({ hasText: '年度（' }).count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'indicators-completeness');
    const city = await signIn('changsha');
    await city.goto(`${served().url}/indicators/matrix`);
    await expect.poll(() => city.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(1);
    expect(await city.locator('.ant-table-tbody tr.ant-table-row').first().textContent()).toContain('长沙市');
    expect(problems).toEqual([]);
  });
});
