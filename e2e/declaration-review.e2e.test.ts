/**
 * The office reviewing declarations and writing them into the scheme draft while a colleague works on the same
 * cycle (the demo 2023 cycle, samr's and ndrc's declarations reopened): a 退回 or 接收 refused because 刘思远 (office2)
 * decided first leaves the row showing what he decided, not 已提交 with buttons that only fail again; and 申报对照 →
 * 将已接收的申报写入草稿 keeps the edits of 方案内容 not saved yet (saved first, as the 写入草稿 beside 发布方案 does).
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, settled, signIn } from './harness';
import { addDays, chinaDate } from '../src/shared/deadline';
import { latestCycleDate } from '../src/shared/workflow/assessment';

const { suite, served, browser } = browserSuite('declaration-review.e2e');

const SAMR = '省市场监督管理局';
const NDRC = '省发展改革委';

suite('申报审核与写入方案草稿：他人先处理、未保存的修改（浏览器）', () => {
  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/todos$/ });

  /** JSON calls of a signed-in page's session, with its CSRF token */
  async function sessionApi(page: Page) {
    const call = async <T>(method: string, url: string, data?: unknown): Promise<T> => {
      const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
      const r = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
      expect(r.status(), `${method} ${url}: ${await r.text()}`).toBe(200);
      return (await r.json()) as T;
    };
    return { get: <T>(url: string) => call<T>('GET', url), send: call };
  }

  /** the province's 2023 cycle (the first opened; 岳阳市质强办's own 2023 cycle invites no departments) */
  async function cycleId(page: Page): Promise<number> {
    const { items } = await (await sessionApi(page)).get<{ items: { id: number; year: number }[] }>('/api/cycles');
    return items.filter((c) => c.year === 2023).sort((a, b) => a.id - b.id)[0].id;
  }

  /** a department fills its prefilled rows' criteria and basis and submits, through the API of its session */
  async function submitDeclaration(username: string): Promise<void> {
    const page = await user(username);
    const api = await sessionApi(page);
    const { id } = (await api.get<{ items: { id: number }[] }>(`/api/cycles/${await cycleId(page)}/declarations`)).items[0];
    type Content = { indicators: { points: number }[]; bonuses: object[] };
    const draft = await api.get<{ version: number; content: Content }>(`/api/declarations/${id}`);
    const basis = '《湖南省质量强省工作要点》';
    const content = {
      indicators: draft.content.indicators.map((r) => ({ ...r, criteria: [{ text: '有部署、有落实', points: r.points }], basis })),
      bonuses: draft.content.bonuses.map((b) => ({ ...b, basis })),
    };
    const saved = await api.send<{ version: number }>('PUT', `/api/declarations/${id}`, { content, version: draft.version });
    await api.send('POST', `/api/declarations/${id}/transition`, { event: 'submit', version: saved.version });
    await page.context().close();
  }

  /** 刘思远 (office2) decides one department's declaration through the API of his session */
  async function decideAsColleague(departmentName: string, event: 'accept' | 'return'): Promise<void> {
    const page = await user('office2');
    const api = await sessionApi(page);
    const list = await api.get<{ items: { id: number; version: number; departmentName: string }[] }>(`/api/cycles/${await cycleId(page)}/declarations?pageSize=100`);
    const d = list.items.find((x) => x.departmentName === departmentName)!;
    await api.send('POST', `/api/declarations/${d.id}/transition`, { event, version: d.version, ...(event === 'return' ? { reason: '请补充指标依据' } : {}) });
    await page.context().close();
  }

  const row = (page: Page, name: string) => page.locator('.ant-table-row').filter({ hasText: name });
  const toast = (page: Page, text: string | RegExp) => page.locator('.ant-message-notice').filter({ hasText: text }).first();

  it('他人已接收后退回、他人已退回后接收：提示谁何时处理，该行随即显示当前状态，不再提供接收、退回', async () => {
    await submitDeclaration('samr');
    await submitDeclaration('ndrc');
    const page = await user('office');
    await page.goto(`/assessment/${await cycleId(page)}?tab=declarations`);
    for (const name of [SAMR, NDRC]) await row(page, name).locator('.ant-tag').filter({ hasText: '已提交' }).waitFor();

    // 刘思远 accepts samr's while this page still shows it submitted; 退回 here is refused, and the row behind the
    // dialog now shows 已接收 without 接收 / 退回 (it stayed 已提交 with both until the page was reloaded)
    await decideAsColleague(SAMR, 'accept');
    await row(page, SAMR).getByRole('button', { name: /退\s*回/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: `退回${SAMR}的申报表` });
    await dialog.waitFor();
    await settled(page);
    await dialog.getByLabel('退回原因').fill('第2条指标分值超过上年，请压减或说明理由');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.locator('.ant-alert-error').filter({ hasText: /^申报表已由刘思远（省质强办）于.+接收，请刷新后重试$/ }).waitFor();
    await row(page, SAMR).locator('.ant-tag').filter({ hasText: '已接收' }).waitFor();
    expect(await row(page, SAMR).getByRole('button', { name: /^(接\s*收|退\s*回)$/ }).count()).toBe(0);
    // the dialog cannot send the refused 退回 again
    expect(await dialog.getByRole('button', { name: /退\s*回/ }).isDisabled()).toBe(true);
    await screenshot(page, 'declaration-review-return-after-accept');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    // 刘思远 returns ndrc's; 接收 here is refused the same way, and the row shows 已退回
    await decideAsColleague(NDRC, 'return');
    await row(page, NDRC).getByRole('button', { name: /接\s*收/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await toast(page, /^申报表已由刘思远（省质强办）于.+退回，请刷新后重试$/).waitFor();
    await row(page, NDRC).locator('.ant-tag').filter({ hasText: '已退回' }).waitFor();
    expect(await row(page, NDRC).getByRole('button', { name: /^(接\s*收|退\s*回)$/ }).count()).toBe(0);
    await page.context().close();
  }, 180_000);

  it('申报对照 → 将已接收的申报写入草稿：先保存「方案内容」中未保存的修改，写入后修改仍在', async () => {
    // samr's declaration was accepted above (by 刘思远)
    const page = await user('office');
    const id = await cycleId(page);
    await page.goto(`/assessment/${id}`);
    await page.getByRole('tab', { name: '考核方案', exact: true }).click();
    const grade = page.getByLabel('第1个等级名称');
    await grade.fill('优秀');
    await page.getByText('有未保存的修改').waitFor();
    await page.getByRole('tab', { name: '申报对照', exact: true }).click();
    await page.getByRole('button', { name: '将已接收的申报写入草稿' }).click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '将已接收的申报写入方案草稿？' });
    await confirm.getByText('「方案内容」中未保存的修改将先保存为草稿').waitFor();
    await screenshot(page, 'declaration-review-apply-confirm');
    await confirm.getByRole('button', { name: /写\s*入/ }).click();
    await toast(page, `已写入${SAMR}的申报`).waitFor();
    const notes = page.locator('.ant-modal-confirm').filter({ hasText: '写入说明' });
    if (await notes.isVisible()) await notes.getByRole('button').last().click();
    await page.getByRole('tab', { name: '方案内容', exact: true }).click();
    // the edit is in the editor and in the stored draft, beside samr's declaration (it was replaced by the draft without it)
    await expect.poll(() => grade.inputValue()).toBe('优秀');
    expect(await page.getByText('有未保存的修改').count()).toBe(0);
    const api = await sessionApi(page);
    const [draft] = (await api.get<{ items: { id: number; status: string }[] }>(`/api/cycles/${id}/schemes`)).items.filter((s) => s.status === 'draft');
    const stored = await api.get<{ framework: { gradeBands: { grade: string }[] }; unappliedDeclarations: unknown[] }>(`/api/schemes/${draft.id}`);
    expect([stored.framework.gradeBands[0].grade, stored.unappliedDeclarations]).toEqual(['优秀', []]);
    await screenshot(page, 'declaration-review-apply-keeps-edits');
    await page.context().close();
  }, 120_000);

  it('重新开放时同事已先重新开放至同一日期：对话框说明原因，该行随即显示补报，仍可改选日期重新开放', async () => {
    const page = await user('office');
    const cycle = await cycleId(page);
    // a department not yet reopened, whose row offers 重新开放 (the deadline passed)
    type Row = { id: number; departmentName: string; reopenedUntil: string | null; actions: { reopen: boolean } };
    const list = await (await sessionApi(page)).get<{ items: Row[] }>(`/api/cycles/${cycle}/declarations?pageSize=100`);
    const d = list.items.find((x) => x.actions.reopen && !x.reopenedUntil && x.departmentName !== SAMR && x.departmentName !== NDRC)!;
    await page.goto(`/assessment/${cycle}?tab=declarations`);
    await row(page, d.departmentName).getByRole('button', { name: /重新开放/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: `为${d.departmentName}重新开放申报` });
    await dialog.waitFor();
    await settled(page);
    const until = await dialog.getByLabel('开放至（含当日）').inputValue();

    // 刘思远 reopens it to the very date this dialog offers, while this page still shows it not reopened
    const colleague = await user('office2');
    await (await sessionApi(colleague)).send('POST', `/api/declarations/${d.id}/reopen`, { until, reason: '该单位来函申请补报' });
    await colleague.context().close();

    await dialog.getByLabel('原因').fill('该单位来函申请补报');
    await dialog.getByRole('button', { name: /重新开放/ }).click();
    await dialog.locator('.ant-alert-error').filter({ hasText: `已为${d.departmentName}重新开放申报至${until}，无需重复操作` }).waitFor();
    // the row behind now shows the reopening (it kept showing none until the page was reloaded)
    await row(page, d.departmentName).locator('.ant-tag').filter({ hasText: '补报' }).waitFor();
    // 重新开放 sends no version: another date may still go through, so the dialog's button stays available
    expect(await dialog.getByRole('button', { name: /重新开放/ }).isDisabled()).toBe(false);
    await screenshot(page, 'declaration-review-reopen-after-reopen');
    await page.context().close();
  }, 120_000);

  it('重新开放：该单位已开放至临近一年上限之日，对话框给出的日期即上限当日（可选、可提交），上限次日在日期框中不可选', async () => {
    const page = await user('office');
    const cycle = await cycleId(page);
    const api = await sessionApi(page);
    type Row = { id: number; departmentName: string; reopenedUntil: string | null; actions: { reopen: boolean } };
    const list = await api.get<{ items: Row[] }>(`/api/cycles/${cycle}/declarations?pageSize=100`);
    const d = list.items.find((x) => x.actions.reopen && !x.reopenedUntil && x.departmentName !== SAMR && x.departmentName !== NDRC)!;
    // its window set, through the API, to two days before the latest day allowed (today + 366): a week beyond it, which
    // the dialog offers a running window, lies past the bound, on a day the picker greys and the server refuses
    const latest = latestCycleDate(chinaDate(new Date()));
    const near = addDays(latest, -2);
    await api.send('POST', `/api/declarations/${d.id}/reopen`, { until: near, reason: '该单位来函申请延长补报期限' });

    await page.goto(`/assessment/${cycle}?tab=declarations`);
    await row(page, d.departmentName).getByRole('button', { name: /重新开放/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: `为${d.departmentName}重新开放申报` });
    await dialog.waitFor();
    await settled(page);
    await dialog.getByTestId('reopen-runs-until').filter({ hasText: `已重新开放至${near}` }).waitFor();
    const until = dialog.getByLabel('开放至（含当日）');
    // the offered day is the bound itself, not near + 7
    expect(await until.inputValue()).toBe(latest);
    await until.click();
    const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await panel.waitFor();
    const cell = (day: string) => panel.locator(`td.ant-picker-cell[title="${day}"]`);
    await expect(cell(latest).getAttribute('class')).resolves.not.toMatch(/ant-picker-cell-disabled/);
    await expect(cell(latest).getAttribute('class')).resolves.toMatch(/ant-picker-cell-selected/);
    await expect(cell(addDays(latest, 1)).getAttribute('class')).resolves.toMatch(/ant-picker-cell-disabled/);
    await screenshot(page, 'declaration-review-reopen-near-bound');
    // a click on the greyed day changes nothing; the offered day is taken, and goes through as it is
    await cell(addDays(latest, 1)).click({ force: true });
    expect(await until.inputValue()).toBe(latest);
    await cell(latest).click();
    await panel.waitFor({ state: 'hidden' });
    expect(await until.inputValue()).toBe(latest);
    await dialog.getByLabel('原因').fill('该单位来函申请延长补报期限');
    await dialog.getByRole('button', { name: /重新开放/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await api.get<{ reopenedUntil: string | null }>(`/api/declarations/${d.id}`)).reopenedUntil).toBe(latest);
    await page.context().close();
  }, 120_000);

});
