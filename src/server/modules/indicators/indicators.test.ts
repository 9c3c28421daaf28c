/**
 * The monitoring API of the plan indicators on the demo data (src/server/seed/demo-indicators.ts): who sees which
 * plan and which cities, the table's statuses checked against figures worked by hand, the matrix, completeness,
 * the office's edit of a yearly target (reason, 409, bad input in Chinese, audited), the lagging binding
 * indicator's to-do, and both exports opened (xlsx read back with ExcelJS, docx unzipped).
 */
import JSZip from 'jszip';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { TEXT_WIDTH } from '../../io/document-kit/gongwen';
import { LANDSCAPE_UNITS, rowHeight, wrappedLines } from '../../io/document-kit/table';
import { loadExcelJS } from '../../io/excel/exceljs';
import { login, makeTestApp, orgId, testDialects, type TestApp } from '../../test/helpers';
import { sessionOrg, type SessionUser } from '../../core/session';
import { indicatorStanding } from './indicators.standing';
import { openSdgThresholds, statusRule } from '../../../shared/indicators/status';
import { ROLL_RULE } from '../../../shared/honours/kinds';

describe.each(testDialects())('plan-indicator monitoring on %s', (dialect) => {
  let t: TestApp;
  let province: number;
  let yueyangPlan: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    const office = await login(t.app, 'office');
    const plans = (await office.request('GET', '/api/indicator-plans')).json.items;
    province = plans.find((p: any) => p.code === 'hunan-14th').id;
    yueyangPlan = plans.find((p: any) => p.code === 'yueyang-2025').id;
  });
  afterAll(() => t.close());

  const codes = async (username: string) => (await (await login(t.app, username)).request('GET', '/api/indicator-plans')).json.items.map((p: any) => [p.code, p.abilities.manage]);

  it('shows the province plan to every reader and a city plan to its city, its office and those above', async () => {
    expect(await codes('office')).toEqual([['hunan-14th', true], ['yueyang-2025', false]]);
    expect(await codes('yueyang.office')).toEqual([['hunan-14th', false], ['yueyang-2025', true]]);
    expect(await codes('yueyang')).toEqual([['hunan-14th', false], ['yueyang-2025', false]]);
    expect(await codes('changsha')).toEqual([['hunan-14th', false]]);
    expect(await codes('samr')).toEqual([['hunan-14th', false]]);
    expect(await codes('leader')).toEqual([['hunan-14th', false], ['yueyang-2025', false]]);
    // only the province's plan takes its cities' figures: 岳阳市's own plan has no 市州矩阵 (the page says so, not 「尚无市州的确认数据」)
    const office = await login(t.app, 'office');
    expect((await office.request('GET', '/api/indicator-plans')).json.items.map((p: any) => [p.code, p.cities])).toEqual([['hunan-14th', true], ['yueyang-2025', false]]);
    const changsha = await login(t.app, 'changsha');
    expect((await changsha.request('GET', `/api/indicator-plans/${yueyangPlan}/indicators`)).status).toBe(404);
    const expert = await login(t.app, 'expert');
    expect((await expert.request('GET', '/api/indicator-plans')).status).toBe(403);
  });

  /** a leader account at the unit `orgCode` (the demo's provincial leader's row, moved), signed in */
  const leaderAt = async (username: string, orgCode: string) => {
    const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'leader').executeTakeFirstOrThrow();
    const org = await t.db.db.selectFrom('org_unit').select('id').where('code', '=', orgCode).executeTakeFirstOrThrow();
    await t.db.db.insertInto('app_user').values({ ...row, username, display_name: username, org_unit_id: org.id }).execute();
    return login(t.app, username);
  };

  it("a city's leader reads as its city does: the province's plan with its own city's figures only, never another city's own plan", async () => {
    const changshaLeader = await leaderAt('changsha.leader', '430100');
    const yueyangLeader = await leaderAt('yueyang.leader', '430600');
    const provinceLeader = await login(t.app, 'leader');
    const office = await login(t.app, 'office');
    const ind13 = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json.rows.find((r: any) => r.code === 13).id;
    const annual2023 = (await office.request('GET', '/api/indicator-reporting/periods')).json.periods.find((p: any) => p.planId === province && p.year === 2023 && p.quarter === null).id;
    const seen = async (c: Awaited<ReturnType<typeof login>>) => ({
      plans: (await c.request('GET', '/api/indicator-plans')).json.items.map((p: any) => p.code),
      reportingPlans: (await c.request('GET', '/api/indicator-reporting/periods')).json.plans.map((p: any) => p.code),
      yueyangPlan: (await c.request('GET', `/api/indicator-plans/${yueyangPlan}/indicators`)).status,
      matrix: (await c.request('GET', `/api/indicator-plans/${province}/matrix`)).json.rows.map((r: any) => r.org.name),
      detail: (await c.request('GET', `/api/indicators/${ind13}`)).json.cities.map((x: any) => x.org.name),
      completeness: (await c.request('GET', `/api/indicator-plans/${province}/completeness`)).json.periods[0].units.map((u: any) => u.org.name),
      rows: [...new Set((await c.request('GET', `/api/indicator-reporting/periods/${annual2023}/rows?scope=all`)).json.rows.map((r: any) => r.unit.name))],
    });
    expect(await seen(changshaLeader)).toEqual({ plans: ['hunan-14th'], reportingPlans: ['hunan-14th'], yueyangPlan: 404, matrix: ['长沙市'], detail: ['长沙市'], completeness: ['湖南省', '长沙市'], rows: ['湖南省', '长沙市'] });
    expect(await seen(yueyangLeader)).toMatchObject({ plans: ['hunan-14th', 'yueyang-2025'], yueyangPlan: 200, matrix: ['岳阳市'], detail: ['岳阳市'], rows: ['湖南省', '岳阳市'] });
    const all = await seen(provinceLeader);
    expect([all.plans, all.reportingPlans, all.yueyangPlan, all.matrix.length, all.detail.length, all.rows.length]).toEqual([['hunan-14th', 'yueyang-2025'], ['hunan-14th', 'yueyang-2025'], 200, 14, 14, 15]);
  });

  it("a city's 质强办 reads the province's plan as its city does (the province's figure and its own city's); the provincial office, its second officer and the departments every city", async () => {
    const office = await login(t.app, 'office');
    const ind13 = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json.rows.find((r: any) => r.code === 13).id;
    const seen = async (username: string) => {
      const c = await login(t.app, username);
      const detail = (await c.request('GET', `/api/indicators/${ind13}`)).json;
      return {
        seeCities: (await c.request('GET', '/api/indicator-plans')).json.items.find((p: any) => p.code === 'hunan-14th').abilities.seeCities,
        region: detail.region.org.name,
        detail: detail.cities.map((x: any) => x.org.name),
        matrix: (await c.request('GET', `/api/indicator-plans/${province}/matrix`)).json.rows.map((r: any) => r.org.name),
        completeness: (await c.request('GET', `/api/indicator-plans/${province}/completeness`)).json.periods[0].units.map((u: any) => u.org.name),
      };
    };
    expect(await seen('yueyang.office')).toEqual({ seeCities: false, region: '湖南省', detail: ['岳阳市'], matrix: ['岳阳市'], completeness: ['湖南省', '岳阳市'] });
    for (const username of ['office', 'office2', 'samr']) {
      const s = await seen(username);
      expect([username, s.seeCities, s.region, s.detail.length, s.matrix.length, s.completeness.length]).toEqual([username, true, '湖南省', 14, 14, 15]);
    }
    // on its own city's plan, which it owns, the city office sees everything
    const yy = await login(t.app, 'yueyang.office');
    expect((await yy.request('GET', '/api/indicator-plans')).json.items.find((p: any) => p.code === 'yueyang-2025').abilities).toEqual({ manage: true, seeCities: true });
  });

  it('the 2023 table: 24 rows, statuses as worked by hand, one binding indicator lagging', async () => {
    const office = await login(t.app, 'office');
    const r = await office.request('GET', `/api/indicator-plans/${province}/indicators`);
    expect(r.status).toBe(200);
    expect(r.json.year).toBe(2023);
    expect(r.json.plan.years).toEqual([2021, 2022, 2023]);
    expect(r.json.rows).toHaveLength(24);
    const row = (code: number) => r.json.rows.find((x: any) => x.code === code);
    // 13: 94.52 against 工作要点 ≥94: (94.52 − 93.61) / (94 − 93.61) = 0.91 / 0.39 = 2.3333
    expect(row(13)).toMatchObject({ targetText: '95', yearTarget: { text: '≥94', origin: 'work-plan' }, actual: { year: 2023, value: 94.52, demo: true }, status: { status: 'on_track', ratio: 2.3333, metYear: true } });
    // forecast: least squares through 2020–2023 (93.61, 93.92, 94.18, 94.52) → 95.104 in 2025, read to 2 decimals as 95.1, reaches 95
    expect(row(13).forecast).toMatchObject({ value: 95.1, reaches: true });
    // 14: 91.2 against ≥91: 1.1 / 0.9 = 1.2222
    expect(row(14).status).toMatchObject({ status: 'on_track', ratio: 1.2222 });
    // 18: path 77.77 + 2.23 × 3/5 = 79.108, written as 77.77 is (79.11); 79.6 → 1.83 / 1.338 = 1.3677
    expect(row(18)).toMatchObject({ yearTarget: { text: '79.11', origin: 'interpolated' }, status: { status: 'on_track', ratio: 1.3677 } });
    // 22 (binding): 96.0 against 97.3 → lagging, 2.7 / 4 = 0.675
    expect(row(22)).toMatchObject({ nature: '约束性', targetText: '达到国家考核目标', yearTarget: { text: '97.3' }, status: { status: 'lagging', ratio: 0.675, metYear: false } });
    // 23 (binding): the 2023 target is the state's, not entered → 无法判断
    expect(row(23).status).toMatchObject({ status: 'unknown', yearTarget: null });
    expect(row(24)).toMatchObject({ targetText: '≥59', status: { status: 'on_track' } });
    expect(row(1)).toMatchObject({ actual: null, status: null, forecast: null, departments: [{ name: '省市场监督管理局' }], assumed: true });
    const lagging = r.json.rows.filter((x: any) => x.status?.status === 'lagging' && x.nature === '约束性').map((x: any) => x.code);
    expect(lagging).toEqual([22]);
    expect(r.json.groups).toEqual(['品牌建设', '质量基础设施', '产品质量', '服务质量', '工程质量', '生态环境质量']);
  });

  it('the 2022 table: 消费品 lags (0.9 / 1.36 = 0.6618), 空气 meets its 85 path; a year outside the plan is refused in Chinese', async () => {
    const office = await login(t.app, 'office');
    const r = await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2022`);
    const row = (code: number) => r.json.rows.find((x: any) => x.code === code);
    expect(row(14)).toMatchObject({ yearTarget: { text: '91.5' }, status: { status: 'lagging', ratio: 0.6618 } });
    expect(row(23)).toMatchObject({ yearTarget: { text: '85' }, status: { status: 'on_track', metYear: true } });
    const bad = await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2027`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('不在规划期2020—2025内');
  });

  it('a year without values: the latest earlier figure keeps the status of its own year, labelled so in the table and the export', async () => {
    const office = await login(t.app, 'office');
    const r = await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2024`);
    const row = r.json.rows.find((x: any) => x.code === 14);
    // the 2024 target (90.1 + 3.4 × 4/5 = 92.82, written as 90.1 and 93.5 are, up: 92.9) is shown; the 2023 value 91.2 is judged against the 2023 target ≥91, and says so
    expect(row).toMatchObject({ yearTarget: { year: 2024, text: '92.9' }, actual: { year: 2023, value: 91.2 }, status: { year: 2023, status: 'on_track', yearTarget: 91 } });
    // 4–8 are counted from the roll for 2024 itself
    expect(r.json.rows.find((x: any) => x.code === 5).status.year).toBe(2024);
    const x = await download('office', `/api/indicator-plans/${province}/export.xlsx?year=2024`);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const r14 = rows.find((r) => r[2] === '消费品质量合格率')!;
    expect(r14.slice(11, 14)).toEqual(['91.2', '2023', '尚无2024年数据（2023年：符合预期）']);
    expect(r14[14]).toMatch(/^2023年的值对照2023年目标：/);
    // 4–8 have no accepted value: the sheet's value is the count the status is judged on, as the page shows it
    const row5 = r.json.rows.find((x: any) => x.code === 5);
    expect(row5.actual).toBeNull();
    const r5 = rows.find((r) => r[2] === row5.name)!;
    expect(r5.slice(11, 13)).toEqual([String(row5.rollCount.value), '2024']);
    expect(r5[14]).toContain(`按名录计数${row5.rollCount.value}（${row5.rollCount.text}）：`);
    expect(rows.flat().join('')).toContain('“最新确认值”填名录计数');
    // the notes speak of the plan, not of the platform's seed files (它们的读者不知道“种子”是什么)
    expect(rows.flat().join('')).not.toContain('种子');
    expect(rows.flat().join('')).toContain('责任单位标“（假定）”的，规划未写明责任单位，按职责假定。');
  });

  it('the detail: path, province and city series; a city sees its own city only', async () => {
    const office = await login(t.app, 'office');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    const id13 = table.rows.find((x: any) => x.code === 13).id;
    const d = (await office.request('GET', `/api/indicators/${id13}`)).json;
    expect(d.path.map((p: any) => p.text)).toEqual(['93.61', '93.89', '94.17', '≥94', '94.73', '95']);
    expect(d.region.values.map((v: any) => v.value)).toEqual([93.92, 94.18, 94.52]);
    expect(d.cities).toHaveLength(14);
    expect(d.cities.every((c: any) => c.values.length === 3)).toBe(true);
    expect(d.abilities.editTarget).toBe(true);
    const changsha = await login(t.app, 'changsha');
    const mine = (await changsha.request('GET', `/api/indicators/${id13}`)).json;
    expect(mine.cities.map((c: any) => c.org.name)).toEqual(['长沙市']);
    expect(mine.abilities.editTarget).toBe(false);
    expect((await changsha.request('GET', '/api/indicators/999999')).status).toBe(404);
  });

  it('the matrix: 14 cities × the 10 indicators with values, lights; a city sees its own row', async () => {
    const office = await login(t.app, 'office');
    const m = (await office.request('GET', `/api/indicator-plans/${province}/matrix`)).json;
    expect(m.rows).toHaveLength(14);
    expect(m.indicators.map((i: any) => i.code)).toEqual([13, 14, 15, 16, 17, 18, 19, 22, 23, 24]);
    const lights = new Set(m.rows.flatMap((r: any) => r.cells.map((c: any) => c.light)));
    expect(lights.has('on_track') && lights.has('lagging')).toBe(true);
    const changsha = await login(t.app, 'changsha');
    expect((await changsha.request('GET', `/api/indicator-plans/${province}/matrix`)).json.rows.map((r: any) => r.org.name)).toEqual(['长沙市']);
  });

  it('completeness: 15 units × 24 indicators expected per year; 10 reported and accepted each; late in 2022 and 2023', async () => {
    const office = await login(t.app, 'office');
    const c = (await office.request('GET', `/api/indicator-plans/${province}/completeness`)).json;
    // the reporting side seeds an open 2024 period of its own; the demo's closed years are these
    // and the quarterly demo periods of 2023 (province only, three indicators; in 第3季度 also 常德市's figure, returned
    // after the lock and not accepted), a year's quarters before its annual period
    expect(c.periods.filter((p: any) => p.year <= 2023).map((p: any) => [p.label, p.totals])).toEqual([
      ['2021年度', { expected: 360, reported: 150, accepted: 150, late: 0 }],
      ['2022年度', { expected: 360, reported: 150, accepted: 150, late: 20 }],
      ['2023年第1季度', { expected: 360, reported: 3, accepted: 3, late: 0 }],
      ['2023年第2季度', { expected: 360, reported: 3, accepted: 3, late: 0 }],
      ['2023年第3季度', { expected: 360, reported: 4, accepted: 3, late: 0 }],
      ['2023年度', { expected: 360, reported: 150, accepted: 150, late: 10 }],
    ]);
    expect(c.periods[0].units[0]).toEqual({ org: expect.objectContaining({ name: '湖南省' }), expected: 24, reported: 10, accepted: 10, late: 0 });
  });

  it('the lagging binding indicator is a to-do of the office and of 省生态环境厅, not of 省市场监管局', async () => {
    const kinds = async (u: string) => (await (await login(t.app, u)).request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'indicators.lagging').map((x: any) => x.title);
    expect(await kinds('office')).toEqual(['约束性指标滞后：国控断面Ⅰ—Ⅲ类优良水质比例（2023年96%）']);
    expect(await kinds('ecology')).toHaveLength(1);
    expect(await kinds('samr')).toEqual([]);
    expect(await kinds('yueyang.office')).toEqual([]);
  });

  it('the office sets a yearly target with a reason; stale versions are 409; bad input is 400 in Chinese; nothing saved; audited', async () => {
    const office = await login(t.app, 'office');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    const id14 = table.rows.find((x: any) => x.code === 14).id;
    const url = (y: number) => `/api/indicators/${id14}/targets/${y}`;
    const over = await office.request('PUT', url(2024), { target: { value: 101 }, reason: '测试' });
    expect(over.status).toBe(400);
    // the message names no code field (target.value); the fields entry still points the form at it
    expect(over.json.message).toBe('“消费品质量合格率”是百分比，目标值须在0至100之间（填写的是101），请改填百分数，如92.5');
    expect(over.json.fields).toEqual([{ field: 'target.value', message: '百分比须在0至100之间' }]);
    const whole = await office.request('PUT', `/api/indicators/${table.rows.find((x: any) => x.code === 5).id}/targets/2024`, { target: { value: 76.5 }, reason: '测试' });
    // the reporting form's sentence (notWholeMessage, src/shared/figures.ts), said of the target
    expect([whole.json.message, whole.json.fields]).toEqual(['“鲁班奖”的目标值为累计数量（项），须为整数（填写的是76.5）', [{ field: 'target.value', message: '须为整数' }]]);
    // the figures a reported value may not take, a target may not either: below zero, or beyond any plan's scale
    const below = await office.request('PUT', `/api/indicators/${table.rows.find((x: any) => x.code === 5).id}/targets/2024`, { target: { value: -5 }, reason: '测试' });
    expect(below.status).toBe(400);
    expect(below.json.message).toBe('“鲁班奖”的目标值不能为负数（填写的是-5）');
    const huge = await office.request('PUT', `/api/indicators/${table.rows.find((x: any) => x.code === 11).id}/targets/2024`, { target: { bound: 'min', value: 1e12 }, reason: '测试' });
    expect(huge.status).toBe(400);
    expect(huge.json.message).toBe('“质量管理体系认证证书保有量”的目标值1.00e+12超出合理范围，请核对单位（个）');
    expect(huge.json.fields).toEqual([{ field: 'target.value', message: '超出合理范围' }]);
    // nor more decimals than the tables print (and a status is judged on)
    const fine = await office.request('PUT', url(2024), { target: { value: 92.123456789 }, reason: '测试' });
    expect([fine.status, fine.json.message, fine.json.fields]).toEqual([400, '“消费品质量合格率”的目标值最多保留4位小数（填写的是92.123456789），如92.1235', [{ field: 'target.value', message: '最多保留4位小数' }]]);
    const early = await office.request('PUT', url(2020), { target: { value: 91 }, reason: '测试' });
    expect(early.status).toBe(400);
    expect(early.json.message).toContain('不在规划期内');
    expect((await office.request('PUT', url(2026), { target: { value: 91 }, reason: '测试' })).status).toBe(400);
    // a ceiling on a higher-is-better rate would call 94.9 a success against "≤90": refused, saying what to enter
    const ceiling = await office.request('PUT', url(2024), { target: { bound: 'max', value: 90 }, reason: '测试上限目标' });
    expect(ceiling.status).toBe(400);
    expect(ceiling.json.message).toBe('“消费品质量合格率”越高越好，目标不能设为上限“≤90”：那样更高的实际值反而算未达到、更低的算达到。请改选“下限（≥）”或“确定值”');
    expect(ceiling.json.fields).toEqual([{ field: 'target.bound', message: '越高越好的指标只能设下限（≥）或确定值' }]);
    const noReason = await office.request('PUT', url(2024), { target: { value: 92 } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.message).toContain('请填写调整理由');
    expect(noReason.json.message).not.toMatch(/[a-z]/i);
    expect(noReason.json.fields.map((f: any) => f.field)).toEqual(['reason']);
    // the forbidden ones
    const samr = await login(t.app, 'samr');
    expect((await samr.request('PUT', url(2024), { target: { value: 92 }, reason: '测试理由' })).status).toBe(403);
    const yy = await login(t.app, 'yueyang.office');
    expect((await yy.request('PUT', url(2024), { target: { value: 92 }, reason: '测试理由' })).status).toBe(403);
    // nothing saved so far: 2024 still interpolated (90.1 + 3.4 × 4/5 = 92.82, printed 92.9)
    let d = (await office.request('GET', `/api/indicators/${id14}`)).json;
    expect(d.path.find((p: any) => p.year === 2024)).toMatchObject({ text: '92.9', origin: 'interpolated', version: null });
    const ok = await office.request('PUT', url(2024), { target: { bound: 'min', value: 92 }, reason: '2024年工作要点：消费品质量合格率达到92%以上' });
    expect(ok.status).toBe(200);
    expect(ok.json.path.find((p: any) => p.year === 2024)).toMatchObject({ text: '≥92', origin: 'office', reason: '2024年工作要点：消费品质量合格率达到92%以上', version: 1 });
    // a second writer without the version, and one with a stale version: 409
    expect((await office.request('PUT', url(2024), { target: { value: 92.5 }, reason: '再次调整' })).status).toBe(409);
    expect((await office.request('PUT', url(2024), { target: { value: 92.5 }, reason: '再次调整', version: 1 })).status).toBe(200);
    const stale = await office.request('PUT', url(2024), { target: { value: 93 }, reason: '过期版本', version: 1 });
    expect(stale.status).toBe(409);
    d = (await office.request('GET', `/api/indicators/${id14}`)).json;
    expect(d.path.find((p: any) => p.year === 2024)).toMatchObject({ text: '92.5', version: 2 });
    // the 工作要点's 2023 target is stored too: changing it needs its version
    expect((await office.request('PUT', url(2023), { target: { bound: 'min', value: 91 }, reason: '无版本' })).status).toBe(409);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'entity_id', 'after_json']).where('action', '=', 'indicator.target.set').execute();
    expect(audit.map((a) => a.entity_id)).toEqual([String(id14), String(id14)]);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ year: 2024, target: { bound: 'min', value: 92 } });
  });

  it('a target is set at the request’s clock (config.now), not the bare system time: the 409 that follows names that moment', async () => {
    const office = await login(t.app, 'office');
    const id20 = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json.rows.find((x: any) => x.code === 20).id;
    t.config.now = () => new Date('2026-11-28T04:00:00.000Z');
    try {
      expect((await office.request('PUT', `/api/indicators/${id20}/targets/2024`, { target: { value: 99.5 }, reason: '按抽查计划调整' })).status).toBe(200);
      // a colleague (刘思远, office2) without the version: named, at that moment
      const stale = await (await login(t.app, 'office2')).request('PUT', `/api/indicators/${id20}/targets/2024`, { target: { value: 99.8 }, reason: '另一人的调整' });
      expect([stale.status, stale.json.message]).toEqual([409, '2024年目标已由唐碧辉（省质强办）于2026-11-28 12:00设定为“99.5”，请刷新后查看再调整']);
      // the setter's own other window: told it set it there
      const mine = await office.request('PUT', `/api/indicators/${id20}/targets/2024`, { target: { value: 99.8 }, reason: '另一窗口的调整' });
      expect([mine.status, mine.json.message]).toEqual([409, '2024年目标已由您在其他窗口于2026-11-28 12:00设定为“99.5”，请刷新后查看再调整']);
    } finally {
      t.config.now = undefined;
    }
  });

  it('two of the office’s staff setting or reverting one year target at once: one wins, the other a 409 naming who set it and when; one audit row each', async () => {
    const office = await login(t.app, 'office');
    const office2 = await login(t.app, 'office2');
    /** the one who won a pair sent as [office, office2], as the loser is told */
    const winner = (rs: { status: number }[]) => (rs[0]!.status === 200 ? '唐碧辉' : '刘思远');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    const id19 = table.rows.find((x: any) => x.code === 19).id;
    const url = `/api/indicators/${id19}/targets/2024`;
    const audits = async () => (await t.db.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'indicator').where('entity_id', '=', String(id19)).execute()).length;
    const before = await audits();
    const first = await Promise.all([office.request('PUT', url, { target: { value: 98 }, reason: '第一位调整' }), office2.request('PUT', url, { target: { value: 98.5 }, reason: '第二位调整' })]);
    expect(first.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = first.find((r) => r.status === 200)!.json.path.find((p: any) => p.year === 2024);
    expect(first.find((r) => r.status === 409)!.json.message).toMatch(new RegExp(`^2024年目标已由${winner(first)}（省质强办）于\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}设定为“${won.text.replace('.', '\\.')}”，请刷新后查看再调整$`));
    const second = await Promise.all([office.request('PUT', url, { target: { value: 97 }, reason: '第三位调整', version: 1 }), office2.request('PUT', url, { target: { value: 97.5 }, reason: '第四位调整', version: 1 })]);
    expect(second.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(second.find((r) => r.status === 409)!.json.message).toMatch(new RegExp(`^2024年目标已由${winner(second)}（省质强办）于\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}设定为“97(\\.5)?”，请刷新后查看再调整$`));
    const reverts = await Promise.all([office.request('POST', `${url}/revert`, { reason: '恢复插值', version: 2 }), office2.request('POST', `${url}/revert`, { reason: '恢复插值', version: 2 })]);
    expect(reverts.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(reverts.find((r) => r.status === 409)!.json.message).toMatch(new RegExp(`^2024年目标已由${winner(reverts)}（省质强办）于\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}恢复为按路径插值，请刷新后查看$`));
    expect(await audits()).toBe(before + 3);
    // one account's two windows at once: the loser is told it did it in the other window
    const mine = await Promise.all([office.request('PUT', url, { target: { value: 96 }, reason: '窗口一' }), office.request('PUT', url, { target: { value: 96.5 }, reason: '窗口二' })]);
    expect(mine.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(mine.find((r) => r.status === 409)!.json.message).toMatch(/^2024年目标已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}设定为“96(\.5)?”，请刷新后查看再调整$/);
  });

  it('a worded target (国家考核目标, qualitative) is refused blank or over-long, in Chinese, nothing saved', async () => {
    const office = await login(t.app, 'office');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    const id15 = table.rows.find((x: any) => x.code === 15).id;
    const url = `/api/indicators/${id15}/targets/2024`;
    const long = await office.request('PUT', url, { target: { kind: 'national', text: '达'.repeat(20_000) }, reason: '测试理由' });
    expect(long.status).toBe(400);
    expect(long.json.fields).toEqual([{ field: 'target.text', message: '目标文字不超过100字' }]);
    // a figure that is no number, or a shape none of the four targets has: each said as what to fix
    const nan = await office.request('PUT', url, { target: { bound: 'min', value: 'NaN' }, reason: '测试理由' });
    expect([nan.status, nan.json.fields]).toEqual([400, [{ field: 'target', message: '目标值须为数字（如98.5）' }]]);
    const inf = await office.request('PUT', url, '{"target":{"value":1e400},"reason":"测试理由"}', { 'content-type': 'application/json' });
    expect([inf.status, inf.json.fields]).toEqual([400, [{ field: 'target', message: '目标值须为数字（如98.5）' }]]);
    const odd = await office.request('PUT', url, { target: { kind: 'guess', text: '大概吧' }, reason: '测试理由' });
    expect(odd.json.fields).toEqual([{ field: 'target', message: '目标须为一个数值、一个下限或上限，或“达到国家考核目标”、文字目标之一' }]);
    const blank = await office.request('PUT', url, { target: { kind: 'qualitative', text: '   ' }, reason: '测试理由' });
    expect(blank.status).toBe(400);
    expect(blank.json.fields).toEqual([{ field: 'target.text', message: '请填写目标文字' }]);
    // U+FFFF (no XML may hold it) in the words or the reason: stored, it made the 规划指标监测情况 .docx unreadable for everyone
    for (const body of [{ target: { kind: 'national', text: '完成国家下达\uffff的目标值' }, reason: '测试理由' }, { target: { kind: 'national', text: '完成国家下达的目标值' }, reason: '测试\ufffe理由' }]) {
      const bad = await office.request('PUT', url, body);
      expect([bad.status, bad.json.message]).toEqual([400, expect.stringContaining('控制字符')]);
    }
    const d = (await office.request('GET', `/api/indicators/${id15}`)).json;
    expect(d.path.find((p: any) => p.year === 2024)).toMatchObject({ origin: 'interpolated', version: null });
    expect(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'indicator.target.set').where('entity_id', '=', String(id15)).execute()).toEqual([]);
  });

  it('a numeric indicator’s year target is a figure, a bound or the state’s figure, never words (that year would show 无法判断): a 400 saying what it must look like; an indicator whose own goal is worded may keep words', async () => {
    const office = await login(t.app, 'office');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    const id13 = table.rows.find((x: any) => x.code === 13).id;
    const url = `/api/indicators/${id13}/targets/2024`;
    const worded = await office.request('PUT', url, { target: { kind: 'qualitative', text: '制造业产品质量合格率稳步提升' }, reason: '测试理由' });
    expect([worded.status, worded.json.message, worded.json.fields]).toEqual([
      400,
      '“制造业产品质量合格率”是数值指标（%），年度目标须为数值（如98.5）、下限（≥，如 ≥98.5）或“达到国家考核目标”，不能是文字目标：文字目标无法判断是否达到',
      [{ field: 'target', message: '须为数值、下限（≥）或“达到国家考核目标”' }],
    ]);
    const d = (await office.request('GET', `/api/indicators/${id13}`)).json;
    expect(d.path.find((p: any) => p.year === 2024)).toMatchObject({ origin: 'interpolated', version: null });
    expect(d.statuses.find((s: any) => s.year === 2024)?.status.status).not.toBe('unknown');
    expect(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'indicator.target.set').where('entity_id', '=', String(id13)).execute()).toEqual([]);
    // the state's figure not yet known stays possible (the 2023 工作要点 sets one for 空气质量优良天数比率)
    const national = await office.request('PUT', url, { target: { kind: 'national', text: '完成国家下达的目标值' }, reason: '测试理由' });
    expect(national.status).toBe(200);
    expect((await office.request('POST', `${url}/revert`, { reason: '测试恢复', version: 1 })).status).toBe(200);
    // Yueyang's 服务质量满意度 has only a worded goal (种子文件 002: 全面提升): its years may be worded too
    const yy = await login(t.app, 'yueyang.office');
    const plans = (await yy.request('GET', '/api/indicator-plans')).json;
    const yyPlan = (plans.items ?? plans).find((p: any) => p.code === 'yueyang-2025').id;
    const yyRows = (await yy.request('GET', `/api/indicator-plans/${yyPlan}/indicators`)).json.rows;
    const service = yyRows.find((x: any) => x.name === '服务质量满意度').id;
    const ok = await yy.request('PUT', `/api/indicators/${service}/targets/2024`, { target: { kind: 'qualitative', text: '服务质量满意度稳步提升' }, reason: '测试理由' });
    expect(ok.status).toBe(200);
  });

  it('the year in a target address is digits only (2.024e3, 0x7E8 or " 2024" were read as 2024), and a revert outside the plan years is a 400 as a set is', async () => {
    const office = await login(t.app, 'office');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    const id15 = table.rows.find((x: any) => x.code === 15).id;
    for (const y of ['2.024e3', '0x7E8', '%202024', '2024.0']) {
      const set = await office.request('PUT', `/api/indicators/${id15}/targets/${y}`, { target: { bound: 'min', value: 98.5 }, reason: '测试理由' });
      expect([y, set.status, set.json.fields]).toEqual([y, 400, [{ field: 'year', message: '年份须为整数' }]]);
      const back = await office.request('POST', `/api/indicators/${id15}/targets/${y}/revert`, { reason: '测试理由', version: 1 });
      expect([y, back.status]).toEqual([y, 400]);
    }
    const d = (await office.request('GET', `/api/indicators/${id15}`)).json;
    expect(d.path.find((p: any) => p.year === 2024)).toMatchObject({ origin: 'interpolated', version: null });
    // a year outside the plan is refused as the set refuses it, not a 409 saying someone reverted it meanwhile
    for (const y of [2020, 2026]) {
      const back = await office.request('POST', `/api/indicators/${id15}/targets/${y}/revert`, { reason: '测试理由', version: 1 });
      expect([y, back.status, back.json.fields]).toEqual([y, 400, [{ field: 'year', message: '年份须在2021至2025之间' }]]);
    }
  });

  it('the office puts a target back on the interpolated path: reason and version required, stale is 409, audited', async () => {
    const office = await login(t.app, 'office');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    const id14 = table.rows.find((x: any) => x.code === 14).id;
    const url = (y: number) => `/api/indicators/${id14}/targets/${y}/revert`;
    // the previous test left 2024 at 92.5, version 2
    const noReason = await office.request('POST', url(2024), { version: 2 });
    expect(noReason.status).toBe(400);
    expect(noReason.json.message).toContain('请填写恢复理由');
    expect(noReason.json.message).not.toMatch(/[a-z]/i);
    const noVersion = await office.request('POST', url(2024), { reason: '恢复插值' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.message).toContain('版本号');
    expect(noVersion.json.message).not.toMatch(/[a-z]/i);
    expect((await (await login(t.app, 'samr')).request('POST', url(2024), { reason: '恢复插值', version: 2 })).status).toBe(403);
    expect((await (await login(t.app, 'yueyang.office')).request('POST', url(2024), { reason: '恢复插值', version: 2 })).status).toBe(403);
    const stale = await office.request('POST', url(2024), { reason: '恢复插值', version: 1 });
    expect(stale.status).toBe(409);
    // who set the target now in force (the office itself, in another window), to what and when; the stored target for the form
    expect(stale.json.message).toMatch(/^2024年目标已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}设定为“92\.5”，请刷新后查看再调整$/);
    expect(stale.json.current).toMatchObject({ target: { value: 92.5 }, version: 2 });
    let d = (await office.request('GET', `/api/indicators/${id14}`)).json;
    expect(d.path.find((p: any) => p.year === 2024)).toMatchObject({ text: '92.5', origin: 'office', version: 2 });
    const ok = await office.request('POST', url(2024), { reason: '2024年不再单独设定，恢复按路径插值', version: 2 });
    expect(ok.status).toBe(200);
    // back on the path: 90.1 + 3.4 × 4/5 = 92.82, printed 92.9
    expect(ok.json.path.find((p: any) => p.year === 2024)).toMatchObject({ text: '92.9', origin: 'interpolated', reason: null, version: null });
    // a second revert of the same version finds nothing stored: 409, and a year never set is 409 too
    const again = await office.request('POST', url(2024), { reason: '再次恢复', version: 2 });
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(/^2024年目标已由您在其他窗口于.+恢复为按路径插值，请刷新后查看$/)]);
    expect((await office.request('POST', url(2022), { reason: '从未设定', version: 1 })).status).toBe(409);
    // the 工作要点's 2023 target (≥91) can be reverted as well: 90.1 + 3.4 × 3/5 = 92.14 on the path (printed 92.2), and the 2023 light follows
    d = (await office.request('GET', `/api/indicators/${id14}`)).json;
    const wp = d.path.find((p: any) => p.year === 2023);
    expect(wp).toMatchObject({ text: '≥91', origin: 'work-plan', version: 1 });
    const back = await office.request('POST', url(2023), { reason: '测试：恢复插值', version: 1 });
    expect(back.json.path.find((p: any) => p.year === 2023)).toMatchObject({ text: '92.2', origin: 'interpolated' });
    // 91.2 against 92.14: (91.2 − 90.1) / (92.14 − 90.1) = 1.1 / 2.04 = 0.5392 → 滞后
    expect(back.json.statuses.find((s: any) => s.year === 2023).status).toMatchObject({ status: 'lagging', ratio: 0.5392 });
    // put the 工作要点's figure back (as a new office target) so that later tests see the demo's 2023 table
    expect((await office.request('PUT', `/api/indicators/${id14}/targets/2023`, { target: { bound: 'min', value: 91 }, reason: '恢复2023年工作要点目标' })).status).toBe(200);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'entity_id', 'before_json', 'after_json']).where('action', '=', 'indicator.target.revert').where('entity_id', '=', String(id14)).orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ year: 2024, target: { value: 92.5 }, origin: 'office', version: 2 });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ year: 2024, target: { value: 92.82 }, origin: 'interpolated', reason: '2024年不再单独设定，恢复按路径插值' });
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ year: 2023, origin: 'work-plan' });
  });

  it('quarterly monitoring: the demo’s 2023 Q1–Q3 beside the year’s target, the quarter path and a light per quarter', async () => {
    const office = await login(t.app, 'office');
    const table = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json;
    expect(table.quarter).toBeNull();
    expect(table.quarterYears).toEqual([2023]);
    expect(table.rows.every((r: any) => r.quarter === null)).toBe(true);
    const id = (code: number) => table.rows.find((x: any) => x.code === code).id;
    // 18: from 2022’s 78.9 to the path’s 79.108 (77.77 + 2.23 × 3/5), 0.052 a quarter
    const q18 = (await office.request('GET', `/api/indicators/${id(18)}/quarters`)).json;
    expect(q18).toMatchObject({ year: 2023, years: [2023], yearTarget: { text: '79.11' }, start: { value: 78.9, year: 2022, from: 'actual', label: '上年确认值' } });
    expect(q18.quarters.map((q: any) => [q.label, q.path, q.actual?.value ?? null, q.status?.status ?? null, q.status?.ratio ?? null])).toEqual([
      ['第1季度', 78.952, 78.93, 'lagging', 0.5769], // 0.03 / 0.052
      ['第2季度', 79.004, 79.05, 'on_track', 1.4423], // 0.15 / 0.104
      ['第3季度', 79.056, 79.2, 'ahead', 1.9231], // ≥ 79.108 before Q4; 0.3 / 0.156
      ['第4季度', 79.108, null, null, null],
    ]);
    expect(q18.quarters[0].actual.demo).toBe(true);
    // 22 (binding): from 96.2 to the 工作要点's 97.3, 0.275 a quarter; Q2 96.6 < 96.75 lags
    const q22 = (await office.request('GET', `/api/indicators/${id(22)}/quarters?year=2023`)).json;
    expect(q22.quarters.map((q: any) => [q.path, q.status?.status ?? null])).toEqual([
      [96.475, 'on_track'],
      [96.75, 'lagging'],
      [97.025, 'on_track'],
      [97.3, null],
    ]);
    // 13: 2022's 94.18 already meets ≥94: the quarters hold 94
    const q13 = (await office.request('GET', `/api/indicators/${id(13)}/quarters`)).json;
    expect(q13.quarters.map((q: any) => [q.path, q.status?.status ?? null])).toEqual([
      [94, 'on_track'],
      [94, 'on_track'],
      [94, 'on_track'],
      [94, null],
    ]);
    // a year without quarterly values: the paths, no values; 2022 starts from 2021's 90.6 for 14 (path 91.46)
    const q14 = (await office.request('GET', `/api/indicators/${id(14)}/quarters?year=2022`)).json;
    expect(q14).toMatchObject({ year: 2022, years: [], start: { value: 90.6, from: 'actual' } });
    // 90.6 + (91.46 − 90.6) × q/4: 90.815, 91.03, 91.245, 91.46
    expect(q14.quarters.map((q: any) => q.path)).toEqual([90.815, 91.03, 91.245, 91.46]);
    // the table's quarter column
    const t2 = (await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2023&quarter=2`)).json;
    expect(t2.quarter).toBe(2);
    const cell = (code: number) => t2.rows.find((x: any) => x.code === code).quarter;
    expect(cell(18)).toMatchObject({ quarter: 2, path: 79.004, actual: { value: 79.05 }, status: { status: 'on_track' } });
    expect(cell(22)).toMatchObject({ path: 96.75, status: { status: 'lagging' } });
    expect(cell(14)).toMatchObject({ actual: null, status: null });
    // bad input in Chinese
    const bad = await office.request('GET', `/api/indicator-plans/${province}/indicators?quarter=5`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('季度');
    const badYear = await office.request('GET', `/api/indicators/${id(18)}/quarters?year=2030`);
    expect(badYear.status).toBe(400);
    expect(badYear.json.message).toContain('不在规划期');
    // a city reads the province's quarters; another city's plan stays hidden
    const changsha = await login(t.app, 'changsha');
    expect((await changsha.request('GET', `/api/indicators/${id(18)}/quarters`)).status).toBe(200);
    const yyPlan = (await (await login(t.app, 'yueyang.office')).request('GET', `/api/indicator-plans/${yueyangPlan}/indicators`)).json;
    expect((await changsha.request('GET', `/api/indicators/${yyPlan.rows[0].id}/quarters`)).status).toBe(404);
  });

  it('a quarterly period’s reporting sheet lights the province’s figure as the quarterly view does (one figure, one light)', async () => {
    const office = await login(t.app, 'office');
    const periods = (await office.request('GET', '/api/indicator-reporting/periods')).json.periods as { id: number; planId: number; year: number; quarter: number | null }[];
    const quarterly = periods.filter((p) => p.planId === province && p.year === 2023 && p.quarter !== null);
    expect(quarterly.map((p) => p.quarter).sort()).toEqual([1, 2, 3]);
    const seen: [number, number, string][] = [];
    for (const p of quarterly) {
      const rows = (await office.request('GET', `/api/indicator-reporting/periods/${p.id}/rows?scope=all`)).json.rows as any[];
      for (const r of rows.filter((x) => x.unit.isRegion && x.value?.value != null && x.value.status === 'accepted')) {
        const view = (await office.request('GET', `/api/indicators/${r.indicator.id}/quarters?year=2023`)).json;
        const cell = view.quarters.find((q: any) => q.quarter === p.quarter);
        expect(cell.actual.value).toBe(r.value.value);
        expect([r.indicator.code, p.quarter, r.light.status]).toEqual([r.indicator.code, p.quarter, cell.status.status]); // names the row that differs
        expect(r.light.reason).toBe(cell.status.reason);
        seen.push([r.indicator.code, p.quarter!, r.light.status]);
      }
    }
    // the demo's three indicators in each of the three quarters; 22 (binding) in Q3: 97.1 meets the quarter's path
    // 97.025, though not yet the year's 97.3 (the sheet judged it against the year and said 滞后)
    expect(seen).toHaveLength(9);
    expect(seen).toContainEqual([22, 3, 'on_track']);
    expect(seen).toContainEqual([18, 3, 'ahead']);
  });

  it('the pages number indicators as the documents do: the province’s plan by its own 1–24, 岳阳市’s 1, 2, … over its stored keys', async () => {
    const office = await login(t.app, 'office');
    const ours = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json.rows as { id: number; code: number; number: number }[];
    expect(ours.map((r) => r.number)).toEqual(ours.map((r) => r.code));
    expect(ours.map((r) => r.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const yy = await login(t.app, 'yueyang.office');
    const rows = (await yy.request('GET', `/api/indicator-plans/${yueyangPlan}/indicators`)).json.rows as { id: number; code: number; number: number; name: string }[];
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    // the stored keys stay: the province's code of a shared indicator, 101… for the city's own
    expect(rows[0].code).toBe(13);
    expect(rows.some((r) => r.code > 100)).toBe(true);
    // one indicator's page, and the matrix, read the same number as the table
    const own = rows.find((r) => r.code > 100)!;
    expect((await yy.request('GET', `/api/indicators/${own.id}`)).json.indicator.number).toBe(own.number);
    const m = (await yy.request('GET', `/api/indicator-plans/${yueyangPlan}/matrix`)).json;
    for (const ind of m.indicators as { id: number; number: number }[]) expect(ind.number).toBe(rows.find((r) => r.id === ind.id)!.number);
    // and a 整改事项 raised on one of its figures, whose source reads 「… · 第 N 项 …」 (indicatorStanding)
    const office430600 = await orgId(t.db, 'office-430600');
    const user: SessionUser = { id: 1, username: 'yueyang.office', displayName: 'x', role: 'office', orgUnitId: office430600, org: await sessionOrg(t.db.db, office430600), mustChangePassword: false, sessionId: '', csrfToken: '' };
    const standing = await indicatorStanding(t.db.db, user, own.id, await orgId(t.db, '430600'), 2023, '2024-03-01');
    expect([standing.code, standing.number]).toEqual([own.code, own.number]);
    // and so do the reporting sheets of its periods
    // set while it is open (a period locked on the day it is set is refused)
    t.config.now = () => new Date('2025-01-10T04:00:00.000Z');
    const made = await yy.request('POST', '/api/indicator-reporting/periods', { planId: yueyangPlan, year: 2024, opensOn: '2025-01-05', closesOn: '2025-02-28', lockDays: 15 }).finally(() => {
      t.config.now = undefined;
    });
    expect(made.status).toBe(201);
    const period = made.json;
    const sheet = (await yy.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows as { indicator: { id: number; number: number } }[];
    expect(sheet.length).toBeGreaterThan(0);
    for (const r of sheet) expect(r.indicator.number).toBe(rows.find((x) => x.id === r.indicator.id)!.number);
  });

  it("岳阳市's plan names no provincial department as 责任单位 of the indicators it shares with the province: only departments under the plan's region answer for its figure, as the raise and the to-dos already hold", async () => {
    const yy = await login(t.app, 'yueyang.office');
    const rows = (await yy.request('GET', `/api/indicator-plans/${yueyangPlan}/indicators`)).json.rows as { id: number; code: number; departments: { name: string }[]; assumed: boolean }[];
    // 13–17, 22, 23 are the province's; seed 002 names no 责任单位 for any of 岳阳市's targets
    const shared = rows.filter((r) => r.code < 100);
    expect(shared.map((r) => r.code)).toEqual([13, 14, 15, 16, 17, 22, 23]);
    for (const r of rows) expect(r.departments).toEqual([]);
    // the province's assumption of a provincial department (15, 17, 22, 23) is not the city's plan's either
    expect(shared.filter((r) => r.assumed)).toEqual([]);
    const d = (await yy.request('GET', `/api/indicators/${shared[0]!.id}`)).json;
    expect(d.indicator).toMatchObject({ departments: [], assumed: false });
    // whom a lagging figure of the city is asked of: the city itself, never 省市场监督管理局
    expect(d.abilities.raiseFor).toEqual([{ orgId: await orgId(t.db, '430600'), name: '岳阳市', figureOrgId: await orgId(t.db, '430600') }]);
    // the province's plan keeps its departments
    const office = await login(t.app, 'office');
    const ours = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json.rows as { code: number; departments: { name: string }[]; assumed: boolean }[];
    expect(ours.find((r) => r.code === 13)).toMatchObject({ departments: [{ name: '省市场监督管理局' }], assumed: false });
    expect(ours.find((r) => r.code === 15)).toMatchObject({ departments: [{ name: '省市场监督管理局' }], assumed: true });
    // and so does the city's .xlsx: no provincial department in its 责任单位 column
    const x = await download('yueyang.office', `/api/indicator-plans/${yueyangPlan}/export.xlsx`);
    const wb = new (await loadExcelJS()).Workbook();
    await wb.xlsx.load(x.body as never);
    const ws = wb.getWorksheet('规划指标')!;
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.filter((c) => c.startsWith('省'))).toEqual([]);
  }, 120_000);

  const download = async (username: string, url: string) => {
    const c = await login(t.app, username);
    const r = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
    return { status: r.statusCode, type: String(r.headers['content-type']), body: r.rawPayload, name: decodeURIComponent(String(r.headers['content-disposition']).replace(/^.*filename\*=UTF-8''/, '')) };
  };

  it('exports the table as .xlsx (read back) and the 规划指标监测情况 as .docx with the charts', async () => {
    const x = await download('samr', `/api/indicator-plans/${province}/export.xlsx?year=2023`);
    expect(x.status).toBe(200);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    // a Chinese title, no space before 监测表 (it read “……主要规划指标 监测表（2023年）”)
    expect(rows[0]![0]).toMatch(/[^\s]监测表（2023年）$/);
    const r13 = rows.find((r) => r[2] === '制造业产品质量合格率')!;
    expect(r13.slice(0, 7)).toEqual(['13', '产品质量', '制造业产品质量合格率', '%', '93.61', '95', '预期性']);
    expect(r13.slice(9, 14)).toEqual(['≥94', '年度工作要点', '94.52', '2023', '符合预期']);
    // the 2025 forecast (least squares → 95.104) reads as the report prints it, to 2 decimals (the sheet showed 95.104, the report 95.1)
    expect(r13[15]).toBe('95.1');
    expect(rows.find((r) => r[2]?.startsWith('国控断面'))![13]).toBe('滞后');
    // a bare figure is a number (no "number stored as text"), and counts print whole (General, not 0.0###)
    const target = ws.getRow(rows.indexOf(r13) + 1).getCell(6);
    expect([typeof target.value, target.value]).toEqual(['number', 95]);
    expect(ws.getRow(rows.indexOf(r13) + 1).getCell(5).numFmt ?? 'General').toBe('General');
    // a year's target on the path is written as the indicator's own figures are (77.77 → 80: two decimals, up where
    // higher is better), not to the engine's 79.108
    const r18 = rows.find((r) => r[2] === '生活性服务业客户满意度')!;
    expect(ws.getRow(rows.indexOf(r18) + 1).getCell(10).value).toBe(79.11);
    // 16 columns print on A4 landscape two pages wide (one page shrank them to 6 pt), the rows' two halves side by side,
    // 序号, 类别 and 指标 and the header rows on every page, the year's columns from its target on the second page
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 2, fitToHeight: 0, pageOrder: 'overThenDown', printTitlesColumn: 'A:C' });
    const head = rows.find((r) => r[0] === '序号')!;
    expect(ws.pageSetup.printTitlesRow).toBe(`1:${rows.indexOf(head) + 1}`);
    const width = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ws.getColumn(from + i).width!).reduce((a, b) => a + b, 0);
    expect(head[9]).toBe('2023年目标');
    expect(width(1, 9)).toBeGreaterThan(width(1, 3) + width(10, 16));
    expect(width(1, 9)).toBeLessThan(LANDSCAPE_UNITS.A4 * 1.25);
    // 计量方式 reads whole on one line ("当年水平（年末值）" wrapped before its "）", which stood alone under it), and so do
    // the headers with a year in them
    const header = rows.find((r) => r[0] === '序号')!;
    const measure = header.indexOf('计量方式');
    expect(r13[measure]).toBe('当年水平（年末值）');
    const oneLine = (text: string, col: number) => wrappedLines(text, ws.getColumn(col + 1).width!) === 1;
    for (const r of rows.slice(rows.indexOf(header) + 1).filter((r) => /^\d+$/.test(r[0]!))) expect(oneLine(r[measure]!, measure), r[measure]).toBe(true);
    // and so do every header and every 类别 (质量基础设施, 生态环境质量): at 12 units the kit counted them two lines, so
    // the header row and those indicators' rows were set twice as tall as what they print (the header on every page)
    for (const [i, h] of header.entries()) expect(oneLine(h, i), h).toBe(true);
    for (const r of rows.slice(rows.indexOf(header) + 1).filter((r) => /^\d+$/.test(r[0]!))) expect(oneLine(r[1]!, 1), r[1]).toBe(true);
    // the notes print under the columns of the page they explain, at its width: 责任单位's under 单位…责任单位 (D:I) on
    // the plan's page, the status rule, forecast, 名录计数 and demo notes under the year's columns (J:P); merged over the
    // repeated A:C alone (48 units), they wrapped every few words (the 名录计数 note 6 lines, now 3) and took a fifth page
    const last24 = rows.findIndex((r) => r[0] === '24') + 1;
    const noteRows = Array.from({ length: ws.rowCount - last24 }, (_, i) => last24 + 1 + i);
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    const mergeOf = (r: number) => merges.find((m) => m.replace(/[A-Z]+/g, '').split(':').every((n) => Number(n) === r));
    expect(noteRows.map((r) => mergeOf(r)?.replace(/\d+/g, ''))).toEqual(['D:I', 'J:P', 'J:P', 'J:P', 'J:P']);
    expect(ws.getCell(noteRows[0]!, 4).value).toBe('注：责任单位标“（假定）”的，规划未写明责任单位，按职责假定。');
    expect(String(ws.getCell(noteRows[1]!, 10).value)).toMatch(/^注：状态按序时进度判断/);
    for (const r of noteRows) expect(ws.getRow(r).height, `row ${r}`).toBeLessThanOrEqual(rowHeight(3, 10));
    const d = await download('office', `/api/indicator-plans/${province}/report.docx?year=2023`);
    expect(d.status).toBe(200);
    const zip = await JSZip.loadAsync(d.body);
    const raw = await zip.file('word/document.xml')!.async('string');
    const xml = raw.replace(/<[^>]+>/g, '');
    expect(xml).toContain('规划指标监测情况');
    // the monitoring table: a figure with its year ("98.6" over "（2023年）") and a status ("符合预期") each line on one
    // line — measured as the word processors set it: a CJK character an em, a figure half, and a quarter em where CJK
    // meets a figure (the autospacing all three apply); the cell's margins 80 twips a side, 9 pt text
    const monitoring = raw.slice(raw.indexOf('<w:tbl>', raw.indexOf('四、监测表')));
    const grid = [...monitoring.slice(0, monitoring.indexOf('</w:tblGrid>')).matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    const cjk = /[\u2e80-\ua4cf\uf900-\ufaff\uff00-\uff60\u3000-\u303f]/;
    const lineEms = (l: string) => [...l].reduce((w, ch, i) => w + (cjk.test(ch) ? 1 : 0.55) + (i > 0 && cjk.test(ch) !== cjk.test(l[i - 1]!) ? 0.25 : 0), 0);
    const widest = (...lines: string[]) => Math.max(...lines.map((l) => 180 * lineEms(l) + 160));
    expect(grid).toHaveLength(9);
    expect(grid[5], '确认值').toBeGreaterThanOrEqual(widest('（2023年）', '名录计数', '98.6'));
    expect(grid[6], '状态').toBeGreaterThanOrEqual(widest('符合预期', '提前实现', '无法判断'));
    // every figure's caption keeps its lines together (figure 22's split over pages 8 and 9), the picture keeps with it
    const paras = [...raw.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]!);
    const captions = paras.filter((p) => /^图\d/.test(p.replace(/<[^>]+>/g, '')));
    expect(captions).toHaveLength(10);
    // numbered in order, 图1 … 图10 (GB/T 7713.1), each naming its indicator, then the plan's number after it: not 「图：13.」,
    // nor 「图4 16. …」 (two numbers in a row)
    expect(captions.map((p) => /^图(\d+) [^\d\s][^（]*（第\d+项指标）/.exec(p.replace(/<[^>]+>/g, ''))?.[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    for (const c of captions) expect(c).toContain('<w:keepLines/>');
    // each caption on one line (四号, 14 pt, across the 版心; a dash a full em): a caption of two lines left room for
    // one chart a page (figures 19, 22 and 23 printed alone on pages 8–10)
    const wide = /[\u2014\u2e80-\ua4cf\uf900-\ufaff\uff00-\uff60\u3000-\u303f]/;
    const captionEms = (l: string) => [...l].reduce((w, ch, i) => w + (wide.test(ch) ? 1 : 0.55) + (i > 0 && wide.test(ch) !== wide.test(l[i - 1]!) ? 0.25 : 0), 0);
    for (const c of captions.map((p) => p.replace(/<[^>]+>/g, ''))) expect(captionEms(c) * 280, c).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(xml).toMatch(/图\d+ 国控断面Ⅰ—Ⅲ类优良水质比例（第22项指标）/);
    expect(paras.filter((p) => p.includes('<w:drawing>')).every((p) => p.includes('<w:keepNext/>'))).toBe(true);
    // 4–8 have no accepted value: their status is the honours roll's count (indicators.roll.test.ts): 8 大禹奖 ahead, 4–7 lagging
    expect(xml).toContain('其中15项已有确认数据或名录计数（5项荣誉类存量指标当年无确认值，按荣誉名录计数判断）：提前实现1项，符合预期9项，滞后4项，无法判断1项');
    // a department the plan does not name is said to be assumed, as the monitoring sheet says it
    expect(xml).toContain('5. 鲁班奖（预期性，责任单位：省住房城乡建设厅（假定））：按名录计数（2020年基期值72项，加名录中2021—2023年');
    expect(xml).toContain('责任单位标“（假定）”的，规划未写明责任单位，按职责假定。');
    // a lagging indicator's reason after a colon, its own parentheses not closed twice
    expect(xml).toContain('22. 国控断面Ⅰ—Ⅲ类优良水质比例（约束性，责任单位：省生态环境厅（假定））：约束性指标，实际值96%未达到2023年目标97.3%（完成序时进度的67.5%）。');
    expect(xml).not.toContain('%））');
    expect(xml).toContain('国控断面Ⅰ—Ⅲ类优良水质比例');
    // a binding indicator's target in the unit of its value (not "96%，2023年目标 97.3"), compared once (not again in the
    // status's reason: 「当年目标为97.3%，滞后：约束性指标，实际值96%未达到2023年目标97.3%」); the rule said once, not per indicator
    expect(xml).toContain('国控断面Ⅰ—Ⅲ类优良水质比例：2023年实际值96%，未达到当年目标97.3%，滞后（完成序时进度的67.5%）。');
    expect(xml).toContain('森林覆盖率：2023年实际值59.98%，达到当年目标≥59%，符合预期。');
    expect(xml.split('约束性指标须达到当年目标，不设容差').length - 1).toBe(1);
    // no judgement: why, said once (it read “无法判断（2023年目标值尚未确定，无法判断）”)
    expect(xml).toMatch(/地级及以上城市空气质量优良天数比率：2023年实际值[\d.]+%，当年目标为完成国家下达的目标值，尚无具体数值，无法判断。/);
    expect(xml).not.toMatch(/无法判断（[^）]*无法判断/);
    // a 文件 carries its 发文字号 line: the placeholder until the office numbers it, as the other 文件 do
    expect(xml).toContain('湖南省质量强省领导小组办公室文件×××〔');
    expect(xml).toContain('演示数据');
    expect(xml).toContain('序号指标单位');
    // the same forecast in the report's table as in the sheet: 13 制造业产品质量合格率 … 2025年目标 95, 预测 95.1
    expect(xml).toMatch(/13制造业产品质量合格率%93\.61≥9494\.52（2023年）符合预期9595\.1/);
    // 岳阳市's report has its 主送 too; its programme does not number its targets (seed 002), so its documents count
    // them 1, 2, … (they printed the stored keys: 13…23 kept from the province's, 101–116 its own)
    const yy = await download('yueyang.office', `/api/indicator-plans/${yueyangPlan}/report.docx`);
    expect(yy.status).toBe(200);
    // the file named by the plan's title without the spaces the seed's text put around its figures (建设 2025 年)
    expect(yy.name).toMatch(/^岳阳市质量强市建设2025年工作目标（\d{4}年）规划指标监测情况\.docx$/);
    const yyXml = (await (await JSZip.loadAsync(yy.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(yyXml).toContain('岳阳市质量强市领导小组各成员单位、各县市区质量强县（市、区）领导小组办公室：');
    expect(yyXml).toContain('序号指标单位');
    expect(yyXml).toContain('1制造业产品质量合格率%');
    expect(yyXml).toContain('8林产品抽样监测任务完成率%');
    expect(yyXml).toContain('23服务质量满意度');
    expect(yyXml).not.toContain('101林产品');
    const yyX = await download('yueyang.office', `/api/indicator-plans/${yueyangPlan}/export.xlsx`);
    const yyWb = new (await loadExcelJS()).Workbook();
    await yyWb.xlsx.load(yyX.body as never);
    const yyWs = yyWb.getWorksheet('规划指标')!;
    const numbers: unknown[] = [];
    for (let r = 4; r <= yyWs.rowCount; r++) if (typeof yyWs.getCell(r, 1).value === 'number') numbers.push(yyWs.getCell(r, 1).value);
    expect(numbers).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(10);
    // ten charts drawn on the server (SVG → PNG) take their time on a busy machine
  }, 180_000);

  it("the status rule is one sentence (statusRule) from the plan's thresholds: the page's plan, the .xlsx note and the .docx say it alike, and a changed threshold changes all three", async () => {
    const sheetNotes = async () => {
      const wb = new (await loadExcelJS()).Workbook();
      await wb.xlsx.load((await download('office', `/api/indicator-plans/${province}/export.xlsx?year=2023`)).body as never);
      const cells: string[] = [];
      wb.worksheets[0]!.eachRow((r) => cells.push(...(r.values as unknown[]).filter((v) => typeof v === 'string')));
      return cells;
    };
    const report = async () => {
      const d = await download('office', `/api/indicator-plans/${province}/report.docx?year=2023`);
      return (await (await JSZip.loadAsync(d.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    };
    // what the page writes its note from: the plan's thresholds as the browser gets them
    const pagePlan = async () => (await (await login(t.app, 'office')).request('GET', '/api/indicator-plans')).json.items.find((p: any) => p.id === province);
    const demo = (await pagePlan()).thresholds;
    expect(demo).toEqual(openSdgThresholds);
    expect(await sheetNotes()).toContain(`注：${statusRule(demo)}`);
    expect(await report()).toContain(statusRule(demo));
    expect(statusRule(demo)).toContain('≥ 95%为符合预期');
    try {
      await t.db.db.updateTable('indicator_plan').set({ thresholds_json: JSON.stringify({ onTrack: 0.9, fair: 0.5 }) }).where('id', '=', province).execute();
      const changed = (await pagePlan()).thresholds;
      expect(changed).toEqual({ onTrack: 0.9, fair: 0.5 });
      expect(statusRule(changed)).toContain('≥ 90%为符合预期');
      expect(await sheetNotes()).toContain(`注：${statusRule(changed)}`);
      const xml = await report();
      expect(xml).toContain(statusRule(changed));
      expect(xml).not.toContain('95%为符合预期');
    } finally {
      await t.db.db.updateTable('indicator_plan').set({ thresholds_json: JSON.stringify(openSdgThresholds) }).where('id', '=', province).execute();
    }
  });

  it('the 名录计数 rule is one text (ROLL_RULE, shared): the indicator detail sends it, the .xlsx note and the .docx print it', async () => {
    const office = await login(t.app, 'office');
    const row5 = (await office.request('GET', `/api/indicator-plans/${province}/indicators?year=2023`)).json.rows.find((x: any) => x.code === 5);
    expect(row5.rollCount.usedForStatus).toBe(true);
    expect((await office.request('GET', `/api/indicators/${row5.id}?year=2023`)).json.roll.rule).toBe(ROLL_RULE);
    const wb = new (await loadExcelJS()).Workbook();
    await wb.xlsx.load((await download('office', `/api/indicator-plans/${province}/export.xlsx?year=2023`)).body as never);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => cells.push(...(r.values as unknown[]).filter((v): v is string => typeof v === 'string')));
    expect(cells).toContain(`荣誉类存量指标当年无确认值的，“最新确认值”填名录计数。${ROLL_RULE}`);
    const d = await download('office', `/api/indicator-plans/${province}/report.docx?year=2023`);
    const xml = (await (await JSZip.loadAsync(d.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml.split(ROLL_RULE).length - 1).toBe(1);
  });

  it('a reopened confirmed figure stays in force (table, status, to-do, export) until its correction is accepted; the page shows both', async () => {
    const office = await login(t.app, 'office');
    const ecology = await login(t.app, 'ecology');
    const leader = await login(t.app, 'leader');
    const p2023 = (await office.request('GET', '/api/indicator-reporting/periods')).json.periods.find((p: any) => p.planId === province && p.label === '2023年度');
    const water = (await leader.request('GET', `/api/indicator-plans/${province}/indicators?year=2023`)).json.rows.find((x: any) => x.code === 22);
    const org = (await office.request('GET', `/api/indicator-reporting/periods/${p2023.id}/rows?scope=all`)).json.rows.find((r: any) => r.indicator.id === water.id && r.unit.isRegion).unit.id;
    const table22 = async () => (await leader.request('GET', `/api/indicator-plans/${province}/indicators?year=2023`)).json.rows.find((x: any) => x.code === 22);
    const lagging = async () => (await office.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'indicators.lagging').map((x: any) => x.title);
    const reopened = await office.request('POST', `/api/indicator-reporting/periods/${p2023.id}/reopen`, { indicatorId: water.id, orgId: org, reason: '生态环境部反馈2023年数据需更正' });
    expect(reopened.status).toBe(200);
    expect(reopened.json.value).toMatchObject({ status: 'returned', value: 96, confirmed: { value: 96 } });
    const draft = await ecology.request('POST', '/api/indicator-reporting/values', { periodId: p2023.id, indicatorId: water.id, orgId: org, value: 97.5, sourceDoc: '环办监测函〔2024〕1号', explanation: '按生态环境部反馈更正', version: reopened.json.value.version });
    expect(draft.status).toBe(200);
    expect(draft.json.value).toMatchObject({ value: 97.5, status: 'returned', confirmed: { value: 96 } });
    // the confirmed 96 is still the figure in force everywhere
    expect(await table22()).toMatchObject({ actual: { year: 2023, value: 96 }, status: { status: 'lagging' } });
    expect(await lagging()).toEqual(['约束性指标滞后：国控断面Ⅰ—Ⅲ类优良水质比例（2023年96%）']);
    const x = await download('leader', `/api/indicator-plans/${province}/export.xlsx?year=2023`);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => {
      const v = (r.values as unknown[]).slice(1).map((c) => String(c ?? ''));
      if (v[2]?.startsWith('国控断面')) cells.push(v[11]!, v[13]!);
    });
    expect(cells).toEqual(['96', '滞后']);
    // the correction goes the usual way; once accepted it replaces the confirmed figure
    const sub = await ecology.request('POST', `/api/indicator-reporting/values/${draft.json.value.id}/transition`, { event: 'submit', version: draft.json.value.version });
    expect(sub.json.value).toMatchObject({ status: 'submitted', confirmed: { value: 96 } });
    expect((await table22()).actual.value).toBe(96);
    const rev = await office.request('POST', `/api/indicator-reporting/values/${draft.json.value.id}/transition`, { event: 'review', version: sub.json.value.version });
    const acc = await office.request('POST', `/api/indicator-reporting/values/${draft.json.value.id}/transition`, { event: 'accept', version: rev.json.value.version });
    expect(acc.json.value).toMatchObject({ status: 'accepted', value: 97.5, confirmed: null });
    expect(await table22()).toMatchObject({ actual: { year: 2023, value: 97.5 }, status: { status: 'on_track' } });
    expect(await lagging()).toEqual([]);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'before_json', 'after_json']).where('entity_type', '=', 'indicator_value').where('entity_id', '=', String(draft.json.value.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['indicatorValue.reopen', 'indicatorValue.save', 'indicatorValue.submit', 'indicatorValue.review', 'indicatorValue.accept']);
    expect(audit.at(-1)!.after_json).toContain('96');
  });

  it("the table of the plan's last year names its two target columns apart: 2025年目标 (the year's) and 规划目标 — in the .xlsx and the .docx (the page heads its column by the same planTargetHead)", async () => {
    const x = await download('office', `/api/indicator-plans/${province}/export.xlsx?year=2025`);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const head = rows.find((r) => r[0] === '序号')!;
    expect([head[5], head[9]]).toEqual(['规划目标', '2025年目标']);
    const d = await download('office', `/api/indicator-plans/${province}/report.docx?year=2025`);
    const xml = await (await JSZip.loadAsync(d.body)).file('word/document.xml')!.async('string');
    const cells = [...xml.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    const from = cells.indexOf('序号');
    expect(cells.slice(from, from + 9)).toEqual(['序号', '指标', '单位', '2020年', '2025年目标', '确认值', '状态', '规划目标', '2025年预测']);
    // another year keeps the plan's own words
    const y23 = await download('office', `/api/indicator-plans/${province}/export.xlsx?year=2023`);
    const wb23 = new ExcelJS.Workbook();
    await wb23.xlsx.load(y23.body as any);
    const heads: string[] = [];
    wb23.worksheets[0]!.eachRow((r) => {
      if (r.getCell(1).value === '序号') heads.push(String(r.getCell(6).value), String(r.getCell(10).value));
    });
    expect(heads).toEqual(['2025年目标', '2023年目标']);
  });

  it('a database fault while an indicator’s plan is read is a 503 saying so, not a 404 saying the indicator does not exist', async () => {
    const office = await login(t.app, 'office');
    const id15 = (await office.request('GET', `/api/indicator-plans/${province}/indicators`)).json.rows.find((x: any) => x.code === 15).id;
    // a second app on the same database whose reads of the plan table meet a busy database (another process writing)
    let busy = false;
    const fault: KyselyPlugin = {
      transformQuery: (a) => {
        if (busy && JSON.stringify(a.node).includes('"indicator_plan"')) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const app = await buildApp({ config: t.config, db: { ...t.db, db: t.db.db.withPlugin(fault) } });
    try {
      const me = await login(app, 'office');
      busy = true;
      const r = await me.request('GET', `/api/indicators/${id15}`);
      expect([r.status, r.json.message]).toEqual([503, '系统繁忙，请稍后重试']);
      busy = false;
      expect((await me.request('GET', `/api/indicators/${id15}`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
