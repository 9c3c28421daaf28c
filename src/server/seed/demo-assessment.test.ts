import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDeadline } from '../../shared/deadline';
import { checkScheme } from '../../shared/contracts/schemes';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';
import { DEMO_CITY_CYCLE } from './demo-assessment';

describe.each(testDialects())('the demo assessment data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  it('has a published 2022 cycle with the seed scheme, 14 scored cities and frozen results', async () => {
    const office = await login(t.app, 'office');
    const cycles = (await office.request('GET', '/api/cycles')).json.items;
    expect(cycles.map((c: any) => [c.year, c.status, c.demo])).toEqual([
      [2023, 'collecting', true],
      [2022, 'published', true],
    ]);
    const c22 = cycles[1];
    const results = await t.db.db.selectFrom('cycle_result').innerJoin('org_unit', 'org_unit.id', 'cycle_result.unit_id').select(['org_unit.name', 'total', 'rank', 'grade', 'vetoed']).where('cycle_id', '=', c22.id).orderBy('rank').execute();
    expect(results).toHaveLength(14);
    // The golden figures of frameworks/hunan-assessment-2022.test.ts: 长沙 first with the national bonus, 衡阳 after its deduction, 湘西州 vetoed.
    expect(results[0]).toEqual({ name: '长沙市', total: '98.3', rank: 1, grade: 'A', vetoed: 0 });
    expect(results.find((r) => r.name === '衡阳市')).toMatchObject({ total: '85.4', rank: 9, grade: 'B' });
    expect(results[13]).toMatchObject({ name: '湘西土家族苗族自治州', grade: 'D', vetoed: 1, rank: 14 });
  });

  it('gives every seeded lost point a written reason (扣分理由), and full marks none', async () => {
    const { checkAnswer, pointsLost } = await import('../../shared/scoring');
    const c22 = await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2022).executeTakeFirstOrThrow();
    const fw = JSON.parse((await t.db.db.selectFrom('scheme').select('framework_json').where('cycle_id', '=', c22.id).executeTakeFirstOrThrow()).framework_json);
    const rows = await t.db.db.selectFrom('score').select(['item_code', 'criterion_code', 'answer_json', 'comment']).where('cycle_id', '=', c22.id).execute();
    let lostCount = 0;
    for (const r of rows) {
      const answer = JSON.parse(r.answer_json);
      const c = checkAnswer(fw, r.item_code, r.criterion_code, answer);
      if (!c.ok) throw new Error(c.message);
      const lost = pointsLost(fw, r.item_code, c, answer);
      if (lost) lostCount++;
      expect(lost ? r.comment : null, `${r.item_code}.${r.criterion_code}`).toBe(r.comment);
      if (lost) expect(r.comment).toMatch(/扣[\d.]+分|减[\d.]+分|一票否决/);
    }
    expect(lostCount).toBeGreaterThan(20);
    // the reason reaches the city's results view
    const changsha = await login(t.app, 'changsha');
    const res = await changsha.request('GET', `/api/cycles/${c22.id}/results`);
    expect(res.status).toBe(200);
    const own = (res.json.units as any[]).find((u) => u.unitName === '长沙市');
    const lostLines = (own.criteria as any[]).filter((x) => x.role === 'base' && x.lost !== '0');
    expect(lostLines.length).toBeGreaterThan(0);
    for (const l of lostLines) expect(l.comment, l.code).toMatch(/扣[\d.]+分/);
  });

  it('has the 2023 call for indicators of seed 000, with the demo departments reopened so a newcomer can declare', async () => {
    const samr = await login(t.app, 'samr');
    const todos = (await samr.request('GET', '/api/todos')).json.items;
    const cycle = (await samr.request('GET', '/api/cycles')).json.items.find((c: any) => c.year === 2023 && c.status === 'collecting');
    const detail = (await samr.request('GET', `/api/cycles/${cycle.id}`)).json;
    expect(detail).toMatchObject({ noticeNo: '湘质强办发〔2023〕8号', issuedOn: '2023-06-19', deadline: '2023-07-10', contactName: '唐碧辉' });
    expect(detail.departments).toHaveLength(18);
    const decl = await t.db.db.selectFrom('declaration').select(['reopened_until', 'content_json']).where('cycle_id', '=', cycle.id).where('department_id', '=', (await t.db.db.selectFrom('org_unit').select('id').where('code', '=', 'samr').executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow();
    expect(decl.reopened_until! > new Date().toISOString().slice(0, 10)).toBe(true);
    // the reopened declaration's to-do carries the new deadline, not the passed one
    expect(todos.find((x: any) => x.kind === 'declaration.fill')).toMatchObject({ title: `2023年度考核指标申报已为本单位重新开放，请于${formatDeadline(decl.reopened_until!).at}前提交`, dueAt: decl.reopened_until });
    expect(JSON.parse(decl.content_json).indicators.map((r: any) => r.sourceCode)).toEqual(['3.a', '5.a', '7.a']);
  });

  it('has 岳阳市质强办’s own 2023 cycle for its 9 counties in scoring: partial scores with reasons, one department submitted, a 评分 to-do for each', async () => {
    const yy = await login(t.app, 'yueyang.office');
    const [cycle] = (await yy.request('GET', '/api/cycles')).json.items;
    expect(cycle).toMatchObject({ year: 2023, status: 'scoring', demo: true, title: DEMO_CITY_CYCLE.title });
    const detail = (await yy.request('GET', `/api/cycles/${cycle.id}`)).json;
    expect(detail.officeName).toBe('岳阳市质量强市领导小组办公室');
    expect(detail.units.map((u: any) => u.name)).toEqual(['岳阳楼区', '云溪区', '君山区', '岳阳县', '华容县', '湘阴县', '平江县', '汨罗市', '临湘市']);
    // its scheme (the province's copied) names 'office' for the 质强办's key points: the organising office, no error
    const [scheme] = (await yy.request('GET', `/api/cycles/${cycle.id}/schemes`)).json.items;
    const schemeDetail = (await yy.request('GET', `/api/schemes/${scheme.id}`)).json;
    expect(schemeDetail.check.errors).toEqual([]);
    // the page reads 'office' under the city office's own name, and checks a draft against the codes the server allows
    expect(schemeDetail.evaluatorLabels.office).toBe('岳阳市质量强市领导小组办公室');
    expect(schemeDetail.evaluatorOptions.map((o: any) => o.code)).not.toContain('office');
    expect(Object.keys(schemeDetail.evaluatorLabels).sort()).toEqual([...schemeDetail.evaluatorOptions.map((o: any) => o.code), 'office'].sort());
    expect(checkScheme(schemeDetail.framework, new Set(Object.keys(schemeDetail.evaluatorLabels))).errors).toEqual([]);
    // the office's completeness matrix: ndrc complete and submitted, samr 4 counties, ecology 2, the rest none
    const progress = (await yy.request('GET', `/api/cycles/${cycle.id}/scoring/progress`)).json;
    const byCode = Object.fromEntries(progress.departments.map((d: any) => [d.code, d]));
    expect(byCode.ndrc).toMatchObject({ status: 'submitted', scored: byCode.ndrc.total });
    expect(byCode.samr.status).toBe('open');
    expect(byCode.samr.cells.map((c: any) => c.scored > 0)).toEqual([true, true, true, true, false, false, false, false, false]);
    expect(byCode.samr.scored).toBe(byCode.samr.total * (4 / 9));
    expect(byCode.ecology.cells.filter((c: any) => c.scored > 0)).toHaveLength(2);
    expect(progress.departments.filter((d: any) => d.status === 'submitted').map((d: any) => d.code)).toEqual(['ndrc']);
    expect(progress.scored).toBeLessThan(progress.total);
    // every saved lost point has its reason
    const rows = await t.db.db.selectFrom('score').select(['answer_json', 'comment', 'item_code', 'criterion_code']).where('cycle_id', '=', cycle.id).execute();
    expect(rows.filter((r) => r.comment !== null).length).toBeGreaterThan(0);
    for (const r of rows.filter((x) => x.comment !== null)) expect(r.comment, `${r.item_code}.${r.criterion_code}`).toMatch(/扣[\d.]+分|减[\d.]+分|一票否决/);
    // the results tab says 评分未完成 and names who has not submitted; the office may publish ndrc's scores early
    const results = (await yy.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    expect(results.completeness.complete).toBe(false);
    expect(results.completeness.pending.map((d: any) => d.name)).toContain('省市场监督管理局');
    expect(results.completeness.pending.map((d: any) => d.name)).not.toContain('省发展改革委');
    // the city's own office scores the 质强办 key points and has scored none: counted as missing, not "all scored"
    const own = results.completeness.pending.find((d: any) => d.name.startsWith('岳阳市') && d.name.includes('办公室'));
    expect(own?.missingCount).toBeGreaterThan(0);
    // the departments' and the city office's to-dos
    const todoOf = async (u: string) => ((await (await login(t.app, u)).request('GET', '/api/todos')).json.items as any[]).filter((x) => x.link.startsWith(`/assessment/${cycle.id}?tab=scoring`));
    expect((await todoOf('samr')).map((x) => [x.kind, x.title])).toEqual([['score.enter', `对岳阳市各县市区评分：${DEMO_CITY_CYCLE.title}`]]);
    expect((await todoOf('agriculture')).map((x) => x.kind)).toEqual(['score.enter']);
    expect(await todoOf('ndrc')).toEqual([]);
    // the office's own 评分 opens its 本单位评分, not the 评分进度 it follows the others on
    expect((await todoOf('yueyang.office')).map((x) => [x.kind, x.link]).sort()).toEqual([
      ['score.enter', `/assessment/${cycle.id}?tab=scoring&view=mine`],
      ['scoring.outstanding', `/assessment/${cycle.id}?tab=scoring`],
    ]);
    // the score grid and the score sheet have something to show
    const samr = await login(t.app, 'samr');
    const grid = (await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json;
    expect(grid.editable).toBe(true);
    expect(grid.units).toHaveLength(9);
    const sheet = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/scoring/sheet.xlsx`, headers: { cookie: samr.cookie } });
    expect(sheet.statusCode).toBe(200);
    // the province's office and leader do not see a city's own cycle
    expect((await (await login(t.app, 'office')).request('GET', `/api/cycles/${cycle.id}`)).status).toBe(404);
  });
});
