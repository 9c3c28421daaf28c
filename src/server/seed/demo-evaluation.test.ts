import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';

describe.each(testDialects())('the demo creation evaluation on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  it('has the 2024 round of 省质强办: 岳阳市 accepted after two departments found no condition, 浏阳市 refused on condition 1', async () => {
    const office = await login(t.app, 'office');
    const rounds = (await office.request('GET', '/api/evaluation-rounds')).json.items;
    expect(rounds.map((r: any) => [r.year, r.status, r.applications])).toEqual([[2024, 'closed', 2]]);
    const apps = (await office.request('GET', '/api/evaluation-applications')).json.items;
    expect(apps.map((a: any) => [a.applicant.name, a.status, a.refusal?.code ?? null, a.consultations.map((c: any) => c.department.name)])).toEqual([
      ['岳阳市', 'accepted', null, ['省应急管理厅', '省生态环境厅']],
      ['浏阳市', 'refused', 'I1', ['省市场监督管理局']],
    ]);
    // the applicant sees its own only; samr sees the one it was consulted on
    const yueyang = await login(t.app, 'yueyang');
    expect((await yueyang.request('GET', '/api/evaluation-applications')).json.items.map((a: any) => a.applicant.name)).toEqual(['岳阳市']);
    const samr = await login(t.app, 'samr');
    expect((await samr.request('GET', '/api/evaluation-applications')).json.items.map((a: any) => a.applicant.name)).toEqual(['浏阳市']);
    expect((await samr.request('GET', '/api/evaluation-consultations')).json.items[0]).toMatchObject({ status: 'answered', findings: [{ code: 'I1', applies: true }] });
  });

  it('gives the demo applications their 通知书 (marked 演示数据) and no 评价报告 before the review', async () => {
    const office = await login(t.app, 'office');
    const apps = (await office.request('GET', '/api/evaluation-applications')).json.items;
    for (const a of apps) {
      const r = await t.app.inject({ method: 'GET', url: `/api/evaluation-applications/${a.id}/decision.docx`, headers: { cookie: office.cookie } });
      expect(r.statusCode).toBe(200);
      const xml = await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      expect(text).toContain('演示数据');
      expect(text).toContain(a.status === 'refused' ? '不予受理通知书' : '受理通知书');
      expect(text).toContain(`${a.applicant.name}人民政府：`);
      expect(text).not.toContain('（演示数据）');
      const report = await t.app.inject({ method: 'GET', url: `/api/evaluation-applications/${a.id}/report.docx`, headers: { cookie: office.cookie } });
      expect(report.statusCode).toBe(409);
    }
    expect(apps).toHaveLength(2);
  });
});
