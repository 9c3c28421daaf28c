/**
 * 荣誉名录 and 奖励测算 in the browser (issue 12): the office registers a 鲁班奖 for 岳阳市 and the count of plan indicator
 * 5 goes up; it imports an .xlsx with one bad row and sees that row's errors (nothing imported), fixes it and imports
 * again, and the count goes up by the new rows; the calculator shows a national standard's reward cut to its 50 万元
 * ceiling under the Yueyang policy; 岳阳市质强办 registers a 岳阳 policy with one rule (the missing rule text named beside
 * its cell by the server), sees it listed, loses a concurrent edit to a colleague (409 shown as a conflict), and the calculator cuts a request to that rule's 20 万元 ceiling.
 * The form names the 失效日期 as included (含当日); 被新政策替代 offers only the policies the server accepts (the 2026 policy
 * may replace the 2023 seed one, not the reverse); a repealed policy shows no 编辑 and says why.
 * Screenshots: honours-import-errors, honours-counts, honours-calculator, policy-form, policy-calculator, policy-repealed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { honoursSheetOf } from '../src/server/io/excel/honours-sheet';
import { ROLL_COUNT_TEXT } from '../src/shared/honours/kinds';
import { browserSuite, screenshot, settled, signIn as signInWith } from './harness';

const { suite, served, browser } = browserSuite('honours.e2e');

async function sheetFile(name: string, rows: (string | number | null)[][]): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-honours-')), name);
  fs.writeFileSync(file, await honoursSheetOf(rows));
  return file;
}

suite('荣誉名录与奖励测算（浏览器）', () => {

  const signIn = (username: string) => signInWith(browser(), served().url, username, { landing: /\/todos$/ });

  async function pick(page: Page, selector: string, option: string) {
    await page.locator(selector).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  }

  it('the office adds an entry and imports a sheet (one bad row, then fixed); the count of 鲁班奖 for 岳阳市 follows', async () => {
    const page = await signIn('office');
    await page.goto(`${served().url}/honours`);
    await page.getByRole('tab', { name: '荣誉名录' }).waitFor();
    const meta = await page.evaluate(async () => (await (await fetch('/api/honours/meta')).json()) as { cities: { id: number; name: string }[] });
    const yueyang = meta.cities.find((c) => c.name === '岳阳市')!.id;
    const countCell = page.getByTestId(`count-5-${yueyang}`);
    const readCount = async () => {
      await page.getByRole('tab', { name: '规划指标计数' }).click();
      await countCell.waitFor();
      const n = Number(await countCell.textContent());
      await page.getByRole('tab', { name: '荣誉名录' }).click();
      return n;
    };
    const before = await readCount();

    // 登记荣誉
    await page.getByRole('button', { name: /登记荣誉/ }).click();
    await settled(page);
    await pick(page, '#honour_kind', '鲁班奖（国家级）');
    await page.locator('#honour_awardee').fill('岳阳浏览器测试大厦工程');
    await pick(page, '#honour_cityId', '岳阳市');
    await page.locator('#honour_sourceDoc').fill('中建协〔2025〕8号');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/honours') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(201);
    await page.getByRole('cell', { name: /岳阳浏览器测试大厦工程/ }).waitFor();
    expect(await readCount()).toBe(before + 1);

    // import with one bad row: every problem of that row listed, nothing imported
    const year = new Date().getFullYear() - 1;
    const bad = await sheetFile('荣誉导入.xlsx', [
      ['鲁班奖', '岳阳导入甲工程', year, '岳阳', '汨罗市', '中建协〔2025〕9号', null],
      ['鲁班奖', '岳阳导入乙工程', year, '岳洋市', null, '中建协〔2025〕9号', null],
    ]);
    // the first parse starts a workbook worker (loading exceljs): seconds on a busy machine
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/honours/import'), { timeout: 120_000 });
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles(bad);
    expect((await refused).status()).toBe(400);
    const errors = page.getByTestId('honour-import-errors');
    await errors.waitFor();
    await expect(errors.textContent()).resolves.toContain('荣誉名录·第5行·市州：「岳洋市」不是湖南省的市州');
    await expect(errors.textContent()).resolves.toContain('未导入任何内容');
    await screenshot(page, 'honours-import-errors');
    expect(await readCount()).toBe(before + 1);

    // fixed: both rows imported, the count up by two
    const good = await sheetFile('荣誉导入（修改后）.xlsx', [
      ['鲁班奖', '岳阳导入甲工程', year, '岳阳', '汨罗市', '中建协〔2025〕9号', null],
      ['鲁班奖', '岳阳导入乙工程', year, '岳阳市', null, '中建协〔2025〕9号', null],
    ]);
    const imported = page.waitForResponse((r) => r.url().endsWith('/api/honours/import'), { timeout: 120_000 });
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles(good);
    expect((await imported).status()).toBe(201);
    await page.getByText('已导入2条荣誉').waitFor();
    await expect(errors.count()).resolves.toBe(0);
    expect(await readCount()).toBe(before + 3);
    await page.getByRole('tab', { name: '规划指标计数' }).click();
    await countCell.waitFor();
    // the tab says the count in the words the API documentation gives it (ROLL_COUNT_TEXT, next to ROLL_RULE)
    expect(await page.locator('.ant-typography-secondary').filter({ hasText: '同一计数' }).textContent()).toBe(`${ROLL_COUNT_TEXT}。点击行展开查看计入的每条荣誉。`);
    await screenshot(page, 'honours-counts');
  }, 300_000);

  it('奖励测算: a national standard led by the enterprise, asked at 80 万, is cut to the 50 万元 ceiling', async () => {
    const page = await signIn('office');
    await page.goto(`${served().url}/honours/calculator`);
    const lines = page.getByTestId('calculation-lines');
    await lines.waitFor();
    // nothing asked yet: the ceiling is the most that can be granted, not an amount granted
    await expect(page.getByTestId('total-organisation').textContent()).resolves.toContain('最高50万元');
    await page.getByLabel('申请金额').fill('80');
    await page.getByLabel('申请金额').blur();
    await expect(page.getByTestId('total-organisation').textContent()).resolves.not.toContain('最高');
    await expect(page.getByTestId('total-organisation').textContent()).resolves.toContain('50万元');
    await lines.getByText('已按上限').waitFor();
    await expect(lines.textContent()).resolves.toContain('申请80万元超过上限50万元，按上限50万元计');
    await expect(lines.textContent()).resolves.toContain('主导国家标准制定的，按项目给予最高 50 万元的奖励');
    await screenshot(page, 'honours-calculator');
  });
  it('登记激励政策: one rule (a bad cell named by the server first), listed, (a 岳阳 policy: 岳阳市质强办 keeps it) a concurrent edit is a 409, then used in 奖励测算', async () => {
    const page = await signIn('yueyang.office');
    await page.goto(`${served().url}/honours/policies`);
    await page.getByRole('button', { name: '登记激励政策' }).click();
    await page.locator('#policy_title').waitFor();
    // the caret is in the title once the dialog has opened (useCaretOnOpen): the first key typed goes there
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('policy_title');
    await page.locator('#policy_title').fill('浏览器测试市标准化奖励办法');
    await page.locator('#policy_issuer').fill('岳阳市人民政府');
    await page.locator('#policy_docNo').fill('岳政发〔2026〕9号');
    await pick(page, '#policy_regionCode', '岳阳市');
    await page.locator('#policy_issuedOn').fill('2026-01-01');
    await page.locator('#policy_effectiveFrom').fill('2026-02-01');
    await pick(page, '#policy_rules_0_achievement', '国家标准制定');
    await pick(page, '#policy_rules_0_role', '主导');
    await page.locator('#policy_rules_0_wan').fill('20');
    // no rule text: the server names that cell, nothing saved
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/incentive-policies') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    expect((await refused).status()).toBe(400);
    await page.getByText('请填写规则原文').waitFor();
    await screenshot(page, 'policy-form');
    await page.locator('#policy_rules_0_text').fill('主导制定国家标准的，按项目给予最高 20 万元奖励');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/incentive-policies') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(201);
    const card = page.locator('.ant-card').filter({ hasText: '浏览器测试市标准化奖励办法' });
    await card.getByText('岳政发〔2026〕9号').waitFor();
    await expect(card.textContent()).resolves.toContain('最高 20 万元');

    // two offices edit it at once: the second save is a 409, shown as a conflict in the form
    await card.getByRole('button', { name: /编\s*辑/ }).click();
    await page.locator('#policy_issuer').waitFor();
    const other = await signIn('yueyang.office');
    await other.goto(`${served().url}/honours/policies`);
    await other.locator('.ant-card').filter({ hasText: '浏览器测试市标准化奖励办法' }).getByRole('button', { name: /编\s*辑/ }).click();
    await other.locator('#policy_title').fill('浏览器测试市标准化奖励办法（修订）');
    const first = other.waitForResponse((r) => /\/api\/incentive-policies\/\d+$/.test(r.url()) && r.request().method() === 'PUT');
    await other.getByRole('button', { name: /保\s*存/ }).click();
    expect((await first).status()).toBe(200);
    await other.context().close();
    await page.locator('#policy_issuer').fill('岳阳市人民政府办公室');
    const second = page.waitForResponse((r) => /\/api\/incentive-policies\/\d+$/.test(r.url()) && r.request().method() === 'PUT');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    expect((await second).status()).toBe(409);
    await expect(page.getByTestId('policy-form-error').textContent()).resolves.toMatch(/该政策已由.+于.+修改，请刷新后查看对方的修改再保存（关闭后列表会刷新）$/);
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByText('浏览器测试市标准化奖励办法（修订）').waitFor();

    await page.goto(`${served().url}/honours/calculator`);
    await page.getByTestId('calculation-lines').waitFor();
    await pick(page, '.ant-select:has(input[aria-label="激励政策"])', '浏览器测试市标准化奖励办法');
    await page.getByLabel('申请金额').fill('80');
    await page.getByLabel('申请金额').blur();
    await expect(page.getByTestId('total-organisation').textContent()).resolves.toContain('20万元');
    await expect(page.getByTestId('calculation-lines').textContent()).resolves.toContain('主导制定国家标准的，按项目给予最高 20 万元奖励');
    await screenshot(page, 'policy-calculator');
  }, 180_000);

  it('激励政策: the form says the 失效日期 is included; 被新政策替代 lists only what the server accepts; a repealed policy offers no 编辑', async () => {
    const page = await signIn('yueyang.office');
    await page.goto(`${served().url}/honours/policies`);
    await page.getByRole('button', { name: '登记激励政策' }).click();
    await page.locator('label[for=policy_expiresOn]').filter({ hasText: '失效日期（含当日）' }).waitFor();
    await page.getByText('即“有效期至”之日：该日当天仍有效，次日起失效；未规定可不填').waitFor();
    await page.getByRole('button', { name: /取\s*消/ }).click();

    const mine = page.locator('.ant-card').filter({ hasText: '浏览器测试市标准化奖励办法（修订）' });
    const seed = page.locator('.ant-card').filter({ hasText: '岳强市发〔2023〕3号' });
    // the 2026 policy: the only other one is the 2023 seed policy, in force before it — nothing to offer
    await mine.getByRole('button', { name: '被新政策替代' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('没有可作为替代的政策（须为本单位维护、施行日期不早于本政策的现行政策），请先登记新政策').waitFor();
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await modal.waitFor({ state: 'hidden' });
    // the 2023 seed policy: the 2026 one may replace it
    await seed.getByRole('button', { name: '被新政策替代' }).click();
    await page.locator('.ant-modal:visible .ant-select').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    await expect(options.allTextContents()).resolves.toEqual(['浏览器测试市标准化奖励办法（修订）（岳政发〔2026〕9号）']);
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /取\s*消/ }).click();

    // repealed: closed to edits, and the card says so
    await mine.getByRole('button', { name: /废\s*止/ }).click();
    const repealed = page.waitForResponse((r) => r.url().endsWith('/repeal'));
    await page.locator('.ant-popconfirm').getByRole('button', { name: /废\s*止/ }).click();
    expect((await repealed).status()).toBe(200);
    // in the server's words (policyEditRefusal), as an edit would be answered
    await mine.getByTestId('policy-edit-refusal').filter({ hasText: '已废止，不能再修改；如需恢复或调整这些奖励条款，请登记新的激励政策' }).waitFor();
    await expect(mine.getByRole('button', { name: /编\s*辑/ }).count()).resolves.toBe(0);
    await screenshot(page, 'policy-repealed');
  }, 120_000);
});
