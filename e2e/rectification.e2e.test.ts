/**
 * 整改事项 in the browser (issue 13): the office turns 岳阳市's lost criteria of the published 2022 assessment into an
 * item from the results tab (「转为整改事项」), the city finds it in 整改事项, saves a draft and submits it; the office
 * sends the report back (退回) with a reason, the city finds it on its 待办, corrects and resubmits; it asks to close
 * the item (申请销号), the office accepts (销号); the item page links back to the assessment. 常德市's demo on-site finding
 * shows on its application with its item's state, and the item links back to the application. 湘西州 answers the demo's
 * 督办单 with the 逾期原因 its form then requires (the error beside the field when empty), and the office reads the reply
 * under the 督办单, as it reads the demo's reply on 常德市's on-site finding.
 */
import { expect, it } from 'vitest';
import { browserSuite, buttonNamed, screenshot, settled, signIn } from './harness';

const { suite, served, browser } = browserSuite('rectification.e2e');

suite('整改事项督办（浏览器）', () => {

  it('质强办从考核结果转为整改事项，岳阳市报送进展并申请销号，质强办销号', async () => {
    const office = await signIn(browser(), served().url, 'office');
    const cycles = (await (await office.request.get('/api/cycles')).json()) as { items?: { id: number; year: number }[] } | { id: number; year: number }[];
    const list = Array.isArray(cycles) ? cycles : (cycles.items ?? []);
    const c22 = list.find((c) => c.year === 2022)!;
    await office.goto(`/assessment/${c22.id}?tab=results`);
    const card = office.getByTestId('raise-from-result');
    await card.waitFor();
    // the demo's two items from the 2022 results are listed under the results
    await card.getByText('衡阳市').first().waitFor();
    const unit = card.getByRole('combobox', { name: '被考核单位' });
    await unit.click();
    await unit.fill('岳阳');
    await office.locator('.ant-select-item-option[title="岳阳市"]').click();
    await screenshot(office, 'rectification-unit-picked');
    const first = card.locator('.ant-table-tbody').first().locator('tr.ant-table-row').first();
    // a row's checkbox is named by the key point's one name, as the row shows it (选择7.a 产品质量安全保障), not 选择第7.a项
    const keyPoint = ((await first.locator('td').nth(1).textContent()) ?? '').split('：')[0];
    expect(keyPoint).toMatch(/^\d+\.[a-z] \S/);
    await card.getByRole('checkbox', { name: `选择${keyPoint}`, exact: true }).check();
    const due = card.getByRole('textbox', { name: '整改期限' }).or(card.locator('.ant-picker input'));
    await due.first().click();
    // half a year from today (China's day): a deadline must lie after today and within three years
    const dueOn = new Date(Date.now() + 183 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await due.first().fill(dueOn);
    await due.first().press('Enter');
    const raised = office.waitForResponse((r) => r.url().endsWith('/api/rectifications/from-assessment'));
    await card.getByRole('button', { name: '转为整改事项' }).click();
    expect((await raised).status()).toBe(201);
    await card.getByRole('cell', { name: '岳阳市', exact: true }).first().waitFor();
    await screenshot(office, 'rectification-raise-from-result');

    const city = await signIn(browser(), served().url, 'yueyang');
    await city.goto('/rectifications');
    // the 整改期限 reads as every page writes a day (2027-06-01, formatDate), on the list and the item; the 公文 style
    // 2027年6月1日 is for documents only
    const dueText = dueOn;
    await city.getByRole('cell', { name: dueText }).first().waitFor();
    const link = city.getByRole('link', { name: /2022年度考核第/ }).first();
    await link.click();
    await city.waitForURL(/\/rectifications\/\d+$/);
    const itemUrl = new URL(city.url()).pathname;
    await city.getByText(dueText, { exact: true }).first().waitFor();
    await city.getByRole('link', { name: /岳阳市/ }).first().waitFor();
    // 申请延期: once the request is in, the (hidden) dialog holds no date or reason for the next one (it kept both)
    await city.getByRole('button', { name: '申请延期' }).click();
    const ext = city.locator('.ant-modal').filter({ hasText: '延期理由' });
    const later = new Date(Date.now() + 240 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await ext.locator('#newDueOn').fill(later);
    await ext.locator('#newDueOn').press('Enter');
    await ext.locator('#reason').fill('整改方案须经市政府常务会议审议后印发。');
    await ext.getByRole('button', { name: /提\s*交/ }).click();
    await city.getByText(/延期申请 · /).waitFor();
    await expect(ext.locator('#reason').inputValue()).resolves.toBe('');
    await expect(ext.locator('#newDueOn').inputValue()).resolves.toBe('');
    // the office grants it (a pending request holds the closure back)
    await office.goto(itemUrl);
    const granted = office.waitForResponse((r) => r.url().endsWith('/extension-decision'));
    await office.getByRole('button', { name: '同意延期' }).click();
    expect((await granted).status()).toBe(200);
    await city.reload();
    // a draft first (saved, not yet seen by the office), then 报送
    await city.getByLabel('整改进度（%）').fill('60');
    await city.getByLabel('工作进展').fill('已制定整改方案并落实责任分工。');
    await city.getByLabel('下一步计划').fill('印发整改方案。');
    const drafted = city.waitForResponse((r) => r.url().endsWith('/report') && r.request().method() === 'PUT');
    await city.getByRole('button', { name: '保存草稿' }).click();
    expect((await drafted).status()).toBe(200);
    await city.getByText(/草稿，保存于/).waitFor();
    const reported = city.waitForResponse((r) => r.url().endsWith('/submit') && r.request().method() === 'POST');
    await city.getByRole('button', { name: buttonNamed('报送') }).click();
    expect((await reported).status()).toBe(200);
    await city.getByText(/进展60%/).waitFor();
    // the parts read as one sentence, each part's own 。 dropped ("……分工。；下一步" before)
    await city.getByText('已制定整改方案并落实责任分工；下一步：印发整改方案。').waitFor();

    // the office sends the report back with a reason
    await office.goto(itemUrl);
    await office.getByText(/进展60%/).waitFor();
    await office.getByRole('button', { name: buttonNamed('退回') }).click();
    await office.getByRole('textbox', { name: '退回理由' }).fill('未附整改方案印发文件，请补充后重新报送。');
    const returned = office.waitForResponse((r) => r.url().endsWith('/return'));
    await office.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    expect((await returned).status()).toBe(200);
    await office.getByText('已退回').first().waitFor();

    // the city finds it on its 待办, sees the reason above the form, corrects and resubmits
    await city.goto('/');
    await city.getByText(/整改进展被退回/).first().waitFor();
    await city.goto(itemUrl);
    await city.getByTestId('report-returned').getByText(/未附整改方案印发文件/).waitFor();
    await screenshot(city, 'rectification-report-returned');
    await city.getByLabel('工作进展').fill('已制定整改方案并落实责任分工，方案已印发（岳质强办〔2030〕1号）。');
    // the save goes through but the submit does not (the network drops): the page says so and holds the saved version,
    // so the next click sends it — it was refused 409 「已由您在其他窗口…」, saving again at the version it opened with
    await city.route(/\/reports\/\d+\/submit$/, (r) => r.abort(), { times: 1 });
    await city.getByRole('button', { name: '重新报送' }).click();
    await city.getByText('整改进展已保存，但未能报送：无法连接服务器，请检查网络后重试').waitFor();
    const resubmitted = city.waitForResponse((r) => r.url().endsWith('/submit') && r.request().method() === 'POST');
    await city.getByRole('button', { name: '重新报送' }).click();
    expect((await resubmitted).status()).toBe(200);
    await city.getByText(/方案已印发/).first().waitFor();
    expect(await city.getByTestId('report-returned').count()).toBe(0);
    // one report a month: the month's is in, so the form gives way to when the next may be written (申请销号 stays)
    await city.getByTestId('report-waits').getByText(/整改进展已报送；.+进展自.+起报送|各月进展均已报送/).waitFor();
    expect(await city.getByLabel('工作进展').count()).toBe(0);
    await city.getByRole('button', { name: '申请销号' }).click();
    await city.getByRole('textbox', { name: '整改完成情况' }).fill('整改措施已全部落实，相关制度已印发。');
    const asked = city.waitForResponse((r) => r.url().endsWith('/closure') && r.request().method() === 'POST');
    await city.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    expect((await asked).status()).toBe(201);
    await city.getByText('待销号').first().waitFor();
    await screenshot(city, 'rectification-city-closure');

    await office.goto(itemUrl);
    await office.getByText(/销号申请：整改措施已全部落实/).waitFor();
    const closed = office.waitForResponse((r) => r.url().endsWith('/closure-decision'));
    await office.getByRole('button', { name: buttonNamed('销号') }).click();
    await office.getByRole('button', { name: '确定销号' }).click();
    expect((await closed).status()).toBe(200);
    await office.getByText('已销号').first().waitFor();
    await settled(office);
    // the source links back to the assessment's results
    await office.getByRole('link', { name: /2022年度.*岳阳市/ }).click();
    await office.waitForURL(/\/assessment\/\d+\?tab=results$/);
    await screenshot(office, 'rectification-closed');
  });

  it('常德市的现场评审问题已转为整改事项：申请页列出问题及其状态，整改事项页链接回申请', async () => {
    const office = await signIn(browser(), served().url, 'office');
    const apps = (await (await office.request.get('/api/evaluation-applications')).json()) as { items: { id: number; applicant: { name: string } }[] };
    const changde = apps.items.find((a) => a.applicant.name === '常德市')!;
    await office.goto(`/evaluation/applications/${changde.id}`);
    const card = office.getByTestId('rectifications');
    await card.getByTestId('site-findings').getByText('抽查市消费者委员会2022年投诉台账').waitFor();
    await card.getByTestId('site-findings').getByText('待整改').waitFor();
    // its 整改期限 reads 2027-06-01, as on the 整改事项 pages and every other page, never 2027年6月1日
    await card.getByRole('cell', { name: /^\d{4}-\d{2}-\d{2}$/ }).first().waitFor();
    expect(await card.getByRole('cell', { name: /^\d{4}年\d{1,2}月\d{1,2}日$/ }).count()).toBe(0);
    const link = card.getByRole('link', { name: /现场评审问题（第10\.3项）/ });
    await link.scrollIntoViewIfNeeded();
    await screenshot(office, 'rectification-site-finding-application');
    await link.click();
    await office.waitForURL(/\/rectifications\/\d+$/);
    await office.getByText('创建评价现场评审问题').first().waitFor();
    // the source links back to the application
    await office.getByRole('link', { name: /创建评价（演示数据） · 现场评审问题（第10\.3项）/ }).click();
    await office.waitForURL((u) => u.pathname === `/evaluation/applications/${changde.id}`);
  });

  it('湘西州答复督办单：报送须写明逾期原因（不填时提示），质强办在督办单下看到回复；常德市现场评审问题的演示回复', async () => {
    const office = await signIn(browser(), served().url, 'office');
    const items = ((await (await office.request.get('/api/rectifications')).json()) as { items: { id: number; owner: { name: string }; source: { type: string } }[] }).items;
    const xx = items.find((x) => x.owner.name.startsWith('湘西'))!;
    const reason = '否决事项涉及多个县市，整改材料汇总核实耗时较长，未能按期报送。';
    const city = await signIn(browser(), served().url, 'xiangxi');
    await city.goto(`/rectifications/${xx.id}`);
    // the 督办单 asked why it is late: the form requires the 逾期原因, and says so beside the field when it is left empty
    const lateItem = city.getByTestId('report-form').locator('.ant-form-item').filter({ has: city.getByTestId('report-late-reason') });
    await lateItem.getByText(/^提出单位已就.+进展下发督办单，要求报送进展并说明逾期原因，必填$/).waitFor();
    await city.getByLabel('整改进度（%）').fill('35');
    await city.getByLabel('工作进展').fill('否决事项整改措施已逐项落实，正在组织验收。');
    await city.getByRole('button', { name: '保存草稿' }).click();
    await lateItem.locator('.ant-form-item-explain-error').getByText('请填写逾期原因').waitFor();
    await screenshot(city, 'rectification-late-reason-required');
    await city.getByTestId('report-late-reason').fill(reason);
    const reported = city.waitForResponse((r) => r.url().endsWith('/submit') && r.request().method() === 'POST');
    await city.getByRole('button', { name: buttonNamed('报送') }).click();
    expect((await reported).status()).toBe(200);
    await city.getByText(`逾期原因：${reason.replace(/。$/, '')}`, { exact: false }).first().waitFor();
    // the office reads the reply under the 督办单
    await office.goto(`/rectifications/${xx.id}`);
    await office.getByTestId('notice-reply').filter({ hasText: `逾期原因：${reason}` }).waitFor();
    await screenshot(office, 'rectification-late-reason-reply');
    // the demo: 常德市's on-site finding answered its 督办单 with a reason
    const cd = items.find((x) => x.source.type === 'evaluation_site')!;
    await office.goto(`/rectifications/${cd.id}`);
    await office.getByTestId('notice-reply').filter({ hasText: '逾期原因：方案涉及仲裁、责任保险两个部门' }).waitFor();
  });
});
