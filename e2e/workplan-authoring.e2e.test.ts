/**
 * A city office writes its own work plan in the browser (issue 13: "a city office the same for its own"):
 * 岳阳市质强办 creates its 2027 plan (a draft), adds a task with an empty form (the Chinese errors show beside the
 * fields), then with its lead and a cooperating unit, edits the draft's task (编辑: no reason asked, no version) and
 * publishes it; the task row shows its lead. Then the published task is edited: without a 修改原因 the server's
 * message shows beside the field, with one the change becomes version 2 in the task's 修改记录 (who, when, why,
 * what changed); an edit opened on a version someone else has since changed shows their version, keeps the
 * user's own change and saves it over theirs (version 4). Once the office leads the task itself — or the lead is cleared
 * in the form — the edit form names the latest 办理期限 the office may set (ownDeadlineLatest) beside the field.
 * 添加任务 and 编辑任务 open with the caret in the title (useCaretOnOpen).
 * Screenshots: test-results/workplan-authoring-01-draft … -06-own-deadline.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('workplan-authoring.e2e', {}, { now: () => new Date('2026-11-28T02:00:00Z') });

/** the field with the caret, and the title of the dialog it is in (null outside any) */
const caretIn = (page: Page) =>
  page.evaluate(() => ({ id: document.activeElement?.id ?? null, dialog: document.activeElement?.closest('.ant-modal')?.querySelector('.ant-modal-title')?.textContent ?? null }));

suite('工作要点：质强办编写本单位的年度工作要点（浏览器）', { timeout: 240_000 }, () => {
  const errors: string[] = [];
  let taskPath = '';

  it('岳阳市质强办 creates its 2027 plan, adds a task (empty fields refused beside them) and publishes it', async () => {
    const page = await signIn(browser(), served().url, 'yueyang.office', { landing: /\/todos$/, errors, ignoreFailedRequests: true });
    await page.goto(`${served().url}/workplan`);
    await page.getByTestId('plan-create').click();
    const create = page.locator('.ant-modal').filter({ hasText: '新建工作要点（草稿）' });
    // a year outside the range is said under the box, not clamped to 2000 unseen (yearRules, src/shared/years.ts)
    await create.locator('input#year').fill('1999');
    await create.locator('input#year').press('Tab');
    await create.locator('.ant-form-item-explain-error').filter({ hasText: '年度1999超出范围：年度须在2000至2100之间' }).waitFor();
    await expect(create.locator('input#year').inputValue()).resolves.toBe('1999');
    await create.locator('input#year').fill('2027');
    await create.locator('input#title').fill('岳阳市2027年质量强市工作要点');
    await create.getByRole('button', { name: /新\s*建/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已新建' }).first().waitFor();
    await page.getByTestId('task-add').click();
    const add = page.locator('.ant-modal').filter({ hasText: '添加任务：岳阳市2027年质量强市工作要点' });
    // the title, the first field, has the caret once the dialog has opened (useCaretOnOpen): typed without clicking it
    await expect.poll(() => caretIn(page)).toEqual({ id: 'title', dialog: '添加任务：岳阳市2027年质量强市工作要点' });
    await add.getByRole('button', { name: /添\s*加/ }).click();
    await add.locator('.ant-form-item-explain-error').filter({ hasText: '请填写任务标题' }).waitFor();
    await expect(add.locator('.ant-form-item-explain-error').filter({ hasText: '请至少指定一个承办单位' }).count()).resolves.toBe(1);
    await add.locator('input#title').fill('质量基础设施一站式服务');
    await add.locator('textarea#text').fill('推进质量基础设施“一站式”服务站点建设，年内覆盖全部县市区。');
    await add.locator('input#dueOn').fill('2027-12-31');
    await add.locator('input#dueOn').press('Enter');
    const pick = async (field: string, name: string) => {
      await add.locator('.ant-select', { has: page.locator(`#${field}`) }).click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${name}$`) }).first().click();
    };
    await pick('lead', '岳阳市');
    await pick('cooperating', '汨罗市');
    await add.getByRole('button', { name: /添\s*加/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已添加任务' }).first().waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: '质量基础设施一站式服务' });
    await expect(row.textContent()).resolves.toContain('岳阳市');
    await settled(page);
    await screenshot(page, 'workplan-authoring-01-draft');

    // the draft's task is edited freely: no 修改原因, no revision
    await row.getByRole('link', { name: '质量基础设施一站式服务' }).click();
    await page.waitForURL(/\/workplan\/tasks\/\d+$/);
    taskPath = new URL(page.url()).pathname;
    await page.getByTestId('task-edit').click();
    const edit = page.locator('.ant-modal').filter({ hasText: '编辑任务：第1项' });
    await edit.locator('input#title').waitFor();
    await expect(edit.locator('input#title').inputValue()).resolves.toBe('质量基础设施一站式服务');
    // the edit dialog too: the caret in its title once open, at the end of the text it shows
    await expect.poll(() => caretIn(page)).toEqual({ id: 'title', dialog: '编辑任务：第1项' });
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).selectionStart)).resolves.toBe('质量基础设施一站式服务'.length);
    await expect(edit.locator('textarea#reason').count()).resolves.toBe(0);
    await edit.locator('input#title').fill('质量基础设施“一站式”服务全覆盖');
    await edit.locator('input#part').fill('二');
    await edit.locator('input#partTitle').fill('夯实质量基础');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已修改' }).first().waitFor();
    await page.getByTestId('page-title').filter({ hasText: '第1项 质量基础设施“一站式”服务全覆盖' }).waitFor();
    await page.getByText('二、夯实质量基础').waitFor();
    await expect(page.getByTestId('task-revisions').count()).resolves.toBe(0);
    await page.goto(`${served().url}/workplan`);
    await page.locator('.ant-table-row').filter({ hasText: '质量基础设施“一站式”服务全覆盖' }).waitFor();
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已发布' }).first().waitFor();
    await expect(page.locator('.ant-tag').filter({ hasText: '已发布' }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'workplan-authoring-02-published');
    const plans = (await (await page.request.get(`${served().url}/api/work-plans`)).json()) as { items: { year: number; status: string; tasks: number }[] };
    expect(plans.items.find((p) => p.year === 2027)).toMatchObject({ status: 'published', tasks: 1 });
    expect(errors).toEqual([]);
  });

  it('the published task is edited with a 修改原因 into version 2, shown in its 修改记录', async () => {
    const page = await signIn(browser(), served().url, 'yueyang.office', { landing: /\/todos$/, errors, ignoreFailedRequests: true });
    await page.goto(`${served().url}${taskPath}`);
    await page.getByTestId('task-edit').click();
    const edit = page.locator('.ant-modal').filter({ hasText: '编辑任务：第1项' });
    await edit.locator('input#dueOn').waitFor();
    await settled(page);
    await edit.locator('input#dueOn').click();
    await edit.locator('input#dueOn').fill('2027-10-31');
    await edit.locator('input#dueOn').press('Enter');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    // the server's message beside the field: a published plan changes only with a reason
    await edit.locator('.ant-form-item-explain-error').filter({ hasText: '请填写修改理由' }).waitFor();
    await screenshot(page, 'workplan-authoring-03-reason-required');
    await edit.locator('textarea#reason').fill('市领导小组会议要求提前至十月完成');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已修改，记为新版本' }).first().waitFor();
    const history = page.getByTestId('task-revisions');
    await history.getByText('第2版 · 岳阳市质强办').waitFor();
    await history.getByText('修改原因：市领导小组会议要求提前至十月完成').waitFor();
    await expect(history.locator('.ant-table-row').filter({ hasText: '办理期限' }).textContent()).resolves.toBe('办理期限2027-12-312027-10-31');
    await page.getByText('2027-10-31').first().waitFor();
    await screenshot(page, 'workplan-authoring-04-revised');
    expect(errors).toEqual([]);
  });

  it('an edit opened on a version someone else has since changed: their version is shown, the own change kept and saved over it', async () => {
    const page = await signIn(browser(), served().url, 'yueyang.office', { landing: /\/todos$/, errors, ignoreFailedRequests: true });
    await page.goto(`${served().url}${taskPath}`);
    await page.getByTestId('task-edit').click();
    const edit = page.locator('.ant-modal').filter({ hasText: '编辑任务：第1项' });
    await edit.locator('input#title').waitFor();
    await settled(page);
    await edit.locator('input#title').fill('质量基础设施“一站式”服务站点全覆盖');
    await edit.locator('textarea#reason').fill('标题写明服务站点');
    // meanwhile a colleague moves the deadline (version 3)
    const other = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json();
      const task = await (await fetch(`/api/work-tasks/${id}`)).json();
      const r = await fetch(`/api/work-tasks/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ version: task.task.version, dueOn: '2027-11-30', reason: '同事调整办理期限' }),
      });
      return r.status;
    }, taskPath.split('/').pop());
    expect(other).toBe(200);
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    const conflict = edit.getByTestId('task-edit-conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('2027-11-30');
    await page.locator('.ant-message-notice').filter({ hasText: /^该任务已由.+修改，已载入最新内容/ }).first().waitFor();
    // the own change stays, the deadline the user left alone takes the colleague's
    await expect(edit.locator('input#title').inputValue()).resolves.toBe('质量基础设施“一站式”服务站点全覆盖');
    await expect(edit.locator('input#dueOn').inputValue()).resolves.toBe('2027-11-30');
    await screenshot(page, 'workplan-authoring-05-conflict');
    await edit.getByRole('button', { name: /仍然保存/ }).click();
    await page.locator('.ant-message-notice').filter({ hasText: '已修改，记为新版本' }).first().waitFor();
    const history = page.getByTestId('task-revisions');
    await history.getByText(/^第4版 · 岳阳市质强办/).waitFor();
    await expect(history.getByTestId('task-revision').count()).resolves.toBe(3);
    await expect(history.getByTestId('task-revision').first().locator('.ant-table-row').allTextContents()).resolves.toEqual(['任务标题质量基础设施“一站式”服务全覆盖质量基础设施“一站式”服务站点全覆盖']);
    const saved = (await (await page.request.get(`${served().url}/api/work-tasks/${taskPath.split('/').pop()}`)).json()) as { task: { title: string; dueOn: string } };
    expect(saved.task).toMatchObject({ title: '质量基础设施“一站式”服务站点全覆盖', dueOn: '2027-11-30' });
    expect(errors).toEqual([]);
  });

  it('the office’s own task: the edit form names the latest 办理期限 the office may set itself, before it tries', async () => {
    const page = await signIn(browser(), served().url, 'yueyang.office', { landing: /\/todos$/, errors, ignoreFailedRequests: true });
    await page.goto(`${served().url}${taskPath}`);
    // 岳阳市 leads (2027-11-30 in force): no bound in the form; clearing the lead in the form (the office then consolidates)
    // names the earliest deadline the task has had (2027-10-31, version 2) before the office tries, choosing a lead again drops it
    const form = page.locator('.ant-modal').filter({ hasText: '编辑任务：第1项' });
    const dueOnExtra = form.locator('.ant-form-item').filter({ has: page.locator('input#dueOn') }).locator('.ant-form-item-extra');
    const general = '须在2027年内；跨年完成的工作按年内阶段目标设定期限，确需顺延的由牵头单位申请延期';
    const leadSelect = form.locator('.ant-select', { has: page.locator('#lead') });
    // the rule's words above the form come and go with the bound, for the lead the form shows — from the first frame:
    // not once in the page (the form is kept in it, hidden) while the form opens and fills with 岳阳市
    const rule = form.getByTestId('task-edit-own-deadline');
    const watchRule = () =>
      page.evaluate(() => {
        const w = window as unknown as { ruleSeen: boolean; ruleWatch?: MutationObserver };
        const has = (n: Node) => n instanceof Element && (n.matches('[data-testid="task-edit-own-deadline"]') || n.querySelector('[data-testid="task-edit-own-deadline"]') !== null);
        w.ruleSeen = has(document.body);
        w.ruleWatch?.disconnect();
        w.ruleWatch = new MutationObserver((ms) => {
          if (ms.some((m) => [...m.addedNodes].some(has))) w.ruleSeen = true;
        });
        w.ruleWatch.observe(document.body, { childList: true, subtree: true });
      });
    const ruleSeen = () => page.evaluate(() => (window as unknown as { ruleSeen: boolean }).ruleSeen);
    const openEdit = async () => {
      await watchRule();
      await page.getByTestId('task-edit').click();
      await form.locator('input#title').waitFor();
      await settled(page);
      await expect(leadSelect.locator('.ant-select-selection-item').textContent()).resolves.toBe('岳阳市');
      await expect(dueOnExtra.textContent()).resolves.toBe(general);
      await expect(ruleSeen()).resolves.toBe(false);
    };
    const clearLead = async () => {
      await leadSelect.hover();
      await leadSelect.locator('.ant-select-clear').click();
      await dueOnExtra.filter({ hasText: '本办牵头（汇总）的任务，本办修改时最晚可设为2027-10-31，更晚须申请延期' }).waitFor();
      await rule.filter({ hasText: '本办牵头（汇总）的任务，办理期限不能由本办直接延后' }).waitFor();
    };
    await openEdit();
    await clearLead();
    // cancelled with the lead cleared, the form opens again on the task as stored: no rule for a frame either
    await form.getByRole('button', { name: /取\s*消/ }).click();
    await form.waitFor({ state: 'hidden' });
    await openEdit();
    await clearLead();
    await leadSelect.click();
    await page.keyboard.type('岳阳市');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^岳阳市$/ }).first().click();
    await dueOnExtra.filter({ hasText: general }).waitFor();
    await rule.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: /取\s*消/ }).click();
    // the office takes the lead, at the earliest deadline the task has had (2027-10-31, version 2): its own task
    const taken = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json();
      const now = await (await fetch(`/api/work-tasks/${id}`)).json();
      const units = [{ orgId: now.plan.issuerId, role: 'lead' }, ...now.task.units.filter((u: any) => u.org.id !== now.plan.issuerId).map((u: any) => ({ orgId: u.org.id, role: 'cooperating' }))];
      const r = await fetch(`/api/work-tasks/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ version: now.task.version, dueOn: '2027-10-31', units, reason: '改由本办牵头汇总' }),
      });
      return [r.status, (await r.json()).ownDeadlineLatest];
    }, taskPath.split('/').pop());
    expect(taken).toEqual([200, '2027-10-31']);
    await page.reload();
    await page.getByTestId('task-edit').click();
    const edit = page.locator('.ant-modal').filter({ hasText: '编辑任务：第1项' });
    await edit.getByTestId('task-edit-own-deadline').waitFor();
    const dueOn = edit.locator('.ant-form-item').filter({ has: page.locator('input#dueOn') });
    await expect(dueOn.locator('.ant-form-item-extra').textContent()).resolves.toBe('须在2027年内；本办牵头（汇总）的任务，本办修改时最晚可设为2027-10-31，更晚须申请延期');
    await settled(page);
    await screenshot(page, 'workplan-authoring-06-own-deadline');
    expect(errors).toEqual([]);
  });
});
