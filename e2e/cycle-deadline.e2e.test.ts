/**
 * The office moves a cycle's declaration deadline (申报截止日期) on the overview, in the browser (the demo 2023 cycle,
 * 指标征集中, its deadline long past): the picker greys the days cycleDeadlineRefusal refuses; a day the server then
 * refuses is said in Chinese under the field (the server's clock here runs two days ahead of the browser's — a page
 * opened in the evening and saved after midnight); a colleague's change made meanwhile is named (409) and the page
 * takes the latest cycle; the saved change is audited; a department is not offered the form, nor is anyone once the
 * call has ended.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatDeadline } from '../src/shared/deadline';
import { browserSuite, screenshot, settled, signIn } from './harness';

/** YYYY-MM-DD in China time, `days` from the browser's today */
const chinaDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
const AHEAD = 2;
const { suite, served, browser } = browserSuite('cycle-deadline.e2e', undefined, { now: () => new Date(Date.now() + AHEAD * 86400_000) });

suite('修改申报截止日期（浏览器）', { timeout: 180_000 }, () => {
  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/todos$/ });
  const db = () => served().db.db;
  const toast = (page: Page, text: string) => page.locator('.ant-message-notice').filter({ hasText: text }).first();
  const deadlineRow = (page: Page) => page.locator('.ant-descriptions-row').filter({ hasText: '申报截止' });

  /** JSON calls of a signed-in page's session, with its CSRF token */
  async function send(page: Page, method: string, url: string, data?: unknown): Promise<{ status: number; json: any }> {
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const r = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
    return { status: r.status(), json: await r.json() };
  }

  /** the province's 2023 cycle (the first opened; 岳阳市质强办's own 2023 cycle invites no departments) */
  const cycleId = async () => (await db().selectFrom('assessment_cycle').select('id').where('year', '=', 2023).orderBy('id').executeTakeFirstOrThrow()).id;

  it('质强办在概况中修改：不可选的日期置灰，服务器拒绝的日期在字段下说明，他人先改时提示并载入最新内容，修改记入操作记录；成员单位和征集结束后不提供', async () => {
    const id = await cycleId();
    const before = await db().selectFrom('assessment_cycle').select('deadline').where('id', '=', id).executeTakeFirstOrThrow();

    // a department reads the deadline, and is offered no 修改
    const samr = await user('samr');
    await samr.goto(`/assessment/${id}`);
    await deadlineRow(samr).getByTestId('deadline').waitFor();
    await settled(samr);
    expect(await deadlineRow(samr).getByRole('button', { name: '修改截止日期' }).count()).toBe(0);
    await samr.context().close();

    const page = await user('office');
    await page.goto(`/assessment/${id}`);
    await deadlineRow(page).getByText(formatDeadline(before.deadline).at).waitFor();
    await deadlineRow(page).getByRole('button', { name: '修改截止日期' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '修改申报截止日期' });
    await dialog.waitFor();
    await dialog.getByText(`当前申报截止：${formatDeadline(before.deadline).at}`, { exact: false }).waitFor();
    // the deadline in force is past: the picker opens empty, yesterday greyed, today offered, a year and a day out greyed
    const field = dialog.getByPlaceholder('选择截止日期');
    expect(await field.inputValue()).toBe('');
    await field.click();
    const cell = (day: string) => page.locator(`.ant-picker-dropdown:visible td.ant-picker-cell[title="${day}"]`);
    await cell(chinaDate(0)).waitFor();
    await expect(cell(chinaDate(0)).getAttribute('class')).resolves.not.toContain('ant-picker-cell-disabled');
    if ((await cell(chinaDate(-1)).count()) === 0) await page.locator('.ant-picker-dropdown:visible .ant-picker-header-prev-btn').click();
    await expect(cell(chinaDate(-1)).getAttribute('class')).resolves.toContain('ant-picker-cell-disabled');
    await screenshot(page, 'cycle-deadline-01-picker');

    // the server's day is two days on: tomorrow, offered here, is before its today — its 400 is said under the field
    await field.fill(chinaDate(1));
    await field.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText(`申报截止日期${chinaDate(1)}早于今天（${chinaDate(AHEAD)}）：成员单位将无法申报，请选择今天或以后的日期`).waitFor();
    expect((await db().selectFrom('assessment_cycle').select('deadline').where('id', '=', id).executeTakeFirstOrThrow()).deadline).toBe(before.deadline);

    // 刘思远 moves it meanwhile; this page's save is refused naming him, and the page takes his deadline
    const colleague = await user('office2');
    const seen = (await send(colleague, 'GET', `/api/cycles/${id}`)).json;
    const theirs = chinaDate(20);
    expect((await send(colleague, 'PATCH', `/api/cycles/${id}`, { deadline: theirs, version: seen.version })).status).toBe(200);
    await colleague.context().close();
    const mine = chinaDate(30);
    await field.fill(mine);
    await field.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByTestId('deadline-error').getByText('该考核已由刘思远（省质强办）于', { exact: false }).waitFor();
    // the 400 of the try before is gone from the field: this answer replaced it
    expect(await dialog.getByText('早于今天', { exact: false }).count()).toBe(0);
    expect(await dialog.getByTestId('deadline-error').textContent()).toContain('修改，请查看最新内容后重试');
    await deadlineRow(page).getByText(formatDeadline(theirs).at).waitFor();
    await screenshot(page, 'cycle-deadline-02-conflict');

    // saved again on the latest cycle: the row shows it, the database holds it, the audit row has before and after
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await toast(page, '申报截止日期已修改').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await deadlineRow(page).getByText(formatDeadline(mine).at).waitFor();
    expect((await db().selectFrom('assessment_cycle').select('deadline').where('id', '=', id).executeTakeFirstOrThrow()).deadline).toBe(mine);
    const audits = await db().selectFrom('audit_log').select(['username', 'before_json', 'after_json']).where('action', '=', 'cycle.update').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audits.map((a) => [a.username, JSON.parse(a.before_json!).deadline, JSON.parse(a.after_json!).deadline])).toEqual([
      ['office2', before.deadline, theirs],
      ['office', theirs, mine],
    ]);
    await screenshot(page, 'cycle-deadline-03-saved');

    // the call ended, the deadline is the call's record: no 修改 (the server refuses a move, cycles.test.ts)
    const cycle = (await send(page, 'GET', `/api/cycles/${id}`)).json;
    expect((await send(page, 'POST', `/api/cycles/${id}/transition`, { event: 'closeCollection', version: cycle.version })).status).toBe(200);
    await page.reload();
    await deadlineRow(page).getByText(formatDeadline(mine).at).waitFor();
    await settled(page);
    expect(await deadlineRow(page).getByRole('button', { name: '修改截止日期' }).count()).toBe(0);
    await screenshot(page, 'cycle-deadline-04-collection-ended');
  });
});
