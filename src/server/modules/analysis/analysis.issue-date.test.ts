/**
 * A half-year's quality analysis report is issued once that half-year has ended, judged on the request's clock: on
 * 2026-03-01 the 2026 上半年 report was issued (it analysed a half-year not yet two months old). Before the end the
 * issue is a 409 saying from which day it may be issued, and the page is told it may not issue yet; an 印发日期
 * before the end is a 400 on the field; from the day after the end it is issued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('issuing an analysis report after its half-year, on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-03-01T02:00:00Z');
  let office: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    office = await login(t.app, 'office');
  });
  afterAll(() => t.close());

  /** the office's draft of the half-year, its 存在问题与下一步工作 written so that only the date can stand in the way */
  const written = async (period: string) => {
    const made = await office.request('POST', '/api/analysis-reports', { period });
    expect(made.status, period).toBe(201);
    const r = await office.request('PUT', `/api/analysis-reports/${made.json.id}/sections/outlook`, { version: made.json.version, text: '下一步：督促滞后指标整改。' });
    expect(r.status).toBe(200);
    return r.json;
  };
  const issue = (r: any, docNo: string, issuedOn: string) => office.request('POST', `/api/analysis-reports/${r.id}/issue`, { version: r.version, docNo, issuedOn });

  it('on 2026-03-01 the 2026 上半年 report is not issued: a 409 naming the day from which it may be, and no 印发 offered', async () => {
    const r = await written('2026-H1');
    expect(r.abilities).toEqual({ edit: true, issue: false });
    const refused = await issue(r, '湘质强办发〔2026〕5号', '2026-03-01');
    expect([refused.status, refused.json.message]).toEqual([409, '2026年上半年至2026-06-30结束，其质量分析报告自2026-07-01起方可印发']);
    expect(refused.json.fields).toEqual([{ field: 'issuedOn', message: '自2026-07-01起方可印发' }]);
    expect((await office.request('GET', `/api/analysis-reports/${r.id}`)).json).toMatchObject({ status: 'draft', docNo: null });
    // the number was not taken by the refused issue
    const numbers = await t.db.db.selectFrom('doc_number').selectAll().execute();
    expect(JSON.stringify(numbers)).not.toContain('〔2026〕5号');
  });

  it('an ended half-year: an 印发日期 before its end is a 400 on the field; a day after it is issued', async () => {
    const r = await written('2025-H2');
    expect(r.abilities).toEqual({ edit: true, issue: true });
    const early = await issue(r, '湘质强办发〔2026〕6号', '2025-12-20');
    expect([early.status, early.json.message]).toEqual([400, '印发日期不能早于2026-01-01：2025年下半年至2025-12-31结束，其质量分析报告在结束后印发']);
    expect(early.json.fields).toEqual([{ field: 'issuedOn', message: '不早于2026-01-01' }]);
    const ok = await issue(r, '湘质强办发〔2026〕6号', '2026-01-05');
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'issued', issuedOn: '2026-01-05' });
  });

  it('from 2026-07-01 (the day after the half-year) the 2026 上半年 report is issued', async () => {
    now = new Date('2026-07-01T02:00:00Z');
    const item = (await office.request('GET', '/api/analysis-reports')).json.items.find((x: any) => x.period === '2026-H1' && x.region.name === '湖南省');
    const r = (await office.request('GET', `/api/analysis-reports/${item.id}`)).json;
    expect(r.abilities).toEqual({ edit: true, issue: true });
    const ok = await issue(r, '湘质强办发〔2026〕7号', '2026-07-01');
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'issued', issuedOn: '2026-07-01' });
  });
});
