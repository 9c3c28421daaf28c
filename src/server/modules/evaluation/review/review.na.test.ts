/**
 * 合理缺项 is the evaluation plan's to declare (seed 004 A.1: 3.5.b 无口岸的城市，此项为合理缺项; the organiser writes
 * it into the plan with a reason). An expert scores the sheet as the plan reads it: where the plan declares none, the
 * expert cannot answer "na" on its own. Such an answer was stored and shown as "不计入得分和满分" on the expert's
 * sheet, while the 综合评价 kept the item's full points: the applicant lost the criterion's points with no 扣分理由.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, planBody, scoreInFull } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: an expert answers 合理缺项 only where the plan declares it, on %s', (dialect) => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof acceptedApplication>>;
  const expert = () => s.clients['王教授'];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    s = await acceptedApplication(t, [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
    ]);
    // a plan without 合理缺项: the applicant has a port, so 3.5.b is scored
    const body = planBody(s.fw, s.experts, ['王教授', '李高工'], { notApplicable: [] });
    const draft = (await s.office.request('PUT', `/api/evaluation-applications/${s.app.id}/plan`, body)).json.plan;
    const plan = (await s.office.request('POST', `/api/evaluation-applications/${s.app.id}/plan/approve`, { version: draft.version })).json.plan;
    for (const m of plan.members) {
      await s.clients[m.expert.name].request('POST', `/api/plan-members/${m.id}/recusal`, { version: m.version, conflict: false, relations: [], statement: '本人与申请单位无利害关系' });
    }
  });
  afterAll(() => t?.close());

  it('an expert’s "na" on 3.5.b, which the plan scores, is a 400 naming the answer; nothing is saved', async () => {
    const r = await expert().request('PUT', `/api/evaluation-applications/${s.app.id}/sheet/3.5/b`, { version: null, answer: 'na' });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('3.5.b的评分有误：评价工作方案未将本项确定为合理缺项，请按评分方法评分（如确属合理缺项，请评价组织单位修订评价工作方案）');
    expect(r.json.fields).toEqual([{ field: 'answer', message: '评价工作方案未将本项确定为合理缺项，请按评分方法评分（如确属合理缺项，请评价组织单位修订评价工作方案）' }]);
    expect((await t.db.db.selectFrom('expert_sheet').select('id').where('application_id', '=', s.app.id).execute()).length).toBe(0);
  });

  it('the same criterion scored by its rule is saved', async () => {
    const r = await expert().request('PUT', `/api/evaluation-applications/${s.app.id}/sheet/3.5/b`, { version: null, answer: true });
    expect(r.status).toBe(200);
    const b = r.json.items.find((i: any) => i.code === '3.5').criteria.find((c: any) => c.code === 'b');
    expect([b.answer, b.score, b.notApplicable]).toEqual([true, '5', false]);
  });

  it('a "na" stored before the rule on 3.5.b of an open sheet reads as unanswered: the sheet shows it 未评分 and submitting is refused', async () => {
    const items = s.fw.sections.flatMap((x) => x.items.map((i) => i.code));
    // a fresh sheet (the case above saved 王教授's 3.5.b), scored in full
    await t.db.db.deleteFrom('expert_sheet').where('application_id', '=', s.app.id).execute();
    const version = await scoreInFull(expert(), s.app.id, s.fw, items);
    const wang = await t.db.db.selectFrom('expert_sheet').select(['id', 'answers_json', 'status']).where('application_id', '=', s.app.id).where('expert_id', '=', s.experts['王教授']!).executeTakeFirstOrThrow();
    expect(wang.status).toBe('open');
    const answers = JSON.parse(wang.answers_json);
    answers['3.5'].b = 'na';
    await t.db.db.updateTable('expert_sheet').set({ answers_json: JSON.stringify(answers) }).where('id', '=', wang.id).execute();

    const view = (await expert().request('GET', `/api/evaluation-applications/${s.app.id}/sheet`)).json;
    const b = view.items.find((i: any) => i.code === '3.5').criteria.find((c: any) => c.code === 'b');
    // not 不计入得分和满分, not the engine's "na": no answer, no score, as if never scored
    expect([b.answer, b.score, b.notApplicable, b.explanation]).toEqual([null, null, false, null]);
    expect(view.missing).toEqual(['3.5.b']);
    const refused = await expert().request('POST', `/api/evaluation-applications/${s.app.id}/sheet/submit`, { version });
    expect([refused.status, refused.json.message, refused.json.current]).toEqual([409, '还有1项未评分：3.5', { missing: ['3.5.b'] }]);
    const after = await t.db.db.selectFrom('expert_sheet').select(['status', 'answers_json']).where('id', '=', wang.id).executeTakeFirstOrThrow();
    // nothing changed: still open, the stored answer kept as it was (a plan declaring 3.5.b 合理缺项 would count it)
    expect([after.status, JSON.parse(after.answers_json)['3.5'].b]).toEqual(['open', 'na']);
    // answered by its rule, the sheet goes in
    const fixed = await expert().request('PUT', `/api/evaluation-applications/${s.app.id}/sheet/3.5/b`, { version, answer: true });
    expect(fixed.status, fixed.json.message).toBe(200);
    expect(fixed.json.missing).toEqual([]);
    expect((await expert().request('POST', `/api/evaluation-applications/${s.app.id}/sheet/submit`, { version: fixed.json.version })).status).toBe(200);
  });

  it('a "na" stored before the rule on 3.5.b and submitted does not prorate the 综合评价: it counts as no points, like no answer, and the total stays on 1060', async () => {
    const items = s.fw.sections.flatMap((x) => x.items.map((i) => i.code));
    // the sheets start afresh (the case above saved 王教授's 3.5.b)
    await t.db.db.deleteFrom('expert_sheet').where('application_id', '=', s.app.id).execute();
    for (const name of ['王教授', '李高工']) {
      const version = await scoreInFull(s.clients[name]!, s.app.id, s.fw, items);
      const submitted = await s.clients[name]!.request('POST', `/api/evaluation-applications/${s.app.id}/sheet/submit`, { version });
      expect(submitted.status, submitted.json.message).toBe(200);
    }
    // 王教授's sheet as one saved before undeclaredNaRefusal existed: 3.5.b answered "na" though the plan scores it
    const wang = await t.db.db.selectFrom('expert_sheet').select(['id', 'answers_json']).where('application_id', '=', s.app.id).where('expert_id', '=', s.experts['王教授']!).executeTakeFirstOrThrow();
    const answers = JSON.parse(wang.answers_json);
    answers['3.5'].b = 'na';
    await t.db.db.updateTable('expert_sheet').set({ answers_json: JSON.stringify(answers) }).where('id', '=', wang.id).execute();

    const c = (await s.office.request('GET', `/api/evaluation-applications/${s.app.id}/consolidation`)).json.consolidation;
    const item = c.items.find((i: any) => i.code === '3.5');
    // 王教授 20 (3.5.b's 5 points not earned, not left out of the item's 25), 李高工 25: mean 22.5 of 25
    expect(item.scores.map((x: any) => x.score).sort()).toEqual(['20', '25']);
    expect([item.points, item.maximum, item.combined]).toEqual(['25', '25', '22.5']);
    // nothing excluded, so nothing prorated: 1060 − 2.5, not 1057.5 × 1060 ÷ 1055
    expect([c.scale, c.notApplicablePoints, c.score, c.total]).toEqual(['1060', '0', '1057.5', '1057.5']);
  });
});
