/**
 * The quality analysis report (质量分析报告, DB43 4.8) through the API on the demo data, with a controllable clock:
 * the demo's issued province report and the register; the province office creates its 2024 上半年 draft
 * assembled from the platform's data; a section's text saved with its version (stale → 409); a refresh keeps the
 * text; issuing freezes it (文号, date); another office is refused (403); the .docx carries the text, the tables
 * and the charts; the office's to-do closes itself when the report is issued; bad input is a Chinese 400.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { analysisEvidence } from './analysis.evidence';

describe.each(testDialects())('quality analysis report on %s', (dialect) => {
  let t: TestApp;
  const now = new Date('2024-08-01T02:00:00Z');
  let office: Client;
  let yueyang: Client;
  let leader: Client;
  let report: any;
  const todos = async (c: Client) => ((await c.request('GET', '/api/todos')).json.items as any[]).filter((i) => i.kind === 'analysis.issue');
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    [office, yueyang, leader] = await Promise.all(['office', 'yueyang.office', 'leader'].map((u) => login(t.app, u)));
  });
  afterAll(() => t.close());

  it('the demo: the province issued 2023 下半年 (文号), 岳阳市 has a 2024 上半年 draft; the register shows who issued', async () => {
    const list = (await office.request('GET', '/api/analysis-reports')).json;
    const prov = list.items.find((r: any) => r.period === '2023-H2' && r.region.name === '湖南省');
    expect(prov).toMatchObject({ status: 'issued', statusLabel: '已印发', docNo: '湘质强办发〔2024〕3号', issuedOn: '2024-01-26', region: { name: '湖南省' } });
    expect(list.items.find((r: any) => r.period === '2024-H1' && r.region.name === '岳阳市')).toMatchObject({ status: 'draft' });
    expect(list.abilities.create).toBe(true);
    const reg = (await office.request('GET', '/api/analysis-reports/register')).json;
    expect(reg.periods.map((p: any) => p.code)).toEqual(['2023-H1', '2023-H2', '2024-H1']);
    expect(reg.rows).toHaveLength(15);
    expect(reg.rows[0].region.name).toBe('湖南省');
    expect(reg.rows[0].cells[1]).toMatchObject({ period: '2023-H2', status: 'issued', docNo: '湘质强办发〔2024〕3号', late: false });
    const yy = reg.rows.find((r: any) => r.region.name === '岳阳市');
    expect(yy.cells.map((c: any) => [c.status, c.docNo, c.late])).toEqual([
      ['issued', '岳质强办发〔2023〕4号', false],
      ['issued', '岳质强办发〔2024〕1号', false],
      ['draft', null, true],
    ]);
    expect(reg.issued).toBe(3);
    // 岳阳市 has a plan of its own (no confirmed values yet): its report says so and shows the province's for comparison
    const yyDraft = list.items.find((r: any) => r.period === '2024-H1' && r.region.name === '岳阳市');
    const indicators = (await office.request('GET', `/api/analysis-reports/${yyDraft.id}`)).json.sections.find((s: any) => s.key === 'indicators');
    expect(indicators.data.summary).toContain('岳阳市自定规划尚无经确认的数据，以上为湖南省规划的监测情况，供对照');
    expect(indicators.data.summary).not.toContain('尚无自定规划');
    // a report knows the data of the day it was taken: 岳阳市's 2023 上半年 (taken 2023-07-10) shows no 2023 value,
    // which the demo accepts in March 2024; its 2023 下半年 (taken January 2024) neither, the 2024 上半年 draft does
    const yearsShown = async (period: string) => {
      const r = list.items.find((x: any) => x.period === period && x.region.name === '岳阳市');
      const rows = (await office.request('GET', `/api/analysis-reports/${r.id}`)).json.sections.find((x: any) => x.key === 'indicators').data.tables[0].rows as string[][];
      return new Set(rows.filter((x) => !x[4].startsWith('名录计数')).map((x) => /（(\d{4})）$/.exec(x[4])?.[1]).filter(Boolean));
    };
    expect(await yearsShown('2023-H1')).not.toContain('2023');
    expect([...(await yearsShown('2023-H1'))].length).toBeGreaterThan(0);
    expect(await yearsShown('2024-H1')).toContain('2023');
    // issued reports carry the office's own problems and next steps, never the placeholder
    for (const r of list.items.filter((x: any) => x.status === 'issued')) {
      const outlook = (await office.request('GET', `/api/analysis-reports/${r.id}`)).json.sections.find((s: any) => s.key === 'outlook');
      expect(outlook.text, `${r.region.name} ${r.period}`).not.toBe('');
    }
    // a city office sees its own row only; the leader sees all
    const own = (await yueyang.request('GET', '/api/analysis-reports/register')).json;
    expect(own.rows.map((r: any) => r.region.name)).toEqual(['岳阳市']);
    expect((await yueyang.request('GET', '/api/analysis-reports')).json.items.map((r: any) => [r.region.name, r.period, r.editable])).toEqual([
      ['岳阳市', '2024-H1', true],
      ['岳阳市', '2023-H2', false],
      ['岳阳市', '2023-H1', false],
    ]);
    // the province's office reads 岳阳市's draft but does not edit it: the list offers 查看, not 编辑
    expect(list.items.find((r: any) => r.period === '2024-H1' && r.region.name === '岳阳市').editable).toBe(false);
    expect((await leader.request('GET', '/api/analysis-reports')).json.items.every((r: any) => r.editable === false)).toBe(true);
    expect((await leader.request('GET', '/api/analysis-reports/register')).json.rows).toHaveLength(15);
    // the demo report's sections come from the platform's data and keep the office's text
    const v = (await office.request('GET', `/api/analysis-reports/${prov.id}`)).json;
    expect(v.title).toBe('湖南省2023年下半年质量分析报告');
    expect(v.abilities).toEqual({ edit: false, issue: false });
    expect(v.sections.find((s: any) => s.key === 'outlook').text).toContain('专项督导');
    const wp: string = v.sections.find((s: any) => s.key === 'workplan').data.summary;
    expect(wp).toMatch(/13项任务，已办结\d+项，正常\d+项，预警\d+项，逾期\d+项/);
    // each red task is named with what its red is called (a late report alone: 报送逾期), as on the plan's page
    expect((wp.match(/第\d+项“[^”]+”（(报送逾期|逾期)）/g) ?? []).length).toBe(Number(/逾期(\d+)项/.exec(wp)![1]));
  });

  it('leaders read issued reports only: a draft (岳阳市 2024 上半年) is neither listed, opened, downloaded nor on their register', async () => {
    const draft = (await yueyang.request('GET', '/api/analysis-reports')).json.items.find((r: any) => r.status === 'draft');
    expect(draft).toMatchObject({ period: '2024-H1', region: { name: '岳阳市' } });
    const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'leader').executeTakeFirstOrThrow();
    await t.db.db.insertInto('app_user').values({ ...row, username: 'analysis.yyleader', display_name: '岳阳市领导', org_unit_id: await orgId(t.db, '430600') }).execute();
    const cityLeader = await login(t.app, 'analysis.yyleader');
    for (const [who, c] of [['leader', leader], ['岳阳市领导', cityLeader]] as const) {
      const items = (await c.request('GET', '/api/analysis-reports')).json.items as any[];
      expect(items.length, who).toBeGreaterThan(0);
      expect(items.every((r) => r.status === 'issued'), who).toBe(true);
      const hidden = await c.request('GET', `/api/analysis-reports/${draft.id}`);
      expect([hidden.status, hidden.json.message], who).toEqual([404, `质量分析报告${draft.id}不存在`]);
      const docx = await t.app.inject({ method: 'GET', url: `/api/analysis-reports/${draft.id}/report.docx`, headers: { cookie: c.cookie } });
      expect(docx.statusCode, who).toBe(404);
      // on the register 岳阳市's 2024 上半年 is not issued: nothing to open (the office's own register shows its draft)
      const yy = (await c.request('GET', '/api/analysis-reports/register')).json.rows.find((r: any) => r.region.name === '岳阳市');
      expect(yy.cells.map((x: any) => [x.status, x.reportId === null]), who).toEqual([
        ['issued', false],
        ['issued', false],
        ['none', true],
      ]);
      // the issued ones still open
      expect((await c.request('GET', `/api/analysis-reports/${items.find((r) => r.region.name === '岳阳市').id}`)).status, who).toBe(200);
    }
    // the drafting office, and the province's office, still read the draft
    expect((await yueyang.request('GET', `/api/analysis-reports/${draft.id}`)).status).toBe(200);
    expect((await office.request('GET', `/api/analysis-reports/${draft.id}`)).status).toBe(200);
  });

  it('DB43 4.8: the scorer sees the applicant office’s issued reports of the evaluation period beside the item, and what they support', async () => {
    const apps = (await office.request('GET', '/api/evaluation-applications')).json.items;
    const yy = apps.find((a: any) => a.applicant.name === '岳阳市');
    // the team leader's sheet (2024 round: the evaluation period is 2023—2024): 岳阳市's two 2023 reports; its 2024 上半年
    // draft and the province's own 2023 下半年 report do not count
    const sheet = (await (await login(t.app, 'expert')).request('GET', `/api/evaluation-applications/${yy.id}/sheet`)).json;
    expect(sheet.evidence).toHaveLength(1);
    const e = sheet.evidence[0];
    expect(e.itemCode).toBe('4.8');
    expect(e.title).toContain('评价期2023—2024年');
    expect(e.rows).toEqual([
      { label: '2023年上半年质量分析报告', docNo: '岳质强办发〔2023〕4号', date: '2023-07-25' },
      { label: '2023年下半年质量分析报告', docNo: '岳质强办发〔2024〕1号', date: '2024-01-25' },
    ]);
    expect(e.hint).toBe('评价期（2023—2024年）内印发2次：2023年2次，满足「每年2次以上」；2024年（评价当年）已印发0次；另有2024年上半年报告尚未印发，不计入。');
    // the scoring rules are untouched: 4.8 keeps its three yes/no criteria and 20 points
    expect(sheet.items.find((i: any) => i.code === '4.8')).toMatchObject({ points: '20', criteria: [{ code: 'a', points: '10' }, { code: 'b', points: '5' }, { code: 'c', points: '5' }] });
    // the organiser sees the same beside the 综合评价; the applicant does not get it
    expect((await office.request('GET', `/api/evaluation-applications/${yy.id}/consolidation`)).json.evidence).toEqual([e]);
    // 常德市 (2023 round, evaluation period 2022—2023) has no issued report: nothing in the register, said so
    const cd = apps.find((a: any) => a.applicant.name === '常德市');
    const ce = (await office.request('GET', `/api/evaluation-applications/${cd.id}/consolidation`)).json.evidence[0];
    expect(ce.rows).toEqual([]);
    expect(ce.hint).toBe('评价期（2022—2023年）内印发0次：2022年0次，不满足「每年2次以上」；2023年（评价当年）已印发0次。');
    expect((await (await login(t.app, 'changde')).request('GET', `/api/evaluation-applications/${cd.id}/consolidation`)).json.evidence).toEqual([]);
  });

  it('the 4.8 rule: only issued reports of the covered half-years of the period count; a county has no reporting office', () => {
    const r = (period: string, status: 'draft' | 'issued', doc: string | null = null) => ({ period, status, doc_no: doc, issued_on: doc ? '2024-01-20' : null });
    const e = analysisEvidence('某市质强办', [r('2022-H2', 'issued', 'A'), r('2023-H1', 'issued', 'B'), r('2023-H2', 'issued', 'C'), r('2024-H1', 'issued', 'D'), r('2024-H2', 'draft'), r('2025-H1', 'issued', 'E')], [2023, 2024]);
    expect(e.rows.map((x) => x.docNo)).toEqual(['B', 'C', 'D']);
    expect(e.hint).toBe('评价期（2023—2024年）内印发3次：2023年2次，满足「每年2次以上」；2024年（评价当年）已印发1次；另有2024年下半年报告尚未印发，不计入。');
    expect(analysisEvidence('某市质强办', [r('2023-H1', 'issued', 'B'), r('2023-H2', 'draft')], [2023, 2024]).hint).toContain('2023年1次，不满足「每年2次以上」');
    expect(analysisEvidence(null, [], [2023, 2024])).toMatchObject({ rows: [], hint: expect.stringContaining('没有该单位的登记') });
  });

  it('the office creates its 2024 上半年 draft from the platform data; a second one is a 409; bad periods are 400', async () => {
    expect((await todos(office)).map((x) => [x.title, x.link])).toEqual([['印发2024年上半年质量分析报告', '/analysis?period=2024-H1']]);
    const r = await office.request('POST', '/api/analysis-reports', { period: '2024-H1' });
    expect(r.status).toBe(201);
    report = r.json;
    expect(report).toMatchObject({ status: 'draft', period: '2024-H1', periodLabel: '2024年上半年', office: { id: await orgId(t.db, 'office') }, abilities: { edit: true, issue: true } });
    const s = (k: string) => report.sections.find((x: any) => x.key === k);
    expect(report.sections.map((x: any) => x.key)).toEqual(['indicators', 'assessment', 'evaluation', 'honours', 'workplan', 'outlook']);
    expect(s('indicators').data.summary).toMatch(/规划共设\d+项指标/);
    expect(s('indicators').data.charts.length).toBeGreaterThan(0);
    // no 2024 value is confirmed yet: each light rests on 2023's value against 2023's target, and says so
    expect(s('indicators').data.summary).toMatch(/（其中\d+项尚无2024年确认值，按最近一年的确认值对照该年目标判断）/);
    const rows = s('indicators').data.tables[0].rows as string[][];
    const judged = rows.filter((r) => r[4].endsWith('（2023）'));
    expect(judged.length).toBeGreaterThan(0);
    for (const r of judged) expect(r[5], r[1]).toMatch(/^(提前实现|符合预期|滞后|无法判断)（按2023年目标）$/);
    expect(s('indicators').data.tables[0].header[3]).toBe('2024年目标');
    // 专栏1 4–8 are judged by the honours register's count, shown as such (a status beside "—" read as a guess)
    const counted = rows.filter((r) => r[4].startsWith('名录计数'));
    expect(counted.map((r) => r[0])).toEqual(['4', '5', '6', '7', '8']);
    for (const r of rows) if (r[5] !== '无数据') expect(r[4], r[1]).not.toBe('—');
    expect(s('indicators').data.summary).toContain('或名录计数（5项荣誉类存量指标当年无确认值，按荣誉名录计数判断）');
    // the lagging indicators in one sentence, "滞后" said once and the sentence closed (it ran into the table's title)
    expect(s('indicators').data.summary).toMatch(/。滞后的指标：中华老字号（[^）]*）；鲁班奖（[^）]*）；[^：]*。$/);
    expect(s('indicators').data.summary).not.toContain('滞后：');
    expect(s('assessment').data.summary).toContain('2022年度');
    expect(s('assessment').data.tables[0].rows).toHaveLength(14);
    expect(s('assessment').data.charts[0].spec.option).toBeTruthy();
    expect(s('workplan').data.summary).toBe('2024年尚无已发布的工作要点。');
    expect(s('honours').data.summary).toMatch(/2024年/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const dup = await office.request('POST', '/api/analysis-reports', { period: '2024-H1' });
    expect(dup.status).toBe(409);
    const bad = await office.request('POST', '/api/analysis-reports', { period: '2024-H3' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('半年度格式应为');
    const future = await office.request('POST', '/api/analysis-reports', { period: '2025-H1' });
    expect(future.status).toBe(400);
    expect(future.json.message).toContain('尚未开始');
    expect((await todos(office))[0].link).toBe(`/analysis/${report.id}`);
  });

  it('a section text saves with its version; a stale version is a 409; a refresh keeps the text', async () => {
    const url = `/api/analysis-reports/${report.id}/sections/assessment`;
    const r = await office.request('PUT', url, { version: report.version, text: '上半年全省考核工作平稳推进。' });
    expect(r.status).toBe(200);
    expect(r.json.version).toBe(report.version + 1);
    const stale = await office.request('PUT', url, { version: report.version, text: '覆盖' });
    expect(stale.status).toBe(409);
    // the office's own other window (one account): told it saved the section there
    expect(stale.json.message).toMatch(/^“年度质量工作考核结果及趋势”一节已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}修改，您的文字尚未保存/);
    const badKey = await office.request('PUT', `/api/analysis-reports/${report.id}/sections/nope`, { version: r.json.version, text: 'x' });
    expect(badKey.status).toBe(400);
    // the sections named in Chinese, the route's keys in brackets
    expect(badKey.json.message).toMatch(/^访问地址中的编号有误 — 章节：章节应为规划指标监测情况（indicators）、年度质量工作考核结果及趋势（assessment）、/);
    const f = await office.request('POST', `/api/analysis-reports/${report.id}/refresh`, { version: r.json.version });
    expect(f.status).toBe(200);
    expect(f.json.sections.find((s: any) => s.key === 'assessment').text).toBe('上半年全省考核工作平稳推进。');
    expect(f.json.version).toBe(r.json.version + 1);
    report = f.json;
    const audit = await t.db.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'analysis_report').where('entity_id', '=', String(report.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['analysisReport.create', 'analysisReport.edit', 'analysisReport.refresh']));
  });

  it('another office is refused: 岳阳市 neither reads nor edits the province report; the province reads 岳阳市', async () => {
    // not 403: that told 岳阳市 which report ids are taken; the answer is the one for an id nobody has
    const hidden = await yueyang.request('GET', `/api/analysis-reports/${report.id}`);
    expect([hidden.status, hidden.json.message]).toEqual([404, `质量分析报告${report.id}不存在`]);
    expect((await yueyang.request('GET', '/api/analysis-reports/99999')).json.message).toBe('质量分析报告99999不存在');
    expect((await yueyang.request('PUT', `/api/analysis-reports/${report.id}/sections/outlook`, { version: report.version, text: 'x' })).status).toBe(404);
    const yy = (await yueyang.request('GET', '/api/analysis-reports')).json.items[0];
    const seen = await office.request('GET', `/api/analysis-reports/${yy.id}`);
    expect(seen.status).toBe(200);
    expect(seen.json.abilities.edit).toBe(false);
    expect((await office.request('POST', `/api/analysis-reports/${yy.id}/refresh`, { version: yy.version })).status).toBe(403);
    // another city's office (长沙市's, given an account here) is refused 岳阳市's report
    const cs = await orgId(t.db, 'office-430100');
    await t.db.db.updateTable('app_user').set({ org_unit_id: cs }).where('username', '=', 'yueyang.office').execute();
    const other = await login(t.app, 'yueyang.office');
    expect((await other.request('GET', `/api/analysis-reports/${yy.id}`)).status).toBe(404);
    await t.db.db.updateTable('app_user').set({ org_unit_id: yy.office.id }).where('username', '=', 'yueyang.office').execute();
  });

  it('issuing freezes the report (文号, date); the to-do closes itself; the .docx carries text, tables and charts', async () => {
    const badDate = await office.request('POST', `/api/analysis-reports/${report.id}/issue`, { version: report.version, docNo: '湘质强办发〔2024〕9号', issuedOn: '2024-09-01' });
    expect(badDate.status).toBe(400);
    expect(badDate.json.message).toContain('不能晚于今天');
    // the problems and next steps are the office's own words: no 公文 goes out with the placeholder
    const current = (await office.request('GET', `/api/analysis-reports/${report.id}`)).json;
    if (current.sections.find((s: any) => s.key === 'outlook').text) {
      await office.request('PUT', `/api/analysis-reports/${report.id}/sections/outlook`, { version: current.version, text: '' });
    }
    const blank = (await office.request('GET', `/api/analysis-reports/${report.id}`)).json;
    const unwritten = await office.request('POST', `/api/analysis-reports/${report.id}/issue`, { version: blank.version, docNo: '湘质强办发〔2024〕9号', issuedOn: '2024-07-25' });
    expect([unwritten.status, unwritten.json.message]).toEqual([400, '请先填写“存在问题与下一步工作”一节，再印发']);
    const written = await office.request('PUT', `/api/analysis-reports/${report.id}/sections/outlook`, { version: blank.version, text: '存在的问题：水质类约束性指标滞后。下一步：开展专项督导。' });
    expect(written.status).toBe(200);
    report = written.json;
    const r = await office.request('POST', `/api/analysis-reports/${report.id}/issue`, { version: report.version, docNo: '湘质强办发〔2024〕9号', issuedOn: '2024-07-25' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'issued', docNo: '湘质强办发〔2024〕9号', issuedOn: '2024-07-25', abilities: { edit: false } });
    expect((await office.request('PUT', `/api/analysis-reports/${report.id}/sections/outlook`, { version: r.json.version, text: '改' })).status).toBe(409);
    expect((await office.request('POST', `/api/analysis-reports/${report.id}/refresh`, { version: r.json.version })).status).toBe(409);
    expect((await office.request('POST', `/api/analysis-reports/${report.id}/issue`, { version: r.json.version, docNo: '湘质强办发〔2024〕10号', issuedOn: '2024-07-25' })).status).toBe(409);
    expect(await todos(office)).toEqual([]);
    const reg = (await office.request('GET', '/api/analysis-reports/register')).json;
    expect(reg.rows[0].cells[2]).toMatchObject({ status: 'issued', docNo: '湘质强办发〔2024〕9号' });

    const d = await t.app.inject({ method: 'GET', url: `/api/analysis-reports/${report.id}/report.docx`, headers: { cookie: office.cookie } });
    expect(d.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(d.rawPayload);
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('湖南省2024年上半年质量分析报告');
    expect(xml).toContain('湘质强办发〔2024〕9号');
    expect(xml).toContain('上半年全省考核工作平稳推进。');
    expect(xml).toContain('年度质量工作考核结果及趋势');
    expect(xml).toContain('历年考核得分与名次');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png')).length).toBeGreaterThan(1);
    // the figures numbered in order across the sections (图1, 图2, …), as the other documents number theirs — not 「图：」
    const figures = [...xml.matchAll(/图(\d+) /g)].map((m) => Number(m[1]));
    expect(figures.length).toBeGreaterThan(1);
    expect(figures).toEqual(figures.map((_, i) => i + 1));
    expect(xml).not.toContain('图：');
    expect((await yueyang.request('GET', `/api/analysis-reports/${report.id}/report.docx`)).status).toBe(404);
    expect(xml).toContain('省质量强省领导小组各成员单位、各市州质量强市（州）领导小组办公室：');
    // 岳阳市's own report has its 主送 too: its members and its counties' offices
    const own = (await yueyang.request('GET', '/api/analysis-reports')).json.items.find((x: any) => x.status === 'issued');
    const yy = await t.app.inject({ method: 'GET', url: `/api/analysis-reports/${own.id}/report.docx`, headers: { cookie: yueyang.cookie } });
    expect(yy.statusCode).toBe(200);
    const yyRaw = await (await JSZip.loadAsync(yy.rawPayload)).file('word/document.xml')!.async('string');
    const yyXml = yyRaw.replace(/<[^>]+>/g, '');
    expect(yyXml).toContain('岳阳市质量强市领导小组各成员单位、各县市区质量强县（市、区）领导小组办公室：');
    // the platform's summaries, dense with figures, are set flush left: justified, 「…中华老字号（完成序时进度的22.22%，低于」
    // spread character by character before 「95%）；」, which may not be broken; the office's own words stay justified
    const paraOf = (raw: string, text: string) => [...raw.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.replace(/<[^>]+>/g, '').includes(text))!;
    expect(paraOf(yyRaw, '滞后的指标：')).toContain('<w:jc w:val="left"/>');
    const raw = await zip.file('word/document.xml')!.async('string');
    expect(paraOf(raw, '上半年全省考核工作平稳推进。')).toContain('<w:jc w:val="both"/>');
  }, 180_000);

  it('a half-year before the register begins (2023 上半年) is refused with a 400, not kept as a report nobody lists', async () => {
    for (const period of ['2000-H1', '2022-H2']) {
      const r = await office.request('POST', '/api/analysis-reports', { period });
      expect([r.status, r.json.message], period).toEqual([400, `平台自2023年上半年起登记质量分析报告，不能编写${period.slice(0, 4)}年${period.endsWith('1') ? '上' : '下'}半年的报告`]);
      expect(r.json.fields).toEqual([{ field: 'period', message: '请选择2023年上半年及以后的半年度' }]);
    }
    const list = (await office.request('GET', '/api/analysis-reports')).json.items as any[];
    expect(list.filter((x) => x.period < '2023-H1')).toEqual([]);
  });

  it('a draft .docx carries the 文号 placeholder (×××〔2024〕×号) for whoever numbers it, not a blank line under the 发文机关标志', async () => {
    const draft = await office.request('POST', '/api/analysis-reports', { period: '2023-H1' });
    expect(draft.status).toBe(201);
    const d = await t.app.inject({ method: 'GET', url: `/api/analysis-reports/${draft.json.id}/report.docx`, headers: { cookie: office.cookie } });
    expect(d.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(d.rawPayload)).file('word/document.xml')!.async('string');
    const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    // the 版头: the issuer, then its 文号 line (above the red rule), then the title and the draft mark
    const head = paras.indexOf('湖南省质量强省领导小组办公室文件');
    expect(paras.slice(head, head + 4)).toEqual(['湖南省质量强省领导小组办公室文件', '×××〔2024〕×号', '湖南省2023年上半年质量分析报告', '草稿：本报告尚未印发']);
    // nor is it dated: the 成文日期 and the 版记's 印发日期 are left to be written in, not the day it was downloaded
    expect(paras).toContain('　　年　　月　　日');
    expect(paras.filter((p) => p.endsWith('日印发'))).toEqual(['湖南省质量强省领导小组办公室\t　　年　　月　　日印发']);
    expect(paras.filter((p) => /^\d{4}年\d{1,2}月\d{1,2}日$|^[〇一二三四五六七八九]{4}年/.test(p))).toEqual([]);
  });

  it('a 文号 already carried by another report is a 409 naming that report; the register never shows one number twice', async () => {
    const draft = (await yueyang.request('GET', '/api/analysis-reports')).json.items.find((x: any) => x.period === '2024-H1');
    const written = await yueyang.request('PUT', `/api/analysis-reports/${draft.id}/sections/outlook`, { version: draft.version, text: '下一步：督促滞后指标整改。' });
    expect(written.status).toBe(200);
    // 岳阳市's 2023 下半年 report went out as 岳质强办发〔2024〕1号; the province's 2024 上半年 one (above) as 湘质强办发〔2024〕9号
    // typed otherwise — square or round brackets, full-width digits, a space — it is the same number, not a new one
    for (const docNo of ['岳质强办发〔2024〕1号', ' 湘质强办发〔2024〕9号 ', '岳质强办发[2024]1号', '岳质强办发（2024）1号', '岳质强办发〔２０２４〕１号', '岳质强办发 〔2024〕 1号']) {
      const dup = await yueyang.request('POST', `/api/analysis-reports/${draft.id}/issue`, { version: written.json.version, docNo, issuedOn: '2024-07-25' });
      expect(dup.status, docNo).toBe(409);
      expect(dup.json.fields).toEqual([{ field: 'docNo', message: '文号已被使用' }]);
    }
    const dup = await yueyang.request('POST', `/api/analysis-reports/${draft.id}/issue`, { version: written.json.version, docNo: '岳质强办发〔2024〕1号', issuedOn: '2024-07-25' });
    expect(dup.json.message).toBe('文号“岳质强办发〔2024〕1号”已用于岳阳市2023年下半年质量分析报告，请核对后重新填写');
    expect((await yueyang.request('GET', `/api/analysis-reports/${draft.id}`)).json).toMatchObject({ status: 'draft', docNo: null });
    // an empty 文号 box is asked for one, not told how one is written
    const empty = await yueyang.request('POST', `/api/analysis-reports/${draft.id}/issue`, { version: written.json.version, docNo: ' ', issuedOn: '2024-07-25' });
    expect([empty.status, empty.json.fields]).toEqual([400, [{ field: 'docNo', message: '请填写文号' }]]);
    // what is no 文号 at all is told how one is written
    const loose = await yueyang.request('POST', `/api/analysis-reports/${draft.id}/issue`, { version: written.json.version, docNo: '岳质强办发2024-5', issuedOn: '2024-07-25' });
    expect([loose.status, loose.json.fields]).toEqual([400, [{ field: 'docNo', message: expect.stringContaining('文号应写作“机关代字〔年份〕序号号”') }]]);
    const ok = await yueyang.request('POST', `/api/analysis-reports/${draft.id}/issue`, { version: written.json.version, docNo: '岳质强办发〔2024〕5号', issuedOn: '2024-07-25' });
    expect(ok.status).toBe(200);
    const row = (await yueyang.request('GET', '/api/analysis-reports/register')).json.rows[0];
    expect(row.cells.map((c: any) => c.docNo)).toEqual(['岳质强办发〔2023〕4号', '岳质强办发〔2024〕1号', '岳质强办发〔2024〕5号']);
  });
});
