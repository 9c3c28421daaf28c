/**
 * 待办 in the browser (issue 10): the office's home shows the outstanding-declarations to-do of the demo
 * 2023 cycle, with its deadline from the shared formatter, a link that opens the declarations tab, and the
 * side menu's badges; the department sees the office's 催办 on its to-do.
 */
import { expect, it } from 'vitest';
import { browserSuite, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('todos.e2e');

suite('待办驱动工作（浏览器）', () => {

  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/todos$/ });

  it('质强办首页：18 份申报未报送的待办，截止时间与逾期天数，链接打开申报页，菜单显示待办数', async () => {
    const page = await user('office');
    const item = page.locator('[data-testid=todo-item][data-kind="declaration.outstanding"]');
    await item.waitFor();
    await expect(item.locator('.ant-list-item-meta-title').textContent()).resolves.toBe('2023年度考核指标申报：18个成员单位未报送（共18个）');
    const deadline = (await item.getByTestId('deadline').textContent()) ?? '';
    expect(deadline).toMatch(/^截止：2023年7月10日 24:00已逾期\d+天$/);
    // no 办结 button beside 去办理: the to-do closes itself when the declarations are in
    await expect(item.getByRole('button', { name: /办结/ }).count()).resolves.toBe(0);
    // the badges: ten open to-dos in all (the declarations, reviewing the province's plan-indicator figure that samr
    // reported, confirming the demo's reviewed one, reopening 常德市's 2023 第3季度 figure returned after its period
    // locked, the demo's lagging binding indicator, issuing the last ended half-year's 质量分析报告, 衡阳市's extension
    // request on its 整改事项, 衡阳市's accepted creation evaluation: its plan, and 长沙市's: its plan and its submitted
    // 自评 to review), one of them 年度考核's. The 2024 peer table they rank against lacks only 岳阳市's own count, left
    // to 岳阳市's evaluation group, so no 填写同级比较表 to-do waits on the office
    await expect(page.getByTestId('menu-badge-/todos').textContent()).resolves.toBe('10');
    await expect(page.getByTestId('menu-badge-/assessment').textContent()).resolves.toBe('1');
    await screenshot(page, 'todos-office-home');

    await item.getByRole('link', { name: /去办理/ }).click();
    await page.waitForURL(/\/assessment\/\d+\?tab=declarations$/);
    await page.getByRole('tab', { name: '指标征集与申报', selected: true }).waitFor();
    // the declaration list shows each department's deadline from the same formatter, the reopened ones' new date
    const samrRow = page.locator('tr', { hasText: '省市场监督管理局' });
    await expect(samrRow.getByTestId('deadline').textContent()).resolves.toMatch(/^\d+年?\d+月\d+日 24:00剩\d+天$/);
    const ndrcRemind = page.getByTestId('remind-ndrc');
    await ndrcRemind.click();
    await settled(page);
    const answered = page.waitForResponse((r) => r.url().endsWith('/remind') && r.request().method() === 'POST');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await answered).status()).toBe(200);
    await page.getByText(/已催办省发展改革委（第1次/).waitFor();

    // a declaration past its due date and not reopened is locked: no 催办 (the department could not act on it), 重新开放 instead
    const education = page.locator('tr', { hasText: '省教育厅' });
    await education.getByRole('button', { name: '重新开放' }).waitFor();
    expect(await page.getByTestId('remind-education').count()).toBe(0);
    // reminded moments ago, a department shows how often and offers no 催办 for 10 minutes (the command would refuse a
    // second one: its to-do would say 2 次 for one): 省发展改革委 just now, 省市场监督管理局 by the demo seed
    for (const code of ['ndrc', 'samr']) {
      await expect(page.getByTestId(`reminded-${code}`).textContent()).resolves.toBe('已催办1次');
      expect(await page.getByTestId(`remind-${code}`).count()).toBe(0);
    }
    // nor can either be ticked for 批量催办 (nothing else waits on them in a batch)
    for (const name of ['省发展改革委', '省市场监督管理局']) expect(await page.locator('tr', { hasText: name }).locator('.ant-checkbox-input').isDisabled()).toBe(true);
    // 重新开放 for 省发展改革委, reopened already: the dialog says until when and offers a week beyond it (it offered a week
    // from today, and 重新开放 cut the two months left to a week without a word)
    const ndrcUntil = (
      await served()
        .db.db.selectFrom('declaration')
        .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
        .select('declaration.reopened_until')
        .where('org_unit.code', '=', 'ndrc')
        .where('declaration.reopened_until', 'is not', null)
        .executeTakeFirstOrThrow()
    ).reopened_until!;
    await page.locator('tr', { hasText: '省发展改革委' }).getByRole('button', { name: '重新开放' }).click();
    const reopen = page.locator('.ant-modal').filter({ hasText: '为省发展改革委重新开放申报' });
    await reopen.waitFor();
    await settled(page);
    await expect(reopen.getByTestId('reopen-runs-until').textContent()).resolves.toContain(`该单位的申报已重新开放至${ndrcUntil}（含当日）`);
    const weekLater = new Date(Date.parse(`${ndrcUntil}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await expect(reopen.getByLabel('开放至（含当日）').inputValue()).resolves.toBe(weekLater);
    await reopen.getByRole('button', { name: /取\s*消/ }).click();
    await page.context().close();
  });

  it('成员单位首页：重新开放后的截止日期和质强办的催办', async () => {
    const page = await user('ndrc');
    const item = page.locator('[data-testid=todo-item][data-kind="declaration.fill"]');
    await item.waitFor();
    await expect(item.locator('.ant-list-item-meta-title').textContent()).resolves.toMatch(/^2023年度考核指标申报已为本单位重新开放，请于(\d{4}年)?\d+月\d+日 24:00前提交$/);
    // the office's 催办 above, counted once (the 批量催办 moments later did not remind it again)
    await expect(item.textContent()).resolves.toMatch(/质强办已催办1次，最近\d+月\d+日 \d{2}:\d{2}/);
    await expect(item.getByTestId('deadline').textContent()).resolves.toMatch(/剩\d+天$/);
    await screenshot(page, 'todos-department-home');
    await page.context().close();

    // 省市场监管局's prefilled form lists every problem left before submitting (nine), not the first eight and "……"
    const samr = await user('samr');
    await samr.locator('[data-testid=todo-item][data-kind="declaration.fill"]').getByRole('link', { name: /去办理/ }).click();
    const problems = samr.getByTestId('declaration-problems');
    await problems.waitFor();
    const count = Number(/提交前还需修改(\d+)处/.exec((await samr.getByText(/提交前还需修改\d+处/).textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThan(8);
    await expect(problems.locator('li').count()).resolves.toBe(count);
    // typed and left at once for another page (the autosave waits a second): saved on the way out, not dropped
    const url = samr.url();
    const basis = samr.getByPlaceholder('文件名称，如《质量强省建设纲要》').first();
    await basis.fill('《湖南省质量强省建设纲要》（离开前输入）');
    await samr.getByTestId('menu-badge-/todos').click();
    await samr.waitForURL(/\/todos$/);
    await samr.goto(url);
    await expect.poll(async () => samr.getByPlaceholder('文件名称，如《质量强省建设纲要》').first().inputValue()).toBe('《湖南省质量强省建设纲要》（离开前输入）');
    // a row added and left empty keeps the draft from saving: the form says so, naming the row and field, and lists it
    await samr.getByRole('button', { name: '新增一条考核指标' }).click();
    const unsaved = samr.getByText(/^本次修改尚未保存：第\d+条指标 /);
    await unsaved.waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await screenshot(samr, 'todos-declaration-unsaved-debug');
      throw e;
    });
    const row = /第(\d+)条指标/.exec((await unsaved.textContent()) ?? '')![1];
    await expect(problems.locator('li').filter({ hasText: `第${row}条指标 ` }).count()).resolves.toBeGreaterThan(0);
    // named as the row's card is titled
    await samr.locator('.ant-card-head-title').filter({ hasText: `第${row}条指标` }).first().waitFor();
    await samr.context().close();
  });

  /** a department submits its (reopened, prefilled) declaration of the 2023 cycle through the API of its session */
  async function submitOwnDeclaration(username: string): Promise<void> {
    const page = await user(username);
    const get = async <T>(url: string) => (await (await page.request.get(`${served().url}${url}`)).json()) as T;
    const me = await get<{ csrfToken: string }>('/api/auth/me');
    // the province's 2023 cycle (the first opened; 岳阳市质强办's own 2023 cycle invites no departments)
    const cycle = (await get<{ items: { id: number; year: number }[] }>('/api/cycles')).items.filter((c) => c.year === 2023).sort((a, b) => a.id - b.id)[0];
    const { id } = (await get<{ items: { id: number }[] }>(`/api/cycles/${cycle.id}/declarations`)).items[0];
    type Content = { indicators: { points: number; criteria: unknown[]; basis: string }[]; bonuses: { basis: string }[] };
    const draft = await get<{ version: number; content: Content }>(`/api/declarations/${id}`);
    // the prefilled rows lack their criteria and basis: one criterion worth the key point's points, one basis each
    const content = {
      indicators: draft.content.indicators.map((r) => ({ ...r, criteria: [{ text: '有部署、有落实', points: r.points }], basis: '《湖南省质量强省工作要点》' })),
      bonuses: draft.content.bonuses.map((b) => ({ ...b, basis: '《湖南省质量强省工作要点》' })),
    };
    const headers = { 'x-csrf-token': me.csrfToken };
    const saved = await page.request.put(`${served().url}/api/declarations/${id}`, { data: { content, version: draft.version }, headers });
    expect(saved.status(), `${username} saves: ${await saved.text()}`).toBe(200);
    const { version } = (await saved.json()) as { version: number };
    const r = await page.request.post(`${served().url}/api/declarations/${id}/transition`, { data: { event: 'submit', version }, headers });
    expect(r.status(), `${username} submits: ${await r.text()}`).toBe(200);
    await page.context().close();
  }

  it('批量退回：两份已提交的申报表，每份须填写原因（可同一理由填入全部），逐份退回并告知结果', async () => {
    await submitOwnDeclaration('samr');
    await submitOwnDeclaration('ndrc');
    const page = await user('office');
    await page.locator('[data-testid=todo-item][data-kind="declaration.outstanding"]').getByRole('link', { name: /去办理/ }).click();
    await page.getByRole('tab', { name: '指标征集与申报', selected: true }).waitFor();
    for (const name of ['省市场监督管理局', '省发展改革委']) await page.locator('tr', { hasText: name }).locator('.ant-checkbox-input').check();
    await page.getByTestId('batch-return').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '批量退回2份申报表' });
    await modal.waitFor();
    await settled(page);
    // no reason yet: refused in the dialog, naming the rows without one; nothing is sent
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await modal.getByText('还有2份未填写退回原因：').waitFor();
    // one reason for all, then a row of its own
    await modal.getByTestId('batch-return-common').fill('请按通知要求补充指标依据');
    await modal.getByTestId('batch-return-fill').click();
    await modal.getByTestId('batch-return-reason-ndrc').fill('第 2 条指标分值超过上年，请压减或说明理由');
    const returned: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/transition')) returned.push(req.postData() ?? '');
    });
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await page.getByText('已退回2个成员单位').waitFor();
    expect(returned.map((b) => (JSON.parse(b) as { event: string; reason: string }).reason).sort()).toEqual(['第 2 条指标分值超过上年，请压减或说明理由', '请按通知要求补充指标依据']);
    for (const name of ['省市场监督管理局', '省发展改革委']) await page.locator('tr', { hasText: name }).getByText('已退回').waitFor();
    await screenshot(page, 'todos-batch-return');
    await page.context().close();

    // each department sees its own reason on its to-do
    const ndrc = await user('ndrc');
    await ndrc.getByText(/第 2 条指标分值超过上年/).first().waitFor();
    await ndrc.context().close();
  });
});
