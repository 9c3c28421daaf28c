/**
 * The work plan in the browser (issue 13), on the demo's live 2026 plan of 岳阳市质强办 (src/server/seed/
 * demo-workplan-yueyang.ts), the rules' clock at the demo's day 2026-11-28. Task 5 “推动制造业高质量发展” has been
 * neither signed for nor reported (its first half-year was due 2026-07-10):
 *
 * 1. the city office issues a 催办 and then a 督办单 to 汨罗市 for it, and 汨罗市 finds the 督办单 on its 待办;
 * 2. 汨罗市 (cooperating) and 岳阳市 (lead) sign (签收) and report the half-year in the page — 汨罗市 its sub-report,
 *    answering the 督办单 with the 逾期原因 the form requires (refused beside the field when empty), 岳阳市 the
 *    consolidated report; the office reads 汨罗市's reply beside the 督办单 and its report;
 * 3. the office sends the consolidated report back: without a reason the Chinese error shows beside the field, with
 *    one the report is returned; 岳阳市 corrects it from its 待办 and submits again;
 * 4. 岳阳市 opens task 4 from its 逾期 to-do (past its deadline 2026-10-31) and asks an extension late: a date not after
 *    today is refused beside the date, a later one is filed as 逾期后申请; then it asks one of task 5, the office
 *    approves and the deadline moves (the original stays on record);
 * 5. 岳阳市 asks to close task 5 (办结), the office accepts (销号); a report after that is refused.
 *
 * Screenshots: test-results/workplan-01-plan … workplan-10-closed (workplan-05-returned-form: the 退回理由 atop the form).
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, buttonNamed, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('workplan.e2e', {}, { now: () => DEMO_DAY });

const DEMO_DAY = new Date('2026-11-28T02:00:00Z');
const TASK5 = '推动制造业高质量发展';
/** 汨罗市's reply to the 督办单 on task 5 */
const LATE_REASON = '任务分工到县后未及时签收，标杆企业名单待市工信局确认，未能按期报送。';

suite('工作要点督办：签收、报送、退回、延期、办结与催办督办（浏览器）', { timeout: 240_000 }, () => {
  let task5 = '';
  const errors: string[] = [];

  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/todos$/, errors, ignoreFailedRequests: true });
  const toast = (page: Page, text: string) => page.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor();
  const todos = async (page: Page) => ((await (await page.request.get(`${served().url}/api/todos`)).json()) as { items: { title: string; detail: string | null }[] }).items;
  const openTask = async (page: Page, path: string) => {
    await page.goto(`${served().url}${path}`);
    await page.getByTestId('page-title').waitFor();
  };
  const card = (page: Page, title: string | RegExp) => page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });
  const modal = (page: Page, title: string) => page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
  const ok = async (page: Page, m: ReturnType<typeof modal>) => {
    await settled(page);
    await m.getByRole('button', { name: /确\s*定|OK/ }).click();
  };
  const fieldError = (scope: ReturnType<Page['locator']>) => scope.locator('.ant-form-item-explain-error').first();
  /** the report form of the task page: period, progress, text (and the 逾期原因 a 督办单 asks for); saved, then submitted */
  const report = async (page: Page, periodLabel: string, progress: number, text: string, lateReason?: string) => {
    const form = page.getByTestId('report-form');
    await form.locator('.ant-select', { has: page.locator('#report-period') }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: periodLabel }).click();
    await form.locator('#progress').fill(String(progress));
    await form.locator('#text').fill(text);
    if (lateReason) await form.getByTestId('report-late-reason').fill(lateReason);
    await form.getByTestId('report-save').click();
    await toast(page, '已保存');
    await form.getByTestId('report-submit').click();
    await form.getByText('本期已报送').waitFor();
  };
  const signFor = async (page: Page) => {
    await page.getByTestId('page-header').getByRole('button', { name: /签\s*收/ }).click();
    await toast(page, '已签收');
    await expect.poll(() => page.getByTestId('page-header').getByRole('button', { name: /签\s*收/ }).count()).toBe(0);
  };

  it('质强办对逾期未报送的汨罗市催办并下发督办单；汨罗市在待办中看到督办单', async () => {
    const office = await user('yueyang.office');
    await office.locator('[data-testid=side-menu] .ant-menu-item').filter({ hasText: '工作要点督办' }).click();
    await office.waitForURL((u) => u.pathname === '/workplan');
    await office.getByText('岳阳市2026年质量强市工作要点（演示数据）').first().waitFor();
    await office.getByTestId('as-of').filter({ hasText: '2026-11-28' }).waitFor();
    await screenshot(office, 'workplan-01-plan');
    // the task × unit grid names a red as the task page does: 汨罗市's task 2 report is late, its deadline 2026-12-31 ahead
    await office.getByRole('tab', { name: '任务 × 单位' }).click();
    const grid = office.locator('.ant-tabs-tabpane-active');
    const miluoColumn = (await grid.locator('thead th').allTextContents()).indexOf('汨罗市');
    expect(miluoColumn).toBeGreaterThan(0);
    const task2Row = grid.locator('.ant-table-row').filter({ hasText: '2. 提升质量管理水平' });
    await expect(task2Row.locator('td').nth(miluoColumn).textContent()).resolves.toBe('报送逾期');
    await office.getByRole('tab', { name: '任务', exact: true }).click();
    await office.getByRole('link', { name: TASK5 }).first().click();
    await office.waitForURL(/\/workplan\/tasks\/\d+$/);
    task5 = new URL(office.url()).pathname;
    const row = card(office, '催办与督办').locator('.ant-table-row').filter({ hasText: '汨罗市' });
    await row.getByRole('button', { name: buttonNamed('催办') }).click();
    await toast(office, '已催办');
    await row.getByRole('button', { name: buttonNamed('督办单') }).click();
    // confirmed first, saying what it is about
    const confirm = office.locator('.ant-popconfirm').filter({ hasText: '向汨罗市下发督办单？' });
    await confirm.getByText(/2026年上半年进展应于2026-07-10前报送，现已逾期\d+天。督办单将要求其限期报送并说明逾期原因。/).waitFor();
    await confirm.getByRole('button', { name: /下\s*发/ }).click();
    await toast(office, '已下发督办单');
    await card(office, '催办与督办').locator('.ant-alert').filter({ hasText: '督办单 · 汨罗市' }).waitFor();
    await screenshot(office, 'workplan-02-order');
    await office.context().close();

    const miluo = await user('miluo');
    const item = (await todos(miluo)).find((x) => x.title === `报送第5项“${TASK5}”2026年上半年进展`);
    expect(item?.detail).toBe('质强办已就2026年上半年进展下发督办单，请即报送并填写逾期原因（至少5个字），说明未按期报送的原因');
    const li = miluo.locator('[data-testid=todo-item]').filter({ hasText: `报送第5项“${TASK5}”2026年上半年进展` });
    await li.getByText('质强办已就2026年上半年进展下发督办单，请即报送并填写逾期原因（至少5个字），说明未按期报送的原因').waitFor();
    await screenshot(miluo, 'workplan-03-todo-order');
    await miluo.context().close();
  });

  it('配合单位汨罗市与牵头单位岳阳市签收并报送上半年进展', async () => {
    const miluo = await user('miluo');
    await openTask(miluo, task5);
    await signFor(miluo);
    await card(miluo, '报送本单位进展（分报告）').waitFor();
    // opened without a period, the form is on the half-year 汨罗市 owes (past its date), not on the next one
    await expect.poll(() => miluo.getByTestId('report-form').locator('.ant-select-selection-item').first().textContent()).toContain('2026年上半年');
    // another period with an edit not yet saved: asked first, and 取消 keeps the period and the text
    const form = miluo.getByTestId('report-form');
    await form.locator('#text').fill('汨罗市已遴选标杆企业');
    await form.locator('.ant-select', { has: miluo.locator('#report-period') }).click();
    await miluo.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '2026年下半年' }).click();
    const unsaved = miluo.locator('.ant-modal-confirm').filter({ hasText: '2026年上半年进展的修改尚未保存' });
    await unsaved.getByText('切换报送期次将放弃这些修改。要保留，请取消，先「保存」再切换。').waitFor();
    await settled(miluo);
    await unsaved.getByRole('button', { name: /取\s*消/ }).click();
    await expect.poll(() => form.locator('.ant-select-selection-item').first().textContent()).toContain('2026年上半年');
    await expect(form.locator('#text').inputValue()).resolves.toBe('汨罗市已遴选标杆企业');
    // the 督办单 asked why it is late: the form requires the 逾期原因, and says so beside the field when it is left empty
    const lateItem = form.locator('.ant-form-item').filter({ has: miluo.getByTestId('report-late-reason') });
    await lateItem.getByText('质强办已就2026年上半年进展下发督办单，要求报送进展并说明逾期原因，必填').waitFor();
    await form.locator('#progress').fill('40');
    await form.getByTestId('report-save').click();
    await expect(fieldError(lateItem).textContent()).resolves.toBe('请填写逾期原因');
    await screenshot(miluo, 'workplan-03b-late-reason-required');
    await report(miluo, '2026年上半年', 40, '汨罗市已制定制造业卓越质量工程实施方案，遴选 12 家企业开展质量标杆培育。', LATE_REASON);
    // 报送 after 保存 with nothing changed submits the saved report: no second 保存 (a version and an audit row of nothing)
    const db = served().db.db;
    const sub = await db.selectFrom('work_task_report').innerJoin('org_unit', 'org_unit.id', 'work_task_report.org_id').select(['work_task_report.id', 'work_task_report.version']).where('org_unit.name', '=', '汨罗市').where('period', '=', '2026-H1').where('task_id', '=', Number(task5.split('/').pop())).executeTakeFirstOrThrow();
    const saves = await db.selectFrom('audit_log').select('id').where('action', '=', 'taskReport.save').where('entity_type', '=', 'work_task_report').where('entity_id', '=', String(sub.id)).execute();
    expect(saves).toHaveLength(1);
    await miluo.context().close();

    const yueyang = await user('yueyang');
    await openTask(yueyang, task5);
    await signFor(yueyang);
    // the lead sees the cooperating unit's sub-report before writing the consolidated one
    await card(yueyang, '进展报告').locator('.ant-table-row').filter({ hasText: '汨罗市' }).waitFor();
    await card(yueyang, '报送汇总报告（可参阅下方各配合单位的分报告）').waitFor();
    await report(yueyang, '2026年上半年', 45, '汇总汨罗市分报告：制造业卓越质量工程已启动。');
    await screenshot(yueyang, 'workplan-04-reported');
    await yueyang.context().close();
  });

  it('质强办退回汇总报告（不写理由时提示），岳阳市修改后重新报送', async () => {
    const office = await user('yueyang.office');
    await openTask(office, task5);
    // 汨罗市's reply to the 督办单: its 逾期原因 under the 督办单, and marked on its report
    await card(office, '催办与督办').getByTestId('notice-reply').filter({ hasText: `逾期原因：${LATE_REASON}` }).waitFor();
    await card(office, '进展报告').locator('.ant-table-row').filter({ hasText: '汨罗市' }).getByText('已说明逾期原因').waitFor();
    await screenshot(office, 'workplan-04b-late-reason-reply');
    const row = card(office, '进展报告').locator('.ant-table-row').filter({ hasText: '汇总' });
    await row.getByRole('button', { name: /退\s*回/ }).click();
    const m = modal(office, '退回岳阳市的2026年上半年进展');
    await m.waitFor();
    await ok(office, m);
    await expect(fieldError(m).textContent()).resolves.toBe('请填写退回理由');
    await screenshot(office, 'workplan-05-return-no-reason');
    await m.locator('textarea').fill('请补充 12 家标杆培育企业的名单和省级以上质量奖申报情况');
    await ok(office, m);
    // the toast says what was done, not a bare "已提交"
    await toast(office, '已退回岳阳市的2026年上半年进展');
    await row.getByText('已退回').waitFor();
    await office.context().close();

    const yueyang = await user('yueyang');
    const title = `修改后重新报送第5项“${TASK5}”2026年上半年进展（汇总报告）`;
    const li = yueyang.locator('[data-testid=todo-item]').filter({ hasText: title });
    await li.getByText('退回理由：请补充 12 家标杆培育企业的名单').waitFor();
    await li.getByRole('link', { name: /去办理/ }).click();
    await yueyang.waitForURL((u) => u.pathname === task5);
    // the 退回理由 heads the form, where the correction starts; the page says 已退回 with it, not 尚未报送
    await yueyang.getByTestId('report-returned').getByText('退回理由：请补充 12 家标杆培育企业的名单').waitFor();
    await expect(yueyang.getByText('尚未报送', { exact: true }).count()).resolves.toBe(0);
    await yueyang.getByText('2026年上半年进展已退回（退回理由：请补充 12 家标杆培育企业的名单和省级以上质量奖申报情况），待重新报送').waitFor();
    await screenshot(yueyang, 'workplan-05-returned-form');
    // saved, then corrected again and sent with 报送 straight away: what the form shows is what is sent (报送 had sent
    // the saved text and put it back in the form, the correction lost without a word)
    const form = yueyang.getByTestId('report-form');
    await form.locator('#text').fill('汇总汨罗市分报告：制造业卓越质量工程已启动。');
    await form.getByTestId('report-save').click();
    await toast(yueyang, '已保存');
    const corrected = '汇总汨罗市分报告：制造业卓越质量工程已启动，12 家标杆培育企业名单见附表，其中 3 家申报省长质量奖。';
    await form.locator('#text').fill(corrected);
    await form.getByTestId('report-submit').click();
    await toast(yueyang, '已修改并重新报送');
    await form.getByText('本期已报送').waitFor();
    await expect(form.locator('#text').inputValue()).resolves.toBe(corrected);
    const sent = ((await (await yueyang.request.get(`${served().url}/api${task5.replace('/workplan/tasks', '/work-tasks')}`)).json()) as { reports: { period: string; text: string; status: string; org: { name: string } }[] }).reports;
    expect(sent.find((r) => r.period === '2026-H1' && r.org.name === '岳阳市')).toMatchObject({ status: 'submitted', text: corrected });
    await screenshot(yueyang, 'workplan-06-resubmitted');
    await yueyang.context().close();
  });

  it('岳阳市申请延期：从逾期待办打开第4项逾期申请延期，第5项经质强办同意', async () => {
    const yueyang = await user('yueyang');
    await yueyang.goto(`${served().url}/workplan`);
    // 本单位承办 lists this plan's tasks only: the province's 13 had joined 岳阳市's, each 序号 twice
    await yueyang.getByRole('tab', { name: /本单位承办/ }).click();
    const numbers = await yueyang.locator('.ant-tabs-tabpane-active .ant-table-row td:first-child').allTextContents();
    expect(numbers.length).toBeGreaterThan(0);
    expect(new Set(numbers).size).toBe(numbers.length);
    // task 4 is past its deadline without 销号: an 逾期 to-do of its lead, which opens the task
    await yueyang.goto(`${served().url}/todos`);
    await yueyang.locator('[data-testid=todo-item]').filter({ hasText: '任务已逾期28天：第4项“加强产品质量安全监管”' }).getByRole('link', { name: /去办理/ }).click();
    await yueyang.waitForURL(/\/workplan\/tasks\/\d+$/);
    const ask = async (dueOn: string, reason: string) => {
      await yueyang.getByTestId('page-header').getByRole('button', { name: '申请延期' }).click();
      const m = modal(yueyang, '申请延期');
      await m.waitFor();
      await settled(yueyang);
      // the date, the first field, has the caret once the dialog has opened (useCaretOnOpen), its calendar still shut
      await expect.poll(() => yueyang.evaluate(() => document.activeElement?.id)).toBe('newDueOn');
      expect(await yueyang.locator('.ant-picker-dropdown:visible').count()).toBe(0);
      await m.locator('#newDueOn').fill(dueOn);
      await m.locator('#newDueOn').press('Enter');
      await m.locator('#reason').fill(reason);
      await ok(yueyang, m);
      return m;
    };
    const refused = await ask('2026-11-28', '年度抽查批次尚差 60 批，需延至明年一月完成');
    await refused.getByText('现行期限2026-10-31已过（逾期28天）：仍可申请延期，请写明逾期原因和延期理由；获批后是否逾期仍按所误的期限2026-10-31判定，原期限留档。').waitFor();
    // the server's refusal, beside the date; wait for it by its text: pressing Enter in the date field can validate
    // the form before the reason is typed, so '请填写延期理由' may have been shown first (seen in CI)
    await refused.locator('.ant-form-item-explain-error', { hasText: '办理期限2026-10-31已过，延期后的日期须晚于今天2026-11-28' }).waitFor();
    await screenshot(yueyang, 'workplan-07-extension-refused');
    await refused.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await ask('2027-01-31', '第四季度抽样机构调整，年度抽查批次尚差 60 批，需延至明年一月完成');
    await toast(yueyang, '已提交延期申请');
    await card(yueyang, '延期与办结').getByText('岳阳市逾期后申请延期：2026-10-31 → 2027-01-31（待审批）').waitFor();

    await openTask(yueyang, task5);
    await ask('2027-02-28', '汨罗市标杆企业的现场评审安排在明年二月');
    await toast(yueyang, '已提交延期申请');
    await card(yueyang, '延期与办结').getByText('岳阳市申请延期：2026-12-31 → 2027-02-28（待审批）').waitFor();
    await yueyang.context().close();

    const office = await user('yueyang.office');
    await office.locator('[data-testid=todo-item]').filter({ hasText: `审批延期申请：第5项“${TASK5}”` }).getByRole('link', { name: /去办理/ }).click();
    await office.waitForURL((u) => u.pathname === task5);
    await card(office, '延期与办结').getByRole('button', { name: buttonNamed('同意') }).click();
    const m = modal(office, '同意延期');
    await m.waitFor();
    await ok(office, m);
    await card(office, '延期与办结').getByText('岳阳市申请延期：2026-12-31 → 2027-02-28（已同意）').waitFor();
    await office.getByText('2027-02-28（已延期，原期限2026-12-31）').waitFor();
    await screenshot(office, 'workplan-08-extension-approved');
    await office.context().close();
  });

  it('岳阳市申请办结，质强办销号；销号后不能再报送', async () => {
    const yueyang = await user('yueyang');
    await openTask(yueyang, task5);
    await yueyang.getByTestId('page-header').getByRole('button', { name: '申请办结' }).click();
    const m = modal(yueyang, '申请办结');
    await m.waitFor();
    // below 100% the request is allowed, with a word of caution first
    await m.getByTestId('ask-warning').getByText(/^当前进度\d+%，尚未达到100%：请确认任务确已完成，并在办结情况中写明。$/).waitFor();
    // the 办结情况 has the caret once the dialog has opened (useCaretOnOpen): typed without clicking it
    await expect.poll(() => yueyang.evaluate(() => document.activeElement?.tagName === 'TEXTAREA' && document.activeElement.closest('.ant-modal') !== null)).toBe(true);
    await yueyang.keyboard.type('制造业卓越质量工程已全面实施，标杆培育企业名单已公布，任务完成。');
    await expect(m.locator('textarea').inputValue()).resolves.toBe('制造业卓越质量工程已全面实施，标杆培育企业名单已公布，任务完成。');
    await ok(yueyang, m);
    await toast(yueyang, '已申请办结');
    await yueyang.getByTestId('page-header').getByText('待销号').waitFor();
    await screenshot(yueyang, 'workplan-09-closure-asked');
    await yueyang.context().close();

    const office = await user('yueyang.office');
    await office.locator('[data-testid=todo-item]').filter({ hasText: `审核办结申请：第5项“${TASK5}”` }).getByRole('link', { name: /去办理/ }).click();
    await office.waitForURL((u) => u.pathname === task5);
    await card(office, '延期与办结').getByRole('button', { name: /销\s*号/ }).click();
    // one click does not close a task: the office confirms
    await office.getByRole('button', { name: '确定销号' }).click();
    await toast(office, '已销号');
    await office.getByTestId('page-header').getByText('已销号').waitFor();
    await screenshot(office, 'workplan-10-closed');
    await office.context().close();

    // the report form is gone; a report sent anyway is refused in Chinese, nothing saved
    const miluo = await user('miluo');
    await openTask(miluo, task5);
    await expect(miluo.getByTestId('report-form').count()).resolves.toBe(0);
    const id = task5.split('/').pop();
    const refused = await miluo.evaluate(async (taskId) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch(`/api/work-tasks/${taskId}/reports/2026-H2`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ version: 0, progress: 100, text: '销号后补报的进展' }),
      });
      return { status: r.status, message: (await r.json()).message };
    }, id);
    expect(refused).toEqual({ status: 409, message: '该任务已销号，不能再报送进展' });
    await miluo.context().close();
    expect(errors).toEqual([]);
  });

  it('省领导（只读）下载落实情况通报：不提供文号输入框（文号由发文的质强办登记，填了也被拒绝）', async () => {
    const leader = await signIn(browser(), served().url, 'leader', { errors, ignoreFailedRequests: true }); // lands on 驾驶舱
    await leader.goto(`${served().url}/workplan`);
    await leader.getByText('湖南省质量强省 2023 年工作要点（已发布）').first().waitFor();
    const download = leader.getByTestId('notice-docx');
    await download.waitFor();
    await expect(leader.getByTestId('notice-doc-no').count()).resolves.toBe(0);
    const [file] = await Promise.all([leader.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^2023年工作要点落实情况通报（2023年下半年）\.docx$/);
    await leader.context().close();
    expect(errors).toEqual([]);
  });
});
