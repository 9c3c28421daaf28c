/** The demo 2024 reporting period: open now, three values of 制造业产品质量合格率, a 待办 for office, samr and yueyang. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';
import { chinaDate } from '../../shared/deadline';

describe.each(testDialects())('the demo plan-indicator reporting on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  const todos = async (username: string) =>
    (await (await login(t.app, username)).request('GET', '/api/todos')).json.items.filter((i: any) => i.kind?.startsWith('indicators.') ?? i.title.includes('规划指标')).map((i: any) => i.title);

  it('has the 2024 period of the province plan, open today, and four values as the workflow leaves them', async () => {
    const office = await login(t.app, 'office');
    const periods = (await office.request('GET', '/api/indicator-reporting/periods')).json.periods;
    // newest year first, each year's annual period before its quarters (on both databases)
    const province = periods.filter((x: any) => x.planTitle.includes('十四五')).map((x: any) => x.label);
    expect(province.slice(0, 5)).toEqual(['2024年度', '2023年度', '2023年第1季度', '2023年第2季度', '2023年第3季度']);
    const p = periods.find((x: any) => x.label === '2024年度' && x.planTitle.includes('十四五'));
    expect(p).toMatchObject({ window: 'open', lockDays: 15 });
    const today = chinaDate(new Date());
    expect(p.opensOn <= today && today <= p.closesOn).toBe(true);
    const rows = (await office.request('GET', `/api/indicator-reporting/periods/${p.id}/rows?scope=all`)).json.rows.filter((r: any) => r.value);
    expect(rows.map((r: any) => [r.indicator.name, r.unit.name, r.value.status, r.value.value])).toEqual([
      ['制造业产品质量合格率', '湖南省', 'submitted', 94.9],
      ['制造业产品质量合格率', '长沙市', 'reviewed', 94.6],
      ['制造业产品质量合格率', '衡阳市', 'submitted', 93.7],
      ['制造业产品质量合格率', '岳阳市', 'returned', 93.8],
    ]);
    expect(rows.every((r: any) => r.value.sourceDoc.includes('演示数据'))).toBe(true);
  });

  it('gives the office, a department and a city each a 待办', async () => {
    expect(await todos('office')).toContain('确认2024年度规划指标数据（1项已审核待确认）');
    // the province's figure, which samr reported, waits on the office's review, not on samr's
    expect(await todos('office')).toContain('审核2024年度规划指标数据（1项待审核）');
    expect(await todos('samr')).toEqual(expect.arrayContaining(['审核2024年度规划指标数据（1项待审核）', '填报2024年度规划指标数据（10项未提交）']));
    expect(await todos('yueyang')).toEqual(expect.arrayContaining(['修改退回的规划指标数据：制造业产品质量合格率（岳阳市，2024年度）', '填报2024年度规划指标数据（23项未提交）']));
  });

  it('a value returned after its period locked: 常德市’s 2023 第3季度 figure — the office has the 重新开放 to-do, 常德市 is told the office must reopen it', async () => {
    const office = await login(t.app, 'office');
    const reopen = (await office.request('GET', '/api/todos')).json.items.filter((i: any) => i.kind === 'indicators.reopen');
    expect(reopen).toHaveLength(1);
    expect(reopen[0]).toMatchObject({
      title: '重新开放退回的规划指标数据：制造业产品质量合格率（常德市，2023年第3季度）',
      detail: '2023年第3季度填报期已于2023-11-04锁定，需由质强办重新开放后才能修改退回的数据；退回意见：第3季度抽查批次与市统计季报不一致，请核对后重报（演示数据）',
    });
    expect(await todos('changde')).toContain('退回的规划指标数据需质强办重新开放：制造业产品质量合格率（常德市，2023年第3季度）');
    // the to-do opens the period's page on that value, listed as returned and open to 重新开放
    const period = (await office.request('GET', '/api/indicator-reporting/periods')).json.periods.find((p: any) => p.label === '2023年第3季度' && p.planTitle.includes('十四五'));
    const row = (await office.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows.find((r: any) => r.unit.name === '常德市' && r.value);
    expect(reopen[0].link).toBe(`/indicators-reporting/periods?period=${period.id}&value=${row.value.id}`);
    expect(row.value).toMatchObject({ status: 'returned', value: 93.9 });
    expect(row.abilities.reopen).toBe(true);
  });
});
