/**
 * 同级比较表 in the browser (issue 11): the office opens 创建评价 → 同级比较表, sees the demo's 2024 and 2023 tables,
 * opens 2024, pastes a column copied from Excel into 岳阳市's value cell (and a bad block, refused with the row named),
 * saves; a second window still on the old version gets the server's 409 (who, when) over the latest table, its
 * typed values kept, and saves again. 岳阳市's approved plan names
 * the table and keeps the values it was approved with; the team leader's sheet names the table too. The 2023 table
 * is filled from the honours roll (从荣誉名录填入) after a confirm that existing values are replaced.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_CONTEXT, browserSuite, DEMO_PASSWORD, screenshot } from './harness';

const { suite, served, browser } = browserSuite('peer-tables.e2e');

suite('创建评价：同级比较表（浏览器）', () => {
  const problems: string[] = [];

  async function signIn(username: string): Promise<Page> {
    const context = await browser().newContext(BROWSER_CONTEXT);
    const page = await context.newPage();
    await page.goto(`${served().url}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/todos$/);
    page.on('console', (m) => {
      // the stale window's save answers 409 by design
      if (m.type() === 'error' && !m.text().includes('409')) problems.push(`${username}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${username}: ${e.message}`));
    return page;
  }

  /** Paste text into the element as Excel would put it on the clipboard. */
  const paste = (page: Page, selector: string, text: string) =>
    page.locator(selector).evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);

  it('the office pastes a column from Excel into the 2024 table and saves; a stale window gets the 409', async () => {
    const page = await signIn('office');
    await page.locator('[data-testid=side-menu] .ant-menu-item').filter({ hasText: '创建评价' }).click();
    await page.getByTestId('evaluation-peer-tables-link').click();
    await page.waitForURL((u) => u.pathname === '/evaluation/peer-tables');
    const list = page.getByTestId('peer-tables');
    await list.locator('tr', { hasText: '2023' }).waitFor();
    await expect(list.locator('tbody tr').allTextContents()).resolves.toHaveLength(2);
    await expect(list.locator('tr', { hasText: '2024' }).textContent()).resolves.toContain('13 / 14');
    await list.locator('tr', { hasText: '2024' }).getByRole('link', { name: '获奖企业数量' }).click();
    await page.waitForURL(/\/evaluation\/peer-tables\/\d+$/);
    const url = page.url();
    // a second browser context of the office (another window, or a colleague's), on the version before the save
    const stale = await signIn('office');
    await stale.goto(url);
    await stale.getByTestId('peer-values').waitFor();

    // a bad block: nothing filled, the row named
    await paste(page, '[aria-label="岳阳市 数值"]', '十二\t核定中\n');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('第1行（岳阳市）：“十二”不是数字');
    // 岳阳市 and the two rows below it (常德市, 张家界市), with a note beside 岳阳市
    await paste(page, '[aria-label="岳阳市 数值"]', '12\t市质强办核定\r\n10\t\r\n3\t\r\n');
    await expect(page.locator('[aria-label="岳阳市 数值"]').inputValue()).resolves.toBe('12');
    await expect(page.locator('[aria-label="张家界市 数值"]').inputValue()).resolves.toBe('3');
    await expect(page.locator('[aria-label="岳阳市 备注"]').inputValue()).resolves.toBe('市质强办核定');
    await page.getByTestId('save-peer-table').click();
    await page.getByText('同级比较表已保存').waitFor();
    await expect(page.getByTestId('page-header').textContent()).resolves.toContain('14/14个单位已填');
    await screenshot(page, 'peer-table-2024');

    // the other window still holds the old version
    await stale.locator('[aria-label="长沙市 数值"]').fill('31');
    await stale.locator('[aria-label="长沙市 备注"]').fill('复核后更正');
    await stale.getByTestId('save-peer-table').click();
    // who changed it and when (the house's words for a lost race), over the latest table with the typed values kept;
    // not 请刷新后查看: the page has loaded the latest itself, and a refresh would throw the typed values away
    const conflict = stale.getByTestId('peer-table-conflict');
    await conflict.getByText(/^同级比较表已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}修改数值$/).waitFor();
    await expect(conflict.textContent()).resolves.toContain('您改过的内容保留在下方');
    await expect(stale.locator('[aria-label="长沙市 数值"]').inputValue()).resolves.toBe('31');
    await expect(stale.locator('[aria-label="长沙市 备注"]').inputValue()).resolves.toBe('复核后更正');
    // the rows the stale window left alone take the other window's values
    await expect(stale.locator('[aria-label="岳阳市 数值"]').inputValue()).resolves.toBe('12');
    await expect(stale.locator('[aria-label="岳阳市 备注"]').inputValue()).resolves.toBe('市质强办核定');
    await expect(stale.locator('[aria-label="张家界市 数值"]').inputValue()).resolves.toBe('3');
    await screenshot(stale, 'peer-table-2024-conflict');
    await stale.getByTestId('save-peer-table').filter({ hasText: '仍然保存' }).click();
    await stale.getByText('同级比较表已保存').waitFor();
    expect(await conflict.count()).toBe(0);
    const saved = (await (await stale.request.get(`${served().url}/api/peer-tables/${url.split('/').pop()}`)).json()) as { table: { values: { name: string; value: number | null; note: string | null }[] } };
    expect(saved.table.values.filter((v) => ['长沙市', '岳阳市', '张家界市'].includes(v.name)).map((v) => [v.name, v.value, v.note])).toEqual([
      ['长沙市', 31, '复核后更正'],
      ['岳阳市', 12, '市质强办核定'],
      ['张家界市', 3, null],
    ]);
    await stale.context().close();
    await page.context().close();
  });

  it('岳阳市’s approved plan names the table and keeps its copy; the team leader’s sheet names it too', async () => {
    const page = await signIn('office');
    await page.goto(`${served().url}/evaluation`);
    await page.getByTestId('round-2024').locator('tr', { hasText: '岳阳市' }).getByRole('link', { name: '岳阳市' }).click();
    await page.waitForURL(/\/evaluation\/applications\/\d+$/);
    const appUrl = page.url();
    await page.goto(`${appUrl}/plan`);
    await expect(page.getByTestId('plan-peer-table').textContent()).resolves.toBe('2024年 省内同级城市 获奖企业数量');
    // the copy taken at approval: 张家界市 still 2 (the table now says 3)
    await expect(page.getByText('5.2.a 同级城市比较').locator('xpath=following-sibling::*[1]').locator('tr', { hasText: '张家界市' }).textContent()).resolves.toBe('430800张家界市2');
    // a new version would keep ranking against the same table (then with its values now)
    await page.getByRole('button', { name: '修订为新版本' }).click();
    const picker = page.locator('.ant-select', { has: page.locator('[aria-label="同级比较表"]') });
    await expect(picker.locator('.ant-select-selection-item').textContent()).resolves.toBe('2024年 省内同级城市 获奖企业数量（已填14/14）');
    await page.getByRole('button', { name: '放弃修改' }).click();
    await page.context().close();

    const expert = await signIn('expert');
    await expert.goto(`${appUrl}/sheet`);
    await expect(expert.getByTestId('sheet-peer-table').textContent()).resolves.toContain('2024年 省内同级城市 获奖企业数量');
    await expert.getByTestId('sheet-peer-table').getByRole('link').click();
    await expert.waitForURL(/\/evaluation\/peer-tables\/\d+$/);
    await expect(expert.getByTestId('peer-values').locator('tr', { hasText: '岳阳市' }).textContent()).resolves.toContain('12');
    expect(await expert.getByTestId('save-peer-table').count()).toBe(0);
    await expert.context().close();
    expect(problems).toEqual([]);
  });

  it('a table the office already keeps: 新建 and a rename onto its name say whose it is and link to it, nothing typed lost', async () => {
    const page = await signIn('office');
    await page.goto(`${served().url}/evaluation/peer-tables`);
    const list = page.getByTestId('peer-tables');
    await list.locator('tr', { hasText: '2024' }).waitFor();
    // 新建 of 2024's 获奖企业数量 again: the dialog names the table there is and offers to open it (no 请刷新后查看)
    await page.getByTestId('new-peer-table').click();
    const dialog = page.locator('.ant-modal', { hasText: '新建同级比较表' });
    await dialog.getByLabel('年度').fill('2024');
    await dialog.getByRole('button', { name: '新 建' }).click();
    const problem = dialog.getByTestId('new-peer-table-problem');
    await problem.getByText(/^本单位2024年已有省内同级城市「获奖企业数量」比较表（由.+新建）：同一年度、同一比较范围的同一指标只建一张表，请打开该表修改，或换一个比较指标名称$/).waitFor();
    // another metric of 2024 is a table of its own
    await dialog.getByLabel('比较指标').fill('获奖企业数（复核）');
    await dialog.getByRole('button', { name: '新 建' }).click();
    await page.waitForURL(/\/evaluation\/peer-tables\/\d+$/);
    const second = page.url();
    // renamed onto 获奖企业数量: the save says so with the link, the page keeps what was typed, no 已被修改 over it
    await page.locator('[aria-label="岳阳市 数值"]').fill('7');
    await page.getByLabel('比较指标', { exact: true }).fill('获奖企业数量');
    await page.getByTestId('save-peer-table').click();
    const refused = page.getByRole('alert').filter({ hasText: '本单位2024年已有省内同级城市「获奖企业数量」比较表' });
    await refused.waitFor();
    await expect(refused.textContent()).resolves.not.toContain('刷新');
    expect(await page.getByTestId('peer-table-conflict').count()).toBe(0);
    await expect(page.getByTestId('save-peer-table').textContent()).resolves.toBe('保 存');
    await expect(page.locator('[aria-label="岳阳市 数值"]').inputValue()).resolves.toBe('7');
    await expect(page.getByLabel('比较指标', { exact: true }).inputValue()).resolves.toBe('获奖企业数量');
    await screenshot(page, 'peer-table-same-name');
    await refused.getByTestId('open-same-named-table').click();
    await page.waitForURL((u) => u.href !== second && /\/evaluation\/peer-tables\/\d+$/.test(u.pathname));
    await expect(page.getByTestId('page-header').textContent()).resolves.toContain('2024年 省内同级城市 获奖企业数量');
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('the office fills the 2023 table from the honours roll after confirming that existing values are replaced', async () => {
    const page = await signIn('office');
    await page.goto(`${served().url}/evaluation/peer-tables`);
    const list = page.getByTestId('peer-tables');
    await list.locator('tr', { hasText: '2023' }).getByRole('link', { name: '获奖企业数量' }).click();
    await page.waitForURL(/\/evaluation\/peer-tables\/\d+$/);
    await page.getByTestId('fill-from-honours').click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect(confirm.textContent()).resolves.toContain('替换本表现有的全部数值和备注');
    await confirm.getByRole('button', { name: '替换并填入' }).click();
    await page.getByText('已从荣誉名录填入').waitFor();
    await expect(page.getByTestId('page-header').textContent()).resolves.toContain('14/14个单位已填');
    // the demo roll's 2023 中国质量奖 went to 株洲's 瑞丰新材料: named in 株洲市's note
    await expect(page.locator('[aria-label="株洲市 备注"]').inputValue()).resolves.toMatch(/^名录：2023年\d+项（.*瑞丰新材料有限公司/);
    await screenshot(page, 'peer-table-2023-from-honours');
    await page.context().close();
    expect(problems).toEqual([]);
  });
});
