/**
 * 创建评价 in the browser (issue 11): the demo 2024 round shows 岳阳市 评审中 and 浏阳市 不予受理 with its reason;
 * then the office opens a 2025 round, 岳麓区 applies (declares the four 不予受理情形, edits, submits), the office
 * returns it for correction, 岳麓区 resubmits, the office consults 省市场监督管理局, which answers, and the office
 * accepts — every step through the pages. On the way: the server's field errors show beside their inputs, and a
 * stale page's decision gets the server's 409 message and reloads.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, buttonNamed, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('evaluation.e2e');

suite('质量强市（县）创建评价：申请与受理审查（浏览器）', () => {
  let applicationUrl = '';
  const problems: string[] = [];

  /** signed in (the login page's session probe answers 401 by design): from here on, no error may show */
  const user = (username: string) => signIn(browser(), served().url, username, { landing: /\/todos$/, errors: problems });

  const openMenu = async (page: Page) => {
    await page.locator('[data-testid=side-menu] .ant-menu-item').filter({ hasText: '创建评价' }).click();
    await page.waitForURL((u) => u.pathname === '/evaluation');
  };
  const confirm = async (page: Page) => {
    await settled(page);
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  };

  it('演示 2024 批次：岳阳市评审中，浏阳市不予受理并写明理由', async () => {
    const page = await user('office');
    await openMenu(page);
    const round = page.getByTestId('round-2024');
    await round.waitFor();
    await expect(round.getByTestId('round-status').textContent()).resolves.toBe('已截止申请');
    const yueyang = round.locator('tr', { hasText: '岳阳市' });
    await expect(yueyang.getByTestId('application-status').textContent()).resolves.toBe('评审中');
    const liuyang = round.locator('tr', { hasText: '浏阳市' });
    await expect(liuyang.getByTestId('application-status').textContent()).resolves.toBe('不予受理');
    const refusal = (await liuyang.getByTestId('refusal').textContent()) ?? '';
    expect(refusal).toContain('近三年城市发生重大产品质量安全事故');
    expect(refusal).toContain('烟花爆竹产品重大质量安全事故');
    // where each 自评 stands: 长沙市 waits on the office's review, 衡阳市 has not begun; none before 受理
    await expect(round.locator('tr', { hasText: '长沙市' }).locator('[data-self]').textContent()).resolves.toBe('已提交');
    await expect(round.locator('tr', { hasText: '衡阳市' }).locator('[data-self]').textContent()).resolves.toBe('未开始');
    expect(await liuyang.locator('[data-self]').count()).toBe(0);
    await screenshot(page, 'evaluation-demo-round');

    // the refused application's page: the reason and 省市场监督管理局's finding
    await liuyang.getByRole('link', { name: '浏阳市' }).click();
    await page.waitForURL(/\/evaluation\/applications\/\d+$/);
    await expect(page.getByTestId('application-refusal').textContent()).resolves.toContain('理由：经征求省市场监督管理局意见');
    const consultation = page.getByTestId('application-consultations').locator('tr', { hasText: '省市场监督管理局' });
    await expect(consultation.getByTestId('finding').allTextContents()).resolves.toEqual(['情形1：存在']);
    // a decided application offers no decision any more
    expect(await page.getByTestId('application-accept').count()).toBe(0);
    await page.context().close();
  });

  it('质强办开启 2025 批次，岳麓区申请并提交', async () => {
    const office = await user('office');
    await openMenu(office);
    await office.getByRole('button', { name: /开启评价批次/ }).click();
    const modal = office.locator('.ant-modal').filter({ hasText: '评价年度' });
    await modal.waitFor();
    await settled(office);
    await modal.locator('#year').fill('2025');
    await modal.locator('#title').fill('2025年度质量强市（县）创建评价');
    await modal.getByRole('button', { name: buttonNamed('开启') }).click();
    const round = office.getByTestId('round-2025');
    await round.waitFor();
    await expect(round.getByTestId('round-status').textContent()).resolves.toBe('受理申请中');
    await office.context().close();

    const page = await user('yuelu');
    await openMenu(page);
    const open = page.getByTestId('round-2025');
    await open.getByRole('button', { name: '申请创建评价' }).waitFor();
    // the closed demo round is shown, without an application button
    await expect(page.getByTestId('round-2024').textContent()).resolves.toContain('本单位未申请，本批次已截止申请');
    expect(await page.getByRole('button', { name: '申请创建评价' }).count()).toBe(1);
    await open.getByRole('button', { name: '申请创建评价' }).click();
    const form = page.locator('.ant-modal').filter({ hasText: '不予受理情形' });
    await form.waitFor();
    await settled(page);
    // the four conditions with their text, 否 by default
    await form.getByTestId('condition-4').waitFor();
    await expect(form.getByTestId('condition-1').textContent()).resolves.toContain('近三年城市发生重大产品质量安全事故');
    await form.locator('#contactName').fill('李明');
    await form.locator('#contactPhone').fill('0731-88880000');
    await form.locator('#note').fill('岳麓区人民政府申请创建“质量强区”。');
    // choosing 是 shows the rule; back to 否
    await form.getByTestId('condition-2').locator('label.ant-radio-wrapper', { hasText: /^是$/ }).click();
    await form.getByTestId('condition-2').getByText('存在该情形的，按规范不予受理，不能申请创建评价。').waitFor();
    await form.getByTestId('condition-2').locator('label.ant-radio-wrapper', { hasText: /^否$/ }).click();
    expect(await form.getByText('存在该情形的，按规范不予受理，不能申请创建评价。').count()).toBe(0);
    for (let i = 0; i < 4; i++) await form.locator(`#conditions_${i}_statement`).fill('经区市场监管局等单位核实，近三年本区未发生该情形。');
    await screenshot(page, 'evaluation-apply-form');
    await form.getByRole('button', { name: buttonNamed('保存') }).click();
    await page.waitForURL(/\/evaluation\/applications\/\d+$/);
    applicationUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId('application-status').first().textContent()).resolves.toBe('草稿');

    // 编辑: the server's field problems show beside their inputs
    await page.getByTestId('application-edit').click();
    const edit = page.locator('.ant-modal').filter({ hasText: '修改创建评价申请' });
    await edit.waitFor();
    await settled(page);
    await expect(edit.locator('#contactName').inputValue()).resolves.toBe('李明');
    await edit.locator('#contactPhone').fill('电话待定');
    await edit.locator('.ant-modal-footer .ant-btn-primary').click();
    await edit.locator('.ant-form-item', { has: page.locator('#contactPhone') }).locator('.ant-form-item-explain-error').filter({ hasText: '联系电话须为7～20位数字（可含 - 与括号）' }).waitFor();
    await edit.locator('#contactPhone').fill('0731-88880001');
    await edit.getByTestId('condition-3').locator('label.ant-radio-wrapper', { hasText: /^是$/ }).click();
    await edit.locator('.ant-modal-footer .ant-btn-primary').click();
    await edit.getByTestId('condition-3').locator('.ant-form-item-explain-error').filter({ hasText: '存在该情形的不予受理' }).waitFor();
    await edit.getByTestId('condition-3').locator('label.ant-radio-wrapper', { hasText: /^否$/ }).click();
    await edit.locator('.ant-modal-footer .ant-btn-primary').click();
    await edit.waitFor({ state: 'detached' });
    await page.getByText('0731-88880001').waitFor();

    await page.getByTestId('application-submit').click();
    await confirm(page);
    await expect.poll(() => page.getByTestId('application-status').first().textContent()).toBe('受理审查中');
    expect(await page.getByTestId('application-edit').count()).toBe(0);
    await screenshot(page, 'evaluation-submitted');
    await page.context().close();
  });

  it('质强办征求省市场监管局意见，省市场监管局回复，质强办受理', async () => {
    expect(applicationUrl).toMatch(/^\/evaluation\/applications\/\d+$/);
    const office = await user('office');
    await openMenu(office);
    await office.getByTestId('round-2025').getByRole('link', { name: '岳麓区' }).click();
    await office.waitForURL((u) => u.pathname === applicationUrl);
    // 退回补正: too short a reason is refused beside the input; then the applicant sees the reason and resubmits
    await office.getByTestId('application-return').click();
    const back = office.locator('.ant-modal').filter({ hasText: '需要补正的内容' });
    await back.waitFor();
    await settled(office);
    await back.locator('#reason').fill('补充');
    await back.locator('.ant-modal-footer .ant-btn-primary').click();
    await back.locator('.ant-form-item-explain-error').filter({ hasText: '退回理由至少5个字' }).waitFor();
    await back.locator('#reason').fill('请补充近三年质量安全情况的核实材料。');
    await back.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => office.getByTestId('application-status').first().textContent()).toBe('草稿');
    const applicant = await user('yuelu');
    await applicant.goto(`${served().url}${applicationUrl}`);
    await expect(applicant.getByTestId('application-returned').textContent()).resolves.toContain('请补充近三年质量安全情况的核实材料。');
    await applicant.getByTestId('application-submit').click();
    await confirm(applicant);
    await expect.poll(() => applicant.getByTestId('application-status').first().textContent()).toBe('受理审查中');
    await applicant.context().close();
    await office.reload();

    await office.getByTestId('application-consult').click();
    const modal = office.locator('.ant-modal').filter({ hasText: '征求成员单位意见' });
    await modal.waitFor();
    await settled(office);
    await modal.locator('.ant-form-item', { hasText: '成员单位' }).locator('.ant-select-selector').first().click();
    await office.keyboard.type('市场监督');
    await office.locator('.ant-select-item-option').filter({ hasText: '省市场监督管理局' }).click();
    // and 省生态环境厅, which will not answer before the decision
    await office.keyboard.type('生态环境');
    await office.locator('.ant-select-item-option').filter({ hasText: '省生态环境厅' }).click();
    await modal.getByRole('button', { name: /发出征求意见/ }).click();
    const row = office.getByTestId('application-consultations').locator('tr', { hasText: '省市场监督管理局' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('待回复');
    await office.context().close();

    const samr = await user('samr');
    await openMenu(samr);
    const mine = samr.getByTestId('consultations').locator('tr', { hasText: '岳麓区' });
    await expect(mine.textContent()).resolves.toContain('待回复');
    await screenshot(samr, 'evaluation-department-list');
    await mine.getByRole('link', { name: '回复' }).click();
    await samr.waitForURL((u) => u.pathname === applicationUrl);
    const answer = samr.getByTestId('answer-form');
    const no = answer.locator('label.ant-radio-wrapper', { hasText: /^不存在$/ });
    await no.first().waitFor();
    await expect(no.count()).resolves.toBe(4);
    for (let i = 0; i < 4; i++) await no.nth(i).click();
    await answer.locator('#answer').fill('经核实，岳麓区近三年未发生上述情形。');
    await answer.getByRole('button', { name: buttonNamed('回复') }).click();
    await answer.waitFor({ state: 'detached' });
    const answered = samr.getByTestId('application-consultations').locator('tr', { hasText: '省市场监督管理局' });
    await expect(answered.textContent()).resolves.toContain('已回复');
    await samr.context().close();

    const again = await user('office');
    // a second page of the office opened before the decision: it will be stale
    const stale = await again.context().newPage();
    await stale.goto(`${served().url}${applicationUrl}`);
    await stale.getByTestId('application-refuse').waitFor();
    await again.goto(`${served().url}${applicationUrl}`);
    const done = again.getByTestId('application-consultations').locator('tr', { hasText: '省市场监督管理局' });
    await expect(done.textContent()).resolves.toContain('经核实，岳麓区近三年未发生上述情形。');
    await expect(done.getByTestId('finding').allTextContents()).resolves.toEqual(['情形1：不存在', '情形2：不存在', '情形3：不存在', '情形4：不存在']);
    // 省生态环境厅 has not answered: 受理 lists that and needs a written reason (checked in the dialog before sending)
    await again.getByTestId('application-accept').click();
    const accept = again.locator('.ant-modal').filter({ hasText: '受理理由（核实情况）' });
    await accept.waitFor();
    await settled(again);
    await expect(accept.getByTestId('accept-concerns').textContent()).resolves.toContain('省生态环境厅尚未回复征求意见');
    await accept.getByRole('button', { name: /仍予受理/ }).click();
    await accept.locator('.ant-form-item-explain-error').filter({ hasText: '请写明受理理由' }).waitFor();
    await accept.locator('#reason').fill('省生态环境厅逾期未回复；经查阅公开的环境质量通报，岳麓区近三年未出现重大污染环境问题。');
    await accept.getByRole('button', { name: /仍予受理/ }).click();
    await accept.waitFor({ state: 'detached' });
    await expect.poll(() => again.getByTestId('application-status').first().textContent()).toBe('已受理');
    // the page keeps what it was accepted over, with the reason; the unanswered question is closed
    const kept = (await again.getByTestId('application-accept-reason').textContent()) ?? '';
    expect(kept).toContain('省生态环境厅尚未回复征求意见');
    expect(kept).toContain('核实情况：省生态环境厅逾期未回复');
    await expect(again.getByTestId('application-consultations').locator('tr', { hasText: '省生态环境厅' }).textContent()).resolves.toContain('未回复（已作出受理决定）');
    expect(await again.getByTestId('application-consult').count()).toBe(0);
    await screenshot(again, 'evaluation-accepted');

    // the stale page tries 不予受理: the server's 409 message shows and the page reloads to 已受理
    await stale.getByTestId('application-refuse').click();
    const refuse = stale.locator('.ant-modal').filter({ hasText: '不予受理的理由' });
    await refuse.waitFor();
    await settled(stale);
    await refuse.locator('.ant-select-selector').click();
    await stale.locator('.ant-select-item-option').filter({ hasText: '情形1' }).click();
    await refuse.locator('#reason').fill('经核实存在重大产品质量安全事故，不予受理。');
    await refuse.getByRole('button', { name: /决定不予受理/ }).click();
    // the 409 names who accepted it and when (the accepting office's audit row)
    await stale.locator('.ant-message').getByText(/^该申请已由.+于\d{4}-\d{2}-\d{2} \d{2}:\d{2}受理，请刷新后查看$/).waitFor();
    await expect.poll(() => stale.getByTestId('application-status').first().textContent()).toBe('已受理');
    expect(await stale.getByTestId('application-refuse').count()).toBe(0);
    await again.context().close();
    // the only failed requests are the three invalid forms sent on purpose (two edits, one return)
    expect(problems.filter((p) => !/status of 400 \(Bad Request\)/.test(p))).toEqual([]);
    expect(problems).toHaveLength(3);
  });

  it('质强办维护专家库；已命名名录列出常德市', async () => {
    const before = problems.length;
    const page = await user('office');
    await openMenu(page);
    await page.getByTestId('evaluation-experts-link').click();
    await page.waitForURL((u) => u.pathname === '/evaluation/experts');
    await page.getByRole('cell', { name: '王建国' }).waitFor();
    await page.getByTestId('expert-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('周明');
    await dialog.getByLabel('工作单位', { exact: true }).fill('长沙理工大学');
    await dialog.getByLabel('专业领域').fill('工程质量');
    await dialog.locator('.ant-btn-primary').click();
    await page.getByRole('cell', { name: '周明' }).waitFor();
    await screenshot(page, 'evaluation-experts');
    await page.goto(`${served().url}/evaluation/register`);
    await page.getByRole('cell', { name: '常德市' }).waitFor();
    await expect(page.getByRole('row', { name: /常德市/ }).textContent()).resolves.toContain('湘质强发〔2023〕12号');
    await screenshot(page, 'evaluation-register');
    expect(problems.slice(before)).toEqual([]);
  });

  it('评价工作方案批准后，专家在方案页作出回避声明（无利害关系），随后可打开自己的评分表', async () => {
    const before = problems.length;
    const appId = Number(applicationUrl.split('/').pop());
    // the plan is written and approved through the office's session (its editor has its own browser test)
    const office = await user('office');
    const api = office.request;
    const csrf = ((await (await api.get(`${served().url}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const experts = ((await (await api.get(`${served().url}/api/evaluation-experts`)).json()) as { items: { id: number; name: string }[] }).items;
    const fw = (await (await api.get(`${served().url}/api/frameworks/db43-quality-city`)).json()) as { sections: { items: { code: string }[] }[] };
    const items = fw.sections.flatMap((sec) => sec.items.map((i) => i.code));
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const body = {
      version: null,
      notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸，按规范为合理缺项' }],
      method: 'mean',
      threshold: '0.3',
      schedule: { documentReviewStart: day(-1), documentReviewEnd: day(20), siteReviewStart: day(21), siteReviewEnd: day(23) },
      members: ['王建国', '李敏'].map((name, i) => ({ expertId: experts.find((e) => e.name === name)!.id, leader: i === 0, items })),
      // 5.2.a ranks among peers: a plan without them is not approved
      peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3 }, { code: '430103', name: '天心区', value: 5 }, { code: '430105', name: '开福区', value: 8 }] },
    };
    const saved = await api.put(`${served().url}/api/evaluation-applications/${appId}/plan`, { headers: { 'x-csrf-token': csrf }, data: body });
    expect(saved.status()).toBe(200);
    const plan = ((await saved.json()) as { plan: { version: number; problems: string[] } }).plan;
    expect(plan.problems).toEqual([]);
    expect((await api.post(`${served().url}/api/evaluation-applications/${appId}/plan/approve`, { headers: { 'x-csrf-token': csrf }, data: { version: plan.version } })).status()).toBe(200);
    await office.context().close();

    const expert = await user('expert');
    await expert.goto(`${served().url}${applicationUrl}`);
    expect(await expert.getByTestId('application-sheet-link').count()).toBe(0);
    await expert.getByTestId('application-plan-link').click();
    await expert.waitForURL((u) => u.pathname === `${applicationUrl}/plan`);
    const declare = expert.locator('[data-testid^="recusal-"]');
    await declare.first().waitFor();
    // only the signed-in expert's own row offers it
    expect(await declare.count()).toBe(1);
    await declare.click();
    const dialog = expert.getByRole('dialog', { name: '回避声明' });
    // the caret is on the dialog's first choice (useCaretOnOpen's groupRef): ←/→ choose, Tab goes on to the statement
    await expect.poll(() => expert.evaluate(() => document.activeElement?.closest('.ant-radio-wrapper')?.textContent)).toBe('无利害关系');
    await dialog.getByText('无利害关系', { exact: true }).click();
    await dialog.getByLabel('声明').fill('本人近三年未在岳麓区任职，未为其提供咨询服务，与其无利害关系。');
    await dialog.getByRole('button', { name: '提交声明' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => expert.locator('[data-testid^="recusal-"]').count()).toBe(0);
    await screenshot(expert, 'evaluation-recusal-declared');
    await expert.goto(`${served().url}${applicationUrl}`);
    await expert.getByTestId('application-sheet-link').waitFor();
    expect(problems.slice(before)).toEqual([]);
  });
});
