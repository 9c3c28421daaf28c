import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDeadline } from '../../shared/deadline';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';

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
      if (lost) expect(r.comment).toMatch(/扣 [\d.]+ 分|减 [\d.]+ 分|一票否决/);
    }
    expect(lostCount).toBeGreaterThan(20);
    // the reason reaches the city's results view
    const changsha = await login(t.app, 'changsha');
    const res = await changsha.request('GET', `/api/cycles/${c22.id}/results`);
    expect(res.status).toBe(200);
    const own = (res.json.units as any[]).find((u) => u.unitName === '长沙市');
    const lostLines = (own.criteria as any[]).filter((x) => x.role === 'base' && x.lost !== '0');
    expect(lostLines.length).toBeGreaterThan(0);
    for (const l of lostLines) expect(l.comment, l.code).toMatch(/扣 [\d.]+ 分/);
  });

  it('has the 2023 call for indicators of seed 000, with the demo departments reopened so a newcomer can declare', async () => {
    const samr = await login(t.app, 'samr');
    const todos = (await samr.request('GET', '/api/todos')).json.items;
    const cycle = (await samr.request('GET', '/api/cycles')).json.items.find((c: any) => c.year === 2023);
    const detail = (await samr.request('GET', `/api/cycles/${cycle.id}`)).json;
    expect(detail).toMatchObject({ noticeNo: '湘质强办发〔2023〕8号', issuedOn: '2023-06-19', deadline: '2023-07-10', contactName: '唐碧辉' });
    expect(detail.departments).toHaveLength(18);
    const decl = await t.db.db.selectFrom('declaration').select(['reopened_until', 'content_json']).where('cycle_id', '=', cycle.id).where('department_id', '=', (await t.db.db.selectFrom('org_unit').select('id').where('code', '=', 'samr').executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow();
    expect(decl.reopened_until! > new Date().toISOString().slice(0, 10)).toBe(true);
    // the reopened declaration's to-do carries the new deadline, not the passed one
    expect(todos[0]).toMatchObject({ title: `2023年度考核指标申报已为本单位重新开放，请于 ${formatDeadline(decl.reopened_until!).at} 前提交`, dueAt: decl.reopened_until });
    expect(JSON.parse(decl.content_json).indicators.map((r: any) => r.sourceCode)).toEqual(['3.a', '5.a', '7.a']);
  });
});
