/**
 * 质量分析报告 in the browser (DB43 4.8): 岳阳市质强办 opens its demo 2024 上半年 draft from the list, writes the
 * outlook section beside the platform's data and saves it, issues the report with a 文号, and downloads the .docx
 * (its text holds the 文号 and the sections just written); 印发 waits while a section's text is typed but not saved
 * (the modal names the section; issuing would freeze the report without it); the province's office then sees 岳阳市 issued in the
 * register. Screenshots: analysis-editor, analysis-register.
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { browserSuite, screenshot, settled, signIn as signInWith } from './harness';

const { suite, served, browser } = browserSuite('analysis.e2e');

suite('质量分析报告（浏览器）', () => {
  const signIn = (username: string) => signInWith(browser(), served().url, username, { landing: /\/todos$/ });

  it('岳阳市 edits a section of its demo draft, issues it and downloads the .docx; the province sees it in the register', async () => {
    const page = await signIn('yueyang.office');
    // a half-year the office already has a report for is offered as taken (not a 409 after 新建报告)
    await page.goto(`${served().url}/analysis?period=2024-H1`);
    await page.getByTestId('analysis-period').click();
    await page.locator('.ant-select-item-option-disabled').filter({ hasText: /^2024年上半年（已有/ }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('analysis-create').isDisabled()).toBe(true);
    const open = page.locator('[data-testid^=analysis-open-]').first();
    await open.waitFor();
    await open.click();
    await page.waitForURL(/\/analysis\/\d+$/);
    await page.getByText('岳阳市2024年上半年质量分析报告').first().waitFor();
    // the platform's data beside the office's text
    await page.getByTestId('section-assessment').getByText('历年考核得分与名次').waitFor();
    await expect(page.getByTestId('section-text-workplan').inputValue()).resolves.toContain('演示数据，草稿');
    const text = '下一步，岳阳市将对标滞后指标逐项整改，按期发布下半年质量分析报告。';
    await page.getByTestId('section-text-outlook').fill(text);
    await page.getByTestId('section-save-outlook').click();
    await page.getByText('已保存“存在问题与下一步工作”').waitFor();
    await settled(page);
    await screenshot(page, 'analysis-editor');

    // text typed but not saved is not issued with the report (it would be lost, the report frozen): 印发 waits for it
    const opening = '上半年，全市规划指标总体符合预期，荣誉类指标仍有差距。';
    await page.getByTestId('section-text-indicators').fill(opening);
    await page.getByTestId('analysis-issue').click();
    const unsaved = page.getByTestId('issue-unsaved');
    await unsaved.waitFor();
    await expect(unsaved.textContent()).resolves.toContain('“一、规划指标监测情况”的文字尚未保存');
    await expect(page.locator('.ant-modal').getByRole('button', { name: /印\s*发/ }).isDisabled()).resolves.toBe(true);
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('section-save-indicators').click();
    await page.getByText('已保存“规划指标监测情况”').waitFor();

    await page.getByTestId('analysis-issue').click();
    await expect(unsaved.count()).resolves.toBe(0);
    await page.getByTestId('issue-docno').fill('岳质强办发〔2024〕5号');
    await page.locator('.ant-modal').getByRole('button', { name: /印\s*发/ }).click();
    await page.getByText('已印发，报告不能再修改').waitFor();
    await expect(page.getByTestId('section-text-outlook').count()).resolves.toBe(0);
    await page.getByText(text).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('analysis-docx').click()]);
    expect(download.suggestedFilename()).toBe('岳阳市2024年上半年质量分析报告.docx');
    const xml = (await (await JSZip.loadAsync(fs.readFileSync((await download.path())!))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('岳质强办发〔2024〕5号');
    expect(xml).toContain(text);
    expect(xml).toContain(opening);
    expect(xml).toContain('规划指标监测情况');

    const office = await signIn('office');
    await office.goto(`${served().url}/analysis`);
    const register = office.getByTestId('analysis-register');
    await register.getByText('岳质强办发〔2024〕5号').waitFor();
    await register.getByText('湘质强办发〔2024〕3号').waitFor();
    await screenshot(office, 'analysis-register');
  }, 300_000);
});
