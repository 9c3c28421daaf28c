/**
 * The creation evaluation's review pages in the browser (issue 11), on the demo data: the expert account (王建国,
 * team leader) opens 岳阳市's sheet from the application its 待办 points to, scores criteria by mouse and keyboard,
 * one with a lost point whose 扣分理由 the server asks for beside the field, and sees the 质量分析报告 register beside
 * item 4.8; expert2 (李敏) sees the 综合评价 with
 * two experts' scores and 王建国 pending; the office sees the approved plan with its three members; 岳阳市 sees its
 * submitted 自评 read-only with the engine's total; the file 岳阳市 attached to item 1.1 of its 自评 is listed beside
 * the item on both, and the expert's sheet shows 岳阳市's 自评 (answer, score, 说明) under each criterion.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, buttonNamed, reloadStaying, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('evaluation-review.e2e');

suite('创建评价：评价工作方案、专家评分、综合评价与自评（浏览器）', () => {
  let appId: number;
  const errors: string[] = [];

  // a refused request (the 400 of a lost point without its reason) is the page's to show, not an error
  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/todos$/, errors, ignoreFailedRequests: true });

  /** wait until the element shows exactly `text` (the page re-renders after the server's answer) */
  const shows = async (page: Page, testId: string, text: string) => {
    await page.getByTestId(testId).filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor({ timeout: 5000 });
    await expect(page.getByTestId(testId).textContent()).resolves.toBe(text);
  };
  const saved = (page: Page, cell: string) => page.waitForResponse((r) => r.url().endsWith(`/sheet/${cell}`) && r.request().method() === 'PUT');

  it('组长专家从待办进入岳阳市的评分表，逐条评分，失分须写扣分理由', async () => {
    const page = await user('expert');
    const todos = (await (await page.request.get(`${served().url}/api/todos`)).json()) as { items: { title: string; link: string | null }[] };
    const todo = todos.items.find((t) => t.title.includes('岳阳市') && t.link?.startsWith('/evaluation/applications/'));
    expect(todo, JSON.stringify(todos.items.map((t) => t.title))).toBeDefined();
    appId = Number(/\/evaluation\/applications\/(\d+)/.exec(todo!.link!)![1]);
    await page.goto(`${served().url}/evaluation/applications/${appId}/sheet`);
    await page.getByTestId('page-title').filter({ hasText: '专家评分表' }).waitFor();
    await expect(page.getByText('评分专家：王建国').count()).resolves.toBe(1);

    // 1.2.a by mouse: 是 → full 10 points
    const a = page.getByTestId('criterion-1.2.a');
    let answer = saved(page, '1.2/a');
    await a.getByText('是', { exact: true }).click();
    expect((await answer).status()).toBe(200);
    await shows(page, 'score-1.2.a', '10分');

    // 1.2.b: 否 loses 10 points; the server's message shows beside the field until a reason is given
    const b = page.getByTestId('criterion-1.2.b');
    answer = saved(page, '1.2/b');
    await b.getByText('否', { exact: true }).click();
    expect((await answer).status()).toBe(400);
    await shows(page, 'error-1.2.b', '1.2.b失分10分，请填写扣分理由');
    await shows(page, 'score-1.2.b', '未评');
    answer = saved(page, '1.2/b');
    await b.getByLabel('1.2.b 理由', { exact: true }).fill('质量工作考核制度未见正式印发文件');
    await page.keyboard.press('Tab');
    expect((await answer).status()).toBe(200);
    await shows(page, 'score-1.2.b', '0分');
    await expect(page.getByTestId('error-1.2.b').count()).resolves.toBe(0);

    // 1.3.a by keyboard: the measured value (‰), Enter saves
    answer = saved(page, '1.3/a');
    await page.getByLabel('1.3.a 评分', { exact: true }).fill('1.2');
    await page.keyboard.press('Enter');
    expect((await answer).status()).toBe(200);
    await shows(page, 'score-1.3.a', '30分');
    await shows(page, 'item-score-1.2', '本项得分10/30分');
    await shows(page, 'item-score-1.3', '本项得分30/30分');
    await screenshot(page, 'evaluation-review-sheet');

    // beside 4.8 the 质量分析报告 register of 岳阳市's office: its two issued 2023 reports and what they support
    const evidence = page.getByTestId('item-evidence-4.8');
    await evidence.scrollIntoViewIfNeeded();
    await evidence.getByText('岳质强办发〔2023〕4号').waitFor();
    await evidence.getByText('岳质强办发〔2024〕1号').waitFor();
    await expect(page.getByTestId('item-evidence-hint-4.8').textContent()).resolves.toContain('2023年2次，满足「每年2次以上」');
    await screenshot(page, 'evaluation-review-sheet-4.8-evidence');
    // beside 1.1 the material 岳阳市 attached to that item of its 自评, to download
    const material = page.getByTestId('self-materials-1.1').getByRole('link', { name: /质量发展规划/ });
    await material.waitFor();
    await expect(material.getAttribute('href')).resolves.toMatch(/^\/api\/attachments\/\d+$/);
    await expect(page.getByTestId('self-materials-1.1').getByRole('button', { name: '上传资料' }).count()).resolves.toBe(0);
    // under each criterion 岳阳市's own 自评 of it, read-only: its answer as the 自评 page shows it, the score, its 说明
    await shows(page, 'self-1.2.a', '自评：是，得10分');
    const self11 = page.getByTestId('self-1.1.a');
    await expect(self11.textContent()).resolves.toMatch(/^自评：20分（结合本城市.*），得20分说明：《岳阳市"十四五"质量发展规划》已由市政府印发$/);
    await expect(self11.locator('input, textarea, .ant-select').count()).resolves.toBe(0);
    // 岳阳市 wrote a 说明 in each part of the sheet, from its programme: 4.4's 市长质量奖, 7.1's figure it scored down on
    await expect(page.getByTestId('self-4.4.a').textContent()).resolves.toContain('说明：设立岳阳市市长质量奖');
    await expect(page.getByTestId('self-7.1.a').textContent()).resolves.toMatch(/^自评：97%?.*，得9分说明：2023年大中型工程一次验收合格率97%/);
    await page.context().close();
  });

  it('专家李敏查看综合评价：两名专家的评分，王建国尚未提交；现场评审重新打开评分表，修改须写理由，记录现场问题', async () => {
    const page = await user('expert2');
    await page.goto(`${served().url}/evaluation/applications/${appId}/consolidation`);
    await page.getByTestId('pending-experts').waitFor();
    await shows(page, 'pending-experts', '尚未提交评分的专家：王建国');
    const headers = await page.locator('.ant-table-thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['李敏', '陈志强', '平均分', '极差']));
    expect(headers).not.toContain('王建国');
    await expect(page.locator('.ant-table-tbody tr.ant-table-row').count()).resolves.toBeGreaterThan(10);
    await screenshot(page, 'evaluation-review-consolidation');

    // on site 李敏 reopens her submitted sheet: a change now needs its reason and is kept in the revisions
    await page.goto(`${served().url}/evaluation/applications/${appId}/sheet`);
    await page.getByRole('button', { name: '重新打开（现场评审）', exact: true }).click();
    await settled(page);
    await page.locator('.ant-popconfirm').getByRole('button', { name: '重新打开', exact: true }).click();
    await page.getByText('现场评审：每次修改评分都须在理由栏写明修改理由', { exact: false }).waitFor();
    const a = page.getByTestId('criterion-1.2.a');
    let answer = saved(page, '1.2/a');
    await a.getByText('否', { exact: true }).click();
    expect((await answer).status()).toBe(400);
    await page.getByTestId('error-1.2.a').waitFor();
    answer = saved(page, '1.2/a');
    await a.getByLabel('1.2.a 理由', { exact: true }).fill('现场核查：联席会议制度未见正式文件');
    await page.keyboard.press('Tab');
    expect((await answer).status()).toBe(200);
    await shows(page, 'score-1.2.a', '0分');
    const revision = page.locator('tr', { hasText: '现场核查：联席会议制度未见正式文件' }).filter({ hasText: '1.2.a' });
    await revision.waitFor();
    await expect(revision.locator('td').allTextContents()).resolves.toEqual(expect.arrayContaining(['1.2.a', '是', '否']));

    // and records what the panel found
    await page.getByRole('button', { name: '记录现场问题', exact: true }).click();
    await settled(page);
    // the item is found by typing its number (50 items in the list)
    await page.locator('.ant-modal').getByLabel('所属项目（可不选，表示总体问题）').fill('1.2 ');
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal').getByLabel('发现的问题').fill('质量工作部门联席会议近两年未召开');
    await page.locator('.ant-modal').getByRole('button', { name: /记\s*录/ }).click();
    const found = page.locator('tr', { hasText: '质量工作部门联席会议近两年未召开' });
    await found.waitFor();
    await expect(found.locator('td').first().textContent()).resolves.toBe('1.2');
    await screenshot(page, 'evaluation-review-site');
    // read back on the next visit: the sheet fetches the findings where the application's links allow it
    await page.reload();
    await page.locator('tr', { hasText: '质量工作部门联席会议近两年未召开' }).waitFor();
    await page.context().close();
  });

  it('质强办查看已批准的评价工作方案：三名评价组成员；修订须写理由，新版本草稿再批准', async () => {
    const page = await user('office');
    await page.goto(`${served().url}/evaluation/applications/${appId}/plan`);
    await page.getByTestId('plan-status').waitFor();
    await expect(page.getByTestId('plan-status').textContent()).resolves.toMatch(/已批准$/);
    const rows = page.getByTestId('plan-members').locator('tr.ant-table-row');
    await expect(rows.count()).resolves.toBe(3);
    const text = (await rows.allTextContents()).join('|');
    for (const name of ['王建国', '李敏', '陈志强']) expect(text).toContain(name);
    await expect(rows.filter({ hasText: '王建国' }).getByText('组长').count()).resolves.toBe(1);
    await screenshot(page, 'evaluation-review-plan');

    // a revision is a new version with a reason: without one the server's message shows; with one, a draft to approve
    await page.getByRole('button', { name: '修订为新版本' }).click();
    await page.getByLabel('王建国 第1组', { exact: true }).waitFor();
    await expect(page.getByLabel('陈志强 第7组', { exact: true }).isChecked()).resolves.toBe(false);
    await page.getByTestId('save-plan').click();
    await page.getByRole('alert').filter({ hasText: '修订已批准的评价工作方案须写明理由' }).waitFor();
    await page.getByLabel('修订理由', { exact: true }).fill('现场评审日期确定，补充日程');
    await page.getByTestId('save-plan').click();
    await page.getByTestId('plan-status').filter({ hasText: '第2版 · 草稿' }).waitFor();
    // a change not yet saved: 批准 would approve the saved draft, not what the page shows, so it waits for 保存草稿
    await page.getByLabel('陈志强 第7组', { exact: true }).check();
    await page.getByTestId('plan-unsaved').filter({ hasText: '有未保存的修改，请先保存草稿再批准' }).waitFor();
    await expect(page.getByTestId('approve-plan').isDisabled()).resolves.toBe(true);
    // a reload with that change not saved asks first (the browser's 离开此网站？); staying keeps it
    // without the question the reload went through and the page showed the saved draft, the tick gone
    expect(await reloadStaying(page)).toEqual(['beforeunload']);
    await expect(page.getByLabel('陈志强 第7组', { exact: true }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: buttonNamed('放弃修改') }).click();
    await expect(page.getByTestId('plan-unsaved').count()).resolves.toBe(0);
    // nothing left to lose: a reload goes through without a question
    expect(await reloadStaying(page, 30_000)).toEqual([]);
    await page.getByTestId('plan-status').filter({ hasText: '第2版 · 草稿' }).waitFor();
    await page.getByTestId('approve-plan').click();
    await page.getByTestId('plan-status').filter({ hasText: '第2版 · 已批准' }).waitFor();
    await expect(page.getByText('现场评审日期确定，补充日程').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('岳阳市查看已提交的自评：总分与只读的评分', async () => {
    const page = await user('yueyang');
    await page.goto(`${served().url}/evaluation/applications/${appId}/self-assessment`);
    await page.getByTestId('self-total').waitFor();
    await expect(page.getByTestId('self-total').textContent()).resolves.toMatch(/\d/);
    await expect(page.getByRole('button', { name: '提交自评' }).count()).resolves.toBe(0);
    await expect(page.getByLabel('1.2.a 评分', { exact: true }).locator('input').first().isDisabled()).resolves.toBe(true);
    // its material on item 1.1 is listed, locked with the submitted 自评: no upload, no delete
    await page.getByTestId('self-materials-1.1').getByRole('link', { name: /质量发展规划/ }).waitFor();
    await expect(page.getByRole('button', { name: '上传资料' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^删除/ }).count()).resolves.toBe(0);
    await screenshot(page, 'evaluation-review-self');
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('质强办从待办打开长沙市已提交的自评，审查无误：待办消失，自评页写明由谁何时审查；再退回补正，页面写明已退回', async () => {
    const page = await user('office');
    const todoTitle = '审查长沙市（2024年度）提交的自评';
    await page.getByText(todoTitle).waitFor();
    await page.locator('.ant-list-item', { hasText: todoTitle }).getByRole('link', { name: /去办理/ }).click();
    await page.waitForURL((u) => /\/evaluation\/applications\/\d+\/self-assessment$/.test(u.pathname));
    // the count as antd states it (its title): while the digits scroll, the text holds the passing ones too
    const badge = async () => Number(await page.getByTestId('menu-badge-/todos').locator('.ant-badge-count').getAttribute('title'));
    const before = await badge();
    await page.getByTestId('self-check').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: buttonNamed('审查无误') }).click();
    await page.getByTestId('self-checked').filter({ hasText: '评价组织单位已审查自评（唐碧辉，' }).waitFor();
    await expect(page.getByTestId('self-check').count()).resolves.toBe(0);
    // 退回补正 stays open until an expert scores
    await expect(page.getByTestId('self-return').count()).resolves.toBe(1);
    // the side menu's to-do count follows without leaving the page
    await expect.poll(badge).toBe(before - 1);
    await screenshot(page, 'evaluation-self-checked');
    const todos = (await (await page.request.get(`${served().url}/api/todos`)).json()) as { items: { title: string }[] };
    expect(todos.items.map((t) => t.title)).not.toContain(todoTitle);
    // 退回补正: the 自评 is the applicant's draft again, so the office's page says it was returned and shows no more of it
    // (no refused file lists under every item)
    // nor asks the server for what it may no longer read (each refusal would be audited as 越权访问)
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await page.getByTestId('self-return').click();
    const back = page.locator('.ant-modal').filter({ hasText: '需要补正的内容' });
    await back.locator('textarea').fill('第 1.1 项自评满分，请附市政府印发质量发展规划的文件');
    await back.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('自评已退回补正：申请单位修改并重新提交后方可查看').waitFor();
    await expect(page.getByText('您无权查看该自评资料的附件').count()).resolves.toBe(0);
    await expect(page.getByTestId('self-total').count()).resolves.toBe(0);
    expect(refused).toEqual([]);
    await screenshot(page, 'evaluation-self-returned-office');
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('衡阳市填写自评：写完一条紧接着点下一条，两次保存先后送达，都保存（不当作其他窗口的修改退回）；先写说明后作答，说明随之保存', async () => {
    const page = await user('hengyang');
    await page.goto(`${served().url}/evaluation/applications/3/self-assessment`);
    await page.getByTestId('self-total').waitFor();
    // 1.3.a's save is slow to answer: 否 on 2.3.a is clicked while it is on its way
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/self-assessment/1.3/a', async (route) => {
      await held;
      await route.continue();
    });
    const puts: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'PUT' && r.url().includes('/self-assessment/')) puts.push(r.status());
    });
    await page.getByLabel('1.3.a 评分', { exact: true }).fill('0.8');
    await page.getByTestId('criterion-2.3.a').getByText('否', { exact: true }).click();
    await page.waitForTimeout(300);
    release();
    await shows(page, 'score-1.3.a', '20分');
    await shows(page, 'score-2.3.a', '0分');
    expect(puts).toEqual([200, 200]);
    await expect(page.getByTestId('error-2.3.a').count()).resolves.toBe(0);
    // a 说明 typed before the answer is kept with it, not dropped unsaid: the row says so until the answer is chosen
    await page.getByLabel('1.2.a 说明', { exact: true }).fill('已成立市质量强市工作领导小组');
    await page.keyboard.press('Tab');
    await shows(page, 'error-1.2.a', '说明尚未保存：请先选择或填写本条的评分，说明随评分一并保存');
    await page.getByTestId('criterion-1.2.a').getByText('是', { exact: true }).click();
    await shows(page, 'score-1.2.a', '10分');
    await expect(page.getByTestId('error-1.2.a').count()).resolves.toBe(0);
    // all are stored
    const stored = (await (await page.request.get(`${served().url}/api/evaluation-applications/3/self-assessment`)).json()) as { items: { code: string; criteria: { code: string; answer: unknown; note: string | null }[] }[] };
    const answer = (i: string, c: string) => stored.items.find((x) => x.code === i)!.criteria.find((x) => x.code === c)!.answer;
    expect([answer('1.3', 'a'), answer('2.3', 'a'), answer('1.2', 'a')]).toEqual([{ value: 0.8 }, false, true]);
    expect(stored.items.find((x) => x.code === '1.2')!.criteria.find((x) => x.code === 'a')!.note).toBe('已成立市质量强市工作领导小组');
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
